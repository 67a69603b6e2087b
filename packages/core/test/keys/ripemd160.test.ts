import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { ripemd160 } from '../../src/keys/ripemd160';
import { computeDigest } from '../../src/keys/key';

const native = (b: Uint8Array): string => createHash('ripemd160').update(b).digest('hex');

describe('ripemd160', () => {
  // The test vectors of the RIPEMD-160 specification (Dobbertin, Bosselaers, Preneel).
  it.each([
    ['', '9c1185a5c5e9fc54612808977ee8f548b2258d31'],
    ['a', '0bdc9d2d256b3ee9daae347be6f4dc835a467ffe'],
    ['abc', '8eb208f7e05d987a9b044a8e98c6b087f15a0bfc'],
    ['message digest', '5d0689ef49d2fae572b881b123a85ffa21595f36'],
    ['abcdefghijklmnopqrstuvwxyz', 'f71c27109c692c1b56bbdceb5b9d2865b3708dbc'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '12a053384a9c0c88e405a06c27dcf49ada62eb2b'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'b0e20b6e3116640286ed3a87a5713079b21f5189'],
    ['1234567890'.repeat(8), '9b752e45573d4b39f4dbd3323cab82bf63326bfb']
  ])('spec vector %p', (message, digest) => {
    expect(ripemd160(Buffer.from(message, 'latin1')).toString('hex')).toBe(digest);
  });

  it('spec vector: a million times "a"', () => {
    expect(ripemd160(Buffer.alloc(1_000_000, 'a')).toString('hex')).toBe('52783243c1697bdbe16d37f97f68f08325dc1528');
  });

  it('equals node:crypto for every length across the padding boundaries (0–200 bytes)', () => {
    for (let n = 0; n <= 200; n++) {
      const b = randomBytes(n);
      expect(ripemd160(b).toString('hex')).toBe(native(b));
    }
  });

  it('equals node:crypto on random inputs (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), (b) => ripemd160(b).toString('hex') === native(b)),
      { numRuns: 500 }
    );
  });

  it('hashes a range of its input and writes into a given buffer at an offset', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.nat(), (b, x, y) => {
        const start = b.length === 0 ? 0 : x % (b.length + 1);
        const end = start + (b.length === 0 ? 0 : y % (b.length - start + 1));
        const out = Buffer.alloc(30, 0xee);
        expect(ripemd160(b, start, end, out, 7)).toBe(out);
        expect(out.subarray(7, 27).toString('hex')).toBe(native(b.subarray(start, end)));
        expect(out[6]).toBe(0xee);
        expect(out[27]).toBe(0xee);
      }),
      { numRuns: 200 }
    );
  });

  it('returns a new 20-byte buffer per call', () => {
    const a = ripemd160(Buffer.from('x'));
    const b = ripemd160(Buffer.from('y'));
    expect(a).toHaveLength(20);
    expect(a.equals(b)).toBe(false);
    expect(a.toString('hex')).toBe(native(Buffer.from('x')));
  });
});

describe('computeDigest', () => {
  const reference = (set: string | null, type: number, value: Buffer): string =>
    createHash('ripemd160').update(Buffer.concat([Buffer.from(set ?? '', 'utf8'), Buffer.from([type]), value])).digest('hex');

  it('string keys and set names (any Unicode, incl. long ones) hash as set ‖ 3 ‖ UTF-8 key', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ unit: 'grapheme', maxLength: 63 })), fc.string({ unit: 'grapheme', maxLength: 2000 }), (set, k) => {
        expect(computeDigest(set, k).toString('hex')).toBe(reference(set, 3, Buffer.from(k, 'utf8')));
      }),
      { numRuns: 300 }
    );
  });

  it('integer keys hash as set ‖ 1 ‖ 8-byte big-endian', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (set, k) => {
        const v = Buffer.alloc(8);
        v.writeBigInt64BE(k);
        const key = k >= BigInt(Number.MIN_SAFE_INTEGER) && k <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(k) : k;
        expect(computeDigest(set, key).toString('hex')).toBe(reference(set, 1, v));
      }),
      { numRuns: 300 }
    );
  });

  it('byte keys (up to 100 KB, growing the scratch buffer) hash as set ‖ 4 ‖ bytes', () => {
    for (const n of [0, 1, 55, 56, 64, 1000, 100_000]) {
      const b = randomBytes(n);
      expect(computeDigest('s', b).toString('hex')).toBe(reference('s', 4, b));
    }
  });
});

describe('computeDigest across calls (the set name is kept between keys of one set)', () => {
  const reference = (set: string | null, k: string): string =>
    createHash('ripemd160').update(Buffer.concat([Buffer.from(set ?? '', 'utf8'), Buffer.from([3]), Buffer.from(k, 'utf8')])).digest('hex');

  it('any sequence of sets (incl. none, and one long enough to grow the buffer) and keys', () => {
    const sets = fc.constantFrom<string | null>(null, 's', 'set', 'sét', 'x'.repeat(63), '');
    fc.assert(
      fc.property(fc.array(fc.tuple(sets, fc.oneof(fc.string({ maxLength: 30 }), fc.constant('k'.repeat(3000)))), { minLength: 1, maxLength: 20 }), (calls) => {
        for (const [set, k] of calls) expect(computeDigest(set, k).toString('hex')).toBe(reference(set, k));
      }),
      { numRuns: 300 }
    );
  });
});
