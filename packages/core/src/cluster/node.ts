import { ClusterError, ParseError } from '../errors/client-errors.js';
import { serverError } from '../errors/server-errors.js';
import { encodeInfoRequest, parseInfoReply } from '../info/info-protocol.js';
import { authenticate, login, type Session } from '../net/auth.js';
import { Connection, type TlsOptions } from '../net/connection.js';
import { ConnectionPool, type PoolOptions, type PoolStats } from '../net/connection-pool.js';
import type { Host } from './host.js';

/** How a node opens and authenticates connections. */
export interface NodeConnectOptions {
  readonly tls?: TlsOptions | undefined;
  readonly connectTimeout: number;
  readonly user?: string | undefined;
  /** bcrypt credential for `user`. */
  readonly credential?: string | undefined;
  readonly loginTimeout: number;
}

/** Facts a node reported when it was validated. */
export interface NodeIdentity {
  readonly name: string;
  readonly build: string;
  readonly edition: string;
  readonly features: ReadonlySet<string>;
  readonly partitionGeneration: number;
}

/** Per-node counters, reset by nothing (monotonic). */
export interface NodeCounters {
  /** Commands that failed on this node with a connection error. */
  connectionErrors: number;
  /** Commands that timed out on this node (client side). */
  timeouts: number;
  /** Commands that failed with a server result code. */
  serverErrors: number;
}

/** A snapshot of one node's state. */
export interface NodeStats {
  readonly name: string;
  readonly address: string;
  readonly active: boolean;
  readonly pool: PoolStats;
  readonly connectionErrors: number;
  readonly timeouts: number;
  readonly serverErrors: number;
  /** Errors counted in the current error-rate window. */
  readonly windowErrors: number;
}

/**
 * One server node: identity, connection pool, a dedicated tend connection, the
 * generations tending compares, and the per-node error window for the circuit breaker.
 */
export class Node {
  readonly host: Host;
  readonly address: string;
  readonly #options: NodeConnectOptions;
  readonly #identity: NodeIdentity;
  #session: Session | null | undefined = undefined; // undefined = not logged in yet
  #tendConn: Connection | null = null;
  readonly pool: ConnectionPool;
  /** Last partition generation read by tending (-1 forces a partition refresh). */
  partitionGeneration = -1;
  /** Last peers generation read by tending (-1 forces a peers refresh). */
  peersGeneration = -1;
  /** Last rebalance generation read by tending (rack-aware clients). */
  rebalanceGeneration = -1;
  /** Consecutive failed tends. */
  failures = 0;
  /** False once the node was removed or reported a different name. */
  active = true;
  /** Number of peers the node reported at its last peers refresh. */
  peerCount = 0;
  /** Rack id per namespace (rack-aware clients). */
  racks: ReadonlyMap<string, number> = new Map();
  /** Errors in the current error-rate window. */
  windowErrors = 0;
  readonly counters: NodeCounters = { connectionErrors: 0, timeouts: 0, serverErrors: 0 };

  constructor(host: Host, identity: NodeIdentity, options: NodeConnectOptions, pool: PoolOptions, session?: Session | null) {
    this.host = host;
    this.address = `${host.host}:${host.port}`;
    this.#identity = identity;
    this.#options = options;
    this.#session = session;
    this.pool = new ConnectionPool(this.address, () => this.openConnection(), pool);
  }

  /** Node name (hex id). */
  get name(): string {
    return this.#identity.name;
  }

  /** What the node reported when validated. */
  get identity(): NodeIdentity {
    return this.#identity;
  }

  /** Whether the node advertised a feature (`features` info). */
  hasFeature(f: string): boolean {
    return this.#identity.features.has(f);
  }

  /** Opens and, when security is configured, authenticates a new connection. */
  async openConnection(): Promise<Connection> {
    const conn = await Connection.open({ host: this.host.host, port: this.host.port, tls: tlsFor(this.host, this.#options.tls), connectTimeout: this.#options.connectTimeout });
    try {
      await authenticateConnection(conn, this.#options, this);
    } catch (err) {
      conn.close();
      throw err;
    }
    return conn;
  }

  /** Session state used by {@link authenticateConnection}. */
  get session(): Session | null | undefined {
    return this.#session;
  }
  set session(s: Session | null | undefined) {
    this.#session = s;
  }

  /**
   * Info commands on the node's dedicated tend connection (opened on demand). A failure
   * closes it; the next call opens a new one.
   */
  async tendInfo(commands: readonly string[], timeout: number): Promise<Map<string, string>> {
    if (this.#tendConn === null || !this.#tendConn.isOpen) this.#tendConn = await this.openConnection();
    const deadline = timeout > 0 ? Date.now() + timeout : 0;
    const frame = await this.#tendConn.request(encodeInfoRequest(commands), timeout, deadline);
    return parseInfoReply(frame);
  }

  /** Info commands on a pooled connection. */
  async info(commands: readonly string[], timeout: number): Promise<Map<string, string>> {
    const deadline = timeout > 0 ? Date.now() + timeout : 0;
    const conn = await this.pool.acquire(deadline);
    try {
      const frame = await conn.request(encodeInfoRequest(commands), timeout, deadline);
      return parseInfoReply(frame);
    } finally {
      this.pool.release(conn);
    }
  }

  /** A snapshot of the node's counters and pool. */
  stats(): NodeStats {
    return {
      name: this.name,
      address: this.address,
      active: this.active,
      pool: this.pool.stats(),
      connectionErrors: this.counters.connectionErrors,
      timeouts: this.counters.timeouts,
      serverErrors: this.counters.serverErrors,
      windowErrors: this.windowErrors
    };
  }

  /**
   * Closes the tend connection and the pool. In-use connections close when released, or
   * at once with `abortInFlight` (client close: their commands fail with ClientClosedError).
   */
  close(abortInFlight = false): void {
    this.active = false;
    this.#tendConn?.close();
    this.#tendConn = null;
    this.pool.close(abortInFlight);
  }
}

function tlsFor(host: Host, tls: TlsOptions | undefined): TlsOptions | undefined {
  if (tls === undefined) return undefined;
  if (host.tlsName !== undefined && tls.tlsName === undefined) return { ...tls, tlsName: host.tlsName };
  return tls;
}

/** Logs in (first connection) or authenticates with the session token (later ones). */
export async function authenticateConnection(conn: Connection, options: NodeConnectOptions, holder: { session: Session | null | undefined }): Promise<void> {
  if (options.user === undefined || options.credential === undefined) return;
  if (holder.session === undefined) {
    holder.session = await login(conn, options.user, options.credential, options.loginTimeout);
    return;
  }
  if (holder.session === null) return; // server has security disabled
  try {
    await authenticate(conn, options.user, holder.session.token, options.loginTimeout);
  } catch (err) {
    // Token expired or revoked: log in again on this connection.
    holder.session = await login(conn, options.user, options.credential, options.loginTimeout);
    if (holder.session === null) throw err;
  }
}

/**
 * Validates a seed or peer: connects, authenticates, and reads `node`,
 * `partition-generation`, `features`, `build`, `edition` (and `cluster-name` when one is
 * expected).
 * @throws ClusterError when the node is not usable, ServerError on login failure.
 */
export async function validateNode(host: Host, options: NodeConnectOptions, clusterName: string | undefined, timeout: number): Promise<{ identity: NodeIdentity; session: Session | null | undefined }> {
  const conn = await Connection.open({ host: host.host, port: host.port, tls: tlsFor(host, options.tls), connectTimeout: options.connectTimeout });
  const holder: { session: Session | null | undefined } = { session: undefined };
  try {
    await authenticateConnection(conn, options, holder);
    const cmds = ['node', 'partition-generation', 'features', 'build', 'edition'];
    if (clusterName !== undefined) cmds.push('cluster-name');
    const deadline = timeout > 0 ? Date.now() + timeout : 0;
    const info = parseInfoReply(await conn.request(encodeInfoRequest(cmds), timeout, deadline));
    const address = `${host.host}:${host.port}`;
    const name = info.get('node');
    if (name === undefined || name === '') throw new ClusterError(`${address} did not report a node name`, { node: address });
    if (/^ERROR/i.test(name)) {
      const m = /^ERROR:(\d+)/.exec(name);
      throw m !== null ? serverError(Number(m[1]), { node: address, detail: name }) : new ClusterError(`${address}: ${name}`, { node: address });
    }
    const genText = info.get('partition-generation') ?? '';
    const gen = Number(genText);
    if (genText === '' || !Number.isInteger(gen)) throw new ParseError(`${address} reported partition-generation ${JSON.stringify(genText)}`, { node: address });
    if (gen === -1) throw new ClusterError(`${address} is not ready yet (partition-generation -1); retry once it has joined the cluster`, { node: address });
    if (clusterName !== undefined && info.get('cluster-name') !== clusterName) {
      throw new ClusterError(`${address} belongs to cluster '${info.get('cluster-name') ?? ''}', expected '${clusterName}'`, { node: address });
    }
    const features = new Set((info.get('features') ?? '').split(';').filter((f) => f !== ''));
    return {
      identity: { name, build: info.get('build') ?? '', edition: info.get('edition') ?? '', features, partitionGeneration: gen },
      session: holder.session
    };
  } finally {
    conn.close();
  }
}
