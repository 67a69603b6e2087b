// `await using` needs Symbol.asyncDispose before the fluent classes are defined.
import '../../packages/classic/test/helpers/dispose-symbol';
import { Behavior, Client, DataSet, GeoJSON, HllConfig, type Session } from '@aerospike-ts/fluent';
import { AerospikeClient, AerospikeError, ClientClosedError, FilteredOutError, InvalidArgumentError, RecordExistsError, RecordNotFoundError, ResultCode, ServerError } from '@aerospike-ts/core';
import { describeServer, HOSTS, NAMESPACE, uniqueSet, itUnlessEmulatorLacks } from '../helpers/env';

/*
 * The examples of the fluent SDK's seed pages (/work/shared/seeds/sdk-writing-data.txt,
 * sdk-writing-data-short.txt, sdk-session-api.txt) that no other integration test runs,
 * in TypeScript, asserting what the pages say happens. docs/seed-coverage.md maps every
 * example of those pages to the test that runs it.
 */

/** The nodes of the test cluster, as the core client sees them. */
async function clusterNodes(): Promise<ReturnType<AerospikeClient['nodes']>> {
  const core = new AerospikeClient({ hosts: HOSTS as string });
  try {
    await core.connect();
    return core.nodes();
  } finally {
    await core.close();
  }
}

describeServer('fluent seed: Writing Data', () => {
  let client: Client;
  let session: Session;
  const users = DataSet.of(NAMESPACE, uniqueSet('sf_users'));
  const places = DataSet.of(NAMESPACE, uniqueSet('sf_places'));
  const visitors = DataSet.of(NAMESPACE, uniqueSet('sf_visitors'));

  beforeAll(async () => {
    client = await new Client(HOSTS as string).connect();
    session = client.createSession(Behavior.DEFAULT);
  });
  afterAll(async () => {
    await session?.truncate(users).catch(() => undefined);
    await session?.truncate(places).catch(() => undefined);
    await session?.truncate(visitors).catch(() => undefined);
    await client?.close();
  });

  it('Write Verbs table: what each verb needs of the record', async () => {
    const k = users.id('verbs');
    await session.delete(k).execute();
    // update / replaceIfExists / touch: "Yes (fails if missing)"
    await expect(session.update(k).bin('a').setTo(1).execute()).rejects.toMatchObject({ resultCode: ResultCode.KEY_NOT_FOUND_ERROR });
    await expect(session.replaceIfExists(k).put({ a: 1 }).execute()).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(session.touch(k).expireRecordAfterSeconds(600).execute()).rejects.toMatchObject({ resultCode: ResultCode.KEY_NOT_FOUND_ERROR });
    // delete / exists: "No" — a missing record is an answer, not a failure
    expect((await (await session.delete(k).execute()).first())?.resultCode).toBe(ResultCode.KEY_NOT_FOUND_ERROR);
    expect((await (await session.exists(k).execute()).first())?.asBool()).toBe(false);
    // insert: "No (fails if exists)"
    await session.insert(k).put({ a: 1, b: 2 }).execute();
    await expect(session.insert(k).put({ a: 9 }).execute()).rejects.toBeInstanceOf(RecordExistsError);
    // upsert: create or update (merges the named bins)
    await session.upsert(k).put({ c: 3 }).execute();
    expect((await session.get(k))?.bins).toEqual({ a: 1, b: 2, c: 3 });
    // update now applies; replaceIfExists replaces all bins
    await session.update(k).bin('a').setTo(10).execute();
    await session.replaceIfExists(k).put({ only: true }).execute();
    expect((await session.get(k))?.bins).toEqual({ only: true });
    // touch: "Reset TTL"
    await session.touch(k).expireRecordAfterSeconds(600).execute();
    const ttl = (await session.get(k))?.ttl ?? 0;
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
    expect((await (await session.exists(k).execute()).first())?.asBool()).toBe(true);
    // replace: the Session API page's "unconditional replace" (its table row says "fails if
    // missing"; the Session API page sends that case to replace_if_exists)
    await session.delete(k).execute();
    await session.replace(k).put({ fresh: 1 }).execute();
    expect((await session.get(k))?.bins).toEqual({ fresh: 1 });
  });

  it('GeoJSON Bins: a Point, an AeroCircle and a Polygon are GEOJSON particles', async () => {
    const circle = '{"type":"AeroCircle","coordinates":[[-122.349,47.620],500]}';
    const polygon = '{"type":"Polygon","coordinates":[[[-122.36,47.61],[-122.34,47.61],[-122.34,47.63],[-122.36,47.63],[-122.36,47.61]]]}';
    await session.upsert(places.id('space_needle')).bin('loc').setToGeoJson('{"type":"Point","coordinates":[-122.349,47.620]}').execute();
    await session.upsert(places.id('circle')).bin('area').setToGeoJson(circle).execute();
    await session.upsert(places.id('polygon')).bin('area').setToGeoJson(polygon).execute();
    const point = (await session.get(places.id('space_needle')))?.bins['loc'];
    expect(point).toBeInstanceOf(GeoJSON);
    expect(JSON.parse((point as GeoJSON).value)).toEqual({ type: 'Point', coordinates: [-122.349, 47.62] });
    for (const [id, json] of [['circle', circle], ['polygon', polygon]] as const) {
      const v = (await session.get(places.id(id)))?.bins['area'];
      expect(v).toBeInstanceOf(GeoJSON);
      expect(JSON.parse((v as GeoJSON).value)).toEqual(JSON.parse(json));
    }
  });

  itUnlessEmulatorLacks('geo')('GeoJSON Bins: eligible for GEO2DSPHERE indexing and geoCompare() queries', async () => {
    const region = '{"type":"Polygon","coordinates":[[[-122.36,47.61],[-122.34,47.61],[-122.34,47.63],[-122.36,47.63],[-122.36,47.61]]]}';
    await session.upsert(places.id('space_needle')).bin('loc').setToGeoJson('{"type":"Point","coordinates":[-122.349,47.620]}').execute();
    await session.upsert(places.id('eiffel')).bin('loc').setToGeoJson('{"type":"Point","coordinates":[2.2945,48.8584]}').execute();
    // a string holding the same text is not a GeoJSON value: the query ignores it
    await session.upsert(places.id('as_string')).bin('loc').setTo('{"type":"Point","coordinates":[-122.349,47.620]}').execute();
    const where = `geoCompare($.loc, geoJson('${region}'))`;
    const scanned = await (await session.query(places).where(where).execute()).collect();
    expect(scanned.map((r) => r.key.value)).toEqual(['space_needle']);
    const name = `${places.setName}_loc`;
    await session.index(places).onBin('loc').named(name).geo2dsphere().create();
    try {
      const q = session.query(places).where(where);
      expect((await q.plan()).indexName).toBe(name);
      expect((await (await q.execute()).collect()).map((r) => r.key.value)).toEqual(['space_needle']);
    } finally {
      await session.index(places).named(name).drop();
    }
  });

  itUnlessEmulatorLacks('bit-hll')('HyperLogLog Bins: hllInit(createOnly, noFail) creates the sketch once and then leaves it alone', async () => {
    const k = visitors.id('day_2');
    await session.delete(k).execute();
    await session.upsert(k).bin('h').hllInit(HllConfig.of(14), { createOnly: true, noFail: true }).execute();
    let r = await (await session.query(k).bin('h').hllDescribe().execute()).firstOrRaise();
    expect(r.getHllConfig('h')).toEqual({ indexBitCount: 14, minHashBitCount: 0 });
    await session.upsert(k).bin('h').hllAdd(['user-1', 'user-2']).execute();
    // "don't error if it does": the existing sketch and its elements stay
    await session.upsert(k).bin('h').hllInit(HllConfig.of(10), { createOnly: true, noFail: true }).execute();
    r = await (await session.query(k).bin('h').hllDescribe().bin('h').hllGetCount().execute()).firstOrRaise();
    expect(r.record?.bins['h']).toEqual([[14, 0], 2]);
    // without noFail the create-only init fails on the existing bin
    await expect(session.upsert(k).bin('h').hllInit(HllConfig.of(14), { createOnly: true }).execute()).rejects.toMatchObject({ resultCode: ResultCode.BIN_EXISTS_ERROR });
  });

  it('Conditional Writes: where() skips records that do not match; failOnFilteredOut() raises FILTERED_OUT', async () => {
    const adult = users.id('adult');
    const minor = users.id('minor');
    await session.upsert(adult).put({ age: 30 }).execute();
    await session.upsert(minor).put({ age: 12 }).execute();
    const done = await (await session.update(adult).where('$.age >= 18').bin('verified').setTo(true).execute()).first();
    expect(done?.isOk).toBe(true);
    const skipped = await (await session.update(minor).where('$.age >= 18').bin('verified').setTo(true).execute()).first();
    expect(skipped?.resultCode).toBe(ResultCode.FILTERED_OUT);
    expect((await session.get(adult))?.bins).toEqual({ age: 30, verified: true });
    expect((await session.get(minor))?.bins).toEqual({ age: 12 });
    const err = await session.update(minor).where('$.age >= 18').failOnFilteredOut().bin('verified').setTo(true).execute().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FilteredOutError);
    expect((err as FilteredOutError).resultCode).toBe(ResultCode.FILTERED_OUT);
    expect((await session.get(minor))?.bins).toEqual({ age: 12 });
    await session.update(adult).where('$.age >= 18').failOnFilteredOut().bin('verified').setTo(false).execute();
    expect((await session.get(adult))?.bins['verified']).toBe(false);
    // several keys: the skipped one is in the stream, not raised
    const many = await (await session.update(adult, minor).where('$.age >= 18').bin('checked').setTo(1).execute()).collect();
    expect(many.map((r) => r.resultCode)).toEqual([ResultCode.OK, ResultCode.FILTERED_OUT]);
  });

  it('execute() vs executeStream(): buffered writes are done on return; streamed results carry their index; per-key errors are inline', async () => {
    const [key1, key2] = [users.id('s1'), users.id('s2')];
    await session.delete(key1, key2).execute();
    // execute(): awaited and discarded — reads right after observe the writes
    await session.batch().upsert(key1).bin('v').setTo(1).upsert(key2).bin('v').setTo(2).execute();
    expect([(await session.get(key1))?.bins['v'], (await session.get(key2))?.bins['v']]).toEqual([1, 2]);
    // executeStream(): iterate as results arrive
    const seen: Array<[number, boolean, unknown]> = [];
    for await (const result of await session.batch().upsert(key1).bin('v').setTo(10).upsert(key2).bin('v').setTo(20).executeStream()) seen.push([result.index, result.isOk, result.key.value]);
    expect(seen.sort((a, b) => a[0] - b[0])).toEqual([[0, true, 's1'], [1, true, 's2']]);
    // collect + sort when positional ordering is needed
    const stream = await session.batch().upsert(key1).bin('v').setTo(11).insert(key2).bin('v').setTo(21).executeStream();
    const results = await stream.collect();
    results.sort((a, b) => a.index - b.index);
    expect(results.map((r) => [r.index, r.isOk, r.key.value])).toEqual([[0, true, 's1'], [1, false, 's2']]);
    // the failure of key2 (insert of an existing record) is inline: isOk false, exception set
    expect(results[1]?.resultCode).toBe(ResultCode.KEY_EXISTS_ERROR);
    expect(results[1]?.exception).toBeInstanceOf(RecordExistsError);
    expect((await session.get(key2))?.bins['v']).toBe(20);
  });
});

describeServer('fluent seed: the Session API page', () => {
  let client: Client;
  let session: Session;
  const users = DataSet.of(NAMESPACE, uniqueSet('sf_sess'));

  beforeAll(async () => {
    client = await new Client(HOSTS as string).connect();
    session = client.createSession(Behavior.DEFAULT);
  });
  afterAll(async () => {
    await session?.truncate(users).catch(() => undefined);
    await client?.close();
  });

  it('class example: async with Client(...) → await using; create_session, query().first_or_raise, upsert', async () => {
    await session.put(users.id(1), { name: 'Ann' });
    let outer: Session;
    {
      await using c = await new Client(HOSTS as string).connect();
      const s = c.createSession(Behavior.DEFAULT);
      outer = s;
      expect(s.behavior).toBe(Behavior.DEFAULT);
      const stream = await s.query(users.id(1)).execute();
      const first = await stream.firstOrRaise();
      expect(first.record?.bins).toEqual({ name: 'Ann' });
      await s.upsert(users.id(2)).put({ name: 'Tim' }).execute();
    }
    expect((await session.get(users.id(2)))?.bins).toEqual({ name: 'Tim' });
    // leaving the block closed that client
    await expect(outer.get(users.id(1))).rejects.toBeInstanceOf(ClientClosedError);
  });

  it('get_current_transaction(): null outside a transaction; begin_transaction()/transaction_session() need Enterprise Edition (25)', async () => {
    expect(session.getCurrentTransaction()).toBeNull();
    if (!(await clusterNodes()).every((n) => /community/i.test(n.edition))) return;
    for (const begin of [() => session.beginTransaction(), () => session.transactionSession()]) {
      let err: unknown;
      try {
        begin();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ServerError);
      expect((err as ServerError).resultCode).toBe(ResultCode.ENTERPRISE_ONLY);
    }
    // do_in_transaction: max_attempts < 1 is refused before anything else
    await expect(session.doInTransaction(async () => 'ok', { maxAttempts: 0 })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('get(): the record, its bins by name, and an optional projection', async () => {
    await session.put(users.id(1), { name: 'Tim', age: 30 });
    const rec = await session.get(users.id(1));
    const name = rec?.bins['name'];
    expect(name).toBe('Tim');
    expect((await session.get(users.id(1), ['age']))?.bins).toEqual({ age: 30 });
    // the SDK raises KEY_NOT_FOUND_ERROR here; this client answers null (docs/fluent.md "Reading")
    expect(await session.get(users.id('nobody'))).toBeNull();
  });

  it('put(): a direct upsert that returns nothing; an empty mapping is refused before the wire (the server answers PARAMETER_ERROR to an empty write)', async () => {
    const k = users.id('put');
    await session.delete(k).execute();
    expect(await session.put(k, { name: 'Tim', age: 30 })).toBeUndefined();
    expect((await session.get(k))?.bins).toEqual({ name: 'Tim', age: 30 });
    await session.put(k, { age: 31 });
    expect((await session.get(k))?.bins).toEqual({ name: 'Tim', age: 31 });
    // the page says "An empty mapping is permitted"; a write without bins is PARAMETER_ERROR (4)
    // on a real server, so this client refuses it at the call and the record stays as it was
    const before = await session.get(k);
    await expect(session.put(k, {})).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(await session.get(k)).toEqual(before);
  });

  it('batch(): insert, update…add, upsert and delete in one call; a row per key with its result code', async () => {
    const [key1, key2, key3, key4] = users.ids('b1', 'b2', 'b3', 'b4') as [ReturnType<typeof users.id>, ReturnType<typeof users.id>, ReturnType<typeof users.id>, ReturnType<typeof users.id>];
    await session.delete(key1, key2, key3, key4).execute();
    await session.put(key2, { counter: 5 });
    await session.put(key4, { x: 1 });
    const results = await session.batch().insert(key1).put({ name: 'Alice', age: 25 }).update(key2).bin('counter').add(1).upsert(key3).put({ status: 'active' }).delete(key4).execute();
    const rows: Array<[unknown, number]> = [];
    for await (const row of results) rows.push([row.key.value, row.resultCode]);
    expect(rows).toEqual([['b1', 0], ['b2', 0], ['b3', 0], ['b4', 0]]);
    expect((await session.get(key1))?.bins).toEqual({ name: 'Alice', age: 25 });
    expect((await session.get(key2))?.bins).toEqual({ counter: 6 });
    expect((await session.get(key3))?.bins).toEqual({ status: 'active' });
    expect(await session.get(key4)).toBeNull();
  });

  it('background_task(): delete where $.flag == 1, then wait_till_complete(sleep_time=0.2, max_attempts=50)', async () => {
    const scratch = DataSet.of(NAMESPACE, uniqueSet('sf_scratch'));
    for (let i = 0; i < 8; i++) await session.put(scratch.id(i), { flag: i % 2 });
    const task = await session.backgroundTask().delete(scratch).where('$.flag == 1').execute();
    await task.waitTillComplete(200, 50 * 200);
    expect(await task.isDone()).toBe(true);
    const left = await (await session.query(scratch).execute()).collect();
    expect(left.map((r) => r.key.value).sort()).toEqual([0, 2, 4, 6]);
    await session.truncate(scratch);
  });

  it('query(key).bins(["name"]) and query(keys).bins(["name"]): only the named bins', async () => {
    for (const i of [1, 2, 3]) await session.put(users.id(i), { name: `u${i}`, age: 20 + i });
    const rs = await session.query(users.id(1)).bins(['name']).execute();
    const row = await rs.firstOrRaise();
    expect(row.record?.bins).toEqual({ name: 'u1' });
    const rows = await (await session.query(users.ids(1, 2, 3)).bins(['name']).execute()).collect();
    expect(rows.map((r) => r.record?.bins)).toEqual([{ name: 'u1' }, { name: 'u2' }, { name: 'u3' }]);
    expect(() => session.upsert(users.id(1)).bins(['name'])).toThrow(InvalidArgumentError);
  });

  it('info(): a raw command, namespaces() and info_on_all_nodes("build")', async () => {
    await session.index(users).onBin('age').named(`${users.setName}_age`).numeric().create();
    try {
      const response = await session.info('sindex-list');
      // one node's answer by command (the SDK's page says node -> response: see docs/seed-coverage.md)
      expect(response.get('sindex-list')).toContain(`indexname=${users.setName}_age`);
    } finally {
      await session.index(users).named(`${users.setName}_age`).drop();
    }
    const info = session.info();
    expect(await info.namespaces()).toContain(NAMESPACE);
    const byNode = await info.infoOnAllNodes('build');
    const build = await info.build();
    expect([...byNode.keys()].sort()).toEqual((await clusterNodes()).map((n) => n.name).sort());
    expect([...byNode.values()].every((b) => b === build)).toBe(true);
  });

  it('is_namespace_sc(): false for an AP namespace; an unknown namespace raises', async () => {
    const lines: string[] = [];
    if (await session.isNamespaceSc(NAMESPACE)) lines.push(`Namespace '${NAMESPACE}' is in strong consistency mode`);
    else lines.push(`Namespace '${NAMESPACE}' is in AP (availability) mode`);
    expect(lines).toEqual([`Namespace '${NAMESPACE}' is in AP (availability) mode`]);
    await expect(session.isNamespaceSc('no_such_ns')).rejects.toBeInstanceOf(AerospikeError);
  });

  it('delete(users.id(1)) and delete(users.ids(10, 11)) (a list of keys)', async () => {
    for (const i of [1, 10, 11]) await session.put(users.id(i), { v: i });
    await session.delete(users.id(1)).execute();
    await session.delete(users.ids(10, 11)).execute();
    const ex = await (await session.exists(users.ids(1, 10, 11)).execute()).collect();
    expect(ex.map((r) => r.asBool())).toEqual([false, false, false]);
  });

  it('exists(): (await rs.first()).asBool()', async () => {
    await session.put(users.id(1), { v: 1 });
    const rs = await session.exists(users.id(1)).execute();
    expect((await rs.first())?.asBool()).toBe(true);
    await session.delete(users.id(1)).execute();
    expect((await (await session.exists(users.id(1)).execute()).first())?.asBool()).toBe(false);
  });

  it('truncate(users) removes every record; truncate(users, 24 hours ago) keeps records written since', async () => {
    const ds = DataSet.of(NAMESPACE, uniqueSet('sf_trunc'));
    for (let i = 0; i < 3; i++) await session.put(ds.id(i), { v: i });
    const cutoff = BigInt(Date.now()) * 1_000_000n - 24n * 60n * 60n * 10n ** 9n;
    await session.truncate(ds, cutoff);
    expect(await (await session.query(ds).execute()).collect()).toHaveLength(3);
    await session.truncate(ds);
    expect(await (await session.query(ds).execute()).collect()).toHaveLength(0);
    expect(await session.get(ds.id(0))).toBeNull();
  });
});
