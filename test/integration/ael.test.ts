import { type AerospikeClient, GeoJSON, Key, parseAel } from '@aerospike-ts/core';
import { Behavior, Client, DataSet } from '@aerospike-ts/fluent';
import * as aerospike from '@aerospike-ts/classic';
import { connectCore, HOSTS, NAMESPACE, uniqueSet, describeServer } from '../helpers/env';

interface Row {
  id: number;
  age: number;
  name: string;
  score: number;
  active: boolean;
}

describeServer('AEL filters select exactly the records the same predicate selects in TypeScript', () => {
  let client: AerospikeClient;
  const set = uniqueSet('ael');
  const names = ['Tim', 'Ann', 'Bob', 'Eve'];
  const rows: Row[] = Array.from({ length: 60 }, (_, id) => ({ id, age: (id * 7) % 50, name: names[id % 4] as string, score: (id % 10) + 0.5, active: id % 3 === 0 }));

  beforeAll(async () => {
    client = await connectCore();
    for (const r of rows) await client.put(new Key(NAMESPACE, set, r.id), { ...r });
  });
  afterAll(async () => {
    await client?.close();
  });

  it.each<[string, (r: Row) => boolean]>([
    ['$.age >= 18', (r) => r.age >= 18],
    ["$.age >= 18 and $.name == 'Tim'", (r) => r.age >= 18 && r.name === 'Tim'],
    ["$.name == 'Ann' or $.name == 'Bob'", (r) => r.name === 'Ann' || r.name === 'Bob'],
    ["$.name in ['Eve', 'Tim'] and not ($.age < 10)", (r) => ['Eve', 'Tim'].includes(r.name) && !(r.age < 10)],
    ['$.score > 5.0', (r) => r.score > 5],
    ['$.age % 2 == 0 and $.active == true', (r) => r.age % 2 === 0 && r.active],
    ['$.age + $.id > 60', (r) => r.age + r.id > 60],
    ['$.age * 2 - 10 < $.id', (r) => r.age * 2 - 10 < r.id],
    ['$.missing.exists() or $.age == 0', (r) => r.age === 0],
    ['$.id & 3 == 1', (r) => (r.id & 3) === 1],
    ["when ($.age >= 40 => 'senior', $.age >= 18 => 'adult', default => 'minor') == 'adult'", (r) => r.age < 40 && r.age >= 18],
    ['when ($.active == true => $.score, default => 0.0) > 4.0', (r) => (r.active ? r.score : 0) > 4]
  ])('%s', async (text, predicate) => {
    const got = (await client.scan(NAMESPACE, set, { filterExpression: parseAel(text) }).toArray()).map((r) => r.bins['id'] as number).sort((a, b) => a - b);
    expect(got).toEqual(rows.filter(predicate).map((r) => r.id));
  });

  it('geoCompare with a geoJson() region selects the points inside it', async () => {
    const geoSet = `${set}_geo`.slice(0, 63);
    // points 0.01 degrees apart eastwards from (-122.0, 37.5): about 880 m each
    for (let i = 0; i < 6; i++) await client.put(new Key(NAMESPACE, geoSet, i), { id: i, loc: new GeoJSON({ type: 'Point', coordinates: [-122.0 + i * 0.01, 37.5] }) });
    const circle = '{"type":"AeroCircle","coordinates":[[-122.0,37.5],2000]}';
    const got = (await client.scan(NAMESPACE, geoSet, { filterExpression: parseAel(`geoCompare($.loc, geoJson('${circle}'))`) }).toArray()).map((r) => r.bins['id']).sort();
    expect(got).toEqual([0, 1, 2]);
  });

  it('works from the fluent where() and classic filter_expression', async () => {
    const fc = await new Client(HOSTS as string).connect();
    try {
      const session = fc.createSession(Behavior.DEFAULT);
      const ds = DataSet.of(NAMESPACE, set);
      const hit = await (await session.query(ds.id(3)).where('$.age >= ?0', 18).execute()).first();
      expect(hit?.record?.bins['id']).toBe(3);
      const miss = await (await session.query(ds.id(1)).where('$.age >= ?0', 18).execute()).first();
      expect(miss?.resultCode).toBe(27);
    } finally {
      await fc.close();
    }
    const [host, port] = (HOSTS as string).split(',')[0]?.split(':') ?? [];
    const cc = await aerospike.client({ hosts: [[host as string, Number(port)]] }).connect();
    try {
      expect((await cc.get([NAMESPACE, set, 3], { filter_expression: "$.name == 'Tim' or $.age == 21" })).bins?.['id']).toBe(3);
      await expect(cc.get([NAMESPACE, set, 1], { filter_expression: '$.age > 100' })).rejects.toBeInstanceOf(aerospike.FilteredOut);
    } finally {
      await cc.close();
    }
  });
});
