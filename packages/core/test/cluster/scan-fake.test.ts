import { AerospikeClient } from '../../src/client';
import { Key } from '../../src/keys/key';
import { PartitionFilter } from '../../src/command/partition-filter';
import { asMsgReply, frameOf, scanRecord, scanRequest, type FakeNode } from '../helpers/fake-node';
import { FakeCluster } from '../helpers/fake-cluster';

const N = 400;
const records = Array.from({ length: N }, (_, i) => ({ i, key: new Key('test', 'scan', i) }))
  .map((r) => ({ ...r, hex: r.key.digest.toString('hex') }))
  .sort((a, b) => (a.hex < b.hex ? -1 : 1));

describe('scan engine against a fake cluster', () => {
  let fc: FakeCluster;
  let client: AerospikeClient;

  beforeEach(async () => {
    fc = await FakeCluster.start(3, 2);
    client = new AerospikeClient({ hosts: fc.seed, tendInterval: 20 });
    await client.connect();
  });
  afterEach(async () => {
    await client.close({ graceMs: 0 });
    await fc.stop();
  });

  /**
   * Every node serves the records of the partitions it is asked for, in digest order,
   * resuming after a digest when asked; `breakAfter` makes a node drop the connection
   * after sending that many records (once).
   */
  function serve(breakAfter: Map<number, number> = new Map()): void {
    fc.nodes.forEach((n: FakeNode, i) => {
      n.handler = (frame, { socket }) => {
        const req = scanRequest(frame);
        const pids = new Set(req.pids);
        const resume = new Map(req.resume.map((d) => [d[0]! | (d[1]! << 8) & 0xfff, d.toString('hex')]));
        const rows = records.filter((r) => {
          const pid = r.key.partitionId;
          if (pids.has(pid)) return true;
          const after = resume.get(pid);
          return after !== undefined && r.hex > after;
        });
        const limit = req.maxRecords > 0 ? Math.min(req.maxRecords, rows.length) : rows.length;
        const msgs = rows.slice(0, limit).map((r) => scanRecord('test', 'scan', r.key.digest, 'n', r.i));
        const cut = breakAfter.get(i);
        if (cut !== undefined) {
          breakAfter.delete(i);
          socket.write(frameOf(msgs.slice(0, cut)));
          return 'close';
        }
        return [frameOf(msgs), asMsgReply({ info3: 1 })];
      };
    });
  }

  it('returns every record exactly once', async () => {
    serve();
    const got = (await client.scan('test', 'scan').toArray()).map((r) => r.bins['n'] as number).sort((a, b) => a - b);
    expect(got).toEqual(Array.from({ length: N }, (_, i) => i));
    expect(fc.nodes.every((n) => n.requests.length === 1)).toBe(true);
  });

  it('resumes a node that failed mid-stream on the next replica, after the last record delivered', async () => {
    serve(new Map([[1, 17]]));
    const got = (await client.scan('test', 'scan').toArray()).map((r) => r.bins['n'] as number);
    expect(got.length).toBe(N);
    expect(new Set(got).size).toBe(N);
    // the retry went to the other nodes (the failed node's partitions' proles) and resumed
    const retried = fc.nodes.flatMap((n, i) => (i === 1 ? [] : n.requests.slice(1))).map(scanRequest);
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.some((r) => r.resume.length > 0)).toBe(true);
  });

  it('pages through with maxRecords and the partition state', async () => {
    serve();
    const pf = PartitionFilter.all();
    const seen: number[] = [];
    for (let page = 0; page < 100 && !pf.isDone; page++) {
      seen.push(...(await client.query({ namespace: 'test', set: 'scan', partitions: pf }, { maxRecords: 45 }).toArray()).map((r) => r.bins['n'] as number));
    }
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i));
  });

  it('ends the stream with the error when retries run out', async () => {
    fc.nodes.forEach((n) => (n.handler = () => 'close'));
    await expect(client.scan('test', 'scan', { maxRetries: 1 }).toArray()).rejects.toThrow(/closed/);
  });
});
