import { compileAel, InvalidArgumentError, Op, PartitionFilter, type AerospikeClient, type FilterExpression, type Operation, type QueryPolicy, type QueryTask, type Value, type WritePolicy } from '@aerospike-ts/core';
import { BinOps } from './bin-ops.js';
import { binEntries, checkWhereArg } from './arg-checks.js';
import { UdfCall, type UdfSpec } from './udf-call.js';
import { WriteOptions } from './write-options.js';
import type { Behavior } from './behavior.js';
import type { DataSet } from './dataset.js';
import type { QueryPlanner } from './query-planner.js';
import { namespaceMode } from './info-commands.js';

/** What the records of a background task get: write operations, or a record UDF. */
type Action = { readonly ops: readonly Operation[] } | UdfSpec;

/** A background task running on the servers; wait for it with `waitTillComplete()`. */
export class BackgroundTask {
  readonly #task: QueryTask;
  /** Internal: background builders create it. */
  constructor(task: QueryTask) {
    this.#task = task;
  }
  /** The id the servers know the task by. */
  get taskId(): bigint {
    return this.#task.taskId;
  }
  /** True once every node finished the task. */
  async isDone(): Promise<boolean> {
    return (await this.#task.status()) === 'done';
  }
  /** Polls (every `pollMs`) until every node finished; `timeoutMs` > 0 bounds the wait (TimeoutError). */
  async waitTillComplete(pollMs = 100, timeoutMs = 0): Promise<void> {
    await this.#task.waitTillComplete(pollMs, timeoutMs);
  }
}

/** Shared parts of background builders: the records to touch and the write settings. */
abstract class BackgroundBase extends WriteOptions {
  readonly #client: AerospikeClient;
  readonly #behavior: Behavior;
  readonly #dataset: DataSet;
  readonly #planner: QueryPlanner;
  #where: { text: string; args: readonly unknown[] } | FilterExpression | null = null;
  #rps = 0;

  protected constructor(client: AerospikeClient, behavior: Behavior, dataset: DataSet, planner: QueryPlanner) {
    super();
    this.#client = client;
    this.#behavior = behavior;
    this.#dataset = dataset;
    this.#planner = planner;
  }

  /**
   * Applies the task only to records matching an AEL condition or a filter expression (an index serves it when it can).
   * @throws AelError when the text does not parse (at the call); InvalidArgumentError for another kind of argument.
   */
  where(filter: string | FilterExpression, ...placeholders: unknown[]): this {
    checkWhereArg(filter);
    // parse now so a bad condition fails here, not at execute()
    if (typeof filter === 'string') compileAel(filter, ...placeholders);
    this.#where = typeof filter === 'string' ? { text: filter, args: placeholders } : filter;
    return this;
  }
  /** Limits each node to `n` records per second. */
  recordsPerSecond(n: number): this {
    if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`recordsPerSecond() needs a positive integer, got ${String(n)}`);
    this.#rps = n;
    return this;
  }

  protected async start(action: Action): Promise<BackgroundTask> {
    let filter = null;
    let expression: FilterExpression | null = null;
    const w = this.#where;
    if (w !== null && 'text' in w) {
      const plan = await this.#planner(w.text, w.args, this.#dataset.namespace, this.#dataset.setName, {});
      filter = plan.indexFilter;
      expression = plan.filterExpression;
    } else if (w !== null) {
      expression = w;
    }
    const mode = await namespaceMode(this.#client, this.#dataset.namespace);
    const policy: QueryPolicy = { ...this.#behavior.queryPolicy(mode), filterExpression: expression, ...(this.#rps > 0 ? { recordsPerSecond: this.#rps } : {}) };
    const writePolicy: WritePolicy = { ...this.#behavior.writePolicy('query', mode), ...this.writeOverrides() };
    const spec = { namespace: this.#dataset.namespace, set: this.#dataset.setName, filter, partitions: PartitionFilter.all() };
    return new BackgroundTask(await this.#client.backgroundQuery(spec, action, policy, writePolicy));
  }
}

/**
 * `session.backgroundTask().update(dataset).bin('x').setTo(1).where('$.y > 3').execute()`:
 * write operations applied on the servers to every record selected.
 */
export class BackgroundOperationBuilder extends BackgroundBase {
  readonly #ops: Operation[] = [];
  readonly #fixed: boolean;

  /** Internal: `session.backgroundTask()` creates it. */
  constructor(client: AerospikeClient, behavior: Behavior, dataset: DataSet, planner: QueryPlanner, fixed: readonly Operation[] | null) {
    super(client, behavior, dataset, planner);
    this.#fixed = fixed !== null;
    if (fixed !== null) this.#ops.push(...fixed);
  }

  /** Adds a write operation (internal; bin builders use it). */
  op(o: Operation): this {
    if (this.#fixed) throw new InvalidArgumentError('delete() and touch() background tasks take no bin operations');
    this.#ops.push(o);
    return this;
  }
  /** Starts a write operation on a bin. */
  bin(name: string): BinOps<this> {
    return new BinOps<this>(this, name);
  }
  /** Adds an operation built with `@aerospike-ts/core`. */
  addOperation(o: Operation): this {
    return this.op(o);
  }
  /** Sets several bins. */
  put(bins: { readonly [bin: string]: Value }): this {
    for (const [k, v] of binEntries(bins)) this.op(Op.write(k, v));
    return this;
  }

  /** Starts the task. */
  async execute(): Promise<BackgroundTask> {
    if (this.#ops.length === 0) throw new InvalidArgumentError('a background update needs bin operations: add .bin(name).setTo(value) (or use delete()/touch())');
    return this.start({ ops: this.#ops });
  }
}

/** `session.backgroundTask().executeUdf(dataset).function(module, fn).passing(...args).execute()`. */
export class BackgroundUdfBuilder extends BackgroundBase {
  readonly #udf: UdfCall<this> = new UdfCall<this>(this);

  /** Internal: `session.backgroundTask()` creates it. */
  constructor(client: AerospikeClient, behavior: Behavior, dataset: DataSet, planner: QueryPlanner) {
    super(client, behavior, dataset, planner);
  }
  /** The module (without `.lua`) and function to call on each record. */
  function(module: string, fn: string): this {
    return this.#udf.function(module, fn);
  }
  /** The function's arguments. */
  passing(...args: Value[]): this {
    return this.#udf.passing(args);
  }
  /** Starts the task. */
  async execute(): Promise<BackgroundTask> {
    return this.start(this.#udf.spec('executeUdf(dataset)'));
  }
}

/** `session.backgroundTask()`: starts tasks the servers run over a whole dataset. */
export class BackgroundTaskSession {
  readonly #client: AerospikeClient;
  readonly #behavior: Behavior;
  readonly #planner: QueryPlanner;

  /** Internal: `session.backgroundTask()` creates it. */
  constructor(client: AerospikeClient, behavior: Behavior, planner: QueryPlanner) {
    this.#client = client;
    this.#behavior = behavior;
    this.#planner = planner;
  }
  /** Applies bin operations to the records. */
  update(dataset: DataSet): BackgroundOperationBuilder {
    return new BackgroundOperationBuilder(this.#client, this.#behavior, dataset, this.#planner, null);
  }
  /** Deletes the records. */
  delete(dataset: DataSet): BackgroundOperationBuilder {
    return new BackgroundOperationBuilder(this.#client, this.#behavior, dataset, this.#planner, [Op.delete()]);
  }
  /** Resets the records' time to live (set it with `expireRecordAfterSeconds`). */
  touch(dataset: DataSet): BackgroundOperationBuilder {
    return new BackgroundOperationBuilder(this.#client, this.#behavior, dataset, this.#planner, [Op.touch()]);
  }
  /** Calls a record UDF on each record. */
  executeUdf(dataset: DataSet): BackgroundUdfBuilder {
    return new BackgroundUdfBuilder(this.#client, this.#behavior, dataset, this.#planner);
  }
}
