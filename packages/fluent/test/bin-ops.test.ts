import {
  BitOp,
  BitOverflowAction,
  BitResizeFlags,
  Ctx,
  Exp,
  ExpOp,
  ExpReadFlags,
  ExpWriteFlags,
  HLL,
  HllOp,
  ListOp,
  ListOrder,
  ListReturnType,
  ListSortFlags,
  MapOp,
  MapOrder,
  MapReturnType,
  MapWriteFlags,
  Op,
  parseAel,
  type Operation
} from '@aerospike-ts/core';
import { BinOps } from '../src/bin-ops';
import { HllConfig } from '../src/bin-hll-config';
import type { OpSink } from '../src/cdt-builder';

/** Collects what the builders emit. */
class Sink implements OpSink<Sink> {
  readonly ops: Operation[] = [];
  op(o: Operation): Sink {
    this.ops.push(o);
    return this;
  }
}

/** The single operation a fluent chain emits. */
function emitted(build: (b: BinOps<Sink>, sink: Sink) => Sink, bin = 'b'): Operation {
  const sink = new Sink();
  const ret = build(new BinOps<Sink>(sink, bin), sink);
  expect(ret).toBe(sink);
  expect(sink.ops).toHaveLength(1);
  return sink.ops[0] as Operation;
}

const hll = new HLL(Buffer.from([0, 14, 0, 1, 2, 3]));
const bytes = Buffer.from([0xf0, 0x0f]);

type Case = readonly [string, (b: BinOps<Sink>) => Sink, Operation];

const scalarCases: Case[] = [
  ['setTo', (b) => b.setTo(5), Op.write('b', 5)],
  ['add', (b) => b.add(2), Op.add('b', 2)],
  ['incrementBy', (b) => b.incrementBy(3n), Op.add('b', 3n)],
  ['append', (b) => b.append('x'), Op.append('b', 'x')],
  ['prepend', (b) => b.prepend('x'), Op.prepend('b', 'x')],
  ['remove', (b) => b.remove(), Op.write('b', null)],
  ['get', (b) => b.get(), Op.read('b')],
  ['selectFrom AEL', (b) => b.selectFrom('$.a + 1'), ExpOp.read('b', parseAel('$.a + 1'), 0)],
  ['selectFrom Exp node', (b) => b.selectFrom(Exp.intBin('a'), { ignoreEvalFailure: true }), ExpOp.read('b', Exp.build(Exp.intBin('a')), ExpReadFlags.EVAL_NO_FAIL)],
  ['insertFrom', (b) => b.insertFrom('$.a * 2'), ExpOp.write('b', parseAel('$.a * 2'), ExpWriteFlags.CREATE_ONLY)],
  ['updateFrom', (b) => b.updateFrom(parseAel('$.a'), { ignoreOpFailure: true }), ExpOp.write('b', parseAel('$.a'), ExpWriteFlags.UPDATE_ONLY | ExpWriteFlags.POLICY_NO_FAIL)],
  [
    'upsertFrom',
    (b) => b.upsertFrom('$.a', { ignoreEvalFailure: true, deleteIfNull: true }),
    ExpOp.write('b', parseAel('$.a'), ExpWriteFlags.EVAL_NO_FAIL | ExpWriteFlags.ALLOW_DELETE)
  ]
];

const listCases: Case[] = [
  ['listAppend', (b) => b.listAppend(1), ListOp.append('b', 1)],
  ['listAppend flags', (b) => b.listAppend(1, { unique: true, noFail: true }), ListOp.append('b', 1, { order: ListOrder.UNORDERED, flags: 1 | 4 })],
  ['listAdd', (b) => b.listAdd(1), ListOp.append('b', 1, { order: ListOrder.ORDERED, flags: 0 })],
  ['listAppendItems', (b) => b.listAppendItems([1, 2]), ListOp.appendItems('b', [1, 2])],
  ['listAddItems', (b) => b.listAddItems([1, 2], { unique: true, noFail: true, partial: true }), ListOp.appendItems('b', [1, 2], { order: ListOrder.ORDERED, flags: 1 | 4 | 8 })],
  ['listInsert', (b) => b.listInsert(1, 'x'), ListOp.insert('b', 1, 'x')],
  ['listInsert bounded', (b) => b.listInsert(9, 'x', { bounded: true }), ListOp.insert('b', 9, 'x', { order: 0, flags: 2 })],
  ['listInsertItems', (b) => b.listInsertItems(0, ['x', 'y']), ListOp.insertItems('b', 0, ['x', 'y'])],
  ['listSet', (b) => b.listSet(2, 'z'), ListOp.set('b', 2, 'z')],
  ['listIncrement', (b) => b.listIncrement(0), ListOp.increment('b', 0, 1)],
  ['listIncrement by', (b) => b.listIncrement(0, 5), ListOp.increment('b', 0, 5)],
  ['listRemove', (b) => b.listRemove(-1), ListOp.remove('b', -1)],
  ['listRemoveRange', (b) => b.listRemoveRange(1, 2), ListOp.removeRange('b', 1, 2)],
  ['listRemoveRange to end', (b) => b.listRemoveRange(1), ListOp.removeRange('b', 1)],
  ['listPop', (b) => b.listPop(0), ListOp.pop('b', 0)],
  ['listPopRange', (b) => b.listPopRange(0, 3), ListOp.popRange('b', 0, 3)],
  ['listTrim', (b) => b.listTrim(1, 2), ListOp.trim('b', 1, 2)],
  ['listClear', (b) => b.listClear(), ListOp.clear('b')],
  ['listSort', (b) => b.listSort(ListSortFlags.DESCENDING | ListSortFlags.DROP_DUPLICATES), ListOp.sort('b', 3)],
  ['listSize', (b) => b.listSize(), ListOp.size('b')],
  ['listGet', (b) => b.listGet(0), ListOp.get('b', 0)],
  ['listGetRange', (b) => b.listGetRange(0, 2), ListOp.getRange('b', 0, 2)],
  ['listCreate', (b) => b.listCreate(ListOrder.ORDERED), ListOp.create('b', ListOrder.ORDERED, true)],
  ['listCreate persisted', (b) => b.listCreate(ListOrder.ORDERED, { persistIndex: true }), ListOp.create('b', ListOrder.ORDERED | 0x10)],
  ['listSetOrder', (b) => b.listSetOrder(ListOrder.ORDERED), ListOp.setOrder('b', ListOrder.ORDERED)],
  ['onListIndex getValues', (b) => b.onListIndex(1).getValues(), ListOp.getByIndex('b', 1, ListReturnType.VALUE)],
  ['onListRank getIndexes', (b) => b.onListRank(0).getIndexes(), ListOp.getByRank('b', 0, ListReturnType.INDEX)],
  ['onListValue count', (b) => b.onListValue('a').count(), ListOp.getByValue('b', 'a', ListReturnType.COUNT)],
  ['onListValueList exists', (b) => b.onListValueList(['a', 'b']).exists(), ListOp.getByValueList('b', ['a', 'b'], ListReturnType.EXISTS)],
  ['onListIndexRange getRanks', (b) => b.onListIndexRange(1, 2).getRanks(), ListOp.getByIndexRange('b', 1, ListReturnType.RANK, 2)],
  ['onListIndexRange open', (b) => b.onListIndexRange(1).getReverseIndexes(), ListOp.getByIndexRange('b', 1, ListReturnType.REVERSE_INDEX)],
  ['onListRankRange getReverseRanks', (b) => b.onListRankRange(0, 2).getReverseRanks(), ListOp.getByRankRange('b', 0, ListReturnType.REVERSE_RANK, 2)],
  ['onListValueRange getValues', (b) => b.onListValueRange(10, 20).getValues(), ListOp.getByValueRange('b', 10, 20, ListReturnType.VALUE)],
  ['onListValueRange open end', (b) => b.onListValueRange(10, null).getValues(), ListOp.getByValueRange('b', 10, null, ListReturnType.VALUE)],
  ['onListValueRelativeRankRange', (b) => b.onListValueRelativeRankRange(5, -1, 2).getValues(), ListOp.getByValueRelativeRankRange('b', 5, -1, ListReturnType.VALUE, 2)],
  ['inverted read', (b) => b.onListValueRange(10, 20).getAllOtherValues(), ListOp.getByValueRange('b', 10, 20, ListReturnType.VALUE | ListReturnType.INVERTED)],
  ['countAllOthers', (b) => b.onListValue(1).countAllOthers(), ListOp.getByValue('b', 1, ListReturnType.COUNT | ListReturnType.INVERTED)],
  ['remove by index', (b) => b.onListIndex(0).remove(), ListOp.removeByIndex('b', 0, ListReturnType.NONE)],
  ['remove by rank', (b) => b.onListRank(0).remove({ returnType: ListReturnType.VALUE }), ListOp.removeByRank('b', 0, ListReturnType.VALUE)],
  ['remove by value', (b) => b.onListValue('x').remove(), ListOp.removeByValue('b', 'x', 0)],
  ['remove by values', (b) => b.onListValueList(['x']).remove(), ListOp.removeByValueList('b', ['x'], 0)],
  ['remove by index range', (b) => b.onListIndexRange(2).remove({ returnType: ListReturnType.COUNT }), ListOp.removeByIndexRange('b', 2, ListReturnType.COUNT)],
  ['remove by rank range', (b) => b.onListRankRange(0, 1).remove(), ListOp.removeByRankRange('b', 0, 0, 1)],
  ['remove by value range', (b) => b.onListValueRange(null, 5).remove(), ListOp.removeByValueRange('b', null, 5, 0)],
  ['remove relative', (b) => b.onListValueRelativeRankRange(5, 0).remove(), ListOp.removeByValueRelativeRankRange('b', 5, 0, 0)],
  ['removeAllOthers', (b) => b.onListValueRange(1, 3).removeAllOthers({ returnType: ListReturnType.COUNT }), ListOp.removeByValueRange('b', 1, 3, ListReturnType.COUNT | ListReturnType.INVERTED)],
  ['setTo at index', (b) => b.onListIndex(1).setTo('v'), ListOp.set('b', 1, 'v')],
  ['setTo at index no-fail', (b) => b.onListIndex(1).setTo('v', { noFail: true }), ListOp.set('b', 1, 'v', { order: 0, flags: 4 })],
  ['add at index', (b) => b.onListIndex(1).add(2), ListOp.increment('b', 1, 2)]
];

const mapCases: Case[] = [
  ['mapUpsertItems', (b) => b.mapUpsertItems({ a: 1 }), MapOp.putItems('b', { a: 1 })],
  ['mapUpsertItems ordered', (b) => b.mapUpsertItems({ a: 1 }, { order: MapOrder.KEY_ORDERED }), MapOp.putItems('b', { a: 1 }, { order: MapOrder.KEY_ORDERED, flags: 0 })],
  ['mapUpsertItems persisted', (b) => b.mapUpsertItems({ a: 1 }, { order: MapOrder.KEY_ORDERED, persistIndex: true }), MapOp.putItems('b', { a: 1 }, { order: MapOrder.KEY_ORDERED | 0x10, flags: 0 })],
  ['mapUpsertItems pairs', (b) => b.mapUpsertItems([[1, 'one']]), MapOp.putItems('b', new Map([[1, 'one']]))],
  ['mapInsertItems', (b) => b.mapInsertItems({ a: 1 }, { noFail: true }), MapOp.putItems('b', { a: 1 }, { order: 0, flags: MapWriteFlags.CREATE_ONLY | MapWriteFlags.NO_FAIL })],
  ['mapUpdateItems', (b) => b.mapUpdateItems(new Map([['a', 1]]), { noFail: true, partial: true }), MapOp.putItems('b', new Map([['a', 1]]), { order: 0, flags: 2 | 4 | 8 })],
  ['mapCreate', (b) => b.mapCreate(MapOrder.KEY_VALUE_ORDERED), MapOp.create('b', MapOrder.KEY_VALUE_ORDERED)],
  ['mapSetPolicy', (b) => b.mapSetPolicy(MapOrder.KEY_ORDERED), MapOp.setPolicy('b', { order: MapOrder.KEY_ORDERED, flags: 0 })],
  ['mapClear', (b) => b.mapClear(), MapOp.clear('b')],
  ['mapSize', (b) => b.mapSize(), MapOp.size('b')],
  ['put (onMapKey setTo)', (b) => b.onMapKey('k').setTo('v'), MapOp.put('b', 'k', 'v')],
  ['put createOnly', (b) => b.onMapKey('k').setTo('v', { createOnly: true, noFail: true }), MapOp.put('b', 'k', 'v', { order: 0, flags: MapWriteFlags.CREATE_ONLY | MapWriteFlags.NO_FAIL })],
  ['put updateOnly ordered', (b) => b.onMapKey('k').setTo('v', { updateOnly: true, order: MapOrder.KEY_ORDERED }), MapOp.put('b', 'k', 'v', { order: 1, flags: MapWriteFlags.UPDATE_ONLY })],
  ['increment (onMapKey add)', (b) => b.onMapKey('k').add(3), MapOp.increment('b', 'k', 3)],
  ['getByKey', (b) => b.onMapKey('k').getValues(), MapOp.getByKey('b', 'k', MapReturnType.VALUE)],
  ['getByKey keys and values', (b) => b.onMapKey('k').getKeysAndValues(), MapOp.getByKey('b', 'k', MapReturnType.KEY_VALUE)],
  ['getByIndex', (b) => b.onMapIndex(0).getKeys(), MapOp.getByIndex('b', 0, MapReturnType.KEY)],
  ['getByRank', (b) => b.onMapRank(-1).getValues(), MapOp.getByRank('b', -1, MapReturnType.VALUE)],
  ['getByValue', (b) => b.onMapValue(5).getKeys(), MapOp.getByValue('b', 5, MapReturnType.KEY)],
  ['getByKeyRange', (b) => b.onMapKeyRange('a', 'c').getKeysAndValues(), MapOp.getByKeyRange('b', 'a', 'c', MapReturnType.KEY_VALUE)],
  ['getByIndexRange', (b) => b.onMapIndexRange(1, 2).count(), MapOp.getByIndexRange('b', 1, MapReturnType.COUNT, 2)],
  ['getByValueRange', (b) => b.onMapValueRange(1, 10).getValues(), MapOp.getByValueRange('b', 1, 10, MapReturnType.VALUE)],
  ['getByRankRange', (b) => b.onMapRankRange(0, 2).getKeys(), MapOp.getByRankRange('b', 0, MapReturnType.KEY, 2)],
  ['getByKeyList', (b) => b.onMapKeyList(['a', 'b']).getValues(), MapOp.getByKeyList('b', ['a', 'b'], MapReturnType.VALUE)],
  ['getByValueList', (b) => b.onMapValueList([1, 2]).getKeys(), MapOp.getByValueList('b', [1, 2], MapReturnType.KEY)],
  ['getByKeyRelativeIndexRange', (b) => b.onMapKeyRelativeIndexRange('b', 0, 2).getKeys(), MapOp.getByKeyRelativeIndexRange('b', 'b', 0, MapReturnType.KEY, 2)],
  ['getByValueRelativeRankRange', (b) => b.onMapValueRelativeRankRange(5, 0).getValues(), MapOp.getByValueRelativeRankRange('b', 5, 0, MapReturnType.VALUE)],
  ['getAllOtherKeys', (b) => b.onMapKeyRange('a', 'c').getAllOtherKeys(), MapOp.getByKeyRange('b', 'a', 'c', MapReturnType.KEY | MapReturnType.INVERTED)],
  ['getAllOtherKeysAndValues', (b) => b.onMapKeyList(['a']).getAllOtherKeysAndValues(), MapOp.getByKeyList('b', ['a'], MapReturnType.KEY_VALUE | MapReturnType.INVERTED)],
  ['removeByKey', (b) => b.onMapKey('k').remove({ returnType: MapReturnType.VALUE }), MapOp.removeByKey('b', 'k', MapReturnType.VALUE)],
  ['removeByIndex', (b) => b.onMapIndex(0).remove(), MapOp.removeByIndex('b', 0, 0)],
  ['removeByRank', (b) => b.onMapRank(0).remove(), MapOp.removeByRank('b', 0, 0)],
  ['removeByKeyList', (b) => b.onMapKeyList(['a']).remove(), MapOp.removeByKeyList('b', ['a'], 0)],
  ['removeByValue', (b) => b.onMapValue(1).remove(), MapOp.removeByValue('b', 1, 0)],
  ['removeByValueList', (b) => b.onMapValueList([1]).remove(), MapOp.removeByValueList('b', [1], 0)],
  ['removeByKeyRange', (b) => b.onMapKeyRange('a', null).remove(), MapOp.removeByKeyRange('b', 'a', null, 0)],
  ['removeByIndexRange', (b) => b.onMapIndexRange(0, 1).remove(), MapOp.removeByIndexRange('b', 0, 0, 1)],
  ['removeByValueRange', (b) => b.onMapValueRange(0, 5).removeAllOthers(), MapOp.removeByValueRange('b', 0, 5, MapReturnType.INVERTED)],
  ['removeByRankRange', (b) => b.onMapRankRange(0).remove(), MapOp.removeByRankRange('b', 0, 0)],
  ['removeByKeyRelativeIndexRange', (b) => b.onMapKeyRelativeIndexRange('a', 1, 1).remove(), MapOp.removeByKeyRelativeIndexRange('b', 'a', 1, 0, 1)],
  ['removeByValueRelativeRankRange', (b) => b.onMapValueRelativeRankRange(1, 0, 1).remove(), MapOp.removeByValueRelativeRankRange('b', 1, 0, 0, 1)]
];

const nestedCases: Case[] = [
  ['map key → list index read', (b) => b.onMapKey('a').onListIndex(0).getValues(), ListOp.getByIndex('b', 0, ListReturnType.VALUE, [Ctx.mapKey('a')])],
  ['map key → listAppend', (b) => b.onMapKey('a').listAppend(1), ListOp.append('b', 1, undefined, [Ctx.mapKey('a')])],
  ['list index → mapUpsertItems', (b) => b.onListIndex(2).mapUpsertItems({ x: 1 }), MapOp.putItems('b', { x: 1 }, undefined, [Ctx.listIndex(2)])],
  ['map key create → put', (b) => b.onMapKey('a', { createType: MapOrder.KEY_ORDERED }).onMapKey('b').setTo(1), MapOp.put('b', 'b', 1, undefined, [Ctx.mapKeyCreate('a', 'key-ordered')])],
  [
    'list index create → append',
    (b) => b.onListIndex(3, { order: ListOrder.UNORDERED, pad: true }).listAppend('x'),
    ListOp.append('b', 'x', undefined, [Ctx.listIndexCreate(3, 'unordered', true)])
  ],
  ['map index → rank → size', (b) => b.onMapIndex(0).onListRank(-1).listSize(), ListOp.size('b', [Ctx.mapIndex(0), Ctx.listRank(-1)])],
  ['map rank → map value → keys', (b) => b.onMapRank(0).onMapValue(7).getKeys(), MapOp.getByValue('b', 7, MapReturnType.KEY, [Ctx.mapRank(0)])],
  ['list value → nested map size', (b) => b.onListValue('v').mapSize(), MapOp.size('b', [Ctx.listValue('v')])],
  ['map value → nested list clear', (b) => b.onMapValue(1).listClear(), ListOp.clear('b', [Ctx.mapValue(1)])],
  ['three levels', (b) => b.onMapKey('a').onMapKey('b').onListIndex(-1).add(1), ListOp.increment('b', -1, 1, undefined, [Ctx.mapKey('a'), Ctx.mapKey('b')])],
  ['nested list create', (b) => b.onMapKey('new').listCreate(ListOrder.ORDERED), ListOp.create('b', ListOrder.ORDERED, true, [Ctx.mapKey('new')])],
  ['nested map create', (b) => b.onListIndex(0).mapCreate(MapOrder.KEY_ORDERED), MapOp.create('b', MapOrder.KEY_ORDERED, [Ctx.listIndex(0)])],
  ['nested removeAllOthers', (b) => b.onMapKey('a').onListValueRange(0, 5).removeAllOthers(), ListOp.removeByValueRange('b', 0, 5, ListReturnType.INVERTED, [Ctx.mapKey('a')])]
];

const hllBitCases: Case[] = [
  ['hllInit', (b) => b.hllInit(HllConfig.of(12, 20), { createOnly: true, noFail: true }), HllOp.init('b', 12, 20, 1 | 4)],
  ['hllAdd', (b) => b.hllAdd(['a', 'b']), HllOp.add('b', ['a', 'b'])],
  ['hllAdd with config', (b) => b.hllAdd(['a'], { config: HllConfig.of(10), allowFold: true }), HllOp.add('b', ['a'], 10, 0, 8)],
  ['hllSetUnion', (b) => b.hllSetUnion([hll], { updateOnly: true }), HllOp.setUnion('b', [hll], 2)],
  ['hllRefreshCount', (b) => b.hllRefreshCount(), HllOp.refreshCount('b')],
  ['hllFold', (b) => b.hllFold(8), HllOp.fold('b', 8)],
  ['hllGetCount', (b) => b.hllGetCount(), HllOp.getCount('b')],
  ['hllDescribe', (b) => b.hllDescribe(), HllOp.describe('b')],
  ['hllGetUnion', (b) => b.hllGetUnion([hll]), HllOp.getUnion('b', [hll])],
  ['hllGetUnionCount', (b) => b.hllGetUnionCount([hll]), HllOp.getUnionCount('b', [hll])],
  ['hllGetIntersectCount', (b) => b.hllGetIntersectCount([hll]), HllOp.getIntersectCount('b', [hll])],
  ['hllGetSimilarity', (b) => b.hllGetSimilarity([hll]), HllOp.getSimilarity('b', [hll])],
  ['hllMayContain', (b) => b.hllMayContain(['a', 1]), HllOp.mayContain('b', ['a', 1])],
  ['bitResize', (b) => b.bitResize(4, BitResizeFlags.FROM_FRONT, { noFail: true }), BitOp.resize('b', 4, 1, 4)],
  ['bitInsert', (b) => b.bitInsert(1, bytes), BitOp.insert('b', 1, bytes)],
  ['bitRemove', (b) => b.bitRemove(0, 1), BitOp.remove('b', 0, 1)],
  ['bitSet', (b) => b.bitSet(0, 8, bytes, { partial: true, noFail: true }), BitOp.set('b', 0, 8, bytes, 8 | 4)],
  ['bitOr', (b) => b.bitOr(0, 8, bytes), BitOp.or('b', 0, 8, bytes)],
  ['bitXor', (b) => b.bitXor(0, 8, bytes), BitOp.xor('b', 0, 8, bytes)],
  ['bitAnd', (b) => b.bitAnd(0, 8, bytes), BitOp.and('b', 0, 8, bytes)],
  ['bitNot', (b) => b.bitNot(0, 8), BitOp.not('b', 0, 8)],
  ['bitLshift', (b) => b.bitLshift(0, 8, 2), BitOp.lshift('b', 0, 8, 2)],
  ['bitRshift', (b) => b.bitRshift(0, 8, 2, { updateOnly: true }), BitOp.rshift('b', 0, 8, 2, 2)],
  ['bitAdd', (b) => b.bitAdd(0, 8, 1, true, BitOverflowAction.WRAP), BitOp.add('b', 0, 8, 1, true, BitOverflowAction.WRAP)],
  ['bitSubtract', (b) => b.bitSubtract(0, 8, 1), BitOp.subtract('b', 0, 8, 1, false)],
  ['bitSetInt', (b) => b.bitSetInt(0, 8, 255), BitOp.setInt('b', 0, 8, 255)],
  ['bitGet', (b) => b.bitGet(0, 8), BitOp.get('b', 0, 8)],
  ['bitCount', (b) => b.bitCount(0, 16), BitOp.count('b', 0, 16)],
  ['bitLscan', (b) => b.bitLscan(0, 16, true), BitOp.lscan('b', 0, 16, true)],
  ['bitRscan', (b) => b.bitRscan(0, 16, false), BitOp.rscan('b', 0, 16, false)],
  ['bitGetInt', (b) => b.bitGetInt(0, 8, true), BitOp.getInt('b', 0, 8, true)]
];

describe('fluent bin builders emit what core builds', () => {
  it.each(scalarCases)('scalar/expression: %s', (_n, build, expected) => expect(emitted(build)).toEqual(expected));
  it.each(listCases)('list: %s', (_n, build, expected) => expect(emitted(build)).toEqual(expected));
  it.each(mapCases)('map: %s', (_n, build, expected) => expect(emitted(build)).toEqual(expected));
  it.each(nestedCases)('nested: %s', (_n, build, expected) => expect(emitted(build)).toEqual(expected));
  it.each(hllBitCases)('HLL/bit: %s', (_n, build, expected) => expect(emitted(build)).toEqual(expected));

  it('writes the documented bytes for a nested read', () => {
    // [0xff, [MAP_KEY 0x22, 'a' (string particle prefix 0x03)], [LIST getByIndex 19, VALUE 7, index 0]]
    const o = emitted((b) => b.onMapKey('a').onListIndex(0).getValues(), 'm');
    expect(o.bin).toBe('m');
    expect(Buffer.from(o.packed ?? []).toString('hex')).toBe('93ccff9222a2036193130700');
  });

  it('writes the server HLL may-contain request (read op 56 with the value list)', () => {
    const o = emitted((b) => b.hllMayContain(['a']), 'h');
    expect(o.op).toBe(15);
    expect(Buffer.from(o.packed ?? []).toString('hex')).toBe('923891a20361');
  });

  it('builds one operation per chained call, in order', () => {
    const sink = new Sink();
    new BinOps<Sink>(sink, 'l').listAppend(1);
    new BinOps<Sink>(sink, 'l').onListIndex(0).getValues();
    expect(sink.ops.map((o) => o.packed?.[1])).toEqual([1, 19]);
  });
});
