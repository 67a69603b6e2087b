import { AerospikeError, ResultCode, serverError, type DecodedBins } from '@aerospike-ts/core';
import type { Key } from './dataset.js';

/** A record as read back. `ttl` is -1 when it never expires. */
export interface FluentRecord<B = DecodedBins> {
  readonly key: Key;
  readonly bins: B;
  readonly generation: number;
  readonly ttl: number;
}

/** The outcome for one key of a command. */
export class RecordResult<B = DecodedBins> {
  readonly key: Key;
  readonly record: FluentRecord<B> | null;
  readonly resultCode: number;
  readonly inDoubt: boolean;
  /** Position of the key in the call (batches and multi-key calls). */
  readonly index: number;
  readonly exception: AerospikeError | null;

  constructor(key: Key, record: FluentRecord<B> | null, resultCode: number, inDoubt: boolean, index: number, exception: AerospikeError | null) {
    this.key = key;
    this.record = record;
    this.resultCode = resultCode;
    this.inDoubt = inDoubt;
    this.index = index;
    this.exception = exception;
  }

  /** True when the command succeeded for this key. */
  get isOk(): boolean {
    return this.resultCode === ResultCode.OK;
  }

  /** This result, or throws its error. */
  orRaise(): this {
    if (!this.isOk) throw this.exception ?? serverError(this.resultCode, { detail: this.key.toString() });
    return this;
  }

  /** The record, or throws the error (or RecordNotFoundError when there is none). */
  recordOrRaise(): FluentRecord<B> {
    this.orRaise();
    if (this.record === null) throw serverError(ResultCode.KEY_NOT_FOUND_ERROR, { detail: this.key.toString() });
    return this.record;
  }

  /** For `exists`: whether the record exists. */
  asBool(): boolean {
    if (this.resultCode === ResultCode.KEY_NOT_FOUND_ERROR) return false;
    this.orRaise();
    return true;
  }

  /** The UDF return value of an executeUdf result. */
  get udfResult(): unknown {
    return (this.record?.bins as { SUCCESS?: unknown } | undefined)?.SUCCESS;
  }

  /** An HLL bin's configuration from a `hllDescribe()` result. */
  getHllConfig(bin: string): { indexBitCount: number; minHashBitCount: number } {
    const v = (this.record?.bins as { [k: string]: unknown } | undefined)?.[bin];
    if (!Array.isArray(v) || v.length !== 2) throw new AerospikeError(`bin '${bin}' does not hold an hllDescribe() result`);
    return { indexBitCount: Number(v[0]), minHashBitCount: Number(v[1]) };
  }
}

/** The results of one command, in completion order; iterate with `for await`. */
export class RecordStream<B = DecodedBins> implements AsyncIterable<RecordResult<B>> {
  readonly #results: RecordResult<B>[];
  #closed = false;

  constructor(results: RecordResult<B>[]) {
    this.#results = results;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordResult<B>> {
    for (const r of this.#results) {
      if (this.#closed) return;
      yield r;
    }
  }

  /** The first result, or null. */
  async first(): Promise<RecordResult<B> | null> {
    return this.#results[0] ?? null;
  }

  /** The first result; throws when there is none or it failed. */
  async firstOrRaise(): Promise<RecordResult<B>> {
    const r = this.#results[0];
    if (r === undefined) throw new AerospikeError('the command returned no result');
    return r.orRaise();
  }

  /** Every result. */
  async collect(): Promise<RecordResult<B>[]> {
    return [...this.#results];
  }

  /** The failed results. */
  async failures(): Promise<RecordResult<B>[]> {
    return this.#results.filter((r) => !r.isOk);
  }

  /** The UDF result of the first record. */
  async firstUdfResult(): Promise<unknown> {
    return (await this.firstOrRaise()).udfResult;
  }

  /** Stops iteration. */
  close(): void {
    this.#closed = true;
  }
}
