/**
 * Property tests: every value type survives encode → decode, both as msgpack (list and
 * map elements, operation arguments) and as a top-level bin (a particle inside a whole
 * AS_MSG message read back by the record parser). Complements
 * packages/core/test/values/msgpack-property.test.ts (mixed trees, key order, truncation)
 * with one property per type, the edge values of each, and the bin-level path.
 */
import BN from 'bn.js';
import fc from 'fast-check';
import { encodeWrite } from '../../packages/core/src/command/encoder';
import type { HeaderSpec } from '../../packages/core/src/command/header-bits';
import { parseSingleReply } from '../../packages/core/src/command/record-parser';
import { InvalidArgumentError } from '../../packages/core/src/errors/client-errors';
import { Key } from '../../packages/core/src/keys/key';
import { Double } from '../../packages/core/src/values/double';
import { GeoJSON } from '../../packages/core/src/values/geojson';
import { HLL } from '../../packages/core/src/values/hll';
import { INT64_MAX, INT64_MIN } from '../../packages/core/src/values/int64';
import { unpackValue } from '../../packages/core/src/values/msgpack-reader';
import { packValue } from '../../packages/core/src/values/msgpack-writer';
import { INFINITY, SpecialValue, WILDCARD } from '../../packages/core/src/values/special';
import type { Bins } from '../../packages/core/src/values/value-types';
import { canonText } from './fuzz/canon';

const SEED = 9090;
const RUNS = 200;
const TWO_63 = 2 ** 63;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// ---------------------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------------------

/** msgpack round trip. */
function viaMsgpack(v: unknown, options?: { objects?: boolean; special?: boolean }): unknown {
  const b = packValue(v, 'v', { allowSpecial: options?.special === true });
  return unpackValue(b, 0, b.length, options?.objects === true ? { maps: 'object' } : undefined);
}

const KEY = new Key('test', 'roundtrip', 'k');
const HEADER: HeaderSpec = { info1: 0, info2: 1, info3: 0, info4: 0, generation: 0, ttl: 0, timeout: 0 };
const EXTRAS = { sendKey: false, filter: null, compress: false };

/**
 * Bin round trip through the wire format: a put request carries each bin as an op with a
 * particle, laid out exactly as in a reply, so the record parser reads it back.
 */
function viaBins(bins: Bins): Record<string, unknown> {
  const frame = encodeWrite(KEY, { ...HEADER }, EXTRAS, bins);
  const r = parseSingleReply(frame);
  return r.bins ?? {};
}

function viaBin(v: unknown): unknown {
  return viaBins({ v: v as never }).v;
}

/** Asserts type-exact equality (Double vs number, Buffer vs string, bigint vs number, key order). */
function same(actual: unknown, expected: unknown): void {
  expect(canonText(actual)).toBe(canonText(expected));
}

const normInt = (b: bigint): number | bigint => (b >= -MAX_SAFE && b <= MAX_SAFE ? Number(b) : b);

// ---------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------

const INT64_EDGES = [0n, 1n, -1n, 127n, 128n, -32n, -33n, -128n, -129n, 255n, 256n, 32767n, 32768n, -32768n, -32769n, 65535n, 65536n, 2n ** 31n - 1n, -(2n ** 31n), 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 53n) + 1n, -(2n ** 53n), -(2n ** 53n) - 1n, 2n ** 62n, INT64_MAX, INT64_MAX - 1n, INT64_MIN, INT64_MIN + 1n];
const int64 = fc.oneof(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), fc.constantFrom(...INT64_EDGES));
const DOUBLE_EDGES = [0, -0, NaN, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, Number.EPSILON, 0.1, 1.5, 2 ** 53, 2 ** 53 + 2, TWO_63, -TWO_63, 2 ** 64, 1e300];
const double = fc.oneof(fc.double(), fc.constantFrom(...DOUBLE_EDGES));
const ASTRAL = ['\u{1f600}', '\u{10ffff}', '\u{1d11e}', 'a\u{1f4a9}b', '\u{20000}'];
const string = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', '\u0000', 'é', '日本', ...ASTRAL, 'x'.repeat(31), 'y'.repeat(32), 'z'.repeat(255), 'w'.repeat(65536))
);
const bytes = fc.uint8Array({ maxLength: 64 });
/** Buffers and Uint8Arrays, including views into a larger buffer at an offset. */
const blob = fc.oneof(
  bytes.map((b) => Buffer.from(b)),
  bytes,
  fc.tuple(bytes, fc.nat({ max: 7 })).map(([b, pad]) => {
    const big = new Uint8Array(b.length + pad * 2);
    big.set(b, pad);
    return big.subarray(pad, pad + b.length);
  }),
  fc.constantFrom(Buffer.alloc(0), Buffer.alloc(300, 0xab), Buffer.alloc(70000, 7))
);
const geo = fc.oneof(
  fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true })).map(([x, y]) => new GeoJSON({ type: 'Point', coordinates: [x, y] })),
  fc.constant(new GeoJSON('{"type":"AeroCircle","coordinates":[[-122.5,37.7],300]}')),
  fc.constant(new GeoJSON({ type: 'Polygon', coordinates: [[[0, 0], [0, 1], [1, 1], [0, 0]]] }))
);
const mapKey = fc.oneof(fc.integer({ min: -1000, max: 1000 }), int64, fc.string({ unit: 'binary', maxLength: 8 }), fc.uint8Array({ maxLength: 6 }).map((b) => Buffer.from(b)));

function keyId(k: unknown): string {
  if (typeof k === 'number' || typeof k === 'bigint') return `i${BigInt(k)}`;
  if (typeof k === 'string') return `s${k}`;
  return `b${Buffer.from(k as Uint8Array).toString('hex')}`;
}

/** Sorting rule of key-ordered maps: integers, then strings (UTF-8 bytes), then bytes. */
function keyOrder(a: unknown, b: unknown): number {
  const rank = (k: unknown): number => (typeof k === 'number' || typeof k === 'bigint' ? 0 : typeof k === 'string' ? 1 : 2);
  const d = rank(a) - rank(b);
  if (d !== 0) return d;
  if (rank(a) === 0) return BigInt(a as number) < BigInt(b as number) ? -1 : BigInt(a as number) > BigInt(b as number) ? 1 : 0;
  if (rank(a) === 1) return Buffer.compare(Buffer.from(a as string), Buffer.from(b as string));
  return Buffer.compare(a as Buffer, b as Buffer);
}

// ---------------------------------------------------------------------------------------
// Scalars
// ---------------------------------------------------------------------------------------

describe('integers', () => {
  it('safe-integer numbers read back as the same number (msgpack and bin)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constantFrom(0, 1, -1, 127, 128, -32, -33, 255, 256, 65535, 65536, 2 ** 32, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER)), (n) => {
        same(viaMsgpack(n), n);
        same(viaBin(n), n);
      }),
      { seed: SEED, numRuns: RUNS }
    );
  });

  it('int64 bigints read back exactly: number when safe, else bigint (msgpack and bin)', () => {
    fc.assert(
      fc.property(int64, (b) => {
        same(viaMsgpack(b), normInt(b));
        same(viaBin(b), normInt(b));
      }),
      { seed: SEED, numRuns: RUNS }
    );
  });

  it('bn.js integers read back like the same bigint', () => {
    fc.assert(
      fc.property(int64, (b) => {
        const n = new BN(b.toString());
        same(viaMsgpack(n), normInt(b));
        same(viaBin(n), normInt(b));
      }),
      { seed: SEED, numRuns: RUNS }
    );
  });

  it('integral numbers beyond 2^53 inside the int64 range are sent as integers and read back exactly', () => {
    fc.assert(
      fc.property(int64.map(Number).filter((n) => n >= -TWO_63 && n < TWO_63), (n) => {
        same(viaMsgpack(n), normInt(BigInt(n)));
        same(viaBin(n), normInt(BigInt(n)));
      }),
      { seed: SEED, numRuns: RUNS }
    );
  });

  it('integers outside the int64 range are rejected, not wrapped', () => {
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: INT64_MAX + 1n, max: 2n ** 80n }), fc.bigInt({ min: -(2n ** 80n), max: INT64_MIN - 1n })), (b) => {
        expect(() => packValue(b, 'v')).toThrow(InvalidArgumentError);
        expect(() => viaBin(b)).toThrow(InvalidArgumentError);
        expect(() => viaBin(new BN(b.toString()))).toThrow(InvalidArgumentError);
      }),
      { seed: SEED, numRuns: 100 }
    );
  });
});

describe('doubles', () => {
  /** What a number sent as a value reads back as. */
  const expectedNumber = (d: number): unknown => {
    if (Number.isInteger(d) && !Object.is(d, -0) && d >= -TWO_63 && d < TWO_63) return normInt(BigInt(d)); // sent as an integer
    return Number.isInteger(d) || Object.is(d, -0) ? new Double(d) : d; // integral doubles come back as Double
  };

  it('numbers (-0, NaN, ±Infinity, subnormals included) read back with their value and type', () => {
    fc.assert(
      fc.property(double, (d) => {
        same(viaMsgpack(d), expectedNumber(d));
        same(viaBin(d), expectedNumber(d));
      }),
      { seed: SEED, numRuns: RUNS }
    );
  });

  it('Double always stays a double: integral values come back as Double, others as number', () => {
    fc.assert(
      fc.property(double, (d) => {
        const want = Number.isInteger(d) || Object.is(d, -0) ? new Double(d) : d;
        same(viaMsgpack(new Double(d)), want);
        same(viaBin(new Double(d)), want);
        // and a decoded Double written again keeps being a double
        same(viaBin(viaBin(new Double(d))), want);
      }),
      { seed: SEED, numRuns: RUNS }
    );
  });

  it('keeps the sign of zero and every NaN is NaN', () => {
    expect(Object.is((viaBin(-0) as Double).value, -0)).toBe(true);
    expect(Object.is((viaMsgpack(-0) as Double).value, -0)).toBe(true);
    expect(Number.isNaN(viaBin(NaN))).toBe(true);
    expect(viaMsgpack(Infinity)).toBe(Infinity);
    expect(viaBin(-Infinity)).toBe(-Infinity);
  });
});

describe('strings', () => {
  it('well-formed strings (astral characters included) read back unchanged', () => {
    fc.assert(
      fc.property(string, (s) => {
        same(viaMsgpack(s), s);
        same(viaBin(s), s);
      }),
      { seed: SEED, numRuns: RUNS }
    );
  });

  it('strings with a lone surrogate are rejected (they have no UTF-8 form)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 5 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 5 }), (a, unit, b) => {
        const s = a + String.fromCharCode(unit) + b;
        fc.pre(!s.isWellFormed());
        expect(() => packValue(s, 'v')).toThrow(InvalidArgumentError);
        expect(() => viaBin(s)).toThrow(InvalidArgumentError);
      }),
      { seed: SEED, numRuns: 100 }
    );
  });
});

describe('bytes', () => {
  it('Buffers and Uint8Arrays (views at an offset included) read back as a Buffer with the same bytes', () => {
    fc.assert(
      fc.property(blob, (b) => {
        const want = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
        same(viaMsgpack(b), want);
        same(viaBin(b), want);
      }),
      { seed: SEED, numRuns: RUNS }
    );
  });
});

describe('booleans and null', () => {
  it('read back unchanged', () => {
    for (const v of [true, false, null]) {
      same(viaMsgpack(v), v);
      same(viaMsgpack([v]), [v]);
    }
    same(viaBin(true), true);
    same(viaBin(false), false);
    same(viaBins({ a: null, b: 1 }), { a: null, b: 1 });
  });
});

describe('GeoJSON', () => {
  it('keeps its JSON text, in lists and maps and as a bin', () => {
    fc.assert(
      fc.property(geo, (g) => {
        const back = viaBin(g) as GeoJSON;
        expect(GeoJSON.isGeoJSON(back)).toBe(true);
        expect(back.value).toBe(g.value);
        same(viaMsgpack([g, new Map([[1, g]])]), [g, new Map([[1, g]])]);
      }),
      { seed: SEED, numRuns: 100 }
    );
  });
});

describe('HLL', () => {
  it('an HLL bin reads back as an HLL with the same bytes; inside a list it is bytes', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const back = viaBin(new HLL(b)) as HLL;
        expect(HLL.isHLL(back)).toBe(true);
        expect(back.bytes.equals(Buffer.from(b))).toBe(true);
        same(viaMsgpack([new HLL(b)]), [Buffer.from(b)]);
      }),
      { seed: SEED, numRuns: 100 }
    );
  });
});

describe('WILDCARD and INFINITY', () => {
  it('round-trip as the same sentinels where they are allowed (operation arguments)', () => {
    for (const v of [WILDCARD, INFINITY]) {
      expect(viaMsgpack(v, { special: true })).toBe(v);
      const list = viaMsgpack([1, v, 'a'], { special: true }) as unknown[];
      expect(list[1]).toBe(v);
      const map = viaMsgpack(new Map([['k', v]]), { special: true }) as Map<string, unknown>;
      expect(map.get('k')).toBe(v);
      expect(SpecialValue.isSpecial(v)).toBe(true);
    }
  });

  it('are refused in stored values', () => {
    for (const v of [WILDCARD, INFINITY]) {
      expect(() => packValue(v, 'v')).toThrow(InvalidArgumentError);
      expect(() => viaBin([v])).toThrow(InvalidArgumentError);
      expect(() => viaBin(v)).toThrow(InvalidArgumentError);
    }
  });
});

// ---------------------------------------------------------------------------------------
// Collections
// ---------------------------------------------------------------------------------------

const scalar = fc.oneof(fc.integer(), int64, double, string, blob, fc.boolean(), fc.constant(null), geo);

/** The value a tree reads back as (maps key-ordered, as the writer sends them). */
function expected(v: unknown, objects: boolean): unknown {
  if (typeof v === 'bigint') return normInt(v);
  if (typeof v === 'number') {
    if (Number.isInteger(v) && !Object.is(v, -0) && v >= -TWO_63 && v < TWO_63) return normInt(BigInt(v));
    return Number.isInteger(v) || Object.is(v, -0) ? new Double(v) : v;
  }
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  if (Array.isArray(v)) return v.map((x) => expected(x, objects));
  if (v instanceof Map) {
    const entries: Array<[unknown, unknown]> = [...v].map(([k, x]) => [expected(k, objects), expected(x, objects)]);
    entries.sort((a, b) => keyOrder(a[0], b[0]));
    if (objects && entries.every(([k]) => typeof k === 'string')) {
      const o: Record<string, unknown> = {};
      for (const [k, x] of entries) Object.defineProperty(o, k as string, { value: x, enumerable: true, writable: true, configurable: true });
      return o;
    }
    return new Map(entries);
  }
  return v;
}

const tree = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('v'), { maxLength: 6 }),
  map: fc.uniqueArray(fc.tuple(mapKey, tie('v')), { maxLength: 6, selector: ([k]) => keyId(k) }).map((e) => new Map(e))
})).v;

describe('lists and maps', () => {
  it('nested lists and maps with integer, string and bytes keys read back with types and key order', () => {
    fc.assert(
      fc.property(tree, (v) => {
        same(viaMsgpack(v), expected(v, false));
        if (Array.isArray(v) || v instanceof Map) same(viaBin(v), expected(v, false));
      }),
      { seed: SEED, numRuns: RUNS }
    );
  });

  it("with maps: 'object', only all-string-key maps become plain objects", () => {
    fc.assert(
      fc.property(tree, (v) => {
        same(viaMsgpack(v, { objects: true }), expected(v, true));
      }),
      { seed: SEED + 1, numRuns: RUNS }
    );
  });

  it('integer map keys keep their exact value beyond 2^53 (bigint keys)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(int64, { maxLength: 8 }), (keys) => {
        const m = new Map(keys.map((k, i) => [k, i]));
        const back = viaMsgpack(m) as Map<unknown, unknown>;
        expect([...back.keys()].map((k) => BigInt(k as number | bigint))).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      }),
      { seed: SEED, numRuns: RUNS }
    );
  });

  it('nesting up to 512 levels reads back; deeper is refused on both sides', () => {
    const deep = (n: number): unknown => {
      let v: unknown = 1;
      for (let i = 0; i < n; i++) v = i % 2 === 0 ? [v] : new Map([[i, v]]);
      return v;
    };
    same(viaMsgpack(deep(512)), expected(deep(512), false));
    same(viaBin(deep(512)), expected(deep(512), false));
    expect(() => packValue(deep(513), 'v')).toThrow(InvalidArgumentError);
  });

  it('every bin of a record reads back under its own name, in order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 15, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz_0123456789') }), tree), { minLength: 1, maxLength: 8, selector: ([n]) => n }), (entries) => {
        const bins: Record<string, unknown> = {};
        for (const [n, v] of entries) bins[n] = v;
        const back = viaBins(bins as Bins);
        const want: Record<string, unknown> = {};
        for (const n of Object.keys(bins)) {
          const v = bins[n];
          // top-level integral numbers beyond int64 and -0 are doubles; plain objects are maps
          want[n] = expected(v, false);
        }
        same(back, want);
      }),
      { seed: SEED, numRuns: 150 }
    );
  });
});
