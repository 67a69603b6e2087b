import {
  GenerationPolicy,
  InvalidArgumentError,
  Op,
  OpType,
  RecordExistsAction,
  type AerospikeClient,
  type BatchRecord,
  type BatchWritePolicy,
  type FilterExpression,
  type Operation,
  type ReadPolicy,
  type WritePolicy
} from '@aerospike-ts/core';
import { checkReadOnly, type SelectFromOptions, type WriteFromOptions } from './bin-flags.js';
import { BinOps, type BinValue, type ExpInput } from './bin-ops.js';
import type { Behavior, Mode } from './behavior.js';
import type { AnyBins, Key } from './dataset.js';
import { modeOf } from './info-commands.js';
import { RecordResult, RecordStream, checkOnError, settleResults, type ExecuteOptions } from './record-result.js';
import { ExistsOutcome, RecordOutcome, RemoveOutcome, TouchOutcome, toleratedCode } from './single-outcome.js';
import { WriteOptions } from './write-options.js';
import { binEntries, whereFilter } from './arg-checks.js';

/** Which write verb started the builder. */
export type WriteVerb = 'upsert' | 'insert' | 'update' | 'replace' | 'replaceIfExists' | 'delete' | 'touch' | 'exists' | 'read';

export { HllConfig } from './bin-hll-config.js';
export type { HllFlags } from './bin-flags.js';

/** Bin names of a bins type: its keys when typed, any string when untyped. */
export type BinName<B extends object> = string extends keyof B ? string : Extract<keyof B, string>;
/** The declared type of bin `K` (unknown when untyped). */
export type BinType<B extends object, K extends string> = K extends keyof B ? B[K] : unknown;

/** Operations on one bin of a record builder (see {@link BinOps} for the full list). */
export class BinBuilder<B extends object, V = unknown> extends BinOps<WriteSegmentBuilder<B>, V> {}

/** Operations whose repetition leaves the record as one application does (writes of values, reads, delete, touch). */
const IDEMPOTENT_OPS: ReadonlySet<number> = new Set([OpType.READ, OpType.WRITE, OpType.DELETE, OpType.TOUCH, OpType.CDT_READ, OpType.BIT_READ, OpType.EXP_READ, OpType.HLL_READ]);

/**
 * True when a command may be sent again after a timeout without changing its outcome:
 * the behavior's `writesRetryable` settings apply to it, otherwise `writesNonRetryable`.
 * Creating (`insert`) and generation-checked writes are not: a second attempt fails.
 */
export function isRetryableWrite(verb: WriteVerb, ops: readonly Operation[], generationChecked: boolean): boolean {
  if (verb === 'insert' || generationChecked) return false;
  return ops.every((o) => IDEMPOTENT_OPS.has(o.op));
}

/** The per-record part of a write policy, for batch entries. */
export function batchWritePolicy(p: WritePolicy): BatchWritePolicy | undefined {
  const out: { -readonly [K in keyof BatchWritePolicy]: BatchWritePolicy[K] } = {};
  if (p.filterExpression != null) out.filterExpression = p.filterExpression;
  if (p.exists !== undefined) out.exists = p.exists;
  if (p.generationPolicy !== undefined) out.generationPolicy = p.generationPolicy;
  if (p.generation !== undefined) out.generation = p.generation;
  if (p.ttl !== undefined) out.ttl = p.ttl;
  if (p.durableDelete !== undefined) out.durableDelete = p.durableDelete;
  if (p.commitLevel !== undefined) out.commitLevel = p.commitLevel;
  if (p.sendKey !== undefined) out.sendKey = p.sendKey;
  return Object.keys(out).length === 0 ? undefined : out;
}

/** `execute()` without options: one shared object, not a new one per command. */
const DEFAULT_EXECUTE: ExecuteOptions = Object.freeze({});

/** True when `o` has no own enumerable property (without allocating a key list). */
function isEmpty(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return false;
  return true;
}

/**
 * A chain of operations on one or more keys; finish with `execute()`. `B` is the bins type
 * of the keys' dataset: bin names and values are checked against it, and results carry it.
 */
export class WriteSegmentBuilder<B extends object = AnyBins> extends WriteOptions {
  readonly #client: AerospikeClient;
  readonly #behavior: Behavior;
  readonly #verb: WriteVerb;
  readonly #keys: readonly Key<B>[];
  readonly #ops: Operation[] = [];
  #policy: { -readonly [K in keyof WritePolicy]: WritePolicy[K] } = {};
  #failOnFilteredOut = false;
  #respondAllKeys = false;

  constructor(client: AerospikeClient, behavior: Behavior, verb: WriteVerb, keys: readonly Key<B>[]) {
    super();
    if (keys.length === 0) throw new InvalidArgumentError(`${verb}() needs at least one key`);
    const ns = keys[0]?.namespace;
    if (keys.some((k) => k.namespace !== ns)) throw new InvalidArgumentError(`${verb}(): all keys must be in one namespace`);
    this.#client = client;
    this.#behavior = behavior;
    this.#verb = verb;
    this.#keys = keys;
    if (verb === 'insert') this.#policy.exists = RecordExistsAction.CREATE_ONLY;
    else if (verb === 'update') this.#policy.exists = RecordExistsAction.UPDATE_ONLY;
    else if (verb === 'replace') this.#policy.exists = RecordExistsAction.REPLACE;
    else if (verb === 'replaceIfExists') this.#policy.exists = RecordExistsAction.REPLACE_ONLY;
  }

  /** Adds a prepared operation (internal; bin builders use it). */
  op(o: Operation): this {
    if (this.#verb === 'delete' || this.#verb === 'exists' || this.#verb === 'touch') throw new InvalidArgumentError(`${this.#verb}() takes no bin operations`);
    if (this.#verb === 'read') checkReadOnly('query()', o);
    this.#ops.push(o);
    return this;
  }

  /** Starts an operation on a bin. */
  bin<K extends BinName<B>>(name: K): BinBuilder<B, BinType<B, K>> {
    return new BinBuilder<B, BinType<B, K>>(this, name);
  }

  /** Shortcut for `bin(name).setTo(value)`. */
  setTo<K extends BinName<B>>(name: K, value: BinValue<BinType<B, K>>): this {
    this.bin(name).setTo(value);
    return this;
  }
  /** Shortcut for `bin(name).add(value)`. */
  add(name: BinName<B>, value: number | bigint): this {
    this.bin(name).add(value);
    return this;
  }
  /** Shortcut for `bin(name).incrementBy(value)`. */
  incrementBy(name: BinName<B>, value: number | bigint): this {
    this.bin(name).incrementBy(value);
    return this;
  }
  /** Shortcut for `bin(name).append(value)`. */
  append(name: BinName<B>, value: string | Uint8Array): this {
    this.bin(name).append(value);
    return this;
  }
  /** Shortcut for `bin(name).prepend(value)`. */
  prepend(name: BinName<B>, value: string | Uint8Array): this {
    this.bin(name).prepend(value);
    return this;
  }
  /** Shortcut for `bin(name).get()`: reads the bin back in the result. */
  get(name: BinName<B>): this {
    this.bin(name).get();
    return this;
  }
  /** Shortcut for `bin(name).remove()`: deletes the bin. */
  removeBin(name: BinName<B>): this {
    this.bin(name).remove();
    return this;
  }
  /** Shortcut for `bin(name).selectFrom(expr, opts)`. */
  selectFrom(name: string, expr: ExpInput, opts?: SelectFromOptions): this {
    new BinOps<this>(this, name).selectFrom(expr, opts);
    return this;
  }
  /** Shortcut for `bin(name).insertFrom(expr, opts)`. */
  insertFrom(name: BinName<B>, expr: ExpInput, opts?: WriteFromOptions): this {
    this.bin(name).insertFrom(expr, opts);
    return this;
  }
  /** Shortcut for `bin(name).updateFrom(expr, opts)`. */
  updateFrom(name: BinName<B>, expr: ExpInput, opts?: WriteFromOptions): this {
    this.bin(name).updateFrom(expr, opts);
    return this;
  }
  /** Shortcut for `bin(name).upsertFrom(expr, opts)`. */
  upsertFrom(name: BinName<B>, expr: ExpInput, opts?: WriteFromOptions): this {
    this.bin(name).upsertFrom(expr, opts);
    return this;
  }
  /**
   * For `query(keys…)`: reads only the named bins (`bins('name', 'age')` or `bins(['name'])`)
   * instead of every bin.
   */
  bins(...names: Array<BinName<B> | readonly BinName<B>[]>): this {
    if (this.#verb !== 'read') throw new InvalidArgumentError(`bins() selects the bins a query(keys…) reads; ${this.#verb}() does not read`);
    const flat: unknown[] = names.flat();
    if (flat.length === 0 || !flat.every((b) => typeof b === 'string' && b !== '')) throw new InvalidArgumentError('bins() needs one or more bin names');
    for (const b of flat as string[]) this.op(Op.read(b));
    return this;
  }

  /** Adds an operation built with `@aerospike-ts/core` (ListOp, MapOp, ExpOp, …). */
  addOperation(o: Operation): this {
    return this.op(o);
  }

  /** Sets several bins (on a typed dataset, bins of its type). */
  put(bins: Partial<B>): this {
    for (const [k, v] of binEntries(bins)) this.op(Op.write(k, v));
    return this;
  }

  /**
   * Applies the command only when the record matches: an AEL string (`"$.age >= 18"`, `?0` placeholders) or an expression.
   * @throws AelError when the text does not parse; InvalidArgumentError for another kind of argument.
   */
  where(filter: string | FilterExpression, ...placeholders: unknown[]): this {
    this.#policy.filterExpression = whereFilter(filter, placeholders);
    return this;
  }

  /** A record the filter excluded is an error instead of a skipped result. */
  failOnFilteredOut(): this {
    this.#failOnFilteredOut = true;
    return this;
  }

  /** Several keys: a result for every key, even when the servers fail some (the default of the batch engine, stated). */
  respondAllKeys(): this {
    this.#respondAllKeys = true;
    return this;
  }

  /** Writes only when the record's generation is `gen`. */
  ensureGenerationIs(gen: number): this {
    if (!Number.isSafeInteger(gen) || gen < 0 || gen > 0xffffffff) throw new InvalidArgumentError(`ensureGenerationIs needs a non-negative integer generation, got ${String(gen)}`);
    this.#policy.generationPolicy = GenerationPolicy.EXPECT_GEN_EQUAL;
    this.#policy.generation = gen;
    return this;
  }

  /**
   * Runs the command. By default a single key raises on failure and several keys put each
   * key's outcome in the stream; `onError` chooses (see {@link ExecuteOptions}). A record
   * the `where` filter skipped, a missing record on `exists`, `delete` or a read are
   * answers, not failures (unless `failOnFilteredOut()`). The session's behavior gives the
   * policy for the command's kind (read, retryable or non-retryable write), shape (point or
   * batch) and the namespace's mode.
   */
  execute(options: ExecuteOptions = DEFAULT_EXECUTE): Promise<RecordStream<B>> {
    try {
      checkOnError(options.onError);
      const key = this.#keys[0] as Key<B>;
      const known = modeOf(this.#client, key.namespace);
      // one key and the namespace's mode known (every command after the first): core's
      // command settles with the stream itself, one promise
      if (this.#keys.length === 1 && typeof known === 'string') return this.#single(key, known, options);
      return this.#executeLater(known, options);
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  async #executeLater(known: Mode | Promise<Mode>, options: ExecuteOptions): Promise<RecordStream<B>> {
    const mode = typeof known === 'string' ? known : await known;
    if (this.#keys.length === 1) return this.#single(this.#keys[0] as Key<B>, mode, options);
    const results = await this.#batch(mode);
    return new RecordStream<B>(settleResults(results, options, (r) => !r.isOk && !toleratedCode(this.#verb, this.#failOnFilteredOut, r.resultCode)));
  }

  #reads(): boolean {
    return this.#verb === 'read' || this.#verb === 'exists';
  }

  #retryable(): boolean {
    return isRetryableWrite(this.#verb, this.#ops, this.#policy.generationPolicy !== undefined);
  }

  /** The write policy of this command: the behavior's for its kind and shape, then what the chain set. */
  #writePolicy(shape: 'point' | 'batch', mode: Mode): WritePolicy {
    const base = this.#behavior.writePolicy(shape, mode, this.#retryable());
    const overrides = this.writeOverrides();
    // nothing chained: the behavior's frozen policy, which the core client resolves once
    if (isEmpty(this.#policy) && isEmpty(overrides)) return base;
    return { ...base, ...this.#policy, ...overrides };
  }

  #readPolicy(mode: Mode): ReadPolicy {
    const rp = this.#behavior.readPolicy('point', mode);
    return this.#policy.filterExpression === undefined ? rp : { ...rp, filterExpression: this.#policy.filterExpression };
  }

  /** One key: core's command, settling through the verb's outcome (see single-outcome.ts). */
  #single(key: Key<B>, mode: Mode, options: ExecuteOptions): Promise<RecordStream<B>> {
    const c = this.#client;
    const verb = this.#verb;
    const strict = this.#failOnFilteredOut;
    switch (verb) {
      case 'delete':
        return c.remove(key.core, this.#writePolicy('point', mode), new RemoveOutcome<B>(key, verb, strict, options));
      case 'exists':
        return c.exists(key.core, this.#readPolicy(mode), new ExistsOutcome<B>(key, verb, strict, options));
      case 'touch':
        return c.touch(key.core, this.#writePolicy('point', mode), new TouchOutcome<B>(key, verb, strict, options));
      case 'read': {
        const rp = this.#readPolicy(mode);
        const outcome = new RecordOutcome<B>(key, verb, strict, options);
        return this.#ops.length === 0 ? c.get(key.core, null, rp, outcome) : c.operate(key.core, this.#ops, rp, undefined, outcome);
      }
      default:
        if (this.#ops.length === 0) throw new InvalidArgumentError(`${verb}(${key.toString()}) has no bin operations; add .bin(...) or .put({...})`);
        return c.operate(key.core, this.#ops, this.#writePolicy('point', mode), undefined, new RecordOutcome<B>(key, verb, strict, options));
    }
  }

  async #batch(mode: Mode): Promise<RecordResult<B>[]> {
    if (!this.#reads() && this.#verb !== 'delete' && this.#verb !== 'touch' && this.#ops.length === 0) {
      throw new InvalidArgumentError(`${this.#verb}() has no bin operations; add .bin(...) or .put({...})`);
    }
    const perRecord = batchWritePolicy(this.#writePolicy('batch', mode));
    const filter = this.#policy.filterExpression;
    const readPolicy = filter === undefined ? undefined : { filterExpression: filter };
    const records: BatchRecord[] = this.#keys.map((k): BatchRecord => {
      if (this.#verb === 'exists') return readPolicy === undefined ? { type: 'read', key: k.core, headerOnly: true } : { type: 'read', key: k.core, headerOnly: true, policy: readPolicy };
      if (this.#verb === 'read') {
        const base = this.#ops.length === 0 ? { type: 'read' as const, key: k.core } : { type: 'read' as const, key: k.core, ops: this.#ops };
        return readPolicy === undefined ? base : { ...base, policy: readPolicy };
      }
      if (this.#verb === 'delete') return perRecord === undefined ? { type: 'delete', key: k.core } : { type: 'delete', key: k.core, policy: perRecord };
      const ops = this.#verb === 'touch' ? [Op.touch()] : this.#ops;
      return perRecord === undefined ? { type: 'write', key: k.core, ops } : { type: 'write', key: k.core, ops, policy: perRecord };
    });
    const policy = this.#behavior.batchPolicy(mode, this.#reads(), this.#retryable());
    const results = await this.#client.batch(records, this.#respondAllKeys ? { ...policy, respondAllKeys: true } : policy);
    return results.map((r, i) => {
      const key = this.#keys[i] as Key<B>;
      const rec = r.record === null ? null : { key, bins: r.record.bins as B, generation: r.record.generation, ttl: r.record.ttl };
      return new RecordResult<B>(key, rec, r.resultCode, r.inDoubt, i, r.error ?? null);
    });
  }
}
