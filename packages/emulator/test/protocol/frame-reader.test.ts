import { frame, FrameError, FrameReader } from '../../src/protocol/frame-reader';

describe('FrameReader', () => {
  it('splits frames across arbitrary chunk boundaries', () => {
    const a = frame(1, Buffer.from('node\n'));
    const b = frame(3, Buffer.alloc(22, 7));
    const all = Buffer.concat([a, b]);
    const r = new FrameReader();
    const got = [];
    for (let i = 0; i < all.length; i += 3) got.push(...r.push(all.subarray(i, i + 3)));
    expect(got.map((f) => [f.type, f.body.length])).toEqual([
      [1, 5],
      [3, 22]
    ]);
    expect(got[0]?.body.toString()).toBe('node\n');
  });

  it('refuses a wrong version and an oversized length before buffering the body', () => {
    const bad = frame(1, Buffer.from('x'));
    bad[0] = 9;
    expect(() => new FrameReader().push(bad)).toThrow(FrameError);
    const big = Buffer.alloc(8);
    big[0] = 2;
    big[1] = 3;
    big.writeUIntBE(1025, 2, 6);
    expect(() => new FrameReader(1024).push(big)).toThrow(/exceeds/);
  });
});
