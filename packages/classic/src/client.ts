import {
  AerospikeClient,
  ClientClosedError,
  type AerospikeRecord,
  InvalidArgumentError,
  Op,
  ResultCode,
  serverError,
  type BatchRecord as CoreBatchRecord,
  type BatchResult,
  type ClientConfig as CoreClientConfig,
  type DecodedBins,
  type Value,
  type WritePolicy as CoreWritePolicy,
  type Privilege,
  type RoleInfo,
  type RecordMetadata,
  type ResultAdapter
} from '@aerospike-ts/core';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { checkBinNames, checkDict, checkIndexArgs, checkInt, checkList, checkNumber, checkString, checkStringList, checkStringOrBytes, checkStringOrNull, invalidArg } from './args.js';
import { AUTH_INTERNAL } from './constants.js';
import { ClusterError, toClassicError } from './exception.js';
import { OperationGate } from './operation-gate.js';
import { attachLogging, metricsEnabledByDefault, trackClient } from './runtime.js';
import { toCoreOps, type OperationDict } from './operations.js';
import { Query } from './query.js';
import { batchPolicy, readPolicy, writePolicy, type AdminPolicy, type BatchPolicy, type QueryPolicy, type ReadPolicy, type WriteMeta, type WritePolicy } from './policy.js';
import { ExistsResult, OperateOrderedResult, Record } from './record.js';
import { fromCoreKey, fromCoreRecord, toCoreKey, toCoreKeys, type BatchRecord, type Key } from './types.js';

/** aerospike_py's INDEX_NUMERIC/STRING/BLOB/GEO2DSPHERE (0-3) → core index value types. */
const INDEX_DATATYPES: readonly ('NUMERIC' | 'STRING' | 'BLOB' | 'GEO2DSPHERE')[] = ['NUMERIC', 'STRING', 'BLOB', 'GEO2DSPHERE'];

/** Client settings, aerospike_py keys. */
export interface ClientConfig {
  hosts: ReadonlyArray<readonly [string, number] | readonly [string, number, string]>;
  cluster_name?: string;
  user?: string;
  password?: string;
  /** Connect timeout in ms. */
  timeout?: number;
  /** Seconds a pooled connection may stay idle. */
  idle_timeout?: number;
  max_conns_per_node?: number;
  min_conns_per_node?: number;
  tend_interval?: number;
  use_services_alternate?: boolean;
  /** TLS settings (same as core's). */
  tls?: CoreClientConfig['tls'];
  /** Default policies. */
  policies?: { read?: ReadPolicy; write?: WritePolicy; batch?: BatchPolicy; query?: QueryPolicy };
  /** Authentication mode: AUTH_INTERNAL (user and password) is the one supported. */
  auth_mode?: number;
  /** Accepted for compatibility; each node has one pool here. */
  conn_pools_per_node?: number;
  /** At most this many operations at once (0, the default: no limit); the next ones wait for a slot. */
  max_concurrent_operations?: number;
  /** How long an operation waits for a slot before BackpressureError (ms; 0: until one frees). */
  operation_queue_timeout_ms?: number;
}

/** One node's answer to `info_all`. */
export interface InfoNodeResult {
  node_name: string;
  error_code: number;
  response: string;
}

async function wrap<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    throw toClassicError(err);
  }
}

const CONFIG_KEYS = new Set([
  'hosts',
  'cluster_name',
  'auth_mode',
  'user',
  'password',
  'timeout',
  'idle_timeout',
  'max_conns_per_node',
  'min_conns_per_node',
  'conn_pools_per_node',
  'tend_interval',
  'use_services_alternate',
  'max_concurrent_operations',
  'operation_queue_timeout_ms',
  'tls',
  'policies'
]);

function configInt(c: ClientConfig, k: 'timeout' | 'idle_timeout' | 'max_conns_per_node' | 'min_conns_per_node' | 'conn_pools_per_node' | 'tend_interval' | 'max_concurrent_operations' | 'operation_queue_timeout_ms', min: number): void {
  const v = c[k];
  if (v !== undefined && (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min)) throw new InvalidArgumentError(`config: '${k}' must be an integer ${min} or more, got ${typeof v === 'number' ? v : typeof v}`);
}

function coreConfig(c: ClientConfig): CoreClientConfig {
  if (typeof c !== 'object' || c === null) throw new InvalidArgumentError('config must be a dict');
  if (!Array.isArray(c.hosts) || c.hosts.length === 0) throw new InvalidArgumentError("config: 'hosts' must be a non-empty list of [host, port]");
  for (const k of Object.keys(c)) if (!CONFIG_KEYS.has(k)) throw new InvalidArgumentError(`config: unknown key '${k}'`);
  for (const k of ['timeout', 'idle_timeout', 'max_conns_per_node', 'min_conns_per_node', 'tend_interval', 'max_concurrent_operations', 'operation_queue_timeout_ms'] as const) configInt(c, k, 0);
  configInt(c, 'conn_pools_per_node', 1);
  if (c.auth_mode !== undefined && c.auth_mode !== AUTH_INTERNAL) {
    throw new InvalidArgumentError(`config: auth_mode ${String(c.auth_mode)} is not supported yet; use AUTH_INTERNAL (user and password)`);
  }
  const hosts = c.hosts.map((h, i) => {
    if (!Array.isArray(h) || typeof h[0] !== 'string' || typeof h[1] !== 'number') throw new InvalidArgumentError(`config: hosts[${i}] must be [host, port]`);
    return h[2] === undefined ? { host: h[0], port: h[1] } : { host: h[0], port: h[1], tlsName: h[2] };
  });
  const out: { -readonly [K in keyof CoreClientConfig]: CoreClientConfig[K] } = { hosts, maps: 'object' };
  if (c.cluster_name !== undefined) out.clusterName = c.cluster_name;
  if (c.user !== undefined) out.user = c.user;
  if (c.password !== undefined) out.password = c.password;
  if (c.timeout !== undefined) out.connectTimeout = c.timeout;
  if (c.idle_timeout !== undefined) out.maxSocketIdle = c.idle_timeout;
  if (c.max_conns_per_node !== undefined) out.maxConnsPerNode = c.max_conns_per_node;
  if (c.min_conns_per_node !== undefined) out.minConnsPerNode = c.min_conns_per_node;
  if (c.tend_interval !== undefined) out.tendInterval = c.tend_interval;
  if (c.use_services_alternate !== undefined) out.useServicesAlternate = c.use_services_alternate;
  if (c.tls !== undefined) out.tls = c.tls;
  if (c.policies !== undefined) {
    out.policies = {
      ...(c.policies.read !== undefined ? { read: readPolicy(c.policies.read) } : {}),
      ...(c.policies.write !== undefined ? { write: writePolicy(c.policies.write) } : {}),
      ...(c.policies.batch !== undefined ? { batch: batchPolicy(c.policies.batch) } : {})
    };
  }
  return out;
}

/** A put's result: nothing. */
function toVoid(): void {
  return undefined;
}

/** Rejects with the aerospike_py class of a core error. */
function rethrowClassic(err: unknown): never {
  throw toClassicError(err);
}

/** put: core settles with nothing, or the aerospike_py error (no second promise). */
const PUT_RESULT: ResultAdapter<RecordMetadata, void> = { value: toVoid, failure: rethrowClassic };
/** get: core settles with the classic record, or the aerospike_py error. */
const GET_RESULT: ResultAdapter<AerospikeRecord, Record> = { value: fromCoreRecord, failure: rethrowClassic };

function toBatchRecord<B = DecodedBins>(r: BatchResult): BatchRecord<B> {
  // one key tuple and one meta object, shared by the entry and its record
  const key = fromCoreKey(r.key);
  const c = r.record;
  if (c === null) return { key, result: r.resultCode, record: null, in_doubt: r.inDoubt, bins: null, meta: null };
  const meta = { gen: c.generation, ttl: c.ttl };
  const bins = c.bins as B;
  return { key, result: r.resultCode, record: new Record<B>(key, meta, bins), in_doubt: r.inDoubt, bins, meta };
}

/**
 * The aerospike_py-shaped client. Every method returns a Promise; errors are the
 * aerospike_py exception classes (`RecordNotFound`, `RecordExistsError`, …).
 */
export class AsyncClient {
  readonly #config: ClientConfig;
  #core: AerospikeClient | null = null;
  /** True after close() until the next connect(): every command then fails with ClusterError (client closed). */
  #closed = false;
  /** Metrics are on by default, as in aerospike_py. */
  #metricsEnabled = metricsEnabledByDefault();
  /** The max_concurrent_operations limit, or null when there is none. */
  #gate: OperationGate | null = null;

  /** @throws InvalidArgError on an invalid config. */
  constructor(config: ClientConfig) {
    try {
      coreConfig(config);
    } catch (err) {
      throw toClassicError(err);
    }
    this.#config = config;
    const max = config.max_concurrent_operations ?? 0;
    if (max > 0) this.#gate = new OperationGate(max, config.operation_queue_timeout_ms ?? 0);
  }

  /** Runs one operation: within the concurrency limit, with errors as aerospike_py's classes. */
  async #run<T>(op: () => Promise<T>): Promise<T> {
    const gate = this.#gate;
    if (gate !== null && !gate.tryEnter()) await gate.enter();
    try {
      return await op();
    } catch (err) {
      throw toClassicError(err);
    } finally {
      gate?.leave();
    }
  }

  /** Connects (optionally with a user and password) and resolves with this client. */
  async connect(username?: string, password?: string): Promise<this> {
    const cfg = coreConfig(this.#config);
    const core = new AerospikeClient(username === undefined ? cfg : { ...cfg, user: username, password: password ?? '' });
    if (this.#metricsEnabled) core.enableMetrics();
    attachLogging(core);
    await wrap(core.connect());
    this.#core = core;
    this.#closed = false;
    trackClient(this, true);
    return this;
  }

  /** `await using client = await aerospike.client(cfg).connect()` closes it at scope end (aerospike_py's `async with`). */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** True while connected. */
  is_connected(): boolean {
    return this.#core?.isConnected() ?? false;
  }

  /** Closes the connections. */
  async close(): Promise<void> {
    if (this.#core !== null) this.#closed = true;
    trackClient(this, false);
    this.#gate?.rejectAll(new ClusterError('the client was closed while the operation waited for a slot', { resultCode: ResultCode.CLIENT_CLOSED }));
    await this.#core?.close();
  }

  #c(): AerospikeClient {
    if (this.#closed) throw toClassicError(new ClientClosedError());
    if (this.#core === null) throw toClassicError(new InvalidArgumentError('the client is not connected; call connect() first'));
    return this.#core;
  }

  /** Writes bins; a `null` value removes that bin. */
  put(key: Key, bins: { [bin: string]: unknown }, meta?: WriteMeta | null, policy?: WritePolicy | null): Promise<void> {
    if (this.#gate !== null) return this.#putGated(key, bins, meta, policy);
    // no concurrency limit: straight to the core client, no closure and no extra async frame
    try {
      checkDict(bins, 'put: bins');
      return this.#c().put(toCoreKey(key, 'put: key'), bins as never, writePolicy(policy, meta), PUT_RESULT);
    } catch (err) {
      return Promise.reject(toClassicError(err) as Error);
    }
  }

  async #putGated(key: Key, bins: { [bin: string]: unknown }, meta?: WriteMeta | null, policy?: WritePolicy | null): Promise<void> {
    checkDict(bins, 'put: bins');
    await this.#run(async () => this.#c().put(toCoreKey(key, 'put: key'), bins as never, writePolicy(policy, meta)));
  }

  /** Reads every bin. @throws RecordNotFound */
  get<B = DecodedBins>(key: Key, policy?: ReadPolicy | null): Promise<Record<B>> {
    if (this.#gate !== null) return this.#getGated<B>(key, policy);
    try {
      return this.#c().get(toCoreKey(key, 'get: key'), null, readPolicy(policy), GET_RESULT as ResultAdapter<AerospikeRecord, Record<B>>);
    } catch (err) {
      return Promise.reject(toClassicError(err) as Error);
    }
  }

  async #getGated<B>(key: Key, policy?: ReadPolicy | null): Promise<Record<B>> {
    return fromCoreRecord<B>(await this.#run(async () => this.#c().get(toCoreKey(key, 'get: key'), null, readPolicy(policy))));
  }

  /** Reads some bins. @throws RecordNotFound */
  select<B = DecodedBins>(key: Key, bins: readonly string[], policy?: ReadPolicy | null): Promise<Record<B>> {
    try {
      checkBinNames(bins, 'select: bins');
      if (this.#gate !== null) return this.#selectGated<B>(key, bins, policy);
      return this.#c().get(toCoreKey(key, 'select: key'), bins, readPolicy(policy), GET_RESULT as ResultAdapter<AerospikeRecord, Record<B>>);
    } catch (err) {
      return Promise.reject(toClassicError(err) as Error);
    }
  }

  async #selectGated<B>(key: Key, bins: readonly string[], policy?: ReadPolicy | null): Promise<Record<B>> {
    return fromCoreRecord<B>(await this.#run(async () => this.#c().get(toCoreKey(key, 'select: key'), bins, readPolicy(policy))));
  }

  /** Metadata of a record; `meta` is null when it does not exist. */
  async exists(key: Key, policy?: ReadPolicy | null): Promise<ExistsResult> {
    return this.#run(async () => {
      const k = toCoreKey(key, 'exists: key');
      const m = await this.#c().exists(k, readPolicy(policy));
      return new ExistsResult(fromCoreKey(k), m === null ? null : { gen: m.generation, ttl: m.ttl });
    });
  }

  /** Deletes a record. @throws RecordNotFound */
  async remove(key: Key, meta?: WriteMeta | null, policy?: WritePolicy | null): Promise<void> {
    await this.#run(async () => {
      const k = toCoreKey(key, 'remove: key');
      const existed = await this.#c().remove(k, writePolicy(policy, meta));
      if (!existed) throw serverError(2, { detail: k.toString() });
    });
  }

  /** Removes bins from a record. */
  async remove_bin(key: Key, bin_names: readonly string[], meta?: WriteMeta | null, policy?: WritePolicy | null): Promise<void> {
    if (!Array.isArray(bin_names) || bin_names.length === 0) throw toClassicError(new InvalidArgumentError('remove_bin needs a non-empty list of bin names'));
    checkBinNames(bin_names, 'remove_bin: bin_names');
    const bins: { [bin: string]: null } = {};
    for (const b of bin_names) bins[b] = null;
    await this.put(key, bins, meta, policy);
  }

  /** Resets a record's TTL to `val` seconds. @throws RecordNotFound */
  async touch(key: Key, val = 0, meta?: WriteMeta | null, policy?: WritePolicy | null): Promise<void> {
    checkInt(val, 'touch: val');
    if (val < -2 || val > 0xfffffffe) throw invalidArg(`touch: val must be a TTL in seconds from -2 to 4294967294 (-1: never expire, -2: keep the current TTL, 0: the namespace default), got ${String(val)}`);
    await this.#run(async () => this.#c().touch(toCoreKey(key, 'touch: key'), { ...writePolicy(policy, meta), ttl: val }));
  }

  /** Appends to a string or bytes bin. */
  async append(key: Key, bin: string, val: string | Uint8Array, meta?: WriteMeta | null, policy?: WritePolicy | null): Promise<void> {
    checkString(bin, 'append: bin');
    checkStringOrBytes(val, 'append: val');
    await this.#run(async () => this.#c().operate(toCoreKey(key, 'append: key'), [Op.append(bin, val)], writePolicy(policy, meta)));
  }

  /** Prepends to a string or bytes bin. */
  async prepend(key: Key, bin: string, val: string | Uint8Array, meta?: WriteMeta | null, policy?: WritePolicy | null): Promise<void> {
    checkString(bin, 'prepend: bin');
    checkStringOrBytes(val, 'prepend: val');
    await this.#run(async () => this.#c().operate(toCoreKey(key, 'prepend: key'), [Op.prepend(bin, val)], writePolicy(policy, meta)));
  }

  /** Adds `offset` to a number bin (creating it). */
  async increment(key: Key, bin: string, offset: number | bigint, meta?: WriteMeta | null, policy?: WritePolicy | null): Promise<void> {
    checkString(bin, 'increment: bin');
    checkNumber(offset, 'increment: offset');
    await this.#run(async () => this.#c().operate(toCoreKey(key, 'increment: key'), [Op.add(bin, offset)], writePolicy(policy, meta)));
  }

  /** Runs operations atomically; read results are in `bins`. */
  operate<B = DecodedBins>(key: Key, ops: readonly OperationDict[], meta?: WriteMeta | null, policy?: WritePolicy | null): Promise<Record<B>> {
    if (this.#gate !== null) return this.#operateGated<B>(key, ops, meta, policy);
    try {
      const coreOps = toCoreOps(ops);
      return this.#c().operate(toCoreKey(key, 'operate: key'), coreOps, writePolicy(policy, meta), undefined, GET_RESULT as ResultAdapter<AerospikeRecord, Record<B>>);
    } catch (err) {
      return Promise.reject(toClassicError(err) as Error);
    }
  }

  async #operateGated<B>(key: Key, ops: readonly OperationDict[], meta?: WriteMeta | null, policy?: WritePolicy | null): Promise<Record<B>> {
    return fromCoreRecord<B>(await this.#run(async () => this.#c().operate(toCoreKey(key, 'operate: key'), toCoreOps(ops), writePolicy(policy, meta))));
  }

  /** Runs operations atomically; every result in order in `ordered_bins`. */
  async operate_ordered(key: Key, ops: readonly OperationDict[], meta?: WriteMeta | null, policy?: WritePolicy | null): Promise<OperateOrderedResult> {
    const r = await this.#run(async () => this.#c().operate(toCoreKey(key, 'operate_ordered: key'), toCoreOps(ops), writePolicy(policy, meta), { ordered: true }));
    return new OperateOrderedResult(fromCoreKey(r.key), { gen: r.generation, ttl: r.ttl }, (r.ordered ?? []).map(([name, value]) => ({ name, value })));
  }

  /** Reads many records (`bins` omitted: all; `[]`: existence only); one entry per key, in order. */
  async batch_read<B = DecodedBins>(keys: readonly Key[], bins?: readonly string[] | null, policy?: BatchPolicy | null): Promise<BatchRecord<B>[]> {
    checkList(keys, 'batch_read: keys', 'keys');
    if (bins != null) checkBinNames(bins, 'batch_read: bins');
    return this.#run(async () => {
      const ks = toCoreKeys(keys, 'batch_read: keys');
      const res = Array.isArray(bins) && bins.length === 0 ? await this.#c().batchExists(ks, batchPolicy(policy)) : await this.#c().batchGet(ks, bins ?? null, batchPolicy(policy));
      return res.map((r) => toBatchRecord<B>(r));
    });
  }

  /** Applies the same operations to many records. */
  async batch_operate<B = DecodedBins>(keys: readonly Key[], ops: readonly OperationDict[], policy?: BatchPolicy | null): Promise<BatchRecord<B>[]> {
    checkList(keys, 'batch_operate: keys', 'keys');
    if (!Array.isArray(ops) || ops.length === 0) throw invalidArg('batch_operate: ops must be a non-empty list of operation dicts');
    return this.#run(async () => {
      const ks = toCoreKeys(keys, 'batch_operate: keys');
      return (await this.#c().batchOperate(ks, toCoreOps(ops), batchPolicy(policy), batchWriteDefaults(policy))).map((r) => toBatchRecord<B>(r));
    });
  }

  /** Writes many records: `[key, bins]` or `[key, bins, meta]` each. */
  async batch_write(records: ReadonlyArray<readonly [Key, { [bin: string]: unknown }] | readonly [Key, { [bin: string]: unknown }, WriteMeta]>, policy?: BatchPolicy | null): Promise<BatchRecord[]> {
    return this.#run(async () => {
      if (!Array.isArray(records)) throw new InvalidArgumentError('batch_write needs a list of [key, bins] tuples');
      if (records.length === 0) throw new InvalidArgumentError('batch_write needs a non-empty list of [key, bins] tuples');
      const defaults = batchWriteDefaults(policy);
      const recs: CoreBatchRecord[] = records.map((r, i) => {
        if (!Array.isArray(r) || r.length < 2 || r.length > 3) throw new InvalidArgumentError(`batch_write: records[${i}] must be [key, bins] or [key, bins, meta]`);
        const [k, bins, meta] = r as unknown as readonly [Key, { [bin: string]: unknown }, WriteMeta | undefined];
        if (typeof bins !== 'object' || bins === null || Array.isArray(bins)) throw new InvalidArgumentError(`batch_write: records[${i}]: bins must be a dict, got ${bins === null ? 'null' : Array.isArray(bins) ? 'a list' : typeof bins}`);
        const entries = Object.entries(bins);
        if (entries.length === 0) throw new InvalidArgumentError(`batch_write: records[${i}]: bins is empty; give at least one bin (null removes a bin)`);
        const ops = entries.map(([b, v]) => {
          if (v === undefined) throw new InvalidArgumentError(`batch_write: records[${i}]: bin '${b}' is undefined; use null to remove a bin`);
          return Op.write(b, v as Value);
        });
        const p = meta === undefined ? defaults : { ...defaults, ...toBatchWritePolicy(writePolicy(undefined, meta)) };
        return p === undefined ? { type: 'write', key: toCoreKey(k, `batch_write: records[${i}] key`), ops } : { type: 'write', key: toCoreKey(k, `batch_write: records[${i}] key`), ops, policy: p };
      });
      return (await this.#c().batch(recs, batchPolicy(policy))).map(toBatchRecord);
    });
  }

  /** Deletes many records. */
  async batch_remove(keys: readonly Key[], policy?: BatchPolicy | null): Promise<BatchRecord[]> {
    checkList(keys, 'batch_remove: keys', 'keys');
    return this.#run(async () => (await this.#c().batchRemove(toCoreKeys(keys, 'batch_remove: keys'), batchPolicy(policy), batchWriteDefaults(policy))).map(toBatchRecord));
  }

  /** Calls a record UDF on many records; each result's `bins.SUCCESS` holds its return value. */
  async batch_apply(keys: readonly Key[], module: string, fn: string, args?: readonly unknown[] | null, policy?: BatchPolicy | null): Promise<BatchRecord[]> {
    checkList(keys, 'batch_apply: keys', 'keys');
    checkString(module, 'batch_apply: module');
    checkString(fn, 'batch_apply: function');
    if (args != null) checkList(args, 'batch_apply: args', 'arguments');
    return this.#run(async () =>
        (await this.#c().batchApply(toCoreKeys(keys, 'batch_apply: keys'), module, fn, (args ?? []) as Value[], batchPolicy(policy), batchWriteDefaults(policy))).map(toBatchRecord));
  }

  /** Calls a record UDF and returns its result. */
  async apply(key: Key, module: string, fn: string, args?: readonly unknown[] | null, policy?: WritePolicy | null): Promise<unknown> {
    checkString(module, 'apply: module');
    checkString(fn, 'apply: function');
    if (args != null) checkList(args, 'apply: args', 'arguments');
    return this.#run(async () => this.#c().apply(toCoreKey(key, 'apply: key'), module, fn, (args ?? []) as Value[], writePolicy(policy)));
  }

  /** Registers a Lua module from a file. */
  async udf_put(filename: string, _udf_type = 0, policy?: AdminPolicy | null): Promise<void> {
    checkString(filename, 'udf_put: filename');
    await this.#run(async () => this.#c().registerUdf(basename(filename), await readFile(filename), policy?.timeout ?? 10_000));
  }

  /** Removes a Lua module. */
  async udf_remove(module: string, policy?: AdminPolicy | null): Promise<void> {
    checkString(module, 'udf_remove: module');
    await this.#run(async () => this.#c().removeUdf(module.endsWith('.lua') ? module : `${module}.lua`, policy?.timeout ?? 10_000));
  }

  /** Removes the records of a set (or namespace) last updated before `nanos` (0 = now). */
  async truncate(namespace: string, set_name: string | null, nanos: number | bigint = 0, _policy?: AdminPolicy | null): Promise<void> {
    checkString(namespace, 'truncate: namespace');
    checkStringOrNull(set_name, 'truncate: set_name');
    checkInt(nanos, 'truncate: nanos');
    if (nanos < 0) throw invalidArg(`truncate: nanos must be 0 (now) or a time in nanoseconds since 1970, got ${String(nanos)}`);
    await this.#run(async () => this.#c().truncate(namespace, set_name, nanos === 0 || nanos === 0n ? undefined : nanos));
  }

  /** Creates an integer index and waits for it. */
  async index_integer_create(namespace: string, set_name: string | null, bin_name: string, index_name: string, policy?: AdminPolicy | null): Promise<void> {
    checkIndexArgs('index_integer_create', namespace, set_name, bin_name, index_name);
    await this.#run(async () => this.#c().createIndex({ namespace, set: set_name, name: index_name, bin: bin_name, type: 'NUMERIC' }, policy?.timeout ?? 30_000));
  }

  /** Creates a string index and waits for it. */
  async index_string_create(namespace: string, set_name: string | null, bin_name: string, index_name: string, policy?: AdminPolicy | null): Promise<void> {
    checkIndexArgs('index_string_create', namespace, set_name, bin_name, index_name);
    await this.#run(async () => this.#c().createIndex({ namespace, set: set_name, name: index_name, bin: bin_name, type: 'STRING' }, policy?.timeout ?? 30_000));
  }

  /** Creates a geospatial index and waits for it. */
  async index_geo2dsphere_create(namespace: string, set_name: string | null, bin_name: string, index_name: string, policy?: AdminPolicy | null): Promise<void> {
    checkIndexArgs('index_geo2dsphere_create', namespace, set_name, bin_name, index_name);
    await this.#run(async () => this.#c().createIndex({ namespace, set: set_name, name: index_name, bin: bin_name, type: 'GEO2DSPHERE' }, policy?.timeout ?? 30_000));
  }

  /** Creates a blob (bytes) index and waits for it. */
  async index_blob_create(namespace: string, set_name: string | null, bin_name: string, index_name: string, policy?: AdminPolicy | null): Promise<void> {
    checkIndexArgs('index_blob_create', namespace, set_name, bin_name, index_name);
    await this.#run(async () => this.#c().createIndex({ namespace, set: set_name, name: index_name, bin: bin_name, type: 'BLOB' }, policy?.timeout ?? 30_000));
  }

  /** Creates an index on the elements of a list bin (`index_datatype`: INDEX_NUMERIC, INDEX_STRING, INDEX_BLOB, INDEX_GEO2DSPHERE). */
  async index_list_create(namespace: string, set_name: string | null, bin_name: string, index_datatype: number, index_name: string, policy?: AdminPolicy | null): Promise<void> {
    checkIndexArgs('index_list_create', namespace, set_name, bin_name, index_name);
    await this.#collectionIndex('LIST', namespace, set_name, bin_name, index_datatype, index_name, policy);
  }

  /** Creates an index on the keys of a map bin. */
  async index_map_keys_create(namespace: string, set_name: string | null, bin_name: string, index_datatype: number, index_name: string, policy?: AdminPolicy | null): Promise<void> {
    checkIndexArgs('index_map_keys_create', namespace, set_name, bin_name, index_name);
    await this.#collectionIndex('MAPKEYS', namespace, set_name, bin_name, index_datatype, index_name, policy);
  }

  /** Creates an index on the values of a map bin. */
  async index_map_values_create(namespace: string, set_name: string | null, bin_name: string, index_datatype: number, index_name: string, policy?: AdminPolicy | null): Promise<void> {
    checkIndexArgs('index_map_values_create', namespace, set_name, bin_name, index_name);
    await this.#collectionIndex('MAPVALUES', namespace, set_name, bin_name, index_datatype, index_name, policy);
  }

  async #collectionIndex(collection: 'LIST' | 'MAPKEYS' | 'MAPVALUES', namespace: string, set_name: string | null, bin_name: string, index_datatype: number, index_name: string, policy?: AdminPolicy | null): Promise<void> {
    await this.#run(async () => {
      const type = INDEX_DATATYPES[index_datatype];
      if (type === undefined) throw new InvalidArgumentError(`index_datatype must be INDEX_NUMERIC, INDEX_STRING, INDEX_BLOB or INDEX_GEO2DSPHERE (0-3), got ${typeof index_datatype === 'number' ? index_datatype : typeof index_datatype}`);
      await this.#c().createIndex({ namespace, set: set_name, name: index_name, bin: bin_name, type, collection }, policy?.timeout ?? 30_000);
    });
  }

  /** Drops an index. */
  async index_remove(namespace: string, index_name: string, policy?: AdminPolicy | null): Promise<void> {
    checkString(namespace, 'index_remove: namespace');
    checkString(index_name, 'index_remove: index_name');
    await this.#run(async () => this.#c().dropIndex(namespace, index_name, policy?.timeout ?? 30_000));
  }

  /** Sends an info command to every node, in parallel; one result per node. */
  async info_all(command: string, policy?: AdminPolicy | null): Promise<InfoNodeResult[]> {
    checkString(command, 'info_all: command');
    return this.#run(async () => {
      const c = this.#c();
      const timeout = policy?.timeout ?? 1000;
      return Promise.all(
        c.nodes().map(async (n): Promise<InfoNodeResult> => {
          const v = (await c.info(command, { timeout, node: n.name })).get(command) ?? '';
          const m = /^ERROR:(-?\d+)/.exec(v);
          return { node_name: n.name, error_code: m === null ? 0 : Number(m[1]), response: v };
        })
      );
    });
  }

  /** Sends an info command to one node and returns its answer. */
  async info_random_node(command: string, policy?: AdminPolicy | null): Promise<string> {
    checkString(command, 'info_random_node: command');
    return this.#run(async () => (await this.#c().info(command, { timeout: policy?.timeout ?? 1000 })).get(command) ?? '');
  }

  /**
   * Sends an info command to the node at `host` — `"address:port"`, an `[address, port]`
   * tuple, or a node name — and returns its answer.
   * @throws InvalidArgError when no node of the cluster matches.
   */
  async info_single_node(command: string, host: string | readonly [string, number], policy?: AdminPolicy | null): Promise<string> {
    checkString(command, 'info_single_node: command');
    return this.#run(async () => {
      const node = typeof host === 'string' ? host : Array.isArray(host) ? `${String(host[0])}:${String(host[1])}` : '';
      if (node === '') throw new InvalidArgumentError(`info_single_node: host must be "address:port" or [address, port], got ${host === null ? 'null' : typeof host}`);
      return (await this.#c().info(command, { timeout: policy?.timeout ?? 1000, node })).get(command) ?? '';
    });
  }

  /** The registered UDF modules: `{ name, hash, type }` each. */
  async udf_list(policy?: AdminPolicy | null): Promise<Array<{ name: string; hash: string; type: string }>> {
    return this.#run(async () => (await this.#c().listUdfs(policy?.timeout ?? 1000)).map((m) => ({ name: m.name, hash: m.hash, type: m.type })));
  }

  /** A query over a namespace and set: add `where(predicate)` for a secondary-index query. */
  query(namespace: string, set_name: string | null): Query {
    checkString(namespace, 'query: namespace');
    checkStringOrNull(set_name, 'query: set_name');
    return new Query(() => this.#c(), namespace, set_name);
  }

  /** A scan over a namespace and set (a query without predicate). */
  scan(namespace: string, set_name: string | null): Query {
    checkString(namespace, 'scan: namespace');
    checkStringOrNull(set_name, 'scan: set_name');
    return new Query(() => this.#c(), namespace, set_name);
  }

  /** Creates a user (security-enabled servers; Community Edition raises AdminError 51). */
  async admin_create_user(username: string, password: string, roles: readonly string[], policy?: AdminPolicy | null): Promise<void> {
    checkString(username, 'admin_create_user: username');
    checkString(password, 'admin_create_user: password');
    checkStringList(roles, 'admin_create_user: roles', 'role names');
    await this.#run(async () => this.#c().createUser(username, password, roles, policy?.timeout ?? 5000));
  }
  /** Drops a user. */
  async admin_drop_user(username: string, policy?: AdminPolicy | null): Promise<void> {
    await this.#run(async () => this.#c().dropUser(username, policy?.timeout ?? 5000));
  }
  /** Changes a user's password. */
  async admin_change_password(username: string, password: string, policy?: AdminPolicy | null): Promise<void> {
    await this.#run(async () => this.#c().changePassword(username, password, policy?.timeout ?? 5000));
  }
  /** Grants roles to a user. */
  async admin_grant_roles(username: string, roles: readonly string[], policy?: AdminPolicy | null): Promise<void> {
    checkStringList(roles, 'admin_grant_roles: roles', 'role names');
    await this.#run(async () => this.#c().grantRoles(username, roles, policy?.timeout ?? 5000));
  }
  /** Revokes roles from a user. */
  async admin_revoke_roles(username: string, roles: readonly string[], policy?: AdminPolicy | null): Promise<void> {
    checkStringList(roles, 'admin_revoke_roles: roles', 'role names');
    await this.#run(async () => this.#c().revokeRoles(username, roles, policy?.timeout ?? 5000));
  }
  /** One user's info: `{ user, roles, conns_in_use }`. */
  async admin_query_user_info(username: string, policy?: AdminPolicy | null): Promise<{ user: string; roles: string[]; conns_in_use: number }> {
    const users = await this.#run(async () => this.#c().queryUsers(username, policy?.timeout ?? 5000));
    const u = users[0];
    if (u === undefined) throw toClassicError(serverError(60, { detail: username }));
    return { user: u.user, roles: u.roles, conns_in_use: u.connsInUse };
  }
  /** Every user's info. */
  async admin_query_users_info(policy?: AdminPolicy | null): Promise<Array<{ user: string; roles: string[]; conns_in_use: number }>> {
    const users = await this.#run(async () => this.#c().queryUsers(undefined, policy?.timeout ?? 5000));
    return users.map((u) => ({ user: u.user, roles: u.roles, conns_in_use: u.connsInUse }));
  }
  /** Creates a role. */
  async admin_create_role(role: string, privileges: readonly ClassicPrivilege[], policy?: AdminPolicy | null, whitelist?: readonly string[] | null, read_quota = 0, write_quota = 0): Promise<void> {
    checkString(role, 'admin_create_role: role');
    checkInt(read_quota, 'admin_create_role: read_quota');
    checkInt(write_quota, 'admin_create_role: write_quota');
    await this.#run(async () => this.#c().createRole(role, toPrivileges(privileges), whitelist ?? [], read_quota, write_quota, policy?.timeout ?? 5000));
  }
  /** Drops a role. */
  async admin_drop_role(role: string, policy?: AdminPolicy | null): Promise<void> {
    await this.#run(async () => this.#c().dropRole(role, policy?.timeout ?? 5000));
  }
  /** Grants privileges to a role. */
  async admin_grant_privileges(role: string, privileges: readonly ClassicPrivilege[], policy?: AdminPolicy | null): Promise<void> {
    await this.#run(async () => this.#c().grantPrivileges(role, toPrivileges(privileges), policy?.timeout ?? 5000));
  }
  /** Revokes privileges from a role. */
  async admin_revoke_privileges(role: string, privileges: readonly ClassicPrivilege[], policy?: AdminPolicy | null): Promise<void> {
    await this.#run(async () => this.#c().revokePrivileges(role, toPrivileges(privileges), policy?.timeout ?? 5000));
  }
  /** One role's info. */
  async admin_query_role(role: string, policy?: AdminPolicy | null): Promise<ClassicRoleInfo> {
    const roles = await this.#run(async () => this.#c().queryRoles(role, policy?.timeout ?? 5000));
    const r = roles[0];
    if (r === undefined) throw toClassicError(serverError(70, { detail: role }));
    return toRoleInfo(r);
  }
  /** Every role's info. */
  async admin_query_roles(policy?: AdminPolicy | null): Promise<ClassicRoleInfo[]> {
    return (await this.#run(async () => this.#c().queryRoles(undefined, policy?.timeout ?? 5000))).map(toRoleInfo);
  }
  /** Sets a role's allowlist. */
  async admin_set_whitelist(role: string, whitelist: readonly string[], policy?: AdminPolicy | null): Promise<void> {
    checkStringList(whitelist, 'admin_set_whitelist: whitelist', 'addresses');
    await this.#run(async () => this.#c().setWhitelist(role, whitelist, policy?.timeout ?? 5000));
  }
  /** Sets a role's quotas. */
  async admin_set_quotas(role: string, read_quota = 0, write_quota = 0, policy?: AdminPolicy | null): Promise<void> {
    checkInt(read_quota, 'admin_set_quotas: read_quota');
    checkInt(write_quota, 'admin_set_quotas: write_quota');
    await this.#run(async () => this.#c().setQuotas(role, read_quota, write_quota, policy?.timeout ?? 5000));
  }

  /**
   * Client metrics in Prometheus text format: the latency histogram of single-record
   * operations, batch calls, scans and queries (`db_client_operation_duration_seconds` by namespace,
   * operation and error type) and per-node connection and error counters. Empty before connect().
   */
  get_metrics(): string {
    return this.#core === null ? '' : this.#core.prometheusMetrics();
  }

  /** Turns latency recording on or off (on by default); what was recorded stays readable. */
  set_metrics_enabled(enabled: boolean): void {
    if (typeof enabled !== 'boolean') throw toClassicError(new InvalidArgumentError(`set_metrics_enabled takes a boolean, got ${typeof enabled}`));
    this.#metricsEnabled = enabled;
    if (this.#core !== null) {
      if (enabled) this.#core.enableMetrics();
      else this.#core.disableMetrics();
    }
  }

  /** True while latency is being recorded. */
  is_metrics_enabled(): boolean {
    return this.#metricsEnabled;
  }

  /** Names of the cluster's nodes. */
  get_node_names(): string[] {
    return this.#c().nodes().map((n) => n.name);
  }

  /** True when a node answers. */
  async ping(): Promise<boolean> {
    try {
      await this.#c().info('build', { timeout: 1000 });
      return true;
    } catch {
      return false;
    }
  }
}

/** A privilege: `{ code, ns?, set? }`, code as a number or aerospike_py name (`'read'`, `'read-write'`, `'sys-admin'`, …). */
export interface ClassicPrivilege {
  code: number | string;
  ns?: string;
  set?: string;
}

/** A role as aerospike_py returns it. */
export interface ClassicRoleInfo {
  name: string;
  privileges: Array<{ code: number; ns?: string; set?: string }>;
  allowlist: string[];
  read_quota: number;
  write_quota: number;
}

const PRIVILEGE_NAMES: { readonly [k: string]: number } = {
  'user-admin': 0,
  'sys-admin': 1,
  'data-admin': 2,
  'udf-admin': 3,
  'sindex-admin': 4,
  read: 10,
  'read-write': 11,
  'read-write-udf': 12,
  write: 13,
  truncate: 14
};

function toPrivileges(list: readonly ClassicPrivilege[]): Privilege[] {
  if (!Array.isArray(list)) throw new InvalidArgumentError('privileges must be a list of {code, ns?, set?}');
  return list.map((p, i) => {
    const code = typeof p.code === 'string' ? PRIVILEGE_NAMES[p.code] : p.code;
    if (code === undefined) throw new InvalidArgumentError(`privileges[${i}]: unknown privilege '${String(p.code)}'`);
    return { code, ...(p.ns === undefined ? {} : { namespace: p.ns }), ...(p.set === undefined ? {} : { set: p.set }) };
  });
}

function toRoleInfo(r: RoleInfo): ClassicRoleInfo {
  return {
    name: r.name,
    privileges: r.privileges.map((p) => ({ code: p.code, ...(p.namespace === undefined ? {} : { ns: p.namespace }), ...(p.set === undefined ? {} : { set: p.set }) })),
    allowlist: r.whitelist,
    read_quota: r.readQuota,
    write_quota: r.writeQuota
  };
}

function toBatchWritePolicy(p: CoreWritePolicy): { [k: string]: unknown } {
  const out: { [k: string]: unknown } = {};
  if (p.exists !== undefined) out['exists'] = p.exists;
  if (p.generationPolicy !== undefined) out['generationPolicy'] = p.generationPolicy;
  if (p.generation !== undefined) out['generation'] = p.generation;
  if (p.ttl !== undefined) out['ttl'] = p.ttl;
  if (p.durableDelete !== undefined) out['durableDelete'] = p.durableDelete;
  if (p.commitLevel !== undefined) out['commitLevel'] = p.commitLevel;
  if (p.sendKey !== undefined) out['sendKey'] = p.sendKey;
  return out;
}

function batchWriteDefaults(policy: BatchPolicy | null | undefined): { [k: string]: unknown } | undefined {
  if (policy == null) return undefined;
  const w: WritePolicy = {};
  for (const k of ['key', 'exists', 'gen', 'commit_level', 'durable_delete', 'ttl'] as const) {
    if (policy[k] !== undefined) (w as { [k: string]: unknown })[k] = policy[k];
  }
  const out = toBatchWritePolicy(writePolicy(w));
  return Object.keys(out).length === 0 ? undefined : out;
}
