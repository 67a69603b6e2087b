import { BitOverflowAction, BitResizeFlags, HLL, InvalidArgumentError, ListOrder, MapOrder, type Operation } from '@aerospike-ts/core';
import { BinOps } from '../src/bin-ops';
import { HllConfig } from '../src/bin-hll-config';
import type { OpSink } from '../src/cdt-builder';

class Sink implements OpSink<Sink> {
  readonly ops: Operation[] = [];
  op(o: Operation): Sink {
    this.ops.push(o);
    return this;
  }
}

const cfg = HllConfig.of(14);

// Loosely typed access for arguments the types forbid (what plain JavaScript callers can pass).
type Loose = { [method: string]: (...args: unknown[]) => unknown };
const loose = (b: BinOps<Sink>): Loose => b as unknown as Loose;

const cases: ReadonlyArray<readonly [string, (b: BinOps<Sink>) => unknown, RegExp]> = [
  ['hllInit createOnly+updateOnly', (b) => b.hllInit(cfg, { createOnly: true, updateOnly: true }), /hllInit: createOnly and updateOnly contradict/],
  ['hllAdd createOnly+updateOnly', (b) => b.hllAdd(['a'], { createOnly: true, updateOnly: true }), /contradict/],
  ['hllSetUnion createOnly+updateOnly', (b) => b.hllSetUnion([new HLL(Buffer.alloc(4))], { createOnly: true, updateOnly: true }), /contradict/],
  ['hllInit without a config', (b) => loose(b)['hllInit']?.(14), /HllConfig\.of/],
  ['hllAdd empty', (b) => b.hllAdd([]), /hllAdd: values is empty/],
  ['hllMayContain empty', (b) => b.hllMayContain([]), /hllMayContain: values is empty/],
  ['hllGetUnion empty', (b) => b.hllGetUnion([]), /sketches is empty/],
  ['hllGetUnion not an HLL', (b) => loose(b)['hllGetUnion']?.([Buffer.alloc(3)]), /HLL value/],
  ['hll flags not boolean', (b) => loose(b)['hllInit']?.(cfg, { createOnly: 'yes' }), /option 'createOnly' must be a boolean/],
  ['hll unknown flag', (b) => loose(b)['hllInit']?.(cfg, { createOnce: true }), /unknown option 'createOnce'/],
  ['map createOnly+updateOnly', (b) => b.mapUpsertItems({ a: 1 }, { createOnly: true, updateOnly: true }), /mapUpsertItems: createOnly and updateOnly contradict/],
  ['map put createOnly+updateOnly', (b) => b.onMapKey('a').setTo(1, { createOnly: true, updateOnly: true }), /setTo: createOnly and updateOnly contradict/],
  ['list set with a map flag', (b) => b.onListIndex(0).setTo(1, { createOnly: true }), /unknown option 'createOnly'/],
  ['mapInsertItems + updateOnly', (b) => b.mapInsertItems({ a: 1 }, { updateOnly: true }), /contradicts updateOnly/],
  ['mapUpdateItems + createOnly', (b) => b.mapUpdateItems({ a: 1 }, { createOnly: true }), /contradicts createOnly/],
  ['mapUpsertItems empty', (b) => b.mapUpsertItems({}), /items is empty/],
  ['mapUpsertItems empty Map', (b) => b.mapUpsertItems(new Map()), /items is empty/],
  ['mapUpsertItems bad pair', (b) => loose(b)['mapUpsertItems']?.([['a', 1, 2]]), /\[key, value\] pair/],
  ['map bad order', (b) => b.mapCreate(7), /MapOrder/],
  ['map option bad order', (b) => b.mapUpsertItems({ a: 1 }, { order: 9 }), /MapOrder/],
  ['list bad order', (b) => b.listCreate(3), /ListOrder/],
  ['list persistIndex nested', (b) => b.onMapKey('a').listCreate(ListOrder.ORDERED, { persistIndex: true }), /top-level/],
  ['listAppendItems empty', (b) => b.listAppendItems([]), /listAppendItems: items is empty/],
  ['listAddItems empty', (b) => b.listAddItems([]), /items is empty/],
  ['listInsertItems empty', (b) => b.listInsertItems(0, []), /items is empty/],
  ['list items not an array', (b) => loose(b)['listAppendItems']?.('abc'), /items must be an array/],
  ['list index not an integer', (b) => b.listInsert(1.5, 'x'), /listInsert: index must be an integer, got 1.5/],
  ['list index a string', (b) => loose(b)['listGet']?.('0'), /index must be an integer, got string/],
  ['listTrim without a count', (b) => loose(b)['listTrim']?.(0), /listTrim: count must be an integer/],
  ['list negative count', (b) => b.listRemoveRange(0, -1), /count must be >= 0/],
  ['list flag not boolean', (b) => loose(b)['listAppend']?.(1, { unique: 1 }), /'unique' must be a boolean/],
  ['list options not an object', (b) => loose(b)['listAppend']?.(1, 'unique'), /options must be an object/],
  ['listSort bad flags', (b) => b.listSort(8), /ListSortFlags/],
  ['listIncrement not a number', (b) => loose(b)['listIncrement']?.(0, '1'), /number or bigint/],
  ['onMapKeyList empty', (b) => b.onMapKeyList([]), /onMapKeyList: keys is empty/],
  ['onListValueList empty', (b) => b.onListValueList([]), /values is empty/],
  ['onMapKey bad createType', (b) => b.onMapKey('a', { createType: 5 }), /MapOrder/],
  ['onListIndex bad order', (b) => b.onListIndex(0, { order: 2 }), /ListOrder/],
  ['onMapIndex float', (b) => b.onMapIndex(0.5), /onMapIndex: index must be an integer/],
  ['navigating below a range', (b) => b.onMapKeyRange('a', 'b').onMapKey('x'), /range or list selection/],
  ['list op below a range', (b) => b.onListIndexRange(0, 2).listAppend(1), /range or list selection/],
  ['getKeys on a list', (b) => b.onListIndex(0).getKeys(), /keys exist only in maps/],
  ['getAllOtherKeysAndValues on a list', (b) => b.onListValueRange(0, 1).getAllOtherKeysAndValues(), /keys exist only in maps/],
  ['setTo on a range', (b) => b.onMapValueRange(0, 1).setTo(1), /setTo: navigate with onMapKey or onListIndex/],
  ['add on a rank', (b) => b.onListRank(0).add(1), /add: navigate with onMapKey or onListIndex/],
  ['add non-number', (b) => loose(b.onMapKey('a') as unknown as BinOps<Sink>)['add']?.('1'), /number or bigint/],
  ['remove with inverted type', (b) => b.onMapKey('a').remove({ returnType: 0x10007 }), /removeAllOthers\(\) to invert/],
  ['bit resize grow+shrink', (b) => b.bitResize(4, BitResizeFlags.GROW_ONLY | BitResizeFlags.SHRINK_ONLY), /GROW_ONLY and SHRINK_ONLY contradict/],
  ['bit createOnly+updateOnly', (b) => b.bitSet(0, 8, Buffer.from([1]), { createOnly: true, updateOnly: true }), /bitSet: createOnly and updateOnly contradict/],
  ['bit value not bytes', (b) => loose(b)['bitOr']?.(0, 8, [1]), /Uint8Array/],
  ['bit bad overflow action', (b) => b.bitAdd(0, 8, 1, false, 3), /BitOverflowAction/],
  ['bit offset float', (b) => b.bitGet(0.5, 8), /bitOffset must be an integer/],
  ['bit scan value', (b) => loose(b)['bitLscan']?.(0, 8, 1), /must be a boolean/],
  ['add a string', (b) => loose(b)['add']?.('1'), /add: value must be a number/],
  ['expression of the wrong type', (b) => loose(b)['selectFrom']?.(42), /AEL string, an Expression or an Exp node/],
  ['AEL that does not parse', (b) => b.selectFrom('$.a +'), /./],
  ['expression option unknown', (b) => loose(b)['upsertFrom']?.('$.a', { deleteIfNil: true }), /unknown option 'deleteIfNil'/]
];

describe('fluent bin builders reject bad input at the call site', () => {
  it.each(cases)('%s', (_n, build, message) => {
    const sink = new Sink();
    let thrown: unknown;
    try {
      build(new BinOps<Sink>(sink, 'b'));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Error);
    if (_n !== 'AEL that does not parse') expect(thrown).toBeInstanceOf(InvalidArgumentError);
    expect((thrown as Error).message).toMatch(message);
    expect(sink.ops).toHaveLength(0);
  });

  it('accepts the boundary values', () => {
    const sink = new Sink();
    const b = (): BinOps<Sink> => new BinOps<Sink>(sink, 'b');
    b().bitAdd(0, 64, 2n ** 62n, true, BitOverflowAction.SATURATE);
    b().mapCreate(MapOrder.UNORDERED);
    b().listRemoveRange(0, 0);
    b().onMapKey('a', { createType: MapOrder.UNORDERED }).onListIndex(-1, { pad: true }).getValues();
    expect(sink.ops).toHaveLength(4);
  });
});
