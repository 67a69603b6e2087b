import { realClock, type Clock } from '../model/clock.js';
import { NamespaceStore } from '../model/store.js';
import { PARTITIONS } from '../protocol/constants.js';
import { FaultInjector } from './faults.js';
import { JobLog } from './job-log.js';
import type { InfoContext } from './info.js';
import { NodeServer, type NodeHost } from './node-server.js';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Number of nodes (default 1). */
  readonly nodes?: number;
  /** Port of the first node; further nodes take the following ports. 0 (default) = ephemeral ports. */
  readonly port?: number;
  /** Namespaces (default `['test', 'bar']`). */
  readonly namespaces?: readonly string[];
  /** Time source for TTL expiry (default: the wall clock); pass a `VirtualClock` to move time by hand. */
  readonly clock?: Clock;
  /** Cluster name reported by `cluster-name` (default `emulator`). */
  readonly clusterName?: string;
  /** Namespace default-ttl in seconds (default 0: records never expire). */
  readonly defaultTtl?: number;
}

/** A running emulated cluster. */
export class Emulator implements NodeHost {
  readonly namespaces: ReadonlyMap<string, NamespaceStore>;
  /** Fault rules applied to every node. */
  readonly faults = new FaultInjector();
  /** Recent scan/query jobs of the cluster (`query-show`). */
  readonly jobs = new JobLog();
  readonly clock: Clock;
  readonly #clusterName: string;
  readonly #nodes: NodeServer[] = [];
  #nextId = 1;
  #nextPort: number;
  #generation = 1;

  private constructor(options: EmulatorOptions) {
    this.clock = options.clock ?? realClock;
    this.#clusterName = options.clusterName ?? 'emulator';
    this.#nextPort = options.port ?? 0;
    this.namespaces = new Map((options.namespaces ?? ['test', 'bar']).map((n) => [n, new NamespaceStore(n, this.clock, options.defaultTtl ?? 0)]));
  }

  /** Starts an emulator with `options.nodes` nodes. */
  static async start(options: EmulatorOptions = {}): Promise<Emulator> {
    const e = new Emulator(options);
    const count = options.nodes ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`nodes must be a positive integer, got ${String(count)}`);
    try {
      for (let i = 0; i < count; i++) await e.#startNode();
    } catch (err) {
      await e.stop();
      throw err;
    }
    e.#generation = 1;
    return e;
  }

  /** Seed list of every live node: `127.0.0.1:PORT,…`. */
  get hosts(): string {
    return this.#nodes.map((n) => `127.0.0.1:${n.port}`).join(',');
  }

  /** Live nodes: name (node id) and port. */
  get nodes(): ReadonlyArray<{ readonly id: string; readonly port: number }> {
    return this.#nodes.map((n) => ({ id: n.name, port: n.port }));
  }

  /** Adds a node at run time; partitions are rebalanced. @returns the new node's id. */
  async addNode(): Promise<string> {
    const n = await this.#startNode();
    return n.name;
  }

  /** Removes a node (graceful leave or kill: its connections drop); partitions are rebalanced. */
  async removeNode(id: string): Promise<void> {
    const i = this.#nodes.findIndex((n) => n.name === id);
    if (i < 0) throw new RangeError(`no live node '${id}'`);
    const [node] = this.#nodes.splice(i, 1);
    this.#generation++;
    await node?.stop();
  }

  /** Kills a node: same as {@link removeNode} (the data lives on through replication). */
  async killNode(id: string): Promise<void> {
    await this.removeNode(id);
  }

  /**
   * Restarts a node: it stops (its connections drop and it leaves the partition map), then
   * listens again on the same port under the same id and takes back the same partitions.
   */
  async restartNode(id: string): Promise<void> {
    const i = this.#nodes.findIndex((n) => n.name === id);
    const old = this.#nodes[i];
    if (old === undefined) throw new RangeError(`no live node '${id}'`);
    this.#nodes.splice(i, 1);
    this.#generation++;
    await old.stop();
    const node = new NodeServer(old.name, this);
    await node.start(old.port);
    this.#nodes.splice(Math.min(i, this.#nodes.length), 0, node);
    this.#generation++;
  }

  /** Stops every node. */
  async stop(): Promise<void> {
    const nodes = this.#nodes.splice(0);
    await Promise.all(nodes.map((n) => n.stop()));
  }

  async #startNode(): Promise<NodeServer> {
    const id = this.#nextId++;
    const node = new NodeServer(`BB9${id.toString(16).toUpperCase().padStart(12, '0')}`, this);
    await node.start(this.#nextPort);
    if (this.#nextPort !== 0) this.#nextPort = node.port + 1;
    this.#nodes.push(node);
    this.#generation++;
    return node;
  }

  /** Index of the node that holds replica `r` (0 = master) of a partition. */
  #holder(pid: number, r: number): number {
    return (pid + r) % this.#nodes.length;
  }

  /** True when the node is master of the partition. */
  ownsMaster(node: NodeServer, pid: number): boolean {
    return this.#nodes[this.#holder(pid, 0)] === node;
  }

  /** Info view for one node. */
  infoContext(node: NodeServer): InfoContext {
    const index = this.#nodes.indexOf(node);
    const count = Math.min(2, this.#nodes.length);
    const generation = this.#generation;
    return {
      nodeName: node.name,
      port: node.port,
      clusterName: this.#clusterName,
      partitionGeneration: generation,
      peersGeneration: generation,
      rebalanceGeneration: generation,
      peers: this.#nodes.filter((n) => n !== node).map((n) => ({ name: n.name, port: n.port })),
      namespaces: this.namespaces,
      clusterSize: this.#nodes.length,
      nowNs: () => BigInt(this.clock.nowMs()) * 1_000_000n,
      jobs: this.jobs,
      replicas: () => {
        const owned: boolean[][] = [];
        for (let r = 0; r < count; r++) {
          const row = new Array<boolean>(PARTITIONS);
          for (let pid = 0; pid < PARTITIONS; pid++) row[pid] = this.#holder(pid, r) === index;
          owned.push(row);
        }
        return { count, owned };
      }
    };
  }
}

/**
 * Starts an in-process Aerospike-compatible server for tests and local development
 * (never for production).
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return Emulator.start(options);
}
