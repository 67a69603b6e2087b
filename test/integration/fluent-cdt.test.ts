import {
  BitOverflowAction,
  BitResizeFlags,
  Behavior,
  Client,
  DataSet,
  Exp,
  HLL,
  HllConfig,
  ListOrder,
  ListReturnType,
  ListSortFlags,
  MapOrder,
  MapReturnType,
  type Session,
  type WriteSegmentBuilder
} from '@aerospike-ts/fluent';
import { AerospikeError } from '@aerospike-ts/core';
import { HOSTS, NAMESPACE, uniqueSet, describeServer, itUnlessEmulatorLacks } from '../helpers/env';

/** Runs a single-key command and returns the bins the server answered with. */
async function bins(b: WriteSegmentBuilder): Promise<{ [bin: string]: unknown }> {
  const r = await (await b.execute()).firstOrRaise();
  return (r.record?.bins ?? {}) as { [bin: string]: unknown };
}

describeServer('fluent API: list, map, bit, HLL and expression bin operations', () => {
  let client: Client;
  let session: Session;
  const ds = DataSet.of(NAMESPACE, uniqueSet('fcdt'));

  beforeAll(async () => {
    client = await new Client(HOSTS as string).connect();
    session = client.createSession(Behavior.DEFAULT);
  });
  afterAll(async () => {
    await client?.close();
  });

  it('list writes, reads and removes', async () => {
    const k = ds.id('list');
    await session.delete(k).execute();
    // every list write answers with the list's new size
    expect((await bins(session.upsert(k).bin('l').listAppendItems([3, 1, 2]).bin('l').listAppend(7).bin('l').listInsert(0, 0).bin('l').listInsertItems(1, [5, 5])))['l']).toEqual([3, 4, 5, 7]);
    expect((await session.get(k))?.bins['l']).toEqual([0, 5, 5, 3, 1, 2, 7]);
    const r = await bins(
      session
        .update(k)
        .bin('l').listSet(0, 10)
        .bin('l').listIncrement(0, 5)
        .bin('l').listSize()
        .bin('l').listGet(0)
        .bin('l').listGetRange(1, 2)
        .bin('l').onListIndex(-1).getValues()
        .bin('l').onListRank(0).getValues()
        .bin('l').onListRank(-1).getIndexes()
        .bin('l').onListValue(5).count()
        .bin('l').onListValueRange(1, 4).getValues()
        .bin('l').onListValueRange(1, 4).getAllOtherValues()
        .bin('l').onListIndexRange(5).getValues()
        .bin('l').onListRankRange(0, 2).getValues()
        .bin('l').onListValueRelativeRankRange(5, 1).getValues()
        .bin('l').onListValueList([7, 99]).exists()
        .bin('l').onListValue(99).exists()
    );
    // [15, 5, 5, 3, 1, 2, 7]
    // list writes that answer nothing (set, increment by index) leave no entry; single selections answer a scalar
    expect(r['l']).toEqual([15, 7, 15, [5, 5], 7, 1, 0, 2, [3, 1, 2], [15, 5, 5, 7], [2, 7], [2, 1], [5, 7, 15], true, false]);

    const removed = await bins(
      session
        .update(k)
        .bin('l').onListValue(5).remove({ returnType: ListReturnType.COUNT })
        .bin('l').onListIndex(0).remove({ returnType: ListReturnType.VALUE })
        .bin('l').onListRank(0).remove()
        .bin('l').listPop(0)
        .bin('l').get()
    );
    // [15, 5, 5, 3, 1, 2, 7]: two 5s go, then 15, then the smallest (1, return type NONE: no entry), pop 3 → [2, 7]
    expect(removed['l']).toEqual([2, 15, 3, [2, 7]]);

    await session.update(k).bin('l').listAppendItems([9, 4, 6]).execute(); // [2, 7, 9, 4, 6]
    const r2 = await bins(session.update(k).bin('l').onListValueRange(4, 8).removeAllOthers({ returnType: ListReturnType.VALUE }).bin('l').get());
    expect(r2['l']).toEqual([[2, 9], [7, 4, 6]]);
    const r3 = await bins(session.update(k).bin('l').listSort().bin('l').listTrim(1, 2).bin('l').listPopRange(0, 1).bin('l').listRemoveRange(0).bin('l').listSize());
    // [4, 6, 7] → trim keeps [6, 7] (1 removed) → pop [6] → remove the rest (1) → size 0
    expect(r3['l']).toEqual([1, [6], 1, 0]);
    await session.update(k).bin('l').listAppendItems([1, 2, 3]).bin('l').listClear().execute();
    expect((await session.get(k))?.bins['l']).toEqual([]);
  });

  it('ordered lists, unique adds and write flags', async () => {
    const k = ds.id('olist');
    await session.delete(k).execute();
    await session.upsert(k).bin('o').listCreate(ListOrder.ORDERED).bin('o').listAddItems([5, 1, 3]).bin('o').listAdd(2).execute();
    expect((await session.get(k))?.bins['o']).toEqual([1, 2, 3, 5]);
    await session.update(k).bin('o').listAdd(3, { unique: true, noFail: true }).execute();
    expect((await session.get(k))?.bins['o']).toEqual([1, 2, 3, 5]);
    await expect(session.update(k).bin('o').listAdd(3, { unique: true }).execute()).rejects.toBeInstanceOf(AerospikeError);
    await session.update(k).bin('o').listAddItems([3, 4], { unique: true, noFail: true, partial: true }).execute();
    expect((await session.get(k))?.bins['o']).toEqual([1, 2, 3, 4, 5]);
    await session.update(k).bin('u').listAppendItems([3, 1, 3]).bin('u').listSort(ListSortFlags.DESCENDING).execute();
    expect((await session.get(k))?.bins['u']).toEqual([3, 3, 1]);
    await session.update(k).bin('u').listSort(ListSortFlags.DROP_DUPLICATES).execute();
    expect((await session.get(k))?.bins['u']).toEqual([1, 3]);
    // the server refuses both sort flags at once
    await expect(session.update(k).bin('u').listSort(ListSortFlags.DESCENDING | ListSortFlags.DROP_DUPLICATES).execute()).rejects.toBeInstanceOf(AerospikeError);
    await session.update(k).bin('u').listSort().execute();
    await session.update(k).bin('u').listSetOrder(ListOrder.ORDERED).execute();
    expect((await session.get(k))?.bins['u']).toEqual([1, 3]);
    await expect(session.update(k).bin('u').listSetOrder(ListOrder.UNORDERED).bin('u').listInsert(5, 9, { bounded: true }).execute()).rejects.toBeInstanceOf(AerospikeError);
  });

  it('map writes, reads and removes', async () => {
    const k = ds.id('map');
    await session.delete(k).execute();
    await session.upsert(k).bin('m').mapUpsertItems({ a: 1, b: 2, c: 3 }, { order: MapOrder.KEY_ORDERED }).bin('m').onMapKey('d').setTo(4).bin('m').onMapKey('a').add(10).execute();
    expect((await session.get(k))?.bins['m']).toEqual({ a: 11, b: 2, c: 3, d: 4 });
    const r = await bins(
      session
        .query(k)
        .bin('m').mapSize()
        .bin('m').onMapKey('a').getValues()
        .bin('m').onMapKeyRange('b', 'd').getKeys()
        .bin('m').onMapKeyRange('b', 'd').getAllOtherKeys()
        .bin('m').onMapValueRange(2, 4).getKeysAndValues()
        .bin('m').onMapIndex(0).getKeys()
        .bin('m').onMapRank(-1).getValues()
        .bin('m').onMapKeyList(['a', 'z']).getValues()
        .bin('m').onMapValue(3).getKeys()
        .bin('m').onMapIndexRange(1, 2).count()
        .bin('m').onMapRankRange(0, 2).getValues()
        .bin('m').onMapValueList([2, 4]).getKeys()
        .bin('m').onMapKeyRelativeIndexRange('b', 1).getKeys()
        .bin('m').onMapValueRelativeRankRange(3, 0).getValues()
        .bin('m').onMapKey('b').getIndexes()
        .bin('m').onMapKey('b').getRanks()
        .bin('m').onMapKey('zz').exists()
    );
    expect(r['m']).toEqual([
      4,
      11,
      ['b', 'c'],
      ['a', 'd'],
      { b: 2, c: 3 },
      'a',
      11,
      [11],
      ['c'],
      2,
      [2, 3],
      ['b', 'd'],
      ['c', 'd'],
      [3, 4, 11],
      1,
      0,
      false
    ]);

    await session.update(k).bin('m').mapInsertItems({ a: 99, e: 5 }, { noFail: true, partial: true }).bin('m').mapUpdateItems({ b: 20, zz: 1 }, { noFail: true, partial: true }).execute();
    expect((await session.get(k))?.bins['m']).toEqual({ a: 11, b: 20, c: 3, d: 4, e: 5 });
    await expect(session.update(k).bin('m').mapInsertItems({ a: 1 }).execute()).rejects.toBeInstanceOf(AerospikeError);
    await expect(session.update(k).bin('m').mapUpdateItems({ nope: 1 }).execute()).rejects.toBeInstanceOf(AerospikeError);
    await expect(session.update(k).bin('m').onMapKey('a').setTo(1, { createOnly: true }).execute()).rejects.toBeInstanceOf(AerospikeError);
    await session.update(k).bin('m').onMapKey('a').setTo(1, { createOnly: true, noFail: true }).bin('m').onMapKey('f').setTo(6, { updateOnly: true, noFail: true }).execute();

    const removed = await bins(
      session
        .update(k)
        .bin('m').onMapKey('e').remove({ returnType: MapReturnType.VALUE })
        .bin('m').onMapValueRange(0, 5).remove({ returnType: MapReturnType.KEY })
        .bin('m').onMapKeyRange('a', 'c').removeAllOthers({ returnType: MapReturnType.COUNT })
        .bin('m').get()
    );
    expect(removed['m']).toEqual([5, ['c', 'd'], 0, { a: 11, b: 20 }]);
    await session.update(k).bin('m').mapClear().execute();
    expect((await session.get(k))?.bins['m']).toEqual({});
  });

  itUnlessEmulatorLacks('persisted-map-index')('map order and persisted index', async () => {
    const k = ds.id('morder');
    await session.delete(k).execute();
    await session.upsert(k).bin('m').mapCreate(MapOrder.KEY_ORDERED).bin('m').mapUpsertItems({ z: 1, a: 2 }).execute();
    expect(Object.keys((await session.get(k))?.bins['m'] as object)).toEqual(['a', 'z']);
    await session.update(k).bin('m').mapSetPolicy(MapOrder.KEY_VALUE_ORDERED, { persistIndex: true }).execute();
    const r = await bins(session.query(k).bin('m').onMapRank(0).getKeys());
    expect(r['m']).toBe('z');
  });

  it('navigates nested lists and maps', async () => {
    const k = ds.id('nested');
    await session.delete(k).execute();
    await session.upsert(k).bin('m').mapUpsertItems({ a: [1, 2, 3], b: { x: 1 } }).execute();
    await session
      .update(k)
      .bin('m').onMapKey('a').listAppend(4)
      .bin('m').onMapKey('a').onListIndex(0).add(100)
      .bin('m').onMapKey('b').onMapKey('y').setTo(2)
      .bin('m').onMapKey('b').onMapKey('x').add(5)
      .bin('m').onMapKey('new', { createType: MapOrder.KEY_ORDERED }).onMapKey('z').setTo(1)
      .execute();
    const r = await bins(
      session
        .query(k)
        .bin('m').onMapKey('a').onListIndex(0).getValues()
        .bin('m').onMapKey('a').listSize()
        .bin('m').onMapKey('a').onListValueRange(2, 4).getValues()
        .bin('m').onMapKey('b').mapSize()
        .bin('m').onMapKey('b').onMapKey('x').getValues()
        .bin('m').onMapKey('new').onMapKey('z').getValues()
        .bin('m').onMapKey('a').listGet(-1)
    );
    expect(r['m']).toEqual([101, 4, [2, 3], 2, 6, 1, 4]);
    const removed = await bins(session.update(k).bin('m').onMapKey('a').onListValue(2).remove({ returnType: ListReturnType.INDEX }).bin('m').onMapKey('b').mapClear().bin('m').get());
    expect(removed['m']).toEqual([[1], null, { a: [101, 3, 4], b: {}, new: { z: 1 } }]);

    // an ordered list and a key-ordered map created inside the map
    await session.update(k).bin('m').onMapKey('sorted').listCreate(ListOrder.ORDERED).bin('m').onMapKey('sorted').listAppendItems([3, 1, 2]).execute();
    await session.update(k).bin('m').onMapKey('km').mapCreate(MapOrder.KEY_ORDERED).bin('m').onMapKey('km').mapUpsertItems({ z: 1, a: 2 }).execute();
    const created = await bins(session.query(k).bin('m').onMapKey('sorted').getValues().bin('m').onMapKey('km').onMapIndex(0).getKeys());
    expect(created['m']).toEqual([[1, 2, 3], 'a']);

    // a list created (and padded) through the context
    await session.upsert(k).bin('n').onListIndex(2, { order: ListOrder.UNORDERED, pad: true }).listAppend('x').execute();
    expect((await session.get(k))?.bins['n']).toEqual([null, null, ['x']]);
    // deeper: list → map → list
    await session.upsert(k).bin('d').setTo([{ tags: ['a'] }]).execute();
    await session.update(k).bin('d').onListIndex(0).onMapKey('tags').listAppendItems(['b', 'c']).execute();
    const d = await bins(session.query(k).bin('d').onListIndex(0).onMapKey('tags').onListIndexRange(1).getValues());
    expect(d['d']).toEqual(['b', 'c']);
  });

  itUnlessEmulatorLacks('bit-hll')('bit operations', async () => {
    const k = ds.id('bits');
    await session.delete(k).execute();
    await session.upsert(k).bin('b').setTo(Buffer.from([0b00000001, 0b01000010])).execute();
    await session
      .update(k)
      .bin('b').bitSet(0, 8, Buffer.from([0b11110000]))
      .bin('b').bitOr(8, 8, Buffer.from([0b00000001]))
      .bin('b').bitXor(8, 8, Buffer.from([0b01000000]))
      .bin('b').bitAnd(0, 8, Buffer.from([0b11000000]))
      .bin('b').bitNot(0, 4)
      .execute();
    // byte0: 11110000 & 11000000 = 11000000, not first 4 bits → 00110000; byte1: 01000011 ^ 01000000 = 00000011
    expect((await session.get(k))?.bins['b']).toEqual(Buffer.from([0b00110000, 0b00000011]));
    const r = await bins(
      session
        .query(k)
        .bin('b').bitGet(0, 8)
        .bin('b').bitCount(0, 16)
        .bin('b').bitLscan(0, 16, true)
        .bin('b').bitRscan(0, 16, true)
        .bin('b').bitGetInt(8, 8)
        .bin('b').bitGetInt(0, 4, true)
    );
    expect(r['b']).toEqual([Buffer.from([0b00110000]), 4, 2, 15, 3, 3]);
    await session
      .update(k)
      .bin('b').bitResize(4)
      .bin('b').bitSetInt(16, 8, 200)
      .bin('b').bitAdd(16, 8, 100, false, BitOverflowAction.SATURATE)
      .bin('b').bitSubtract(24, 8, 1, false, BitOverflowAction.WRAP)
      .bin('b').bitLshift(8, 8, 1)
      .bin('b').bitRshift(0, 8, 4)
      .execute();
    expect((await session.get(k))?.bins['b']).toEqual(Buffer.from([0b00000011, 0b00000110, 255, 255]));
    await session.update(k).bin('b').bitInsert(0, Buffer.from([0xaa])).bin('b').bitRemove(4, 1).bin('b').bitResize(2, BitResizeFlags.FROM_FRONT).execute();
    // [aa 03 06 ff ff] → remove byte 4 → [aa 03 06 ff] → keep the last two
    expect((await session.get(k))?.bins['b']).toEqual(Buffer.from([6, 255]));
    await expect(session.update(k).bin('b').bitAdd(8, 8, 1).execute()).rejects.toBeInstanceOf(AerospikeError);
    await session.update(k).bin('b').bitAdd(8, 8, 1, false, BitOverflowAction.FAIL, { noFail: true }).execute();
    expect((await session.get(k))?.bins['b']).toEqual(Buffer.from([6, 255]));
  });

  itUnlessEmulatorLacks('bit-hll')('HLL operations', async () => {
    const k1 = ds.id('hll1');
    const k2 = ds.id('hll2');
    await session.delete(k1, k2).execute();
    await session.upsert(k1).bin('h').hllInit(HllConfig.of(12)).bin('h').hllAdd(['a', 'b', 'c', 'd']).execute();
    await session.upsert(k2).bin('h').hllAdd(['c', 'd', 'e'], { config: HllConfig.of(12) }).execute();
    const other = (await session.get(k2))?.bins['h'] as HLL;
    expect(other).toBeInstanceOf(HLL);
    const r = await bins(
      session
        .query(k1)
        .bin('h').hllGetCount()
        .bin('h').hllGetUnionCount([other])
        .bin('h').hllGetIntersectCount([other])
        .bin('h').hllGetSimilarity([other])
        .bin('h').hllGetUnion([other])
        .bin('h').hllDescribe()
        .bin('h').hllMayContain(['a', 'b'])
        .bin('h').hllMayContain(['a', 'e'])
    );
    const [count, unionCount, intersect, similarity, union, describe, hasAB, hasAE] = r['h'] as [number, number, number, number, HLL, number[], number, number];
    expect([hasAB, hasAE]).toEqual([1, 0]);
    expect(count).toBe(4);
    expect(unionCount).toBe(5);
    expect(intersect).toBe(2);
    expect(similarity).toBeCloseTo(0.4, 1);
    expect(union).toBeInstanceOf(HLL);
    expect(describe).toEqual([12, 0]);

    const w = await bins(session.update(k1).bin('h').hllSetUnion([other]).bin('h').hllRefreshCount().bin('h').hllFold(8).bin('h').hllDescribe());
    expect((w['h'] as unknown[]).slice(1)).toEqual([5, null, [8, 0]]);
    await expect(session.upsert(k1).bin('h').hllInit(HllConfig.of(12), { createOnly: true }).execute()).rejects.toBeInstanceOf(AerospikeError);
    await session.upsert(k1).bin('h').hllInit(HllConfig.of(12), { createOnly: true, noFail: true }).execute();
    expect(() => session.upsert(k1).bin('h').hllInit(HllConfig.of(12), { createOnly: true, updateOnly: true })).toThrow(/contradict/);
  });

  it('expression reads and writes', async () => {
    const k = ds.id('exp');
    await session.delete(k).execute();
    await session.upsert(k).put({ a: 5, b: 7 }).execute();
    const r = await bins(session.query(k).bin('sum').selectFrom('$.a + $.b').bin('twice').selectFrom(Exp.mul(Exp.intBin('a'), Exp.val(2))));
    expect(r).toEqual({ sum: 12, twice: 10 });
    await session.update(k).bin('c').insertFrom('$.a * 10').bin('b').updateFrom('$.b + 1').bin('d').upsertFrom('$.a - 1').execute();
    expect((await session.get(k))?.bins).toEqual({ a: 5, b: 8, c: 50, d: 4 });
    await expect(session.update(k).bin('c').insertFrom('$.a').execute()).rejects.toBeInstanceOf(AerospikeError);
    await session.update(k).bin('c').insertFrom('$.a', { ignoreOpFailure: true }).bin('zz').updateFrom('$.a', { ignoreOpFailure: true }).execute();
    expect((await session.get(k))?.bins).toEqual({ a: 5, b: 8, c: 50, d: 4 });
    const missing = await bins(session.query(k).bin('x').selectFrom('$.nope + 1', { ignoreEvalFailure: true }));
    expect(missing['x']).toBeNull();
  });

  itUnlessEmulatorLacks('bit-hll')('runs the same builders inside batch entries', async () => {
    const [k1, k2] = ds.ids('b1', 'b2') as [ReturnType<typeof ds.id>, ReturnType<typeof ds.id>];
    await session.delete(k1, k2).execute();
    const results = await (
      await session
        .batch()
        .upsert(k1).bin('l').listAppendItems([3, 1])
        .upsert(k2).bin('m').onMapKey('a', { createType: MapOrder.KEY_ORDERED }).onMapKey('b').setTo(1).bin('h').hllAdd(['x'], { config: HllConfig.of(10) })
        .read(k1).bin('l').onListRank(0).getValues()
        .execute()
    ).collect();
    expect(results.map((r) => r.isOk)).toEqual([true, true, true]);
    expect(results[2]?.record?.bins['l']).toEqual(1);
    expect((await session.get(k1))?.bins['l']).toEqual([3, 1]);
    expect((await session.get(k2))?.bins['m']).toEqual({ a: { b: 1 } });
  });

  it('checks typed datasets against the server data', async () => {
    interface Player {
      name: string;
      scores: number[];
    }
    const players = DataSet.of<Player>(NAMESPACE, ds.setName);
    const k = players.id('p1');
    await session.upsert<Player>(k).bin('name').setTo('Ann').bin('scores').setTo([10, 30, 20]).execute();
    const r = await (await session.query<Player>(k).bin('scores').onListRankRange(-2).getValues().execute()).firstOrRaise();
    expect(r.record?.bins.scores).toEqual([20, 30]);
  });
});
