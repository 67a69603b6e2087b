import { Cluster } from '../../src/cluster/cluster';
import { parseHosts } from '../../src/cluster/host';
import { Executor } from '../../src/command/executor';
import { Key } from '../../src/keys/key';
import { FieldType, Info2, Info4, MessageType, PROTO_HEADER_SIZE } from '../../src/wire/constants';
import { Txn } from '../../src/txn/txn';
import { executorTransport } from '../../src/txn/txn-command';
import { CommitStatus, TxnCoordinator } from '../../src/txn/txn-roll';
import { FakeNode } from '../helpers/fake-node';
import { walkMessages } from '../helpers/fixtures';

/** A reply frame with a result code and, optionally, a TXN_DEADLINE field. */
function replyFrame(resultCode: number, deadline: number | null): Buffer {
  const fieldLen = deadline === null ? 0 : 9;
  const buf = Buffer.alloc(PROTO_HEADER_SIZE + 22 + fieldLen);
  buf[0] = 2;
  buf[1] = MessageType.AS_MSG;
  buf.writeUIntBE(22 + fieldLen, 2, 6);
  buf[8] = 22;
  buf[13] = resultCode;
  buf.writeUInt16BE(deadline === null ? 0 : 1, 26);
  if (deadline !== null) {
    buf.writeUInt32BE(5, 30);
    buf[34] = FieldType.TXN_DEADLINE;
    buf.writeUInt32LE(deadline, 35);
  }
  return buf;
}

describe('transaction requests through the executor to a fake node', () => {
  let node: FakeNode;
  let cluster: Cluster | undefined;

  beforeEach(async () => {
    node = await FakeNode.start();
  });
  afterEach(async () => {
    cluster?.close();
    await node.stop();
  });

  it('registers the key, then commits with mark, roll forward and close, carrying the deadline the node gave', async () => {
    cluster = await Cluster.connect({
      seeds: parseHosts(node.hosts),
      node: { connectTimeout: 1000, loginTimeout: 1000 },
      pool: { maxSize: 4, minSize: 0, maxIdleMs: 0, maxWaiters: 10 },
      infoTimeout: 1000,
      tendInterval: 60_000,
      useServicesAlternate: false,
      rackIds: [],
      maxErrorRate: 0,
      errorRateWindow: 1
    });
    node.handler = (frame) => {
      const [m] = walkMessages(frame.subarray(8));
      const isMonitorAdd = m !== undefined && m.ops.some((o) => o.name === 'keyds');
      return replyFrame(0, isMonitorAdd ? 777 : null);
    };
    const coordinator = new TxnCoordinator(executorTransport(new Executor(cluster)));
    const txn = new Txn({ timeoutSeconds: 9 });
    const key = new Key('test', 'acct', 'a');
    await coordinator.beforeWrite(txn, [key]);
    expect(txn.deadline).toBe(777);
    txn.onWrite(key, null, true);
    expect(await coordinator.commit(txn)).toBe(CommitStatus.OK);

    const sent = node.requests.map((f) => walkMessages(f.subarray(8))[0]);
    expect(sent.map((m) => [m?.info2, m?.info4])).toEqual([
      [Info2.WRITE | Info2.RESPOND_ALL_OPS, 0],
      [Info2.WRITE, 0],
      [Info2.WRITE | Info2.DURABLE_DELETE, Info4.TXN_ROLL_FORWARD],
      [Info2.WRITE | Info2.DELETE | Info2.DURABLE_DELETE, 0]
    ]);
    expect(sent[0]?.fields.find((f) => f.type === FieldType.SET)?.data.toString()).toBe('<ERO~MRT');
    const txnId = sent[2]?.fields.find((f) => f.type === FieldType.TXN_ID)?.data;
    expect(txnId?.readBigInt64LE(0)).toBe(txn.id);
  });
});
