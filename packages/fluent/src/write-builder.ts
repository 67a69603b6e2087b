import {
  AerospikeError,
  InvalidArgumentError,
  Op,
  parseAel,
  RecordExistsAction,
  ResultCode,
  serverError,
  type AerospikeClient,
  type BatchRecord,
  type FilterExpression,
  type Operation,
  type Value,
  type WritePolicy
} from '@aerospike-ts/core';
import { checkReadOnly, type SelectFromOptions, type WriteFromOptions } from './bin-flags.js';
import { BinOps, type BinValue, type ExpInput } from './bin-ops.js';
import type { Behavior } from './behavior.js';
import type { Key } from './dataset.js';
import { RecordResult, RecordStream, type FluentRecord } from './record-result.js';

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

/** A chain of operations on one or more keys; finish with `execute()`. */
export class WriteSegmentBuilder<B extends object = { [bin: string]: unknown }> {
  readonly #client: AerospikeClient;
  readonly #behavior: Behavior;
  readonly #verb: WriteVerb;
  readonly #keys: readonly Key[];
  readonly #ops: Operation[] = [];
  #policy: { -readonly [K in keyof WritePolicy]: WritePolicy[K] } = {};
  #failOnFilteredOut = false;

  constructor(client: AerospikeClient, behavior: Behavior, verb: WriteVerb, keys: readonly Key[]) {
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
  /** Adds an operation built with `@aerospike-ts/core` (ListOp, MapOp, ExpOp, …). */
  addOperation(o: Operation): this {
    return this.op(o);
  }

  /** Sets several bins. */
  put(bins: Partial<B> | { [bin: string]: Value }): this {
    for (const [k, v] of Object.entries(bins)) this.op(Op.write(k, v as Value));
    return this;
  }

  /** Applies the command only when the record matches: an AEL string (`"$.age >= 18"`, `?0` placeholders) or an expression. */
  where(filter: string | FilterExpression, ...placeholders: unknown[]): this {
    this.#policy.filterExpression = typeof filter === 'string' ? parseAel(filter, ...placeholders) : filter;
    return this;
  }

  /** A record the filter excluded is an error instead of a skipped result. */
  failOnFilteredOut(): this {
    this.#failOnFilteredOut = true;
    return this;
  }

  /** Writes only when the record's generation is `gen`. */
  ensureGenerationIs(gen: number): this {
    this.#policy.generationPolicy = 1;
    this.#policy.generation = gen;
    return this;
  }

  expireRecordAfterSeconds(seconds: number): this {
    if (!Number.isInteger(seconds) || seconds < 1) throw new InvalidArgumentError(`expireRecordAfterSeconds needs a positive integer, got ${seconds}`);
    this.#policy.ttl = seconds;
    return this;
  }
  neverExpire(): this {
    this.#policy.ttl = -1;
    return this;
  }
  withNoChangeInExpiration(): this {
    this.#policy.ttl = -2;
    return this;
  }
  expiryFromServerDefault(): this {
    this.#policy.ttl = 0;
    return this;
  }
  /** Leaves a tombstone on delete (Enterprise). */
  durablyDelete(): this {
    this.#policy.durableDelete = true;
    return this;
  }

  /**
   * Runs the command. A single key raises on failure; several keys put each key's
   * outcome in the stream.
   */
  async execute(): Promise<RecordStream<B>> {
    const policy: WritePolicy = { ...this.#behavior.writePolicy(), ...this.#policy };
    if (this.#keys.length === 1) {
      const r = await this.#single(this.#keys[0] as Key, policy);
      const tolerated = (r.resultCode === ResultCode.FILTERED_OUT && !this.#failOnFilteredOut) || this.#verb === 'exists' || (r.resultCode === ResultCode.KEY_NOT_FOUND_ERROR && (this.#verb === 'delete' || this.#verb === 'read'));
      if (!r.isOk && !tolerated) {
        throw r.exception ?? serverError(r.resultCode, { detail: r.key.toString() });
      }
      return new RecordStream<B>([r]);
    }
    return new RecordStream<B>(await this.#batch(policy));
  }

  async #single(key: Key, policy: WritePolicy): Promise<RecordResult<B>> {
    const c = this.#client;
    try {
      switch (this.#verb) {
        case 'delete': {
          const existed = await c.remove(key.core, policy);
          return new RecordResult<B>(key, null, existed ? 0 : ResultCode.KEY_NOT_FOUND_ERROR, false, 0, null);
        }
        case 'exists': {
          const rp = this.#policy.filterExpression === undefined ? this.#behavior.readPolicy() : { ...this.#behavior.readPolicy(), filterExpression: this.#policy.filterExpression };
          const m = await c.exists(key.core, rp);
          return new RecordResult<B>(key, m === null ? null : { key, bins: {} as B, generation: m.generation, ttl: m.ttl }, m === null ? ResultCode.KEY_NOT_FOUND_ERROR : 0, false, 0, null);
        }
        case 'touch': {
          const m = await c.touch(key.core, policy);
          return new RecordResult<B>(key, { key, bins: {} as B, generation: m.generation, ttl: m.ttl }, 0, false, 0, null);
        }
        case 'read': {
          const rp = this.#policy.filterExpression === undefined ? this.#behavior.readPolicy() : { ...this.#behavior.readPolicy(), filterExpression: this.#policy.filterExpression };
          const r = this.#ops.length === 0 ? await c.get(key.core, null, rp) : await c.operate(key.core, this.#ops, rp);
          return new RecordResult<B>(key, { key, bins: r.bins as B, generation: r.generation, ttl: r.ttl }, 0, false, 0, null);
        }
        default: {
          if (this.#ops.length === 0) throw new InvalidArgumentError(`${this.#verb}(${key.toString()}) has no bin operations; add .bin(...) or .put({...})`);
          const r = await c.operate(key.core, this.#ops, policy);
          const rec: FluentRecord<B> = { key, bins: r.bins as B, generation: r.generation, ttl: r.ttl };
          return new RecordResult<B>(key, rec, 0, false, 0, null);
        }
      }
    } catch (err) {
      if (err instanceof AerospikeError && err.resultCode > 0) return new RecordResult<B>(key, null, err.resultCode, err.inDoubt, 0, err);
      throw err;
    }
  }

  async #batch(policy: WritePolicy): Promise<RecordResult<B>[]> {
    const p = { ...policy } as { [k: string]: unknown };
    const writePolicy = { exists: p['exists'], generationPolicy: p['generationPolicy'], generation: p['generation'], ttl: p['ttl'], durableDelete: p['durableDelete'], commitLevel: p['commitLevel'], sendKey: p['sendKey'], filterExpression: p['filterExpression'] };
    const clean = Object.fromEntries(Object.entries(writePolicy).filter(([, v]) => v !== undefined)) as BatchRecord['policy'];
    if (this.#verb !== 'delete' && this.#verb !== 'exists' && this.#verb !== 'touch' && this.#verb !== 'read' && this.#ops.length === 0) {
      throw new InvalidArgumentError(`${this.#verb}() has no bin operations; add .bin(...) or .put({...})`);
    }
    const filter = this.#policy.filterExpression;
    const readPolicy = filter === undefined ? undefined : { filterExpression: filter };
    const records: BatchRecord[] = this.#keys.map((k): BatchRecord => {
      if (this.#verb === 'exists') return readPolicy === undefined ? { type: 'read', key: k.core, headerOnly: true } : { type: 'read', key: k.core, headerOnly: true, policy: readPolicy };
      if (this.#verb === 'read') {
        const base = this.#ops.length === 0 ? { type: 'read' as const, key: k.core } : { type: 'read' as const, key: k.core, ops: this.#ops };
        return readPolicy === undefined ? base : { ...base, policy: readPolicy };
      }
      if (this.#verb === 'delete') return clean === undefined ? { type: 'delete', key: k.core } : { type: 'delete', key: k.core, policy: clean };
      const ops = this.#verb === 'touch' ? [Op.touch()] : this.#ops;
      return clean === undefined ? { type: 'write', key: k.core, ops } : { type: 'write', key: k.core, ops, policy: clean };
    });
    const results = await this.#client.batch(records, { totalTimeout: policy.totalTimeout ?? 1000 });
    return results.map((r, i) => {
      const key = this.#keys[i] as Key;
      const rec = r.record === null ? null : { key, bins: r.record.bins as B, generation: r.record.generation, ttl: r.record.ttl };
      return new RecordResult<B>(key, rec, r.resultCode, r.inDoubt, i, r.error ?? null);
    });
  }
}
