import { type AerospikeClient, IndexAlreadyExistsError, Key, Op, RecordExistsError, UdfError } from '@aerospike-ts/core';
import { connectCore, describeServer, NAMESPACE, uniqueSet, itUnlessEmulatorLacks } from '../helpers/env';

const LUA = `
function add(rec, a, b)
  return a + b
end

function bump(rec, bin, n)
  rec[bin] = (rec[bin] or 0) + n
  if aerospike:exists(rec) then aerospike:update(rec) else aerospike:create(rec) end
  return rec[bin]
end

function fail(rec)
  error("deliberate failure")
end
`;

describeServer('core batch, UDF and index commands', () => {
  let client: AerospikeClient;
  const set = uniqueSet('batch');
  const module = `ts_test_${process.pid % 10000}`;
  const key = (i: number): Key => new Key(NAMESPACE, set, i);

  beforeAll(async () => {
    client = await connectCore();
    for (let i = 0; i < 20; i++) await client.put(key(i), { a: i, b: `v${i}` });
  });
  afterAll(async () => {
    await client.removeUdf(`${module}.lua`).catch(() => undefined);
    await client?.close();
  });

  it('batch reads all bins, some bins, headers and missing keys, in input order', async () => {
    const keys = [key(3), key(99), key(0), key(19)];
    const all = await client.batchGet(keys);
    expect(all.map((r) => r.resultCode)).toEqual([0, 2, 0, 0]);
    expect(all.map((r) => r.record?.bins ?? null)).toEqual([{ a: 3, b: 'v3' }, null, { a: 0, b: 'v0' }, { a: 19, b: 'v19' }]);
    expect(all[1]?.error).toBeUndefined();
    const some = await client.batchGet(keys, ['b']);
    expect(some.map((r) => r.record?.bins ?? null)).toEqual([{ b: 'v3' }, null, { b: 'v0' }, { b: 'v19' }]);
    const heads = await client.batchExists(keys);
    expect(heads.map((r) => r.record?.generation ?? null)).toEqual([1, null, 1, 1]);
    expect(heads[0]?.record?.bins).toEqual({});
  });

  it('batch writes with per-record policies, reads back results, and deletes', async () => {
    const results = await client.batch([
      { type: 'write', key: key(100), ops: [Op.write('x', 1), Op.read('x')] },
      { type: 'write', key: key(1), ops: [Op.add('a', 10), Op.read('a')] },
      { type: 'write', key: key(2), ops: [Op.write('a', 0)], policy: { exists: 4 } },
      { type: 'read', key: key(5), bins: ['a'] },
      { type: 'delete', key: key(6) }
    ]);
    expect(results.map((r) => r.resultCode)).toEqual([0, 0, 5, 0, 0]);
    expect(results[0]?.record?.bins).toEqual({ x: 1 });
    expect(results[1]?.record?.bins).toEqual({ a: 11 });
    expect(results[2]?.error).toBeInstanceOf(RecordExistsError);
    expect(results[3]?.record?.bins).toEqual({ a: 5 });
    expect(await client.exists(key(6))).toBeNull();
    const removed = await client.batchRemove([key(7), key(8), key(555)]);
    expect(removed.map((r) => r.resultCode)).toEqual([0, 0, 2]);
    const ops = await client.batchOperate([key(10), key(11)], [Op.add('a', 1), Op.read('a')]);
    expect(ops.map((r) => r.record?.bins['a'])).toEqual([11, 12]);
  });

  itUnlessEmulatorLacks('udf')('registers a UDF, applies it to one and many records, and reports its failures', async () => {
    await client.registerUdf(`${module}.lua`, LUA);
    expect((await client.listUdfs()).some((m) => m.name === `${module}.lua`)).toBe(true);
    expect(await client.apply(key(12), module, 'add', [40, 2])).toBe(42);
    const err = await client.apply(key(12), module, 'fail').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UdfError);
    expect(String(err)).toMatch(/deliberate failure/);
    const many = await client.batchApply([key(13), key(14), key(777)], module, 'bump', ['c', 5]);
    expect(many.map((r) => r.resultCode)).toEqual([0, 0, 0]);
    expect(many.map((r) => r.record?.bins['SUCCESS'])).toEqual([5, 5, 5]);
    const bad = await client.batchApply([key(13)], module, 'fail');
    expect(bad[0]?.error).toBeInstanceOf(UdfError);
    await expect(client.registerUdf('bad.lua', 'function (')).rejects.toThrow(/udf-put/);
    await client.removeUdf(`${module}.lua`);
    expect((await client.listUdfs()).some((m) => m.name === `${module}.lua`)).toBe(false);
  });

  it('creates, lists and drops secondary indexes, with typed errors', async () => {
    const name = `idx_${set}`.slice(0, 60);
    await client.createIndex({ namespace: NAMESPACE, set, name, bin: 'a', type: 'NUMERIC' });
    expect((await client.listIndexes(NAMESPACE)).some((i) => i['indexname'] === name)).toBe(true);
    // Server 8.1: creating an identical index again is accepted; another definition under the same name is not.
    await client.createIndex({ namespace: NAMESPACE, set, name, bin: 'a', type: 'NUMERIC' });
    await expect(client.createIndex({ namespace: NAMESPACE, set, name, bin: 'b', type: 'STRING' })).rejects.toBeInstanceOf(IndexAlreadyExistsError);
    await client.dropIndex(NAMESPACE, name);
    expect((await client.listIndexes(NAMESPACE)).some((i) => i['indexname'] === name)).toBe(false);
    // Server 8.1 answers 'ok' to dropping a missing index: dropIndex is idempotent.
    await client.dropIndex(NAMESPACE, name);
    await expect(client.createIndex({ namespace: NAMESPACE, name: 'x;y', bin: 'a', type: 'NUMERIC' })).rejects.toThrow(/must not contain/);
  });
});
