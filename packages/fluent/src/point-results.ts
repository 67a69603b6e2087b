import { AerospikeError, ResultCode, type AerospikeRecord, type RecordMetadata, type ResultAdapter } from '@aerospike-ts/core';
import type { Key } from './dataset.js';
import type { FluentRecord } from './record-result.js';

/**
 * The fast path's read result: core's command settles straight with the fluent record
 * (keyed by the caller's fluent key), or null when the record does not exist. One small
 * object per call instead of an async wrapper and a second promise.
 */
export class PointRead<B> implements ResultAdapter<AerospikeRecord, FluentRecord<B> | null> {
  readonly #key: Key<B>;

  constructor(key: Key<B>) {
    this.#key = key;
  }

  /** The fluent record. */
  value(r: AerospikeRecord): FluentRecord<B> {
    return { key: this.#key, bins: r.bins as B, generation: r.generation, ttl: r.ttl };
  }

  /** null for a record that does not exist; every other failure is rethrown as is. */
  failure(err: Error): null {
    if (err instanceof AerospikeError && err.resultCode === ResultCode.KEY_NOT_FOUND_ERROR) return null;
    throw err;
  }
}

function nothing(): void {
  return undefined;
}

function rethrow(err: Error): never {
  throw err;
}

/** The fast path's write result: nothing on success, core's error as is. */
export const POINT_WRITE: ResultAdapter<RecordMetadata, void> = { value: nothing, failure: rethrow };
