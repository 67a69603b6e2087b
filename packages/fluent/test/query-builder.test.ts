import { AelError, InvalidArgumentError, Key as CoreKey, type PartitionFilter, RecordStream as CoreStream, ServerError, serverError, type AerospikeClient, type QueryPolicy, type QueryRecord, type QuerySpec } from '@aerospike-ts/core';
import { Behavior } from '../src/behavior';
import { DataSet } from '../src/dataset';
import { QueryBuilder } from '../src/query-builder';
import { indexPlanner, scanPlanner } from '../src/query-planner';
import { Session } from '../src/session';
import { WriteSegmentBuilder } from '../src/write-builder';

interface Call {
  spec: QuerySpec;
  policy: QueryPolicy;
  stream: CoreStream<QueryRecord>;
}

/** A client whose query() hands back streams the test fills. */
function fakeClient(sindexList = '', sc = false): { client: AerospikeClient; calls: Call[]; infos: string[] } {
  const calls: Call[] = [];
  const infos: string[] = [];
  const client = {
    query(spec: QuerySpec, policy: QueryPolicy): CoreStream<QueryRecord> {
      const stream = new CoreStream<QueryRecord>();
      calls.push({ spec, policy, stream });
      return stream;
    },
    async info(cmd: string): Promise<Map<string, string>> {
      infos.push(cmd);
      if (cmd.startsWith('namespace/')) return new Map([[cmd, `objects=1;strong-consistency=${sc}`]]);
      return new Map([[cmd, sindexList]]);
    }
  } as unknown as AerospikeClient;
  return { client, calls, infos };
}

const people = DataSet.of<{ age: number }>('test', 'people');

function record(i: number): QueryRecord {
  return { key: new CoreKey('test', 'people', i), bins: { age: i }, generation: 1, ttl: -1 };
}

function fill(call: Call | undefined, from: number, to: number, end = true): void {
  if (call === undefined) throw new Error('no query was started');
  for (let i = from; i < to; i++) call.stream.push(record(i));
  if (end) call.stream.end();
}

describe('session.query(dataset)', () => {
  it('returns a QueryBuilder for a dataset and a key reader for keys', () => {
    const { client } = fakeClient();
    const s = new Session(client, Behavior.DEFAULT);
    expect(s.query(people)).toBeInstanceOf(QueryBuilder);
    expect(s.query(people.id(1))).toBeInstanceOf(WriteSegmentBuilder);
    expect(s.query(...people.ids(1, 2))).toBeInstanceOf(WriteSegmentBuilder);
  });

  it('maps bins, where, records-per-second and partitions onto the core query', async () => {
    const { client, calls } = fakeClient();
    const stream = await new QueryBuilder(client, Behavior.DEFAULT, people, scanPlanner).bins('age', 'name').where('$.age > ?0', 3).recordsPerSecond(50).onPartitionRange(10, 20).execute();
    const c = calls[0] as Call;
    expect(c.spec).toMatchObject({ namespace: 'test', set: 'people', bins: ['age', 'name'], filter: null });
    expect(c.spec.partitions).toMatchObject({ begin: 10, count: 10 });
    expect(c.policy).toMatchObject({ recordsPerSecond: 50, includeBinData: true, maxRetries: 5, recordQueueSize: 5000 });
    expect(c.policy.filterExpression).not.toBeNull();
    fill(c, 0, 3);
    const got = await stream.collect();
    expect(got.map((r) => r.record?.bins.age)).toEqual([0, 1, 2]);
    expect(got.map((r) => r.index)).toEqual([0, 1, 2]);
  });

  it('picks the behavior settings of the namespace mode (AP or SC)', async () => {
    const ap = fakeClient('', false);
    await new QueryBuilder(ap.client, Behavior.STRICTLY_CONSISTENT, people, scanPlanner).execute();
    expect(ap.calls[0]?.policy.readModeSC).toBeUndefined();
    const sc = fakeClient('', true);
    await new QueryBuilder(sc.client, Behavior.STRICTLY_CONSISTENT, people, scanPlanner).execute();
    expect(sc.calls[0]?.policy.readModeSC).toBe(1);
    expect(sc.infos).toEqual(['namespace/test']);
  });

  it('withNoBins() asks for metadata only; onPartitions() takes scattered ids', async () => {
    const { client, calls } = fakeClient();
    await new QueryBuilder(client, Behavior.DEFAULT, people, scanPlanner).withNoBins().onPartitions(7, 3, 7, 900).execute();
    const c = calls[0] as Call;
    expect(c.policy.includeBinData).toBe(false);
    expect((c.spec.partitions as PartitionFilter).statuses().map((s) => s.id)).toEqual([3, 7, 900]);
  });

  it('limit() stops the stream and the core query after n records', async () => {
    const { client, calls } = fakeClient();
    const stream = await new QueryBuilder(client, Behavior.DEFAULT, people, scanPlanner).limit(2).execute();
    const c = calls[0] as Call;
    fill(c, 0, 5, false);
    expect(await stream.collect()).toHaveLength(2);
    // the core stream was closed: pushing more changes nothing
    expect(c.stream.buffered).toBe(0);
  });

  it('chunkSize() runs one core query per chunk over the same partitions until they are done', async () => {
    const { client, calls } = fakeClient();
    const stream = await new QueryBuilder(client, Behavior.DEFAULT, people, scanPlanner).chunkSize(2).execute();
    const first = calls[0] as Call;
    expect(first.policy.maxRecords).toBe(2);
    fill(first, 0, 2);
    expect(await stream.collect()).toHaveLength(2);
    expect(await stream.hasMoreChunks()).toBe(true);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.spec.partitions).toBe(first.spec.partitions);
    fill(calls[1], 2, 3);
    for (const s of (first.spec.partitions as PartitionFilter).statuses()) s.done = true;
    expect((await stream.collect()).map((r) => r.index)).toEqual([2]);
    expect(await stream.hasMoreChunks()).toBe(false);
  });

  it('a failing query raises from the iteration by default and goes to an onError handler when given', async () => {
    const { client, calls } = fakeClient();
    const b = new QueryBuilder(client, Behavior.DEFAULT, people, scanPlanner);
    const s1 = await b.execute();
    (calls[0] as Call).stream.push(record(1));
    (calls[0] as Call).stream.end(serverError(4, { detail: 'bad' }));
    expect(await s1.first()).not.toBeNull();
    await expect(s1.collect()).rejects.toBeInstanceOf(ServerError);

    const seen: Array<[unknown, number]> = [];
    const s2 = await b.execute({ onError: (key, code) => seen.push([key, code]) });
    (calls[1] as Call).stream.end(serverError(4, { detail: 'bad' }));
    expect(await s2.collect()).toEqual([]);
    expect(seen).toEqual([[null, 4]]);
  });

  it('breaking out of for-await closes the core query', async () => {
    const { client, calls } = fakeClient();
    const stream = await new QueryBuilder(client, Behavior.DEFAULT, people, scanPlanner).execute();
    fill(calls[0], 0, 5, false);
    for await (const r of stream) if (r.index === 1) break;
    expect(await stream.first()).toBeNull();
  });

  it('rejects bad input at the call', () => {
    const q = new QueryBuilder(fakeClient().client, Behavior.DEFAULT, people, scanPlanner);
    expect(() => q.where('$.age >')).toThrow(AelError);
    expect(() => q.bins()).toThrow(InvalidArgumentError);
    expect(() => q.limit(1.5)).toThrow(/limit\(\) needs a positive integer/);
    expect(() => q.chunkSize(0)).toThrow(InvalidArgumentError);
    expect(() => q.onPartitions(4096)).toThrow(/0..4095/);
    expect(() => q.onPartitionRange(5, 5)).toThrow(InvalidArgumentError);
    expect(() => q.onPartitions()).toThrow(InvalidArgumentError);
    const s = new Session(fakeClient().client, Behavior.DEFAULT);
    expect(() => (s.query as (...a: unknown[]) => unknown).call(s, people, people.id(1))).toThrow(InvalidArgumentError);
  });
});

describe('index selection for where()', () => {
  const list = 'ns=test:indexname=people_age:set=people:bin=age:type=numeric:indextype=default:context=null:state=RW';

  it('uses a matching index and keeps the rest as a filter expression', async () => {
    const { client, calls, infos } = fakeClient(list);
    const q = new QueryBuilder(client, Behavior.DEFAULT, people, indexPlanner(client)).where('$.age >= 18 and $.name == "x"');
    const plan = await q.plan();
    expect(plan.indexName).toBe('people_age');
    expect(plan.indexFilter?.bin).toBe('age');
    expect(plan.filterExpression).not.toBeNull();
    await q.execute();
    expect(calls[0]?.spec.filter?.bin).toBe('age');
    expect(infos[0]).toBe('sindex-list:ns=test;b64=true');
  });

  it('scans when no index fits, or when the hint forbids it', async () => {
    const { client } = fakeClient(list);
    const planner = indexPlanner(client);
    expect((await new QueryBuilder(client, Behavior.DEFAULT, people, planner).where('$.name == "x"').plan()).indexFilter).toBeNull();
    expect((await new QueryBuilder(client, Behavior.DEFAULT, people, planner).where('$.age == 3').withHint({ noIndex: true }).plan()).indexFilter).toBeNull();
  });

  it('a session can swap the planner', async () => {
    const { client, calls, infos } = fakeClient(list);
    await new Session(client, Behavior.DEFAULT).usePlanner(scanPlanner).query(people).where('$.age == 3').execute();
    expect(calls[0]?.spec.filter).toBeNull();
    expect(infos.filter((c) => c.startsWith('sindex-list'))).toEqual([]);
  });
});
