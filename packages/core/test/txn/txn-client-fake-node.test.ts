import { AerospikeClient } from '../../src/client';
import { Op } from '../../src/command/operation';
import { InvalidArgumentError } from '../../src/errors/client-errors';
import { ResultCode } from '../../src/errors/result-code';
import { ServerError } from '../../src/errors/server-errors';
import { Key } from '../../src/keys/key';
import { AbortStatus, CommitStatus } from '../../src/txn/txn-roll';
import { MONITOR_SET, Txn } from '../../src/txn/txn';
import { FieldType, Info1, Info2, Info3, Info4, PROTO_HEADER_SIZE } from '../../src/wire/constants';
import { FakeNode, frameOf } from '../helpers/fake-node';
import { walkMessages, type WalkedMessage } from '../helpers/fixtures';

/*
 * What commands of a transaction put on the wire (protocol.md §8 and §15), checked against
 * a fake node that answers as an Enterprise 8.x server would: monitor records get a
 * deadline, reads report the record version.
 */

const DEADLINE = 4242;

interface Field {
  readonly type: number;
  readonly data: Buffer;
}

function versionBytes(v: bigint): Buffer {
  const b = Buffer.alloc(7);
  for (let i = 0; i < 7; i++) b[i] = Number((v >> BigInt(8 * i)) & 0xffn);
  return b;
}

function deadlineBytes(d: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(d, 0);
  return b;
}

/** One reply message (no proto header): result code, fields, an optional batch index and LAST bit. */
function message(resultCode: number, fields: readonly Field[], opts: { index?: number; last?: boolean } = {}): Buffer {
  const m = Buffer.alloc(22 + fields.reduce((n, f) => n + 5 + f.data.length, 0));
  m[0] = 22;
  m[3] = opts.last === true ? Info3.LAST : 0;
  m[5] = resultCode;
  m.writeUInt32BE(1, 6);
  m.writeUInt32BE(opts.index ?? 0, 14);
  m.writeUInt16BE(fields.length, 18);
  let off = 22;
  for (const f of fields) {
    m.writeUInt32BE(f.data.length + 1, off);
    m[off + 4] = f.type;
    f.data.copy(m, off + 5);
    off += 5 + f.data.length;
  }
  return m;
}

function fieldOf(m: WalkedMessage | BatchEntry | undefined, type: number): Buffer | undefined {
  return m?.fields.find((f) => f.type === type)?.data;
}

function versionOf(data: Buffer | undefined): bigint | undefined {
  if (data === undefined) return undefined;
  let v = 0n;
  for (let i = 6; i >= 0; i--) v = (v << 8n) | BigInt(data[i] as number);
  return v;
}

/** The transaction fields of a request, as [name, value] in wire order. */
function txnFields(m: WalkedMessage | BatchEntry | undefined): Array<[string, bigint | number]> {
  const out: Array<[string, bigint | number]> = [];
  for (const f of m?.fields ?? []) {
    if (f.type === FieldType.TXN_ID) out.push(['id', f.data.readBigInt64LE(0)]);
    if (f.type === FieldType.RECORD_VERSION) out.push(['version', versionOf(f.data) as bigint]);
    if (f.type === FieldType.TXN_DEADLINE) out.push(['deadline', f.data.readUInt32LE(0)]);
  }
  return out;
}

/** One record entry of a batch-index request (a full entry; REPEAT entries have type 1 and nothing else). */
interface BatchEntry {
  index: number;
  digest: Buffer;
  type: number;
  info: number[];
  fields: Field[];
  ops: number;
}

/** Reads the entries of a batch-index request, knowing the INFO4 (0x10) and GEN (0x04) attribute bits. */
function batchEntries(req: Buffer): BatchEntry[] {
  const [m] = walkMessages(req.subarray(PROTO_HEADER_SIZE));
  const data = fieldOf(m, FieldType.BATCH_INDEX) as Buffer;
  const count = data.readUInt32BE(0);
  let p = 5;
  const out: BatchEntry[] = [];
  for (let r = 0; r < count; r++) {
    const e: BatchEntry = { index: data.readUInt32BE(p), digest: data.subarray(p + 4, p + 24), type: data[p + 24] as number, info: [], fields: [], ops: 0 };
    p += 25;
    out.push(e);
    if (e.type === 1) continue;
    const nInfo = (e.type & 0x10) !== 0 ? 4 : 3;
    for (let i = 0; i < nInfo; i++) e.info.push(data[p++] as number);
    p += ((e.type & 0x04) !== 0 ? 2 : 0) + 4;
    const nf = data.readUInt16BE(p);
    e.ops = data.readUInt16BE(p + 2);
    p += 4;
    for (let f = 0; f < nf; f++) {
      const size = data.readUInt32BE(p);
      e.fields.push({ type: data[p + 4] as number, data: data.subarray(p + 5, p + 4 + size) });
      p += 4 + size;
    }
    for (let o = 0; o < e.ops; o++) p += 4 + data.readUInt32BE(p);
  }
  if (p !== data.length) throw new Error(`batch entries end at ${p}, the field has ${data.length} bytes`);
  return out;
}

function isMonitor(m: WalkedMessage | undefined): boolean {
  return fieldOf(m, FieldType.SET)?.toString() === MONITOR_SET;
}

describe('commands joining a transaction, on the wire', () => {
  let node: FakeNode;
  let client: AerospikeClient | undefined;
  /** Record versions the fake node reports for reads, by user key. */
  const versions = new Map<string, bigint>();
  /** Replaces the answer to the request at this index (0-based, AS_MSG requests only). */
  let override: ((m: WalkedMessage, index: number) => Buffer | 'silent' | undefined) | null = null;

  const k1 = new Key('test', 'acct', 'k1');
  const k2 = new Key('test', 'acct', 'k2');
  const k3 = new Key('test', 'acct', 'k3');
  const byDigest = new Map([k1, k2, k3].map((k) => [k.digest.toString('hex'), String(k.userKey)]));

  beforeEach(async () => {
    node = await FakeNode.start();
    versions.clear();
    versions.set('k1', 77n);
    versions.set('k3', 5n);
    override = null;
    node.handler = (req, { index }) => {
      const [m] = walkMessages(req.subarray(PROTO_HEADER_SIZE));
      if (m === undefined) throw new Error('no message');
      const special = override?.(m, index);
      if (special !== undefined) return special;
      if ((m.info1 & Info1.BATCH) !== 0) {
        const rows = batchEntries(req).map((e) => {
          const v = versions.get(byDigest.get(e.digest.toString('hex')) ?? '');
          return message(0, v === undefined ? [] : [{ type: FieldType.RECORD_VERSION, data: versionBytes(v) }], { index: e.index });
        });
        return [frameOf(rows), frameOf([message(0, [], { last: true })])];
      }
      if (isMonitor(m)) return frameOf([message(0, m.ops.some((o) => o.name === 'keyds') ? [{ type: FieldType.TXN_DEADLINE, data: deadlineBytes(DEADLINE) }] : [])]);
      const reads = (m.info1 & Info1.READ) !== 0 && (m.info2 & Info2.WRITE) === 0 && m.info4 === 0;
      const v = versions.get(byDigest.get((fieldOf(m, FieldType.DIGEST) as Buffer).toString('hex')) ?? '');
      return frameOf([message(0, reads && v !== undefined ? [{ type: FieldType.RECORD_VERSION, data: versionBytes(v) }] : [])]);
    };
    node.info = { ...node.info, edition: 'Aerospike Enterprise Edition' };
    client = new AerospikeClient({ hosts: node.hosts });
    await client.connect();
  });
  afterEach(async () => {
    await client?.close();
    client = undefined;
    await node.stop();
  });

  function sent(): WalkedMessage[] {
    return node.requests.map((f) => walkMessages(f.subarray(PROTO_HEADER_SIZE))[0] as WalkedMessage);
  }

  it('a read carries the transaction id; the version it reports is sent back with later commands on the record', async () => {
    const c = client as AerospikeClient;
    const txn = new Txn({ id: 0x0102030405060708n });
    await c.get(k1, null, { txn });
    await c.exists(k1, { txn });
    const [first, second] = sent();
    expect(txnFields(first)).toEqual([['id', 0x0102030405060708n]]);
    expect(txnFields(second)).toEqual([
      ['id', 0x0102030405060708n],
      ['version', 77n]
    ]);
    expect(first?.info4).toBe(0);
    // the fields stand after the digest (protocol.md §3)
    expect(first?.fields.map((f) => f.type)).toEqual([FieldType.NAMESPACE, FieldType.SET, FieldType.DIGEST, FieldType.TXN_ID]);
    expect(txn.reads.get(k1.digest.toString('hex'))?.version).toBe(77n);
    expect(txn.namespace).toBe('test');
  });

  it('adds a key to the monitor record before its first write, then writes with the deadline the monitor gave', async () => {
    const c = client as AerospikeClient;
    const txn = new Txn({ timeoutSeconds: 9 });
    await c.get(k1, null, { txn });
    await c.put(k2, { a: 1 }, { txn });
    await c.operate(k1, [Op.add('n', 1)], { txn });
    await c.put(k2, { a: 2 }, { txn });
    const [read, monitor1, write2, monitor2, write1, rewrite2] = sent();
    expect(sent()).toHaveLength(6);
    expect(txnFields(read)).toEqual([['id', txn.id]]);

    // first monitor write: creates the record (bin id, TTL = the transaction timeout) and lists k2's digest
    expect(isMonitor(monitor1)).toBe(true);
    expect(fieldOf(monitor1, FieldType.KEY)).toBeUndefined();
    expect(txnFields(monitor1)).toEqual([]);
    expect(monitor1?.ops.map((o) => o.name)).toEqual(['id', 'keyds']);
    expect(monitor1?.ttl).toBe(9);
    expect(monitor1?.ops[1]?.value.includes(k2.digest)).toBe(true);

    expect(txnFields(write2)).toEqual([
      ['id', txn.id],
      ['deadline', DEADLINE]
    ]);
    expect((write2?.info2 ?? 0) & Info2.WRITE).toBe(Info2.WRITE);

    // k1 was read: its write carries the version read, after a monitor write adding k1 only
    expect(monitor2?.ops.map((o) => o.name)).toEqual(['keyds']);
    expect(monitor2?.ops[0]?.value.includes(k1.digest)).toBe(true);
    expect(txnFields(write1)).toEqual([
      ['id', txn.id],
      ['version', 77n],
      ['deadline', DEADLINE]
    ]);
    // k2 is in the monitor already: no monitor write before its second write
    expect(isMonitor(rewrite2)).toBe(false);
    expect([...txn.writes.values()].map((k) => k.userKey)).toEqual(['k2', 'k1']);
    expect(txn.reads.size).toBe(0);
    expect(txn.deadline).toBe(DEADLINE);
  });

  it('commits: verifies the reads, marks the monitor, rolls the writes forward and deletes the monitor', async () => {
    const c = client as AerospikeClient;
    const txn = new Txn();
    await c.get(k3, null, { txn });
    await c.put(k2, { a: 1 }, { txn });
    const before = node.requests.length;
    expect(await c.commitTransaction(txn)).toBe(CommitStatus.OK);
    const [verify, mark, roll, close] = sent().slice(before);
    expect(sent().length - before).toBe(4);

    expect([verify?.info1, verify?.info3, verify?.info4]).toEqual([Info1.READ | Info1.NOBINDATA, Info3.SC_READ_TYPE, Info4.TXN_VERIFY_READ]);
    expect(txnFields(verify)).toEqual([['version', 5n]]);
    expect(isMonitor(mark) && mark?.ops.map((o) => o.name)).toEqual(['fwd']);
    expect([roll?.info2, roll?.info4]).toEqual([Info2.WRITE | Info2.DURABLE_DELETE, Info4.TXN_ROLL_FORWARD]);
    expect(txnFields(roll)).toEqual([['id', txn.id]]);
    expect(fieldOf(roll, FieldType.DIGEST)).toEqual(k2.digest);
    expect(isMonitor(close) && close?.info2).toBe(Info2.WRITE | Info2.DELETE | Info2.DURABLE_DELETE);
    expect(txn.state).toBe('committed');
    expect(await c.commitTransaction(txn)).toBe(CommitStatus.ALREADY_COMMITTED);
    // a settled transaction takes no more commands, and nothing is sent for them
    const n = node.requests.length;
    await expect(c.get(k1, null, { txn })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(node.requests).toHaveLength(n);
  });

  it('aborts: rolls the writes back and deletes the monitor; nothing is verified', async () => {
    const c = client as AerospikeClient;
    const txn = new Txn();
    await c.get(k3, null, { txn });
    await c.remove(k1, { txn });
    await c.touch(k2, { txn });
    const before = node.requests.length;
    expect(await c.abortTransaction(txn)).toBe(AbortStatus.OK);
    const after = sent().slice(before);
    expect(after.map((m) => [isMonitor(m), m.info2, m.info4])).toEqual([
      [false, Info2.WRITE | Info2.DURABLE_DELETE, Info4.TXN_ROLL_BACK],
      [false, Info2.WRITE | Info2.DURABLE_DELETE, Info4.TXN_ROLL_BACK],
      [true, Info2.WRITE | Info2.DELETE | Info2.DURABLE_DELETE, 0]
    ]);
    expect(after.slice(0, 2).map((m) => fieldOf(m, FieldType.DIGEST))).toEqual([k1.digest, k2.digest]);
    expect(txnFields(after[0])).toEqual([['id', txn.id]]);
    await expect(c.commitTransaction(txn)).rejects.toMatchObject({ type: 'aborted' });
  });

  it('a batch in a transaction: INFO4 entries with the fields per record, the written keys in the monitor first', async () => {
    const c = client as AerospikeClient;
    const txn = new Txn();
    await c.get(k1, null, { txn });
    await c.put(k2, { a: 0 }, { txn });
    const before = node.requests.length;
    const results = await c.batch(
      [
        { type: 'read', key: k3 },
        { type: 'write', key: k1, ops: [Op.write('a', 1)] },
        { type: 'write', key: k2, ops: [Op.write('a', 2)] },
        { type: 'delete', key: k3 }
      ],
      { txn }
    );
    expect(results.map((r) => r.resultCode)).toEqual([0, 0, 0, 0]);
    const [monitor, batch] = node.requests.slice(before);
    expect(node.requests.length - before).toBe(2);
    const m = walkMessages((monitor as Buffer).subarray(PROTO_HEADER_SIZE))[0];
    expect(isMonitor(m)).toBe(true);
    // k2 is there already; k1 and k3 are added
    expect(m?.ops[0]?.value.includes(k1.digest) && m.ops[0].value.includes(k3.digest) && !m.ops[0].value.includes(k2.digest)).toBe(true);

    const entries = batchEntries(batch as Buffer);
    expect(entries.map((e) => e.type)).toEqual([0x1a, 0x1e, 0x1e, 0x1e]);
    expect(entries.map((e) => e.info[3])).toEqual([0, 0, 0, 0]);
    expect(entries.map((e) => txnFields(e))).toEqual([
      [['id', txn.id]],
      [
        ['id', txn.id],
        ['version', 77n],
        ['deadline', DEADLINE]
      ],
      [
        ['id', txn.id],
        ['deadline', DEADLINE]
      ],
      [
        ['id', txn.id],
        ['deadline', DEADLINE]
      ]
    ]);
    expect(entries.map((e) => e.fields.slice(0, 2).map((f) => f.type))).toEqual(Array(4).fill([FieldType.NAMESPACE, FieldType.SET]));
    // the node reported k3's version on the read row and k1's on its write row: both count as reads now
    expect(txn.reads.get(k3.digest.toString('hex'))?.version).toBe(5n);
    expect([...txn.writes.values()].map((k) => k.userKey)).toEqual(['k2']);
  });

  it('outside a transaction, batch entries keep their plain type bytes and no transaction fields', async () => {
    const c = client as AerospikeClient;
    await c.batch([
      { type: 'read', key: k1 },
      { type: 'write', key: k2, ops: [Op.write('a', 1)] }
    ]);
    const entries = batchEntries(node.requests[0] as Buffer);
    expect(entries.map((e) => [e.type, e.info.length, txnFields(e).length])).toEqual([
      [0x0a, 3, 0],
      [0x0e, 3, 0]
    ]);
  });

  it('a write whose outcome is unknown is rolled like one that happened', async () => {
    const c = client as AerospikeClient;
    const txn = new Txn();
    override = (m) => (!isMonitor(m) && (m.info2 & Info2.WRITE) !== 0 ? 'silent' : undefined);
    const err = await c.put(k2, { a: 1 }, { txn, totalTimeout: 200, socketTimeout: 100 }).catch((e: unknown) => e);
    expect((err as ServerError).inDoubt).toBe(true);
    expect(txn.writes.has(k2.digest.toString('hex'))).toBe(true);
    expect(txn.writeInDoubt).toBe(true);
    override = null;
    const before = node.requests.length;
    // rolled back, but the monitor is left for the server to expire
    expect(await c.abortTransaction(txn)).toBe(AbortStatus.CLOSE_ABANDONED);
    expect(sent().slice(before).map((m) => [isMonitor(m), m.info4])).toEqual([[false, Info4.TXN_ROLL_BACK]]);
  });

  it('a server without transactions refuses the monitor write (ENTERPRISE_ONLY); the command is not sent', async () => {
    const c = client as AerospikeClient;
    override = (m) => (isMonitor(m) ? frameOf([message(ResultCode.ENTERPRISE_ONLY, [])]) : undefined);
    const txn = new Txn();
    const err = await c.put(k2, { a: 1 }, { txn }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).resultCode).toBe(ResultCode.ENTERPRISE_ONLY);
    expect(sent().map(isMonitor)).toEqual([true]);
  });

  it('on Community Edition, a command of a transaction fails with ENTERPRISE_ONLY (25) before anything is sent', async () => {
    const ce = await FakeNode.start();
    const c = new AerospikeClient({ hosts: ce.hosts });
    try {
      await c.connect();
      const txn = new Txn();
      for (const run of [() => c.put(k1, { a: 1 }, { txn }), () => c.get(k1, null, { txn }), () => c.batch([{ type: 'read', key: k1 }], { txn })]) {
        const err = await run().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ServerError);
        expect(err).toMatchObject({ resultCode: ResultCode.ENTERPRISE_ONLY, inDoubt: false });
        expect((err as ServerError).message).toMatch(/transactions need Aerospike Enterprise Edition/);
      }
      expect(ce.requests).toHaveLength(0);
      expect(txn.namespace).toBeNull();
    } finally {
      await c.close();
      await ce.stop();
    }
  });

  it('refuses, before sending, keys of another namespace, a settled transaction, and scans or background queries', async () => {
    const c = client as AerospikeClient;
    const txn = new Txn();
    await c.get(k1, null, { txn });
    const n = node.requests.length;
    await expect(c.put(new Key('bar', 'acct', 'x'), { a: 1 }, { txn })).rejects.toThrow(/one namespace/);
    await expect(c.batch([{ type: 'read', key: new Key('bar', 'acct', 'x') }], { txn })).rejects.toThrow(/one namespace/);
    expect(() => c.query({ namespace: 'test', set: 'acct' }, { txn })).toThrow(/scans and queries do not run inside a transaction/);
    await expect(c.backgroundQuery({ namespace: 'test', set: 'acct' }, { ops: [Op.write('a', 1)] }, {}, { txn })).rejects.toThrow(/background queries do not run inside a transaction/);
    await expect(c.get(k1, null, { txn: {} as Txn })).rejects.toThrow(/'txn' must be a Txn/);
    expect(() => new AerospikeClient({ hosts: node.hosts, policies: { write: { txn } } })).toThrow(/policies.write cannot name a transaction/);
    expect(node.requests).toHaveLength(n);
  });
});
