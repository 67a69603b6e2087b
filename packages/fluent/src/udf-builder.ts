import { InvalidArgumentError, type AerospikeClient, type Value } from '@aerospike-ts/core';
import type { Behavior } from './behavior.js';
import type { Key } from './dataset.js';
import { RecordResult, RecordStream } from './record-result.js';

/** `session.executeUdf(...keys).function(pkg, fn).passing(...args).execute()`. */
export class UdfBuilder {
  readonly #client: AerospikeClient;
  readonly #behavior: Behavior;
  readonly #keys: readonly Key[];
  #module: string | null = null;
  #fn: string | null = null;
  #args: Value[] = [];

  constructor(client: AerospikeClient, behavior: Behavior, keys: readonly Key[]) {
    if (keys.length === 0) throw new InvalidArgumentError('executeUdf() needs at least one key');
    this.#client = client;
    this.#behavior = behavior;
    this.#keys = keys;
  }

  /** The module (without `.lua`) and function to call. */
  function(module: string, fn: string): this {
    this.#module = module;
    this.#fn = fn;
    return this;
  }

  /** The function's arguments. */
  passing(...args: Value[]): this {
    this.#args = args;
    return this;
  }

  /** Calls the function on every key; `udfResult` of each result holds its return value. */
  async execute(): Promise<RecordStream> {
    if (this.#module === null || this.#fn === null) throw new InvalidArgumentError('executeUdf(): call .function(module, fn) before execute()');
    const results = await this.#client.batchApply(
      this.#keys.map((k) => k.core),
      this.#module,
      this.#fn,
      this.#args,
      { totalTimeout: this.#behavior.writePolicy().totalTimeout ?? 1000 }
    );
    const out = results.map((r, i) => {
      const key = this.#keys[i] as Key;
      return new RecordResult(key, r.record === null ? null : { key, bins: r.record.bins, generation: r.record.generation, ttl: r.record.ttl }, r.resultCode, r.inDoubt, i, r.error ?? null);
    });
    if (this.#keys.length === 1 && out[0] !== undefined && !out[0].isOk) out[0].orRaise();
    return new RecordStream(out);
  }
}
