import type { Socket } from 'node:net';
import { asMsgReply, FakeNode } from '../../core/test/helpers/fake-node';
import * as aerospike from '../src/index';

// max_concurrent_operations / operation_queue_timeout_ms against a fake node whose
// replies the test releases by hand.

let node: FakeNode;
const held: Socket[] = [];
let arrived: Array<() => void> = [];

function nextRequest(): Promise<void> {
  return new Promise((resolve) => arrived.push(resolve));
}

beforeAll(async () => {
  node = await FakeNode.start();
  node.handler = (_frame, { socket }) => {
    held.push(socket);
    const waiters = arrived;
    arrived = [];
    for (const w of waiters) w();
    return 'silent';
  };
});

afterAll(async () => {
  await node.stop();
});

function release(): void {
  const socket = held.shift();
  if (socket === undefined) throw new Error('no request is waiting');
  socket.write(asMsgReply({}));
}

describe('classic max_concurrent_operations', () => {
  it('lets one operation run at a time and hands the slot to the next in order', async () => {
    const client = await aerospike.client({ hosts: [['127.0.0.1', node.port]], max_concurrent_operations: 1 }).connect();
    try {
      const sent = node.requests.length;
      const conns = node.connections;
      const first = nextRequest();
      const a = client.put(['test', 'gate', 'a'], { v: 1 });
      await first;
      let aDone = false;
      void a.then(() => (aDone = true));
      let aDoneWhenBArrived: boolean | undefined;
      const second = nextRequest().then(() => (aDoneWhenBArrived = aDone));
      const b = client.put(['test', 'gate', 'b'], { v: 2 });
      // b waits for a's slot: its request reaches the node only after a has finished
      // (without the limit it is written before a's reply is even sent).
      release();
      await a;
      await second;
      expect(aDoneWhenBArrived).toBe(true);
      expect(node.requests.length).toBe(sent + 2);
      release();
      await b;
      // b never ran beside a, so it never needed a second connection.
      expect(node.connections - conns).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('fails a waiting operation with BackpressureError after operation_queue_timeout_ms, sending nothing', async () => {
    const client = await aerospike.client({ hosts: [['127.0.0.1', node.port]], max_concurrent_operations: 1, operation_queue_timeout_ms: 5 }).connect();
    try {
      const first = nextRequest();
      const a = client.put(['test', 'gate', 'c'], { v: 1 });
      await first;
      const sent = node.requests.length;
      const err = await client.get(['test', 'gate', 'c']).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(aerospike.BackpressureError);
      expect(err).toBeInstanceOf(aerospike.ClientError);
      expect((err as aerospike.BackpressureError).in_doubt).toBe(false);
      expect((err as Error).message).toMatch(/max_concurrent_operations 1/);
      expect(node.requests.length).toBe(sent);
      release();
      await a;
    } finally {
      await client.close();
    }
  });

  it('rejects waiting operations with ClusterError when the client closes', async () => {
    const client = await aerospike.client({ hosts: [['127.0.0.1', node.port]], max_concurrent_operations: 1 }).connect();
    const first = nextRequest();
    const a = client.put(['test', 'gate', 'd'], { v: 1 }).catch((e: unknown) => e);
    await first;
    const waiting = client.put(['test', 'gate', 'e'], { v: 1 }).catch((e: unknown) => e);
    await client.close();
    expect(await waiting).toBeInstanceOf(aerospike.ClusterError);
    expect(await a).toBeInstanceOf(aerospike.AerospikeError);
    held.length = 0;
  });

  it('rejects bad limits and unknown config keys before connecting', () => {
    expect(() => aerospike.client({ hosts: [['127.0.0.1', 1]], max_concurrent_operations: -1 })).toThrow(/'max_concurrent_operations' must be an integer 0 or more/);
    expect(() => aerospike.client({ hosts: [['127.0.0.1', 1]], conn_pools_per_node: 0 })).toThrow(aerospike.InvalidArgError);
    expect(() => aerospike.client({ hosts: [['127.0.0.1', 1]], auth_mode: aerospike.AUTH_PKI })).toThrow(/auth_mode 2 is not supported yet/);
    expect(() => aerospike.client({ hosts: [['127.0.0.1', 1]], hostz: [] } as never)).toThrow(/unknown key 'hostz'/);
  });
});
