import { InvalidArgumentError, Op, RecordExistsAction, parseAel, type AerospikeClient, type BatchRecord, type BatchWritePolicy, type FilterExpression, type Operation, type Value } from '@aerospike-ts/core';
import type { Behavior } from './behavior.js';
import type { Key } from './dataset.js';
import { RecordResult, RecordStream } from './record-result.js';
import { checkReadOnly } from './bin-flags.js';
import { BinOps } from './bin-ops.js';

type Verb = 'upsert' | 'insert' | 'update' | 'replace' | 'replaceIfExists' | 'delete' | 'touch' | 'exists' | 'read';

interface Entry {
  verb: Verb;
  key: Key;
  ops: Operation[];
  policy: { -readonly [K in keyof BatchWritePolicy]: BatchWritePolicy[K] };
}

/** Operations on one bin of the current batch entry (the same operations as a record builder's `bin()`). */
export class BatchBinBuilder extends BinOps<BatchBuilder> {}

/**
 * A batch of mixed commands: start each entry with a verb and a key, chain its bin
 * operations, then `execute()` (resolves when every entry is done) or `executeStream()`.
 */
export class BatchBuilder {
  readonly #client: AerospikeClient;
  readonly #behavior: Behavior;
  readonly #entries: Entry[] = [];

  constructor(client: AerospikeClient, behavior: Behavior) {
    this.#client = client;
    this.#behavior = behavior;
  }

  #start(verb: Verb, key: Key): this {
    const policy: Entry['policy'] = {};
    if (verb === 'insert') policy.exists = RecordExistsAction.CREATE_ONLY;
    else if (verb === 'update') policy.exists = RecordExistsAction.UPDATE_ONLY;
    else if (verb === 'replace') policy.exists = RecordExistsAction.REPLACE;
    else if (verb === 'replaceIfExists') policy.exists = RecordExistsAction.REPLACE_ONLY;
    this.#entries.push({ verb, key, ops: [], policy });
    return this;
  }

  #current(what: string): Entry {
    const e = this.#entries[this.#entries.length - 1];
    if (e === undefined) throw new InvalidArgumentError(`${what}: start an entry with upsert/insert/update/replace/delete/touch/exists/read first`);
    return e;
  }

  upsert(key: Key): this {
    return this.#start('upsert', key);
  }
  insert(key: Key): this {
    return this.#start('insert', key);
  }
  update(key: Key): this {
    return this.#start('update', key);
  }
  replace(key: Key): this {
    return this.#start('replace', key);
  }
  replaceIfExists(key: Key): this {
    return this.#start('replaceIfExists', key);
  }
  delete(key: Key): this {
    return this.#start('delete', key);
  }
  touch(key: Key): this {
    return this.#start('touch', key);
  }
  exists(key: Key): this {
    return this.#start('exists', key);
  }
  read(key: Key): this {
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

  bin(name: string): BatchBinBuilder {
    return new BatchBinBuilder(this, name);
  }

  put(bins: { [bin: string]: Value }): this {
    for (const [k, v] of Object.entries(bins)) this.op(Op.write(k, v));
    return this;
  }

  /** The current entry applies only when its record matches (AEL string or expression). */
  where(filter: string | FilterExpression, ...placeholders: unknown[]): this {
    this.#current('where()').policy.filterExpression = typeof filter === 'string' ? parseAel(filter, ...placeholders) : filter;
    return this;
  }

  expireRecordAfterSeconds(seconds: number): this {
    this.#current('expireRecordAfterSeconds()').policy.ttl = seconds;
    return this;
  }

  ensureGenerationIs(gen: number): this {
    const p = this.#current('ensureGenerationIs()').policy;
    p.generationPolicy = 1;
    p.generation = gen;
    return this;
  }

  /** Runs every entry; resolves with the stream of results (in input order, each with its `index`). */
  async execute(): Promise<RecordStream> {
    return this.executeStream();
  }

  /** Runs every entry and streams each entry's result with its `index`. */
  async executeStream(): Promise<RecordStream> {
    if (this.#entries.length === 0) throw new InvalidArgumentError('an empty batch: add entries with upsert/insert/…');
    const records: BatchRecord[] = this.#entries.map((e): BatchRecord => {
      const policy = Object.keys(e.policy).length === 0 ? undefined : e.policy;
      switch (e.verb) {
        case 'exists':
          return { type: 'read', key: e.key.core, headerOnly: true };
        case 'read':
          return e.ops.length === 0 ? { type: 'read', key: e.key.core } : { type: 'read', key: e.key.core, ops: e.ops };
        case 'delete':
          return policy === undefined ? { type: 'delete', key: e.key.core } : { type: 'delete', key: e.key.core, policy };
        default: {
          const ops = e.verb === 'touch' ? [Op.touch()] : e.ops;
          if (ops.length === 0) throw new InvalidArgumentError(`batch entry ${e.verb}(${e.key.toString()}) has no bin operations`);
          return policy === undefined ? { type: 'write', key: e.key.core, ops } : { type: 'write', key: e.key.core, ops, policy };
        }
      }
    });
    const results = await this.#client.batch(records, { totalTimeout: this.#behavior.writePolicy().totalTimeout ?? 1000 });
    return new RecordStream(
      results.map((r, i) => {
        const key = (this.#entries[i] as Entry).key;
        return new RecordResult(key, r.record === null ? null : { key, bins: r.record.bins, generation: r.record.generation, ttl: r.record.ttl }, r.resultCode, r.inDoubt, i, r.error ?? null);
      })
    );
  }
}
