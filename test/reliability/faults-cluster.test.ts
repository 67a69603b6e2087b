import { Key, type AerospikeClient, type AerospikeError, type WritePolicy } from '@aerospike-ts/core';
import { startEmulator, type Emulator } from '@aerospike-ts/emulator';
import { CommandLog, connectClient, ErrorTally, outcome, poolTotals } from './fault-harness';

// Nodes leaving and joining a 3-node emulated cluster while 16 writers and 4 readers run.
// (The emulator's nodes share one store, so no data is lost by a node going away: any
// write that was acknowledged must be readable afterwards.)

const NS = 'test';
// Generous: the suite may share two CPUs with other test runs (nothing here measures time).
jest.setTimeout(30_000);

/** Load: 16 writers (each key written once) and 4 readers, until `stop()`. */
class Load {
  readonly acked = new Set<number>();
  readonly #ackedList: number[] = [];
  readonly failed = new Map<number, AerospikeError>();
  readonly writeErrors = new ErrorTally();
  readonly readErrors = new ErrorTally();
  reads = 0;
  #next = 0;
  #stopped = false;
  #done: Promise<void>;
  #waiters: Array<{ count: number; resolve: () => void }> = [];

  constructor(client: AerospikeClient, readonly set: string, policy: WritePolicy) {
    const writer = async (): Promise<void> => {
      while (!this.#stopped) {
        const i = this.#next++;
        const r = await outcome(() => client.put(new Key(NS, set, i), { v: i }, policy));
        if (r.ok) this.#ack(i);
        else {
          this.failed.set(i, r.error);
          this.writeErrors.add(r.error);
        }
      }
    };
    const reader = async (): Promise<void> => {
      let j = 0;
      while (!this.#stopped) {
        const i = this.#ackedList[j++ % Math.max(1, this.#ackedList.length)];
        if (i === undefined) {
          await new Promise((r) => setImmediate(r));
          continue;
        }
        const r = await outcome(() => client.get(new Key(NS, set, i), null, { maxRetries: 2, totalTimeout: 10_000 }));
        this.reads++;
        if (!r.ok) this.readErrors.add(r.error);
      }
    };
    this.#done = Promise.all([...Array.from({ length: 16 }, writer), ...Array.from({ length: 4 }, reader)]).then(() => undefined);
  }

  #ack(i: number): void {
    this.acked.add(i);
    this.#ackedList.push(i);
    this.#waiters = this.#waiters.filter((w) => {
      if (this.acked.size < w.count) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves once `n` more writes than now have been acknowledged. */
  more(n: number): Promise<void> {
    const count = this.acked.size + n;
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#done;
  }

  /** Every acked write is readable; a failure that is not in doubt left nothing behind. */
  async verify(client: AerospikeClient): Promise<void> {
    const acked = [...this.acked];
    for (let s = 0; s < acked.length; s += 500) {
      const chunk = acked.slice(s, s + 500);
      const recs = await client.batchGet(chunk.map((i) => new Key(NS, this.set, i)), null, { totalTimeout: 10_000 });
      expect(recs.map((r) => r.record?.bins['v'])).toEqual(chunk);
    }
    for (const [i, e] of this.failed) if (!e.inDoubt) expect(await client.exists(new Key(NS, this.set, i))).toBeNull();
  }

  summary(): string {
    return `${this.acked.size} writes acked, write errors: ${this.writeErrors.toString()}; ${this.reads} reads, read errors: ${this.readErrors.toString()}`;
  }
}

describe('a node killed under load (3-node emulator)', () => {
  let emulator: Emulator;
  let client: AerospikeClient;
  let removed: string[];
  beforeEach(async () => {
    emulator = await startEmulator({ nodes: 3 });
    client = await connectClient(emulator.hosts, { tendInterval: 100 });
    removed = [];
    client.on('nodeRemoved', (e) => removed.push(e.name));
  });
  afterEach(async () => {
    await client?.close();
    await emulator?.stop();
  });

  async function killUnderLoad(policy: WritePolicy): Promise<Load> {
    const load = new Load(client, `kill_${String(policy.maxRetries)}`, policy);
    await load.more(2000);
    const victim = emulator.nodes[1]?.id as string;
    await emulator.killNode(victim);
    await load.more(3000);
    await load.stop();
    expect(removed).toEqual([victim]);
    await load.verify(client);
    expect(poolTotals(client.stats())).toMatchObject({ inUse: 0, waiting: 0 });
    return load;
  }

  it('with retries (maxRetries 2): writers keep going and no error surfaces', async () => {
    const load = await killUnderLoad({ maxRetries: 2, totalTimeout: 10_000 });
    process.stdout.write(`node killed, maxRetries 2: ${load.summary()}\n`);
    expect(load.writeErrors.total).toBe(0);
    expect(load.readErrors.total).toBe(0);
  }, 60_000);

  it('without retries (the write default): errors are bounded by the commands caught on the dead node', async () => {
    const load = await killUnderLoad({ maxRetries: 0, totalTimeout: 10_000 });
    process.stdout.write(`node killed, maxRetries 0: ${load.summary()}\n`);
    // At most a few per writer: those in flight on the node and those routed to it
    // before the next tend removed it.
    expect(load.writeErrors.total).toBeLessThan(16 * 5);
    expect(load.readErrors.total).toBe(0);
  }, 60_000);
});

describe('retries follow the replica sequence', () => {
  it('a command whose master is dead moves on to the partition\'s replica', async () => {
    const emulator = await startEmulator({ nodes: 3 });
    // Tending is slow here so that the partition map still names the dead node.
    const client = await connectClient(emulator.hosts, { tendInterval: 60_000 });
    const log = new CommandLog();
    try {
      const names = emulator.nodes.map((n) => n.id);
      // The emulator places replica r of partition p on node (p + r) % 3.
      const key = Array.from({ length: 100 }, (_, i) => new Key(NS, 'seq', i)).find((k) => k.partitionId % 3 === 1) as Key;
      await client.put(key, { v: 1 });
      expect(log.messages[0]?.node).toBe(names[1]);
      await emulator.killNode(names[1] as string);
      await client.put(key, { v: 2 }, { maxRetries: 2 });
      expect(await client.get(key, null, { maxRetries: 2 })).toMatchObject({ bins: { v: 2 } });
      const [, write, read] = log.messages;
      expect(write).toMatchObject({ isWrite: true, attempts: 2, node: names[2] });
      expect(write?.error).toBeUndefined();
      // The read ran after the failure had requested a tend; either it found the new map
      // or it walked the sequence: never did it surface an error.
      expect(read?.error).toBeUndefined();
    } finally {
      log.stop();
      await client.close();
      await emulator.stop();
    }
  });
});

describe('the partition map changing under load', () => {
  it('nodes added and removed at run time: commands keep succeeding', async () => {
    const emulator = await startEmulator({ nodes: 3 });
    const client = await connectClient(emulator.hosts, { tendInterval: 50 });
    const added: string[] = [];
    const removed: string[] = [];
    client.on('nodeAdded', (e) => added.push(e.name));
    client.on('nodeRemoved', (e) => removed.push(e.name));
    const load = new Load(client, 'map_change', { maxRetries: 2, totalTimeout: 10_000 });
    try {
      await load.more(1000);
      const fourth = await emulator.addNode();
      await load.more(2000);
      expect(added).toContain(fourth);
      await emulator.removeNode(emulator.nodes[0]?.id as string);
      await load.more(2000);
      const fifth = await emulator.addNode();
      await emulator.removeNode(fourth);
      await load.more(2000);
      await load.stop();
      expect(added).toContain(fifth);
      expect(removed).toHaveLength(2);
      expect(client.nodes().map((n) => n.name).sort()).toEqual(emulator.nodes.map((n) => n.id).sort());
      process.stdout.write(`partition map changes: ${load.summary()}\n`);
      expect(load.writeErrors.total).toBe(0);
      expect(load.readErrors.total).toBe(0);
      await load.verify(client);
    } finally {
      await load.stop();
      await client.close();
      await emulator.stop();
    }
  }, 60_000);
});
