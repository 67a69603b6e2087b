import { FeedResult, MessageSplitter, wholeMessagesEnd, type MessageSink } from '../../src/wire/message-splitter';
import { writeProtoHeader } from '../../src/wire/proto-header';
import { ParseError } from '../../src/errors/client-errors';
import { frameBytes, loadWire } from '../helpers/fixtures';
import { compressedFrame } from '../helpers/wire-frames';

/** An AS_MSG message: 22-byte header (info3, field and op counts) then the given fields and ops (size-prefixed payloads). */
function message(info3: number, fields: Buffer[], ops: Buffer[] = []): Buffer {
  const h = Buffer.alloc(22);
  h[0] = 22;
  h[3] = info3;
  h.writeUInt16BE(fields.length, 18);
  h.writeUInt16BE(ops.length, 20);
  const items = [...fields, ...ops].map((p) => {
    const b = Buffer.alloc(4 + p.length);
    b.writeUInt32BE(p.length, 0);
    p.copy(b, 4);
    return b;
  });
  return Buffer.concat([h, ...items]);
}

function frame(type: number, body: Buffer): Buffer {
  const f = Buffer.alloc(8 + body.length);
  writeProtoHeader(f, 0, type, body.length);
  body.copy(f, 8);
  return f;
}


const LAST = 1;

/** A sink that keeps every message it is handed (as a copy) and ends at a message with info3 LAST. */
class Collector implements MessageSink {
  readonly messages: string[] = [];
  calls = 0;
  onMessages(body: Buffer, start: number, end: number): boolean {
    this.calls++;
    let done = false;
    for (let p = start; p < end; ) {
      const e = nextEnd(body, p);
      if (e > end) throw new Error(`message at ${p} ends at ${e}, past the run's end ${end}`);
      this.messages.push(body.toString('hex', p, e));
      if (((body[p + 3] as number) & LAST) !== 0) {
        if (e !== end) throw new Error('the last message does not end the run');
        done = true;
      }
      p = e;
    }
    return done;
  }
}

/** The end of the one message at `p` (walking its sizes). */
function nextEnd(b: Buffer, p: number): number {
  let q = p + 22;
  for (let n = b.readUInt16BE(p + 18) + b.readUInt16BE(p + 20); n > 0; n--) q += 4 + b.readUInt32BE(q);
  return q;
}

/** Feeds `stream` in chunks of the given sizes (the last chunk takes what is left); returns the collector and the last feed result. */
function feedAll(stream: Buffer, sizes: number[], splitter = new MessageSplitter()): { sink: Collector; result: number } {
  const sink = new Collector();
  let result: number = FeedResult.MORE;
  let off = 0;
  for (let i = 0; off < stream.length; i++) {
    const n = i < sizes.length ? (sizes[i] as number) : stream.length - off;
    const piece = stream.subarray(off, off + n);
    result = splitter.feed(piece, sink);
    off += piece.length;
    if (result === FeedResult.DONE) expect(off).toBe(stream.length);
  }
  return { sink, result };
}

// three frames: two records, a big record (bigger than the 512-byte probe), then a frame
// with one more record and the LAST message
const r1 = message(0, [Buffer.from('test'), Buffer.alloc(20, 1)], [Buffer.from('op-one')]);
const r2 = message(0, [Buffer.from('test'), Buffer.alloc(20, 2)]);
const big = message(0, [Buffer.alloc(20, 3)], [Buffer.alloc(3000, 0xab), Buffer.alloc(10, 1)]);
const r3 = message(0, [Buffer.alloc(20, 4)]);
const last = message(LAST, []);
const expected = [r1, r2, big, r3, last].map((m) => m.toString('hex'));
const stream = Buffer.concat([frame(3, Buffer.concat([r1, r2])), frame(3, big), frame(3, Buffer.concat([r3, last]))]);

describe('wholeMessagesEnd', () => {
  it('returns the end of the last whole message of a run', () => {
    const run = Buffer.concat([r1, r2, big]);
    expect(wholeMessagesEnd(run, 0, run.length)).toBe(run.length);
    expect(wholeMessagesEnd(run, 0, run.length - 1)).toBe(r1.length + r2.length);
    expect(wholeMessagesEnd(run, r1.length, r1.length + 21)).toBe(r1.length);
    expect(wholeMessagesEnd(run, 0, 0)).toBe(0);
  });
});

describe('MessageSplitter', () => {
  it('hands out whole messages, in order, however the stream is cut in two', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const { sink, result } = feedAll(stream, [cut]);
      expect(result).toBe(FeedResult.DONE);
      expect(sink.messages).toEqual(expected);
    }
  });

  it('hands out the same messages for byte-by-byte and random chunking', () => {
    const { sink } = feedAll(stream, new Array<number>(stream.length).fill(1));
    expect(sink.messages).toEqual(expected);
    let seed = 7;
    for (let round = 0; round < 200; round++) {
      const sizes: number[] = [];
      for (let total = 0; total < stream.length; ) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const n = 1 + (seed % 900);
        sizes.push(n);
        total += n;
      }
      expect(feedAll(stream, sizes).sink.messages).toEqual(expected);
    }
  });

  it('hands a chunk of whole messages over as one run, viewing the chunk', () => {
    const s = new MessageSplitter();
    const calls: Array<[Buffer, number, number]> = [];
    const f = frame(3, Buffer.concat([r1, r2, last]));
    expect(s.feed(f, { onMessages: (b, start, end) => (calls.push([b, start, end]), true) })).toBe(FeedResult.DONE);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]).toBe(f);
    expect([calls[0]?.[1], calls[0]?.[2]]).toEqual([8, f.length]);
  });

  it('hands a message longer than a chunk over once, whole', () => {
    // 3 kB message in 100-byte chunks: the sink is called for it exactly once
    const { sink } = feedAll(stream, new Array<number>(Math.ceil(stream.length / 100)).fill(100));
    expect(sink.messages).toEqual(expected);
    expect(sink.calls).toBeLessThanOrEqual(5);
  });

  it('joins a long message once, however many chunks and ops it spans', () => {
    // 50 ops of 600 bytes (each longer than the join margin) in 100-byte chunks: the sizes
    // are read through the kept pieces, and the message is copied when it is whole
    const long = message(0, [Buffer.alloc(20, 9)], Array.from({ length: 50 }, (_, i) => Buffer.alloc(600, i)));
    const s2 = Buffer.concat([frame(3, long), frame(3, last)]);
    const concat = jest.spyOn(Buffer, 'concat');
    try {
      const { sink, result } = feedAll(s2, new Array<number>(Math.ceil(s2.length / 100)).fill(100));
      expect(result).toBe(FeedResult.DONE);
      expect(sink.messages).toEqual([long, last].map((m) => m.toString('hex')));
      // the long message, and at most the units cut at the two frame boundaries
      expect(concat.mock.calls.length).toBeLessThanOrEqual(3);
    } finally {
      concat.mockRestore();
    }
  });

  it('inflates compressed frames and hands out their messages', () => {
    const s = Buffer.concat([frame(3, r1), compressedFrame(frame(3, Buffer.concat([r2, big]))), compressedFrame(frame(3, Buffer.concat([r3, last])))]);
    for (const size of [1, 5, 64, 1000, s.length]) {
      const { sink, result } = feedAll(s, new Array<number>(Math.ceil(s.length / size)).fill(size));
      expect(result).toBe(FeedResult.DONE);
      expect(sink.messages).toEqual(expected);
    }
  });

  it('counts what it holds and is reusable after the end', () => {
    const s = new MessageSplitter();
    const sink = new Collector();
    expect(s.feed(stream.subarray(0, 40), sink)).toBe(FeedResult.MORE);
    expect(s.buffered).toBe(40 - 8);
    expect(s.feed(stream.subarray(40), sink)).toBe(FeedResult.DONE);
    expect(s.buffered).toBe(0);
    expect(feedAll(stream, [100], s).sink.messages).toEqual(expected);
  });

  it('stops handing out messages once the sink resets it', () => {
    const s = new MessageSplitter();
    let calls = 0;
    const three = Buffer.concat([frame(3, r1), frame(3, r2), frame(3, last)]);
    const sink = { onMessages: (): boolean => (calls++, s.reset(), false) };
    expect(s.feed(three, sink)).toBe(FeedResult.STOPPED);
    expect(calls).toBe(1);
    expect(s.buffered).toBe(0);
    // and from a split unit
    calls = 0;
    const t = new MessageSplitter();
    const sink2 = { onMessages: (): boolean => (calls++, t.reset(), false) };
    expect(t.feed(three.subarray(0, 20), sink2)).toBe(FeedResult.MORE);
    expect(t.feed(three.subarray(20), sink2)).toBe(FeedResult.STOPPED);
    expect(calls).toBe(1);
  });

  it('rejects bytes after the last message', () => {
    expect(() => feedAll(Buffer.concat([stream, Buffer.from([2])]), [stream.length + 1])).toThrow(/1 unexpected bytes after the end of the reply/);
    // the extra bytes in the chunk after the one that ended the reply
    const s = new MessageSplitter();
    const sink = new Collector();
    s.feed(stream.subarray(0, stream.length - 10), sink);
    expect(() => s.feed(Buffer.concat([stream.subarray(stream.length - 10), Buffer.alloc(3)]), sink)).toThrow(/3 unexpected bytes/);
  });

  it('rejects a last message that does not end its frame', () => {
    const s = frame(3, Buffer.concat([last, r1]));
    expect(() => feedAll(s, [s.length - 5])).toThrow(ParseError);
  });

  it('rejects a message that runs past its frame, whole or still arriving', () => {
    const cutShort = Buffer.concat([frame(3, r1.subarray(0, r1.length - 2)), frame(3, last)]);
    expect(() => feedAll(cutShort, [cutShort.length])).toThrow(/runs past the end of its frame/);
    // its sizes already say it cannot fit: rejected before the rest arrives
    expect(() => feedAll(cutShort, [30])).toThrow(/runs past the end of its frame/);
  });

  it('rejects other message types, a bad header size byte and a bad proto header', () => {
    expect(() => feedAll(frame(1, Buffer.from('node\n')), [])).toThrow(/expected a data reply \(type 3\), got message type 1/);
    const bad = Buffer.from(r1);
    bad[0] = 21;
    expect(() => feedAll(frame(3, bad), [])).toThrow(/header size is 21/);
    expect(() => feedAll(Buffer.from('0303000000000000', 'hex'), [])).toThrow(/protocol version 3/);
    expect(() => feedAll(compressedFrame(frame(2, Buffer.alloc(4))), [])).toThrow(/got message type 2/);
  });

  it('hands out the messages of recorded scan and query replies as whole frames do', () => {
    const steps = loadWire('query-scan-sindex').steps.filter((s) => /^(query|scan)_/.test(s.name));
    let checked = 0;
    for (const step of steps) {
      for (const ex of step.exchanges) {
        if (ex.responses.some((r) => r.truncated !== undefined) || ex.responses.length === 0) continue;
        const frames = ex.responses.map((r) => frameBytes(r));
        const wanted: string[] = [];
        for (const f of frames) for (let p = 8; p < f.length; p = nextEnd(f, p)) wanted.push(f.toString('hex', p, nextEnd(f, p)));
        const all = Buffer.concat(frames);
        for (const size of [3, 97, 4096]) {
          const sink = new Collector();
          const s = new MessageSplitter();
          for (let off = 0; off < all.length; off += size) s.feed(all.subarray(off, off + size), sink);
          expect(sink.messages).toEqual(wanted);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});
