import { IndexCollectionType, IndexType, InvalidArgumentError, packContext, type AerospikeClient, type CdtContext } from '@aerospike-ts/core';
import type { DataSet } from './dataset.js';
import { invalidateIndexes } from './query-planner.js';

/** What an index on a collection bin covers: list elements, map keys or map values. */
export type CollectionIndex = 'list' | 'mapKeys' | 'mapValues';

const COLLECTIONS: { readonly [C in CollectionIndex]: IndexCollectionType } = { list: IndexCollectionType.LIST, mapKeys: IndexCollectionType.MAPKEYS, mapValues: IndexCollectionType.MAPVALUES };

/**
 * `session.index(dataset).onBin('age').named('users_age').numeric().create()`: creates or
 * drops a secondary index. `create()` returns once every node has built the index.
 */
export class IndexBuilder {
  readonly #client: AerospikeClient;
  readonly #dataset: DataSet;
  #bin: string | null = null;
  #name: string | null = null;
  #type: IndexType | null = null;
  #collection: IndexCollectionType | null = null;
  #context: CdtContext | null = null;
  #timeoutMs = 30_000;

  /** Internal: `session.index(dataset)` creates it. */
  constructor(client: AerospikeClient, dataset: DataSet) {
    this.#client = client;
    this.#dataset = dataset;
  }

  /** The bin to index. */
  onBin(bin: string): this {
    if (typeof bin !== 'string' || bin === '') throw new InvalidArgumentError('onBin() needs a bin name');
    this.#bin = bin;
    return this;
  }

  /** The index name (unique in the namespace). */
  named(name: string): this {
    if (typeof name !== 'string' || name === '') throw new InvalidArgumentError('named() needs an index name');
    this.#name = name;
    return this;
  }

  #setType(t: IndexType): this {
    if (this.#type !== null && this.#type !== t) throw new InvalidArgumentError(`index type already set to ${this.#type}; choose one of numeric(), string(), geo2dsphere(), blob()`);
    this.#type = t;
    return this;
  }
  /** Index integer values. */
  numeric(): this {
    return this.#setType(IndexType.NUMERIC);
  }
  /** Index string values. */
  string(): this {
    return this.#setType(IndexType.STRING);
  }
  /** Index GeoJSON values. */
  geo2dsphere(): this {
    return this.#setType(IndexType.GEO2DSPHERE);
  }
  /** Index bytes values. */
  blob(): this {
    return this.#setType(IndexType.BLOB);
  }

  /** Index the elements of a list bin, or a map bin's keys or values (combine with a value type). */
  collection(type: CollectionIndex): this {
    const c = COLLECTIONS[type];
    if (c === undefined) throw new InvalidArgumentError(`collection() takes 'list', 'mapKeys' or 'mapValues', got ${String(type)}`);
    this.#collection = c;
    return this;
  }

  /** Index a nested element: the CDT context leading to it (`[Ctx.mapKey('address')]`). */
  context(ctx: CdtContext): this {
    if (!Array.isArray(ctx) || ctx.length === 0) throw new InvalidArgumentError('context() needs a non-empty list of Ctx steps');
    this.#context = ctx;
    return this;
  }

  /** How long create()/drop() wait for every node (ms, default 30 000). */
  waitingUpTo(ms: number): this {
    if (!Number.isSafeInteger(ms) || ms < 1) throw new InvalidArgumentError(`waitingUpTo() needs a positive number of milliseconds, got ${String(ms)}`);
    this.#timeoutMs = ms;
    return this;
  }

  #needName(what: string): string {
    if (this.#name === null) throw new InvalidArgumentError(`${what}: name the index with named(...) first`);
    return this.#name;
  }

  /** Creates the index and waits until every node has built it. */
  async create(): Promise<void> {
    const name = this.#needName('create()');
    if (this.#bin === null) throw new InvalidArgumentError('create(): choose the bin with onBin(...) first');
    if (this.#type === null) throw new InvalidArgumentError('create(): choose the value type with numeric(), string(), geo2dsphere() or blob()');
    await this.#client.createIndex(
      {
        namespace: this.#dataset.namespace,
        set: this.#dataset.setName,
        name,
        bin: this.#bin,
        type: this.#type,
        ...(this.#collection === null ? {} : { collection: this.#collection }),
        ...(this.#context === null ? {} : { context: packContext(this.#context) })
      },
      this.#timeoutMs
    );
    invalidateIndexes(this.#client, this.#dataset.namespace);
  }

  /** Drops the index (by name) and waits until no node has it. */
  async drop(): Promise<void> {
    await this.#client.dropIndex(this.#dataset.namespace, this.#needName('drop()'), this.#timeoutMs);
    invalidateIndexes(this.#client, this.#dataset.namespace);
  }
}
