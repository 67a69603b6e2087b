import * as aerospike from '@aerospike-ts/classic';
import { describeServer, HOSTS, NAMESPACE, uniqueSet } from '../helpers/env';

describeServer('classic API: queries, scans and collection operations', () => {
  let client: aerospike.AsyncClient;
  const set = uniqueSet('classic_q');
  const idx = `cq_${set}`.slice(0, 60);

  beforeAll(async () => {
    const [host, port] = (HOSTS as string).split(',')[0]?.split(':') ?? [];
    client = await aerospike.client({ hosts: [[host as string, Number(port)]] }).connect();
    for (let i = 0; i < 20; i++) await client.put([NAMESPACE, set, i], { n: i, tags: [`t${i % 3}`], m: { k: i } }, undefined, { key: aerospike.POLICY_KEY_SEND });
    await client.index_integer_create(NAMESPACE, set, 'n', idx);
  }, 60_000);
  afterAll(async () => {
    await client.index_remove(NAMESPACE, idx).catch(() => undefined);
    await client?.close();
  });

  it('queries with a predicate and selected bins, and streams with for await', async () => {
    const query = client.query(NAMESPACE, set);
    query.select('n');
    query.where(aerospike.predicates.between('n', 5, 9));
    const records = await query.results();
    expect(records.map((r) => r.bins?.['n']).sort((a, b) => (a as number) - (b as number))).toEqual([5, 6, 7, 8, 9]);
    expect(records.every((r) => Object.keys(r.bins ?? {}).join() === 'n')).toBe(true);
    expect(records.every((r) => r.key?.[2] === r.bins?.['n'])).toBe(true);
    let n = 0;
    for await (const r of client.query(NAMESPACE, set).stream()) {
      expect(r.meta?.gen).toBe(1);
      n++;
    }
    expect(n).toBe(20);
  });

  it('foreach stops when the callback returns false; scans see every record', async () => {
    let seen = 0;
    await client.scan(NAMESPACE, set).foreach(() => {
      seen++;
      return seen < 3 ? undefined : false;
    });
    expect(seen).toBe(3);
    expect((await client.scan(NAMESPACE, set).results()).length).toBe(20);
  });

  it('list and map helper operations', async () => {
    const key: aerospike.Key = [NAMESPACE, set, 0];
    const { list_operations: lo, map_operations: mo } = aerospike;
    const rec = await client.operate(key, [
      lo.list_append('tags', 'x'),
      lo.list_size('tags'),
      mo.map_put('m', 'j', 5),
      mo.map_get_by_key('m', 'j', mo.MAP_RETURN_VALUE),
      lo.list_get_by_index('tags', -1, lo.LIST_RETURN_VALUE)
    ]);
    expect(rec.bins?.['tags']).toEqual([2, 2, 'x']);
    expect(rec.bins?.['m']).toEqual([2, 5]);
  });
});
