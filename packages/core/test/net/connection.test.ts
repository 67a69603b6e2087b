import { createServer, type Server, type Socket } from 'node:net';
import { Connection } from '../../src/net/connection';
import type * as timers from 'node:timers';
import { ConnectionError, ParseError, TimeoutError } from '../../src/errors/client-errors';

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

describe('Connection reply framing and streams', () => {
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

  /** A reply frame with a `size`-byte body of varied bytes, and its pieces of `piece` bytes (one server write each). */
  function longReply(size: number, piece: number): { whole: Buffer; pieces: Buffer[] } {
    const body = Buffer.alloc(size);
    for (let i = 0; i < size; i++) body[i] = (i * 7) % 251;
    const whole = frame(body);
    const pieces: Buffer[] = [];
    for (let p = 0; p < whole.length; p += piece) pieces.push(whole.subarray(p, p + piece));
    return { whole, pieces };
  }

  it('a long single reply is read straight into one buffer of its size', async () => {
    const { whole, pieces } = longReply(300_000, 7000);
    await open(() => pieces);
    const alloc = jest.spyOn(Buffer, 'allocUnsafe');
    try {
      const r = await conn.request(Buffer.from('big'), 2000, 0);
      expect(r.equals(whole)).toBe(true);
      // one buffer for the frame: no copy per read, no join at the end
      expect(alloc.mock.calls.filter(([size]) => size > 1000)).toEqual([[whole.length]]);
    } finally {
      alloc.mockRestore();
    }
    // the connection is reusable
    expect((await conn.request(Buffer.from('big'), 2000, 0)).equals(whole)).toBe(true);
  });

  it('a single reply over 1 MiB is read into a buffer that grows as it fills', async () => {
    const { whole, pieces } = longReply(2_500_000, 100_000);
    await open(() => pieces);
    const alloc = jest.spyOn(Buffer, 'allocUnsafe');
    try {
      expect((await conn.request(Buffer.from('huge'), 5000, 0)).equals(whole)).toBe(true);
      // 1 MiB ahead of the first read, then doubling: never the claimed size before the data
      const sizes = alloc.mock.calls.map(([size]) => size).filter((size) => size > 100_000);
      expect(sizes[0]).toBeLessThanOrEqual(100_000 + 1024 * 1024);
      expect(sizes.length).toBeLessThanOrEqual(3);
      expect(sizes[sizes.length - 1]).toBe(whole.length);
    } finally {
      alloc.mockRestore();
    }
  });

  it('bytes after a long single reply close the connection before it can be reused', async () => {
    // the socket reads a long reply into a buffer of exactly its size, so the stray bytes
    // come in the next read: the reply stands, the connection is closed by them
    const whole = frame(Buffer.alloc(100_000, 5));
    let first = true;
    await open(() => (first ? ((first = false), [whole.subarray(0, 30_000), Buffer.concat([whole.subarray(30_000), Buffer.from([9, 9])])]) : [frame(Buffer.from('next'))]));
    expect((await conn.request(Buffer.from('x'), 2000, 0)).equals(whole)).toBe(true);
    await expect(conn.request(Buffer.from('y'), 2000, 0)).rejects.toThrow();
    expect(conn.isOpen).toBe(false);
  });

  it('a reply handler that throws closes the connection; the error never escapes into the socket', async () => {
    await open((req) => [frame(req)]);
    let replied = (): void => undefined;
    const got = new Promise<void>((resolve) => (replied = resolve));
    conn.send(Buffer.from('x'), 2000, 0, {
      onReply(): void {
        replied();
        throw new Error('a bug in the handler');
      },
      onFailure(): void {}
    });
    await got;
    expect(conn.isOpen).toBe(false);
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

  // streams to a message sink (scan/query replies)

  type Sink = { onMessages(b: Buffer, s: number, e: number): boolean };

  /** A sink handing each message's field data (`b[start, end)`) to `take`; the LAST message ends the stream. */
  function sinkOf(take: (b: Buffer, start: number, end: number) => void): Sink {
    return {
      onMessages(b: Buffer, start: number, end: number): boolean {
        let last = false;
        for (let p = start; p < end; ) {
          const size = b.readUInt32BE(p + 22);
          take(b, p + 26, p + 26 + size);
          last = ((b[p + 3] as number) & 1) === 1;
          p += 26 + size;
        }
        return last;
      }
    };
  }

  /** Collects the field data of every message handed out as strings. */
  function collector(): { sink: Sink; got: string[] } {
    const got: string[] = [];
    const sink = sinkOf((b, start, end) => got.push(b.toString('utf8', start, end)));
    return { sink, got };
  }

  it('hands out the messages of several frames cut at odd places, then is reusable', async () => {
    const stream = Buffer.concat([frame(Buffer.concat([msg(Buffer.from('a')), msg(Buffer.alloc(3000, 98))])), frame(Buffer.concat([msg(Buffer.from('c')), msg(Buffer.from('end'), true)]))]);
    await open(() => [stream.subarray(0, 5), stream.subarray(5, 40), stream.subarray(40, 2000), stream.subarray(2000)]);
    for (let i = 0; i < 3; i++) {
      const { sink, got } = collector();
      await conn.stream(Buffer.from('q'), sink, 2000, 0);
      expect(got).toEqual(['a', 'b'.repeat(3000), 'c', 'end']);
      expect(conn.isOpen).toBe(true);
    }
  });

  it('bytes after the last message fail the stream and close the connection', async () => {
    await open(() => [Buffer.concat([frame(msg(Buffer.from('end'), true)), Buffer.from([2, 3])])]);
    await expect(conn.stream(Buffer.from('q'), collector().sink, 2000, 0)).rejects.toThrow(/2 unexpected bytes after the end of the reply/);
    expect(conn.isOpen).toBe(false);
  });

  it('a sink that closes the connection mid-reply ends the stream with that error, once', async () => {
    // three frames in one write: without the close, the sink would be called three times
    await open(() => [Buffer.concat([frame(msg(Buffer.from('a'))), frame(msg(Buffer.from('b'))), frame(msg(Buffer.from('end'), true))])]);
    let calls = 0;
    const sink = {
      onMessages(): boolean {
        calls++;
        conn.close(new Error('cancelled by the consumer'));
        return false;
      }
    };
    await expect(conn.stream(Buffer.from('q'), sink, 2000, 0)).rejects.toThrow('cancelled by the consumer');
    expect(calls).toBe(1);
    expect(conn.isOpen).toBe(false);
  });

  // plain TCP sockets read into buffers the connection provides (one shared between
  // single replies): what a request hands out must never change afterwards

  it('single replies handed out stay intact while later replies arrive on this and other connections', async () => {
    await open((req) => [frame(req)]);
    const other = await Connection.open({ host: '127.0.0.1', port: (server.address() as { port: number }).port, connectTimeout: 2000 });
    try {
      const kept: Buffer[] = [];
      for (let i = 0; i < 30; i++) {
        const c = i % 2 === 0 ? conn : other;
        kept.push(await c.request(Buffer.alloc(100 + i, i), 2000, 0));
      }
      // both at once: the two replies are read one after the other into the same buffer
      const [a, b] = await Promise.all([conn.request(Buffer.alloc(50, 200), 2000, 0), other.request(Buffer.alloc(60, 201), 2000, 0)]);
      expect(a).toEqual(frame(Buffer.alloc(50, 200)));
      expect(b).toEqual(frame(Buffer.alloc(60, 201)));
      kept.forEach((f, i) => expect(f).toEqual(frame(Buffer.alloc(100 + i, i))));
    } finally {
      other.close();
    }
  });

  it('stream messages handed out as views stay intact after the stream, small reads and large', async () => {
    // 200 messages of 1,000 bytes in 4 frames, written 50,000 bytes at a time (reads of 16 KiB
    // or more into a connection's own buffer keep it; the rest are copied out)
    const body = (i: number): Buffer => Buffer.alloc(1000, i % 251);
    const frames: Buffer[] = [];
    for (let f = 0; f < 4; f++) frames.push(frame(Buffer.concat(Array.from({ length: 50 }, (_, j) => msg(body(f * 50 + j), f * 50 + j === 199)))));
    const stream = Buffer.concat(frames);
    // the first stream starts with a large piece, the second with small ones
    const large: Buffer[] = [];
    for (let p = 0; p < stream.length; p += 50_000) large.push(stream.subarray(p, Math.min(p + 50_000, stream.length)));
    const small = [stream.subarray(0, 7), stream.subarray(7, 100), stream.subarray(100, 50_000), ...large.slice(1)];
    let streams = 0;
    // between the streams: large single replies
    await open((req) => (req.toString() === 'q' ? (streams++ === 0 ? large : small) : [frame(Buffer.alloc(30_000, req[0]))]));
    /** A sink keeping each message's data as a view, as record values are kept. */
    const keeper = (views: Buffer[]): Sink => sinkOf((b, start, end) => views.push(b.subarray(start, end)));
    const views: Buffer[] = [];
    await conn.stream(Buffer.from('q'), keeper(views), 2000, 0);
    for (let i = 0; i < 5; i++) expect((await conn.request(Buffer.from([100 + i]), 2000, 0)).equals(frame(Buffer.alloc(30_000, 100 + i)))).toBe(true);
    const again: Buffer[] = [];
    await conn.stream(Buffer.from('q'), keeper(again), 2000, 0);
    expect(views.length).toBe(200);
    expect(views.filter((v, i) => !v.equals(body(i))).length).toBe(0);
    expect(again.filter((v, i) => !v.equals(body(i))).length).toBe(0);
  });

  it('a stream paused by its sink gets the rest of its messages after resume()', async () => {
    const frames = Array.from({ length: 20 }, (_, i) => frame(msg(Buffer.alloc(5000, i), i === 19)));
    await open(() => frames);
    const got: number[] = [];
    const inner = sinkOf((b, start) => got.push(b[start] as number));
    const sink = {
      onMessages(b: Buffer, start: number, end: number): boolean {
        const last = inner.onMessages(b, start, end);
        conn.pause();
        setImmediate(() => conn.resume());
        return last;
      }
    };
    await conn.stream(Buffer.from('q'), sink, 2000, 0);
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(conn.isOpen).toBe(true);
  });

  // one timer per connection, left running between requests

  it('requests in a row share one timer; a later request due sooner still times out on time', async () => {
    let answer = true;
    await open((req) => (answer ? [frame(req)] : []));
    // the module object the connection calls setTimeout on
    const armed = jest.spyOn(jest.requireActual<typeof timers>('node:timers'), 'setTimeout');
    try {
      const deadline = Date.now() + 60_000;
      for (let i = 0; i < 50; i++) await conn.request(Buffer.from([i]), 0, deadline);
      expect(armed).toHaveBeenCalledTimes(1);
      // the timer still armed fires in about a minute; this request's deadline is 50 ms away
      answer = false;
      const t0 = Date.now();
      await expect(conn.request(Buffer.from('late'), 0, Date.now() + 50)).rejects.toThrow(TimeoutError);
      expect(Date.now() - t0).toBeLessThan(30_000);
      expect(conn.isOpen).toBe(false);
    } finally {
      armed.mockRestore();
    }
  });

  it('a server that closes the socket mid-request fails the request with a ConnectionError', async () => {
    const s = createServer((sock: Socket) => sock.on('data', () => sock.destroy()));
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    server = s;
    conn = await Connection.open({ host: '127.0.0.1', port: (s.address() as { port: number }).port, connectTimeout: 2000 });
    await expect(conn.request(Buffer.from('x'), 0, 0)).rejects.toThrow(ConnectionError);
    expect(conn.isOpen).toBe(false);
  });
});

/** An AS_MSG message with one field holding `data`; info3 bit 0 (LAST) when `last`. */
function msg(data: Buffer, last = false): Buffer {
  const h = Buffer.alloc(22);
  h[0] = 22;
  h[3] = last ? 1 : 0;
  h.writeUInt16BE(1, 18);
  const f = Buffer.alloc(4 + data.length);
  f.writeUInt32BE(data.length, 0);
  data.copy(f, 4);
  return Buffer.concat([h, f]);
}
