import { InvalidArgumentError } from '../errors/client-errors.js';
import { describeType } from '../util/validate.js';
import type { BatchPolicy } from '../command/batch-records.js';
import type { ResolvedBatchPolicy } from '../command/batch-executor.js';
import { Txn } from '../txn/txn.js';
import type { QueryPolicy, ReadPolicy, ResolvedQueryPolicy, ResolvedReadPolicy, ResolvedWritePolicy, WritePolicy } from './policies.js';

const INT_RANGES: { readonly [k: string]: readonly [number, number] } = {
  totalTimeout: [0, 0xffffffff],
  socketTimeout: [0, 0xffffffff],
  maxRetries: [0, 1000],
  sleepBetweenRetries: [0, 3_600_000],
  readModeAP: [0, 1],
  readModeSC: [0, 3],
  replica: [0, 4],
  readTouchTtlPercent: [-1, 100],
  exists: [0, 4],
  generationPolicy: [0, 2],
  generation: [0, 0xffffffff],
  ttl: [-2, 0xfffffffe],
  commitLevel: [0, 1],
  maxRecordsPerCommand: [1, 100_000],
  maxRecords: [0, Number.MAX_SAFE_INTEGER],
  recordsPerSecond: [0, 0xffffffff],
  recordQueueSize: [1, 10_000_000],
  maxConcurrentNodes: [0, 10_000]
};
const BOOLS = new Set(['compress', 'sendKey', 'durableDelete', 'respondAllOps', 'xdr', 'allowInline', 'allowInlineSSD', 'respondAllKeys', 'includeBinData', 'shortQuery']);

function check(defaults: object, policy: object, kind: string): void {
  for (const name in policy) {
    if (!Object.hasOwn(policy, name)) continue;
    const v: unknown = (policy as Record<string, unknown>)[name];
    if (v === undefined) continue;
    if (!(name in defaults)) {
      throw new InvalidArgumentError(`${kind} policy: unknown option '${name}'`);
    }
    const range = INT_RANGES[name];
    if (range !== undefined) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < range[0] || v > range[1]) {
        throw new InvalidArgumentError(`${kind} policy: '${name}' must be an integer from ${range[0]} to ${range[1]}, got ${typeof v === 'number' ? v : describeType(v)}`);
      }
    } else if (BOOLS.has(name)) {
      if (typeof v !== 'boolean') {
        throw new InvalidArgumentError(`${kind} policy: '${name}' must be a boolean, got ${describeType(v)}`);
      }
    } else if (name === 'txn') {
      if (v !== null && !(v instanceof Txn)) throw new InvalidArgumentError(`${kind} policy: 'txn' must be a Txn or null, got ${describeType(v)}`);
    } else if (name === 'filterExpression') {
      const ok = v === null || v instanceof Uint8Array || (typeof v === 'object' && typeof (v as { toBytes?: unknown }).toBytes === 'function');
      if (!ok) throw new InvalidArgumentError(`${kind} policy: 'filterExpression' must be an expression or its packed bytes, got ${describeType(v)}`);
    }
  }
}

/** Frozen per-call policies already merged, by defaults object: each is validated and merged once. */
const resolved = new WeakMap<object, WeakMap<object, object>>();

function merge<T extends object>(defaults: T, policy: object | undefined, kind: string): T {
  if (policy === undefined || policy === null) return defaults;
  if (typeof policy !== 'object') throw new InvalidArgumentError(`${kind} policy must be an object, got ${describeType(policy)}`);
  // a frozen policy cannot change between calls: resolve it once per defaults object
  const frozen = Object.isFrozen(policy);
  let byPolicy: WeakMap<object, object> | undefined;
  if (frozen) {
    byPolicy = resolved.get(defaults);
    const hit = byPolicy?.get(policy);
    if (hit !== undefined) return hit as T;
  }
  check(defaults, policy, kind);
  let out: Record<string, unknown> | null = null;
  for (const k in policy) {
    if (!Object.hasOwn(policy, k)) continue;
    const v: unknown = (policy as Record<string, unknown>)[k];
    if (v === undefined) continue;
    out ??= { ...(defaults as Record<string, unknown>) };
    out[k] = v;
  }
  // nothing set (an empty object, or only undefined options): the defaults themselves
  const result = (out ?? defaults) as T;
  if (frozen) {
    if (out !== null) Object.freeze(out); // shared by every call with this policy
    if (byPolicy === undefined) {
      byPolicy = new WeakMap();
      resolved.set(defaults, byPolicy);
    }
    byPolicy.set(policy, result);
  }
  return result;
}

/**
 * Applies a per-call read policy over resolved defaults, validating every option.
 * Returns the defaults object itself when there is nothing to apply. A frozen policy
 * object (`Object.freeze`) is validated and merged once and the result reused, so a
 * policy prepared once costs nothing per command; an unfrozen one is checked every time,
 * as it may have changed. The same holds for every `resolve…Policy` here.
 */
export function resolveReadPolicy(defaults: ResolvedReadPolicy, policy?: ReadPolicy): ResolvedReadPolicy {
  return merge(defaults, policy, 'read');
}

/** Applies a per-call batch policy over resolved defaults, validating every option. */
export function resolveBatchPolicy(defaults: ResolvedBatchPolicy, policy?: BatchPolicy): ResolvedBatchPolicy {
  return merge(defaults, policy, 'batch');
}

/**
 * Applies a per-call query policy over resolved defaults, validating every option.
 * @throws InvalidArgumentError for a transaction: scans and queries do not join one.
 */
export function resolveQueryPolicy(defaults: ResolvedQueryPolicy, policy?: QueryPolicy): ResolvedQueryPolicy {
  const p = merge(defaults, policy, 'query');
  if (p.txn != null) throw new InvalidArgumentError('query policy: scans and queries do not run inside a transaction; leave out txn');
  return p;
}

/** Applies a per-call write policy over resolved defaults, validating every option. */
export function resolveWritePolicy(defaults: ResolvedWritePolicy, policy?: WritePolicy): ResolvedWritePolicy {
  return merge(defaults, policy, 'write');
}
