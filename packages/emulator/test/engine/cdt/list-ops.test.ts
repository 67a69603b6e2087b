import { ListOp, ListOrder, ListReturnType as RT, ListSortFlags, ListWriteFlags as WF } from '@aerospike-ts/core';
import { BinHarness } from './engine-harness';

const INVERTED = RT.INVERTED;
const unordered = (flags: number): { order: number; flags: number } => ({ order: ListOrder.UNORDERED, flags });

describe('list writes', () => {
  it('append and appendItems create the list and answer its size', () => {
    const h = new BinHarness();
    expect(h.run(ListOp.append('b', 5))).toBe(1);
    expect(h.run(ListOp.appendItems('b', [7, 'x']))).toBe(3);
    expect(h.decoded).toEqual([5, 7, 'x']);
  });

  it('a list created with the ordered policy carries the order marker and stays sorted', () => {
    const h = new BinHarness();
    expect(h.run(ListOp.append('b', 3, { order: ListOrder.ORDERED, flags: 0 }))).toBe(1);
    expect(h.run(ListOp.append('b', 1))).toBe(2);
    expect(h.hex).toBe('93c700010103');
    expect(h.code(ListOp.insert('b', 0, 9))).toBe(26);
    expect(h.code(ListOp.set('b', 0, 9))).toBe(26);
    h.run(ListOp.clear('b'));
    expect(h.hex).toBe('91c70001');
  });

  it('insert counts negative indexes from the end and pads with nils past the end', () => {
    const h = new BinHarness([1, 2, 3]);
    expect(h.run(ListOp.insert('b', -1, 9))).toBe(4);
    expect(h.run(ListOp.insert('b', 6, 'z'))).toBe(7);
    expect(h.decoded).toEqual([1, 2, 9, 3, null, null, 'z']);
    expect(h.code(ListOp.insert('b', -9, 0))).toBe(26);
  });

  it('insert-bounded refuses indexes past the end, or does nothing with no-fail', () => {
    const h = new BinHarness([1, 2, 3]);
    expect(h.code(ListOp.insert('b', 5, 0, unordered(WF.INSERT_BOUNDED)))).toBe(26);
    expect(h.run(ListOp.insert('b', 5, 0, unordered(WF.INSERT_BOUNDED | WF.NO_FAIL)))).toBe(3);
    expect(h.decoded).toEqual([1, 2, 3]);
  });

  it('add-unique refuses values already there; no-fail skips, partial adds the rest', () => {
    const h = new BinHarness([1, 2, 3]);
    expect(h.code(ListOp.append('b', 2, unordered(WF.ADD_UNIQUE)))).toBe(24);
    expect(h.run(ListOp.append('b', 2, unordered(WF.ADD_UNIQUE | WF.NO_FAIL)))).toBe(3);
    expect(h.run(ListOp.appendItems('b', [2, 4, 4], unordered(WF.ADD_UNIQUE | WF.NO_FAIL | WF.PARTIAL)))).toBe(4);
    expect(h.decoded).toEqual([1, 2, 3, 4]);
    expect(h.code(ListOp.appendItems('b', [4, 5], unordered(WF.ADD_UNIQUE)))).toBe(24);
    // A value repeated inside the items is refused with OP_NOT_APPLICABLE, as the server does.
    expect(h.code(ListOp.appendItems('b', [5, 5], unordered(WF.ADD_UNIQUE)))).toBe(26);
  });

  it('set replaces, pads past the end, and answers nothing', () => {
    const h = new BinHarness([1, 2, 3]);
    expect(h.run(ListOp.set('b', 5, 'x'))).toBeNull();
    expect(h.run(ListOp.set('b', -1, 0))).toBeNull();
    expect(h.decoded).toEqual([1, 2, 3, null, null, 0]);
  });

  it('increment adds to integers and doubles, creating missing elements', () => {
    const h = new BinHarness([1, 2.5]);
    expect(h.run(ListOp.increment('b', 0, 5))).toBe(6);
    expect(h.run(ListOp.increment('b', 1, 1))).toBe(3.5);
    expect(h.run(ListOp.increment('b', 4, 2))).toBe(2);
    expect(h.decoded).toEqual([6, 3.5, null, null, 2]);
    const i = new BinHarness([10]);
    expect(i.run(ListOp.increment('b', 0, 1.9))).toBe(11);
    expect(new BinHarness(['s']).code(ListOp.increment('b', 0, 1))).toBe(4);
  });

  it('pop, remove and trim', () => {
    const h = new BinHarness([1, 2, 3, 4, 5]);
    expect(h.run(ListOp.pop('b', 1))).toBe(2);
    expect(h.run(ListOp.popRange('b', -2))).toEqual([4, 5]);
    expect(h.run(ListOp.remove('b', 0))).toBe(1);
    expect(h.decoded).toEqual([3]);
    expect(h.run(ListOp.removeRange('b', 0, 10))).toBe(1);
    expect(h.code(ListOp.pop('b', 0))).toBe(26);
    const t = new BinHarness([1, 2, 3, 4, 5]);
    expect(t.run(ListOp.trim('b', 1, 2))).toBe(3);
    expect(t.decoded).toEqual([2, 3]);
    expect(t.run(ListOp.trim('b', 0, 0))).toBe(2);
    expect(t.decoded).toEqual([]);
  });

  it('sort orders by the server value order, drops duplicates, and refuses descending with drop', () => {
    const h = new BinHarness([3, 1, 2, 1]);
    h.run(ListOp.sort('b', ListSortFlags.DROP_DUPLICATES));
    expect(h.decoded).toEqual([1, 2, 3]);
    h.run(ListOp.sort('b', ListSortFlags.DESCENDING));
    expect(h.decoded).toEqual([3, 2, 1]);
    expect(h.code(ListOp.sort('b', ListSortFlags.DESCENDING | ListSortFlags.DROP_DUPLICATES))).toBe(4);
    const mixed = new BinHarness([2.5, 'a', null, [1], true, 7, new Map([['a', 1]]), Buffer.from([9])]);
    mixed.run(ListOp.sort('b'));
    expect(mixed.decoded).toEqual([null, true, 7, 'a', [1], new Map([['a', 1]]), Buffer.from([9]), 2.5]);
  });

  it('setOrder sorts into an ordered list; setting the same order on no bin creates an empty list', () => {
    const h = new BinHarness([3, 1, 2]);
    h.run(ListOp.setOrder('b', ListOrder.ORDERED));
    expect(h.hex).toBe('94c70001010203');
    expect(h.run(ListOp.append('b', 0))).toBe(4);
    expect(h.decoded).toEqual([0, 1, 2, 3]);
    const none = new BinHarness();
    none.run(ListOp.setOrder('b', ListOrder.UNORDERED));
    expect(none.hex).toBe('90');
  });
});

describe('list reads and removals by index, value and rank', () => {
  it('get by index with every return type', () => {
    const h = new BinHarness([5, 1, 4]);
    expect(h.run(ListOp.getByIndex('b', 1, RT.VALUE))).toBe(1);
    expect(h.run(ListOp.getByIndex('b', -1, RT.INDEX))).toBe(2);
    expect(h.run(ListOp.getByIndex('b', -1, RT.REVERSE_INDEX))).toBe(0);
    expect(h.run(ListOp.getByIndex('b', -1, RT.RANK))).toBe(1);
    expect(h.run(ListOp.getByIndex('b', 0, RT.REVERSE_RANK))).toBe(0);
    expect(h.run(ListOp.getByIndex('b', 0, RT.EXISTS))).toBe(true);
    expect(h.run(ListOp.getByIndex('b', 0, RT.COUNT))).toBe(1);
    expect(h.code(ListOp.getByIndex('b', 3, RT.VALUE))).toBe(26);
    expect(h.code(ListOp.getByIndex('b', 0, 6))).toBe(26);
    expect(h.code(ListOp.getByIndex('b', 0, RT.VALUE | INVERTED))).toBe(26);
  });

  it('index ranges clip, invert, and report ranges', () => {
    const h = new BinHarness([5, 1, 4]);
    expect(h.run(ListOp.getByIndexRange('b', 1, RT.VALUE))).toEqual([1, 4]);
    expect(h.run(ListOp.getByIndexRange('b', -5, RT.VALUE, 3))).toEqual([5]);
    expect(h.run(ListOp.getByIndexRange('b', 0, RT.COUNT | INVERTED, 1))).toBe(2);
    expect(h.run(ListOp.getByIndexRange('b', 1, RT.VALUE | INVERTED, 1))).toEqual([5, 4]);
    expect(h.run(ListOp.getByIndexRange('b', 1, 9, 5))).toEqual([1, 2]);
    expect(h.run(ListOp.getByIndexRange('b', 1, RT.RANK))).toEqual([0, 1]);
    expect(h.code(ListOp.getByIndexRange('b', 1, 11))).toBe(26);
    expect(h.run(ListOp.getByIndexRange('b', 7, RT.INDEX))).toEqual([]);
  });

  it('values: all occurrences, missing values, inverted selections, ranges and value lists', () => {
    const h = new BinHarness([3, 1, 3, 2]);
    expect(h.run(ListOp.getByValue('b', 3, RT.INDEX))).toEqual([0, 2]);
    expect(h.run(ListOp.getByValue('b', 3, RT.COUNT))).toBe(2);
    expect(h.run(ListOp.getByValue('b', 9, RT.INDEX))).toEqual([]);
    expect(h.run(ListOp.getByValue('b', 3, RT.VALUE | INVERTED))).toEqual([1, 2]);
    expect(h.run(ListOp.getByValueRange('b', 2, 4, RT.VALUE))).toEqual([3, 3, 2]);
    expect(h.run(ListOp.getByValueRange('b', null, 3, RT.VALUE))).toEqual([1, 2]);
    expect(h.run(ListOp.getByValueRange('b', 2, null, RT.RANK))).toEqual([1, 2, 3]);
    expect(h.run(ListOp.getByValueList('b', [3, 9, 1], RT.VALUE))).toEqual([3, 1, 3]);
    expect(h.run(ListOp.getByValueList('b', [3, 9, 1], RT.RANK))).toEqual([2, 3, 0]);
    expect(h.run(ListOp.removeByValue('b', 3, RT.INDEX))).toEqual([0, 2]);
    expect(h.decoded).toEqual([1, 2]);
  });

  it('rank ranges of unordered lists come out as the server heap lays them out', () => {
    const h = new BinHarness([5, 1, 4, 2]);
    // Picked from the low end: highest rank first (server behaviour, see the recorded traffic).
    expect(h.run(ListOp.getByRankRange('b', 1, RT.VALUE, 2))).toEqual([4, 2]);
    expect(h.run(ListOp.getByRankRange('b', 2, RT.VALUE))).toEqual([4, 5]);
    expect(h.run(ListOp.getByRankRange('b', 1, RT.INDEX, 2))).toEqual([2, 3]);
    expect(h.run(ListOp.getByRank('b', 0, RT.VALUE))).toBe(1);
    expect(h.run(ListOp.getByValueRelativeRankRange('b', 3, 0, RT.VALUE))).toEqual([4, 5]);
    expect(h.run(ListOp.getByValueRelativeRankRange('b', 3, -1, RT.VALUE, 1))).toEqual([2]);
    expect(h.code(ListOp.getByRankRange('b', 0, 11 | INVERTED, 1))).toBe(26);
  });

  it('ordered lists answer ranks as indexes and value lists item by item', () => {
    const h = new BinHarness();
    h.run(ListOp.appendItems('b', [4, 1, 3, 1], { order: ListOrder.ORDERED, flags: 0 }));
    expect(h.decoded).toEqual([1, 1, 3, 4]);
    expect(h.run(ListOp.getByRankRange('b', 1, RT.VALUE, 2))).toEqual([1, 3]);
    expect(h.run(ListOp.getByValueList('b', [3, 1, 1], RT.VALUE))).toEqual([3, 1, 1, 1, 1]);
    expect(h.run(ListOp.getByValueList('b', [3, 1, 1], RT.COUNT))).toBe(3);
    expect(h.run(ListOp.getByValue('b', 1, 11))).toEqual([0, 2]);
  });
});

describe('list ops on missing or mistyped bins', () => {
  it('reads of a missing bin return nothing; removals do nothing; sort is a type error', () => {
    const h = new BinHarness();
    expect(h.run(ListOp.size('b'))).toBeNull();
    expect(h.run(ListOp.removeByIndex('b', 0, RT.VALUE))).toBeNull();
    expect(h.value).toBeUndefined();
    expect(h.code(ListOp.sort('b'))).toBe(12);
  });

  it('a list op on a map bin is a bin type error', () => {
    expect(new BinHarness(new Map([['a', 1]])).code(ListOp.append('b', 1))).toBe(12);
    expect(new BinHarness(new Map([['a', 1]])).code(ListOp.size('b'))).toBe(12);
  });
});
