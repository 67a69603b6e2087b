import { type AerospikeClient, GeoJSON, IndexFilter, Key, Op, PartitionFilter, CollectionType, type QueryRecord } from '@aerospike-ts/core';
import { connectCore, describeServer, NAMESPACE, uniqueSet, itUnlessEmulatorLacks } from '../helpers/env';

describeServer('core scans and queries', () => {
  let client: AerospikeClient;
  const set = uniqueSet('query');
  const N = 300;
  const idx = `qidx_${set}`.slice(0, 60);
  const listIdx = `qlist_${set}`.slice(0, 60);

  beforeAll(async () => {
    client = await connectCore();
    for (let i = 0; i < N; i++) {
      await client.put(new Key(NAMESPACE, set, i), { n: i, s: i % 2 === 0 ? 'even' : 'odd', tags: [`t${i % 5}`] }, { sendKey: i % 3 === 0 });
    }
    await client.createIndex({ namespace: NAMESPACE, set, name: idx, bin: 'n', type: 'NUMERIC' });
    await client.createIndex({ namespace: NAMESPACE, set, name: listIdx, bin: 'tags', type: 'STRING', collection: 'LIST' });
  }, 60_000);
  afterAll(async () => {
    await client.dropIndex(NAMESPACE, idx).catch(() => undefined);
    await client.dropIndex(NAMESPACE, listIdx).catch(() => undefined);
    await client?.close();
  });

  const ns = (recs: QueryRecord[]): number[] => recs.map((r) => r.bins['n'] as number).sort((a, b) => a - b);

  it('scans a set: every record exactly once, with keys when stored', async () => {
    const recs = await client.scan(NAMESPACE, set).toArray();
    expect(ns(recs)).toEqual(Array.from({ length: N }, (_, i) => i));
    const withKey = recs.filter((r) => r.key.userKey !== null);
    expect(withKey.length).toBe(N / 3);
    for (const r of withKey) expect(r.key.userKey).toBe(r.bins['n']);
    expect(recs.every((r) => r.generation === 1 && r.ttl === -1)).toBe(true);
  });

  it('selects bins, or returns metadata only', async () => {
    const some = await client.scan(NAMESPACE, set, { bins: ['s'] }).toArray();
    expect(some.every((r) => Object.keys(r.bins).join() === 's')).toBe(true);
    const none = await client.scan(NAMESPACE, set, { includeBinData: false }).toArray();
    expect(none.length).toBe(N);
    expect(none.every((r) => Object.keys(r.bins).length === 0)).toBe(true);
  });

  it('queries by range, equality and list membership through secondary indexes', async () => {
    expect(ns(await client.query({ namespace: NAMESPACE, set, filter: IndexFilter.range('n', 10, 19) }).toArray())).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(ns(await client.query({ namespace: NAMESPACE, set, filter: IndexFilter.equal('n', 42) }).toArray())).toEqual([42]);
    const tagged = ns(await client.query({ namespace: NAMESPACE, set, filter: IndexFilter.contains('tags', CollectionType.LIST, 't3') }).toArray());
    expect(tagged).toEqual(Array.from({ length: N }, (_, i) => i).filter((i) => i % 5 === 3));
  });

  it('applies a filter expression to a scan', async () => {
    // [GT, [BIN, INT, "n"], 289] packed by hand (expression builders come with their own issue)
    const gt289 = Buffer.from('93039351' + '02' + 'a16e' + 'cd0121', 'hex');
    expect(ns(await client.scan(NAMESPACE, set, { filterExpression: gt289 }).toArray())).toEqual(Array.from({ length: 10 }, (_, i) => 290 + i));
  });

  it('pages with maxRecords and a resumable partition state, without repeats or gaps', async () => {
    const partitions = PartitionFilter.all();
    const seen: number[] = [];
    let pages = 0;
    while (!partitions.isDone && pages < 50) {
      const page = await client.query({ namespace: NAMESPACE, set, partitions }, { maxRecords: 70 }).toArray();
      expect(page.length).toBeLessThanOrEqual(70);
      seen.push(...ns(page));
      pages++;
    }
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i));
    expect(pages).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it('scans a partition range and stops early when the consumer breaks out', async () => {
    const part = await client.scan(NAMESPACE, set, { partitions: PartitionFilter.range(0, 2048) }).toArray();
    const rest = await client.scan(NAMESPACE, set, { partitions: PartitionFilter.range(2048, 2048) }).toArray();
    expect(ns([...part, ...rest])).toEqual(Array.from({ length: N }, (_, i) => i));
    let count = 0;
    for await (const _ of client.scan(NAMESPACE, set)) {
      if (++count === 5) break;
    }
    expect(count).toBe(5);
  });

  it('pauses the sockets when the consumer is slow and still delivers everything', async () => {
    const stream = client.scan(NAMESPACE, set, { recordQueueSize: 10 });
    let maxBuffered = 0;
    const got: QueryRecord[] = [];
    for await (const r of stream) {
      maxBuffered = Math.max(maxBuffered, stream.buffered);
      got.push(r);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(got.length).toBe(N);
    // a frame may carry many records at once, but the queue does not grow without bound
    expect(maxBuffered).toBeLessThan(N);
  });

  it('runs a background query with write ops and waits for it', async () => {
    const task = await client.backgroundQuery({ namespace: NAMESPACE, set, filter: IndexFilter.range('n', 0, 9) }, { ops: [Op.write('bg', 1)] });
    await task.waitTillComplete(50, 20_000);
    const res = await client.batchGet(Array.from({ length: 12 }, (_, i) => new Key(NAMESPACE, set, i)), ['bg']);
    expect(res.map((r) => r.record?.bins['bg'] ?? null)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, null, null]);
  });

  it('sends recordsPerSecond: the server throttles the job at that rate', async () => {
    // query-show lists recent jobs with the rate the server applies (per node)
    const jobs = async (): Promise<string[]> => ((await client.info('query-show')).get('query-show') ?? '').split(';').filter((e) => e.includes(`:set=${set}:`));
    const recs = await client.scan(NAMESPACE, set, { recordsPerSecond: 4000 }).toArray();
    expect(recs.length).toBe(N);
    expect((await jobs()).some((e) => e.includes(':rps=4000:') && e.includes('job-type=basic'))).toBe(true);
    const task = await client.backgroundQuery({ namespace: NAMESPACE, set, filter: IndexFilter.range('n', 0, 4) }, { ops: [Op.write('rps', 1)] }, { recordsPerSecond: 3000 });
    await task.waitTillComplete(50, 20_000);
    expect((await jobs()).some((e) => e.startsWith(`trid=${task.taskId}:`) && e.includes(':rps=3000:'))).toBe(true);
  });

  it('queries GeoJSON points within a radius and a region', async () => {
    const geoSet = `${set}_geo`.slice(0, 63);
    const geoIdx = `qgeo_${set}`.slice(0, 60);
    // a 5x5 grid of points 0.01 degrees apart around (10, 20)
    for (let x = 0; x < 5; x++) {
      for (let y = 0; y < 5; y++) {
        await client.put(new Key(NAMESPACE, geoSet, `${x}:${y}`), { id: x * 5 + y, loc: new GeoJSON({ type: 'Point', coordinates: [10 + x * 0.01, 20 + y * 0.01] }) });
      }
    }
    await client.createIndex({ namespace: NAMESPACE, set: geoSet, name: geoIdx, bin: 'loc', type: 'GEO2DSPHERE' });
    try {
      const near = await client.query({ namespace: NAMESPACE, set: geoSet, filter: IndexFilter.geoWithinRadius('loc', 10, 20, 600) }).toArray();
      expect(near.map((r) => r.bins['id']).sort()).toEqual([0]);
      const region = { type: 'Polygon', coordinates: [[[9.995, 19.995], [10.015, 19.995], [10.015, 20.015], [9.995, 20.015], [9.995, 19.995]]] };
      const inside = await client.query({ namespace: NAMESPACE, set: geoSet, filter: IndexFilter.geoWithinRegion('loc', region) }).toArray();
      expect(inside.map((r) => r.bins['id'] as number).sort((a, b) => a - b)).toEqual([0, 1, 5, 6]);
      expect(inside[0]?.bins['loc']).toBeInstanceOf(GeoJSON);
    } finally {
      await client.dropIndex(NAMESPACE, geoIdx);
    }
  });

  itUnlessEmulatorLacks('udf')('runs a background query with a record UDF', async () => {
    const module = `bg_${process.pid % 10000}`;
    await client.registerUdf(`${module}.lua`, 'function mark(rec, v)\n  rec.udf = v\n  aerospike:update(rec)\nend\n');
    try {
      const task = await client.backgroundQuery({ namespace: NAMESPACE, set, filter: IndexFilter.range('n', 20, 24) }, { module, fn: 'mark', args: ['x'] });
      await task.waitTillComplete(50, 20_000);
      expect(await task.status()).toBe('done');
      const res = await client.batchGet(Array.from({ length: 6 }, (_, i) => new Key(NAMESPACE, set, 20 + i)), ['udf']);
      expect(res.map((r) => r.record?.bins['udf'] ?? null)).toEqual(['x', 'x', 'x', 'x', 'x', null]);
    } finally {
      await client.removeUdf(`${module}.lua`);
    }
  });

  it('rejects bad query input before sending', () => {
    expect(() => client.query({ namespace: '', set })).toThrow(/namespace/);
    expect(() => client.query({ namespace: NAMESPACE, filter: 'x' as never })).toThrow(/IndexFilter/);
    expect(() => IndexFilter.range('n', 5, 1)).toThrow(/greater than/);
    expect(() => IndexFilter.equal('n', 1.5)).toThrow(/not an integer/);
    expect(() => client.scan(NAMESPACE, set, { maxRecords: -1 })).toThrow(/maxRecords/);
  });
});

describeServer('a query on an index that does not exist', () => {
  it('fails with IndexNotFoundError instead of hanging', async () => {
    const { IndexNotFoundError } = await import('@aerospike-ts/core');
    const client = await connectCore();
    try {
      const err = await client.query({ namespace: NAMESPACE, set: 'noindex', filter: IndexFilter.equal('nobin', 1) }, { maxRetries: 0 }).toArray().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IndexNotFoundError);
    } finally {
      await client.close();
    }
  });
});
