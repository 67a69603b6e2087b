import { InvalidArgumentError, type AerospikeClient, type DecodedBins, type Value } from '@aerospike-ts/core';
import type { Behavior } from './behavior.js';
import type { Key } from './dataset.js';
import { modeOf } from './info-commands.js';
import { RecordResult, RecordStream, checkOnError, settleResults, type ExecuteOptions } from './record-result.js';
import { UdfCall } from './udf-call.js';
import { batchWritePolicy } from './write-builder.js';
import { WriteOptions } from './write-options.js';

/** `session.executeUdf(...keys).function(pkg, fn).passing(...args).execute()`. */
export class UdfBuilder extends WriteOptions {
  readonly #client: AerospikeClient;
  readonly #behavior: Behavior;
  readonly #keys: readonly Key<unknown>[];
  readonly #udf: UdfCall<this> = new UdfCall<this>(this);

  constructor(client: AerospikeClient, behavior: Behavior, keys: readonly Key<unknown>[]) {
    super();
    if (keys.length === 0) throw new InvalidArgumentError('executeUdf() needs at least one key');
    this.#client = client;
    this.#behavior = behavior;
    this.#keys = keys;
  }

  /** The module (without `.lua`) and function to call. */
  function(module: string, fn: string): this {
    return this.#udf.function(module, fn);
  }

  /** The function's arguments. */
  passing(...args: Value[]): this {
    return this.#udf.passing(args);
  }

  /**
   * Calls the function on every key; `udfResult` of each result holds its return value.
   * By default one key raises on failure and several keys put each key's outcome in the
   * stream; `onError` chooses (see {@link ExecuteOptions}).
   */
  async execute(options: ExecuteOptions = {}): Promise<RecordStream> {
    checkOnError(options.onError);
    const { module, fn, args } = this.#udf.spec('executeUdf()');
    const known = modeOf(this.#client, (this.#keys[0] as Key<unknown>).namespace);
    const mode = typeof known === 'string' ? known : await known;
    const results = await this.#client.batchApply(
      this.#keys.map((k) => k.core),
      module,
      fn,
      args,
      this.#behavior.batchPolicy(mode, false),
      batchWritePolicy({ ...this.#behavior.writePolicy('batch', mode), ...this.writeOverrides() })
    );
    const out = results.map((r, i) => {
      const key = this.#keys[i] as Key<DecodedBins>;
      return new RecordResult(key, r.record === null ? null : { key, bins: r.record.bins, generation: r.record.generation, ttl: r.record.ttl }, r.resultCode, r.inDoubt, i, r.error ?? null);
    });
    return new RecordStream(settleResults(out, options, (r) => !r.isOk));
  }
}
