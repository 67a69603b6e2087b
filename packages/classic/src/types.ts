import { InvalidArgumentError, Key as CoreKey, type AerospikeRecord, type DecodedBins } from '@aerospike-ts/core';
import { Record, type RecordMetadata } from './record.js';

/** A user key: string, integer or bytes. */
export type UserKey = string | number | bigint | Buffer | Uint8Array;
/** A key as aerospike_py writes it: `[namespace, set, userKey]`, optionally with the 20-byte digest. */
export type Key = readonly [namespace: string, set: string | null, userKey: UserKey | null] | readonly [namespace: string, set: string | null, userKey: UserKey | null, digest: Uint8Array];
/** A key as returned: `[namespace, set, userKey | null, digest]`. */
export type AerospikeKey = [namespace: string, set: string | null, userKey: string | number | bigint | Buffer | null, digest: Buffer];

/** One entry of a batch result. */
export interface BatchRecord<B = DecodedBins> {
  key: AerospikeKey;
  /** Result code (0 = OK). */
  result: number;
  record: Record<B> | null;
  in_doubt: boolean;
  /** Same as `record.bins` (null when no record). */
  bins: B | null;
  /** Same as `record.meta`. */
  meta: RecordMetadata | null;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (v instanceof Uint8Array) return `${v.length} bytes`;
  return typeof v;
}

/**
 * Converts an aerospike_py key tuple to a core key. `what` names the argument in errors
 * (`"put: key"`, `"batch_read: keys[2]"`).
 * @throws InvalidArgumentError (core's; the client turns it into InvalidArgError) on a bad tuple or a bad part of it.
 */
export function toCoreKey(key: unknown, what = 'key'): CoreKey {
  if (!Array.isArray(key) || key.length < 3 || key.length > 4) {
    throw new InvalidArgumentError(`${what} must be a tuple [namespace, set, userKey] (optionally with a digest), got ${describe(key)}`);
  }
  const ns: unknown = key[0];
  const set: unknown = key[1];
  const pk: unknown = key[2];
  const digest: unknown = key.length === 4 ? key[3] : undefined;
  if (set !== null && typeof set !== 'string') throw new InvalidArgumentError(`${what}: set must be a string or null, got ${describe(set)}`);
  if (digest !== undefined && !(digest instanceof Uint8Array)) throw new InvalidArgumentError(`${what}: digest must be 20 bytes (a Buffer or Uint8Array), got ${describe(digest)}`);
  try {
    return new CoreKey(ns as string, set, pk as UserKey | null, digest);
  } catch (err) {
    // core names the part (namespace, set name, user key, digest); add which argument it is
    if (err instanceof InvalidArgumentError) throw new InvalidArgumentError(`${what}: ${err.message}`, { cause: err });
    throw err;
  }
}

/**
 * Converts a list of key tuples; an error names the position (`"batch_read: keys[2]"`),
 * a string built only when a key is bad.
 */
export function toCoreKeys(keys: readonly unknown[], what: string): CoreKey[] {
  const out = new Array<CoreKey>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    try {
      out[i] = toCoreKey(keys[i], what);
    } catch {
      out[i] = toCoreKey(keys[i], `${what}[${i}]`); // throws again, naming the position
    }
  }
  return out;
}

/** Converts a core key to an aerospike_py key tuple. */
export function fromCoreKey(k: CoreKey): AerospikeKey {
  return [k.namespace, k.set, k.userKey, k.digest];
}

/** Converts a core record to a classic record. */
export function fromCoreRecord<B = DecodedBins>(r: AerospikeRecord): Record<B> {
  return new Record<B>(fromCoreKey(r.key), { gen: r.generation, ttl: r.ttl }, r.bins as B | null);
}
