import { Key, NoMoreConnectionsError, ResultCode, type AerospikeClient } from '@aerospike-ts/core';
import { startEmulator, type Emulator } from '@aerospike-ts/emulator';
import { connectClient, ErrorTally, outcome, poolTotals } from './fault-harness';

// The connection pool under ten times the load it can take: a bounded queue, a clear
// error for what does not fit, and a pool back at idle afterwards.

const NS = 'test';
const MAX_CONNS = 4;
const MAX_WAITERS = 8;

describe('pool exhaustion under 10x overload (one node, replies held back)', () => {
  let emulator: Emulator;
  let client: AerospikeClient;
  beforeAll(async () => {
    emulator = await startEmulator({ nodes: 1 });
    client = await connectClient(emulator.hosts, { maxConnsPerNode: MAX_CONNS, maxPoolWaiters: MAX_WAITERS });
    await client.put(new Key(NS, 'pool', 1), { v: 1 });
  });
  afterEach(async () => {
    emulator.faults.clear();
    // Recovery: the pool is back at idle, within its maximum, and serves commands.
    const t = poolTotals(client.stats());
    expect(t).toMatchObject({ inUse: 0, waiting: 0, opening: 0 });
    expect(t.idle).toBeLessThanOrEqual(MAX_CONNS);
    expect((await client.get(new Key(NS, 'pool', 1))).bins['v']).toBe(1);
  });
  afterAll(async () => {
    await client?.close();
    await emulator?.stop();
  });

  it('what fits (connections + queue) is served; the rest fails at once with NoMoreConnectionsError', async () => {
    emulator.faults.add({ match: { kind: 'read', set: 'pool' }, action: { type: 'delay', ms: 50 } });
    const capacity = MAX_CONNS + MAX_WAITERS;
    const results = await Promise.all(Array.from({ length: capacity * 10 }, () => outcome(() => client.get(new Key(NS, 'pool', 1), null, { totalTimeout: 0 }))));
    const tally = new ErrorTally();
    for (const r of results) if (!r.ok) tally.add(r.error);
    expect(results.filter((r) => r.ok)).toHaveLength(capacity);
    expect(tally.byClass.get('NoMoreConnectionsError')).toBe(capacity * 9);
    for (const r of results) {
      if (r.ok) continue;
      expect(r.error).toBeInstanceOf(NoMoreConnectionsError);
      expect(r.error).toMatchObject({ resultCode: ResultCode.NO_MORE_CONNECTIONS, inDoubt: false });
      expect(r.error.message).toMatch(/busy.*maxConnsPerNode/);
    }
    expect(poolTotals(client.stats()).opened).toBeLessThanOrEqual(MAX_CONNS);
  });

  it('writes over the limit are refused before anything is sent, so never in doubt', async () => {
    emulator.faults.add({ match: { kind: 'write', set: 'pool' }, action: { type: 'delay', ms: 50 } });
    const n = (MAX_CONNS + MAX_WAITERS) * 10;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => outcome(() => client.put(new Key(NS, 'pool', `w${i}`), { v: i }, { totalTimeout: 0 }))));
    emulator.faults.clear();
    for (let i = 0; i < n; i++) {
      const r = results[i];
      const present = (await client.exists(new Key(NS, 'pool', `w${i}`))) !== null;
      expect(present).toBe(r?.ok);
      if (r !== undefined && !r.ok) expect(r.error).toMatchObject({ inDoubt: false, resultCode: ResultCode.NO_MORE_CONNECTIONS });
    }
  });

  it('queued writes whose deadline passes while every connection is held: NoMoreConnectionsError, not sent, not in doubt', async () => {
    emulator.faults.add({ match: { kind: 'read', set: 'pool' }, action: { type: 'delay', ms: 300 } });
    // Four slow reads hold every connection (no deadline of their own) ...
    const holders = Array.from({ length: MAX_CONNS }, () => outcome(() => client.get(new Key(NS, 'pool', 1), null, { totalTimeout: 0 })));
    // ... while writes with a short deadline queue behind them, and the rest overflow the queue.
    const keys = Array.from({ length: MAX_WAITERS * 10 }, (_, i) => new Key(NS, 'pool', `q${i}`));
    const writes = await Promise.all(keys.map((k) => outcome(() => client.put(k, { v: 1 }, { totalTimeout: 40 }))));
    expect((await Promise.all(holders)).every((r) => r.ok)).toBe(true);
    emulator.faults.clear();
    const messages = writes.map((r) => (r.ok ? 'ok' : r.error instanceof NoMoreConnectionsError && !r.error.inDoubt ? (/before the deadline/.test(r.error.message) ? 'timed out in queue' : 'queue full') : String(r.error)));
    expect(messages.filter((m) => m === 'timed out in queue')).toHaveLength(MAX_WAITERS);
    expect(messages.filter((m) => m === 'queue full')).toHaveLength(MAX_WAITERS * 9);
    for (const k of keys) expect(await client.exists(k)).toBeNull();
  });

  it('a queued write whose deadline passed before a connection came free is refused, not sent late', async () => {
    const one = await connectClient(emulator.hosts, { maxConnsPerNode: 1 });
    try {
      await one.put(new Key(NS, 'pool', 'warm'), { v: 1 }); // one idle connection
      emulator.faults.add({ match: { kind: 'read', set: 'pool' }, action: { type: 'delay', ms: 300 } });
      // The read takes the only connection (its deadline timer is armed at once) ...
      const holder = outcome(() => one.get(new Key(NS, 'pool', 1), null, { totalTimeout: 20, maxRetries: 0 }));
      // ... and the write queues with a later deadline.
      const key = new Key(NS, 'pool', 'late');
      const waiter = outcome(() => one.put(key, { v: 1 }, { totalTimeout: 30 }));
      // Hold the event loop past both deadlines: the read's timer then runs first and frees
      // the connection (closing it) while the write's own timer has not run yet.
      const until = Date.now() + 60;
      while (Date.now() < until);
      const [h, w] = await Promise.all([holder, waiter]);
      expect(h.ok ? null : h.error).toMatchObject({ kind: 'total' });
      expect(w.ok ? null : w.error).toBeInstanceOf(NoMoreConnectionsError);
      expect(w.ok ? null : w.error.inDoubt).toBe(false);
      emulator.faults.clear();
      expect(await one.exists(key)).toBeNull();
      expect(poolTotals(one.stats())).toMatchObject({ inUse: 0, waiting: 0, opening: 0 });
    } finally {
      await one.close();
    }
  });

  it('a burst within the queue bound is served completely, never over the connection limit', async () => {
    emulator.faults.add({ match: { kind: 'read', set: 'pool' }, action: { type: 'delay', ms: 5 } });
    const many = await connectClient(emulator.hosts, { maxConnsPerNode: MAX_CONNS, maxPoolWaiters: 1000 });
    try {
      const results = await Promise.all(Array.from({ length: 400 }, () => outcome(() => many.get(new Key(NS, 'pool', 1), null, { totalTimeout: 0 }))));
      expect(results.filter((r) => !r.ok)).toEqual([]);
      const t = poolTotals(many.stats());
      expect(t.opened).toBeLessThanOrEqual(MAX_CONNS);
      expect(t).toMatchObject({ inUse: 0, waiting: 0, opening: 0 });
    } finally {
      await many.close();
    }
  });
});
