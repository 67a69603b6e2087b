import { AerospikeClient } from '../../src/client';
import { Key } from '../../src/keys/key';
import {
  ClientClosedError,
  ClusterError,
  ConnectionError,
  InvalidArgumentError,
  NoMoreConnectionsError,
  ParseError,
  TimeoutError
} from '../../src/errors/client-errors';
import { RecordExistsError, RecordNotFoundError, ServerTimeoutError } from '../../src/errors/server-errors';
import { ParticleType } from '../../src/wire/constants';
import { asMsgReply, FakeNode } from '../helpers/fake-node';

const key = new Key('test', 'demo', 'k1');

describe('core client against a fake node', () => {
  let node: FakeNode;
  let client: AerospikeClient | undefined;

  beforeEach(async () => {
    node = await FakeNode.start();
  });
  afterEach(async () => {
    await client?.close();
    client = undefined;
    await node.stop();
  });

  async function connect(extra: Record<string, unknown> = {}): Promise<AerospikeClient> {
    client = new AerospikeClient({ hosts: node.hosts, ...extra });
    await client.connect();
    return client;
  }

  it('refuses a command started from a bin value getter mid-encode; the outer request is sent intact', async () => {
    const c = await connect();
    node.handler = () => asMsgReply({});
    let inner: Promise<unknown> | undefined;
    const bins = {
      get a(): number {
        inner = c.put(new Key('test', 'demo', 'k2'), { b: 1 }, { ttl: 77, sendKey: true });
        inner.catch(() => undefined); // inspected below, after the outer put
        return 1;
      }
    };
    await c.put(key, bins, { ttl: 5 });
    await expect(inner).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(node.requests).toHaveLength(1);
    const frame = node.requests[0] as Buffer;
    expect(frame.readUInt32BE(8 + 10)).toBe(5); // the outer ttl, not the inner one's
    expect(frame.readUInt16BE(8 + 18)).toBe(3); // namespace, set, digest: no user key field
    // and the encoder is usable again afterwards
    await c.put(key, { a: 2 }, { ttl: 6 });
    expect((node.requests[1] as Buffer).readUInt32BE(8 + 10)).toBe(6);
  });

  it('reads a record and converts the void time to a TTL', async () => {
    const c = await connect();
    node.handler = () =>
      asMsgReply({
        generation: 7,
        voidTime: 0,
        ops: [
          { name: 'a', particle: ParticleType.INTEGER, value: Buffer.from('000000000000002a', 'hex') },
          { name: 's', particle: ParticleType.STRING, value: Buffer.from('hé') }
        ]
      });
    const rec = await c.get(key);
    expect(rec.bins).toEqual({ a: 42, s: 'hé' });
    expect(rec.generation).toBe(7);
    expect(rec.ttl).toBe(-1);
    expect(rec.key).toBe(key);
    expect(c.nodes()[0]?.edition).toBe('Aerospike Community Edition');
  });

  it('refuses a node that is not ready or belongs to another cluster', async () => {
    node.info['partition-generation'] = '-1';
    await expect(connect()).rejects.toThrow(ClusterError);
    await expect(new AerospikeClient({ hosts: node.hosts }).connect()).rejects.toThrow(/not ready yet/);
    node.info['partition-generation'] = '3';
    await expect(new AerospikeClient({ hosts: node.hosts, clusterName: 'other' }).connect()).rejects.toThrow(/belongs to cluster 'fake', expected 'other'/);
  });

  it('names every seed when none can be reached', async () => {
    const c = new AerospikeClient({ hosts: '127.0.0.1:1,127.0.0.1:2', connectTimeout: 500 });
    await expect(c.connect()).rejects.toThrow(/127\.0\.0\.1:1: .*127\.0\.0\.1:2: /);
  });

  it('maps server result codes to typed errors and keeps the connection', async () => {
    const c = await connect();
    node.handler = () => asMsgReply({ resultCode: 5 });
    const err = await c.put(key, { a: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordExistsError);
    expect((err as RecordExistsError).inDoubt).toBe(false);
    node.handler = () => asMsgReply({ resultCode: 2 });
    await expect(c.get(key)).rejects.toBeInstanceOf(RecordNotFoundError);
    expect(await c.exists(key)).toBeNull();
    expect(await c.remove(key)).toBe(false);
    expect(node.connections).toBe(3); // seed validation, the tend connection, one pooled for all commands
  });

  it('times out a silent server, closes that connection and retries reads', async () => {
    const c = await connect();
    node.handler = () => 'silent';
    const err = await c.get(key, null, { socketTimeout: 30, totalTimeout: 0, maxRetries: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).kind).toBe('socket');
    expect(node.requests.length).toBe(3);
    expect(c.stats()[0]?.pool.inUse).toBe(0);
  });

  it('reports a write that timed out after sending as in doubt, without retrying it', async () => {
    const c = await connect();
    node.handler = () => 'silent';
    const err = await c.put(key, { a: 1 }, { totalTimeout: 40 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).kind).toBe('total');
    expect((err as TimeoutError).inDoubt).toBe(true);
    expect(node.requests.length).toBe(1);
  });

  it('retries a read after the server returns TIMEOUT, then surfaces it', async () => {
    const c = await connect();
    node.handler = () => asMsgReply({ resultCode: 9 });
    await expect(c.get(key, null, { maxRetries: 1 })).rejects.toBeInstanceOf(ServerTimeoutError);
    expect(node.requests.length).toBe(2);
  });

  it('emits typed events for pooled connections opened and closed and for failed commands', async () => {
    const c = await connect();
    const log: string[] = [];
    c.on('connectionOpened', (e) => log.push(`opened ${e.address}`));
    c.on('connectionClosed', (e) => log.push(`closed ${e.address}`));
    const failures: Array<{ node: string | undefined; namespace: string; isWrite: boolean; attempts: number; error: Error }> = [];
    c.on('commandFailed', (e) => failures.push(e));
    node.handler = (_f, { index }) => (index === 0 ? Buffer.from('0203000000000004ffffffff', 'hex') : asMsgReply({ resultCode: index === 1 ? 2 : 9 }));
    // a malformed reply closes the connection
    await expect(c.get(key)).rejects.toBeInstanceOf(ParseError);
    expect(log).toEqual([`opened ${node.hosts}`, `closed ${node.hosts}`]);
    // the next command opens another; NOT_FOUND, then server TIMEOUT retried once
    await expect(c.get(key)).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(c.get(key, null, { maxRetries: 1 })).rejects.toBeInstanceOf(ServerTimeoutError);
    expect(log).toEqual([`opened ${node.hosts}`, `closed ${node.hosts}`, `opened ${node.hosts}`]);
    expect(failures.map((f) => [f.error.constructor.name, f.attempts])).toEqual([
      ['ParseError', 1],
      ['RecordNotFoundError', 1],
      ['ServerTimeoutError', 2]
    ]);
    expect(failures[0]).toMatchObject({ node: 'BB9000000000001', namespace: 'test', isWrite: false });
    node.handler = () => asMsgReply({ resultCode: 2 });
    // successes emit nothing; a listener that throws does not replace the command's error
    await expect(c.exists(key)).resolves.toBeNull();
    expect(failures).toHaveLength(3);
    c.removeAllListeners('commandFailed');
    c.on('commandFailed', () => {
      throw new Error('listener bug');
    });
    // the listener's error is rethrown from a microtask (an uncaught exception), captured here
    const deferred: Array<() => void> = [];
    const spy = jest.spyOn(globalThis, 'queueMicrotask').mockImplementation((fn) => {
      deferred.push(fn);
    });
    try {
      await expect(c.get(key)).rejects.toBeInstanceOf(RecordNotFoundError);
    } finally {
      spy.mockRestore();
    }
    expect(deferred).toHaveLength(1);
    expect(() => (deferred[0] as () => void)()).toThrow('listener bug');
  });

  it('records command latency only while metrics are enabled and exposes node counters', async () => {
    const c = await connect();
    const count = (op: string, error: string): number => {
      const l = c.prometheusMetrics().split('\n').find((x) => x.startsWith(`db_client_operation_duration_seconds_count{db_system_name="aerospike",db_namespace="test",db_operation_name="${op}",error_type="${error}"}`));
      return l === undefined ? 0 : Number(l.split(' ')[1]);
    };
    node.handler = (_f, { index }) => asMsgReply({ resultCode: index === 1 ? 2 : 0 });
    await c.put(key, { a: 1 }); // before enabling: not recorded
    expect(c.metricsEnabled).toBe(false);
    expect(c.prometheusMetrics()).not.toContain('db_client_operation_duration_seconds');
    c.enableMetrics();
    await expect(c.get(key)).rejects.toBeInstanceOf(RecordNotFoundError);
    await c.get(key);
    await c.put(key, { a: 2 });
    expect([count('get', ''), count('get', 'error'), count('put', '')]).toEqual([1, 1, 1]);
    c.disableMetrics();
    await c.put(key, { a: 3 });
    expect(count('put', '')).toBe(1); // kept, not advanced
    const text = c.prometheusMetrics();
    expect(text).toContain(`aerospike_client_connections{node="BB9000000000001",address="${node.hosts}",state="in_use"} 0`);
    expect(text).toContain(`aerospike_client_connections_opened_total{node="BB9000000000001",address="${node.hosts}"} 1`);
    expect(text).toContain(`aerospike_client_node_errors_total{node="BB9000000000001",address="${node.hosts}",kind="server"} 1`);
  });

  it('closes the connection on a malformed reply and recovers on a new one', async () => {
    const c = await connect();
    const before = node.connections;
    node.handler = (_f, { index }) => (index === 0 ? Buffer.from('0203000000000004ffffffff', 'hex') : asMsgReply({}));
    const err = await c.put(key, { a: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).inDoubt).toBe(true);
    await c.put(key, { a: 1 });
    expect(node.connections).toBe(before + 2);
  });

  it('rejects a reply claiming an absurd length without allocating it', async () => {
    const c = await connect();
    node.handler = () => Buffer.from('0203800000000000', 'hex');
    await expect(c.get(key, null, { maxRetries: 0 })).rejects.toThrow(/over the/);
  });

  it('survives a connection reset in the middle of a frame', async () => {
    const c = await connect();
    const full = asMsgReply({ ops: [{ name: 'a', particle: ParticleType.STRING, value: Buffer.from('abcdef') }] });
    node.handler = (_f, { socket, index }) => {
      if (index === 0) {
        socket.write(full.subarray(0, 20));
        return 'close';
      }
      return full;
    };
    const rec = await c.get(key, null, { maxRetries: 1 });
    expect(rec.bins).toEqual({ a: 'abcdef' });
    await c.close();
    client = undefined;
    const c2 = await connect();
    node.handler = (_f, { socket }) => {
      socket.write(full.subarray(0, 20));
      return 'close';
    };
    await expect(c2.get(key, null, { maxRetries: 0 })).rejects.toBeInstanceOf(ConnectionError);
  });

  it('bounds the pool: waiters beyond the limit fail fast with a clear error', async () => {
    const c = await connect({ maxConnsPerNode: 1, maxPoolWaiters: 0 });
    node.handler = () => ({ delayMs: 20, reply: asMsgReply({}) });
    const results = await Promise.allSettled([c.put(key, { a: 1 }), c.put(key, { a: 2 })]);
    expect(results[0]?.status).toBe('fulfilled');
    expect(results[1]?.status).toBe('rejected');
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(NoMoreConnectionsError);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/raise maxConnsPerNode/);
  });

  it('queues waiters when allowed and serves them in turn', async () => {
    const c = await connect({ maxConnsPerNode: 1 });
    node.handler = () => asMsgReply({ generation: 3 });
    const metas = await Promise.all([1, 2, 3, 4].map((i) => c.put(key, { a: i })));
    expect(metas.map((m) => m.generation)).toEqual([3, 3, 3, 3]);
    expect(c.stats()[0]?.pool).toMatchObject({ inUse: 0, idle: 1, waiting: 0 });
  });

  it('fails pool waiters at the deadline instead of hanging', async () => {
    const c = await connect({ maxConnsPerNode: 1 });
    node.handler = (_f, { index }) => (index === 0 ? 'silent' : asMsgReply({}));
    const first = c.get(key, null, { totalTimeout: 200, maxRetries: 0 });
    const second = c.get(key, null, { totalTimeout: 30, maxRetries: 0 });
    await expect(second).rejects.toBeInstanceOf(NoMoreConnectionsError);
    await expect(first).rejects.toBeInstanceOf(TimeoutError);
  });

  it('sends nothing at all for bad input', async () => {
    const c = await connect();
    const bad: Array<() => Promise<unknown>> = [
      () => c.put(key, { ['x'.repeat(16)]: 1 }),
      () => c.put(key, { ['b\udc00']: 1 }),
      () => c.put(key, { a: 'x\ud800' }),
      () => c.put(key, { a: [1, undefined] as never }),
      () => c.put(key, { a: (() => 1) as never }),
      () => c.put(key, { a: Symbol('s') as never }),
      () => c.put(key, { a: 2n ** 63n }),
      () => c.put(key, {}),
      () => c.put('key' as never, { a: 1 }),
      () => c.put(key, { a: 1 }, { ttl: 'x' as never }),
      () => c.put(key, { a: 1 }, { unknown: 1 } as never),
      () => c.get(key, ['a'.repeat(16)]),
      () => c.operate(key, []),
      () => c.apply(key, '', 'fn'),
      () => c.truncate('test', 'bad\ud800'),
      () => c.info('a\nb'),
      () => c.info('build', { node: 'NO_SUCH_NODE' })
    ];
    for (const call of bad) await expect(call()).rejects.toBeInstanceOf(InvalidArgumentError);
    const circular: Record<string, unknown> = {};
    circular['me'] = circular;
    await expect(c.put(key, { a: circular as never })).rejects.toThrow(/circular/);
    expect(node.requests).toEqual([]);
  });

  it('rejects commands after close and before connect', async () => {
    const c = await connect();
    await c.close();
    await expect(c.get(key)).rejects.toBeInstanceOf(ClientClosedError);
    const fresh = new AerospikeClient({ hosts: node.hosts });
    await expect(fresh.get(key)).rejects.toThrow(/call connect\(\) first/);
  });
});
