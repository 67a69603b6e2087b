import fc from 'fast-check';
import { packValue } from '../../src/values/msgpack-writer';
import { unpackValue } from '../../src/values/msgpack-reader';
import { Double } from '../../src/values/double';
import { GeoJSON } from '../../src/values/geojson';
import { INT64_MAX, INT64_MIN } from '../../src/values/int64';
import { Key } from '../../src/keys/key';
import { writeRequest } from '../../src/command/single-requests';
import { DEFAULT_WRITE_POLICY } from '../../src/policy/policies';
import { decodeParticle } from '../../src/values/particle';
import { walkMessages } from '../helpers/fixtures';

const SEED = 20261122;

const int64 = fc.bigInt({ min: INT64_MIN, max: INT64_MAX });
const scalar = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  int64,
  fc.double({ noNaN: true }),
  fc.double({ noNaN: true }).map((d) => new Double(d)),
  fc.string({ unit: 'grapheme' }),
  fc.uint8Array({ maxLength: 20 }),
  fc.boolean(),
  fc.constant(null),
  fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true })).map(
    ([a, b]) => new GeoJSON({ type: 'Point', coordinates: [a, b] })
  )
);
const mapKey = fc.oneof(fc.maxSafeInteger(), int64, fc.string({ unit: 'grapheme' }), fc.uint8Array({ maxLength: 8 }));

const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map'), tie('obj')),
  list: fc.array(tie('v'), { maxLength: 5 }),
  map: fc.array(fc.tuple(mapKey, tie('v')), { maxLength: 5 }).map((e) => new Map(e)),
  obj: fc.dictionary(fc.string(), tie('v'), { maxKeys: 5 })
})).v;

/** What a value reads back as. */
function expected(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v) && !Object.is(v, -0)) return v;
    return Number.isInteger(v) || Object.is(v, -0) ? new Double(v) : v;
  }
  if (v instanceof Double) return Number.isInteger(v.value) ? new Double(v.value) : v.value;
  if (v instanceof Uint8Array) return Buffer.from(v);
  if (Array.isArray(v)) return v.map(expected);
  if (v instanceof Map || (v !== null && typeof v === 'object' && !(v instanceof GeoJSON))) {
    const entries: Array<[unknown, unknown]> = v instanceof Map ? [...v] : Object.entries(v as object);
    // Deduplicate keys that normalise to the same value (e.g. 1 and 1n), last one wins in a JS Map.
    const normalised = new Map<string, [unknown, unknown]>();
    for (const [k, val] of entries) normalised.set(keyId(k), [expected(k), expected(val)]);
    const sorted = [...normalised.values()].sort((a, b) => compareKeys(a[0], b[0]));
    return new Map(sorted);
  }
  return v;
}

function keyId(k: unknown): string {
  if (typeof k === 'number' || typeof k === 'bigint') return `i${BigInt(k)}`;
  if (typeof k === 'string') return `s${k}`;
  return `b${Buffer.from(k as Uint8Array).toString('hex')}`;
}

function rank(k: unknown): number {
  return typeof k === 'number' || typeof k === 'bigint' ? 0 : typeof k === 'string' ? 1 : 2;
}

function compareKeys(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return BigInt(a as number) < BigInt(b as number) ? -1 : BigInt(a as number) > BigInt(b as number) ? 1 : 0;
  if (ra === 1) return Buffer.compare(Buffer.from(a as string), Buffer.from(b as string));
  return Buffer.compare(a as Buffer, b as Buffer);
}

function hasDuplicateKeys(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasDuplicateKeys);
  if (v instanceof Map) {
    const ids = [...v.keys()].map(keyId);
    return new Set(ids).size !== ids.length || [...v.values()].some(hasDuplicateKeys);
  }
  if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array) && !(v instanceof Double) && !(v instanceof GeoJSON)) {
    return Object.values(v).some(hasDuplicateKeys);
  }
  return false;
}

describe('msgpack round trip (property)', () => {
  it('decode(encode(v)) equals v, type for type', () => {
    fc.assert(
      fc.property(value, (v) => {
        fc.pre(!hasDuplicateKeys(v));
        const decoded = unpackValue(packValue(v, 'v'));
        expect(decoded).toEqual(expected(v));
      }),
      { seed: SEED, numRuns: 400 }
    );
  });

  it('a bin value written by the encoder decodes back to the same value', () => {
    const key = new Key('test', 'prop', 1);
    fc.assert(
      fc.property(value, (v) => {
        fc.pre(!hasDuplicateKeys(v) && v !== null);
        const frame = writeRequest(key, DEFAULT_WRITE_POLICY, { b: v as never });
        const op = walkMessages(frame.subarray(8))[0]?.ops[0];
        const decoded = decodeParticle(op?.particle as number, op?.value as Buffer, 0, (op?.value as Buffer).length);
        expect(decoded).toEqual(expected(v));
      }),
      { seed: SEED, numRuns: 300 }
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
