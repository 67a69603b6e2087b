import { AerospikeClient, ClientClosedError, Key, Op, type AerospikeError } from '@aerospike-ts/core';
import { startEmulator, type Emulator } from '@aerospike-ts/emulator';
import { outcome, SocketTracker } from './fault-harness';

// close() while commands are in flight: commands that can finish within the grace period
// do; the rest are rejected with ClientClosedError (writes in doubt, since they were
// sent); nothing hangs, and every socket the client opened is destroyed.

const NS = 'test';
// Generous: the suite may share two CPUs with other test runs (nothing here measures time).
jest.setTimeout(30_000);

describe('close() during in-flight commands', () => {
  let emulator: Emulator;
  let sockets: SocketTracker;
  beforeEach(async () => {
    // Tracking starts before the emulator listens, so its accepted sockets are told apart.
    sockets = new SocketTracker();
    emulator = await startEmulator({ nodes: 3 });
  });
  afterEach(async () => {
    sockets.stop();
    await emulator?.stop();
  });

  async function connect(extra: { maxConnsPerNode?: number } = {}): Promise<AerospikeClient> {
    const client = new AerospikeClient({ hosts: emulator.hosts, tendInterval: 50, ...extra });
    await client.connect();
    return client;
  }

  it('commands that never get a reply are rejected with ClientClosedError once the grace period ends; no socket is left open', async () => {
    const client = await connect();
    await client.put(new Key(NS, 'close_ok', 1), { v: 1 });
    emulator.faults.add({ match: { set: 'close_hang' }, action: { type: 'drop' } });
    // (A batch request names its sets per entry, so it is matched by kind.)
    emulator.faults.add({ match: { kind: 'batch' }, action: { type: 'drop' } });
    const never = { totalTimeout: 0, socketTimeout: 0 };
    const keys = Array.from({ length: 30 }, (_, i) => new Key(NS, 'close_hang', i));
    const reads = keys.map((k) => outcome(() => client.get(k, null, never)));
    const writes = keys.map((k) => outcome(() => client.put(k, { v: 1 }, never)));
    const batch = outcome(() => client.batchOperate(keys, [Op.write('b', 1)], never));
    const scan = outcome(() => client.scan(NS, 'close_hang', never).toArray());
    const background = outcome(() => client.backgroundQuery({ namespace: NS, set: 'close_hang' }, { ops: [Op.write('c', 1)] }, never));
    // Some commands are sure to be on the wire: the first reply we wait for is one of them.
    await new Promise((r) => setImmediate(r));
    await client.close({ graceMs: 20 });
    const check = (e: AerospikeError, inDoubt: boolean): void => {
      expect(e).toBeInstanceOf(ClientClosedError);
      expect(e.inDoubt).toBe(inDoubt);
    };
    for (const r of await Promise.all(reads)) check(r.ok ? (null as never) : r.error, false);
    for (const r of await Promise.all(writes)) check(r.ok ? (null as never) : r.error, true);
    const b = await batch;
    // A batch in flight: either its entries carry the error or the call rejects.
    if (b.ok) for (const e of b.value) expect(e).toMatchObject({ inDoubt: true, error: expect.any(ClientClosedError) });
    else expect(b.error).toMatchObject({ constructor: ClientClosedError, inDoubt: true });
    const s = await scan;
    expect(s.ok ? null : s.error).toBeInstanceOf(ClientClosedError);
    const bg = await background;
    expect(bg.ok ? null : bg.error).toBeInstanceOf(ClientClosedError);
    // Every socket the client opened (pooled, tend, seed validation) has been destroyed.
    await sockets.closed();
    expect(sockets.open).toBe(0);
    expect(client.isConnected()).toBe(false);
  });

  it('commands that finish within the grace period succeed; new commands are refused', async () => {
    const client = await connect();
    emulator.faults.add({ match: { set: 'close_slow' }, action: { type: 'delay', ms: 30 } });
    const keys = Array.from({ length: 50 }, (_, i) => new Key(NS, 'close_slow', i));
    const writes = keys.map((k, i) => outcome(() => client.put(k, { v: i })));
    await new Promise((r) => setImmediate(r));
    const closing = client.close({ graceMs: 5000 });
    await expect(client.get(keys[0] as Key)).rejects.toBeInstanceOf(ClientClosedError);
    await closing;
    expect((await Promise.all(writes)).every((r) => r.ok)).toBe(true);
    await sockets.closed();
    expect(sockets.open).toBe(0);
  });

  it('commands queued for a connection when close() runs are rejected with ClientClosedError, not sent', async () => {
    const client = await connect({ maxConnsPerNode: 1 });
    emulator.faults.add({ match: { set: 'close_queue' }, action: { type: 'drop' } });
    const keys = Array.from({ length: 40 }, (_, i) => new Key(NS, 'close_queue', i));
    const writes = keys.map((k) => outcome(() => client.put(k, { v: 1 }, { totalTimeout: 0, socketTimeout: 0 })));
    await new Promise((r) => setImmediate(r));
    await client.close({ graceMs: 10 });
    const results = await Promise.all(writes);
    expect(results.every((r) => !r.ok && r.error instanceof ClientClosedError)).toBe(true);
    // With one connection per node, at most one write per node was on the wire.
    expect(results.filter((r) => !r.ok && r.error.inDoubt).length).toBeLessThanOrEqual(3);
    await sockets.closed();
    expect(sockets.open).toBe(0);
  });

  it('close() twice, and close() racing connect(), settle cleanly', async () => {
    const a = new AerospikeClient({ hosts: emulator.hosts });
    const connecting = a.connect();
    const closing = a.close();
    await expect(connecting).rejects.toBeInstanceOf(ClientClosedError);
    await closing;
    await a.close();
    const b = await connect();
    await Promise.all([b.close(), b.close()]);
    await sockets.closed();
    expect(sockets.open).toBe(0);
  });
});
