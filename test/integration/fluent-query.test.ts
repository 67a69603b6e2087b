import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Behavior, Client, Ctx, DataSet, Exp, type RecordResult, type Session } from '@aerospike-ts/fluent';
import { AelError, InvalidArgumentError } from '@aerospike-ts/core';
import { describeServer, HOSTS, NAMESPACE, uniqueSet, itUnlessEmulatorLacks } from '../helpers/env';

const UDF = `
function bump(rec, by)
  rec['n'] = (rec['n'] or 0) + by
  aerospike:update(rec)
end
`;

// Dataset queries, secondary indexes, background tasks and info helpers of the fluent API.
describeServer('fluent API: queries, indexes, background tasks', () => {
  let client: Client;
  let session: Session;
  const set = uniqueSet('fq_people');
  const people = DataSet.of<{ name: string; age: number; city: string; n?: number }>(NAMESPACE, set);
  const indexName = `${set}_age`;
  const cities = ['Paris', 'Oslo', 'Rome'];

  async function ages(results: Array<RecordResult<{ age: number }>>): Promise<number[]> {
    return results.map((r) => r.recordOrRaise().bins.age).sort((a, b) => a - b);
  }

  beforeAll(async () => {
    client = await new Client(HOSTS as string).connect();
    session = client.createSession(Behavior.DEFAULT);
    for (let i = 0; i < 30; i++) await session.upsert(people.id(i)).put({ name: `p${i}`, age: i, city: cities[i % 3] as string }).execute();
  });
  afterAll(async () => {
    await session?.index(people).named(indexName).drop().catch(() => undefined);
    await session?.truncate(people).catch(() => undefined);
    await client?.close();
  });

  it('scans a dataset with bins(), withNoBins(), where() and limit()', async () => {
    const all = await (await session.query(people).execute()).collect();
    expect(all).toHaveLength(30);
    expect(all.every((r) => r.isOk && r.key.namespace === NAMESPACE)).toBe(true);

    const named = await (await session.query(people).bins('name').execute()).collect();
    expect(Object.keys(named[0]?.record?.bins ?? {})).toEqual(['name']);

    const bare = await (await session.query(people).withNoBins().execute()).collect();
    expect(bare).toHaveLength(30);
    expect(bare.every((r) => Object.keys(r.record?.bins ?? { x: 1 }).length === 0)).toBe(true);

    const adults = await (await session.query(people).where('$.age >= 18 and $.city == ?0', 'Paris').execute()).collect();
    expect(await ages(adults)).toEqual([18, 21, 24, 27]);

    const byExp = await (await session.query(people).where(Exp.build(Exp.lt(Exp.intBin('age'), Exp.val(3)))).execute()).collect();
    expect(await ages(byExp)).toEqual([0, 1, 2]);

    expect(await (await session.query(people).limit(7).execute()).collect()).toHaveLength(7);
  });

  it('fails before the wire on a where() that does not parse and on bad arguments', () => {
    expect(() => session.query(people).where('$.age >=')).toThrow(AelError);
    expect(() => session.query(people).limit(0)).toThrow(InvalidArgumentError);
    expect(() => session.query(people).onPartitionRange(10, 5)).toThrow(InvalidArgumentError);
  });

  it('reads chosen partitions and pages through a dataset in chunks', async () => {
    const all = await (await session.query(people).execute()).collect();
    const pid = (r: RecordResult): number => r.key.digest.readUInt16LE(0) & 0x0fff;
    const firstPid = pid(all[0] as RecordResult);
    const inOne = await (await session.query(people).onPartitions(firstPid).execute()).collect();
    expect(inOne.length).toBeGreaterThan(0);
    expect(inOne.every((r) => pid(r) === firstPid)).toBe(true);
    const lower = await (await session.query(people).onPartitionRange(0, 2048).execute()).collect();
    expect(lower.every((r) => pid(r) < 2048)).toBe(true);
    expect(lower.length).toBe(all.filter((r) => pid(r) < 2048).length);

    const stream = await session.query(people).chunkSize(8).execute();
    const seen = new Set<string>();
    let chunks = 0;
    do {
      const chunk = await stream.collect();
      expect(chunk.length).toBeLessThanOrEqual(8);
      for (const r of chunk) seen.add(r.key.digest.toString('hex'));
      chunks++;
    } while (await stream.hasMoreChunks());
    expect(seen.size).toBe(30);
    expect(chunks).toBeGreaterThanOrEqual(4);
  });

  it('resumes a query from the partition state of a stopped one', async () => {
    const first = await session.query(people).maxRecords(10).execute();
    const page1 = await first.collect();
    const state = first.partitionState();
    expect(state).toBeDefined();
    const rest = await (await session.query(people).resumeFrom(state ?? []).execute()).collect();
    const keys = new Set([...page1, ...rest].map((r) => r.key.digest.toString('hex')));
    expect(page1.length + rest.length).toBe(30);
    expect(keys.size).toBe(30);
  });

  it('creates a numeric index, uses it for where(), and drops it', async () => {
    expect((await session.query(people).where('$.age >= 20').plan()).indexName).toBeNull();
    await session.index(people).onBin('age').named(indexName).numeric().create();
    const q = session.query(people).where('$.age >= 20 and $.city == "Rome"');
    const plan = await q.plan();
    expect(plan.indexName).toBe(indexName);
    expect(plan.indexFilter?.bin).toBe('age');
    expect(await ages(await (await q.execute()).collect())).toEqual([20, 23, 26, 29]);
    expect((await session.query(people).where('$.age >= 20').withHint({ noIndex: true }).plan()).indexName).toBeNull();
    await session.index(people).named(indexName).drop();
    expect((await session.info().secondaryIndexes(NAMESPACE)).some((i) => i.get('indexname') === indexName)).toBe(false);
    expect((await session.query(people).where('$.age >= 20').plan()).indexName).toBeNull();
  });

  itUnlessEmulatorLacks('udf')('runs background updates, touches, UDFs and deletes over the dataset', async () => {
    const bgSet = DataSet.of(NAMESPACE, uniqueSet('fq_bg'));
    for (let i = 0; i < 10; i++) await session.put(bgSet.id(i), { v: i });
    const task = await session.backgroundTask().update(bgSet).bin('flag').setTo('big').where('$.v >= 5').execute();
    await task.waitTillComplete(20);
    expect(await task.isDone()).toBe(true);
    const flagged = await (await session.query(bgSet).where('$.flag == "big"').execute()).collect();
    expect(flagged.map((r) => r.record?.bins['v']).sort()).toEqual([5, 6, 7, 8, 9]);

    await (await session.backgroundTask().touch(bgSet).expireRecordAfterSeconds(5000).execute()).waitTillComplete(20);
    const touched = await (await session.query(bgSet).execute()).collect();
    expect(touched.every((r) => (r.record?.ttl ?? 0) > 4000 && (r.record?.ttl ?? 0) <= 5000)).toBe(true);

    const dir = mkdtempSync(join(tmpdir(), 'fq-'));
    writeFileSync(join(dir, 'fq_bump.lua'), UDF);
    await client.registerUdfFromFile(join(dir, 'fq_bump.lua'));
    expect(await session.info().udfs()).toContain('fq_bump.lua');
    await (await session.backgroundTask().executeUdf(bgSet).function('fq_bump', 'bump').passing(10).where('$.v < 2').execute()).waitTillComplete(20);
    expect((await session.get(bgSet.id(1)))?.bins['n']).toBe(10);
    expect((await session.get(bgSet.id(3)))?.bins['n']).toBeUndefined();

    await (await session.backgroundTask().delete(bgSet).where('$.v < 5').execute()).waitTillComplete(20);
    expect(await (await session.query(bgSet).execute()).collect()).toHaveLength(5);
    expect(() => session.backgroundTask().delete(bgSet).bin('x').setTo(1)).toThrow(InvalidArgumentError);
    await client.removeUdf('fq_bump.lua');
    await session.truncate(bgSet);
  });

  it('creates collection and nested-context indexes', async () => {
    const tagged = DataSet.of(NAMESPACE, uniqueSet('fq_tags'));
    await session.put(tagged.id(1), { tags: ['a', 'b'], prefs: { langs: { ts: 1 } } });
    const listName = `${tagged.setName}_tags`;
    const ctxName = `${tagged.setName}_langs`;
    await session.index(tagged).onBin('tags').named(listName).string().collection('list').create();
    await session.index(tagged).onBin('prefs').named(ctxName).string().collection('mapKeys').context([Ctx.mapKey('langs')]).create();
    try {
      const found = await session.info().secondaryIndexes(NAMESPACE);
      const list = found.find((i) => i.get('indexname') === listName);
      const nested = found.find((i) => i.get('indexname') === ctxName);
      expect([list?.get('indextype'), list?.get('type')]).toEqual(['list', 'string']);
      expect(nested?.get('indextype')).toBe('mapkeys');
      expect(nested?.get('context')).not.toBe('null');
    } finally {
      await session.index(tagged).named(listName).drop();
      await session.index(tagged).named(ctxName).drop();
      await session.truncate(tagged);
    }
  });

  it('answers info helpers', async () => {
    expect(await session.info().namespaces()).toContain(NAMESPACE);
    expect(await session.isNamespaceSc(NAMESPACE)).toBe(false);
    expect((await session.info().namespaceDetails(NAMESPACE)).get('replication-factor')).toMatch(/^\d+$/);
    expect((await session.info('build')).get('build')).toMatch(/^\d+\./);
  });
});
