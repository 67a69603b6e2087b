import { InvalidArgumentError, type AbortStatus, type AerospikeClient, type Bins, type CommitStatus, type Txn } from '@aerospike-ts/core';
import type { Behavior, Mode } from './behavior.js';
import type { AnyBins, DataSet, Key, KeyOf, KeysOf } from './dataset.js';
import type { FluentRecord } from './record-result.js';
import { WriteSegmentBuilder, type BinName, type WriteVerb } from './write-builder.js';
import { BatchBuilder } from './batch-builder.js';
import { UdfBuilder } from './udf-builder.js';
import { DataSet as DataSetClass, Key as KeyClass } from './dataset.js';
import { QueryBuilder } from './query-builder.js';
import { indexPlanner, type QueryPlanner } from './query-planner.js';
import { IndexBuilder } from './index-builder.js';
import { BackgroundTaskSession } from './background-task.js';
import { InfoCommands, modeOf } from './info-commands.js';
import { keysOf } from './arg-checks.js';
import { POINT_WRITE, PointRead } from './point-results.js';
import { newTxn, runInTransaction, type TransactionHost, type TransactionOptions, type TransactionRetryOptions } from './transaction.js';

/** The keys of a verb's arguments, in order (an untyped key takes the verb's bins type); `verb` names the call in errors. */
function flat<B>(verb: string, keys: KeysOf<B>): Key<B>[] {
  return keysOf<Key<B>>(verb, keys);
}

/** True for a plain object with at least one own bin (what the put fast path takes as is). */
function hasOwnBins(bins: unknown): boolean {
  if (typeof bins !== 'object' || bins === null) return false;
  const proto: unknown = Object.getPrototypeOf(bins);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const k in bins) if (Object.hasOwn(bins, k)) return true;
  return false;
}

/** Commands bound to a behavior. */
export class Session {
  readonly #client: AerospikeClient;
  readonly behavior: Behavior;
  #planner: QueryPlanner;

  constructor(client: AerospikeClient, behavior: Behavior) {
    this.#client = client;
    this.behavior = behavior;
    this.#planner = indexPlanner(client);
  }

  /**
   * Replaces how `where` strings of dataset queries and background tasks become an index
   * filter plus a filter expression (default: {@link indexPlanner}, using the servers' indexes).
   */
  usePlanner(planner: QueryPlanner): this {
    this.#planner = planner;
    return this;
  }

  #builder<B extends object>(verb: WriteVerb, keys: KeysOf<B>, call: string = verb): WriteSegmentBuilder<B> {
    return new WriteSegmentBuilder<B>(this.#client, this.behavior, verb, flat(call, keys));
  }

  /*
   * Every verb takes keys, arrays of keys, or both. Keys of a typed dataset
   * (`DataSet.of<User>(…)`) give the builder their bins type; `upsert<User>(key)` names it.
   */

  /** Create or update. */
  upsert<B extends object = AnyBins>(...keys: KeysOf<B>): WriteSegmentBuilder<B> {
    return this.#builder('upsert', keys);
  }
  /** Create only (fails if the record exists). */
  insert<B extends object = AnyBins>(...keys: KeysOf<B>): WriteSegmentBuilder<B> {
    return this.#builder('insert', keys);
  }
  /** Update only (fails if the record is missing). */
  update<B extends object = AnyBins>(...keys: KeysOf<B>): WriteSegmentBuilder<B> {
    return this.#builder('update', keys);
  }
  /** Replace all bins (creates the record when missing). */
  replace<B extends object = AnyBins>(...keys: KeysOf<B>): WriteSegmentBuilder<B> {
    return this.#builder('replace', keys);
  }
  /** Replace all bins of an existing record. */
  replaceIfExists<B extends object = AnyBins>(...keys: KeysOf<B>): WriteSegmentBuilder<B> {
    return this.#builder('replaceIfExists', keys);
  }
  /** Delete records. */
  delete<B extends object = AnyBins>(...keys: KeysOf<B>): WriteSegmentBuilder<B> {
    return this.#builder('delete', keys);
  }
  /** Reset records' TTL (set it with expireRecordAfterSeconds). */
  touch<B extends object = AnyBins>(...keys: KeysOf<B>): WriteSegmentBuilder<B> {
    return this.#builder('touch', keys);
  }
  /** Check that records exist (`result.asBool()`). */
  exists<B extends object = AnyBins>(...keys: KeysOf<B>): WriteSegmentBuilder<B> {
    return this.#builder('exists', keys);
  }
  /** Queries a whole dataset (a scan, or an index query when `where` can use an index). */
  query<B extends object>(dataset: DataSet<B>): QueryBuilder<B>;
  /** Reads records by key: all bins, or the bins and read operations chained. */
  query<B extends object = AnyBins>(...keys: KeysOf<B>): WriteSegmentBuilder<B>;
  query<B extends object = AnyBins>(...args: KeysOf<B> | [DataSet<B>]): WriteSegmentBuilder<B> | QueryBuilder<B> {
    const first = args[0];
    if (first instanceof DataSetClass) {
      if (args.length !== 1) throw new InvalidArgumentError('query(dataset) takes one dataset and no keys');
      return new QueryBuilder<B>(this.#client, this.behavior, first as DataSet<B>, this.#planner);
    }
    return this.#builder('read', args as KeysOf<B>);
  }

  /** Creates or drops a secondary index on the dataset: `.onBin(b).named(n).numeric().create()`. */
  index(dataset: DataSet): IndexBuilder {
    return new IndexBuilder(this.#client, dataset);
  }

  /** Starts tasks the servers run over a whole dataset: update, delete, touch, executeUdf. */
  backgroundTask(): BackgroundTaskSession {
    return new BackgroundTaskSession(this.#client, this.behavior, this.#planner);
  }

  /** The transaction the session's commands join, or null outside one. */
  getCurrentTransaction(): Txn | null {
    return this.behavior.txn;
  }

  /** A batch of mixed commands. */
  batch(): BatchBuilder {
    return new BatchBuilder(this.#client, this.behavior);
  }

  /** Calls a record UDF on keys: `.function(module, fn).passing(...args).execute()`. */
  executeUdf(...keys: KeysOf<unknown>): UdfBuilder {
    return new UdfBuilder(this.#client, this.behavior, flat('executeUdf', keys));
  }

  /**
   * Fast path: reads one record (all bins, or only `bins`), or null when it does not exist.
   * A core `get` with the behavior's point-read policy for the namespace's mode (both
   * known after the first command), no builder and no result stream.
   */
  get<B extends object = AnyBins>(key: KeyOf<B>, bins?: readonly BinName<B>[]): Promise<FluentRecord<B> | null> {
    if (bins !== undefined || !(key instanceof KeyClass)) return this.#getByBuilder(key, bins);
    const mode = modeOf(this.#client, key.namespace);
    if (typeof mode !== 'string') return mode.then((m) => this.#get(key as Key<B>, m));
    return this.#get(key as Key<B>, mode);
  }

  #get<B extends object>(key: Key<B>, mode: Mode): Promise<FluentRecord<B> | null> {
    try {
      // core settles the command's one promise with the fluent record (or null)
      return this.#client.get(key.core, null, this.behavior.readPolicy('point', mode), new PointRead<B>(key));
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  /** `get` with bins, or with a wrong argument (the builder reports it). */
  async #getByBuilder<B extends object>(key: KeyOf<B>, bins: readonly BinName<B>[] | undefined): Promise<FluentRecord<B> | null> {
    const builder = this.#builder<B>('read', [key], 'get');
    if (bins !== undefined) builder.bins(bins);
    const r = await (await builder.execute()).first();
    return r?.record ?? null;
  }

  /**
   * Fast path: writes bins of one record (create or update). A core `put` with the
   * behavior's retryable point-write policy for the namespace's mode.
   */
  put<B extends object = AnyBins>(key: KeyOf<B>, bins: Partial<B>): Promise<void> {
    if (!(key instanceof KeyClass) || !hasOwnBins(bins)) return this.#putByBuilder(key, bins);
    const mode = modeOf(this.#client, key.namespace);
    if (typeof mode !== 'string') return mode.then((m) => this.#put(key as Key<B>, bins, m));
    return this.#put(key as Key<B>, bins, mode);
  }

  #put<B extends object>(key: Key<B>, bins: object, mode: Mode): Promise<void> {
    try {
      return this.#client.put(key.core, bins as Bins, this.behavior.writePolicy('point', mode, true), POINT_WRITE);
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  /** `put` with a wrong argument or no bins: the builder reports it. */
  async #putByBuilder<B extends object>(key: KeyOf<B>, bins: Partial<B>): Promise<void> {
    await this.#builder<B>('upsert', [key], 'put').put(bins).execute();
  }

  /** Removes every record of a dataset (last updated before `beforeNanos`, default now). */
  async truncate(dataset: DataSet, beforeNanos?: bigint): Promise<void> {
    await this.#client.truncate(dataset.namespace, dataset.setName, beforeNanos);
  }

  /** Sends an info command to a node and returns the reply by command; without a command, typed info helpers. */
  info(): InfoCommands;
  info(command: string): Promise<Map<string, string>>;
  info(command?: string): InfoCommands | Promise<Map<string, string>> {
    if (command === undefined) return new InfoCommands(this.#client);
    return this.#client.info(command);
  }

  /** True when the namespace runs in strong-consistency mode. */
  async isNamespaceSc(namespace: string): Promise<boolean> {
    return new InfoCommands(this.#client).isNamespaceSc(namespace);
  }

  /**
   * Starts a multi-record transaction (Enterprise Edition 8.0+, strong-consistency
   * namespace): commands of the returned session join it until `commit()` or `abort()`.
   * @throws ServerError ENTERPRISE_ONLY (25) on Community Edition, before anything is sent.
   */
  beginTransaction(options: TransactionOptions = {}): TransactionalSession {
    const txn = newTxn(this.#client, options);
    return new TransactionalSession(this.#client, this.behavior, txn, this.#client);
  }

  /** Same as {@link beginTransaction} (the SDK's `transaction_session()`). */
  transactionSession(options: TransactionOptions = {}): TransactionalSession {
    return this.beginTransaction(options);
  }

  /**
   * Runs `fn` in a transaction and commits it; when the transaction fails for a transient
   * reason (blocked by another transaction, a read record changed, expired) it is aborted
   * and `fn` runs again in a new one, up to `maxAttempts` (default 5) times.
   */
  async doInTransaction<T>(fn: (tx: TransactionalSession) => Promise<T>, options: TransactionRetryOptions = {}): Promise<T> {
    return runInTransaction(() => this.beginTransaction(), fn, options);
  }
}

/** A session whose commands join one transaction; finish with `commit()` or `abort()`. */
export class TransactionalSession extends Session {
  /** The transaction. */
  readonly txn: Txn;
  readonly #host: TransactionHost;
  #active = true;

  /** Internal: `session.beginTransaction()` creates it. */
  constructor(client: AerospikeClient, behavior: Behavior, txn: Txn, host: TransactionHost) {
    super(client, behavior.inTransaction(txn));
    this.txn = txn;
    this.#host = host;
  }

  /** True until the transaction is committed or aborted. */
  get active(): boolean {
    return this.#active;
  }

  /** Verifies the reads and makes the writes permanent. */
  async commit(): Promise<CommitStatus> {
    this.#active = false;
    return this.#host.commitTransaction(this.txn);
  }

  /** Undoes the writes. */
  async abort(): Promise<AbortStatus> {
    this.#active = false;
    return this.#host.abortTransaction(this.txn);
  }

  /** Same as {@link abort}. */
  async rollback(): Promise<AbortStatus> {
    return this.abort();
  }

  /** `await using tx = session.beginTransaction()`: aborts when still active at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.#active) await this.abort();
  }
}
