import { createServer, type Server, type Socket } from 'node:net';
import { Connection } from '../../src/net/connection';
import { ParseError } from '../../src/errors/client-errors';

/** A reply frame: proto header (version 2, type 3) and `body`. */
function frame(body: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h[0] = 2;
  h[1] = 3;
  h.writeUIntBE(body.length, 2, 6);
  return Buffer.concat([h, body]);
}

/** A server that answers each request with what `reply` writes (one socket write per array item). */
async function serve(reply: (request: Buffer) => Buffer[]): Promise<{ server: Server; port: number }> {
  const server = createServer((s: Socket) => {
    s.setNoDelay(true);
    s.on('data', (req) => {
      const parts = reply(req);
      let i = 0;
      const next = (): void => {
        const p = parts[i++];
        if (p === undefined) return;
        s.write(p);
        setImmediate(next); // separate writes usually arrive as separate chunks; either way the reply must be the same
      };
      next();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return { server, port: typeof addr === 'object' && addr !== null ? addr.port : 0 };
}

describe('Connection reply framing', () => {
  let server: Server;
  let conn: Connection;
  afterEach(async () => {
    conn.close();
    await new Promise((r) => server.close(r));
  });

  async function open(reply: (request: Buffer) => Buffer[]): Promise<void> {
    const s = await serve(reply);
    server = s.server;
    conn = await Connection.open({ host: '127.0.0.1', port: s.port, connectTimeout: 2000 });
  }

  it('a reply in one chunk resolves with exactly that frame, request after request', async () => {
    await open((req) => [frame(req)]);
    for (let i = 0; i < 20; i++) {
      const body = Buffer.from(`request ${i}`);
      expect(await conn.request(body, 2000, 0)).toEqual(frame(body));
    }
  });

  it('a reply split over several chunks resolves with the whole frame', async () => {
    await open((req) => {
      const f = frame(Buffer.concat([req, Buffer.alloc(5000, 7)]));
      return [f.subarray(0, 3), f.subarray(3, 11), f.subarray(11, 4000), f.subarray(4000)];
    });
    const r = await conn.request(Buffer.from('x'), 2000, 0);
    expect(r).toEqual(frame(Buffer.concat([Buffer.from('x'), Buffer.alloc(5000, 7)])));
    expect(conn.isOpen).toBe(true);
  });

  it('bytes after the reply fail the request and close the connection', async () => {
    await open((req) => [Buffer.concat([frame(req), Buffer.from([1, 2, 3])])]);
    await expect(conn.request(Buffer.from('y'), 2000, 0)).rejects.toThrow(ParseError);
    expect(conn.isOpen).toBe(false);
  });

  it('a bad header in a single chunk fails the request', async () => {
    await open(() => [Buffer.from([9, 3, 0, 0, 0, 0, 0, 0])]);
    await expect(conn.request(Buffer.from('z'), 2000, 0)).rejects.toThrow(/protocol version 9/);
    expect(conn.isOpen).toBe(false);
  });
});
