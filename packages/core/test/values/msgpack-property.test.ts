import BN from 'bn.js';
import fc from 'fast-check';
import { packValue } from '../../src/values/msgpack-writer.js';
import { MsgPackReader, unpackValue } from '../../src/values/msgpack-reader.js';
import { Double } from '../../src/values/double.js';
import { GeoJSON } from '../../src/values/geojson.js';
import { HLL } from '../../src/values/hll.js';
import { INT64_MAX, INT64_MIN, isBN } from '../../src/values/int64.js';
import { InvalidArgumentError, ParseError } from '../../src/errors/client-errors.js';
import { Key } from '../../src/keys/key.js';
import { writeRequest } from '../../src/command/single-requests.js';
import { DEFAULT_WRITE_POLICY } from '../../src/policy/policies.js';
import { decodeParticle } from '../../src/values/particle.js';
import { walkMessages } from '../helpers/fixtures.js';

const SEED = 20261122;
const RUNS = 300;
const TWO_63 = 2 ** 63;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// ---------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------

const INT64_EDGES = [
  0n, 1n, -1n, 127n, 128n, 255n, 256n, -32n, -33n, -128n, -129n, 65535n, 65536n, -32768n, -32769n,
  2n ** 31n - 1n, -(2n ** 31n), -(2n ** 31n) - 1n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n,
  -(2n ** 53n) + 1n, -(2n ** 53n), -(2n ** 53n) - 1n, 2n ** 62n, INT64_MAX, INT64_MIN
];
const int64 = fc.oneof(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), fc.constantFrom(...INT64_EDGES));
const bn = int64.map((b) => new BN(b.toString()));
const number = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double(),
  int64.map(Number), // integral, often beyond 2^53 (and 2^63 after rounding INT64_MAX)
  fc.constantFrom(-0, NaN, Infinity, -Infinity, TWO_63, -TWO_63, 1e300, 0.1, 2 ** 53, -(2 ** 53))
);
const LONG_STRINGS = ['a'.repeat(63), 'a'.repeat(64), 'b'.repeat(254), 'c'.repeat(65534), 'd'.repeat(65535), 'é'.repeat(40000)];
const string = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 20, maxLength: 80 }) },
  { weight: 1, arbitrary: fc.constantFrom(...LONG_STRINGS) }
);
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 40 }),
  fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
  fc.constantFrom(Buffer.alloc(0), Buffer.alloc(300, 1), Buffer.alloc(70000, 2))
);
const scalar = fc.oneof(
  number,
  int64,
  bn,
  fc.oneof(fc.double(), fc.integer()).map((d) => new Double(d)),
  string,
  bytes,
  fc.boolean(),
  fc.constant(null),
  fc
    .tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }))
    .map(([a, b]) => new GeoJSON({ type: 'Point', coordinates: [a, b] })),
  fc.uint8Array({ maxLength: 20 }).map((b) => new HLL(b))
);
const mapKey = fc.oneof(
  fc.integer({ min: -40, max: 300 }),
  int64,
  int64.map(Number).filter((n) => n >= -TWO_63 && n < TWO_63),
  bn,
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.uint8Array({ maxLength: 4 })
);

/** Identity of a map key after normalisation (1, 1n and BN(1) are the same key). */
function keyId(k: unknown): string {
  if (typeof k === 'number' || typeof k === 'bigint') return `i${BigInt(k)}`;
  if (isBN(k)) return `i${k.toString()}`;
  if (typeof k === 'string') return `s${k}`;
  return `b${Buffer.from(k as Uint8Array).toString('hex')}`;
}

const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map'), tie('obj')),
  list: fc.array(tie('v'), { maxLength: 5 }),
  map: fc.uniqueArray(fc.tuple(mapKey, tie('v')), { maxLength: 6, selector: ([k]) => keyId(k) }).map((e) => new Map(e)),
  obj: fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), tie('v'), { maxKeys: 6 })
})).v;

// ---------------------------------------------------------------------------------------
// The normalised form a value reads back as, and a strict canonical form to compare
// ---------------------------------------------------------------------------------------

interface Shape {
  /** Maps are written KEY_ORDERED (sorted). */
  readonly ordered: boolean;
  /** The reader was asked for plain objects. */
  readonly objects: boolean;
}

function normInt(b: bigint): number | bigint {
  return b >= -MAX_SAFE && b <= MAX_SAFE ? Number(b) : b;
}

/** Key order, by an independent route: UTF-8 encodings compared with Buffer.compare. */
function rank(k: unknown): number {
  return typeof k === 'number' || typeof k === 'bigint' ? 0 : typeof k === 'string' ? 1 : 2;
}
function compareRef(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return BigInt(a as number) < BigInt(b as number) ? -1 : BigInt(a as number) > BigInt(b as number) ? 1 : 0;
  if (ra === 1) return Buffer.compare(Buffer.from(a as string, 'utf8'), Buffer.from(b as string, 'utf8'));
  return Buffer.compare(a as Buffer, b as Buffer);
}

function expected(v: unknown, shape: Shape): unknown {
  if (typeof v === 'bigint') return normInt(v);
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v) && !Object.is(v, -0)) return v;
    if (Number.isInteger(v) && v >= -TWO_63 && v < TWO_63 && !Object.is(v, -0)) return normInt(BigInt(v));
    return Number.isInteger(v) || Object.is(v, -0) ? new Double(v) : v;
  }
  if (v === null || typeof v !== 'object') return v;
  if (isBN(v)) return normInt(BigInt(v.toString()));
  if (v instanceof Double) return Number.isInteger(v.value) ? new Double(v.value) : v.value;
  if (v instanceof HLL) return Buffer.from(v.bytes);
  if (v instanceof GeoJSON) return v;
  if (v instanceof Uint8Array) return Buffer.from(v);
  if (Array.isArray(v)) return v.map((x) => expected(x, shape));
  const entries: Array<[unknown, unknown]> = [];
  if (v instanceof Map) for (const [k, x] of v) entries.push([expected(k, shape), expected(x, shape)]);
  else for (const k of Object.keys(v)) entries.push([k, expected((v as Record<string, unknown>)[k], shape)]);
  if (shape.ordered) entries.sort((a, b) => compareRef(a[0], b[0]));
  if (shape.objects && entries.every(([k]) => typeof k === 'string')) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of entries) Object.defineProperty(o, k as string, { value: x, enumerable: true, writable: true, configurable: true });
    return o;
  }
  return new Map(entries);
}

/** A structural form that keeps every type distinction and every order (unlike toEqual). */
function canon(x: unknown): unknown {
  if (x === null) return null;
  switch (typeof x) {
    case 'number':
      return ['num', Object.is(x, -0) ? '-0' : String(x)];
    case 'bigint':
      return ['big', String(x)];
    case 'string':
      return ['str', x];
    case 'boolean':
      return ['bool', x];
    default:
  }
  if (Buffer.isBuffer(x)) return ['buf', x.toString('hex')];
  if (x instanceof Double) return ['dbl', Object.is(x.value, -0) ? '-0' : String(x.value)];
  if (x instanceof GeoJSON) return ['geo', x.value];
  if (x instanceof HLL) return ['hll', x.bytes.toString('hex')];
  if (Array.isArray(x)) return ['arr', x.map(canon)];
  if (x instanceof Map) return ['map', [...x].map(([k, y]) => [canon(k), canon(y)])];
  if (typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
    return ['obj', Object.keys(x).map((k) => [k, canon((x as Record<string, unknown>)[k])])];
  }
  return ['other', Object.prototype.toString.call(x)];
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

describe('msgpack round trip (property)', () => {
  it('decode(encode(v)) equals the normalised v, type for type and in sorted key order', () => {
    fc.assert(
      fc.property(value, (v) => {
        const decoded = unpackValue(packValue(v, 'v'));
        expect(canon(decoded)).toEqual(canon(expected(v, { ordered: true, objects: false })));
      }),
      { seed: SEED, numRuns: RUNS }
    );
  });

  it("with maps: 'object', all-string-key maps come back as plain objects", () => {
    fc.assert(
      fc.property(value, (v) => {
        const b = packValue(v, 'v');
        const decoded = unpackValue(b, 0, b.length, { maps: 'object' });
        expect(canon(decoded)).toEqual(canon(expected(v, { ordered: true, objects: true })));
      }),
      { seed: SEED + 1, numRuns: RUNS }
    );
  });

  it('keyOrderedMaps: false keeps insertion order', () => {
    fc.assert(
      fc.property(value, (v) => {
        const decoded = unpackValue(packValue(v, 'v', { keyOrderedMaps: false }));
        expect(canon(decoded)).toEqual(canon(expected(v, { ordered: false, objects: false })));
      }),
      { seed: SEED + 2, numRuns: RUNS }
    );
  });

  it('string keys are sorted by their UTF-8 bytes (astral characters included)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 30 }), (keys) => {
        const o: Record<string, number> = {};
        keys.forEach((k, i) => Object.defineProperty(o, k, { value: i, enumerable: true }));
        const decoded = unpackValue(packValue(o, 'v')) as Map<string, number>;
        const sorted = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        expect([...decoded.keys()]).toEqual(sorted);
      }),
      { seed: SEED + 3, numRuns: RUNS }
    );
  });

  it('maps with keys that collide after normalisation are rejected', () => {
    const alias = (k: unknown): fc.Arbitrary<unknown> => {
      if (k instanceof Uint8Array) return fc.constant(Uint8Array.from(k));
      const b = isBN(k) ? BigInt(k.toString()) : BigInt(k as number | bigint);
      const forms: unknown[] = [b, new BN(b.toString())];
      if (Number.isSafeInteger(Number(b)) || (Number(b) < TWO_63 && BigInt(Number(b)) === b)) forms.push(Number(b));
      return fc.constantFrom(...forms);
    };
    // A Map cannot hold one string twice, so only integer and bytes keys can collide.
    const colliding = mapKey
      .filter((k) => typeof k !== 'string')
      .chain((k) => fc.tuple(fc.constant(k), alias(k)))
      .filter(([a, b]) => a !== b);
    fc.assert(
      fc.property(colliding, fc.boolean(), ([a, b], ordered) => {
        const m = new Map<unknown, unknown>([[a, 1], ['other', 2], [b, 3]]);
        expect(() => packValue(m, 'v', { keyOrderedMaps: ordered })).toThrow(InvalidArgumentError);
        expect(() => packValue(m, 'v', { keyOrderedMaps: ordered })).toThrow(/duplicate map key/);
      }),
      { seed: SEED + 4, numRuns: RUNS }
    );
  });

  it('skipValue consumes exactly the bytes readValue does', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const buf = Buffer.concat([packValue(a, 'a'), packValue(b, 'b')]);
        const r1 = new MsgPackReader(buf);
        const r2 = new MsgPackReader(buf);
        r1.readValue();
        r2.skipValue();
        expect(r2.offset).toBe(r1.offset);
        expect(canon(r1.readValue())).toEqual(canon(expected(b, { ordered: true, objects: false })));
        expect(r1.offset).toBe(buf.length);
      }),
      { seed: SEED + 5, numRuns: RUNS }
    );
  });

  it('every truncation of an encoding is a ParseError', () => {
    fc.assert(
      fc.property(value, fc.nat(), (v, cut) => {
        const b = packValue(v, 'v');
        const end = cut % b.length;
        expect(() => unpackValue(b, 0, end)).toThrow(ParseError);
        expect(() => new MsgPackReader(b, 0, end).skipValue()).toThrow(ParseError);
      }),
      { seed: SEED + 6, numRuns: RUNS }
    );
  });

  it('a bin value written by the command encoder decodes back to the same value', () => {
    const key = new Key('test', 'prop', 1);
    /** Top-level bins use particles, not msgpack: integral numbers beyond 2^53 are DOUBLE, HLL stays HLL. */
    const top = (v: unknown): unknown => {
      if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) return new Double(v);
      if (v instanceof HLL) return new HLL(Buffer.from(v.bytes));
      return expected(v, { ordered: true, objects: false });
    };
    fc.assert(
      fc.property(
        value.filter((v) => v !== null),
        (v) => {
          const frame = writeRequest(key, DEFAULT_WRITE_POLICY, { b: v as never });
          const op = walkMessages(frame.subarray(8))[0]?.ops[0];
          const buf = op?.value as Buffer;
          const decoded = decodeParticle(op?.particle as number, buf, 0, buf.length);
          expect(canon(decoded)).toEqual(canon(top(v)));
        }
      ),
      { seed: SEED + 7, numRuns: RUNS }
    );
  });

  it('digests do not depend on how an integer key is written', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(new Key('ns', 's', n).digest.equals(new Key('ns', 's', BigInt(n)).digest)).toBe(true);
      }),
      { seed: SEED, numRuns: 200 }
    );
  });
});
