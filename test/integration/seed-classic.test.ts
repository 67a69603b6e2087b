import * as aerospike from '@aerospike-ts/classic';
import { describeServer, HOSTS, NAMESPACE, uniqueSet } from '../helpers/env';

/*
 * The examples of the aerospike_py write guides (/work/shared/seeds/aerospike-py-write-
 * operations.md and its Korean edition) that classic-write.test.ts and
 * classic-seed-ko.test.ts do not already run as the guides show them, asserting what the
 * guides say. docs/seed-coverage.md maps every example of both guides to its test.
 */
describeServer('classic seed: the aerospike_py write guides, remaining examples', () => {
  let client: aerospike.AsyncClient;
  const set = uniqueSet('seed_classic');
  const key: aerospike.Key = [NAMESPACE, set, 'user1'];

  beforeAll(async () => {
    const [host, port] = (HOSTS as string).split(',')[0]?.split(':') ?? [];
    client = await aerospike.client({ hosts: [[host as string, Number(port)]] }).connect();
  });
  afterAll(async () => {
    await client?.truncate(NAMESPACE, set).catch(() => undefined);
    await client?.close();
  });

  it('Delete: remove(key, meta={"gen": 5}, policy={"gen": POLICY_GEN_EQ}) removes a record at generation 5 only', async () => {
    await client.remove(key).catch(() => undefined);
    for (let i = 0; i < 4; i++) await client.put(key, { v: i });
    expect((await client.get(key)).meta?.gen).toBe(4);
    const early = await client.remove(key, { gen: 5 }, { gen: aerospike.POLICY_GEN_EQ }).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(aerospike.RecordGenerationError);
    expect((early as aerospike.RecordGenerationError).code).toBe(aerospike.ERR_RECORD_GENERATION);
    expect((await client.exists(key)).meta?.gen).toBe(4);
    await client.put(key, { v: 4 });
    await client.remove(key, { gen: 5 }, { gen: aerospike.POLICY_GEN_EQ });
    await expect(client.get(key)).rejects.toBeInstanceOf(aerospike.RecordNotFound);
  });

  it('Ordered Results: operate_ordered on a fresh record answers the read in order — the server does not echo the written "name"', async () => {
    await client.remove(key).catch(() => undefined);
    await client.put(key, { counter: 1 });
    const ops: aerospike.OperationDict[] = [
      { op: aerospike.OPERATOR_WRITE, bin: 'name', val: 'Bob' },
      { op: aerospike.OPERATOR_INCR, bin: 'counter', val: 1 },
      { op: aerospike.OPERATOR_READ, bin: 'counter', val: null }
    ];
    const [, meta, results] = await client.operate_ordered(key, ops);
    // the guide's comment says [("name", "Bob"), ("counter", 2)]: a server answers only the
    // operations that read, so the counter comes back and the name is read from the record
    expect(results.map((bt) => [bt.name, bt.value])).toEqual([['counter', 2]]);
    expect(meta?.gen).toBe(2);
    expect((await client.get(key)).bins).toEqual({ counter: 2, name: 'Bob' });
    const lines: string[] = [];
    for (const bt of (await client.operate_ordered(key, ops)).ordered_bins) lines.push(`${bt.name} = ${String(bt.value)}`);
    expect(lines).toEqual(['counter = 3']);
  });

  it('Batch Operate / Remove (English guide): INCR-only batch_operate answers one record per key; batch_remove removes them', async () => {
    const keys: aerospike.Key[] = Array.from({ length: 5 }, (_, i) => [NAMESPACE, set, `views_${i}`]);
    await client.put(keys[0] as aerospike.Key, { views: 10 });
    const ops: aerospike.OperationDict[] = [{ op: aerospike.OPERATOR_INCR, bin: 'views', val: 1 }];
    const results = await client.batch_operate(keys, ops);
    expect(results).toHaveLength(5);
    expect(results.map((br) => [br.key?.[2], br.result, br.record === null])).toEqual(keys.map((k) => [k[2], 0, false]));
    // nothing was read: the records carry their metadata and no bins
    expect(results.map((br) => br.record?.meta?.gen)).toEqual([2, 1, 1, 1, 1]);
    expect(results.every((br) => Object.keys(br.bins ?? {}).length === 0)).toBe(true);
    expect((await client.batch_read(keys)).map((br) => br.bins?.['views'])).toEqual([11, 1, 1, 1, 1]);
    const removed = await client.batch_remove(keys);
    expect(removed.map((br) => br.result)).toEqual([0, 0, 0, 0, 0]);
    expect((await client.batch_read(keys)).every((br) => br.record === null && br.result === aerospike.ERR_RECORD_NOT_FOUND)).toBe(true);
  });

  it('Tips: batch records fail independently (check br.record for null); total_timeout goes in the batch policy', async () => {
    const keys: aerospike.Key[] = [0, 1, 2].map((i) => [NAMESPACE, set, `tip_${i}`]);
    await client.put(keys[0] as aerospike.Key, { views: 1 });
    await client.put(keys[1] as aerospike.Key, { views: 'not a number' });
    await client.put(keys[2] as aerospike.Key, { views: 3 });
    const results = await client.batch_operate(
      keys,
      [
        { op: aerospike.OPERATOR_INCR, bin: 'views', val: 1 },
        { op: aerospike.OPERATOR_READ, bin: 'views', val: null }
      ],
      { total_timeout: 10_000 }
    );
    const seen: unknown[] = [];
    for (const br of results) seen.push(br.record === null ? ['failed', br.result] : ['views', br.bins?.['views']]);
    expect(seen).toEqual([
      ['views', 2],
      ['failed', aerospike.ERR_BIN_TYPE],
      ['views', 4]
    ]);
    expect((await client.get(keys[1] as aerospike.Key)).bins).toEqual({ views: 'not a number' });
  });
});
