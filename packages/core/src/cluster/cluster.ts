import { EventEmitter } from 'node:events';
import { clearTimeout, setTimeout } from 'node:timers';
import { AerospikeError } from '../errors/aerospike-error.js';
import { ClientClosedError, ClusterError } from '../errors/client-errors.js';
import { ResultCode } from '../errors/result-code.js';
import { serverError } from '../errors/server-errors.js';
import type { Key } from '../keys/key.js';
import type { PoolOptions } from '../net/connection-pool.js';
import { Replica, ReadModeSC } from '../policy/constants.js';
import type { Host } from './host.js';
import { Node, validateNode, type NodeConnectOptions } from './node.js';
import { PartitionMap } from './partition-map.js';
import { parseReplicas } from './partition-parser.js';
import { parsePeers } from './peers-parser.js';

/** Settings the cluster needs. */
export interface ClusterOptions {
  readonly seeds: readonly Host[];
  readonly node: NodeConnectOptions;
  readonly pool: PoolOptions;
  readonly clusterName?: string | undefined;
  /** Time allowed for one info exchange (validation, tend) in ms. */
  readonly infoTimeout: number;
  /** Milliseconds between tends. Default 1000. */
  readonly tendInterval: number;
  /** Use `peers-*-alt` (alternate addresses) instead of `peers-*-std`. */
  readonly useServicesAlternate: boolean;
  /** Rack ids this client prefers, in order (PREFER_RACK). Empty = not rack aware. */
  readonly rackIds: readonly number[];
  /** Errors per node per window before commands to it fail fast; 0 = off. Default 100. */
  readonly maxErrorRate: number;
  /** Tends per error-rate window. Default 1. */
  readonly errorRateWindow: number;
}

/** Why a node left the cluster view. */
export type NodeRemovedReason = 'unreachable' | 'renamed' | 'not-in-peers' | 'closed';

/** Events the cluster emits. */
export interface ClusterEvents {
  nodeAdded: [{ name: string; address: string }];
  nodeRemoved: [{ name: string; address: string; reason: NodeRemovedReason }];
  partitionMapUpdated: [{ node: string; namespaces: string[] }];
  tendError: [{ node: string; error: Error }];
  tendComplete: [{ count: number; nodes: number }];
  /** A pooled connection to `address` was opened. */
  connectionOpened: [{ address: string }];
  /** A pooled connection to `address` was closed (failure, idle reaping, node removal or close()). */
  connectionClosed: [{ address: string }];
  /** A single-record command failed for good (after its retries); `error` is what it threw. */
  commandFailed: [{ node: string | undefined; namespace: string; isWrite: boolean; attempts: number; error: Error }];
}

/** What routing needs from a command's policy. */
export interface RoutePolicy {
  readonly replica: Replica;
  readonly readModeSC: ReadModeSC;
}

const MAX_TEND_FAILURES = 5;

/**
 * The client's view of the cluster: the nodes, the partition map, and the tend loop that
 * keeps both current. Tending runs every `tendInterval` ms on an unref'd timer chain (it
 * never keeps the process alive and passes never overlap); `requestTend()` coalesces any
 * number of concurrent "map may be stale" signals into one pass.
 */
export class Cluster extends EventEmitter<ClusterEvents> {
  /** The settings the cluster was built with. */
  readonly options: ClusterOptions;
  #nodes: readonly Node[] = [];
  #map = new PartitionMap<Node>();
  #closed = false;
  #tending: Promise<void> | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #tendCount = 0;
  #rr = 0;

  private constructor(options: ClusterOptions) {
    super();
    const onConnection = (event: 'opened' | 'closed', address: string): void => {
      if (event === 'opened') this.emit('connectionOpened', { address });
      else this.emit('connectionClosed', { address });
    };
    this.options = { ...options, pool: { ...options.pool, onConnection } };
  }

  /**
   * Validates the seeds, discovers the peers and reads the partition map, then starts
   * tending.
   * @throws ClusterError naming every seed's failure when none is usable.
   */
  static async connect(options: ClusterOptions): Promise<Cluster> {
    const cluster = new Cluster(options);
    await cluster.#seed();
    await cluster.requestTend();
    cluster.#schedule();
    return cluster;
  }

  async #seed(): Promise<void> {
    const o = this.options;
    const failures: string[] = [];
    let lastError: unknown;
    const results = await Promise.allSettled(o.seeds.map((seed) => validateNode(seed, o.node, o.clusterName, o.infoTimeout)));
    const nodes: Node[] = [];
    for (let i = 0; i < results.length; i++) {
      const r = results[i] as PromiseSettledResult<Awaited<ReturnType<typeof validateNode>>>;
      const seed = o.seeds[i] as Host;
      if (r.status === 'fulfilled') {
        if (!nodes.some((n) => n.name === r.value.identity.name)) nodes.push(new Node(seed, r.value.identity, o.node, o.pool, r.value.session));
      } else {
        lastError = r.reason;
        // A server that refuses our credentials refuses them on every seed.
        if (r.reason instanceof AerospikeError && r.reason.resultCode > 0) throw r.reason;
        failures.push(`${seed.host}:${seed.port}: ${(r.reason as Error).message}`);
      }
    }
    if (nodes.length === 0) {
      throw new ClusterError(`no seed host could be used (${failures.join('; ')}); check the hosts and that the server is running`, { cause: lastError });
    }
    this.#nodes = nodes.length > 1 ? await this.#dropIsolatedSeeds(nodes) : nodes;
    for (const n of this.#nodes) this.emit('nodeAdded', { name: n.name, address: n.address });
  }

  /**
   * When several seeds answer but some of them report no peers while others do, the
   * peerless ones are isolated from the cluster the rest agree on (a node split off, or
   * a stray single-node server on a listed address): they are closed and left out.
   * When every seed is peerless, they are all kept (a set of single-node clusters is
   * still better than nothing, and tending sorts out a cluster still forming).
   */
  async #dropIsolatedSeeds(nodes: readonly Node[]): Promise<Node[]> {
    const cmd = this.#peersCommand();
    const counts = await Promise.all(
      nodes.map(async (n) => {
        try {
          const count = parsePeers((await n.tendInfo([cmd], this.options.infoTimeout)).get(cmd) ?? '').peers.length;
          n.peerCount = count;
          return count;
        } catch {
          return -1; // unknown: keep it, tending decides
        }
      })
    );
    if (!counts.some((c) => c > 0)) return [...nodes];
    const keep: Node[] = [];
    nodes.forEach((n, i) => {
      if (counts[i] === 0) n.close();
      else keep.push(n);
    });
    return keep;
  }

  #peersCommand(): string {
    const o = this.options;
    return `peers-${o.node.tls !== undefined ? 'tls' : 'clear'}-${o.useServicesAlternate ? 'alt' : 'std'}`;
  }

  /** Active nodes. */
  get nodes(): readonly Node[] {
    return this.#nodes;
  }

  /** The current partition map snapshot. */
  get partitionMap(): PartitionMap<Node> {
    return this.#map;
  }

  /** False after close(). */
  get isOpen(): boolean {
    return !this.#closed;
  }

  /** Number of completed tends. */
  get tendCount(): number {
    return this.#tendCount;
  }

  /** Runs a tend now, or joins the one in progress. */
  requestTend(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#tending ??= this.#tend().finally(() => {
      this.#tending = null;
    });
    return this.#tending;
  }

  #schedule(): void {
    if (this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.requestTend().then(
        () => this.#schedule(),
        () => this.#schedule()
      );
    }, this.options.tendInterval);
    this.#timer.unref();
  }

  async #tend(): Promise<void> {
    const o = this.options;
    if (this.#nodes.length === 0) await this.#reseed();
    const nodes = this.#nodes;
    const rackAware = o.rackIds.length > 0;
    const commands = ['node', 'peers-generation', 'partition-generation'];
    if (rackAware) commands.push('rebalance-generation');
    let peersChanged = false;
    const partitionsChanged: Node[] = [];
    const racksChanged: Node[] = [];
    await Promise.all(
      nodes.map(async (n) => {
        try {
          const info = await n.tendInfo(commands, o.infoTimeout);
          if (info.get('node') !== n.name) {
            n.active = false; // the address now answers as another node
            return;
          }
          n.failures = 0;
          const peersGen = Number(info.get('peers-generation'));
          if (peersGen !== n.peersGeneration) {
            peersChanged = true;
            n.peersGeneration = peersGen;
          }
          const partGen = Number(info.get('partition-generation'));
          if (partGen !== n.partitionGeneration && partGen !== -1) partitionsChanged.push(n);
          if (rackAware) {
            const rebalance = Number(info.get('rebalance-generation'));
            if (rebalance !== n.rebalanceGeneration) racksChanged.push(n);
          }
        } catch (err) {
          n.failures++;
          this.emit('tendError', { node: n.name, error: err as Error });
        }
      })
    );
    const peers = peersChanged || this.#tendCount === 0 ? await this.#refreshPeers(nodes) : null;
    await Promise.all(partitionsChanged.map((n) => this.#refreshPartitions(n)));
    await Promise.all(racksChanged.map((n) => this.#refreshRacks(n)));
    this.#removeDeadNodes(peers);
    this.#tendCount++;
    if (this.#tendCount % Math.max(1, o.errorRateWindow) === 0) for (const n of this.#nodes) n.windowErrors = 0;
    for (const n of this.#nodes) {
      n.pool.reap();
      n.pool.fill();
    }
    this.emit('tendComplete', { count: this.#tendCount, nodes: this.#nodes.length });
  }

  /** Reads every node's peers and adds the ones not known yet. Returns the names referenced. */
  async #refreshPeers(nodes: readonly Node[]): Promise<Set<string>> {
    const o = this.options;
    const cmd = this.#peersCommand();
    const referenced = new Set<string>();
    const candidates = new Map<string, Host>();
    await Promise.all(
      nodes.map(async (n) => {
        try {
          const reply = parsePeers((await n.tendInfo([cmd], o.infoTimeout)).get(cmd) ?? '');
          n.peerCount = reply.peers.length;
          for (const p of reply.peers) {
            referenced.add(p.nodeName);
            const host = p.hosts[0];
            if (host !== undefined && !candidates.has(p.nodeName)) candidates.set(p.nodeName, p.tlsName === undefined ? host : { ...host, tlsName: p.tlsName });
          }
        } catch (err) {
          n.failures++;
          this.emit('tendError', { node: n.name, error: err as Error });
        }
      })
    );
    const known = new Set(this.#nodes.map((n) => n.name));
    const added: Node[] = [];
    await Promise.all(
      [...candidates].filter(([name]) => !known.has(name)).map(async ([name, host]) => {
        try {
          const v = await validateNode(host, o.node, o.clusterName, o.infoTimeout);
          if (v.identity.name !== name) return;
          added.push(new Node(host, v.identity, o.node, o.pool, v.session));
        } catch (err) {
          this.emit('tendError', { node: name, error: err as Error });
        }
      })
    );
    if (added.length > 0) {
      this.#nodes = [...this.#nodes, ...added];
      for (const n of added) {
        this.emit('nodeAdded', { name: n.name, address: n.address });
        await this.#refreshPartitions(n);
        if (o.rackIds.length > 0) await this.#refreshRacks(n);
      }
    }
    return referenced;
  }

  async #refreshPartitions(n: Node): Promise<void> {
    try {
      const info = await n.tendInfo(['partition-generation', 'replicas'], this.options.infoTimeout);
      const gen = Number(info.get('partition-generation'));
      const replicas = parseReplicas(info.get('replicas') ?? '');
      this.#map = this.#map.withNodeReplicas(n, replicas);
      n.partitionGeneration = gen;
      this.emit('partitionMapUpdated', { node: n.name, namespaces: [...replicas.keys()] });
    } catch (err) {
      n.failures++;
      this.emit('tendError', { node: n.name, error: err as Error });
    }
  }

  async #refreshRacks(n: Node): Promise<void> {
    try {
      const info = await n.tendInfo(['rebalance-generation', 'rack-ids'], this.options.infoTimeout);
      const racks = new Map<string, number>();
      for (const part of (info.get('rack-ids') ?? '').split(';')) {
        const [ns, id] = part.split(':');
        if (ns !== undefined && ns !== '' && id !== undefined) racks.set(ns, Number(id));
      }
      n.racks = racks;
      n.rebalanceGeneration = Number(info.get('rebalance-generation'));
    } catch (err) {
      this.emit('tendError', { node: n.name, error: err as Error });
    }
  }

  #removeDeadNodes(referenced: Set<string> | null): void {
    const keep: Node[] = [];
    for (const n of this.#nodes) {
      let reason: NodeRemovedReason | null = null;
      if (!n.active) reason = 'renamed';
      else if (n.failures >= MAX_TEND_FAILURES) reason = 'unreachable';
      else if (referenced !== null && this.#nodes.length > 1 && !referenced.has(n.name) && (n.failures > 0 || this.#map.partitionCount(n) === 0)) {
        reason = 'not-in-peers';
      }
      if (reason === null) {
        keep.push(n);
        continue;
      }
      n.close();
      this.#map = this.#map.withoutNode(n);
      this.emit('nodeRemoved', { name: n.name, address: n.address, reason });
    }
    if (keep.length !== this.#nodes.length) this.#nodes = keep;
  }

  /** With every node gone, validates the seeds again. */
  async #reseed(): Promise<void> {
    try {
      await this.#seed();
    } catch (err) {
      this.emit('tendError', { node: 'seeds', error: err as Error });
    }
  }

  /**
   * The node a command on `key` goes to.
   * @param sequence how far along the replica sequence this attempt is (0 = first choice)
   * @throws ClientClosedError after close; InvalidNamespaceError for a namespace no node
   *   reported; ClusterError when no active node owns the partition.
   */
  nodeFor(key: Key, isWrite: boolean, policy: RoutePolicy, sequence: number): Node {
    return this.nodeForPartition(key.namespace, key.partitionId, isWrite, policy, sequence);
  }

  /** The node for partition `pid` of `ns` (see {@link nodeFor}). */
  nodeForPartition(ns: string, pid: number, isWrite: boolean, policy: RoutePolicy, sequence: number): Node {
    if (this.#closed) throw new ClientClosedError();
    const p = this.#map.namespace(ns);
    if (p === undefined) {
      if (this.#map.namespaces.length === 0) throw new ClusterError('the partition map is empty; the cluster is not ready', { resultCode: ResultCode.PARTITION_UNAVAILABLE });
      throw serverError(ResultCode.INVALID_NAMESPACE, { detail: `namespace '${ns}' is not in the partition map (known: ${this.#map.namespaces.join(', ')})` });
    }
    const count = p.owners.length;
    let replica: number = policy.replica;
    if (isWrite) replica = replica === Replica.MASTER ? Replica.MASTER : Replica.SEQUENCE;
    else if (p.strongConsistency) {
      if (policy.readModeSC === ReadModeSC.SESSION) replica = Replica.MASTER;
      else if (policy.readModeSC === ReadModeSC.LINEARIZE && replica === Replica.PREFER_RACK) replica = Replica.SEQUENCE;
    }
    let start = 0;
    switch (replica) {
      case Replica.MASTER: {
        const n = p.owners[0]?.[pid];
        if (n !== undefined && n.active) return n;
        break;
      }
      case Replica.RANDOM: {
        const active = this.#nodes.filter((n) => n.active);
        if (active.length > 0) return active[(this.#rr++ & 0x7fffffff) % active.length] as Node;
        break;
      }
      case Replica.PREFER_RACK: {
        const n = this.#rackNode(ns, p.owners, pid, sequence);
        if (n !== undefined) return n;
        start = sequence;
        break;
      }
      case Replica.MASTER_PROLES:
        start = this.#rr++ & 0x7fffffff;
        break;
      default:
        start = sequence;
    }
    if (replica !== Replica.MASTER) {
      for (let i = 0; i < count; i++) {
        const n = p.owners[(start + i) % count]?.[pid];
        if (n !== undefined && n.active) return n;
      }
    }
    void this.requestTend();
    throw new ClusterError(`no active node owns partition ${pid} of namespace '${ns}' (cluster re-forming?)`, { resultCode: ResultCode.PARTITION_UNAVAILABLE });
  }

  #rackNode(ns: string, owners: ReadonlyArray<ReadonlyArray<Node | undefined>>, pid: number, sequence: number): Node | undefined {
    const count = owners.length;
    for (const rack of this.options.rackIds) {
      for (let i = 0; i < count; i++) {
        const n = owners[(sequence + i) % count]?.[pid];
        if (n !== undefined && n.active && n.racks.get(ns) === rack) return n;
      }
    }
    return undefined;
  }

  /** Some active node (info commands, truncate). */
  anyNode(): Node {
    if (this.#closed) throw new ClientClosedError();
    const active = this.#nodes.filter((n) => n.active);
    const n = active[(this.#rr++ & 0x7fffffff) % Math.max(1, active.length)];
    if (n === undefined) throw new ClusterError('no node is available; the cluster is empty');
    return n;
  }

  /** Finds a node by name. */
  nodeByName(name: string): Node | undefined {
    return this.#nodes.find((n) => n.name === name);
  }

  /** Stops tending and closes every node; commands still in flight fail with ClientClosedError. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    for (const n of this.#nodes) {
      n.close(true);
      this.emit('nodeRemoved', { name: n.name, address: n.address, reason: 'closed' });
    }
  }
}
