import { adaptFailure, adaptPromise, type ResultAdapter } from './command/result-adapter.js';
import { EventEmitter } from 'node:events';
import { clearTimeout, setTimeout } from 'node:timers';
import { Cluster, type ClusterEvents } from './cluster/cluster.js';
import type { Node, NodeStats } from './cluster/node.js';
import { BATCH_OPERATION, CommandMetrics, QUERY_OPERATION, SCAN_OPERATION } from './metrics/command-metrics.js';
import { performance } from 'node:perf_hooks';
import { createIndex, dropIndex, listIndexes, listUdfs, registerUdf, removeUdf, type IndexSpec, type UdfModule } from './cluster/info-tasks.js';
import { parseHosts, type HostsInput } from './cluster/host.js';
import { Executor } from './command/executor.js';
import type { Operation } from './command/operation.js';
import { CommandKind, SingleRecordCommand, type AerospikeRecord, type RecordMetadata, type ResultOptions } from './command/single-command.js';
import {
  deleteRequest,
  headerRequest,
  operateRequest,
  readRequest,
  touchRequest,
  udfRequest,
  writeRequest,
  type OperateRequest
} from './command/single-requests.js';
import { AerospikeError } from './errors/aerospike-error.js';
import { executorTransport } from './txn/txn-command.js';
import { TxnCoordinator, type AbortStatus, type CommitStatus } from './txn/txn-roll.js';
import { namespaceMismatch, Txn } from './txn/txn.js';
import { ClientClosedError, InvalidArgumentError } from './errors/client-errors.js';
import { ResultCode } from './errors/result-code.js';
import { serverError } from './errors/server-errors.js';
import { parseInfoError } from './info/info-protocol.js';
import { Key } from './keys/key.js';
import { hashPassword } from './net/auth.js';
import { AdminRequests, parseRoles, parseUsers, queryAdmin, runAdmin, type Privilege, type RoleInfo, type UserInfo } from './net/admin.js';
import type { Connection } from './net/connection.js';
import type { TlsOptions } from './net/connection.js';
import { BatchExecutor, type ResolvedBatchPolicy } from './command/batch-executor.js';
import type { BatchPolicy, BatchRecord, BatchResult, BatchWritePolicy } from './command/batch-records.js';
import { OpType } from './wire/constants.js';
import { DEFAULT_BATCH_POLICY, DEFAULT_READ_POLICY, DEFAULT_WRITE_POLICY, type ReadPolicy, type ResolvedBasePolicy, type ResolvedReadPolicy, type ResolvedWritePolicy, type WritePolicy } from './policy/policies.js';
import { resolveBatchPolicy, resolveQueryPolicy, resolveReadPolicy, resolveWritePolicy } from './policy/resolve.js';
import { DEFAULT_QUERY_POLICY, type QueryPolicy, type ResolvedQueryPolicy } from './policy/policies.js';
import { QueryExecutor, type QueryRunOptions } from './command/query-executor.js';
import { backgroundHeader, queryHeader, type QueryRecord } from './command/query-command.js';
import type { RecordStream } from './command/record-stream.js';
import { IndexFilter } from './command/index-filter.js';
import { PartitionFilter } from './command/partition-filter.js';
import { QueryTask } from './cluster/query-task.js';
import { applyWriteBits } from './command/header-bits.js';
import { checkBinName, checkName, checkNamespace, checkSetName, checkUint, describeType } from './util/validate.js';
import type { Bins, DecodeOptions, DecodedValue, Value } from './values/value-types.js';

/** Client settings. Times are in milliseconds unless named otherwise. */
export interface ClientConfig {
  /** Seed hosts: `"h1:3000,h2:3000"` or a list of `"host:port"` strings or `{ host, port, tlsName? }`. */
  readonly hosts: HostsInput;
  /** User name, when the server has security enabled. */
  readonly user?: string;
  /** Password for `user`. */
  readonly password?: string;
  /** TLS settings; omit for plain TCP. */
  readonly tls?: TlsOptions;
  /** Expected cluster name; nodes reporting another are rejected. */
  readonly clusterName?: string;
  /** Timeout for opening a connection. Default 1000. */
  readonly connectTimeout?: number;
  /** Timeout for login and info requests during connect. Default 5000. */
  readonly loginTimeout?: number;
  /** Most connections per node. Default 100. */
  readonly maxConnsPerNode?: number;
  /** Connections kept open per node even when idle. Default 0. */
  readonly minConnsPerNode?: number;
  /** Close pooled connections idle longer than this many seconds. Default 55. */
  readonly maxSocketIdle?: number;
  /** Most commands that may wait for a free connection per node. Default 5000. */
  readonly maxPoolWaiters?: number;
  /** Default policies for every command. */
  readonly policies?: { readonly read?: ReadPolicy; readonly write?: WritePolicy; readonly batch?: BatchPolicy; readonly query?: QueryPolicy };
  /** How maps are returned (see {@link DecodeOptions}). Default `'map'`. */
  readonly maps?: 'map' | 'object';
  /** Milliseconds between cluster tends. Default 1000. */
  readonly tendInterval?: number;
  /** Use the nodes' alternate addresses (`peers-*-alt`). Default false. */
  readonly useServicesAlternate?: boolean;
  /** Preferred rack ids, in order, for the PREFER_RACK replica policy. */
  readonly rackIds?: readonly number[];
  /** Errors per node per window before commands to it fail fast; 0 turns it off. Default 100. */
  readonly maxErrorRate?: number;
  /** Tends per error-rate window. Default 1. */
  readonly errorRateWindow?: number;
}

/** Options for {@link AerospikeClient.close}. */
export interface CloseOptions {
  /**
   * How long to let in-flight commands finish before their connections are closed
   * (they then fail with ClientClosedError). Default 1000 ms.
   */
  readonly graceMs?: number;
}

const CONFIG_KEYS = new Set([
  'hosts', 'user', 'password', 'tls', 'clusterName', 'connectTimeout', 'loginTimeout', 'maxConnsPerNode', 'minConnsPerNode',
  'maxSocketIdle', 'maxPoolWaiters', 'policies', 'maps', 'tendInterval', 'useServicesAlternate', 'rackIds', 'maxErrorRate', 'errorRateWindow'
]);

/** What a scan or query reads. */
export interface QuerySpec {
  readonly namespace: string;
  /** Set to read (null or omitted: the whole namespace). */
  readonly set?: string | null;
  /** Bins to return (null or omitted: all). */
  readonly bins?: readonly string[] | null;
  /** Secondary-index filter (a query); omitted: a scan. */
  readonly filter?: IndexFilter | null;
  /** Partitions to cover, and the resume state after a run. Default: all. */
  readonly partitions?: PartitionFilter;
}

/** Options for operate. */
export interface OperateOptions {
  /** Also return every op result in request order (`record.ordered`). */
  readonly ordered?: boolean;
}

/**
 * The core Aerospike client: connect, then run commands. Both front ends
 * (`@aerospike-ts/classic`, `@aerospike-ts/fluent`) drive this class.
 */
export class AerospikeClient extends EventEmitter<ClusterEvents> {
  readonly #config: ClientConfig;
  readonly #readDefaults: ResolvedReadPolicy;
  readonly #writeDefaults: ResolvedWritePolicy;
  readonly #batchDefaults: ResolvedBatchPolicy;
  readonly #batchWriteDefaults: ResolvedBatchPolicy;
  #batchExecutor: BatchExecutor | null = null;
  #queryExecutor: QueryExecutor | null = null;
  readonly #queryDefaults: ResolvedQueryPolicy;
  readonly #decode: DecodeOptions | undefined;
  #cluster: Cluster | null = null;
  #executor: Executor | null = null;
  #txnCoordinator: TxnCoordinator | null = null;
  #metrics: CommandMetrics | null = null;
  #metricsStore: CommandMetrics | null = null;
  #connecting: Promise<this> | null = null;
  #closed = false;

  /** @throws InvalidArgumentError on an invalid setting. */
  constructor(config: ClientConfig) {
    super();
    if (typeof config !== 'object' || config === null) throw new InvalidArgumentError(`client config must be an object, got ${describeType(config)}`);
    for (const k of Object.keys(config)) if (!CONFIG_KEYS.has(k)) throw new InvalidArgumentError(`client config: unknown option '${k}'`);
    parseHosts(config.hosts);
    checkUint('connectTimeout', config.connectTimeout);
    checkUint('loginTimeout', config.loginTimeout);
    checkUint('maxConnsPerNode', config.maxConnsPerNode, 100_000);
    checkUint('minConnsPerNode', config.minConnsPerNode, 100_000);
    checkUint('maxSocketIdle', config.maxSocketIdle);
    checkUint('maxPoolWaiters', config.maxPoolWaiters);
    checkUint('tendInterval', config.tendInterval, 3_600_000);
    checkUint('maxErrorRate', config.maxErrorRate);
    checkUint('errorRateWindow', config.errorRateWindow, 1_000_000);
    if (config.tendInterval !== undefined && config.tendInterval < 10) throw new InvalidArgumentError(`tendInterval must be at least 10 ms, got ${config.tendInterval}`);
    if (config.rackIds !== undefined && (!Array.isArray(config.rackIds) || !config.rackIds.every((r) => Number.isInteger(r) && r >= 0))) {
      throw new InvalidArgumentError('rackIds must be a list of non-negative integers');
    }
    if ((config.user === undefined) !== (config.password === undefined)) {
      throw new InvalidArgumentError('client config: user and password must be given together');
    }
    if (config.maps !== undefined && config.maps !== 'map' && config.maps !== 'object') {
      throw new InvalidArgumentError(`client config: maps must be 'map' or 'object', got ${String(config.maps)}`);
    }
    for (const [kind, p] of Object.entries(config.policies ?? {})) {
      if ((p as { txn?: unknown } | undefined)?.txn != null) throw new InvalidArgumentError(`client config: policies.${kind} cannot name a transaction; pass txn in a command's policy`);
    }
    this.#config = config;
    this.#readDefaults = resolveReadPolicy(DEFAULT_READ_POLICY, config.policies?.read);
    this.#writeDefaults = resolveWritePolicy(DEFAULT_WRITE_POLICY, config.policies?.write);
    this.#batchDefaults = resolveBatchPolicy(DEFAULT_BATCH_POLICY, config.policies?.batch);
    this.#queryDefaults = resolveQueryPolicy(DEFAULT_QUERY_POLICY, config.policies?.query);
    this.#batchWriteDefaults = config.policies?.batch?.maxRetries === undefined ? { ...this.#batchDefaults, maxRetries: 0 } : this.#batchDefaults;
    this.#decode = config.maps === undefined ? undefined : { maps: config.maps };
  }

  /**
   * Connects to the cluster through the seeds. Calling it again returns the same
   * connection attempt.
   * @throws ClusterError when no seed is usable; ServerError when login is refused.
   */
  connect(): Promise<this> {
    if (this.#closed) return Promise.reject(new ClientClosedError());
    this.#connecting ??= this.#connect();
    return this.#connecting;
  }

  async #connect(): Promise<this> {
    const c = this.#config;
    try {
      const cluster = await Cluster.connect({
        seeds: parseHosts(c.hosts),
        node: {
          tls: c.tls,
          connectTimeout: c.connectTimeout ?? 1000,
          user: c.user,
          credential: c.password === undefined ? undefined : hashPassword(c.password),
          loginTimeout: c.loginTimeout ?? 5000
        },
        pool: {
          maxSize: c.maxConnsPerNode ?? 100,
          minSize: c.minConnsPerNode ?? 0,
          maxIdleMs: (c.maxSocketIdle ?? 55) * 1000,
          maxWaiters: c.maxPoolWaiters ?? 5000
        },
        clusterName: c.clusterName,
        infoTimeout: c.loginTimeout ?? 5000,
        tendInterval: c.tendInterval ?? 1000,
        useServicesAlternate: c.useServicesAlternate ?? false,
        rackIds: c.rackIds ?? [],
        maxErrorRate: c.maxErrorRate ?? 100,
        errorRateWindow: c.errorRateWindow ?? 1
      });
      cluster.on('nodeAdded', (e) => this.emit('nodeAdded', e));
      cluster.on('nodeRemoved', (e) => this.emit('nodeRemoved', e));
      cluster.on('partitionMapUpdated', (e) => this.emit('partitionMapUpdated', e));
      cluster.on('tendError', (e) => this.emit('tendError', e));
      cluster.on('tendComplete', (e) => this.emit('tendComplete', e));
      cluster.on('connectionOpened', (e) => this.emit('connectionOpened', e));
      cluster.on('connectionClosed', (e) => this.emit('connectionClosed', e));
      cluster.on('commandFailed', (e) => this.emit('commandFailed', e));
      // The seed nodes joined inside Cluster.connect, before these forwarders existed.
      for (const n of cluster.nodes) this.emit('nodeAdded', { name: n.name, address: n.address });
      if (this.#closed) {
        cluster.close();
        throw new ClientClosedError();
      }
      this.#cluster = cluster;
      this.#executor = new Executor(cluster);
      this.#executor.metrics = this.#metrics;
      this.#batchExecutor = new BatchExecutor(cluster, this.#executor);
      this.#queryExecutor = new QueryExecutor(cluster, this.#executor);
      return this;
    } catch (err) {
      this.#connecting = null;
      throw err;
    }
  }

  /** True between a successful connect() and close(). */
  isConnected(): boolean {
    return this.#cluster !== null && this.#cluster.isOpen;
  }

  /**
   * Stops tending, lets in-flight commands finish (up to `graceMs`), then closes every
   * connection. Commands issued afterwards fail with ClientClosedError. Safe to call twice.
   */
  async close(options: CloseOptions = {}): Promise<void> {
    this.#closed = true;
    const ex = this.#executor;
    if (ex !== null && ex.inFlight > 0) {
      const grace = options.graceMs ?? 1000;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([ex.drained(), new Promise<void>((resolve) => (timer = setTimeout(resolve, grace)))]);
      clearTimeout(timer);
    }
    this.#cluster?.close();
    await this.#connecting?.catch(() => undefined);
    this.#cluster?.close();
  }

  /**
   * Starts recording a latency histogram of single-record commands, batch calls and
   * scans/queries (per namespace, operation and outcome; a scan or query is timed until
   * the servers have sent every record). Costs two clock reads per command; nothing is allocated once
   * a series exists. Recorded data survives disable/enable; see {@link prometheusMetrics}.
   */
  enableMetrics(): void {
    this.#metricsStore ??= new CommandMetrics();
    this.#metrics = this.#metricsStore;
    if (this.#executor !== null) this.#executor.metrics = this.#metrics;
  }

  /** Stops recording (what was recorded stays readable). */
  disableMetrics(): void {
    this.#metrics = null;
    if (this.#executor !== null) this.#executor.metrics = null;
  }

  /** True while metrics are being recorded. */
  get metricsEnabled(): boolean {
    return this.#metrics !== null;
  }

  /**
   * Prometheus text exposition: the command latency histogram
   * (`db_client_operation_duration_seconds`, when metrics were ever enabled) and, per
   * node, connection gauges (`aerospike_client_connections{state=in_use|idle|opening|waiting}`)
   * and counters (`aerospike_client_connections_opened_total`, `…_closed_total`,
   * `aerospike_client_node_errors_total{kind=connection|timeout|server}`).
   */
  prometheusMetrics(): string {
    const nodes = this.stats();
    const out: string[] = [];
    if (this.#metricsStore !== null) out.push(this.#metricsStore.toPrometheus().trimEnd());
    const label = (n: NodeStats): string => `node="${n.name}",address="${n.address}"`;
    out.push('# HELP aerospike_client_connections Pooled connections per node, by state.', '# TYPE aerospike_client_connections gauge');
    for (const n of nodes) {
      for (const state of ['in_use', 'idle', 'opening', 'waiting'] as const) {
        const v = state === 'in_use' ? n.pool.inUse : state === 'idle' ? n.pool.idle : state === 'opening' ? n.pool.opening : n.pool.waiting;
        out.push(`aerospike_client_connections{${label(n)},state="${state}"} ${v}`);
      }
    }
    out.push('# HELP aerospike_client_connections_opened_total Connections opened per node.', '# TYPE aerospike_client_connections_opened_total counter');
    for (const n of nodes) out.push(`aerospike_client_connections_opened_total{${label(n)}} ${n.pool.opened}`);
    out.push('# HELP aerospike_client_connections_closed_total Connections closed per node.', '# TYPE aerospike_client_connections_closed_total counter');
    for (const n of nodes) out.push(`aerospike_client_connections_closed_total{${label(n)}} ${n.pool.closed}`);
    out.push('# HELP aerospike_client_node_errors_total Command errors per node, by kind.', '# TYPE aerospike_client_node_errors_total counter');
    for (const n of nodes) {
      out.push(`aerospike_client_node_errors_total{${label(n)},kind="connection"} ${n.connectionErrors}`);
      out.push(`aerospike_client_node_errors_total{${label(n)},kind="timeout"} ${n.timeouts}`);
      out.push(`aerospike_client_node_errors_total{${label(n)},kind="server"} ${n.serverErrors}`);
    }
    return `${out.join('\n')}\n`;
  }

  /** A snapshot of every node: pool counts and error counters. */
  stats(): NodeStats[] {
    return (this.#cluster?.nodes ?? []).map((n) => n.stats());
  }

  /** Edition, build and features of the connected nodes. */
  nodes(): Array<{ name: string; address: string; build: string; edition: string; features: ReadonlySet<string> }> {
    return (this.#cluster?.nodes ?? []).map((n) => ({ address: n.address, ...n.identity }));
  }

  #exec(): Executor {
    if (this.#closed) throw new ClientClosedError();
    if (this.#executor === null) throw new ClientClosedError('The client is not connected; call connect() first');
    return this.#executor;
  }

  #coordinator(ex: Executor): TxnCoordinator {
    this.#txnCoordinator ??= new TxnCoordinator(executorTransport(ex));
    return this.#txnCoordinator;
  }

  /**
   * Runs a single-record command of a transaction. The request is built first (so bad input
   * fails before anything is sent); before a write, the key is added to the transaction's
   * monitor record, and the request is built again when that gave the transaction its deadline.
   */
  async #inTxn<T>(ex: Executor, txn: Txn, kind: CommandKind, key: Key, p: ResolvedBasePolicy, encode: () => OperateRequest, decode?: ResultOptions): Promise<T> {
    checkTxnNamespace(txn, [key]);
    this.#checkTxnEdition();
    const first = encode();
    const isWrite = first.isWrite;
    let request = first.request;
    if (isWrite) {
      const deadline = txn.deadline;
      await this.#coordinator(ex).beforeWrite(txn, [key]);
      if (txn.deadline !== deadline) request = encode().request;
    }
    try {
      return (await ex.execute(new SingleRecordCommand(kind, key, isWrite, p, request, decode))) as T;
    } catch (err) {
      // a write that may have happened is rolled like one that did
      if (isWrite && err instanceof AerospikeError && err.inDoubt) txn.onWrite(key, null, false, true);
      throw err;
    }
  }

  /**
   * Transactions need Enterprise Edition: on a cluster with a Community Edition node a
   * command of a transaction fails before anything is sent (the server would refuse the
   * transaction's commands, but not necessarily the monitor record written before them).
   * @throws ServerError ENTERPRISE_ONLY (25).
   */
  #checkTxnEdition(): void {
    const ce = (this.#cluster?.nodes ?? []).find((n) => /community/i.test(n.identity.edition));
    if (ce !== undefined) {
      throw serverError(ResultCode.ENTERPRISE_ONLY, { node: ce.address, detail: `transactions need Aerospike Enterprise Edition 8.0 or later; node ${ce.name} runs ${ce.identity.edition} ${ce.identity.build}` });
    }
  }

  /**
   * Commits a transaction: checks that every record it read is unchanged, then makes its
   * writes permanent. Commands joined it through their policy's `txn`.
   * @throws CommitError when a read record changed (the transaction is then rolled back),
   * marking the commit failed, or the transaction was aborted.
   */
  async commitTransaction(txn: Txn): Promise<CommitStatus> {
    const ex = this.#exec();
    if (!(txn instanceof Txn)) throw new InvalidArgumentError(`commitTransaction needs a Txn, got ${describeType(txn)}`);
    return this.#coordinator(ex).commit(txn);
  }

  /**
   * Aborts a transaction: undoes its writes.
   * @throws TransactionError when it was already committed.
   */
  async abortTransaction(txn: Txn): Promise<AbortStatus> {
    const ex = this.#exec();
    if (!(txn instanceof Txn)) throw new InvalidArgumentError(`abortTransaction needs a Txn, got ${describeType(txn)}`);
    return this.#coordinator(ex).abort(txn);
  }

  /**
   * Writes bins (creating the record unless the policy says otherwise).
   * @param adapter for front ends: settles the promise with its value or error instead
   * (see {@link ResultAdapter})
   */
  put<R = RecordMetadata>(key: Key, bins: Bins, policy?: WritePolicy, adapter?: ResultAdapter<RecordMetadata, R>): Promise<R> {
    try {
      const ex = this.#exec();
      checkKey(key);
      checkBins(bins);
      const p = resolveWritePolicy(this.#writeDefaults, policy);
      if (p.txn !== null) return adapted(this.#inTxn<RecordMetadata>(ex, p.txn, CommandKind.WRITE, key, p, () => ({ request: writeRequest(key, p, bins), isWrite: true })), adapter);
      return ex.execute(new SingleRecordCommand(CommandKind.WRITE, key, true, p, writeRequest(key, p, bins)), asAdapter(adapter)) as Promise<R>;
    } catch (err) {
      return failed(err, adapter);
    }
  }

  /**
   * Reads a record: all bins, or only `bins` when given.
   * @param adapter for front ends: settles the promise with its value or error instead
   * (see {@link ResultAdapter})
   * @throws RecordNotFoundError when it does not exist.
   */
  get<R = AerospikeRecord>(key: Key, bins?: readonly string[] | null, policy?: ReadPolicy, adapter?: ResultAdapter<AerospikeRecord, R>): Promise<R> {
    try {
      const ex = this.#exec();
      checkKey(key);
      const p = resolveReadPolicy(this.#readDefaults, policy);
      if (p.txn !== null) return adapted(this.#inTxn<AerospikeRecord>(ex, p.txn, CommandKind.READ, key, p, () => ({ request: readRequest(key, p, bins ?? null), isWrite: false }), this.#decode), adapter);
      return ex.execute(new SingleRecordCommand(CommandKind.READ, key, false, p, readRequest(key, p, bins ?? null), this.#decode), asAdapter(adapter)) as Promise<R>;
    } catch (err) {
      return failed(err, adapter);
    }
  }

  /**
   * Reads a record's metadata only (bins empty).
   * @throws RecordNotFoundError when it does not exist.
   */
  getHeader(key: Key, policy?: ReadPolicy): Promise<AerospikeRecord> {
    try {
      const ex = this.#exec();
      checkKey(key);
      const p = resolveReadPolicy(this.#readDefaults, policy);
      if (p.txn !== null) return this.#inTxn(ex, p.txn, CommandKind.READ, key, p, () => ({ request: headerRequest(key, p), isWrite: false }));
      return ex.execute(new SingleRecordCommand(CommandKind.READ, key, false, p, headerRequest(key, p))) as Promise<AerospikeRecord>;
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  /**
   * Metadata of a record, or null when it does not exist.
   * @param adapter for front ends: settles the promise with its value or error instead
   * (see {@link ResultAdapter})
   */
  exists<R = RecordMetadata | null>(key: Key, policy?: ReadPolicy, adapter?: ResultAdapter<RecordMetadata | null, R>): Promise<R> {
    try {
      const ex = this.#exec();
      checkKey(key);
      const p = resolveReadPolicy(this.#readDefaults, policy);
      if (p.txn !== null) return adapted(this.#inTxn<RecordMetadata | null>(ex, p.txn, CommandKind.EXISTS, key, p, () => ({ request: headerRequest(key, p), isWrite: false })), adapter);
      return ex.execute(new SingleRecordCommand(CommandKind.EXISTS, key, false, p, headerRequest(key, p)), asAdapter(adapter)) as Promise<R>;
    } catch (err) {
      return failed(err, adapter);
    }
  }

  /**
   * Deletes a record. Resolves true when it existed, false when it did not.
   * @param adapter for front ends: settles the promise with its value or error instead
   * (see {@link ResultAdapter})
   */
  remove<R = boolean>(key: Key, policy?: WritePolicy, adapter?: ResultAdapter<boolean, R>): Promise<R> {
    try {
      const ex = this.#exec();
      checkKey(key);
      const p = resolveWritePolicy(this.#writeDefaults, policy);
      if (p.txn !== null) return adapted(this.#inTxn<boolean>(ex, p.txn, CommandKind.DELETE, key, p, () => ({ request: deleteRequest(key, p), isWrite: true })), adapter);
      return ex.execute(new SingleRecordCommand(CommandKind.DELETE, key, true, p, deleteRequest(key, p)), asAdapter(adapter)) as Promise<R>;
    } catch (err) {
      return failed(err, adapter);
    }
  }

  /**
   * Resets a record's TTL to the policy's `ttl`.
   * @param adapter for front ends: settles the promise with its value or error instead
   * (see {@link ResultAdapter})
   * @throws RecordNotFoundError when it does not exist.
   */
  touch<R = RecordMetadata>(key: Key, policy?: WritePolicy, adapter?: ResultAdapter<RecordMetadata, R>): Promise<R> {
    try {
      const ex = this.#exec();
      checkKey(key);
      const p = resolveWritePolicy(this.#writeDefaults, policy);
      if (p.txn !== null) return adapted(this.#inTxn<RecordMetadata>(ex, p.txn, CommandKind.TOUCH, key, p, () => ({ request: touchRequest(key, p), isWrite: true })), adapter);
      return ex.execute(new SingleRecordCommand(CommandKind.TOUCH, key, true, p, touchRequest(key, p)), asAdapter(adapter)) as Promise<R>;
    } catch (err) {
      return failed(err, adapter);
    }
  }

  /**
   * Runs several operations on one record atomically. Results for a bin that appears in
   * several read ops come back as an array; pass `{ ordered: true }` for every result in
   * order as well.
   * @param adapter for front ends: settles the promise with its value or error instead
   * (see {@link ResultAdapter})
   */
  operate<R = AerospikeRecord>(key: Key, ops: readonly Operation[], policy?: WritePolicy, options?: OperateOptions, adapter?: ResultAdapter<AerospikeRecord, R>): Promise<R> {
    try {
      const ex = this.#exec();
      checkKey(key);
      const p = resolveWritePolicy(this.#writeDefaults, policy);
      const decode = options?.ordered === true ? { ...this.#decode, ordered: true } : this.#decode;
      if (p.txn !== null) return adapted(this.#inTxn<AerospikeRecord>(ex, p.txn, CommandKind.OPERATE, key, p, () => operateRequest(key, p, ops), decode), adapter);
      const { request, isWrite } = operateRequest(key, p, ops);
      return ex.execute(new SingleRecordCommand(CommandKind.OPERATE, key, isWrite, p, request, decode), asAdapter(adapter)) as Promise<R>;
    } catch (err) {
      return failed(err, adapter);
    }
  }

  /**
   * Calls a registered UDF on one record and returns its result.
   * @throws UdfError when the function fails.
   */
  apply(key: Key, module: string, fn: string, args: readonly Value[] = [], policy?: WritePolicy): Promise<DecodedValue> {
    try {
      const ex = this.#exec();
      checkKey(key);
      const p = resolveWritePolicy(this.#writeDefaults, policy);
      if (p.txn !== null) return this.#inTxn(ex, p.txn, CommandKind.UDF, key, p, () => ({ request: udfRequest(key, p, module, fn, args), isWrite: true }), this.#decode);
      return ex.execute(new SingleRecordCommand(CommandKind.UDF, key, true, p, udfRequest(key, p, module, fn, args), this.#decode)) as Promise<DecodedValue>;
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  /**
   * Runs a mixed batch of reads, writes, deletes and UDF calls, grouped by node and sent
   * in parallel. Resolves with one result per record, in input order; per-record failures
   * are in the results (`resultCode`, `error`, `inDoubt`), never thrown.
   * @throws InvalidArgumentError for an empty list or an invalid record — its key, its own
   * policy, or a bin name or value that does not encode — naming the record (`batch record
   * <index>: …`), before anything is sent: one bad record fails the whole call rather than
   * becoming a failed result of every record sent to the same node.
   */
  async batch(records: readonly BatchRecord[], policy?: BatchPolicy): Promise<BatchResult[]> {
    const ex = this.#exec();
    if (!Array.isArray(records) || records.length === 0) throw new InvalidArgumentError('a batch needs a non-empty list of records');
    let writes = false;
    const checked = { read: new Set<object>(), write: new Set<object>() };
    for (let i = 0; i < records.length; i++) {
      const r = records[i] as BatchRecord;
      if (typeof r !== 'object' || r === null || !BATCH_TYPES.has(r.type)) {
        throw new InvalidArgumentError(`batch record ${i}: type must be 'read', 'write', 'delete' or 'udf', got ${describeType(r === null || typeof r !== 'object' ? r : r.type)}`);
      }
      if (!(r.key instanceof Key)) checkKey(r.key, `batch record ${i}: key`); // the message only when it fails
      checkRecordPolicy(i, r, checked);
      if (r.type !== 'read') writes = true;
      if (r.type === 'write' && (!Array.isArray(r.ops) || r.ops.length === 0)) throw new InvalidArgumentError(`batch record ${i}: a write needs at least one operation`);
      if (r.type === 'read' && r.bins != null && (!Array.isArray(r.bins) || !r.bins.every((b) => typeof b === 'string'))) {
        throw new InvalidArgumentError(`batch record ${i}: bins must be a list of bin names`);
      }
      if (r.type === 'udf') {
        checkName(`batch record ${i}: UDF module name`, r.module, 127, false);
        checkName(`batch record ${i}: UDF function name`, r.fn, 127, false);
      }
    }
    const defaults = writes && policy?.maxRetries === undefined ? this.#batchWriteDefaults : this.#batchDefaults;
    const p = resolveBatchPolicy(defaults, policy);
    const run = p.txn === null ? (this.#batchExecutor as BatchExecutor).execute(records, p, this.#decode) : this.#batchInTxn(ex, p.txn, records, p);
    const metrics = this.#metrics;
    return metrics === null ? run : timedBatch(run, metrics, records);
  }

  /**
   * Runs a batch of a transaction: every key must be in the transaction's namespace; the
   * keys written are added to its monitor record first; writes left in doubt are rolled
   * at commit or abort like those that happened.
   */
  async #batchInTxn(ex: Executor, txn: Txn, records: readonly BatchRecord[], p: ResolvedBatchPolicy): Promise<BatchResult[]> {
    checkTxnNamespace(txn, records.map((r) => r.key));
    this.#checkTxnEdition();
    for (const r of records) txn.setNamespace(r.key.namespace);
    const written = records.filter((r) => r.type !== 'read').map((r) => r.key);
    if (written.length > 0) await this.#coordinator(ex).beforeWrite(txn, written);
    const results = await (this.#batchExecutor as BatchExecutor).execute(records, p, this.#decode);
    for (const r of results) if (r.inDoubt) txn.onWrite(r.key, null, false, true);
    return results;
  }

  /** Reads many records (all bins, or `bins`); results in input order, `record` null when not found. */
  async batchGet(keys: readonly Key[], bins?: readonly string[] | null, policy?: BatchPolicy): Promise<BatchResult[]> {
    const b = bins ?? null;
    if (b !== null) checkBinNames(b);
    return this.batch(checkKeys(keys).map((key): BatchRecord => ({ type: 'read', key, bins: b })), policy);
  }

  /** Metadata of many records (header-only reads). */
  async batchExists(keys: readonly Key[], policy?: BatchPolicy): Promise<BatchResult[]> {
    return this.batch(checkKeys(keys).map((key): BatchRecord => ({ type: 'read', key, headerOnly: true })), policy);
  }

  /** Applies the same operations to many records (reads, writes, or both). */
  async batchOperate(keys: readonly Key[], ops: readonly Operation[], policy?: BatchPolicy, writePolicy?: BatchWritePolicy): Promise<BatchResult[]> {
    if (!Array.isArray(ops) || ops.length === 0) throw new InvalidArgumentError('batchOperate needs a non-empty list of operations');
    const readOnly = ops.every((o) => o.op === OpType.READ || o.op === OpType.CDT_READ || o.op === OpType.BIT_READ || o.op === OpType.EXP_READ || o.op === OpType.HLL_READ);
    return this.batch(
      checkKeys(keys).map((key): BatchRecord => (readOnly ? { type: 'read', key, ops } : writePolicy === undefined ? { type: 'write', key, ops } : { type: 'write', key, ops, policy: writePolicy })),
      policy
    );
  }

  /** Deletes many records. */
  async batchRemove(keys: readonly Key[], policy?: BatchPolicy, writePolicy?: BatchWritePolicy): Promise<BatchResult[]> {
    return this.batch(checkKeys(keys).map((key): BatchRecord => (writePolicy === undefined ? { type: 'delete', key } : { type: 'delete', key, policy: writePolicy })), policy);
  }

  /** Calls a record UDF on many records; each result's `record.bins.SUCCESS` holds the return value. */
  async batchApply(keys: readonly Key[], module: string, fn: string, args: readonly Value[] = [], policy?: BatchPolicy, writePolicy?: BatchWritePolicy): Promise<BatchResult[]> {
    return this.batch(
      checkKeys(keys).map((key): BatchRecord => (writePolicy === undefined ? { type: 'udf', key, module, fn, args } : { type: 'udf', key, module, fn, args, policy: writePolicy })),
      policy
    );
  }

  /**
   * Starts a scan (no `filter`) or a secondary-index query (`filter`) over the namespace
   * and set, returning a stream of records. Iterate it with `for await`; `close()` (or
   * breaking out of the loop) stops the servers' work. `spec.partitions` selects
   * partitions and, after a run, holds the state to resume from.
   * @throws InvalidArgumentError for bad names or options, before anything is sent.
   */
  query(spec: QuerySpec, policy?: QueryPolicy): RecordStream<QueryRecord> {
    this.#exec();
    const run = this.#queryRun(spec, policy, undefined);
    const stream = (this.#queryExecutor as QueryExecutor).start({ ...run, decode: this.#decode });
    const metrics = this.#metrics;
    if (metrics !== null) {
      const t0 = performance.now();
      const kind = spec.filter == null ? SCAN_OPERATION : QUERY_OPERATION;
      stream.onEnd((error) => metrics.record(spec.namespace, kind, (performance.now() - t0) / 1000, error !== null));
    }
    return stream;
  }

  /** Scans a namespace (or one set of it). Same as {@link query} without a filter. */
  scan(namespace: string, set?: string | null, policy?: QueryPolicy & { readonly bins?: readonly string[] | null; readonly partitions?: PartitionFilter }): RecordStream<QueryRecord> {
    const { bins, partitions, ...rest } = policy ?? {};
    return this.query({ namespace, set: set ?? null, bins: bins ?? null, ...(partitions === undefined ? {} : { partitions }) }, rest);
  }

  /**
   * Applies write operations or a record UDF to every record a scan/query selects, on
   * the servers, and returns a task to wait on. Nothing is returned per record.
   */
  async backgroundQuery(spec: QuerySpec, action: { readonly ops: readonly Operation[] } | { readonly module: string; readonly fn: string; readonly args?: readonly Value[] }, policy?: QueryPolicy, writePolicy?: WritePolicy): Promise<QueryTask> {
    this.#exec();
    const w = resolveWritePolicy(this.#writeDefaults, writePolicy);
    if (w.txn !== null) throw new InvalidArgumentError('background queries do not run inside a transaction; leave out txn');
    const bg = 'ops' in action ? { ops: action.ops } : { udf: { module: action.module, fn: action.fn, args: action.args ?? [] } };
    if (bg.ops !== undefined && (!Array.isArray(bg.ops) || bg.ops.length === 0)) throw new InvalidArgumentError('a background query needs a non-empty list of write operations');
    if (bg.udf !== undefined) {
      checkName('UDF module name', bg.udf.module, 127, false);
      checkName('UDF function name', bg.udf.fn, 127, false);
    }
    const run = this.#queryRun(spec, policy, { w, ...bg });
    const taskId = await (this.#queryExecutor as QueryExecutor).background({ ...run, decode: this.#decode });
    return new QueryTask(this.#cluster as Cluster, taskId);
  }

  #queryRun(spec: QuerySpec, policy: QueryPolicy | undefined, bg: { w: ResolvedWritePolicy; ops?: readonly Operation[]; udf?: { module: string; fn: string; args: readonly Value[] } } | undefined): Omit<QueryRunOptions, 'decode'> {
    if (typeof spec !== 'object' || spec === null) throw new InvalidArgumentError(`query spec must be an object, got ${describeType(spec)}`);
    checkNamespace(spec.namespace);
    if (spec.set != null) checkSetName(spec.set);
    if (spec.bins != null && (!Array.isArray(spec.bins) || !spec.bins.every((b) => typeof b === 'string'))) throw new InvalidArgumentError('query bins must be a list of bin names');
    if (spec.filter != null && !(spec.filter instanceof IndexFilter)) throw new InvalidArgumentError(`query filter must be an IndexFilter, got ${describeType(spec.filter)}`);
    if (spec.partitions !== undefined && !(spec.partitions instanceof PartitionFilter)) throw new InvalidArgumentError(`query partitions must be a PartitionFilter, got ${describeType(spec.partitions)}`);
    const p = resolveQueryPolicy(this.#queryDefaults, policy);
    const f = p.filterExpression;
    let header = queryHeader(p.includeBinData, p.readModeAP, p.readModeSC, p.totalTimeout, p.shortQuery);
    if (bg !== undefined) {
      const h = { info1: 0, info2: 0, info3: 0, info4: 0, generation: 0, ttl: bg.w.ttl, timeout: p.totalTimeout };
      applyWriteBits(h, bg.w);
      header = backgroundHeader(h.info2, h.info3, bg.w.ttl, p.totalTimeout);
    }
    return {
      spec: {
        namespace: spec.namespace,
        set: spec.set == null || spec.set === '' ? null : spec.set,
        bins: spec.bins ?? null,
        includeBinData: p.includeBinData,
        filter: spec.filter ?? null,
        filterExpression: f === null ? null : f instanceof Uint8Array ? f : f.toBytes(),
        recordsPerSecond: p.recordsPerSecond,
        socketTimeout: p.socketTimeout,
        header,
        backgroundOps: bg?.ops,
        backgroundUdf: bg?.udf
      },
      partitions: spec.partitions ?? PartitionFilter.all(),
      maxRecords: p.maxRecords,
      maxRetries: p.maxRetries,
      totalTimeout: p.totalTimeout,
      socketTimeout: p.socketTimeout,
      replica: p.replica,
      readModeSC: p.readModeSC,
      highWater: p.recordQueueSize,
      maxConcurrentNodes: p.maxConcurrentNodes
    };
  }

  /**
   * Removes every record of a set (or of the namespace when `set` is omitted) whose last
   * update is before `beforeNanos` (nanoseconds since the Unix epoch; default: now).
   * The server distributes the truncate to every node.
   * @throws InvalidArgumentError for a bad name before anything is sent; ServerError on refusal.
   */
  async truncate(namespace: string, set?: string | null, beforeNanos?: bigint | number): Promise<void> {
    this.#exec();
    checkNamespace(namespace);
    if (set != null) checkSetName(set);
    let lut = '';
    if (beforeNanos !== undefined) {
      const ok = typeof beforeNanos === 'bigint' ? beforeNanos >= 0n : typeof beforeNanos === 'number' && Number.isSafeInteger(beforeNanos) && beforeNanos >= 0;
      if (!ok) throw new InvalidArgumentError(`truncate: beforeNanos must be a non-negative integer (nanoseconds since 1970), got ${String(beforeNanos)}`);
      lut = `;lut=${BigInt(beforeNanos)}`;
    }
    const cmd = set == null || set === '' ? `truncate-namespace:namespace=${namespace}${lut}` : `truncate:namespace=${namespace};set=${set}${lut}`;
    const reply = await this.info(cmd, { timeout: 5000, throwOnError: true });
    const value = reply.get(cmd) ?? '';
    if (value.toLowerCase() !== 'ok') throw serverError(1, { detail: `truncate answered ${JSON.stringify(value)}` });
  }

  /** Registers a Lua UDF module (source text or bytes) and waits until every node has it. */
  async registerUdf(name: string, content: string | Uint8Array, timeoutMs = 10_000): Promise<void> {
    this.#exec();
    await registerUdf(this.#cluster as Cluster, name, content, timeoutMs);
  }

  /** Removes a UDF module and waits until no node has it. */
  async removeUdf(name: string, timeoutMs = 10_000): Promise<void> {
    this.#exec();
    await removeUdf(this.#cluster as Cluster, name, timeoutMs);
  }

  /** The registered UDF modules. */
  async listUdfs(timeoutMs = 1000): Promise<UdfModule[]> {
    this.#exec();
    return listUdfs((this.#cluster as Cluster).anyNode(), timeoutMs);
  }

  /** Creates a secondary index and waits until every node has built it. */
  async createIndex(spec: IndexSpec, timeoutMs = 30_000): Promise<void> {
    this.#exec();
    await createIndex(this.#cluster as Cluster, spec, timeoutMs);
  }

  /** Drops a secondary index and waits until no node has it. */
  async dropIndex(namespace: string, name: string, timeoutMs = 30_000): Promise<void> {
    this.#exec();
    await dropIndex(this.#cluster as Cluster, namespace, name, timeoutMs);
  }

  /** The secondary indexes (of one namespace, or all) as reported by `sindex-list`. */
  async listIndexes(namespace?: string, timeoutMs = 1000): Promise<Array<Record<string, string>>> {
    this.#exec();
    return listIndexes((this.#cluster as Cluster).anyNode(), namespace, timeoutMs);
  }

  async #admin<T>(fn: (conn: Connection, timeout: number) => Promise<T>, timeout: number): Promise<T> {
    this.#exec();
    const node = (this.#cluster as Cluster).anyNode();
    const conn = await node.pool.acquire(Date.now() + timeout);
    try {
      return await fn(conn, timeout);
    } finally {
      node.pool.release(conn);
    }
  }

  /** Creates a user with roles (servers with security; Community Edition answers SecurityNotSupportedError). */
  async createUser(user: string, password: string, roles: readonly string[], timeoutMs = 5000): Promise<void> {
    const req = AdminRequests.createUser(user, password, roles);
    await this.#admin((c, t) => runAdmin(c, req, t), timeoutMs);
  }

  /** Drops a user. */
  async dropUser(user: string, timeoutMs = 5000): Promise<void> {
    const req = AdminRequests.dropUser(user);
    await this.#admin((c, t) => runAdmin(c, req, t), timeoutMs);
  }

  /** Sets a user's password (an administrator's action; the connected user changes its own with the old password). */
  async changePassword(user: string, password: string, timeoutMs = 5000): Promise<void> {
    const own = this.#config.user === user && this.#config.password !== undefined;
    const req = own ? AdminRequests.changePassword(user, this.#config.password as string, password) : AdminRequests.setPassword(user, password);
    await this.#admin((c, t) => runAdmin(c, req, t), timeoutMs);
  }

  /** Grants roles to a user. */
  async grantRoles(user: string, roles: readonly string[], timeoutMs = 5000): Promise<void> {
    const req = AdminRequests.grantRoles(user, roles);
    await this.#admin((c, t) => runAdmin(c, req, t), timeoutMs);
  }

  /** Revokes roles from a user. */
  async revokeRoles(user: string, roles: readonly string[], timeoutMs = 5000): Promise<void> {
    const req = AdminRequests.revokeRoles(user, roles);
    await this.#admin((c, t) => runAdmin(c, req, t), timeoutMs);
  }

  /** One user, or every user when `user` is omitted. */
  async queryUsers(user?: string, timeoutMs = 5000): Promise<UserInfo[]> {
    const req = AdminRequests.queryUsers(user);
    return parseUsers(await this.#admin((c, t) => queryAdmin(c, req, t), timeoutMs));
  }

  /** Creates a role with privileges, an optional allowlist and quotas. */
  async createRole(role: string, privileges: readonly Privilege[], whitelist: readonly string[] = [], readQuota = 0, writeQuota = 0, timeoutMs = 5000): Promise<void> {
    const req = AdminRequests.createRole(role, privileges, whitelist, readQuota, writeQuota);
    await this.#admin((c, t) => runAdmin(c, req, t), timeoutMs);
  }

  /** Drops a role. */
  async dropRole(role: string, timeoutMs = 5000): Promise<void> {
    const req = AdminRequests.dropRole(role);
    await this.#admin((c, t) => runAdmin(c, req, t), timeoutMs);
  }

  /** Grants privileges to a role. */
  async grantPrivileges(role: string, privileges: readonly Privilege[], timeoutMs = 5000): Promise<void> {
    const req = AdminRequests.grantPrivileges(role, privileges);
    await this.#admin((c, t) => runAdmin(c, req, t), timeoutMs);
  }

  /** Revokes privileges from a role. */
  async revokePrivileges(role: string, privileges: readonly Privilege[], timeoutMs = 5000): Promise<void> {
    const req = AdminRequests.revokePrivileges(role, privileges);
    await this.#admin((c, t) => runAdmin(c, req, t), timeoutMs);
  }

  /** Sets (or clears, with an empty list) a role's client address allowlist. */
  async setWhitelist(role: string, whitelist: readonly string[], timeoutMs = 5000): Promise<void> {
    const req = AdminRequests.setWhitelist(role, whitelist);
    await this.#admin((c, t) => runAdmin(c, req, t), timeoutMs);
  }

  /** Sets a role's read and write quotas (records per second; 0 = none). */
  async setQuotas(role: string, readQuota: number, writeQuota: number, timeoutMs = 5000): Promise<void> {
    const req = AdminRequests.setQuotas(role, readQuota, writeQuota);
    await this.#admin((c, t) => runAdmin(c, req, t), timeoutMs);
  }

  /** One role, or every role when `role` is omitted. */
  async queryRoles(role?: string, timeoutMs = 5000): Promise<RoleInfo[]> {
    const req = AdminRequests.queryRoles(role);
    return parseRoles(await this.#admin((c, t) => queryAdmin(c, req, t), timeoutMs));
  }

  /**
   * Sends info commands to one node and returns name → value: the node named by
   * `options.node` (its node name, or its `host:port` address as listed by `nodes()`),
   * else any active node.
   * @throws ServerError when `throwOnError` is set and a value is an `ERROR:` reply.
   * @throws InvalidArgumentError when `options.node` names no node of the cluster.
   */
  async info(commands: string | readonly string[], options: { readonly timeout?: number; readonly throwOnError?: boolean; readonly node?: string } = {}): Promise<Map<string, string>> {
    this.#exec();
    const list = typeof commands === 'string' ? [commands] : commands;
    const cluster = this.#cluster as Cluster;
    let node: Node;
    if (options.node === undefined) node = cluster.anyNode();
    else {
      const want = options.node;
      const found = cluster.nodes.find((n) => n.active && (n.name === want || n.address === want));
      if (found === undefined) {
        throw new InvalidArgumentError(`info: no node '${want}' in the cluster (nodes: ${cluster.nodes.map((n) => `${n.name} ${n.address}`).join(', ') || 'none'})`);
      }
      node = found;
    }
    const reply = await node.info(list, options.timeout ?? 1000);
    if (options.throwOnError === true) {
      for (const [name, value] of reply) {
        const e = parseInfoError(value);
        if (e !== undefined) throw serverError(e.code, { node: node.address, detail: `info '${name}': ${e.message}` });
      }
    }
    return reply;
  }
}

/** The executor's form of an optional adapter (core's own result when absent). */
function asAdapter<T, R>(adapter: ResultAdapter<T, R> | undefined): ResultAdapter<unknown, R> | null {
  return (adapter ?? null) as ResultAdapter<unknown, R> | null;
}

/** A failure before the command started, through the adapter when there is one. */
function failed<R>(err: unknown, adapter: ResultAdapter<never, R> | undefined): Promise<R> {
  return adapter === undefined ? Promise.reject(err as Error) : adaptFailure(adapter, err as Error);
}

/** A promise of core's result, through the adapter when there is one (transactions). */
function adapted<T, R>(promise: Promise<T>, adapter: ResultAdapter<T, R> | undefined): Promise<R> {
  return adapter === undefined ? (promise as unknown as Promise<R>) : adaptPromise(promise, adapter);
}

function checkKey(key: unknown, what = 'key'): asserts key is Key {
  if (!(key instanceof Key)) throw new InvalidArgumentError(`${what} must be a Key (new Key(namespace, set, userKey)), got ${describeType(key)}`);
}

/**
 * Checks the bins of a put: a plain object of bin name → value (not an array, a Map or a
 * class instance, whose own properties are not bins).
 */
function checkBins(bins: unknown): void {
  if (typeof bins !== 'object' || bins === null || Array.isArray(bins)) throw new InvalidArgumentError(`bins must be a plain object of bin name → value, got ${describeType(bins)}`);
  const proto: unknown = Object.getPrototypeOf(bins);
  if (proto !== Object.prototype && proto !== null) throw new InvalidArgumentError(`bins must be a plain object of bin name → value, got ${describeType(bins)}`);
}

/** Checks a list of bin names to read. */
function checkBinNames(bins: unknown): void {
  if (!Array.isArray(bins)) throw new InvalidArgumentError(`bin names must be an array of strings, got ${describeType(bins)}`);
  for (const b of bins) checkBinName(b);
}

/** Per-record settings of batch reads and of batch writes, deletes and UDF calls. */
const BATCH_READ_OPTIONS = new Set(['filterExpression', 'readModeAP', 'readTouchTtlPercent']);
const BATCH_WRITE_OPTIONS = new Set(['filterExpression', 'exists', 'generationPolicy', 'generation', 'ttl', 'durableDelete', 'commitLevel', 'sendKey']);

/**
 * Checks that the keys are in the transaction's namespace (or, before its first command,
 * in one namespace), leaving the transaction untouched: argument errors come before the
 * edition check.
 * @throws InvalidArgumentError naming both namespaces.
 */
function checkTxnNamespace(txn: Txn, keys: readonly Key[]): void {
  let ns = txn.namespace;
  for (const k of keys) {
    if (ns === null) ns = k.namespace;
    else if (k.namespace !== ns) throw namespaceMismatch(ns, k.namespace);
  }
}

/**
 * Checks a batch record's own policy as a read or write policy of a single command is
 * checked, and that it holds only per-record settings. Policy objects in `checked` were
 * checked already for that kind of record (records often share one).
 * @throws InvalidArgumentError naming the record.
 */
function checkRecordPolicy(i: number, r: BatchRecord, checked: { readonly read: Set<object>; readonly write: Set<object> }): void {
  const policy: unknown = r.policy;
  if (policy === undefined || policy === null) return;
  const read = r.type === 'read';
  const kind = read ? 'read' : 'write';
  if (typeof policy === 'object' && checked[kind].has(policy)) return;
  try {
    if (typeof policy === 'object') {
      const allowed = read ? BATCH_READ_OPTIONS : BATCH_WRITE_OPTIONS;
      const all = read ? DEFAULT_READ_POLICY : DEFAULT_WRITE_POLICY;
      for (const [name, v] of Object.entries(policy)) {
        if (v === undefined || allowed.has(name)) continue;
        if (name in all) throw new InvalidArgumentError(`${kind} policy: '${name}' is not a per-record setting of a batch; set it in the batch policy`);
        throw new InvalidArgumentError(`${kind} policy: unknown option '${name}'`);
      }
    }
    if (read) resolveReadPolicy(DEFAULT_READ_POLICY, policy as ReadPolicy);
    else resolveWritePolicy(DEFAULT_WRITE_POLICY, policy as WritePolicy);
  } catch (err) {
    if (err instanceof InvalidArgumentError) throw new InvalidArgumentError(`batch record ${i}: ${err.message}`);
    throw err;
  }
  checked[kind].add(policy as object);
}

function checkKeys(keys: readonly Key[]): readonly Key[] {
  if (!Array.isArray(keys) || keys.length === 0) throw new InvalidArgumentError('a batch needs a non-empty list of keys');
  for (let i = 0; i < keys.length; i++) if (!(keys[i] instanceof Key)) checkKey(keys[i], `key ${i}`); // the message only when it fails
  return keys;
}

const BATCH_TYPES = new Set(['read', 'write', 'delete', 'udf']);

/** Records a whole batch call (under the first record's namespace) in the latency histogram. */
async function timedBatch(run: Promise<BatchResult[]>, metrics: CommandMetrics, records: readonly BatchRecord[]): Promise<BatchResult[]> {
  const t0 = performance.now();
  const ns = records[0]?.key.namespace ?? '';
  try {
    const results = await run;
    metrics.record(ns, BATCH_OPERATION, (performance.now() - t0) / 1000, false);
    return results;
  } catch (err) {
    metrics.record(ns, BATCH_OPERATION, (performance.now() - t0) / 1000, true);
    throw err;
  }
}
