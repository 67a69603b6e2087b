import { AerospikeError, InvalidArgumentError, ResultCode, serverError, type DecodedBins, type PartitionStatus } from '@aerospike-ts/core';
import type { Key } from './dataset.js';

/** Called with a failure instead of raising it or streaming it (the key is null when a query as a whole failed). */
export type ErrorHandler = (key: Key<unknown> | null, resultCode: number, error: AerospikeError) => void;

/**
 * What `execute({ onError })` does with a key's failure: `'inStream'` leaves it in the
 * stream as a failed result, `'raise'` throws it, a function receives it (and the stream
 * leaves it out).
 */
export type OnError = 'inStream' | 'raise' | ErrorHandler;

/** Options of a builder's `execute()`. */
export interface ExecuteOptions {
  /** Default: single-key commands raise, multi-key commands keep failures in the stream. */
  readonly onError?: OnError;
}

/** @throws InvalidArgumentError unless `onError` is one of the strategies. */
export function checkOnError(onError: unknown): OnError | undefined {
  if (onError === undefined || onError === 'inStream' || onError === 'raise' || typeof onError === 'function') return onError as OnError | undefined;
  throw new InvalidArgumentError("execute({ onError }) takes 'inStream', 'raise' or a function");
}

/**
 * Applies the error strategy to a command's results: `failed` says which results are
 * failures (others, such as a missing record on `exists`, are answers).
 * @throws the first failure's error under `'raise'` (the default for a single key).
 */
export function settleResults<B>(results: RecordResult<B>[], options: ExecuteOptions, failed: (r: RecordResult<B>) => boolean): RecordResult<B>[] {
  const onError = checkOnError(options.onError) ?? (results.length === 1 ? 'raise' : 'inStream');
  if (onError === 'inStream') return results;
  if (onError === 'raise') {
    for (const r of results) if (failed(r)) throw r.exception ?? serverError(r.resultCode, { detail: r.key.toString() });
    return results;
  }
  return results.filter((r) => {
    if (!failed(r)) return true;
    onError(r.key, r.resultCode, r.exception ?? serverError(r.resultCode, { detail: r.key.toString() }));
    return false;
  });
}

/** A record as read back. `ttl` is -1 when it never expires. */
export interface FluentRecord<B = DecodedBins> {
  readonly key: Key<B>;
  readonly bins: B;
  readonly generation: number;
  readonly ttl: number;
}

/** The outcome for one key of a command. */
export class RecordResult<B = DecodedBins> {
  readonly key: Key<B>;
  readonly record: FluentRecord<B> | null;
  readonly resultCode: number;
  readonly inDoubt: boolean;
  /** Position of the key in the call (batches and multi-key calls). */
  readonly index: number;
  readonly exception: AerospikeError | null;

  constructor(key: Key<B>, record: FluentRecord<B> | null, resultCode: number, inDoubt: boolean, index: number, exception: AerospikeError | null) {
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

/**
 * Where a stream's results come from when they are not all known up front (queries):
 * `next()` gives the next result or null at the end; `close()` stops the producer.
 */
export interface RecordSource<B> {
  next(): Promise<RecordResult<B> | null>;
  /** A result that has already arrived, taken without waiting; undefined when none has (then `next()` waits). */
  read?(): RecordResult<B> | undefined;
  close(): void;
  /** Starts the next chunk of a paged query; false when there is none. */
  nextChunk?(): Promise<boolean>;
  /** Where each partition of a query stands, to resume later. */
  partitionState?(): PartitionStatus[] | undefined;
}

const NO_RESULTS: readonly never[] = Object.freeze([]);

/** The results of one command, in completion order; iterate with `for await`. */
export class RecordStream<B = DecodedBins> implements AsyncIterable<RecordResult<B>> {
  /** Results known up front (none for a stream fed by a source); only read, never changed. */
  readonly #buffered: readonly RecordResult<B>[];
  readonly #source: RecordSource<B> | null;
  #head = 0;
  #closed = false;

  /** A stream over results already known, or over a {@link RecordSource} read on demand. */
  constructor(results: RecordResult<B>[] | RecordSource<B>) {
    if (Array.isArray(results)) {
      this.#buffered = results;
      this.#source = null;
    } else {
      this.#buffered = NO_RESULTS;
      this.#source = results;
    }
  }

  /** The next result if it is at hand (known up front or already arrived), else undefined. */
  #take(): RecordResult<B> | undefined {
    if (this.#closed) return undefined;
    return this.#takeBuffered() ?? this.#source?.read?.();
  }

  async #next(): Promise<RecordResult<B> | null> {
    if (this.#closed) return null;
    const r = this.#take();
    if (r !== undefined) return r;
    return this.#source === null ? null : this.#source.next();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordResult<B>> {
    // A plain iterator rather than an async generator: a result at hand costs one
    // resolved promise, not a generator round trip.
    let finished = false;
    const end: IteratorReturnResult<undefined> = { value: undefined, done: true };
    const onValue = (r: RecordResult<B> | null): IteratorResult<RecordResult<B>> => {
      if (r !== null) return { value: r, done: false };
      finished = true;
      return end;
    };
    const onError = (err: unknown): never => {
      // a failed stream stops its producer
      finished = true;
      this.close();
      throw err;
    };
    return {
      next: (): Promise<IteratorResult<RecordResult<B>>> => {
        const r = this.#take();
        if (r !== undefined) return Promise.resolve({ value: r, done: false });
        return this.#next().then(onValue, onError);
      },
      return: (): Promise<IteratorResult<RecordResult<B>>> => {
        // breaking out of the loop stops the producer of a still-running query
        if (!finished) this.close();
        finished = true;
        return Promise.resolve(end);
      }
    };
  }

  /** A result known up front and not yet taken (a point command's), else undefined; never calls the source. */
  #takeBuffered(): RecordResult<B> | undefined {
    if (this.#closed) return undefined;
    const r = this.#buffered[this.#head];
    if (r !== undefined) this.#head++;
    return r;
  }

  /** The next result (the first one for a fresh stream), or null. */
  first(): Promise<RecordResult<B> | null> {
    // a result at hand settles one promise, not an async function's two
    const r = this.#takeBuffered();
    return r !== undefined ? Promise.resolve(r) : this.#next();
  }

  /** The next result; throws when there is none or it failed. */
  firstOrRaise(): Promise<RecordResult<B>> {
    const r = this.#takeBuffered();
    if (r === undefined) return this.#nextOrRaise();
    try {
      return Promise.resolve(r.orRaise());
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  async #nextOrRaise(): Promise<RecordResult<B>> {
    const r = await this.#next();
    if (r === null) throw new AerospikeError('the command returned no result');
    return r.orRaise();
  }

  /** Every remaining result. */
  async collect(): Promise<RecordResult<B>[]> {
    const out: RecordResult<B>[] = [];
    for (;;) {
      const r = this.#take() ?? (await this.#next());
      if (r === null) return out;
      out.push(r);
    }
  }

  /** The failed results among the remaining ones. */
  async failures(): Promise<RecordResult<B>[]> {
    return (await this.collect()).filter((r) => !r.isOk);
  }

  /** The UDF result of the first record. */
  async firstUdfResult(): Promise<unknown> {
    return (await this.firstOrRaise()).udfResult;
  }

  /**
   * For a query run with `chunkSize(n)`: after the current chunk was read, starts the
   * next one and returns true, or returns false when every record was delivered.
   */
  async hasMoreChunks(): Promise<boolean> {
    if (this.#closed || this.#source?.nextChunk === undefined) return false;
    return this.#source.nextChunk();
  }

  /**
   * For a query: where each partition stands (pass it to `resumeFrom()` of a new query
   * to continue after the records read so far); undefined for other commands.
   */
  partitionState(): PartitionStatus[] | undefined {
    return this.#source?.partitionState?.();
  }

  /** Stops iteration (and the servers' work for a query). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#source?.close();
  }
}
