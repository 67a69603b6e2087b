import { InvalidArgumentError, Key as CoreKey, parseAel, type FilterExpression, type Value } from '@aerospike-ts/core';
import { Key } from './dataset.js';

/**
 * Checks of the arguments the fluent verbs and builders take, so that a wrong argument
 * fails at the call that got it (not at `execute()`, and never on the wire).
 */

/** A short description of an argument's type for error messages: `string`, `array`, `Map`, … */
export function describeArg(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof CoreKey) return 'a Key of @aerospike-ts/core (wrap it: new Key(coreKey))';
  if (typeof v === 'object') {
    const name = (v as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== 'Object' && name !== '' ? name : 'object';
  }
  return typeof v;
}

/**
 * The keys of a verb's arguments, in order: each argument is a key or an array of keys.
 * @param verb the method the arguments were passed to (for the error message)
 * @param args its rest-parameter array, new per call: returned as it is when it holds keys only
 * @throws InvalidArgumentError naming the first argument that is neither.
 */
export function keysOf<K>(verb: string, args: ReadonlyArray<unknown>): K[] {
  let onlyKeys = true;
  for (let i = 0; i < args.length && onlyKeys; i++) onlyKeys = args[i] instanceof Key;
  if (onlyKeys) return args as K[];
  const what = `${verb}()`;
  const out: K[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a instanceof Key) {
      out.push(a as K);
      continue;
    }
    if (Array.isArray(a)) {
      const items = a as readonly unknown[];
      const bad = items.findIndex((k) => !(k instanceof Key));
      if (bad < 0) {
        out.push(...(items as readonly K[]));
        continue;
      }
      // an array holding no key at all (a classic [namespace, set, key] tuple, say) is the wrong argument
      if (!items.some((k) => k instanceof Key)) throw notAKey(`${what}: keys[${i}]`, a);
      throw notAKey(`${what}: keys[${i}][${bad}]`, items[bad]);
    }
    throw notAKey(`${what}: keys[${i}]`, a);
  }
  return out;
}

/** Checks one key argument (`what` names it). */
export function checkKeyArg(what: string, key: unknown): void {
  if (!(key instanceof Key)) throw notAKey(what, key);
}

function notAKey(what: string, v: unknown): InvalidArgumentError {
  return new InvalidArgumentError(`${what} must be a Key (DataSet.id(…)), got ${describeArg(v)}`);
}

/**
 * The bins of `put()`: a plain object of bin name → value (not an array, whose indexes
 * would become bin names, nor a Map or a class instance).
 * @throws InvalidArgumentError for anything else.
 */
export function binEntries(bins: unknown): Array<[string, Value]> {
  const proto: unknown = typeof bins === 'object' && bins !== null ? Object.getPrototypeOf(bins) : undefined;
  if (Array.isArray(bins) || (proto !== Object.prototype && proto !== null)) throw new InvalidArgumentError(`put() needs an object of bins, got ${describeArg(bins)}`);
  return Object.entries(bins as { readonly [bin: string]: Value });
}

/**
 * Checks the argument of `where()`: an AEL string or a filter expression (a built
 * expression or its packed bytes).
 * @throws InvalidArgumentError for anything else.
 */
export function checkWhereArg(filter: unknown): void {
  if (typeof filter === 'string' || filter instanceof Uint8Array) return;
  if (typeof filter === 'object' && filter !== null && typeof (filter as { toBytes?: unknown }).toBytes === 'function') return;
  throw new InvalidArgumentError(`where() needs an AEL string or a filter expression, got ${describeArg(filter)}`);
}

/**
 * The filter expression of `where()`: AEL text is parsed now.
 * @throws AelError when the text does not parse; InvalidArgumentError for a wrong argument.
 */
export function whereFilter(filter: unknown, placeholders: readonly unknown[]): FilterExpression {
  checkWhereArg(filter);
  return typeof filter === 'string' ? parseAel(filter, ...placeholders) : (filter as FilterExpression);
}
