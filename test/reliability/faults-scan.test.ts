import { type AerospikeClient, Key, type QueryRecord } from '@aerospike-ts/core';
import { startEmulator, type Emulator } from '@aerospike-ts/emulator';
import { connectClient, poolTotals } from './fault-harness';

// A node that fails in the middle of a scan: the scan resumes that node's unfinished
// partitions after the last record it delivered (on the same or the next replica) and
// returns every record exactly once.

const NS = 'test';
// Generous: the suite may share two CPUs with other test runs (nothing here measures time).
jest.setTimeout(30_000);
const SET = 'scan_faults';
// Big enough records that a node's reply (~6 MB) does not fit in the loopback socket buffers.
const RECORDS = 3000;
const PAD = 'x'.repeat(6000);

describe('a node failing during a scan (3-node emulator)', () => {
  let emulator: Emulator;
  let client: AerospikeClient;
  beforeEach(async () => {
    emulator = await startEmulator({ nodes: 3 });
    client = await connectClient(emulator.hosts);
    const keys = Array.from({ length: RECORDS }, (_, i) => new Key(NS, SET, i));
    // Loaded 100 at a time with a long deadline: on a loaded machine, 500 queued puts could
    // outwait the default 1 s deadline for a free connection (NoMoreConnectionsError).
    for (let i = 0; i < keys.length; i += 100) await Promise.all(keys.slice(i, i + 100).map((k, j) => client.put(k, { i: i + j, pad: PAD }, { totalTimeout: 20_000 })));
  });
  afterEach(async () => {
    await client?.close();
    await emulator?.stop();
  });

  /** Checks that `records` holds every record of the set exactly once. */
  function expectExactlyOnce(records: readonly QueryRecord[]): void {
    const digests = new Set(records.map((r) => r.key.digest.toString('hex')));
    expect(digests.size).toBe(records.length);
    expect(records.length).toBe(RECORDS);
    expect(new Set(records.map((r) => r.bins['i'])).size).toBe(RECORDS);
  }

  /** Scan requests the nodes received (one per node per round): over 3 means partitions were sent again. */
  function scanRequests(): number {
    return emulator.jobs.show(undefined).split(';').filter((l) => l !== '').length;
  }

  it('a reply cut off after some records (connection then closed): resumed, exactly once', async () => {
    const victim = emulator.nodes[1]?.id as string;
    // Cut the node's reply after some 30 records.
    emulator.faults.add({ match: { kind: 'scan', node: victim }, action: { type: 'truncate', bytes: 200_000 }, times: 1 });
    const records = await client.scan(NS, SET).toArray();
    expectExactlyOnce(records);
    expect(scanRequests()).toBe(4);
    expect(emulator.faults.match({ node: victim, kind: 'scan', namespace: NS, set: SET, info: '' })).toBeUndefined(); // the fault fired
  });

  it('the connection closed before any record: the partitions are sent again', async () => {
    const victim = emulator.nodes[0]?.id as string;
    emulator.faults.add({ match: { kind: 'scan', node: victim }, action: { type: 'close' }, times: 1 });
    expectExactlyOnce(await client.scan(NS, SET).toArray());
    expect(scanRequests()).toBe(4);
  });

  it('a node restarted while the scan is paused mid-stream: resumed, exactly once', async () => {
    const victim = emulator.nodes[2]?.id as string;
    const records: QueryRecord[] = [];
    // A small queue: every node's socket is paused with most of its reply unread.
    for await (const r of client.scan(NS, SET, { recordQueueSize: 20 })) {
      records.push(r);
      if (records.length === 100) await emulator.restartNode(victim);
    }
    expectExactlyOnce(records);
    expect(scanRequests()).toBeGreaterThan(3);
    expect(emulator.nodes.map((n) => n.id)).toContain(victim);
  });

  it('a node killed while the scan is paused mid-stream: its partitions finish on the replicas, exactly once', async () => {
    const victim = emulator.nodes[0]?.id as string;
    const records: QueryRecord[] = [];
    for await (const r of client.scan(NS, SET, { recordQueueSize: 20 })) {
      records.push(r);
      if (records.length === 100) await emulator.killNode(victim);
    }
    expectExactlyOnce(records);
    expect(scanRequests()).toBeGreaterThan(3);
  });

  it('leaves no connection in use afterwards', async () => {
    emulator.faults.add({ match: { kind: 'scan' }, action: { type: 'truncate', bytes: 50_000 }, times: 3 });
    expectExactlyOnce(await client.scan(NS, SET).toArray());
    expect(poolTotals(client.stats())).toMatchObject({ inUse: 0, waiting: 0 });
  });
});
