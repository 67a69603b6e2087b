import { MapOp, MapOrder, MapReturnType as RT, MapWriteFlags as WF } from '@aerospike-ts/core';
import { BinHarness } from './engine-harness';

const INVERTED = RT.INVERTED;
const policy = (flags: number, order: number = MapOrder.UNORDERED): { order: number; flags: number } => ({ order, flags });
const abc = (): BinHarness => new BinHarness(new Map<string, number>([['b', 2], ['a', 1], ['c', 3]]));

describe('map writes', () => {
  it('put answers the size; write flags refuse or skip', () => {
    const h = new BinHarness(new Map([['b', 2], ['a', 1]]));
    expect(h.run(MapOp.put('b', 'c', 3))).toBe(3);
    expect(h.code(MapOp.put('b', 'a', 9, policy(WF.CREATE_ONLY)))).toBe(24);
    expect(h.code(MapOp.put('b', 'z', 9, policy(WF.UPDATE_ONLY)))).toBe(23);
    expect(h.run(MapOp.put('b', 'a', 9, policy(WF.CREATE_ONLY | WF.NO_FAIL)))).toBe(3);
    expect(h.decoded).toEqual(new Map([['a', 1], ['b', 2], ['c', 3]]));
  });

  it('putItems with partial writes what it may', () => {
    const h = new BinHarness(new Map([['a', 1]]));
    expect(h.code(MapOp.putItems('b', new Map([['a', 5], ['b', 6]]), policy(WF.CREATE_ONLY)))).toBe(24);
    expect(h.run(MapOp.putItems('b', new Map([['a', 5], ['b', 6]]), policy(WF.CREATE_ONLY | WF.NO_FAIL | WF.PARTIAL)))).toBe(2);
    expect(h.decoded).toEqual(new Map([['a', 1], ['b', 6]]));
  });

  it('a key-ordered map keeps its marker; putting on no bin creates the map with the policy order', () => {
    const h = new BinHarness();
    expect(h.run(MapOp.put('b', 'k', 1, policy(0, MapOrder.KEY_ORDERED)))).toBe(1);
    expect(h.hex).toBe('82c70001c0a2036b01');
    const u = new BinHarness();
    u.run(MapOp.put('b', 'k', 1));
    expect(u.hex).toBe('81a2036b01');
  });

  it('an unordered map is kept in key order, as the server stores it', () => {
    const h = new BinHarness(new Map([['b', 2], ['a', 1]]), false);
    expect(h.hex).toBe('82a2036202a2036101');
    expect(h.run(MapOp.getByIndex('b', 0, RT.KEY))).toBe('a');
    h.run(MapOp.put('b', 'c', 3));
    expect(h.hex).toBe('83a2036101a2036202a2036303');
    h.run(MapOp.setPolicy('b', policy(0, MapOrder.KEY_ORDERED)));
    expect(h.hex).toBe('84c70001c0a2036101a2036202a2036303');
  });

  it('increment and decrement create missing keys and refuse non-numbers', () => {
    const h = abc();
    expect(h.run(MapOp.increment('b', 'b', 5))).toBe(7);
    expect(h.run(MapOp.decrement('b', 'new', 2))).toBe(-2);
    h.run(MapOp.put('b', 's', 'text'));
    expect(h.code(MapOp.increment('b', 's', 1))).toBe(4);
  });

  it('replace on no bin finds nothing; removals on no bin do nothing', () => {
    const h = new BinHarness();
    expect(h.run(MapOp.removeByKey('b', 'a', RT.VALUE))).toBeNull();
    expect(h.value).toBeUndefined();
    expect(h.code(MapOp.put('b', 'a', 1, policy(WF.UPDATE_ONLY)))).toBe(23);
    // The failed op still leaves no bin.
    expect(h.value).toBeUndefined();
  });
});

describe('map reads and removals', () => {
  it('by key, with element, index, rank and map-shaped results', () => {
    const h = abc();
    expect(h.run(MapOp.getByKey('b', 'b', RT.VALUE))).toBe(2);
    expect(h.run(MapOp.getByKey('b', 'zz', RT.VALUE))).toBeNull();
    expect(h.run(MapOp.getByKey('b', 'zz', RT.INDEX))).toBe(-1);
    expect(h.run(MapOp.getByKey('b', 'c', RT.REVERSE_INDEX))).toBe(0);
    expect(h.run(MapOp.getByKey('b', 'c', RT.RANK))).toBe(2);
    expect(h.rawResult(MapOp.getByKey('b', 'b', RT.KEY_VALUE))).toBe('19:82c70008c0a2036202');
    expect(h.rawResult(MapOp.getByIndexRange('b', 0, RT.ORDERED_MAP, 2))).toBe('19:83c70001c0a2036101a2036202');
    expect(h.rawResult(MapOp.getByIndexRange('b', 1, RT.UNORDERED_MAP))).toBe('19:82a2036202a2036303');
    expect(h.code(MapOp.getByKey('b', 'a', 11))).toBe(26);
  });

  it('ranges by key, index, value and rank (ranks ascending)', () => {
    const h = new BinHarness(new Map<string, number>([['a', 3], ['b', 1], ['c', 2], ['d', 1]]));
    expect(h.run(MapOp.getByKeyRange('b', 'b', 'd', RT.KEY))).toEqual(['b', 'c']);
    expect(h.run(MapOp.getByIndexRange('b', -2, RT.VALUE))).toEqual([2, 1]);
    expect(h.run(MapOp.getByRankRange('b', 0, RT.KEY, 3))).toEqual(['b', 'd', 'c']);
    expect(h.run(MapOp.getByRankRange('b', 0, RT.INDEX, 3))).toEqual([1, 3, 2]);
    expect(h.run(MapOp.getByValueRange('b', 2, null, RT.KEY))).toEqual(['a', 'c']);
    expect(h.run(MapOp.getByValue('b', 1, RT.KEY))).toEqual(['b', 'd']);
    expect(h.run(MapOp.getByValue('b', 1, RT.RANK))).toEqual([0, 1]);
    expect(h.run(MapOp.getByRank('b', -1, RT.KEY))).toBe('a');
    expect(h.run(MapOp.getByKeyRelativeIndexRange('b', 'bb', 0, RT.KEY, 2))).toEqual(['c', 'd']);
    expect(h.run(MapOp.getByValueRelativeRankRange('b', 2, 0, RT.KEY))).toEqual(['c', 'a']);
    expect(h.run(MapOp.getByKeyList('b', ['d', 'zz', 'a'], RT.INDEX))).toEqual([3, 0]);
    expect(h.run(MapOp.getByValueList('b', [1, 3], RT.KEY))).toEqual(['a', 'b', 'd']);
    expect(h.run(MapOp.getByIndexRange('b', 1, RT.KEY | INVERTED, 2))).toEqual(['a', 'd']);
  });

  it('removals answer and shrink the map', () => {
    const h = abc();
    expect(h.run(MapOp.removeByKeyList('b', ['a', 'zz'], RT.VALUE))).toEqual([1]);
    expect(h.run(MapOp.removeByRank('b', 0, RT.KEY))).toBe('b');
    expect(h.decoded).toEqual(new Map([['c', 3]]));
    expect(h.run(MapOp.removeByValueRange('b', null, null, RT.COUNT))).toBe(1);
    expect(h.decoded).toEqual(new Map());
  });
});
