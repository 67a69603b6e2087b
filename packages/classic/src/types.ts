import { InvalidArgumentError, Key as CoreKey, type AerospikeRecord, type DecodedBins, type DecodedValue } from '@aerospike-ts/core';

/** A user key: string, integer or bytes. */
export type UserKey = string | number | bigint | Buffer | Uint8Array;
/** A key as aerospike_py writes it: `[namespace, set, userKey]`, optionally with the 20-byte digest. */
export type Key = readonly [namespace: string, set: string | null, userKey: UserKey | null] | readonly [namespace: string, set: string | null, userKey: UserKey | null, digest: Uint8Array];
/** A key as returned: `[namespace, set, userKey | null, digest]`. */
export type AerospikeKey = [namespace: string, set: string | null, userKey: string | number | bigint | Buffer | null, digest: Buffer];

/** Record metadata. `ttl` is -1 (TTL_NEVER_EXPIRE) when the record never expires. */
export interface RecordMetadata {
  gen: number;
  ttl: number;
}

/** A record; destructures as `[key, meta, bins]` too. */
export class Record<B = DecodedBins> {
  key: AerospikeKey | null;
  meta: RecordMetadata | null;
  bins: B | null;
  constructor(key: AerospikeKey | null, meta: RecordMetadata | null, bins: B | null) {
    this.key = key;
    this.meta = meta;
    this.bins = bins;
  }
  *[Symbol.iterator](): IterableIterator<AerospikeKey | RecordMetadata | B | null> {
    yield this.key;
    yield this.meta;
    yield this.bins;
  }
}

/** Result of `exists`: `meta` is null when the record does not exist. */
export class ExistsResult {
  key: AerospikeKey | null;
  meta: RecordMetadata | null;
  constructor(key: AerospikeKey | null, meta: RecordMetadata | null) {
    this.key = key;
    this.meta = meta;
  }
  *[Symbol.iterator](): IterableIterator<AerospikeKey | RecordMetadata | null> {
    yield this.key;
    yield this.meta;
  }
}

/** One `(name, value)` result of `operate_ordered`. */
export interface BinTuple {
  name: string;
  value: DecodedValue;
}

/** Result of `operate_ordered`; destructures as `[key, meta, ordered_bins]`. */
export class OperateOrderedResult {
  key: AerospikeKey | null;
  meta: RecordMetadata | null;
  ordered_bins: BinTuple[];
  constructor(key: AerospikeKey | null, meta: RecordMetadata | null, ordered: BinTuple[]) {
    this.key = key;
    this.meta = meta;
    this.ordered_bins = ordered;
  }
  *[Symbol.iterator](): IterableIterator<AerospikeKey | RecordMetadata | BinTuple[] | null> {
    yield this.key;
    yield this.meta;
    yield this.ordered_bins;
  }
}

/** One entry of a batch result. */
export interface BatchRecord {
  key: AerospikeKey;
  /** Result code (0 = OK). */
  result: number;
  record: Record | null;
  in_doubt: boolean;
  /** Same as `record.bins` (null when no record). */
  bins: DecodedBins | null;
  /** Same as `record.meta`. */
  meta: RecordMetadata | null;
}

/** Converts an aerospike_py key tuple to a core key. */
export function toCoreKey(key: unknown, what = 'key'): CoreKey {
  if (!Array.isArray(key) || key.length < 3 || key.length > 4) {
    throw new InvalidArgumentError(`${what} must be a tuple [namespace, set, userKey] (optionally with a digest), got ${Array.isArray(key) ? `a list of ${key.length}` : typeof key}`);
  }
  const [ns, set, pk, digest] = key as unknown[];
  if (set !== null && typeof set !== 'string') throw new InvalidArgumentError(`${what}: set must be a string or null`);
  if (digest !== undefined && !(digest instanceof Uint8Array)) throw new InvalidArgumentError(`${what}: digest must be 20 bytes`);
  return new CoreKey(ns as string, set, pk as UserKey | null, digest);
}

/** Converts a core key to an aerospike_py key tuple. */
export function fromCoreKey(k: CoreKey): AerospikeKey {
  return [k.namespace, k.set, k.userKey, k.digest];
}

/** Converts a core record to a classic record. */
export function fromCoreRecord(r: AerospikeRecord): Record {
  return new Record(fromCoreKey(r.key), { gen: r.generation, ttl: r.ttl }, r.bins);
}
