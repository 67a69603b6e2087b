import type { DecodedBins, DecodedValue } from '@aerospike-ts/core';
import type { AerospikeKey } from './types.js';

/** Record metadata. `ttl` is -1 (TTL_NEVER_EXPIRE) when the record never expires. */
export interface RecordMetadata {
  gen: number;
  ttl: number;
}

/** One `(name, value)` result of `operate_ordered`. */
export interface BinTuple {
  name: string;
  value: DecodedValue;
}

/**
 * A record: `record.key`, `record.meta`, `record.bins`, and also the tuple
 * `[key, meta, bins]` that aerospike_py returns, so `const [key, meta, bins] = record`
 * gives each position its own type. `B` is the type of the bins.
 */
export interface Record<B = DecodedBins> extends Readonly<[key: AerospikeKey | null, meta: RecordMetadata | null, bins: B | null]> {
  /** `[namespace, set, userKey | null, digest]`. */
  key: AerospikeKey | null;
  /** `{ gen, ttl }`. */
  meta: RecordMetadata | null;
  /** The bins by name. */
  bins: B | null;
}

/** Result of `exists`, also the tuple `[key, meta]`; `meta` is null when the record does not exist. */
export interface ExistsResult extends Readonly<[key: AerospikeKey | null, meta: RecordMetadata | null]> {
  key: AerospikeKey | null;
  meta: RecordMetadata | null;
}

/** Result of `operate_ordered`, also the tuple `[key, meta, ordered_bins]`. */
export interface OperateOrderedResult extends Readonly<[key: AerospikeKey | null, meta: RecordMetadata | null, ordered_bins: BinTuple[]]> {
  key: AerospikeKey | null;
  meta: RecordMetadata | null;
  /** Every operation's result, in the order of the operations. */
  ordered_bins: BinTuple[];
}

// The runtime classes are real arrays (a tuple is what aerospike_py hands out) with
// named accessors over the positions; map/filter/slice give plain arrays.
class RecordTuple extends Array<unknown> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  get key(): unknown {
    return this[0];
  }
  set key(v: unknown) {
    this[0] = v;
  }
  get meta(): unknown {
    return this[1];
  }
  set meta(v: unknown) {
    this[1] = v;
  }
}

// Each class takes its name ('Record', …) from the key it is created under: redefining a
// class's `name` afterwards (Object.defineProperty) makes `new` about ten times slower in V8.
const tuples = {
  Record: class extends RecordTuple {
    constructor(key: unknown, meta: unknown, bins: unknown) {
      // Array(n) then stores: far cheaper than push() on an Array subclass
      super(3);
      this[0] = key;
      this[1] = meta;
      this[2] = bins;
    }
    get bins(): unknown {
      return this[2];
    }
    set bins(v: unknown) {
      this[2] = v;
    }
  },

  ExistsResult: class extends RecordTuple {
    constructor(key: unknown, meta: unknown) {
      // Array(n) then stores: far cheaper than push() on an Array subclass
      super(2);
      this[0] = key;
      this[1] = meta;
    }
  },

  OperateOrderedResult: class extends RecordTuple {
    constructor(key: unknown, meta: unknown, ordered: unknown) {
      // Array(n) then stores: far cheaper than push() on an Array subclass
      super(3);
      this[0] = key;
      this[1] = meta;
      this[2] = ordered;
    }
    get ordered_bins(): unknown {
      return this[2];
    }
    set ordered_bins(v: unknown) {
      this[2] = v;
    }
  }
};

/** Builds a {@link Record}; `instanceof Record` holds for every record the client returns. */
export const Record: new <B = DecodedBins>(key: AerospikeKey | null, meta: RecordMetadata | null, bins: B | null) => Record<B> = tuples.Record as never;

/** Builds an {@link ExistsResult}. */
export const ExistsResult: new (key: AerospikeKey | null, meta: RecordMetadata | null) => ExistsResult = tuples.ExistsResult as never;

/** Builds an {@link OperateOrderedResult}. */
export const OperateOrderedResult: new (key: AerospikeKey | null, meta: RecordMetadata | null, ordered_bins: BinTuple[]) => OperateOrderedResult = tuples.OperateOrderedResult as never;
