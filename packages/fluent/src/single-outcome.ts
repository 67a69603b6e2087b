import { AerospikeError, ResultCode, type AerospikeRecord, type RecordMetadata, type ResultAdapter } from '@aerospike-ts/core';
import type { Key } from './dataset.js';
import { RecordResult, RecordStream, settleResults, type ExecuteOptions } from './record-result.js';
import type { WriteVerb } from './write-builder.js';

/**
 * True when a failed result code is an answer for `verb`, not an error: a record the
 * `where` filter skipped (unless `failOnFilteredOut()`), a missing record on `exists`,
 * `delete` or a read.
 */
export function toleratedCode(verb: WriteVerb, failOnFilteredOut: boolean, code: number): boolean {
  if (code === ResultCode.FILTERED_OUT) return !failOnFilteredOut;
  return verb === 'exists' || (code === ResultCode.KEY_NOT_FOUND_ERROR && (verb === 'delete' || verb === 'read'));
}

function always(): boolean {
  return true;
}

function never(): boolean {
  return false;
}

/**
 * How a single-key builder command settles: core's command resolves straight with the
 * command's result stream (its one result, the error strategy applied), so `execute()`
 * costs one promise. A server failure becomes a failed result, then raised, streamed or
 * handed to the caller's function as `onError` says; any other failure is rethrown.
 * One object per command, made by `execute()`.
 */
abstract class SingleOutcome<T, B> implements ResultAdapter<T, RecordStream<B>> {
  readonly #key: Key<B>;
  readonly #verb: WriteVerb;
  readonly #failOnFilteredOut: boolean;
  readonly #options: ExecuteOptions;

  constructor(key: Key<B>, verb: WriteVerb, failOnFilteredOut: boolean, options: ExecuteOptions) {
    this.#key = key;
    this.#verb = verb;
    this.#failOnFilteredOut = failOnFilteredOut;
    this.#options = options;
  }

  /** Turns core's result into the key's result. */
  protected abstract result(value: T, key: Key<B>): RecordResult<B>;

  value(value: T): RecordStream<B> {
    return this.#settle(this.result(value, this.#key));
  }

  failure(err: Error): RecordStream<B> {
    if (err instanceof AerospikeError && err.resultCode > 0) return this.#settle(new RecordResult<B>(this.#key, null, err.resultCode, err.inDoubt, 0, err));
    throw err;
  }

  #settle(r: RecordResult<B>): RecordStream<B> {
    const failed = !r.isOk && !toleratedCode(this.#verb, this.#failOnFilteredOut, r.resultCode);
    return new RecordStream<B>(settleResults([r], this.#options, failed ? always : never));
  }
}

/** A read, a read with operations, or a write with operations: the record core returns. */
export class RecordOutcome<B> extends SingleOutcome<AerospikeRecord, B> {
  protected result(r: AerospikeRecord, key: Key<B>): RecordResult<B> {
    return new RecordResult<B>(key, { key, bins: r.bins as B, generation: r.generation, ttl: r.ttl }, 0, false, 0, null);
  }
}

/** `delete`: whether the record existed. */
export class RemoveOutcome<B> extends SingleOutcome<boolean, B> {
  protected result(existed: boolean, key: Key<B>): RecordResult<B> {
    return new RecordResult<B>(key, null, existed ? 0 : ResultCode.KEY_NOT_FOUND_ERROR, false, 0, null);
  }
}

/** `exists`: the record's metadata, or null when it does not exist. */
export class ExistsOutcome<B> extends SingleOutcome<RecordMetadata | null, B> {
  protected result(m: RecordMetadata | null, key: Key<B>): RecordResult<B> {
    return new RecordResult<B>(key, m === null ? null : { key, bins: {} as B, generation: m.generation, ttl: m.ttl }, m === null ? ResultCode.KEY_NOT_FOUND_ERROR : 0, false, 0, null);
  }
}

/** `touch`: the record's new metadata. */
export class TouchOutcome<B> extends SingleOutcome<RecordMetadata, B> {
  protected result(m: RecordMetadata, key: Key<B>): RecordResult<B> {
    return new RecordResult<B>(key, { key, bins: {} as B, generation: m.generation, ttl: m.ttl }, 0, false, 0, null);
  }
}
