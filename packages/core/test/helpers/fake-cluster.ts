import { asMsgReply, FakeNode } from './fake-node';
import { partitionIdOf } from '../../src/keys/key';

/** Who owns replica `r` of partition `pid` in a cluster of `n` nodes (by index). */
export type Ownership = (pid: number, r: number, n: number) => number;

/** Default ownership: masters spread round-robin, replicas on the following nodes. */
export const ROUND_ROBIN: Ownership = (pid, r, n) => (pid + r) % n;

function bitmap(owned: (pid: number) => boolean): string {
  const b = Buffer.alloc(512);
  for (let pid = 0; pid < 4096; pid++) if (owned(pid)) b[pid >> 3] = (b[pid >> 3] as number) | (0x80 >> (pid & 7));
  return b.toString('base64');
}

/** The digest carried by an AS_MSG request (field 4), if any. */
export function requestDigest(frame: Buffer): Buffer | undefined {
  const nFields = frame.readUInt16BE(26);
  let off = 30;
  for (let i = 0; i < nFields; i++) {
    const size = frame.readUInt32BE(off);
    if (frame[off + 4] === 4) return frame.subarray(off + 5, off + 4 + size);
    off += 4 + size;
  }
  return undefined;
}

/**
 * Several fake nodes that form a cluster: each answers `peers-clear-std` with the others
 * and `replicas` with its share of the partitions. Ownership can be changed at run time
 * (partition generation bumps so clients re-read it) and nodes can be killed.
 */
export class FakeCluster {
  readonly nodes: FakeNode[];
  readonly names: string[];
  #ownership: Ownership = ROUND_ROBIN;
  #alive: boolean[];
  #generation = 1;
  #peersGeneration = 1;
  readonly replicationFactor: number;
  readonly namespaces: string[];

  private constructor(nodes: FakeNode[], rf: number, namespaces: string[]) {
    this.nodes = nodes;
    this.names = nodes.map((_, i) => `FAKE${i + 1}`);
    this.#alive = nodes.map(() => true);
    this.replicationFactor = rf;
    this.namespaces = namespaces;
    nodes.forEach((n, i) => {
      n.handler = () => asMsgReply({});
      n.info['node'] = this.names[i] as string;
    });
    this.#publish();
  }

  static async start(size: number, rf = 2, namespaces = ['test']): Promise<FakeCluster> {
    const nodes = await Promise.all(Array.from({ length: size }, () => FakeNode.start()));
    return new FakeCluster(nodes, rf, namespaces);
  }

  /** Seed string for the first node only: the client must discover the others. */
  get seed(): string {
    return (this.nodes[0] as FakeNode).hosts;
  }

  /** Index of the node owning replica `r` of `pid`, among the live nodes. */
  ownerIndex(pid: number, r = 0): number {
    const live = this.#liveIndexes();
    return live[this.#ownership(pid, r, live.length)] as number;
  }

  /** Index of the node that should receive a command for `digest` (its master). */
  masterOf(digest: Buffer): number {
    return this.ownerIndex(partitionIdOf(digest), 0);
  }

  /** Changes who owns what; nodes report the new map with a higher partition generation. */
  setOwnership(o: Ownership): void {
    this.#ownership = o;
    this.#generation++;
    this.#publish();
  }

  /** Stops a node; the survivors take over its partitions and stop listing it as a peer. */
  async kill(index: number): Promise<void> {
    this.#alive[index] = false;
    this.#generation++;
    this.#peersGeneration++;
    this.#publish();
    await (this.nodes[index] as FakeNode).stop();
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n, i) => (this.#alive[i] ? n.stop() : Promise.resolve())));
  }

  #liveIndexes(): number[] {
    return this.nodes.map((_, i) => i).filter((i) => this.#alive[i]);
  }

  #publish(): void {
    const live = this.#liveIndexes();
    for (const i of live) {
      const n = this.nodes[i] as FakeNode;
      const peers = live.filter((j) => j !== i).map((j) => `[${this.names[j]},,[127.0.0.1:${(this.nodes[j] as FakeNode).port}]]`);
      n.info['peers-generation'] = String(this.#peersGeneration);
      n.info['peers-clear-std'] = `${this.#peersGeneration},3000,[${peers.join(',')}]`;
      n.info['partition-generation'] = String(this.#generation);
      const rf = Math.min(this.replicationFactor, live.length);
      const rows: string[] = [];
      for (let r = 0; r < rf; r++) rows.push(bitmap((pid) => live[this.#ownership(pid, r, live.length)] === i));
      n.info['replicas'] = this.namespaces.map((ns) => `${ns}:0,${rf},${rows.join(',')}`).join(';');
    }
  }
}
