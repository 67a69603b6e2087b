import { AerospikeClient } from '../../src/client';
import { Key } from '../../src/keys/key';
import { Op } from '../../src/command/operation';
import { ParticleType } from '../../src/wire/constants';
import { RecordExistsError } from '../../src/errors/server-errors';
import { InvalidArgumentError } from '../../src/errors/client-errors';
import { batchEntries, batchReply, type FakeNode } from '../helpers/fake-node';
import { FakeCluster } from '../helpers/fake-cluster';

const int = (n: number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return b;
};

describe('batch engine against a fake cluster', () => {
  let fc: FakeCluster;
  let client: AerospikeClient;
  const keys = Array.from({ length: 60 }, (_, i) => new Key('test', 'b', i));

  beforeEach(async () => {
    fc = await FakeCluster.start(3, 2);
    client = new AerospikeClient({ hosts: fc.seed, tendInterval: 20 });
    await client.connect();
  });
  afterEach(async () => {
    await client.close({ graceMs: 0 });
    await fc.stop();
  });

  /** Each node answers every record it was sent with bin v = the key's number. */
  function answerAll(): Map<number, number[]> {
    const perNode = new Map<number, number[]>();
    fc.nodes.forEach((n: FakeNode, i) => {
      n.handler = (frame) => {
        const entries = batchEntries(frame);
        perNode.set(i, [...(perNode.get(i) ?? []), ...entries.map((e) => e.index)]);
        return batchReply(entries.map((e) => ({ index: e.index, ops: [{ name: 'v', particle: ParticleType.INTEGER, value: int(e.index) }] })));
      };
    });
    return perNode;
  }

  it('sends each node only its keys, in one command per node, and merges results in input order', async () => {
    const perNode = answerAll();
    const results = await client.batchGet(keys);
    expect(results.map((r) => r.record?.bins['v'])).toEqual(keys.map((_, i) => i));
    expect(results.every((r) => r.key === keys[results.indexOf(r)])).toBe(true);
    expect(fc.nodes.reduce((n, node) => n + node.requests.length, 0)).toBe(3);
    for (const [node, idxs] of perNode) for (const i of idxs) expect(fc.masterOf((keys[i] as Key).digest)).toBe(node);
  });

  it('splits a node group larger than maxRecordsPerCommand', async () => {
    answerAll();
    const results = await client.batchGet(keys, null, { maxRecordsPerCommand: 7 });
    expect(results.every((r) => r.resultCode === 0)).toBe(true);
    expect(fc.nodes.reduce((n, node) => n + node.requests.length, 0)).toBeGreaterThanOrEqual(9);
  });

  it('retries only the failed node, on the next replica, for reads', async () => {
    answerAll();
    const bad = 1;
    (fc.nodes[bad] as FakeNode).handler = () => 'close';
    const results = await client.batchGet(keys, null, { maxRetries: 1 });
    expect(results.every((r) => r.resultCode === 0)).toBe(true);
    // the failed node's keys went to their prole on the retry
    const badKeys = keys.filter((k) => fc.masterOf(k.digest) === bad);
    expect(badKeys.length).toBeGreaterThan(0);
    const retried = fc.nodes.flatMap((n, i) => (i === bad ? [] : n.requests.slice(1).flatMap((f) => batchEntries(f).map((e) => e.index))));
    expect(retried.sort((a, b) => a - b)).toEqual(badKeys.map((k) => keys.indexOf(k)).sort((a, b) => a - b));
  });

  it('reports per-record codes, node-level errors and in-doubt writes without throwing', async () => {
    fc.nodes.forEach((n, i) => {
      n.handler = (frame) => {
        const entries = batchEntries(frame);
        if (i === 2) return 'close';
        return batchReply(entries.map((e) => ({ index: e.index, resultCode: e.index % 2 === 0 ? 0 : 5 })));
      };
    });
    const results = await client.batchOperate(keys, [Op.write('a', 1)]);
    for (let i = 0; i < keys.length; i++) {
      const r = results[i];
      if (fc.masterOf((keys[i] as Key).digest) === 2) {
        expect(r?.inDoubt).toBe(true);
        expect(r?.resultCode).toBeLessThan(0);
      } else if (i % 2 === 0) {
        expect(r?.resultCode).toBe(0);
      } else {
        expect(r?.resultCode).toBe(5);
        expect(r?.error).toBeInstanceOf(RecordExistsError);
        expect(r?.inDoubt).toBe(false);
      }
    }
  });

  it('surfaces an error on the LAST message for the whole node', async () => {
    fc.nodes.forEach((n) => (n.handler = () => batchReply([], 152)));
    const results = await client.batchGet(keys.slice(0, 5), null, { maxRetries: 0 });
    expect(results.every((r) => r.resultCode === 152)).toBe(true);
  });

  it('rejects empty and malformed batches before sending', async () => {
    await expect(client.batchGet([])).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.batch([{ type: 'nope', key: keys[0] } as never])).rejects.toThrow(/type must be/);
    await expect(client.batch([{ type: 'read', key: 'k' } as never])).rejects.toThrow(/batch record 0: key must be a Key/);
    await expect(client.batch([{ type: 'write', key: keys[0] as Key, ops: [] }])).rejects.toThrow(/at least one operation/);
    expect(fc.nodes.every((n) => n.requests.length === 0)).toBe(true);
  });

  it('fails the whole call when one record does not encode: no node is sent anything, valid records included', async () => {
    answerAll();
    const circular: unknown[] = [1];
    circular.push(circular);
    const last = keys.length - 1;
    const records = keys.map((key, i) => ({ type: 'write' as const, key, ops: [Op.write('a', i === last ? (circular as never) : i)] }));
    const err = await client.batch(records).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toBe(`batch record ${last}: bin 'a'[1]: circular structure (the value contains itself); only trees of values can be written`);
    expect(fc.nodes.every((n) => n.requests.length === 0)).toBe(true);
  });

  it('checks each record\'s own policy before sending, naming the record', async () => {
    answerAll();
    const ops = [Op.write('a', 1)];
    await expect(client.batch([{ type: 'write', key: keys[0] as Key, ops }, { type: 'write', key: keys[1] as Key, ops, policy: { ttl: -9 } }])).rejects.toThrow(
      "batch record 1: write policy: 'ttl' must be an integer from -2 to 4294967294, got -9"
    );
    await expect(client.batch([{ type: 'read', key: keys[0] as Key, policy: { totalTimeout: 5 } as never }])).rejects.toThrow("batch record 0: read policy: 'totalTimeout' is not a per-record setting of a batch; set it in the batch policy");
    expect(fc.nodes.every((n) => n.requests.length === 0)).toBe(true);
    // records sharing one valid policy object are sent
    const shared = { ttl: 60, sendKey: true };
    const results = await client.batch(keys.slice(0, 4).map((key) => ({ type: 'write' as const, key, ops, policy: shared })));
    expect(results.every((r) => r.resultCode === 0)).toBe(true);
  });
});
