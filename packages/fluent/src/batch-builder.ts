import { InvalidArgumentError, Op, RecordExistsAction, ResultCode, type AerospikeClient, type DecodedBins, type BatchRecord, type BatchWritePolicy, type FilterExpression, type Operation } from '@aerospike-ts/core';
import type { Behavior } from './behavior.js';
import type { AnyBins, Key, KeyOf } from './dataset.js';
import { modeOf } from './info-commands.js';
import { RecordResult, RecordStream, checkOnError, settleResults, type ExecuteOptions } from './record-result.js';
import { checkReadOnly } from './bin-flags.js';
import { BinOps } from './bin-ops.js';
import { binEntries, checkKeyArg, whereFilter } from './arg-checks.js';
import { batchWritePolicy, isRetryableWrite, type BinName, type BinType } from './write-builder.js';

type Verb = 'upsert' | 'insert' | 'update' | 'replace' | 'replaceIfExists' | 'delete' | 'touch' | 'exists' | 'read';

interface Entry {
  verb: Verb;
  key: Key<unknown>;
  ops: Operation[];
  policy: { -readonly [K in keyof BatchWritePolicy]: BatchWritePolicy[K] };
}

/** Operations on one bin of the current batch entry (the same operations as a record builder's `bin()`). */
export class BatchBinBuilder<B extends object = AnyBins, V = unknown> extends BinOps<BatchBuilder<B>, V> {}

/**
 * A batch of mixed commands: start each entry with a verb and a key, chain its bin
 * operations, then `execute()` (resolves when every entry is done) or `executeStream()`.
 * `B` is the bins type of the current entry's key: `bin()` checks names and values against it.
 */
export class BatchBuilder<B extends object = AnyBins> {
  readonly #client: AerospikeClient;
  readonly #behavior: Behavior;
  readonly #entries: Entry[] = [];

  constructor(client: AerospikeClient, behavior: Behavior) {
    this.#client = client;
    this.#behavior = behavior;
  }

  #start<K extends object>(verb: Verb, key: KeyOf<K>): BatchBuilder<K> {
    checkKeyArg(`batch().${verb}(): key`, key);
    const policy: Entry['policy'] = {};
    if (verb === 'insert') policy.exists = RecordExistsAction.CREATE_ONLY;
    else if (verb === 'update') policy.exists = RecordExistsAction.UPDATE_ONLY;
    else if (verb === 'replace') policy.exists = RecordExistsAction.REPLACE;
    else if (verb === 'replaceIfExists') policy.exists = RecordExistsAction.REPLACE_ONLY;
    this.#entries.push({ verb, key, ops: [], policy });
    // the same builder; only the type of the current entry's bins changes
    return this as unknown as BatchBuilder<K>;
  }

  #current(what: string): Entry {
    const e = this.#entries[this.#entries.length - 1];
    if (e === undefined) throw new InvalidArgumentError(`${what}: start an entry with upsert/insert/update/replace/delete/touch/exists/read first`);
    return e;
  }

  upsert<K extends object = AnyBins>(key: KeyOf<K>): BatchBuilder<K> {
    return this.#start('upsert', key);
  }
  insert<K extends object = AnyBins>(key: KeyOf<K>): BatchBuilder<K> {
    return this.#start('insert', key);
  }
  update<K extends object = AnyBins>(key: KeyOf<K>): BatchBuilder<K> {
    return this.#start('update', key);
  }
  replace<K extends object = AnyBins>(key: KeyOf<K>): BatchBuilder<K> {
    return this.#start('replace', key);
  }
  replaceIfExists<K extends object = AnyBins>(key: KeyOf<K>): BatchBuilder<K> {
    return this.#start('replaceIfExists', key);
  }
  delete<K extends object = AnyBins>(key: KeyOf<K>): BatchBuilder<K> {
    return this.#start('delete', key);
  }
  touch<K extends object = AnyBins>(key: KeyOf<K>): BatchBuilder<K> {
    return this.#start('touch', key);
  }
  exists<K extends object = AnyBins>(key: KeyOf<K>): BatchBuilder<K> {
    return this.#start('exists', key);
  }
  read<K extends object = AnyBins>(key: KeyOf<K>): BatchBuilder<K> {
    return this.#start('read', key);
  }

  /** Adds an operation to the current entry (internal; bin builders use it). */
  op(o: Operation): this {
    const e = this.#current('bin()');
    if (e.verb === 'delete' || e.verb === 'exists' || e.verb === 'touch') throw new InvalidArgumentError(`${e.verb}() takes no bin operations`);
    if (e.verb === 'read') checkReadOnly('a batch read() entry', o);
    e.ops.push(o);
    return this;
  }

  /** Starts an operation on a bin of the current entry's record. */
  bin<N extends BinName<B>>(name: N): BatchBinBuilder<B, BinType<B, N>> {
    return new BatchBinBuilder<B, BinType<B, N>>(this, name);
  }

  /** Sets several bins of the current entry's record. */
  put(bins: Partial<B>): this {
    for (const [k, v] of binEntries(bins)) this.op(Op.write(k, v));
    return this;
  }

  /**
   * The current entry applies only when its record matches (AEL string or expression).
   * @throws AelError when the text does not parse; InvalidArgumentError for another kind of argument.
   */
  where(filter: string | FilterExpression, ...placeholders: unknown[]): this {
    const entry = this.#current('where()');
    entry.policy.filterExpression = whereFilter(filter, placeholders);
    return this;
  }

  /** The current entry's record expires `seconds` after the write. */
  expireRecordAfterSeconds(seconds: number): this {
    if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > 0xfffffffe) throw new InvalidArgumentError(`expireRecordAfterSeconds needs a positive integer of seconds, got ${String(seconds)}`);
    this.#current('expireRecordAfterSeconds()').policy.ttl = seconds;
    return this;
  }

  /** The current entry writes only when its record's generation is `gen`. */
  ensureGenerationIs(gen: number): this {
    if (!Number.isSafeInteger(gen) || gen < 0 || gen > 0xffffffff) throw new InvalidArgumentError(`ensureGenerationIs needs a non-negative integer generation, got ${String(gen)}`);
    const p = this.#current('ensureGenerationIs()').policy;
    p.generationPolicy = 1;
    p.generation = gen;
    return this;
  }

  /**
   * Runs every entry; resolves once every entry is done with the stream of results (in
   * input order, each with its `index`). Failures stay in the stream unless `onError` says
   * otherwise; a missing record of a `read` or `exists` entry is an answer, not a failure.
   */
  async execute(options: ExecuteOptions = {}): Promise<RecordStream> {
    return this.executeStream(options);
  }

  /**
   * Runs every entry and streams each entry's result with its `index`. The behavior's
   * batch settings apply (batch reads when every entry reads, else batch writes), with the
   * session's transaction, if any.
   */
  async executeStream(options: ExecuteOptions = {}): Promise<RecordStream> {
    checkOnError(options.onError);
    const first = this.#entries[0];
    if (first === undefined) throw new InvalidArgumentError('an empty batch: add entries with upsert/insert/…');
    const known = modeOf(this.#client, first.key.namespace);
    const mode = typeof known === 'string' ? known : await known;
    const reads = this.#entries.every((e) => e.verb === 'read' || e.verb === 'exists');
    const retryable = this.#entries.every((e) => isRetryableWrite(e.verb, e.ops, e.policy.generationPolicy !== undefined));
    const defaults = this.#behavior.writePolicy('batch', mode, retryable);
    // entries without settings of their own share one policy object, so the batch can send them as repeats
    const shared = batchWritePolicy(defaults);
    const records: BatchRecord[] = this.#entries.map((e): BatchRecord => {
      const read = e.policy.filterExpression === undefined ? undefined : { filterExpression: e.policy.filterExpression };
      const write = Object.keys(e.policy).length === 0 ? shared : batchWritePolicy({ ...defaults, ...e.policy });
      switch (e.verb) {
        case 'exists':
          return read === undefined ? { type: 'read', key: e.key.core, headerOnly: true } : { type: 'read', key: e.key.core, headerOnly: true, policy: read };
        case 'read': {
          const base = e.ops.length === 0 ? { type: 'read' as const, key: e.key.core } : { type: 'read' as const, key: e.key.core, ops: e.ops };
          return read === undefined ? base : { ...base, policy: read };
        }
        case 'delete':
          return write === undefined ? { type: 'delete', key: e.key.core } : { type: 'delete', key: e.key.core, policy: write };
        default: {
          const ops = e.verb === 'touch' ? [Op.touch()] : e.ops;
          if (ops.length === 0) throw new InvalidArgumentError(`batch entry ${e.verb}(${e.key.toString()}) has no bin operations`);
          return write === undefined ? { type: 'write', key: e.key.core, ops } : { type: 'write', key: e.key.core, ops, policy: write };
        }
      }
    });
    const results = await this.#client.batch(records, this.#behavior.batchPolicy(mode, reads, retryable));
    const out = results.map((r, i) => {
      const key = (this.#entries[i] as Entry).key as Key<DecodedBins>;
      return new RecordResult(key, r.record === null ? null : { key, bins: r.record.bins, generation: r.record.generation, ttl: r.record.ttl }, r.resultCode, r.inDoubt, i, r.error ?? null);
    });
    const entries = this.#entries;
    const answer = (r: RecordResult): boolean => r.resultCode === ResultCode.KEY_NOT_FOUND_ERROR && ((entries[r.index] as Entry).verb === 'read' || (entries[r.index] as Entry).verb === 'exists');
    return new RecordStream(settleResults(out, { onError: options.onError ?? 'inStream' }, (r) => !r.isOk && !answer(r)));
  }
}
