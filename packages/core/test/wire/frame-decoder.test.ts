import { FrameDecoder } from '../../src/wire/frame-decoder';
import { writeProtoHeader, checkReplyHeader } from '../../src/wire/proto-header';
import { ParseError } from '../../src/errors/client-errors';

function frame(type: number, body: Buffer): Buffer {
  const f = Buffer.alloc(8 + body.length);
  writeProtoHeader(f, 0, type, body.length);
  body.copy(f, 8);
  return f;
}

describe('proto header', () => {
  it('writes version 2, the type and a 48-bit big-endian length', () => {
    const b = Buffer.alloc(8);
    writeProtoHeader(b, 0, 3, 0x0102030405);
    expect(b.toString('hex')).toBe('0203000102030405');
  });

  it('rejects a wrong version, an unknown type and an oversized length', () => {
    expect(() => checkReplyHeader(Buffer.from('0103000000000000', 'hex'), 0)).toThrow(ParseError);
    expect(() => checkReplyHeader(Buffer.from('0209000000000000', 'hex'), 0)).toThrow(/unknown message type 9/);
    // 2^47 bytes: rejected, never allocated
    expect(() => checkReplyHeader(Buffer.from('0203800000000000', 'hex'), 0)).toThrow(/over the/);
  });
});

describe('FrameDecoder', () => {
  const a = frame(3, Buffer.from('hello'));
  const b = frame(1, Buffer.from('node\tA1\n'));
  const c = frame(3, Buffer.alloc(0));
  const stream = Buffer.concat([a, b, c]);

  it('returns whole frames whatever the chunking', () => {
    for (let size = 1; size <= stream.length; size++) {
      const d = new FrameDecoder();
      const out: string[] = [];
      for (let i = 0; i < stream.length; i += size) {
        d.push(stream.subarray(i, i + size));
        for (let f = d.next(); f !== undefined; f = d.next()) out.push(f.toString('hex'));
      }
      expect(out).toEqual([a.toString('hex'), b.toString('hex'), c.toString('hex')]);
      expect(d.buffered).toBe(0);
    }
  });

  it('returns a view, not a copy, when a frame sits inside one chunk', () => {
    const d = new FrameDecoder();
    d.push(stream);
    const f = d.next() as Buffer;
    expect(f.buffer).toBe(stream.buffer);
  });

  it('throws ParseError on a corrupt header and can be reset', () => {
    const d = new FrameDecoder();
    d.push(Buffer.from('0703000000000001ff', 'hex'));
    expect(() => d.next()).toThrow(ParseError);
    d.reset();
    d.push(a);
    expect(d.next()?.equals(a)).toBe(true);
  });

  it('honours a custom body limit', () => {
    const d = new FrameDecoder(4);
    d.push(a);
    expect(() => d.next()).toThrow(/5-byte body/);
  });
});
