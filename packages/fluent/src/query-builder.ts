import {
  AerospikeError,
  compileAel,
  InvalidArgumentError,
  PartitionFilter,
  PARTITIONS,
  type AerospikeClient,
  type FilterExpression,
  type IndexHint,
  type PartitionStatus,
  type QueryPolicy,
  type QueryRecord,
  type QuerySpec,
  type RecordStream as CoreStream
} from '@aerospike-ts/core';
import type { Behavior } from './behavior.js';
import { Key, type DataSet } from './dataset.js';
import type { QueryPlan, QueryPlanner } from './query-planner.js';
import { namespaceMode } from './info-commands.js';
import { checkWhereArg } from './arg-checks.js';
import { checkOnError, RecordResult, RecordStream, type ErrorHandler, type RecordSource } from './record-result.js';

export type { ErrorHandler } from './record-result.js';

/** Options of `execute()`. */
export interface QueryExecuteOptions {
  /**
   * `'inStream'` (default) and `'raise'`: a failure of the query ends the stream by
   * raising from the iteration; a function receives the failure and the stream just ends.
   */
  readonly onError?: 'inStream' | 'raise' | ErrorHandler;
}

function positiveInt(what: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`${what} needs a positive integer, got ${String(n)}`);
  return n;
}

function partitionId(what: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n >= PARTITIONS) throw new InvalidArgumentError(`${what}: partition ids are 0..${PARTITIONS - 1}, got ${String(n)}`);
  return n;
}

/**
 * A query over a whole dataset (`session.query(dataset)`): a scan, or a secondary-index
 * query when the `where` condition can use an index. Finish with `execute()`.
 */
export class QueryBuilder<B extends object = { [bin: string]: unknown }> {
  readonly #client: AerospikeClient;
  readonly #behavior: Behavior;
  readonly #dataset: DataSet<B>;
  readonly #planner: QueryPlanner;
  #bins: readonly string[] | null = null;
  #noBins = false;
  #where: { text: string; placeholders: readonly unknown[] } | null = null;
  #filterExpression: FilterExpression | null = null;
  #hint: IndexHint = {};
  #limit = 0;
  #chunk = 0;
  #maxRecords = 0;
  #rps = 0;
  #partitions: PartitionFilter | null = null;

  /** Internal: sessions create query builders. */
  constructor(client: AerospikeClient, behavior: Behavior, dataset: DataSet<B>, planner: QueryPlanner) {
    this.#client = client;
    this.#behavior = behavior;
    this.#dataset = dataset;
    this.#planner = planner;
  }

  /** Returns only these bins. */
  bins(...names: Array<string | readonly string[]>): this {
    const flat = names.flat();
    if (flat.length === 0 || !flat.every((b) => typeof b === 'string' && b !== '')) throw new InvalidArgumentError('bins() needs one or more bin names');
    this.#bins = flat;
    this.#noBins = false;
    return this;
  }

  /** Returns keys and metadata only. */
  withNoBins(): this {
    this.#noBins = true;
    this.#bins = null;
    return this;
  }

  /**
   * Keeps the records matching an AEL condition (`"$.age >= 18 and $.city == 'Paris'"`,
   * `?0` placeholders) or a filter expression. A condition a secondary index can serve
   * turns the scan into an index query; the rest is checked on each record.
   * @throws AelError when the text does not parse (at the call).
   */
  where(filter: string | FilterExpression, ...placeholders: unknown[]): this {
    checkWhereArg(filter);
    if (typeof filter === 'string') {
      // parse now so a bad condition fails at the call site, not at execute()
      compileAel(filter, ...placeholders);
      this.#where = { text: filter, placeholders };
      this.#filterExpression = null;
    } else {
      this.#filterExpression = filter;
      this.#where = null;
    }
    return this;
  }

  /** Forces the index named `index`, or (`{ noIndex: true }`) a scan with the whole condition as a filter. */
  withHint(hint: IndexHint): this {
    this.#hint = hint;
    return this;
  }

  /** Stops after `n` records in all (exact, across chunks). */
  limit(n: number): this {
    this.#limit = positiveInt('limit()', n);
    return this;
  }

  /** Asks the servers for at most about `n` records per run (split across nodes). */
  maxRecords(n: number): this {
    this.#maxRecords = positiveInt('maxRecords()', n);
    return this;
  }

  /** Delivers the records in chunks of at most `n`: read a chunk, then `stream.hasMoreChunks()` starts the next. */
  chunkSize(n: number): this {
    this.#chunk = positiveInt('chunkSize()', n);
    return this;
  }

  /** Limits each node to `n` records per second. */
  recordsPerSecond(n: number): this {
    this.#rps = positiveInt('recordsPerSecond()', n);
    return this;
  }

  /** Reads only these partitions (0..4095). */
  onPartitions(...ids: number[]): this {
    if (ids.length === 0) throw new InvalidArgumentError('onPartitions() needs at least one partition id');
    const unique = [...new Set(ids.map((id) => partitionId('onPartitions()', id)))].sort((a, b) => a - b);
    this.#partitions = PartitionFilter.fromState(unique.map((id) => ({ id, digest: null, bval: null, done: false })));
    return this;
  }

  /** Reads one partition. */
  onPartition(id: number): this {
    this.#partitions = PartitionFilter.id(partitionId('onPartition()', id));
    return this;
  }

  /** Reads partitions `start` (inclusive) to `end` (exclusive), like the SDK's `on_partition_range`. */
  onPartitionRange(start: number, end: number): this {
    partitionId('onPartitionRange() start', start);
    if (!Number.isInteger(end) || end <= start || end > PARTITIONS) throw new InvalidArgumentError(`onPartitionRange(start, end): end must be an integer in ${start + 1}..${PARTITIONS} (exclusive), got ${String(end)}`);
    this.#partitions = PartitionFilter.range(start, end - start);
    return this;
  }

  /** Resumes where an earlier run stopped (`stream.partitionState()` of that run). */
  resumeFrom(state: readonly PartitionStatus[]): this {
    this.#partitions = PartitionFilter.fromState(state);
    return this;
  }

  /** How the query will run: the index chosen (if any) and the filter left for each record. */
  async plan(): Promise<QueryPlan> {
    if (this.#where === null) return { indexFilter: null, indexName: null, filterExpression: this.#filterExpression };
    return this.#planner(this.#where.text, this.#where.placeholders, this.#dataset.namespace, this.#dataset.setName, this.#hint);
  }

  /** Runs the query; records arrive as the servers send them. */
  async execute(options: QueryExecuteOptions = {}): Promise<RecordStream<B>> {
    const onError = checkOnError(options.onError) ?? 'inStream';
    const plan = await this.plan();
    const spec: QuerySpec = {
      namespace: this.#dataset.namespace,
      set: this.#dataset.setName,
      bins: this.#bins,
      filter: plan.indexFilter,
      partitions: this.#partitions ?? PartitionFilter.all()
    };
    const policy: QueryPolicy = {
      ...this.#behavior.queryPolicy(await namespaceMode(this.#client, this.#dataset.namespace)),
      filterExpression: plan.filterExpression,
      includeBinData: !this.#noBins,
      ...(this.#rps > 0 ? { recordsPerSecond: this.#rps } : {})
    };
    return new RecordStream<B>(new QuerySource<B>(this.#client, spec, policy, this.#chunk || this.#maxRecords, this.#chunk > 0, this.#limit, onError));
  }
}

/** Feeds a fluent stream from core query runs, one run per chunk. */
class QuerySource<B> implements RecordSource<B> {
  readonly #client: AerospikeClient;
  readonly #spec: QuerySpec & { readonly partitions: PartitionFilter };
  readonly #policy: QueryPolicy;
  readonly #chunked: boolean;
  readonly #limit: number;
  readonly #onError: 'inStream' | 'raise' | ErrorHandler;
  #run: CoreStream<QueryRecord> | null;
  #count = 0;
  #closed = false;

  constructor(client: AerospikeClient, spec: QuerySpec, policy: QueryPolicy, perRun: number, chunked: boolean, limit: number, onError: 'inStream' | 'raise' | ErrorHandler) {
    this.#client = client;
    this.#spec = spec as QuerySpec & { readonly partitions: PartitionFilter };
    this.#policy = perRun > 0 ? { ...policy, maxRecords: perRun } : policy;
    this.#chunked = chunked;
    this.#limit = limit;
    this.#onError = onError;
    this.#run = client.query(spec, this.#policy);
  }

  async next(): Promise<RecordResult<B> | null> {
    if (this.#closed || this.#run === null) return null;
    if (this.#limit > 0 && this.#count >= this.#limit) {
      this.close();
      return null;
    }
    let it: IteratorResult<QueryRecord>;
    try {
      it = await this.#run.next();
    } catch (err) {
      this.#run = null;
      const handler = this.#onError;
      if (typeof handler === 'function' && err instanceof AerospikeError) {
        handler(null, err.resultCode, err);
        return null;
      }
      throw err;
    }
    if (it.done === true) {
      this.#run = null;
      return null;
    }
    return this.#result(it.value);
  }

  read(): RecordResult<B> | undefined {
    if (this.#closed || this.#run === null || (this.#limit > 0 && this.#count >= this.#limit)) return undefined;
    const rec = this.#run.read();
    return rec === undefined ? undefined : this.#result(rec);
  }

  #result(rec: QueryRecord): RecordResult<B> {
    const key = new Key<B>(rec.key);
    return new RecordResult<B>(key, { key, bins: rec.bins as B, generation: rec.generation, ttl: rec.ttl }, 0, false, this.#count++, null);
  }

  async nextChunk(): Promise<boolean> {
    if (!this.#chunked || this.#closed) return false;
    if (this.#limit > 0 && this.#count >= this.#limit) return false;
    if (this.#run !== null) {
      // the caller moved on before reading the whole chunk: drop its rest
      this.#run.close();
      this.#run = null;
    }
    if (this.#spec.partitions.isDone) return false;
    this.#run = this.#client.query(this.#spec, this.#policy);
    return true;
  }

  partitionState(): PartitionStatus[] | undefined {
    return this.#spec.partitions.state;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#run?.close();
    this.#run = null;
  }
}
