import { type AerospikeClient, ConnectionError, Key, TimeoutError, type AerospikeError } from '@aerospike-ts/core';
import { startEmulator, type Emulator, type FaultAction } from '@aerospike-ts/emulator';
import { CommandLog, connectClient, ErrorTally, outcome, poolTotals } from './fault-harness';

// A write whose connection dies is either acknowledged (and then readable) or reported
// failed; a failure after the request was sent is `inDoubt`. Never silently lost.

const NS = 'test';

describe('a connection that dies mid-write', () => {
  let emulator: Emulator;
  let client: AerospikeClient;
  beforeAll(async () => {
    emulator = await startEmulator({ nodes: 1 });
    client = await connectClient(emulator.hosts);
  });
  afterEach(() => emulator.faults.clear());
  afterAll(async () => {
    await client?.close();
    await emulator?.stop();
  });

  /** Writes `count` keys of `set` at once (no retries) and returns each outcome. */
  async function writeAll(set: string, count: number, policy: { socketTimeout?: number } = {}): Promise<Array<{ key: Key; error: AerospikeError | null }>> {
    const keys = Array.from({ length: count }, (_, i) => new Key(NS, set, i));
    const results = await Promise.all(keys.map((k, i) => outcome(() => client.put(k, { v: i }, { maxRetries: 0, ...policy }))));
    return results.map((r, i) => ({ key: keys[i] as Key, error: r.ok ? null : r.error }));
  }

  async function present(key: Key): Promise<boolean> {
    return (await client.exists(key)) !== null;
  }

  const cases: Array<[string, FaultAction, typeof ConnectionError | typeof TimeoutError, boolean, { socketTimeout?: number }]> = [
    ['closed after the write was applied', { type: 'close' }, ConnectionError, true, {}],
    ['closed before the write was applied', { type: 'close', beforeApply: true }, ConnectionError, false, {}],
    ['reply cut off mid-frame, then closed', { type: 'truncate', bytes: 11 }, ConnectionError, true, {}],
    ['reply never sent (socket timeout)', { type: 'drop' }, TimeoutError, true, { socketTimeout: 30 }]
  ];

  it.each(cases)('%s: every write fails with a typed, in-doubt error', async (name, action, errorClass, applied, policy) => {
    const set = `w_${action.type}_${'beforeApply' in action ? 'b' : 'a'}`;
    emulator.faults.add({ match: { kind: 'write', set }, action });
    const results = await writeAll(set, 20, policy);
    emulator.faults.clear();
    for (const r of results) {
      expect(r.error).toBeInstanceOf(errorClass);
      // Sent, with no definitive answer: the client cannot know, so it must say so.
      expect(r.error?.inDoubt).toBe(true);
      expect(await present(r.key)).toBe(applied);
    }
    // The broken connections were dropped; the pool is usable and back to idle.
    await client.put(new Key(NS, set, 'after'), { v: name });
    expect((await client.get(new Key(NS, set, 'after'))).bins['v']).toBe(name);
    expect(poolTotals(client.stats())).toMatchObject({ inUse: 0, waiting: 0, opening: 0 });
  });

  it('a read that fails the same way is never in doubt', async () => {
    await client.put(new Key(NS, 'r_close', 1), { v: 1 });
    emulator.faults.add({ match: { kind: 'read', set: 'r_close' }, action: { type: 'truncate', bytes: 11 } });
    const r = await outcome(() => client.get(new Key(NS, 'r_close', 1), null, { maxRetries: 0 }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(ConnectionError);
      expect(r.error.inDoubt).toBe(false);
    }
  });

  it('with retries, a write whose first reply was lost is acknowledged and present (one retry, on the same master)', async () => {
    const log = new CommandLog();
    try {
      for (const action of [{ type: 'close' }, { type: 'close', beforeApply: true }, { type: 'truncate', bytes: 20 }] as const) {
        emulator.faults.add({ match: { kind: 'write', set: 'w_retry' }, action, times: 1 });
        const key = new Key(NS, 'w_retry', action.type + String('beforeApply' in action));
        await client.put(key, { v: 7 }, { maxRetries: 2 });
        expect((await client.get(key)).bins['v']).toBe(7);
      }
    } finally {
      log.stop();
    }
    const writes = log.messages.filter((m) => m.isWrite);
    expect(writes.map((m) => m.attempts)).toEqual([2, 2, 2]);
    expect(writes.every((m) => m.error === undefined)).toBe(true);
  });
});

describe('random connection faults under 16 concurrent writers (3 nodes)', () => {
  it('every acknowledged write is readable; every failure not in doubt was not applied', async () => {
    const emulator = await startEmulator({ nodes: 3 });
    const client = await connectClient(emulator.hosts);
    const set = 'w_random';
    const total = 3000;
    const actions: FaultAction[] = [
      { type: 'close' },
      { type: 'close', beforeApply: true },
      { type: 'truncate', bytes: 9 },
      { type: 'truncate', bytes: 30 },
      { type: 'drop' },
      { type: 'delay', ms: 1000 }
    ];
    const acked = new Set<number>();
    const failed = new Map<number, AerospikeError>();
    const tally = new ErrorTally();
    let next = 0;
    // Deterministic pseudo-random choices (a fixed LCG), so a failure reproduces.
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return (seed >>> 16) % n;
    };
    const writer = async (w: number): Promise<void> => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        if (i % 15 === 0) emulator.faults.add({ match: { kind: 'write', set }, action: actions[rand(actions.length)] as FaultAction, times: 1 });
        // Half the writers retry (a retried put is idempotent); half do not.
        const r = await outcome(() => client.put(new Key(NS, set, i), { v: i }, { maxRetries: w % 2 === 0 ? 0 : 3, socketTimeout: 250, totalTimeout: 5000 }));
        if (r.ok) acked.add(i);
        else {
          failed.set(i, r.error);
          tally.add(r.error);
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: 16 }, (_, w) => writer(w)));
      emulator.faults.clear();
      let inDoubtPresent = 0;
      for (let i = 0; i < total; i++) {
        const rec = await client.exists(new Key(NS, set, i));
        const err = failed.get(i);
        if (acked.has(i)) expect(rec).not.toBeNull();
        else if (err !== undefined && !err.inDoubt) expect(rec).toBeNull();
        else if (rec !== null) inDoubtPresent++;
      }
      expect(acked.size + failed.size).toBe(total);
      // 200 faults at most, each costs at most one write (and only for non-retrying writers).
      expect(failed.size).toBeLessThanOrEqual(total / 15);
      expect(failed.size).toBeGreaterThan(0);
      process.stdout.write(`random faults: ${acked.size} acked, ${failed.size} failed [${tally.toString()}], ${inDoubtPresent} in-doubt writes were applied\n`);
      expect(poolTotals(client.stats())).toMatchObject({ inUse: 0, waiting: 0 });
    } finally {
      await client.close();
      await emulator.stop();
    }
  }, 60_000);
});
