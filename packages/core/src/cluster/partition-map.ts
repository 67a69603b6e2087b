import type { NamespaceReplicas } from './partition-parser.js';
import { ownsPartition } from './partition-parser.js';
import { PARTITIONS } from '../wire/constants.js';

/**
 * Something that can own partitions (a node). Kept abstract so the map does not depend
 * on the node class.
 */
export interface PartitionOwner {
  readonly name: string;
}

/** The owners of every partition of one namespace. */
export interface NamespacePartitions<N extends PartitionOwner> {
  /** `owners[r][pid]`: replica `r` (0 = master) of partition `pid`, or undefined when unknown. */
  readonly owners: ReadonlyArray<ReadonlyArray<N | undefined>>;
  /** Strong-consistency regime per partition (all 0 in AP namespaces). */
  readonly regimes: Uint32Array;
  /** True when the namespace runs in strong-consistency mode (a non-zero regime was seen). */
  readonly strongConsistency: boolean;
}

/**
 * An immutable snapshot of partition ownership for every namespace. Tending builds a new
 * snapshot and swaps it in whole; routing a key is two array lookups.
 */
export class PartitionMap<N extends PartitionOwner> {
  readonly #namespaces: ReadonlyMap<string, NamespacePartitions<N>>;

  constructor(namespaces: ReadonlyMap<string, NamespacePartitions<N>> = new Map()) {
    this.#namespaces = namespaces;
  }

  /** The partitions of a namespace, or undefined when no node reported it. */
  namespace(ns: string): NamespacePartitions<N> | undefined {
    return this.#namespaces.get(ns);
  }

  /** Names of the namespaces in the map. */
  get namespaces(): string[] {
    return [...this.#namespaces.keys()];
  }

  /** Replica `r` of partition `pid` in `ns`. */
  owner(ns: string, r: number, pid: number): N | undefined {
    return this.#namespaces.get(ns)?.owners[r]?.[pid];
  }

  /**
   * A new map where `node`'s reported ownership is applied: for each namespace and replica
   * index, every partition whose bit is set is given to `node` (unless a higher SC regime
   * is already recorded). Partitions the node no longer claims keep their owner until the
   * new owner reports.
   */
  withNodeReplicas(node: N, replicas: ReadonlyMap<string, NamespaceReplicas>): PartitionMap<N> {
    const next = new Map(this.#namespaces);
    for (const [ns, rep] of replicas) {
      const prev = next.get(ns);
      const count = rep.bitmaps.length;
      const owners: Array<Array<N | undefined>> = [];
      for (let r = 0; r < Math.max(count, prev?.owners.length ?? 0); r++) {
        const old = prev?.owners[r];
        owners.push(old !== undefined ? old.slice(0, PARTITIONS) : new Array<N | undefined>(PARTITIONS).fill(undefined));
      }
      // A changed replication factor shrinks the table.
      owners.length = count;
      const regimes = prev !== undefined ? new Uint32Array(prev.regimes) : new Uint32Array(PARTITIONS);
      for (let r = 0; r < count; r++) {
        const bm = rep.bitmaps[r] as Buffer;
        const row = owners[r] as Array<N | undefined>;
        for (let pid = 0; pid < PARTITIONS; pid++) {
          if (!ownsPartition(bm, pid)) continue;
          if (rep.regime < (regimes[pid] as number)) continue; // stale update in SC mode
          row[pid] = node;
          if (r === 0) regimes[pid] = rep.regime;
        }
      }
      next.set(ns, { owners, regimes, strongConsistency: (prev?.strongConsistency ?? false) || rep.regime !== 0 });
    }
    return new PartitionMap(next);
  }

  /** A new map with every partition owned by `node` forgotten (node removed). */
  withoutNode(node: N): PartitionMap<N> {
    let changed = false;
    const next = new Map<string, NamespacePartitions<N>>();
    for (const [ns, p] of this.#namespaces) {
      const owners = p.owners.map((row) => {
        if (!row.includes(node)) return row;
        changed = true;
        return row.map((o) => (o === node ? undefined : o));
      });
      next.set(ns, { ...p, owners });
    }
    return changed ? new PartitionMap(next) : this;
  }

  /** How many partitions `node` is master or replica of, over all namespaces. */
  partitionCount(node: N): number {
    let n = 0;
    for (const p of this.#namespaces.values()) for (const row of p.owners) for (const o of row) if (o === node) n++;
    return n;
  }
}
