import { Ctx, InvalidArgumentError, Op, type AerospikeClient, type IndexSpec, type QuerySpec, type Operation, type WritePolicy } from '@aerospike-ts/core';
import { Behavior } from '../src/behavior';
import { DataSet } from '../src/dataset';
import { IndexBuilder } from '../src/index-builder';
import { BackgroundTaskSession } from '../src/background-task';
import { scanPlanner } from '../src/query-planner';

const people = DataSet.of('test', 'people');

function fakeClient(): { client: AerospikeClient; created: IndexSpec[]; dropped: string[]; bg: Array<{ spec: QuerySpec; action: unknown; writePolicy: WritePolicy }> } {
  const created: IndexSpec[] = [];
  const dropped: string[] = [];
  const bg: Array<{ spec: QuerySpec; action: unknown; writePolicy: WritePolicy }> = [];
  const client = {
    async createIndex(spec: IndexSpec): Promise<void> {
      created.push(spec);
    },
    async dropIndex(ns: string, name: string): Promise<void> {
      dropped.push(`${ns}/${name}`);
    },
    async info(cmd: string): Promise<Map<string, string>> {
      return new Map([[cmd, 'strong-consistency=false']]);
    },
    async backgroundQuery(spec: QuerySpec, action: unknown, _p: unknown, writePolicy: WritePolicy): Promise<unknown> {
      bg.push({ spec, action, writePolicy });
      return { taskId: 7n };
    }
  } as unknown as AerospikeClient;
  return { client, created, dropped, bg };
}

describe('IndexBuilder', () => {
  it('creates numeric, string, geo and collection indexes, with a context', async () => {
    const { client, created } = fakeClient();
    await new IndexBuilder(client, people).onBin('age').named('i_age').numeric().create();
    await new IndexBuilder(client, people).onBin('tags').named('i_tags').string().collection('list').create();
    await new IndexBuilder(client, people).onBin('loc').named('i_loc').geo2dsphere().create();
    await new IndexBuilder(client, people).onBin('m').named('i_m').numeric().collection('mapValues').context([Ctx.mapKey('a')]).create();
    expect(created.map((s) => [s.name, s.bin, s.type, s.collection ?? 'DEFAULT', s.set])).toEqual([
      ['i_age', 'age', 'NUMERIC', 'DEFAULT', 'people'],
      ['i_tags', 'tags', 'STRING', 'LIST', 'people'],
      ['i_loc', 'loc', 'GEO2DSPHERE', 'DEFAULT', 'people'],
      ['i_m', 'm', 'NUMERIC', 'MAPVALUES', 'people']
    ]);
    expect(Buffer.from(created[3]?.context ?? []).toString('hex')).toBe('9222a20361');
  });

  it('drops by name and refuses incomplete or contradictory definitions before the wire', async () => {
    const { client, dropped, created } = fakeClient();
    await new IndexBuilder(client, people).named('i_age').drop();
    expect(dropped).toEqual(['test/i_age']);
    await expect(new IndexBuilder(client, people).onBin('a').numeric().create()).rejects.toThrow(/named/);
    await expect(new IndexBuilder(client, people).named('x').numeric().create()).rejects.toThrow(/onBin/);
    await expect(new IndexBuilder(client, people).named('x').onBin('a').create()).rejects.toThrow(/numeric\(\)/);
    expect(() => new IndexBuilder(client, people).numeric().string()).toThrow(InvalidArgumentError);
    expect(() => new IndexBuilder(client, people).collection('set' as never)).toThrow(InvalidArgumentError);
    expect(created).toEqual([]);
  });
});

describe('background tasks', () => {
  it('update() sends the bin operations with the where filter and TTL', async () => {
    const { client, bg } = fakeClient();
    const tasks = new BackgroundTaskSession(client, Behavior.DEFAULT, scanPlanner);
    const t = await tasks.update(people).bin('flag').setTo(1).where('$.age > 3').expireRecordAfterSeconds(60).execute();
    expect(t.taskId).toBe(7n);
    const call = bg[0];
    expect(call?.spec).toMatchObject({ namespace: 'test', set: 'people', filter: null });
    expect((call?.action as { ops: Operation[] }).ops).toEqual([Op.write('flag', 1)]);
    expect(call?.writePolicy.ttl).toBe(60);
  });

  it('delete() and touch() carry their operation and take no bin operations', async () => {
    const { client, bg } = fakeClient();
    const tasks = new BackgroundTaskSession(client, Behavior.DEFAULT, scanPlanner);
    await tasks.delete(people).durablyDelete().execute();
    await tasks.touch(people).execute();
    expect((bg[0]?.action as { ops: Operation[] }).ops).toEqual([Op.delete()]);
    expect(bg[0]?.writePolicy.durableDelete).toBe(true);
    expect((bg[1]?.action as { ops: Operation[] }).ops).toEqual([Op.touch()]);
    expect(() => tasks.delete(people).bin('x').setTo(1)).toThrow(InvalidArgumentError);
    await expect(tasks.update(people).execute()).rejects.toThrow(/needs bin operations/);
  });

  it('executeUdf() sends module, function and arguments', async () => {
    const { client, bg } = fakeClient();
    const tasks = new BackgroundTaskSession(client, Behavior.DEFAULT, scanPlanner);
    await tasks.executeUdf(people).function('m', 'f').passing(1, 'a').execute();
    expect(bg[0]?.action).toEqual({ module: 'm', fn: 'f', args: [1, 'a'] });
    await expect(tasks.executeUdf(people).execute()).rejects.toThrow(/function\(module, fn\)/);
  });
});
