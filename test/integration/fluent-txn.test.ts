import net from 'node:net';
import { Behavior, Client, DataSet, type Session } from '@aerospike-ts/fluent';
import { AerospikeClient, Key, MONITOR_SET, ResultCode, ServerError, Txn, parseTxnReply, rollRequest, verifyReadRequest } from '@aerospike-ts/core';
import { describeServer, HOSTS, NAMESPACE, uniqueSet } from '../helpers/env';

/** Sends one request frame to a node and returns the reply message (after the proto header). */
function sendRaw(host: string, port: number, frame: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host, () => socket.write(frame));
    let buf = Buffer.alloc(0);
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 8 && buf.length >= 8 + Number(buf.readUIntBE(2, 6))) {
        socket.end();
        resolve(buf.subarray(8));
      }
    });
    socket.on('error', reject);
  });
}

// Community Edition has no multi-record transactions: the fluent API says so up front, and
// the server itself refuses the transaction protocol's commands with ENTERPRISE_ONLY.
describeServer('fluent API: transactions on Community Edition', () => {
  let client: Client;
  let session: Session;
  let core: AerospikeClient;
  const accounts = DataSet.of(NAMESPACE, uniqueSet('fq_txn'));

  beforeAll(async () => {
    client = await new Client(HOSTS as string).connect();
    session = client.createSession(Behavior.DEFAULT);
    core = new AerospikeClient({ hosts: HOSTS as string });
    await core.connect();
  });
  afterAll(async () => {
    await session?.truncate(accounts).catch(() => undefined);
    await client?.close();
    await core?.close();
  });

  function isCommunity(): boolean {
    return core.nodes().every((n) => /community/i.test(n.edition));
  }

  it('beginTransaction() raises ENTERPRISE_ONLY (25) with a message naming Enterprise Edition, writing nothing', async () => {
    if (!isCommunity()) return;
    let err: unknown;
    try {
      session.beginTransaction();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).resultCode).toBe(ResultCode.ENTERPRISE_ONLY);
    expect((err as ServerError).inDoubt).toBe(false);
    expect((err as ServerError).message).toMatch(/transactions need Aerospike Enterprise Edition/);
    await expect(session.doInTransaction(async (tx) => tx.upsert(accounts.id(1)).put({ balance: 1 }).execute())).rejects.toMatchObject({ resultCode: ResultCode.ENTERPRISE_ONLY });
    expect(await session.get(accounts.id(1))).toBeNull();
  });

  it('core commands given a transaction fail with ENTERPRISE_ONLY before anything is written', async () => {
    if (!isCommunity()) return;
    const txn = new Txn();
    const key = new Key(NAMESPACE, accounts.setName, 3);
    await expect(core.put(key, { balance: 1 }, { txn })).rejects.toMatchObject({ resultCode: ResultCode.ENTERPRISE_ONLY, inDoubt: false });
    await expect(core.batch([{ type: 'read', key }], { txn })).rejects.toMatchObject({ resultCode: ResultCode.ENTERPRISE_ONLY });
    expect(await core.exists(key)).toBeNull();
    // nothing reached the servers: not even the transaction's monitor record
    expect(txn.deadline).toBe(0);
    expect(await core.exists(new Key(NAMESPACE, MONITOR_SET, txn.id))).toBeNull();
  });

  it('the server answers ENTERPRISE_ONLY to verify and roll-forward requests carrying a transaction', async () => {
    if (!isCommunity()) return;
    const [host, port] = (core.nodes()[0]?.address ?? '127.0.0.1:3000').split(':') as [string, string];
    await session.put(accounts.id(2), { balance: 10 });
    const key = new Key(NAMESPACE, accounts.setName, 2);
    const txn = new Txn({ timeoutSeconds: 5 });
    txn.setNamespace(NAMESPACE);
    expect(parseTxnReply(await sendRaw(host, Number(port), verifyReadRequest(key, 1n, 1000))).resultCode).toBe(ResultCode.ENTERPRISE_ONLY);
    expect(parseTxnReply(await sendRaw(host, Number(port), rollRequest(txn, key, true, 1000))).resultCode).toBe(ResultCode.ENTERPRISE_ONLY);
    // the record is untouched
    expect((await session.get(accounts.id(2)))?.bins).toEqual({ balance: 10 });
  });
});
