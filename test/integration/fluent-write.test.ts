import { Behavior, Client, DataSet, GeoJSON, HllConfig, type Session } from '@aerospike-ts/fluent';
import { AerospikeClient, RecordExistsError, RecordNotFoundError, GenerationError, ResultCode } from '@aerospike-ts/core';
import { describeServer, emulatorLacks, HOSTS, NAMESPACE, uniqueSet, itUnlessEmulatorLacks } from '../helpers/env';

// The examples of the SDK's "Writing Data" page, in TypeScript.
describeServer('fluent API: writing data', () => {
  let client: Client;
  let session: Session;
  const users = DataSet.of(NAMESPACE, uniqueSet('fl_users'));
  const places = DataSet.of(NAMESPACE, uniqueSet('fl_places'));
  const visitors = DataSet.of(NAMESPACE, uniqueSet('fl_visitors'));

  beforeAll(async () => {
    client = await new Client(HOSTS as string).connect();
    session = client.createSession(Behavior.DEFAULT);
  });
  afterAll(async () => {
    await client?.close();
  });

  async function isCommunity(): Promise<boolean> {
    const core = new AerospikeClient({ hosts: HOSTS as string });
    try {
      await core.connect();
      return core.nodes().every((n) => /community/i.test(n.edition));
    } finally {
      await core.close();
    }
  }

  it('upserts with bin chaining and with put()', async () => {
    await session.upsert(users.id(1)).bin('name').setTo('Alice').bin('age').setTo(30).bin('active').setTo(true).execute();
    expect((await session.get(users.id(1)))?.bins).toEqual({ name: 'Alice', age: 30, active: true });
    await session.upsert(users.id(1)).put({ name: 'Alice', age: 31 }).execute();
    expect((await session.get(users.id(1)))?.bins).toMatchObject({ age: 31 });
  });

  it('increments, inserts, replaces, deletes', async () => {
    await session.upsert(users.id(2)).put({ login_count: 1 }).execute();
    await session.update(users.id(2)).bin('login_count').incrementBy(1).execute();
    expect((await session.get(users.id(2)))?.bins['login_count']).toBe(2);
    const result = await (await session.insert(users.id(99)).put({ name: 'New User' }).execute()).firstOrRaise();
    expect(result.isOk).toBe(true);
    await expect(session.insert(users.id(99)).put({ name: 'Again' }).execute()).rejects.toBeInstanceOf(RecordExistsError);
    await session.upsert(users.id(3)).put({ name: 'Alice', age: 30, active: true }).execute();
    await session.replace(users.id(3)).put({ name: 'Alice Updated' }).execute();
    expect((await session.get(users.id(3)))?.bins).toEqual({ name: 'Alice Updated' });
    await expect(session.update(users.id(12345)).bin('x').setTo(1).execute()).rejects.toBeInstanceOf(RecordNotFoundError);
    await session.delete(...users.ids(1, 2, 3)).execute();
    expect(await session.get(users.id(1))).toBeNull();
  });

  it('writes many keys and streams per-key results', async () => {
    const stream = await session.upsert(...users.ids(10, 11, 12)).bin('status').setTo('migrated').execute();
    const results = await stream.collect();
    expect(results.map((r) => [r.index, r.isOk, r.key.value])).toEqual([[0, true, 10], [1, true, 11], [2, true, 12]]);
    const ex = await (await session.exists(...users.ids(10, 13))).execute();
    expect((await ex.collect()).map((r) => r.asBool())).toEqual([true, false]);
  });

  it('checks generation and sets expiry', async () => {
    await session.upsert(users.id(20)).put({ balance: 1 }).execute();
    await session.update(users.id(20)).ensureGenerationIs(1).bin('balance').setTo(100).execute();
    await expect(session.update(users.id(20)).ensureGenerationIs(1).bin('balance').setTo(5).execute()).rejects.toBeInstanceOf(GenerationError);
    await session.upsert(users.id(21)).expireRecordAfterSeconds(3600).put({ token: 'abc' }).execute();
    const rec = await session.get(users.id(21));
    expect(rec?.ttl).toBeGreaterThan(3590);
  });

  itUnlessEmulatorLacks('bit-hll')('writes GeoJSON and HLL bins', async () => {
    await session.upsert(places.id('space_needle')).bin('loc').setToGeoJson('{"type":"Point","coordinates":[-122.349,47.620]}').execute();
    expect((await session.get(places.id('space_needle')))?.bins['loc']).toBeInstanceOf(GeoJSON);
    await session.upsert(visitors.id('day_1')).bin('h').hllInit(HllConfig.of(14)).bin('h').hllAdd(['user-1', 'user-2', 'user-3']).execute();
    const rs = await session.query(visitors.id('day_1')).bin('h').hllDescribe().execute();
    const result = await rs.firstOrRaise();
    expect(result.getHllConfig('h')).toEqual({ indexBitCount: 14, minHashBitCount: 0 });
    expect(() => session.upsert(visitors.id('day_2')).bin('h').hllInit(HllConfig.of(14), { createOnly: true, updateOnly: true })).toThrow(/contradict/);
  });

  it('execute({ onError }) routes per-key failures: a handler, raise, or the stream', async () => {
    await session.delete(...users.ids(30, 31, 32)).execute();
    await session.insert(users.id(31)).put({ name: 'Bo' }).execute();
    const failed: unknown[] = [];
    const created = await (await session.insert(...users.ids(30, 31, 32)).put({ name: 'new' }).execute({ onError: (k, code) => failed.push([k?.value, code]) })).collect();
    expect(created.map((r) => [r.index, r.key.value])).toEqual([
      [0, 30],
      [2, 32]
    ]);
    expect(failed).toEqual([[31, ResultCode.KEY_EXISTS_ERROR]]);
    await expect(session.insert(...users.ids(31, 33)).put({ name: 'x' }).execute({ onError: 'raise' })).rejects.toBeInstanceOf(RecordExistsError);
    const kept = await (await session.insert(users.id(31)).put({ name: 'x' }).execute({ onError: 'inStream' })).collect();
    expect(kept.map((r) => r.resultCode)).toEqual([ResultCode.KEY_EXISTS_ERROR]);
  });

  it('a typed dataset writes and reads its bins type', async () => {
    interface Account {
      owner: string;
      balance: number;
    }
    const accounts = DataSet.of<Account>(NAMESPACE, users.setName);
    await session.upsert(accounts.id('typed')).bin('owner').setTo('Ann').bin('balance').setTo(10).execute();
    await session.update(accounts.id('typed')).bin('balance').add(5).execute();
    const rec = await session.get(accounts.id('typed'));
    const balance: number | undefined = rec?.bins.balance;
    expect([rec?.bins.owner, balance]).toEqual(['Ann', 15]);
  });

  it('durable deletes: Community Edition refuses them with ENTERPRISE_ONLY; the record stays', async () => {
    if (!(await isCommunity())) return;
    await session.upsert(users.id(40)).put({ a: 1 }).execute();
    await expect(session.delete(users.id(40)).withDurableDelete().execute()).rejects.toMatchObject({ resultCode: ResultCode.ENTERPRISE_ONLY });
    await expect(session.delete(users.id(40)).durablyDelete().execute()).rejects.toMatchObject({ resultCode: ResultCode.ENTERPRISE_ONLY });
    const many = await (await session.delete(...users.ids(40, 41)).defaultWithDurableDelete().execute()).collect();
    expect(many.map((r) => r.resultCode)).toEqual([ResultCode.ENTERPRISE_ONLY, ResultCode.ENTERPRISE_ONLY]);
    expect(await session.get(users.id(40))).not.toBeNull();
    // the explicit choice wins over the default: a plain delete
    await session.delete(users.id(40)).defaultWithDurableDelete().withoutDurableDelete().execute();
    expect(await session.get(users.id(40))).toBeNull();
  });

  it('rejects bad calls at the call site', () => {
    expect(() => session.delete()).toThrow(/at least one key/);
    expect(() => session.upsert(users.id(1), DataSet.of('bar', 'x').id(1))).toThrow(/one namespace/);
    expect(() => HllConfig.of(30)).toThrow(/indexBitCount/);
  });
});

describeServer('fluent API: batches and UDFs', () => {
  let client: Client;
  let session: Session;
  const ds = DataSet.of(NAMESPACE, uniqueSet('fl_batch'));
  const module = `fl_udf_${process.pid % 10000}`;

  beforeAll(async () => {
    client = await new Client(HOSTS as string).connect();
    session = client.createSession(Behavior.DEFAULT);
    if (!emulatorLacks('udf')) await client.registerUdf(`${module}.lua`, 'function double(rec, x)\n  return x * 2\nend\n');
  });
  afterAll(async () => {
    await client.removeUdf(`${module}.lua`).catch(() => undefined);
    await client?.close();
  });

  it('runs mixed batches and streams results with their index', async () => {
    const k1 = ds.id('k1');
    const k2 = ds.id('k2');
    await session.upsert(ds.id('gone')).put({ v: 0 }).execute();
    const stream = await session.batch().upsert(k1).bin('v').setTo(1).upsert(k2).bin('v').setTo(2).delete(ds.id('gone')).insert(k1).put({ v: 9 }).executeStream();
    const seen: Array<[number, boolean, unknown]> = [];
    for await (const r of stream) seen.push([r.index, r.isOk, r.key.value]);
    expect(seen).toEqual([[0, true, 'k1'], [1, true, 'k2'], [2, true, 'gone'], [3, false, 'k1']]);
    const reads = await (await session.batch().read(k1).read(k2).exists(ds.id('gone')).execute()).collect();
    expect(reads.map((r) => r.record?.bins['v'] ?? null)).toEqual([1, 2, null]);
    expect(reads[2]?.asBool()).toBe(false);
    await expect(session.batch().execute()).rejects.toThrow(/empty batch/);
  });

  it('applies where() to reads of several keys: filtered keys come back without a record', async () => {
    for (let i = 1; i <= 4; i++) await session.upsert(ds.id(`w${i}`)).put({ age: 15 + i * 5 }).execute();
    const keys = ds.ids('w1', 'w2', 'w3', 'w4');
    const rows = await (await session.query(...keys).where('$.age >= 25').execute()).collect();
    expect(rows.map((r) => r.record?.bins['age'] ?? null)).toEqual([null, 25, 30, 35]);
    const one = await (await session.query(ds.id('w1')).where('$.age >= 25').execute()).collect();
    expect(one.map((r) => r.record)).toEqual([null]);
    const ex = await (await session.exists(...keys).where('$.age > 30').execute()).collect();
    expect(ex.map((r) => r.record !== null)).toEqual([false, false, false, true]);
    const exOne = await (await session.exists(ds.id('w1')).where('$.age > 30').execute()).collect();
    expect(exOne.map((r) => r.record)).toEqual([null]);
  });

  itUnlessEmulatorLacks('udf')('executes a UDF on keys and returns its result', async () => {
    const r = await session.executeUdf(ds.id('u1')).function(module, 'double').passing(21).execute();
    expect(await r.firstUdfResult()).toBe(42);
    const many = await (await session.executeUdf(ds.ids('a', 'b')).function(module, 'double').passing(5).execute()).collect();
    expect(many.map((x) => x.udfResult)).toEqual([10, 10]);
  });
});
