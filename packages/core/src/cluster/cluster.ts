import { AerospikeError } from '../errors/aerospike-error.js';
import { ClientClosedError, ClusterError } from '../errors/client-errors.js';
import type { Key } from '../keys/key.js';
import type { PoolOptions } from '../net/connection-pool.js';
import type { Host } from './host.js';
import { Node, validateNode, type NodeConnectOptions } from './node.js';

/** Settings the cluster needs. */
export interface ClusterOptions {
  readonly seeds: readonly Host[];
  readonly node: NodeConnectOptions;
  readonly pool: PoolOptions;
  readonly clusterName?: string | undefined;
  /** Time allowed for validating one seed (ms). */
  readonly infoTimeout: number;
}

/**
 * The nodes the client talks to and the choice of node per command.
 *
 * This version validates the seeds and routes every command to the first usable node;
 * peer discovery, partition maps and replica routing plug in behind {@link Cluster.nodeFor}.
 */
export class Cluster {
  /** The settings the cluster was built with. */
  readonly options: ClusterOptions;
  #nodes: readonly Node[] = [];
  #closed = false;

  private constructor(options: ClusterOptions) {
    this.options = options;
  }

  /**
   * Validates seeds until one answers and returns the cluster.
   * @throws ClusterError naming every seed's failure when none is usable.
   */
  static async connect(options: ClusterOptions): Promise<Cluster> {
    const cluster = new Cluster(options);
    const failures: string[] = [];
    let lastError: unknown;
    for (const seed of options.seeds) {
      try {
        const { identity, session } = await validateNode(seed, options.node, options.clusterName, options.infoTimeout);
        const node = new Node(seed, identity, options.node, options.pool);
        node.session = session;
        cluster.#nodes = [node];
        return cluster;
      } catch (err) {
        lastError = err;
        failures.push(`${seed.host}:${seed.port}: ${(err as Error).message}`);
        // A server that rejects our credentials will not accept them on another seed either.
        if (err instanceof AerospikeError && err.resultCode > 0) throw err;
      }
    }
    throw new ClusterError(`no seed host could be used (${failures.join('; ')}); check the hosts and that the server is running`, { cause: lastError });
  }

  /** Active nodes. */
  get nodes(): readonly Node[] {
    return this.#nodes;
  }

  /** False after close(). */
  get isOpen(): boolean {
    return !this.#closed;
  }

  /**
   * The node a command on `key` goes to on attempt `attempt` (0 = first try).
   * @throws ClientClosedError after close, ClusterError when no node is available.
   */
  nodeFor(_key: Key, _isWrite: boolean, _attempt: number): Node {
    return this.anyNode();
  }

  /** Some active node (info commands, truncate). */
  anyNode(): Node {
    if (this.#closed) throw new ClientClosedError();
    const n = this.#nodes[0];
    if (n === undefined) throw new ClusterError('no node is available; the cluster is empty');
    return n;
  }

  /** Closes every node's pool. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const n of this.#nodes) n.close();
  }
}
