/**
 * A reply whose proto header claims a huge body (2^47 bytes, or just over the 128 MiB
 * cap) is rejected from its 8-byte header: nothing is allocated for it, and the
 * connection that read it is closed.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { ConnectionError, ParseError } from '../../packages/core/src/errors/client-errors';
import { Connection } from '../../packages/core/src/net/connection';
import { MAX_REPLY_BODY } from '../../packages/core/src/wire/constants';
import { FrameDecoder } from '../../packages/core/src/wire/frame-decoder';

function header(type: number, length: number): Buffer {
  const h = Buffer.alloc(8);
  h[0] = 2;
  h[1] = type;
  h.writeUIntBE(length, 2, 6);
  return h;
}

/** Largest Buffer allocation made while `fn` runs. */
async function largestAllocation(fn: () => Promise<void> | void): Promise<number> {
  let largest = 0;
  const spies = (['alloc', 'allocUnsafe', 'allocUnsafeSlow'] as const).map((m) => {
    const orig = Buffer[m].bind(Buffer) as (n: number) => Buffer;
    return jest.spyOn(Buffer, m).mockImplementation(((n: number) => {
      largest = Math.max(largest, n);
      return orig(n);
    }) as never);
  });
  try {
    await fn();
  } finally {
    for (const s of spies) s.mockRestore();
  }
  return largest;
}

describe('frame size cap', () => {
  it.each([
    ['2^47 bytes', 2 ** 47],
    ['2^48 - 1 bytes', 2 ** 48 - 1],
    ['128 MiB + 1 byte', MAX_REPLY_BODY + 1]
  ])('the frame decoder rejects a header claiming %s', async (_, length) => {
    for (const type of [1, 2, 3, 4]) {
      const d = new FrameDecoder();
      const biggest = await largestAllocation(() => {
        d.push(Buffer.concat([header(type, length), Buffer.alloc(100)]));
        expect(() => d.next()).toThrow(ParseError);
      });
      expect(biggest).toBeLessThan(1024);
    }
  });

  it('a header split across chunks is checked once all 8 bytes are in', () => {
    const d = new FrameDecoder();
    const h = header(3, 2 ** 47);
    for (let i = 0; i < 7; i++) {
      d.push(h.subarray(i, i + 1));
      expect(d.next()).toBeUndefined();
    }
    d.push(h.subarray(7));
    expect(() => d.next()).toThrow(/claims a 140737488355328-byte body, over the 134217728-byte limit/);
  });

  describe('a connection', () => {
    let server: Server;
    let reply: (s: Socket) => void = () => undefined;
    let port = 0;
    beforeAll(async () => {
      server = createServer((s) => {
        s.on('error', () => undefined);
        s.once('data', () => reply(s));
      });
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      port = (server.address() as { port: number }).port;
    });
    afterAll(async () => {
      server.close();
      await once(server, 'close');
    });

    it('rejects a reply claiming 2^47 bytes without allocating for it, and closes', async () => {
      reply = (s) => s.write(Buffer.concat([header(3, 2 ** 47), Buffer.alloc(64, 1)]));
      const conn = await Connection.open({ host: '127.0.0.1', port, connectTimeout: 2000 });
      let err: unknown;
      const biggest = await largestAllocation(async () => {
        err = await conn.request(Buffer.concat([header(3, 22), Buffer.alloc(22)]), 5000, 0).catch((e: unknown) => e);
      });
      expect(err).toBeInstanceOf(ParseError);
      expect((err as Error).message).toMatch(/over the 134217728-byte limit/);
      expect(conn.isOpen).toBe(false);
      expect(biggest).toBeLessThan(64 * 1024);
    });

    it('a reply claiming 100 MiB that stops short allocates at most 1 MiB ahead of what arrived', async () => {
      reply = (s) => s.end(Buffer.concat([header(3, 100 * 1024 * 1024), Buffer.alloc(4096, 1)]));
      const conn = await Connection.open({ host: '127.0.0.1', port, connectTimeout: 2000 });
      let err: unknown;
      const biggest = await largestAllocation(async () => {
        err = await conn.request(Buffer.concat([header(3, 22), Buffer.alloc(22)]), 5000, 0).catch((e: unknown) => e);
      });
      expect(err).toBeInstanceOf(ConnectionError);
      expect(conn.isOpen).toBe(false);
      // a long reply's buffer reaches 1 MiB beyond the received bytes (4,104 here), no further
      expect(biggest).toBeLessThanOrEqual(4104 + 1024 * 1024);
    });
  });
});
