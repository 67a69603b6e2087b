import { InvalidArgumentError, packValue, type Value } from '@aerospike-ts/core';

/** A record UDF to call: module (without `.lua`), function and arguments. */
export interface UdfSpec {
  readonly module: string;
  readonly fn: string;
  readonly args: readonly Value[];
}

/**
 * The function a UDF builder calls, shared by `session.executeUdf(keys)` and
 * `backgroundTask().executeUdf(dataset)`: each step returns the builder `P` that owns it.
 */
export class UdfCall<P> {
  readonly #owner: P;
  #module: string | null = null;
  #fn: string | null = null;
  #args: readonly Value[] = [];

  /** Internal: a UDF builder makes one for itself. */
  constructor(owner: P) {
    this.#owner = owner;
  }

  /** The module (without `.lua`) and function to call. */
  function(module: string, fn: string): P {
    if (typeof module !== 'string' || module === '' || typeof fn !== 'string' || fn === '') {
      throw new InvalidArgumentError('function(module, fn) needs the UDF module and function names');
    }
    this.#module = module;
    this.#fn = fn;
    return this.#owner;
  }

  /**
   * The function's arguments.
   * @throws InvalidArgumentError when an argument is not a value the servers take (checked now, not at `execute()`).
   */
  passing(args: readonly Value[]): P {
    packValue(args, 'UDF arguments');
    this.#args = args;
    return this.#owner;
  }

  /**
   * What to call.
   * @throws InvalidArgumentError when `function(module, fn)` was not called (`what` names the builder).
   */
  spec(what: string): UdfSpec {
    if (this.#module === null || this.#fn === null) throw new InvalidArgumentError(`${what}: call .function(module, fn) before execute()`);
    return { module: this.#module, fn: this.#fn, args: this.#args };
  }
}
