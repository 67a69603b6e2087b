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

describeServer('classic API: collection and blob indexes, UDF listing, info by node', () => {
  let client: aerospike.AsyncClient;
  const set = uniqueSet('classic_ix');
  const names = { list: `cl_${set}`.slice(0, 60), keys: `ck_${set}`.slice(0, 60), values: `cv_${set}`.slice(0, 60), blob: `cb_${set}`.slice(0, 60) };

  beforeAll(async () => {
    const [host, port] = (HOSTS as string).split(',')[0]?.split(':') ?? [];
    client = await aerospike.client({ hosts: [[host as string, Number(port)]] }).connect();
    for (let i = 0; i < 12; i++) {
      await client.put([NAMESPACE, set, i], { tags: [`t${i % 3}`, `all`], m: new Map([[`k${i % 4}`, i % 2]]), b: Buffer.from([i % 2]) });
    }
  }, 60_000);
  afterAll(async () => {
    for (const n of Object.values(names)) await client.index_remove(NAMESPACE, n).catch(() => undefined);
    await client?.close();
  });

  const ids = async (p: unknown): Promise<number[]> => {
    const q = client.query(NAMESPACE, set);
    q.where(p as never);
    return (await q.results()).map((r) => Number((r.bins?.['b'] as Buffer | undefined)?.[0] ?? -1)).sort();
  };
  const count = async (p: unknown): Promise<number> => {
    const q = client.query(NAMESPACE, set);
    q.where(p as never);
    return (await q.results()).length;
  };

  it('creates list, map-key and map-value indexes and answers contains queries on them', async () => {
    await client.index_list_create(NAMESPACE, set, 'tags', aerospike.INDEX_STRING, names.list);
    await client.index_map_keys_create(NAMESPACE, set, 'm', aerospike.INDEX_STRING, names.keys);
    await client.index_map_values_create(NAMESPACE, set, 'm', aerospike.INDEX_NUMERIC, names.values);
    expect(await count(aerospike.predicates.contains('tags', aerospike.INDEX_TYPE_LIST, 't1'))).toBe(4);
    expect(await count(aerospike.predicates.contains('tags', aerospike.INDEX_TYPE_LIST, 'all'))).toBe(12);
    expect(await count(aerospike.predicates.contains('m', aerospike.INDEX_TYPE_MAPKEYS, 'k2'))).toBe(3);
    expect(await count(aerospike.predicates.contains('m', aerospike.INDEX_TYPE_MAPVALUES, 1))).toBe(6);
  });

  it('creates a blob index and queries it by equality', async () => {
    await client.index_blob_create(NAMESPACE, set, 'b', names.blob);
    expect(await ids(aerospike.predicates.equals('b', Buffer.from([1])))).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('refuses an unknown index datatype before the wire', async () => {
    await expect(client.index_list_create(NAMESPACE, set, 'tags', 7, 'never')).rejects.toBeInstanceOf(aerospike.exception.InvalidArgError);
  });

  it('get_metrics: Prometheus text with operation latency and per-node connection figures', async () => {
    expect(client.is_metrics_enabled()).toBe(true);
    const key: aerospike.Key = [NAMESPACE, set, 'metrics'];
    await client.put(key, { a: 1 });
    await client.get(key);
    await expect(client.get([NAMESPACE, set, 'metrics-missing'])).rejects.toBeInstanceOf(aerospike.RecordNotFound);
    await client.batch_read([key, [NAMESPACE, set, 'metrics-missing']]);
    await client.scan(NAMESPACE, set).results();
    const q = client.query(NAMESPACE, set);
    q.where(aerospike.predicates.equals('no_index_bin', 1)); // fails on the server: a failed query
    await expect(q.results()).rejects.toBeInstanceOf(aerospike.exception.IndexNotFound);
    const text = client.get_metrics();
    const count = (op: string, error: string): number =>
      Number(text.split('\n').find((l) => l.startsWith(`db_client_operation_duration_seconds_count{db_system_name="aerospike",db_namespace="${NAMESPACE}",db_operation_name="${op}",error_type="${error}"}`))?.split(' ')[1] ?? 0);
    expect(count('put', '')).toBeGreaterThanOrEqual(1);
    expect(count('get', '')).toBeGreaterThanOrEqual(1);
    expect(count('get', 'error')).toBeGreaterThanOrEqual(1);
    expect(count('batch', '')).toBeGreaterThanOrEqual(1); // a missing record is a per-record result, not a failed batch
    expect(count('scan', '')).toBeGreaterThanOrEqual(1);
    expect(count('query', 'error')).toBeGreaterThanOrEqual(1);
    for (const name of client.get_node_names()) expect(text).toMatch(new RegExp(`aerospike_client_connections_opened_total\\{node="${name}",address="[^"]+"\\} \\d+`));
    client.set_metrics_enabled(false);
    await client.get(key);
    expect(client.get_metrics()).toContain(text.split('\n').find((l) => l.includes('db_operation_name="get",error_type=""') && l.includes('_count{')) as string);
    client.set_metrics_enabled(true);
  });

  it('lists UDF modules and sends info to every node or to one node', async () => {
    const udfs = await client.udf_list();
    expect(Array.isArray(udfs)).toBe(true);
    for (const u of udfs) expect(Object.keys(u).sort()).toEqual(['hash', 'name', 'type']);
    const all = await client.info_all('node');
    expect(all.length).toBe(client.get_node_names().length);
    for (const r of all) {
      expect(r.error_code).toBe(0);
      expect(r.response).toBe(r.node_name);
    }
    const first = all[0] as { node_name: string };
    expect(await client.info_single_node('node', first.node_name)).toBe(first.node_name);
    const [host, port] = (HOSTS as string).split(',')[0]?.split(':') ?? [];
    expect(await client.info_single_node('edition', [host as string, Number(port)])).toMatch(/Aerospike/);
    await expect(client.info_single_node('node', '10.255.255.1:3000')).rejects.toBeInstanceOf(aerospike.exception.InvalidArgError);
  });
});
