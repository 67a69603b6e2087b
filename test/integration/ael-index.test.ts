import { type AerospikeClient, compileAel, IndexType, Key, planAelQuery, SindexCatalog } from '@aerospike-ts/core';
import { connectCore, describeServer, NAMESPACE, uniqueSet } from '../helpers/env';

describeServer('AEL where strings are served by a secondary index when one fits', () => {
  let client: AerospikeClient;
  const set = uniqueSet('ael_idx');
  const indexName = `${set}_age`;
  const rows = Array.from({ length: 50 }, (_, id) => ({ id, age: (id * 11) % 70, name: ['Tim', 'Ann', 'Bob'][id % 3] as string }));

  beforeAll(async () => {
    client = await connectCore();
    for (const r of rows) await client.put(new Key(NAMESPACE, set, r.id), r);
    await client.createIndex({ namespace: NAMESPACE, set, name: indexName, bin: 'age', type: IndexType.NUMERIC });
  });
  afterAll(async () => {
    await client?.dropIndex(NAMESPACE, indexName).catch(() => undefined);
    await client?.close();
  });

  it.each<[string, (r: (typeof rows)[number]) => boolean]>([
    ['$.age >= 18 and $.age < 40', (r) => r.age >= 18 && r.age < 40],
    ["$.age > 30 and $.name == 'Tim'", (r) => r.age > 30 && r.name === 'Tim'],
    ['$.age == 33', (r) => r.age === 33]
  ])('%s: the planner picks the index and the results equal the predicate', async (text, predicate) => {
    const catalog = new SindexCatalog(client);
    const indexes = await catalog.indexes(NAMESPACE);
    expect(indexes.map((i) => i.name)).toContain(indexName);
    const plan = planAelQuery(compileAel(text), NAMESPACE, set, indexes);
    expect(plan.index?.name).toBe(indexName);
    expect(plan.indexFilter?.bin).toBe('age');
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
