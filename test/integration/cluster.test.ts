import { execSync } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { AerospikeClient, AerospikeError, Key, Op, parseReplicas, ownsPartition, type CommandMessage } from '@aerospike-ts/core';
import { CLUSTER_HOSTS, describeCluster, KILL_NODE_CMD, NAMESPACE, RESTART_NODE_CMD, uniqueSet } from '../helpers/env';

if (CLUSTER_HOSTS === undefined) {
  process.stdout.write('Cluster tests skipped: AEROSPIKE_CLUSTER_HOSTS is not set.\n');
}

describeCluster(`routing against a real cluster (${CLUSTER_HOSTS ?? ''})`, () => {
  let client: AerospikeClient;
  beforeAll(async () => {
    client = new AerospikeClient({ hosts: CLUSTER_HOSTS as string, tendInterval: 100 });
    await client.connect();
  });
  afterAll(async () => {
    await client?.close();
  });

  it('discovers every node from the seeds', async () => {
    const info = await client.info('statistics');
    const size = /cluster_size=(\d+)/.exec(info.get('statistics') ?? '')?.[1];
    expect(client.nodes().length).toBe(Number(size));
    expect(client.nodes().length).toBeGreaterThan(1);
  });

  it('sends every key to the node the server names as master in its own replicas answer', async () => {
    // The server's view, read from each node independently of our partition map.
    const masterOf = new Map<number, string>();
    for (const n of client.nodes()) {
      const c = new AerospikeClient({ hosts: n.address, tendInterval: 60_000 });
      await c.connect();
      try {
        const reply = await c.info(['node', 'replicas']);
        const rep = parseReplicas(reply.get('replicas') ?? '').get(NAMESPACE);
        for (let pid = 0; pid < 4096; pid++) if (rep !== undefined && ownsPartition(rep.bitmaps[0] as Buffer, pid)) masterOf.set(pid, reply.get('node') as string);
      } finally {
        await c.close();
      }
    }
    expect(masterOf.size).toBe(4096);
    const served: CommandMessage[] = [];
    const onMessage = (m: unknown): void => {
      served.push(m as CommandMessage);
    };
    subscribe('aerospike-ts:command', onMessage);
    const set = uniqueSet('route');
    const keys = Array.from({ length: 500 }, (_, i) => new Key(NAMESPACE, set, i));
    try {
      for (const k of keys) await client.put(k, { v: 1 });
      for (const k of keys) await client.get(k);
    } finally {
      unsubscribe('aerospike-ts:command', onMessage);
    }
    expect(served).toHaveLength(1000);
    for (const m of served) {
      const pid = (Buffer.from(m.digest, 'hex')[0] as number) | ((Buffer.from(m.digest, 'hex')[1] as number) << 8);
      expect(m.node).toBe(masterOf.get(pid & 0xfff));
      expect(m.attempts).toBe(1);
    }
    expect(new Set(served.map((m) => m.node)).size).toBe(client.nodes().length);
  });
});

const describeFailover = CLUSTER_HOSTS !== undefined && KILL_NODE_CMD !== undefined && RESTART_NODE_CMD !== undefined ? describe : describe.skip;

/** Error counts by class (`ConnectionError`, `ServerError:TIMEOUT`, …) for the failover reports. */
function byClass(errors: readonly Error[]): string {
  const counts = new Map<string, number>();
  for (const e of errors) {
    const name = e instanceof AerospikeError && e.resultCode > 0 ? `${e.constructor.name}:${e.resultCodeName}` : e.constructor.name;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([k, v]) => `${k}=${v}`).join(', ') || 'none';
}

/** Waits (polling, bounded) until every node reports the full cluster size and the client sees every node. */
async function waitForFullCluster(size: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const c = new AerospikeClient({ hosts: CLUSTER_HOSTS as string, tendInterval: 100 });
    try {
      await c.connect();
      const sizes = await Promise.all(c.nodes().map(async (n) => Number(/cluster_size=(\d+)/.exec((await c.info('statistics', { node: n.name })).get('statistics') ?? '')?.[1])));
      const migrating = await Promise.all(c.nodes().map(async (n) => (await c.info('cluster-stable:size=' + String(size), { node: n.name, throwOnError: false })).get('cluster-stable:size=' + String(size)) ?? ''));
      if (c.nodes().length === size && sizes.every((x) => x === size) && migrating.every((m) => !/ERROR/.test(m))) return;
    } catch {
      // not ready yet
    } finally {
      await c.close();
    }
    if (Date.now() > deadline) throw new Error(`the cluster did not get back to ${size} nodes in 2 minutes`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

describeFailover('a node killed under load', () => {
  it('loses no acknowledged write and recovers without a restart', async () => {
    const client = new AerospikeClient({ hosts: CLUSTER_HOSTS as string, tendInterval: 100 });
    const removed: string[] = [];
    client.on('nodeRemoved', (e) => removed.push(e.name));
    const closedByAddress = new Map<string, number>();
    client.on('connectionClosed', (e) => closedByAddress.set(e.address, (closedByAddress.get(e.address) ?? 0) + 1));
    let failedEvents = 0;
    client.on('commandFailed', () => failedEvents++);
    await client.connect();
    const set = uniqueSet('failover');
    const addressOf = new Map(client.nodes().map((n) => [n.name, n.address]));
    const acknowledged = new Map<number, number>();
    const failures: Error[] = [];
    let inDoubt = 0;
    let next = 0;
    let stop = false;
    const writer = async (): Promise<void> => {
      while (!stop) {
        const i = next++;
        try {
          await client.put(new Key(NAMESPACE, set, i), { v: i }, { totalTimeout: 3000, maxRetries: 5, sleepBetweenRetries: 50 });
          acknowledged.set(i, i);
        } catch (err) {
          failures.push(err as Error);
          if ((err as { inDoubt?: boolean }).inDoubt === true) inDoubt++;
        }
      }
    };
    try {
      const writers = Array.from({ length: 16 }, () => writer());
      while (acknowledged.size < 2000) await new Promise((r) => setImmediate(r));
      execSync(KILL_NODE_CMD as string, { stdio: 'ignore' });
      const killedAt = acknowledged.size;
      while (removed.length === 0 || acknowledged.size < killedAt + 5000) await new Promise((r) => setTimeout(r, 20));
      stop = true;
      await Promise.all(writers);
      process.stdout.write(`failover (16 writers, maxRetries 5): ${acknowledged.size} writes acknowledged, ${failures.length} failed (${inDoubt} in doubt) [${byClass(failures)}], node removed: ${removed.join(',')}\n`);
      // Every acknowledged write is readable on the surviving nodes.
      for (const [i] of acknowledged) {
        const rec = await client.get(new Key(NAMESPACE, set, i), null, { totalTimeout: 5000, maxRetries: 5 });
        expect(rec.bins['v']).toBe(i);
      }
      expect(failures.length).toBeLessThan(acknowledged.size / 10);
      // the typed events saw it too: one commandFailed per failed write, and the dead
      // node's pooled connections reported closed
      expect(failedEvents).toBe(failures.length);
      expect(closedByAddress.get(addressOf.get(removed[0] as string) as string) ?? 0).toBeGreaterThan(0);
    } finally {
      stop = true;
      await client.close();
      execSync(RESTART_NODE_CMD as string, { stdio: 'ignore' });
    }
  }, 120_000);

  it('with the default write policy (no retries): non-idempotent increments are never lost silently', async () => {
    await waitForFullCluster(3);
    const client = new AerospikeClient({ hosts: CLUSTER_HOSTS as string, tendInterval: 100 });
    const removed: string[] = [];
    let removedAt = 0;
    client.on('nodeRemoved', (e) => {
      removed.push(e.name);
      removedAt ||= Date.now();
    });
    await client.connect();
    expect(client.nodes()).toHaveLength(3);
    const set = uniqueSet('failover_add');
    const COUNTERS = 1000;
    const keys = Array.from({ length: COUNTERS }, (_, i) => new Key(NAMESPACE, set, i));
    // Per counter: increments acknowledged, failed in doubt, failed for certain.
    const acked = new Uint32Array(COUNTERS);
    const doubt = new Uint32Array(COUNTERS);
    const failures: Error[] = [];
    let ackedTotal = 0;
    let next = 0;
    let stop = false;
    let killedAt = 0;
    let afterKill = { acked: 0, failed: 0 };
    const writer = async (): Promise<void> => {
      while (!stop) {
        const k = next++ % COUNTERS;
        try {
          // Default write policy: maxRetries 0, totalTimeout 1000 (as the official clients).
          await client.operate(keys[k] as Key, [Op.add('n', 1)]);
          acked[k] = (acked[k] as number) + 1;
          ackedTotal++;
          if (killedAt > 0) afterKill.acked++;
        } catch (err) {
          failures.push(err as Error);
          if (killedAt > 0) afterKill.failed++;
          if ((err as { inDoubt?: boolean }).inDoubt === true) doubt[k] = (doubt[k] as number) + 1;
        }
      }
    };
    try {
      const writers = Array.from({ length: 16 }, () => writer());
      while (ackedTotal < 2000) await new Promise((r) => setImmediate(r));
      const before = failures.length;
      execSync(KILL_NODE_CMD as string, { stdio: 'ignore' });
      killedAt = Date.now();
      afterKill = { acked: 0, failed: 0 };
      const ackedAtKill = ackedTotal;
      while (removed.length === 0 || ackedTotal < ackedAtKill + 5000) await new Promise((r) => setTimeout(r, 20));
      stop = true;
      await Promise.all(writers);
      const window = (Date.now() - killedAt) / 1000;
      const inDoubt = failures.filter((e) => (e as { inDoubt?: boolean }).inDoubt === true).length;
      process.stdout.write(
        `failover (16 writers, default policy, operate add): ${ackedTotal} increments acknowledged, ${failures.length} failed (${inDoubt} in doubt, ${before} before the kill) ` +
          `[${byClass(failures)}]; in the ${window.toFixed(1)} s after the kill: ${afterKill.acked} acked, ${afterKill.failed} failed; the client dropped the node ${removedAt - killedAt} ms after the kill\n`
      );
      // Each counter holds every acknowledged increment, plus at most the in-doubt ones;
      // an increment reported failed and not in doubt was not applied.
      let applied = 0;
      for (let k = 0; k < COUNTERS; k++) {
        const rec = await client.get(keys[k] as Key, null, { totalTimeout: 5000, maxRetries: 5 }).catch(() => null);
        const n = Number(rec?.bins['n'] ?? 0);
        applied += n;
        expect(n).toBeGreaterThanOrEqual(acked[k] as number);
        expect(n).toBeLessThanOrEqual((acked[k] as number) + (doubt[k] as number));
      }
      process.stdout.write(`failover (default policy): ${applied} increments found, ${applied - ackedTotal} of the ${inDoubt} in-doubt ones were applied\n`);
      expect(failures.length).toBeLessThan(ackedTotal / 10);
    } finally {
      stop = true;
      await client.close();
      execSync(RESTART_NODE_CMD as string, { stdio: 'ignore' });
    }
  }, 240_000);
});
