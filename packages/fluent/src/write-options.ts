import { InvalidArgumentError } from '@aerospike-ts/core';

/** The expiry and durable-delete choices of a chain, as write-policy options. */
export interface WriteOverrides {
  readonly ttl?: number;
  readonly durableDelete?: boolean;
}

/** The overrides of a chain that set none. */
const NO_OVERRIDES: WriteOverrides = Object.freeze({});

/**
 * Record-level write settings shared by the record, UDF and background builders: when
 * the records expire and whether deletes leave a tombstone. What the chain sets overrides
 * the session's behavior; `withDurableDelete()`/`withoutDurableDelete()` also override
 * `defaultWithDurableDelete()`/`defaultWithoutDurableDelete()`.
 */
export abstract class WriteOptions {
  #ttl: number | undefined;
  #durable: boolean | undefined;
  #durableDefault: boolean | undefined;

  /** The records expire `seconds` after this write. */
  expireRecordAfterSeconds(seconds: number): this {
    if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > 0xfffffffe) {
      throw new InvalidArgumentError(`expireRecordAfterSeconds needs a positive integer of seconds, got ${String(seconds)}`);
    }
    this.#ttl = seconds;
    return this;
  }
  /** The records never expire. */
  neverExpire(): this {
    this.#ttl = -1;
    return this;
  }
  /** The write keeps each record's expiration. */
  withNoChangeInExpiration(): this {
    this.#ttl = -2;
    return this;
  }
  /** The records expire after the namespace's default time to live. */
  expiryFromServerDefault(): this {
    this.#ttl = 0;
    return this;
  }

  /** Deletes leave a tombstone (Enterprise; the SDK's `durably_delete`). */
  durablyDelete(): this {
    return this.withDurableDelete();
  }
  /** Deletes of this command leave a tombstone, whatever the defaults say. */
  withDurableDelete(): this {
    this.#durable = true;
    return this;
  }
  /** Deletes of this command remove records outright, whatever the defaults say. */
  withoutDurableDelete(): this {
    this.#durable = false;
    return this;
  }
  /** Durable deletes unless `withoutDurableDelete()` says otherwise (instead of the behavior's setting). */
  defaultWithDurableDelete(): this {
    this.#durableDefault = true;
    return this;
  }
  /** Plain deletes unless `withDurableDelete()` says otherwise (instead of the behavior's setting). */
  defaultWithoutDurableDelete(): this {
    this.#durableDefault = false;
    return this;
  }

  /** What the chain set: apply over the behavior's write policy (one shared empty object when nothing was set). */
  protected writeOverrides(): WriteOverrides {
    const durable = this.#durable ?? this.#durableDefault;
    if (this.#ttl === undefined) return durable === undefined ? NO_OVERRIDES : { durableDelete: durable };
    return durable === undefined ? { ttl: this.#ttl } : { ttl: this.#ttl, durableDelete: durable };
  }
}
