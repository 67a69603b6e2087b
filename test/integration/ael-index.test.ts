import { type AerospikeClient, compileAel, Ctx, IndexCollectionType, IndexType, Key, packContext, planAelQuery, SindexCatalog } from '@aerospike-ts/core';
import { connectCore, NAMESPACE, uniqueSet, describeServer, emulatorLacks } from '../helpers/env';

describeServer('AEL where strings are served by a secondary index when one fits', () => {
  let client: AerospikeClient;
  const set = uniqueSet('ael_idx');
  const indexName = `${set}_age`;
  const tagsIndex = `${set}_tags`;
  const scoreIndex = `${set}_score`;
  const colors = ['red', 'green', 'blue'];
  const rows = Array.from({ length: 50 }, (_, id) => ({
    id,
    age: (id * 11) % 70,
    name: ['Tim', 'Ann', 'Bob'][id % 3] as string,
    tags: [colors[id % 3] as string, colors[(id * 2) % 3] as string],
    stats: { score: id % 8, level: id % 4 }
  }));

  beforeAll(async () => {
    client = await connectCore();
    for (const r of rows) await client.put(new Key(NAMESPACE, set, r.id), r);
    await client.createIndex({ namespace: NAMESPACE, set, name: indexName, bin: 'age', type: IndexType.NUMERIC });
    await client.createIndex({ namespace: NAMESPACE, set, name: tagsIndex, bin: 'tags', type: IndexType.STRING, collection: IndexCollectionType.LIST });
    await client.createIndex({ namespace: NAMESPACE, set, name: scoreIndex, bin: 'stats', type: IndexType.NUMERIC, context: packContext([Ctx.mapKey('score')]) });
  });
  afterAll(async () => {
    for (const n of [indexName, tagsIndex, scoreIndex]) await client?.dropIndex(NAMESPACE, n).catch(() => undefined);
    await client?.close();
  });

  type Case = [string, string, (r: (typeof rows)[number]) => boolean];
  const cases: Case[] = [
    ['$.age >= 18 and $.age < 40', 'age', (r) => r.age >= 18 && r.age < 40],
    ["$.age > 30 and $.name == 'Tim'", 'age', (r) => r.age > 30 && r.name === 'Tim'],
    ['$.age == 33', 'age', (r) => r.age === 33],
    ["'blue' in $.tags and $.name != 'Tim'", 'tags', (r) => r.tags.includes('blue') && r.name !== 'Tim'],
    ['$.stats.score >= 5 and $.stats.level == 1', 'score', (r) => r.stats.score >= 5 && r.stats.level === 1]
  ];
  // The emulator has no indexes on a path inside a collection bin (docs/emulator.md).
  const lacksCtxIndex = emulatorLacks('cdt-index');
  if (lacksCtxIndex) it.skip('$.stats.score index (emulator lacks cdt-index)', () => undefined);
  it.each(cases.filter((c) => !lacksCtxIndex || c[1] !== 'score'))('%s: the planner picks the %s index and the results equal the predicate', async (text, which, predicate) => {
    const chosen = `${set}_${which}`;
    const catalog = new SindexCatalog(client);
    const indexes = await catalog.indexes(NAMESPACE);
    expect(indexes.map((i) => i.name)).toEqual(expect.arrayContaining([indexName, tagsIndex, scoreIndex]));
    const plan = planAelQuery(compileAel(text), NAMESPACE, set, indexes);
    expect(plan.index?.name).toBe(chosen);
    const got = await client
      .query({ namespace: NAMESPACE, set, filter: plan.indexFilter }, plan.filterExpression === null ? {} : { filterExpression: plan.filterExpression })
      .toArray();
    const ids = got.map((r) => r.bins['id'] as number).sort((a, b) => a - b);
    expect(ids).toEqual(rows.filter(predicate).map((r) => r.id));
    // the same filter without the index (a scan) agrees
    const scanned = planAelQuery(compileAel(text), NAMESPACE, set, indexes, { noIndex: true });
    expect(scanned.indexFilter).toBeNull();
    const viaScan = (await client.scan(NAMESPACE, set, scanned.filterExpression === null ? {} : { filterExpression: scanned.filterExpression }).toArray()).map((r) => r.bins['id'] as number).sort((a, b) => a - b);
    expect(viaScan).toEqual(ids);
  });
});
