import { Exp, ExpNode, Expression, InvalidArgumentError, parseAel, type BatchPolicy as CoreBatchPolicy, type QueryPolicy as CoreQueryPolicy, type ReadPolicy as CoreReadPolicy, type WritePolicy as CoreWritePolicy, type FilterExpression } from '@aerospike-ts/core';
import type { PolicyCommitLevel, PolicyExists, PolicyGen, PolicyKey, PolicyReadModeAP, PolicyReplica } from './constants.js';

/** Settings shared by every command (aerospike_py keys; times in ms). */
export interface BasePolicy {
  socket_timeout?: number;
  total_timeout?: number;
  max_retries?: number;
  sleep_between_retries?: number;
  timeout_delay?: number;
  /** A built expression, its packed bytes, an expression tree from the `exp` module, or an AEL string. */
  filter_expression?: FilterExpression | ExpNode | string | null;
  replica?: PolicyReplica;
  read_mode_ap?: PolicyReadModeAP;
  read_touch_ttl_percent?: number;
  compress?: boolean;
}
/** Read policy. */
export interface ReadPolicy extends BasePolicy {
  key?: PolicyKey;
}
/** Write policy. */
export interface WritePolicy extends BasePolicy {
  durable_delete?: boolean;
  key?: PolicyKey;
  exists?: PolicyExists;
  gen?: PolicyGen;
  commit_level?: PolicyCommitLevel;
  ttl?: number;
}
/** Batch policy. */
export interface BatchPolicy extends BasePolicy {
  allow_inline?: boolean;
  allow_inline_ssd?: boolean;
  respond_all_keys?: boolean;
  concurrency?: 0 | 1;
  key?: PolicyKey;
  exists?: PolicyExists;
  gen?: PolicyGen;
  commit_level?: PolicyCommitLevel;
  durable_delete?: boolean;
  ttl?: number;
}
/** Query/scan policy. */
export interface QueryPolicy extends BasePolicy {
  max_records?: number;
  records_per_second?: number;
  max_concurrent_nodes?: number;
  record_queue_size?: number;
  include_bin_data?: boolean;
  expected_duration?: number;
}
/** Admin (info) policy. */
export interface AdminPolicy {
  timeout?: number;
}
/** The `meta` argument of writes. */
export interface WriteMeta {
  gen?: number;
  ttl?: number;
  key?: PolicyKey;
  exists?: PolicyExists;
  commit_level?: PolicyCommitLevel;
  durable_delete?: boolean;
}

const REPLICA: { readonly [k: number]: 0 | 2 | 3 } = { 0: 0, 1: 2, 2: 3 };

type Spec = { readonly [k: string]: readonly [string, 'int' | 'bool' | 'expr', ((v: number) => unknown)?] };

const BASE: Spec = {
  socket_timeout: ['socketTimeout', 'int'],
  total_timeout: ['totalTimeout', 'int'],
  max_retries: ['maxRetries', 'int'],
  sleep_between_retries: ['sleepBetweenRetries', 'int'],
  timeout_delay: ['', 'int'],
  filter_expression: ['filterExpression', 'expr'],
  replica: ['replica', 'int', (v) => REPLICA[v]],
  read_mode_ap: ['readModeAP', 'int'],
  read_touch_ttl_percent: ['readTouchTtlPercent', 'int'],
  compress: ['compress', 'bool']
};
const KEY: Spec = { key: ['sendKey', 'int', (v) => v === 1] };
const WRITE: Spec = {
  ...BASE,
  ...KEY,
  durable_delete: ['durableDelete', 'bool'],
  exists: ['exists', 'int'],
  gen: ['generationPolicy', 'int'],
  commit_level: ['commitLevel', 'int'],
  ttl: ['ttl', 'int']
};
const READ: Spec = { ...BASE, ...KEY };
const BATCH: Spec = {
  ...BASE,
  allow_inline: ['allowInline', 'bool'],
  allow_inline_ssd: ['allowInlineSSD', 'bool'],
  respond_all_keys: ['respondAllKeys', 'bool'],
  concurrency: ['', 'int'],
  key: ['', 'int'],
  exists: ['', 'int'],
  gen: ['', 'int'],
  commit_level: ['', 'int'],
  durable_delete: ['', 'bool'],
  ttl: ['', 'int']
};
const QUERY: Spec = {
  ...BASE,
  max_records: ['maxRecords', 'int'],
  records_per_second: ['recordsPerSecond', 'int'],
  max_concurrent_nodes: ['maxConcurrentNodes', 'int'],
  record_queue_size: ['recordQueueSize', 'int'],
  include_bin_data: ['includeBinData', 'bool'],
  expected_duration: ['shortQuery', 'int', (v) => v === 1]
};

/**
 * The values each constant-valued key accepts (aerospike_py's constant groups), and the
 * lowest value of the numeric settings; anything else is an InvalidArgError before the wire.
 */
const ALLOWED: { readonly [k: string]: readonly number[] } = {
  key: [0, 1],
  exists: [0, 1, 2, 3, 4],
  gen: [0, 1, 2],
  commit_level: [0, 1],
  read_mode_ap: [0, 1],
  replica: [0, 1, 2],
  concurrency: [0, 1]
};
const MINIMUM: { readonly [k: string]: number } = {
  socket_timeout: 0,
  total_timeout: 0,
  max_retries: 0,
  sleep_between_retries: 0,
  timeout_delay: 0,
  read_touch_ttl_percent: -1,
  ttl: -3,
  max_records: 0,
  records_per_second: 0,
  max_concurrent_nodes: 0,
  record_queue_size: 1,
  expected_duration: 0
};

/** The highest value of the numeric settings that have one below 2^53. */
const MAXIMUM: { readonly [k: string]: number } = {
  socket_timeout: 0xffffffff,
  total_timeout: 0xffffffff,
  ttl: 0xfffffffe
};

function describe(v: unknown): string {
  if (v === null) return 'null';
  return Array.isArray(v) ? 'a list' : typeof v;
}

function checkValue(kind: string, k: string, v: number): void {
  // In `meta`, `gen` is the expected generation (a number), not the generation policy.
  const isGeneration = kind === 'meta' && k === 'gen';
  if (isGeneration && (v < 0 || v > 0xffff)) throw new InvalidArgumentError(`meta: 'gen' must be a generation 0..65535, got ${v}`);
  const allowed = isGeneration ? undefined : ALLOWED[k];
  if (allowed !== undefined && !allowed.includes(v)) throw new InvalidArgumentError(`${kind} policy: '${k}' must be one of ${allowed.join(', ')} (the aerospike constants), got ${v}`);
  const min = MINIMUM[k];
  if (min !== undefined && v < min) throw new InvalidArgumentError(`${kind} policy: '${k}' must be ${min} or more, got ${v}`);
  const max = MAXIMUM[k];
  if (max !== undefined && v > max) throw new InvalidArgumentError(`${kind} policy: '${k}' must be ${max} or less, got ${v}`);
  if (k === 'read_touch_ttl_percent' && v > 100) throw new InvalidArgumentError(`${kind} policy: 'read_touch_ttl_percent' must be -1..100, got ${v}`);
}

function convert(kind: string, spec: Spec, policy: object | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (policy == null) return out;
  if (typeof policy !== 'object' || Array.isArray(policy)) throw new InvalidArgumentError(`${kind} policy must be a dict, got ${describe(policy)}`);
  for (const [k, v] of Object.entries(policy)) {
    if (v === undefined || v === null) continue;
    const s = spec[k];
    if (s === undefined) throw new InvalidArgumentError(`${kind} policy: unknown key '${k}'`);
    const [target, type, map] = s;
    if (type === 'int' && (typeof v !== 'number' || !Number.isInteger(v))) throw new InvalidArgumentError(`${kind} policy: '${k}' must be an integer, got ${typeof v === 'number' ? v : typeof v}`);
    if (type === 'bool' && typeof v !== 'boolean') throw new InvalidArgumentError(`${kind} policy: '${k}' must be a boolean, got ${typeof v}`);
    if (type === 'int') checkValue(kind, k, v as number);
    if (type === 'expr' && !(v instanceof ExpNode || v instanceof Expression || v instanceof Uint8Array || typeof v === 'string')) {
      throw new InvalidArgumentError(`${kind} policy: '${k}' must be an expression (exp module or exp.build), its packed bytes, or an AEL string, got ${typeof v}`);
    }
    if (target === '') continue;
    // An expression tree from the exp module is built here, as aerospike_py accepts the tree.
    const value = map !== undefined ? map(v as number) : type === 'expr' && v instanceof ExpNode ? Exp.build(v) : type === 'expr' && typeof v === 'string' ? parseAel(v) : v;
    if (value === undefined) throw new InvalidArgumentError(`${kind} policy: '${k}' has no value ${String(v)}`);
    out[target] = value;
  }
  return out;
}

/** No policy given: one frozen empty object, which core resolves to its defaults once. */
const NO_POLICY: Readonly<Record<string, never>> = Object.freeze({});

/** aerospike_py read policy → core read policy. */
export function readPolicy(p: ReadPolicy | null | undefined): CoreReadPolicy {
  if (p == null) return NO_POLICY;
  return convert('read', READ, p) as CoreReadPolicy;
}

/** aerospike_py write policy plus `meta` → core write policy (meta wins). */
export function writePolicy(p: WritePolicy | null | undefined, meta?: WriteMeta | null): CoreWritePolicy {
  if (p == null && meta == null) return NO_POLICY;
  const out = convert('write', WRITE, p);
  if (meta != null) {
    if (typeof meta !== 'object' || Array.isArray(meta)) throw new InvalidArgumentError(`meta must be a dict, got ${describe(meta)}`);
    const m = convert('meta', { gen: ['generation', 'int'], ttl: ['ttl', 'int'], key: KEY['key'] as Spec[string], exists: ['exists', 'int'], commit_level: ['commitLevel', 'int'], durable_delete: ['durableDelete', 'bool'] }, meta);
    // meta wins over the policy, but two different record-exists actions are a mistake
    if (m['exists'] !== undefined && out['exists'] !== undefined && m['exists'] !== out['exists']) {
      throw new InvalidArgumentError(`meta 'exists' (${String(m['exists'])}) contradicts write policy 'exists' (${String(out['exists'])}); give the POLICY_EXISTS_* value in one place`);
    }
    Object.assign(out, m);
  }
  if (out['ttl'] === -3) delete out['ttl']; // TTL_CLIENT_DEFAULT: the client's default write policy applies
  return out as CoreWritePolicy;
}

/** aerospike_py batch policy → core batch policy. */
export function batchPolicy(p: BatchPolicy | null | undefined): CoreBatchPolicy {
  return convert('batch', BATCH, p) as CoreBatchPolicy;
}

/** aerospike_py query policy → core query policy. */
export function queryPolicy(p: QueryPolicy | null | undefined): CoreQueryPolicy {
  return convert('query', QUERY, p) as CoreQueryPolicy;
}
