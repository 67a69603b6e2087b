import { compressRequest, decompressFrame } from '../../src/wire/compression';
import { writeProtoHeader } from '../../src/wire/proto-header';
import { ParseError } from '../../src/errors/client-errors';
import { deflateSync } from 'node:zlib';
import { compressedFrame } from '../helpers/wire-frames';

function msg(len: number): Buffer {
  const f = Buffer.alloc(8 + len, 0x61);
  writeProtoHeader(f, 0, 3, len);
  return f;
}

describe('compression', () => {
  it('leaves small requests alone', () => {
    const f = msg(100);
    expect(compressRequest(f)).toBe(f);
  });

  it('compresses a large request into a type-4 frame that inflates to the original', () => {
    const f = msg(4000);
    const z = compressRequest(f);
    expect(z[0]).toBe(2);
    expect(z[1]).toBe(4);
    expect(z.readUIntBE(2, 6)).toBe(z.length - 8);
    expect(Number(z.readBigUInt64BE(8))).toBe(f.length);
    expect(decompressFrame(z).equals(f)).toBe(true);
  });

  it('keeps the original when compression would not shrink it', () => {
    const f = msg(300);
    let x = 0x9e3779b9;
    for (let i = 8; i < f.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      f[i] = x & 0xff;
    }
    expect(compressRequest(f)).toBe(f);
  });

  it('rejects inconsistent or hostile compressed frames', () => {
    const inner = msg(50);
    const z = deflateSync(inner);
    const bad = Buffer.alloc(16 + z.length);
    writeProtoHeader(bad, 0, 4, 8 + z.length);
    bad.writeBigUInt64BE(BigInt(inner.length + 1), 8);
    z.copy(bad, 16);
    expect(() => decompressFrame(bad)).toThrow(ParseError);
    bad.writeBigUInt64BE(2n ** 47n, 8);
    expect(() => decompressFrame(bad)).toThrow(/declares an uncompressed size/);
    const garbage = Buffer.alloc(30, 0x55);
    writeProtoHeader(garbage, 0, 4, 22);
    garbage.writeBigUInt64BE(100n, 8);
    expect(() => decompressFrame(garbage)).toThrow(/does not inflate/);
  });

  it('rejects a compressed frame whose inner frame is not one whole uncompressed frame (fuzz regression)', () => {
    const wrap = compressedFrame;
    const inner = msg(40);
    expect(decompressFrame(wrap(inner)).equals(inner)).toBe(true);
    // inner header claims 2^47 body bytes
    const huge = Buffer.from(inner);
    huge.writeUIntBE(2 ** 47, 2, 6);
    expect(() => decompressFrame(wrap(huge))).toThrow(ParseError);
    // inner header claims fewer bytes than follow it
    const short = Buffer.from(inner);
    short.writeUIntBE(10, 2, 6);
    expect(() => decompressFrame(wrap(short))).toThrow(/header claims 10 body bytes, but 40 follow/);
    // a bad version byte, and a compressed frame inside a compressed frame
    const v3 = Buffer.from(inner);
    v3[0] = 3;
    expect(() => decompressFrame(wrap(v3))).toThrow(ParseError);
    expect(() => decompressFrame(wrap(wrap(msg(200))))).toThrow(/another compressed frame/);
  });
});
