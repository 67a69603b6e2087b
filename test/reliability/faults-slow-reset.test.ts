import { ConnectionError, Key, Op, ResultCode, TimeoutError, type AerospikeClient } from '@aerospike-ts/core';
import { startEmulator, type Emulator } from '@aerospike-ts/emulator';
import { CommandLog, connectClient, outcome, poolTotals } from './fault-harness';

// A slow server (replies delayed past the client's timeouts) and a connection reset in
// the middle of a reply frame. What is checked: the command ends (no hang) with the
// right error class, kind and inDoubt flag, and the client works normally afterwards.
// Nothing here measures time: the delays are only far longer than the timeouts.

const NS = 'test';
const SLOW = 500;

describe('faults on a one-node emulator', () => {
  let emulator: Emulator;
  let client: AerospikeClient;
  beforeAll(async () => {
    emulator = await startEmulator({ nodes: 1 });
    client = await connectClient(emulator.hosts);
    await client.put(new Key(NS, 'slow', 'r'), { v: 'r' });
    await client.put(new Key(NS, 'reset', 'r'), { v: 'r' });
  });
  afterEach(async () => {
    emulator.faults.clear();
    // Whatever happened, the client recovered: a normal write and read work, nothing is left in use.
    const k = new Key(NS, 'after', expect.getState().currentTestName ?? '');
    await client.put(k, { ok: 1 });
    expect((await client.get(k)).bins['ok']).toBe(1);
    expect(poolTotals(client.stats())).toMatchObject({ inUse: 0, waiting: 0, opening: 0 });
  });
  afterAll(async () => {
    await client?.close();
    await emulator?.stop();
  });

  describe('slow server', () => {
    it('a write past its socket timeout: TimeoutError(socket), in doubt (and it was applied)', async () => {
      emulator.faults.add({ match: { kind: 'write', set: 'slow' }, action: { type: 'delay', ms: SLOW } });
      const key = new Key(NS, 'slow', 'w1');
      const r = await outcome(() => client.put(key, { v: 1 }, { socketTimeout: 20, totalTimeout: 0 }));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toBeInstanceOf(TimeoutError);
      expect(r.error).toMatchObject({ kind: 'socket', inDoubt: true, resultCode: ResultCode.TIMEOUT_CLIENT });
      emulator.faults.clear();
      expect(await client.exists(key)).not.toBeNull();
    });

    it('a write past its total timeout: TimeoutError(total), in doubt', async () => {
      emulator.faults.add({ match: { kind: 'write', set: 'slow' }, action: { type: 'delay', ms: SLOW } });
      const r = await outcome(() => client.put(new Key(NS, 'slow', 'w2'), { v: 1 }, { socketTimeout: 0, totalTimeout: 20 }));
      expect(r.ok ? null : r.error).toBeInstanceOf(TimeoutError);
      expect(r.ok ? null : r.error).toMatchObject({ kind: 'total', inDoubt: true });
    });

    it('a read: retried, then TimeoutError, never in doubt', async () => {
      emulator.faults.add({ match: { kind: 'read', set: 'slow' }, action: { type: 'delay', ms: SLOW } });
      const log = new CommandLog();
      const r = await outcome(() => client.get(new Key(NS, 'slow', 'r'), null, { socketTimeout: 20, totalTimeout: 0, maxRetries: 2 }));
      log.stop();
      expect(r.ok ? null : r.error).toBeInstanceOf(TimeoutError);
      expect(r.ok ? null : r.error).toMatchObject({ kind: 'socket', inDoubt: false });
      expect(log.messages.map((m) => m.attempts)).toEqual([3]);
    });

    it('a write that is retried after a socket timeout: in doubt even if the last attempt failed differently', async () => {
      emulator.faults.add({ match: { kind: 'write', set: 'slow' }, action: { type: 'delay', ms: SLOW }, times: 1 });
      emulator.faults.add({ match: { kind: 'write', set: 'slow' }, action: { type: 'result', resultCode: ResultCode.KEY_BUSY } });
      const r = await outcome(() => client.put(new Key(NS, 'slow', 'w3'), { v: 1 }, { socketTimeout: 20, totalTimeout: 0, maxRetries: 1 }));
      expect(r.ok ? null : r.error).toMatchObject({ resultCode: ResultCode.KEY_BUSY, inDoubt: true });
    });

    it('a batch: each entry carries a TimeoutError; reads not in doubt, writes in doubt', async () => {
      emulator.faults.add({ match: { kind: 'batch' }, action: { type: 'delay', ms: SLOW } });
      const keys = [new Key(NS, 'slow', 'r'), new Key(NS, 'slow', 'b2')];
      const reads = await client.batchGet(keys, null, { socketTimeout: 20, totalTimeout: 0, maxRetries: 1 });
      for (const r of reads) {
        expect(r.error).toBeInstanceOf(TimeoutError);
        expect(r.inDoubt).toBe(false);
      }
      const writes = await client.batchOperate(keys, [Op.write('b', 1)], { socketTimeout: 20, totalTimeout: 0 });
      for (const w of writes) {
        expect(w.error).toBeInstanceOf(TimeoutError);
        expect(w.inDoubt).toBe(true);
        expect(w.error?.inDoubt).toBe(true);
      }
    });

    it('a scan: its retries run out, the stream fails with TimeoutError', async () => {
      emulator.faults.add({ match: { kind: 'scan' }, action: { type: 'delay', ms: SLOW } });
      await expect(client.scan(NS, 'slow', { socketTimeout: 20, maxRetries: 1 }).toArray()).rejects.toBeInstanceOf(TimeoutError);
    });

    it('an info command: TimeoutError', async () => {
      emulator.faults.add({ match: { kind: 'info', info: 'build' }, action: { type: 'delay', ms: SLOW } });
      await expect(client.info('build', { timeout: 20 })).rejects.toBeInstanceOf(TimeoutError);
    });
  });

  describe('connection reset mid-frame (reply cut short, then the socket closed)', () => {
    it.each([['in the header', 5], ['in the body', 30]])('%s: a read fails with ConnectionError, not in doubt', async (_where, bytes) => {
      emulator.faults.add({ match: { kind: 'read', set: 'reset' }, action: { type: 'truncate', bytes }, times: 1 });
      const closedBefore = poolTotals(client.stats()).closed;
      const r = await outcome(() => client.get(new Key(NS, 'reset', 'r'), null, { maxRetries: 0 }));
      expect(r.ok ? null : r.error).toBeInstanceOf(ConnectionError);
      expect(r.ok ? null : r.error).toMatchObject({ inDoubt: false, resultCode: ResultCode.CONNECTION_ERROR });
      // The broken connection was discarded, not returned to the pool.
      expect(poolTotals(client.stats()).closed).toBe(closedBefore + 1);
    });

    it('a read with retries: the retry on a fresh connection succeeds', async () => {
      emulator.faults.add({ match: { kind: 'read', set: 'reset' }, action: { type: 'truncate', bytes: 30 }, times: 1 });
      expect((await client.get(new Key(NS, 'reset', 'r'), null, { maxRetries: 1 })).bins['v']).toBe('r');
    });

    it('a batch reply cut short: every entry fails with ConnectionError (writes in doubt)', async () => {
      const keys = [new Key(NS, 'reset', 'r'), new Key(NS, 'reset', 'b2')];
      emulator.faults.add({ match: { kind: 'batch' }, action: { type: 'truncate', bytes: 40 }, times: 1 });
      for (const r of await client.batchGet(keys, null, { maxRetries: 0 })) expect(r).toMatchObject({ inDoubt: false, resultCode: ResultCode.CONNECTION_ERROR });
      emulator.faults.add({ match: { kind: 'batch' }, action: { type: 'truncate', bytes: 40 }, times: 1 });
      for (const r of await client.batchOperate(keys, [Op.write('b', 2)], { maxRetries: 0 })) expect(r).toMatchObject({ inDoubt: true, resultCode: ResultCode.CONNECTION_ERROR });
    });
  });
});
