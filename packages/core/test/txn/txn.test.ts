import { Key } from '../../src/keys/key';
import { InvalidArgumentError } from '../../src/errors/client-errors';
import { ResultCode } from '../../src/errors/result-code';
import { ServerError, TransactionError } from '../../src/errors/server-errors';
import { FieldType, Info1, Info2, Info3, Info4, OpType } from '../../src/wire/constants';
import { MONITOR_SET, Txn, TxnState } from '../../src/txn/txn';
import { closeMonitorRequest, markRollForwardRequest, monitorAddKeysRequest, rollRequest, verifyReadRequest } from '../../src/txn/txn-requests';
import { parseTxnReply } from '../../src/txn/txn-reply';
import { AbortStatus, CommitError, CommitStatus, TxnCoordinator, type TxnTransport } from '../../src/txn/txn-roll';
import { walkMessages, type WalkedMessage } from '../helpers/fixtures';

const ID = 0x0102030405060708n;
const k1 = new Key('test', 'acct', 1);
const k2 = new Key('test', 'acct', 2);

function msg(frame: Buffer): WalkedMessage {
  expect(frame.readUIntBE(2, 6)).toBe(frame.length - 8);
  const [m] = walkMessages(frame.subarray(8));
  if (m === undefined) throw new Error('no message');
  return m;
}

function field(m: WalkedMessage, type: number): Buffer | undefined {
  return m.fields.find((f) => f.type === type)?.data;
}

/** A reply message body: result code, optional RECORD_VERSION and TXN_DEADLINE fields. */
function reply(resultCode: number, version: bigint | null = null, deadline: number | null = null): Buffer {
  const fields: Buffer[] = [];
  if (version !== null) {
    const f = Buffer.alloc(12);
    f.writeUInt32BE(8, 0);
    f[4] = FieldType.RECORD_VERSION;
    for (let i = 0; i < 7; i++) f[5 + i] = Number((version >> BigInt(8 * i)) & 0xffn);
    fields.push(f);
  }
  if (deadline !== null) {
    const f = Buffer.alloc(9);
    f.writeUInt32BE(5, 0);
    f[4] = FieldType.TXN_DEADLINE;
    f.writeUInt32LE(deadline, 5);
    fields.push(f);
  }
  const h = Buffer.alloc(22);
  h[0] = 22;
  h[5] = resultCode;
  h.writeUInt16BE(fields.length, 18);
  return Buffer.concat([h, ...fields]);
}

describe('Txn', () => {
  it('has a random non-zero id, one namespace, and a monitor key in <ERO~MRT', () => {
    const a = new Txn();
    const b = new Txn();
    expect(a.id).not.toBe(0n);
    expect(a.id).not.toBe(b.id);
    a.setNamespace('test');
    expect(() => a.setNamespace('bar')).toThrow(/one namespace/);
    expect(a.monitorKey().set).toBe(MONITOR_SET);
    expect(a.monitorKey().userKey).toBe(a.id);
    expect(() => new Txn({ timeoutSeconds: -1 })).toThrow(InvalidArgumentError);
  });

  it('tracks read versions and written keys', () => {
    const t = new Txn({ id: ID });
    t.onRead(k1, 77n);
    expect(t.fieldsFor(k1, false)).toEqual({ id: ID, version: 77n, deadline: 0 });
    t.onMonitor(1234, false);
    expect(t.fieldsFor(k2, true)).toEqual({ id: ID, version: null, deadline: 1234 });
    expect(t.fieldsFor(k2, false).deadline).toBe(0);
    t.onWrite(k1, null, true);
    expect(t.reads.size).toBe(0);
    expect([...t.writes.values()]).toEqual([k1]);
    t.onWrite(k2, 5n, true);
    expect(t.reads.get(k2.digest.toString('hex'))?.version).toBe(5n);
  });
});

describe('transaction requests', () => {
  const t = new Txn({ id: ID, timeoutSeconds: 15 });
  t.setNamespace('test');

  it('adds keys to the monitor: write id + ordered unique append of digests, TTL = timeout, no TXN_ID', () => {
    const m = msg(monitorAddKeysRequest(t, [k1, k2], 1000));
    expect(m.info2).toBe(Info2.WRITE | Info2.RESPOND_ALL_OPS);
    expect(m.info4).toBe(0);
    expect(m.ttl).toBe(15);
    expect(field(m, FieldType.SET)?.toString()).toBe('<ERO~MRT');
    expect(field(m, FieldType.TXN_ID)).toBeUndefined();
    expect(m.ops.map((o) => [o.op, o.name])).toEqual([
      [OpType.WRITE, 'id'],
      [OpType.CDT_MODIFY, 'keyds']
    ]);
    expect(m.ops[0]?.value.readBigInt64BE(0)).toBe(ID);
    expect(m.ops[1]?.value.includes(k1.digest)).toBe(true);
    expect(m.ops[1]?.value.includes(k2.digest)).toBe(true);
  });

  it('once a deadline is known, adding keys no longer writes the id', () => {
    const t2 = new Txn({ id: ID });
    t2.setNamespace('test');
    t2.onMonitor(99, false);
    expect(msg(monitorAddKeysRequest(t2, [k1], 1000)).ops.map((o) => o.name)).toEqual(['keyds']);
  });

  it('verify: linearized header-only read with info4 VERIFY_READ and the version, no TXN_ID', () => {
    const m = msg(verifyReadRequest(k1, 0x0a0b0c0d0e0f10n, 1000));
    expect(m.info1).toBe(Info1.READ | Info1.NOBINDATA);
    expect(m.info3).toBe(Info3.SC_READ_TYPE);
    expect(m.info4).toBe(Info4.TXN_VERIFY_READ);
    expect(field(m, FieldType.RECORD_VERSION)?.toString('hex')).toBe('100f0e0d0c0b0a');
    expect(field(m, FieldType.TXN_ID)).toBeUndefined();
    expect(m.nOps).toBe(0);
  });

  it('roll forward/back: durable write with info4 bit, TXN_ID little-endian, version when known', () => {
    const t3 = new Txn({ id: ID });
    t3.setNamespace('test');
    t3.onWrite(k2, 3n, true);
    const f = msg(rollRequest(t3, k1, true, 1000));
    expect(f.info2).toBe(Info2.WRITE | Info2.DURABLE_DELETE);
    expect(f.info4).toBe(Info4.TXN_ROLL_FORWARD);
    expect(field(f, FieldType.TXN_ID)?.toString('hex')).toBe('0807060504030201');
    expect(field(f, FieldType.RECORD_VERSION)).toBeUndefined();
    const b = msg(rollRequest(t3, k2, false, 1000));
    expect(b.info4).toBe(Info4.TXN_ROLL_BACK);
    expect(field(b, FieldType.RECORD_VERSION)?.toString('hex')).toBe('03000000000000');
    // fields in the order of the reference clients: namespace, set, digest, txn id, version
    expect(b.fields.map((x) => x.type)).toEqual([FieldType.NAMESPACE, FieldType.SET, FieldType.DIGEST, FieldType.TXN_ID, FieldType.RECORD_VERSION]);
  });

  it('mark roll-forward writes fwd=true; close deletes the monitor durably', () => {
    const m = msg(markRollForwardRequest(t, 1000));
    expect(m.info2).toBe(Info2.WRITE);
    expect(m.ops.map((o) => o.name)).toEqual(['fwd']);
    const c = msg(closeMonitorRequest(t, 1000));
    expect(c.info2).toBe(Info2.WRITE | Info2.DELETE | Info2.DURABLE_DELETE);
    expect(c.nOps).toBe(0);
  });

  it('parses result, version and deadline of a reply', () => {
    expect(parseTxnReply(reply(0, 0x112233n, 4242))).toEqual({ resultCode: 0, version: 0x112233n, deadline: 4242 });
    expect(parseTxnReply(reply(25))).toEqual({ resultCode: 25, version: null, deadline: null });
    expect(() => parseTxnReply(Buffer.alloc(5))).toThrow(/shorter/);
  });
});

/** A transport that answers from a script and records what was sent. */
function transport(answer: (m: WalkedMessage, key: Key) => Buffer): TxnTransport & { sent: Array<{ key: Key; m: WalkedMessage }> } {
  const sent: Array<{ key: Key; m: WalkedMessage }> = [];
  return {
    sent,
    async send(key: Key, request: Buffer): Promise<Buffer> {
      const m = msg(request);
      sent.push({ key, m });
      return answer(m, key);
    }
  };
}

const kind = (m: WalkedMessage): string =>
  m.info4 === Info4.TXN_VERIFY_READ ? 'verify' : m.info4 === Info4.TXN_ROLL_FORWARD ? 'forward' : m.info4 === Info4.TXN_ROLL_BACK ? 'back' : (m.info2 & Info2.DELETE) !== 0 ? 'close' : m.ops.some((o) => o.name === 'fwd') ? 'mark' : 'addKeys';

describe('TxnCoordinator', () => {
  it('registers written keys once and keeps the deadline', async () => {
    const tr = transport(() => reply(0, null, 5000));
    const c = new TxnCoordinator(tr);
    const t = new Txn();
    await c.beforeWrite(t, [k1]);
    expect(t.deadline).toBe(5000);
    t.onWrite(k1, null, true);
    await c.beforeWrite(t, [k1]);
    expect(tr.sent.map((s) => kind(s.m))).toEqual(['addKeys']);
  });

  it('surfaces Community Edition refusing the monitor write as ENTERPRISE_ONLY', async () => {
    const c = new TxnCoordinator(transport(() => reply(ResultCode.ENTERPRISE_ONLY)));
    const err = await c.beforeWrite(new Txn(), [k1]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).resultCode).toBe(25);
    expect((err as ServerError).message).toMatch(/Enterprise Edition/);
  });

  it('commits: verify reads, mark roll-forward, roll writes forward, close the monitor', async () => {
    const tr = transport(() => reply(0, null, 5000));
    const c = new TxnCoordinator(tr);
    const t = new Txn();
    await c.beforeWrite(t, [k1]);
    t.onWrite(k1, null, true);
    t.onRead(k2, 9n);
    expect(await c.commit(t)).toBe(CommitStatus.OK);
    expect(tr.sent.map((s) => kind(s.m))).toEqual(['addKeys', 'verify', 'mark', 'forward', 'close']);
    expect(t.state).toBe(TxnState.COMMITTED);
    expect(await c.commit(t)).toBe(CommitStatus.ALREADY_COMMITTED);
    await expect(c.abort(t)).rejects.toBeInstanceOf(TransactionError);
  });

  it('a failed verify rolls back and raises CommitError(verifyFailed)', async () => {
    const tr = transport((m) => reply(kind(m) === 'verify' ? ResultCode.MRT_VERSION_MISMATCH : 0, null, 5000));
    const c = new TxnCoordinator(tr);
    const t = new Txn();
    await c.beforeWrite(t, [k1]);
    t.onWrite(k1, null, true);
    t.onRead(k2, 9n);
    const err = await c.commit(t).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommitError);
    expect((err as CommitError).type).toBe('verifyFailed');
    expect((err as CommitError).resultCode).toBe(ResultCode.MRT_VERSION_MISMATCH);
    expect(tr.sent.map((s) => kind(s.m))).toEqual(['addKeys', 'verify', 'back', 'close']);
    expect(t.state).toBe(TxnState.ABORTED);
  });

  it('aborts: roll back writes and close; a roll failure is reported as abandoned', async () => {
    const tr = transport((m) => reply(kind(m) === 'back' ? ResultCode.TIMEOUT : 0, null, 5000));
    const c = new TxnCoordinator(tr);
    const t = new Txn();
    await c.beforeWrite(t, [k1, k2]);
    t.onWrite(k1, null, true);
    t.onWrite(k2, null, true);
    expect(await c.abort(t)).toBe(AbortStatus.ROLL_BACK_ABANDONED);
    expect(await c.abort(t)).toBe(AbortStatus.ALREADY_ABORTED);
    await expect(c.commit(t)).rejects.toBeInstanceOf(CommitError);
  });

  it('a read-only transaction commits without monitor traffic', async () => {
    const tr = transport(() => reply(0));
    const t = new Txn();
    t.setNamespace('test');
    t.onRead(k1, 1n);
    expect(await new TxnCoordinator(tr).commit(t)).toBe(CommitStatus.OK);
    expect(tr.sent.map((s) => kind(s.m))).toEqual(['verify']);
  });
});
