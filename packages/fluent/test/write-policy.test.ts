import { Txn, type AerospikeClient, type BatchPolicy, type BatchRecord, type BatchResult, type ReadPolicy, type WritePolicy } from '@aerospike-ts/core';
import { Behavior } from '../src/behavior';
import { DataSet } from '../src/dataset';
import { Session, TransactionalSession } from '../src/session';

/** A core client stand-in that records the policy of every call; namespace 'sc' is strongly consistent. */
function fakeClient(): { client: AerospikeClient; calls: Array<{ method: string; policy: unknown; records?: readonly BatchRecord[]; writePolicy?: unknown }> } {
  const calls: Array<{ method: string; policy: unknown; records?: readonly BatchRecord[]; writePolicy?: unknown }> = [];
  const record = { bins: {}, generation: 1, ttl: -1 };
  const batchResults = (records: readonly BatchRecord[]): BatchResult[] => records.map((r) => ({ key: r.key, resultCode: 0, record: { key: r.key, ...record }, inDoubt: false }));
  const client = {
    nodes: () => [{ name: 'A', address: '127.0.0.1:3000', build: '8.1.0', edition: 'Aerospike Enterprise Edition', features: new Set<string>() }],
    async info(cmd: string) {
      return new Map([[cmd, `strong-consistency=${cmd === 'namespace/sc' ? 'true' : 'false'};replication-factor=2`]]);
    },
    async operate(_k: unknown, _ops: unknown, policy: WritePolicy) {
      calls.push({ method: 'operate', policy });
      return record;
    },
    async get(_k: unknown, _b: unknown, policy: ReadPolicy) {
      calls.push({ method: 'get', policy });
      return record;
    },
    async remove(_k: unknown, policy: WritePolicy) {
      calls.push({ method: 'remove', policy });
      return true;
    },
    async touch(_k: unknown, policy: WritePolicy) {
      calls.push({ method: 'touch', policy });
      return record;
    },
    async batch(records: readonly BatchRecord[], policy: BatchPolicy) {
      calls.push({ method: 'batch', policy, records });
      return batchResults(records);
    },
    async batchApply(keys: readonly BatchRecord['key'][], _m: string, _f: string, _a: unknown, policy: BatchPolicy, writePolicy: unknown) {
      calls.push({ method: 'batchApply', policy, writePolicy });
      return batchResults(keys.map((key) => ({ type: 'read', key })));
    }
  } as unknown as AerospikeClient;
  return { client, calls };
}

const ap = DataSet.of('ap', 'users');
const sc = DataSet.of('sc', 'users');

describe('write builders take their policy from the behavior', () => {
  it('retries idempotent writes (writesRetryable) and not the others (writesNonRetryable)', async () => {
    const { client, calls } = fakeClient();
    const s = new Session(client, Behavior.DEFAULT);
    await s.upsert(ap.id(1)).put({ a: 1 }).execute();
    await s.upsert(ap.id(1)).bin('n').incrementBy(1).execute();
    await s.insert(ap.id(2)).put({ a: 1 }).execute();
    await s.update(ap.id(1)).ensureGenerationIs(3).bin('a').setTo(2).execute();
    await s.delete(ap.id(1)).execute();
    expect(calls.map((c) => [c.method, (c.policy as WritePolicy).maxRetries])).toEqual([
      ['operate', 2],
      ['operate', 0],
      ['operate', 0],
      ['operate', 0],
      ['remove', 2]
    ]);
    expect(calls[0]?.policy).toMatchObject({ totalTimeout: 30_000, socketTimeout: 5_000, sendKey: true, commitLevel: 0, durableDelete: false });
  });

  it("picks the AP or SC settings by the namespace's mode", async () => {
    const { client, calls } = fakeClient();
    const s = new Session(client, Behavior.STRICTLY_CONSISTENT);
    await s.delete(sc.id(1)).execute();
    await s.delete(ap.id(1)).execute();
    await s.query(sc.id(1)).execute();
    await s.query(ap.id(1)).execute();
    expect(calls.map((c) => (c.method === 'remove' ? (c.policy as WritePolicy).durableDelete : (c.policy as ReadPolicy).readModeSC))).toEqual([true, false, 1, undefined]);
  });

  it('lets the chain override the durable-delete setting, the explicit choice over the default', async () => {
    const { client, calls } = fakeClient();
    const s = new Session(client, Behavior.DEFAULT);
    await s.delete(sc.id(1)).withoutDurableDelete().execute();
    await s.delete(sc.id(1)).defaultWithoutDurableDelete().execute();
    await s.delete(ap.id(1)).defaultWithoutDurableDelete().withDurableDelete().execute();
    await s.delete(ap.id(1)).durablyDelete().defaultWithoutDurableDelete().execute();
    await s.delete(ap.id(1)).defaultWithDurableDelete().execute();
    expect(calls.map((c) => (c.policy as WritePolicy).durableDelete)).toEqual([false, false, true, true, true]);
  });

  it('applies expiry settings over the behavior', async () => {
    const { client, calls } = fakeClient();
    const s = new Session(client, Behavior.DEFAULT);
    await s.upsert(ap.id(1)).expireRecordAfterSeconds(60).put({ a: 1 }).execute();
    await s.upsert(ap.id(1)).neverExpire().put({ a: 1 }).execute();
    await s.touch(ap.id(1)).withNoChangeInExpiration().execute();
    await s.upsert(ap.id(1)).expiryFromServerDefault().put({ a: 1 }).execute();
    expect(calls.map((c) => (c.policy as WritePolicy).ttl)).toEqual([60, -1, -2, 0]);
    expect(() => s.upsert(ap.id(1)).expireRecordAfterSeconds(0)).toThrow(/positive integer/);
  });

  it('several keys: the batch settings for the whole batch, the write settings on every record', async () => {
    const { client, calls } = fakeClient();
    const s = new Session(client, Behavior.DEFAULT.deriveWithChanges('wp-batch', { writesBatch: { totalTimeout: 1234 }, readsBatch: { totalTimeout: 4321 } }));
    await s.upsert(...sc.ids(1, 2)).bin('n').incrementBy(1).expireRecordAfterSeconds(9).execute();
    await s.query(...ap.ids(1, 2)).execute();
    await s.delete(ap.ids(1, 2)).respondAllKeys().execute();
    const [write, read, del] = calls;
    expect(write?.policy).toMatchObject({ totalTimeout: 1234, maxRetries: 0, allowInline: true, allowInlineSSD: false });
    expect(write?.records?.map((r) => r.policy)).toEqual([
      { ttl: 9, durableDelete: true, sendKey: true },
      { ttl: 9, durableDelete: true, sendKey: true }
    ]);
    // one policy object for every record of the batch
    expect(write?.records?.[0]?.policy).toBe(write?.records?.[1]?.policy);
    expect(read?.policy).toMatchObject({ totalTimeout: 4321, maxRetries: 2, allowInline: true });
    expect(del?.policy).toMatchObject({ respondAllKeys: true, maxRetries: 2 });
  });

  it('batch() and executeUdf() use the batch settings too', async () => {
    const { client, calls } = fakeClient();
    const s = new Session(client, Behavior.DEFAULT);
    await s.batch().upsert(sc.id(1)).bin('a').setTo(1).delete(sc.id(2)).execute();
    await s.batch().read(ap.id(1)).exists(ap.id(2)).execute();
    await s.executeUdf(ap.ids(1, 2)).function('m', 'f').passing(1).expireRecordAfterSeconds(30).execute();
    const [mixed, reads, udf] = calls;
    expect(mixed?.policy).toMatchObject({ maxRetries: 2, allowInline: true, sendKey: true });
    expect(mixed?.records?.map((r) => r.policy)).toEqual([
      { durableDelete: true, sendKey: true },
      { durableDelete: true, sendKey: true }
    ]);
    expect(reads?.policy).toMatchObject({ maxRetries: 2, allowInline: true });
    expect(udf?.policy).toMatchObject({ maxRetries: 0, allowInline: true });
    expect(udf?.writePolicy).toEqual({ ttl: 30, durableDelete: false, commitLevel: 0, sendKey: true });
    expect(() => s.executeUdf(ap.id(1)).function('', 'f')).toThrow(/module and function/);
    await expect(s.executeUdf(ap.id(1)).execute()).rejects.toThrow(/call \.function\(module, fn\)/);
  });

  it('a transactional session passes its transaction to point commands and batches', async () => {
    const { client, calls } = fakeClient();
    const tx = new Session(client, Behavior.DEFAULT).beginTransaction();
    expect(tx).toBeInstanceOf(TransactionalSession);
    await tx.upsert(sc.id(1)).put({ a: 1 }).execute();
    await tx.get(sc.id(1));
    await tx.upsert(...sc.ids(1, 2)).put({ a: 2 }).execute();
    await tx.batch().read(sc.id(1)).execute();
    await tx.executeUdf(sc.ids(1, 2)).function('m', 'f').execute();
    expect(calls.map((c) => (c.policy as { txn?: unknown }).txn)).toEqual(Array(5).fill(tx.txn));
    expect(tx.txn).toBeInstanceOf(Txn);
  });
});
