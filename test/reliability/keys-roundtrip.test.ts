/**
 * Property tests for keys: string, integer and bytes user keys have a stable digest
 * (RIPEMD-160 over set ‖ particle type ‖ key bytes, computed here independently), the same
 * digest whatever JS type carries the key, and a key written into a request (namespace,
 * set, digest and user key fields) reads back unchanged through the wire record parser.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import BN from 'bn.js';
import fc from 'fast-check';
import { encodeRead } from '../../packages/core/src/command/encoder';
import { parseQueryFrame, type QueryRecord } from '../../packages/core/src/command/query-command';
import { InvalidArgumentError } from '../../packages/core/src/errors/client-errors';
import { Key, partitionIdOf } from '../../packages/core/src/keys/key';
import { INT64_MAX, INT64_MIN } from '../../packages/core/src/values/int64';

const SEED = 4242;
const RUNS = 200;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The digest, computed without the client's code. */
function referenceDigest(set: string | null, key: string | bigint | Uint8Array): Buffer {
  const h = createHash('ripemd160');
  if (set !== null && set !== '') h.update(Buffer.from(set, 'utf8'));
  if (typeof key === 'string') h.update(Buffer.concat([Buffer.from([3]), Buffer.from(key, 'utf8')]));
  else if (typeof key === 'bigint') {
    const b = Buffer.alloc(9);
    b[0] = 1;
    b.writeBigInt64BE(key, 1);
    h.update(b);
  } else h.update(Buffer.concat([Buffer.from([4]), key]));
  return h.digest();
}

/** A key written into a request and read back as a scan/query record would be. */
function viaWire(k: Key): Key {
  const frame = encodeRead(k, { info1: 1, info2: 0, info3: 0, info4: 0, generation: 0, ttl: 0, timeout: 0 }, { sendKey: true, filter: null, compress: false }, []);
  const out: QueryRecord[] = [];
  const code = parseQueryFrame(frame, 'ignored', undefined, { record: (pid, digest, _bval, rec) => {
    expect(pid).toBe(k.partitionId);
    expect(digest.equals(k.digest)).toBe(true);
    out.push(rec);
  }, partitionDone: () => undefined });
  expect(code).toBeUndefined();
  expect(out).toHaveLength(1);
  return (out[0] as QueryRecord).key;
}

function expectSameKey(a: Key, b: Key): void {
  expect(a.namespace).toBe(b.namespace);
  expect(a.set).toBe(b.set);
  expect(a.digest.equals(b.digest)).toBe(true);
  if (Buffer.isBuffer(b.userKey)) expect(Buffer.isBuffer(a.userKey) && a.userKey.equals(b.userKey)).toBe(true);
  else expect(a.userKey).toBe(b.userKey);
}

const name = (max: number): fc.Arbitrary<string> => fc.string({ unit: 'binary', minLength: 1, maxLength: max }).filter((s) => Buffer.byteLength(s) <= max);
const namespace = fc.oneof(fc.constantFrom('test', 'bar', 'n'.repeat(31)), name(31));
const set = fc.oneof(fc.constantFrom(null, '', 'set', 's'.repeat(63), 'é\u{1f600}'), name(63));
const stringKey = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('', '\u{1f600}', 'k'.repeat(3000)));
const INT_EDGES = [0n, 1n, -1n, 255n, 256n, 2n ** 31n, -(2n ** 31n) - 1n, 2n ** 53n - 1n, 2n ** 53n, -(2n ** 53n), 2n ** 62n, INT64_MAX, INT64_MIN];
const int64 = fc.oneof(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), fc.constantFrom(...INT_EDGES));
const bytesKey = fc.uint8Array({ maxLength: 64 });

describe('key digests', () => {
  it('string keys: digest = RIPEMD-160(set ‖ 3 ‖ UTF-8), astral characters included', () => {
    fc.assert(
      fc.property(set, stringKey, (s, k) => {
        expect(new Key('test', s, k).digest.equals(referenceDigest(s, k))).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS }
    );
  });

  it('integer keys: digest = RIPEMD-160(set ‖ 1 ‖ int64 big-endian), the same for number, bigint and BN', () => {
    fc.assert(
      fc.property(set, int64, (s, b) => {
        const want = referenceDigest(s, b);
        expect(new Key('test', s, b).digest.equals(want)).toBe(true);
        expect(new Key('test', s, new BN(b.toString())).digest.equals(want)).toBe(true);
        if (b >= -MAX_SAFE && b <= MAX_SAFE) expect(new Key('test', s, Number(b)).digest.equals(want)).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS }
    );
  });

  it('bytes keys: digest = RIPEMD-160(set ‖ 4 ‖ bytes), the same for Buffer, Uint8Array and views', () => {
    fc.assert(
      fc.property(set, bytesKey, fc.nat({ max: 5 }), (s, b, pad) => {
        const want = referenceDigest(s, b);
        const backing = new Uint8Array(b.length + pad * 2);
        backing.set(b, pad);
        for (const form of [Buffer.from(b), b, backing.subarray(pad, pad + b.length)]) expect(new Key('test', s, form).digest.equals(want)).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS }
    );
  });

  it('the namespace is not hashed; no set and the empty set are the same; the partition is the low 12 bits', () => {
    fc.assert(
      fc.property(namespace, namespace, stringKey, (a, b, k) => {
        const ka = new Key(a, null, k);
        expect(new Key(b, '', k).digest.equals(ka.digest)).toBe(true);
        expect(ka.partitionId).toBe(partitionIdOf(ka.digest));
        expect(ka.partitionId).toBe(((ka.digest[0] as number) | ((ka.digest[1] as number) << 8)) & 0xfff);
      }),
      { seed: SEED, numRuns: RUNS }
    );
  });

  it('keys that have no exact wire form are refused', () => {
    for (const bad of [1.5, NaN, Infinity, 2n ** 63n, -(2n ** 63n) - 1n, '\ud800', true, {}, [1]]) {
      expect(() => new Key('test', 's', bad as never)).toThrow(InvalidArgumentError);
    }
  });

  it('matches every digest the official client recorded', () => {
    const dir = join(__dirname, '..', '..', 'packages', 'core', 'test', 'fixtures', 'data', 'wire');
    const keys = new Map<string, { ns: string; set: string | null; key: unknown; digest: string }>();
    const walk = (x: unknown): void => {
      if (x === null || typeof x !== 'object') return;
      const k = (x as { $key?: { ns: string; set: string | null; key: unknown; digest?: string } }).$key;
      if (k?.digest !== undefined && (typeof k.key === 'string' || typeof k.key === 'number' || (typeof k.key === 'object' && k.key !== null && '$bytes' in k.key))) keys.set(JSON.stringify(k), k as never);
      for (const v of Object.values(x)) walk(v);
    };
    for (const f of ['kv', 'batch', 'operate-cdt', 'misc', 'udf', 'query-scan-sindex']) {
      const doc = JSON.parse(readFileSync(join(dir, `${f}.json`), 'utf8')) as { steps: Array<{ input: unknown }> };
      walk(doc.steps.map((s) => s.input));
    }
    expect(keys.size).toBeGreaterThan(10);
    for (const k of keys.values()) {
      const user = typeof k.key === 'object' ? Buffer.from((k.key as { $bytes: string }).$bytes, 'hex') : (k.key as string | number);
      expect(new Key(k.ns, k.set, user).digest.toString('hex')).toBe(k.digest);
    }
  });
});

describe('keys on the wire', () => {
  it('string keys read back through the record parser', () => {
    fc.assert(
      fc.property(namespace, set, stringKey, (ns, s, k) => {
        const key = new Key(ns, s, k);
        expectSameKey(viaWire(key), key);
      }),
      { seed: SEED, numRuns: RUNS }
    );
  });

  it('integer keys read back exactly (number when safe, else bigint)', () => {
    fc.assert(
      fc.property(namespace, set, int64, (ns, s, b) => {
        const key = new Key(ns, s, b);
        const back = viaWire(key);
        expectSameKey(back, key);
        expect(back.userKey).toBe(b >= -MAX_SAFE && b <= MAX_SAFE ? Number(b) : b);
      }),
      { seed: SEED, numRuns: RUNS }
    );
  });

  it('bytes keys read back as a Buffer with the same bytes', () => {
    fc.assert(
      fc.property(namespace, set, bytesKey, (ns, s, b) => {
        const key = new Key(ns, s, b);
        expectSameKey(viaWire(key), key);
      }),
      { seed: SEED, numRuns: RUNS }
    );
  });

  it('a digest-only key reads back with its digest and no user key', () => {
    fc.assert(
      fc.property(namespace, set, fc.uint8Array({ minLength: 20, maxLength: 20 }), (ns, s, d) => {
        const key = Key.fromDigest(ns, s, d);
        const back = viaWire(key);
        expectSameKey(back, key);
        expect(back.userKey).toBeNull();
      }),
      { seed: SEED, numRuns: 100 }
    );
  });
});
