import { AerospikeClient } from '../../src/client';
import { Key } from '../../src/keys/key';
import { Replica } from '../../src/policy/constants';
import { InvalidNamespaceError } from '../../src/errors/server-errors';
import { ALL_PARTITIONS, asMsgReply, FakeNode } from '../helpers/fake-node';
import { FakeCluster, requestDigest } from '../helpers/fake-cluster';

function keys(n: number): Key[] {
  return Array.from({ length: n }, (_, i) => new Key('test', 'routing', `k${i}`));
}

/** Resolves on the first event for which `pred` holds. */
function waitFor<T>(client: AerospikeClient, event: 'nodeRemoved' | 'partitionMapUpdated' | 'nodeAdded' | 'tendComplete', pred: (e: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const h = (e: T): void => {
      if (pred(e)) {
        client.off(event, h as never);
        resolve(e);
      }
    };
    client.on(event, h as never);
  });
}

describe('cluster against fake nodes', () => {
  let fc: FakeCluster;
  let client: AerospikeClient | undefined;

  beforeEach(async () => {
    fc = await FakeCluster.start(3, 2);
  });
  afterEach(async () => {
    await client?.close({ graceMs: 0 });
    client = undefined;
    await fc.stop();
  });

  async function connect(extra: Record<string, unknown> = {}): Promise<AerospikeClient> {
    client = new AerospikeClient({ hosts: fc.seed, tendInterval: 20, ...extra });
    await client.connect();
    return client;
  }

  function recordTargets(): Array<{ node: number; digest: string }> {
    const seen: Array<{ node: number; digest: string }> = [];
    fc.nodes.forEach((n, i) => {
      n.handler = (frame) => {
        seen.push({ node: i, digest: (requestDigest(frame) as Buffer).toString('hex') });
        return asMsgReply({});
      };
    });
    return seen;
  }

  it('discovers every node from one seed and builds the partition map', async () => {
    const c = await connect();
    expect(c.nodes().map((n) => n.name).sort()).toEqual(['FAKE1', 'FAKE2', 'FAKE3']);
  });

  it('routes every key to the master of its partition', async () => {
    const c = await connect();
    const seen = recordTargets();
    const ks = keys(300);
    for (const k of ks) await c.put(k, { v: 1 });
    expect(seen).toHaveLength(300);
    for (const s of seen) expect(s.node).toBe(fc.masterOf(Buffer.from(s.digest, 'hex')));
    expect(new Set(seen.map((s) => s.node)).size).toBe(3);
  });

  it('reads from the prole when the master does not answer (SEQUENCE), writes stay on the master', async () => {
    const c = await connect();
    const k = keys(1)[0] as Key;
    const master = fc.masterOf(k.digest);
    const prole = fc.ownerIndex(k.partitionId, 1);
    const hits: number[] = [];
    fc.nodes.forEach((n, i) => {
      n.handler = () => {
        hits.push(i);
        return i === master ? 'silent' : asMsgReply({ generation: 9 });
      };
    });
    const rec = await c.get(k, null, { socketTimeout: 30, totalTimeout: 2000, maxRetries: 1 });
    expect(rec.generation).toBe(9);
    expect(hits).toEqual([master, prole]);
    hits.length = 0;
    await expect(c.put(k, { a: 1 }, { socketTimeout: 30, totalTimeout: 2000, maxRetries: 1 })).rejects.toMatchObject({ inDoubt: true });
    expect(hits).toEqual([master, master]);
  });

  it('MASTER never leaves the master; MASTER_PROLES spreads reads over replicas', async () => {
    const c = await connect();
    const k = keys(1)[0] as Key;
    const seen = recordTargets();
    for (let i = 0; i < 4; i++) await c.get(k, null, { replica: Replica.MASTER });
    expect(new Set(seen.map((s) => s.node))).toEqual(new Set([fc.masterOf(k.digest)]));
    seen.length = 0;
    for (let i = 0; i < 4; i++) await c.get(k, null, { replica: Replica.MASTER_PROLES });
    expect(new Set(seen.map((s) => s.node))).toEqual(new Set([fc.ownerIndex(k.partitionId, 0), fc.ownerIndex(k.partitionId, 1)]));
  });

  it('follows a partition map change', async () => {
    const c = await connect();
    const names = new Set<string>();
    const allUpdated = waitFor<{ node: string }>(c, 'partitionMapUpdated', (e) => names.add(e.node).size === 3);
    fc.setOwnership((pid, r, n) => (pid + r + 1) % n);
    await allUpdated;
    const seen = recordTargets();
    for (const k of keys(100)) await c.put(k, { v: 1 });
    for (const s of seen) expect(s.node).toBe(fc.masterOf(Buffer.from(s.digest, 'hex')));
  });

  it('removes a dead node and routes its partitions to the survivors', async () => {
    const c = await connect();
    const removed = waitFor<{ name: string }>(c, 'nodeRemoved', (e) => e.name === 'FAKE3');
    await fc.kill(2);
    expect((await removed).name).toBe('FAKE3');
    // The survivors' new maps are applied in the same tend that removes the node.
    const seen = recordTargets();
    for (const k of keys(100)) await c.put(k, { v: 1 }, { maxRetries: 2, sleepBetweenRetries: 5 });
    expect(seen.every((s) => s.node !== 2)).toBe(true);
    expect(c.nodes().map((n) => n.name).sort()).toEqual(['FAKE1', 'FAKE2']);
  });

  it('fails fast on a node over its error rate, then recovers in the next window', async () => {
    const c = await connect({ maxErrorRate: 2, errorRateWindow: 3 });
    const k = keys(1)[0] as Key;
    const master = fc.masterOf(k.digest);
    (fc.nodes[master] as FakeNode).handler = () => 'close';
    // A window boundary between the failures would reset the count: keep failing until it trips.
    let tripped: unknown;
    for (let i = 0; i < 50 && tripped === undefined; i++) {
      await c.put(k, { v: 1 }, { maxRetries: 0 }).catch((e: unknown) => {
        if (String(e).includes('exceeded 2 errors')) tripped = e;
      });
    }
    expect(String(tripped)).toMatch(/exceeded 2 errors in the current window/);
    expect(c.stats().find((s) => s.name === fc.names[master])?.connectionErrors).toBeGreaterThanOrEqual(3);
    (fc.nodes[master] as FakeNode).handler = () => asMsgReply({ generation: 2 });
    const tends: number[] = [];
    await waitFor<{ count: number }>(c, 'tendComplete', (e) => tends.push(e.count) >= 4);
    await expect(c.put(k, { v: 1 }, { maxRetries: 0 })).resolves.toMatchObject({ generation: 2 });
  });

  it('names an unknown namespace', async () => {
    const c = await connect();
    await expect(c.get(new Key('nope', 's', 1))).rejects.toBeInstanceOf(InvalidNamespaceError);
    await expect(c.get(new Key('nope', 's', 1))).rejects.toThrow(/known: test/);
  });

  it('close() lets in-flight commands finish within the grace period', async () => {
    const c = await connect();
    fc.nodes.forEach((n) => (n.handler = () => ({ delayMs: 30, reply: asMsgReply({ generation: 4 }) })));
    const pending = c.put(keys(1)[0] as Key, { v: 1 });
    await c.close({ graceMs: 2000 });
    await expect(pending).resolves.toMatchObject({ generation: 4 });
    client = undefined;
  });
});

describe('pool minimum', () => {
  it('keeps minConnsPerNode connections open on every node', async () => {
    const fc = await FakeCluster.start(2, 2);
    const c = new AerospikeClient({ hosts: fc.seed, tendInterval: 20, minConnsPerNode: 3 });
    await c.connect();
    try {
      await new Promise<void>((resolve) => {
        const h = (): void => {
          if (c.stats().every((s) => s.pool.idle === 3)) {
            c.off('tendComplete', h);
            resolve();
          }
        };
        c.on('tendComplete', h);
      });
      expect(c.stats().map((s) => s.pool.idle)).toEqual([3, 3]);
    } finally {
      await c.close();
      await fc.stop();
    }
  });
});

describe('rack-aware reads', () => {
  it('PREFER_RACK reads from the replica on a preferred rack; writes stay on the master', async () => {
    const fc = await FakeCluster.start(3, 3);
    // node i sits on rack 10 + i
    fc.nodes.forEach((n, i) => {
      n.info['rebalance-generation'] = '1';
      n.info['rack-ids'] = `test:${10 + i}`;
    });
    const c = new AerospikeClient({ hosts: fc.seed, tendInterval: 20, rackIds: [12] });
    await c.connect();
    try {
      const hits: number[] = [];
      fc.nodes.forEach((n, i) => {
        n.handler = () => {
          hits.push(i);
          return asMsgReply({});
        };
      });
      const k = new Key('test', 'rack', 'k');
      await c.get(k, null, { replica: Replica.PREFER_RACK });
      await c.put(k, { a: 1 }, { replica: Replica.PREFER_RACK });
      expect(hits).toEqual([2, fc.masterOf(k.digest)]);
    } finally {
      await c.close();
      await fc.stop();
    }
  });
});

describe('seeding', () => {
  it('leaves out a seed that reports no peers when another seed belongs to a cluster', async () => {
    const fc = await FakeCluster.start(2, 2);
    const stray = await FakeNode.start();
    stray.info['node'] = 'STRAY';
    // a stray single-node server that, if admitted, would stay (it owns namespace bar)
    stray.info['replicas'] = `bar:0,1,${ALL_PARTITIONS}`;
    const c = new AerospikeClient({ hosts: `${stray.hosts},${fc.seed}`, tendInterval: 20 });
    await c.connect();
    try {
      expect(c.nodes().map((n) => n.name).sort()).toEqual(['FAKE1', 'FAKE2']);
      // every command goes to the cluster, none to the stray node
      let strayHits = 0;
      stray.handler = () => {
        strayHits++;
        return asMsgReply({});
      };
      for (let i = 0; i < 50; i++) await c.put(new Key('test', 'seed', i), { v: i });
      expect(strayHits).toBe(0);
    } finally {
      await c.close();
      await fc.stop();
      await stray.stop();
    }
  });

  it('admits every seed when none of them reports peers', async () => {
    const a = await FakeNode.start();
    const b = await FakeNode.start();
    a.info['node'] = 'SOLO_A';
    b.info['node'] = 'SOLO_B';
    a.info['replicas'] = `test:0,1,${ALL_PARTITIONS}`;
    b.info['replicas'] = `bar:0,1,${ALL_PARTITIONS}`;
    const c = new AerospikeClient({ hosts: `${a.hosts},${b.hosts}`, tendInterval: 20 });
    await c.connect();
    try {
      expect(c.nodes().map((n) => n.name).sort()).toEqual(['SOLO_A', 'SOLO_B']);
    } finally {
      await c.close();
      await a.stop();
      await b.stop();
    }
  });
});
