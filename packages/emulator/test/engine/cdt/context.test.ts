import { Ctx, ListOp, ListOrder, ListReturnType, MapOp, MapOrder, MapReturnType } from '@aerospike-ts/core';
import { applyCdtOperation } from '../../../src/engine/cdt/index';
import { BinHarness } from './engine-harness';

const doc = (): BinHarness =>
  new BinHarness(
    new Map<string, unknown>([
      ['a', [1, 2]],
      ['b', new Map([['x', 1]])],
      ['l', [1]]
    ])
  );

describe('operations through a context', () => {
  it('reach nested lists and maps by key, index, rank and value', () => {
    const h = doc();
    expect(h.run(ListOp.append('b', 9, undefined, [Ctx.mapKey('a')]))).toBe(3);
    expect(h.run(MapOp.put('b', 'y', 2, undefined, [Ctx.mapKey('b')]))).toBe(2);
    expect(h.run(ListOp.getByIndex('b', -1, ListReturnType.VALUE, [Ctx.mapKey('a')]))).toBe(9);
    expect(h.run(ListOp.size('b', [Ctx.mapIndex(0)]))).toBe(3);
    expect(h.run(MapOp.getByKey('b', 'y', MapReturnType.VALUE, [Ctx.mapValue(new Map([['x', 1], ['y', 2]]))]))).toBe(2);
    // The element the path reaches is an integer: a bin type error, after the walk succeeded.
    expect(h.code(ListOp.size('b', [Ctx.mapKey('a'), Ctx.listIndex(0)]))).toBe(12);
    expect(h.decoded).toEqual(
      new Map<string, unknown>([
        ['a', [1, 2, 9]],
        ['b', new Map([['x', 1], ['y', 2]])],
        ['l', [1]]
      ])
    );
  });

  it('a step that finds nothing is not applicable; the wrong collection kind is a type error', () => {
    const h = doc();
    expect(h.code(ListOp.append('b', 1, undefined, [Ctx.mapKey('zz')]))).toBe(26);
    expect(h.code(ListOp.size('b', [Ctx.mapKey('a'), Ctx.listIndex(5)]))).toBe(26);
    expect(h.code(ListOp.append('b', 1, undefined, [Ctx.mapKey('b')]))).toBe(12);
    expect(h.code(MapOp.size('b', [Ctx.listIndex(0)]))).toBe(26);
  });

  it('a context on a bin that is not a list or map is a parameter error; reads of no bin return nothing', () => {
    const int = { type: 1, data: Buffer.alloc(8) };
    const op = ListOp.size('b', [Ctx.listIndex(0)]);
    expect(applyCdtOperation(op.op, 'b', int, { type: 4, data: Buffer.from(op.packed as Uint8Array) })).toEqual({ ok: false, resultCode: 4 });
    expect(applyCdtOperation(op.op, 'b', undefined, { type: 4, data: Buffer.from(op.packed as Uint8Array) })).toEqual({ ok: true, result: null });
  });

  it('create flags build missing entries, padded list slots and whole bins', () => {
    const h = doc();
    expect(h.run(ListOp.append('b', 1, undefined, [Ctx.mapKeyCreate('zz')]))).toBe(1);
    expect(h.run(ListOp.append('b', 5, undefined, [Ctx.mapKey('l'), Ctx.listIndexCreate(3, 'unordered', true)]))).toBe(1);
    const m = h.decoded as Map<string, unknown>;
    expect(m.get('zz')).toEqual([1]);
    expect(m.get('l')).toEqual([1, null, null, [5]]);
    expect(h.code(ListOp.append('b', 5, undefined, [Ctx.mapKey('l'), Ctx.listIndexCreate(9, 'unordered', false)]))).toBe(26);

    const empty = new BinHarness();
    expect(empty.run(MapOp.put('b', 'k', 1, undefined, [Ctx.mapKeyCreate('outer', 'key-ordered')]))).toBe(1);
    expect(empty.hex).toBe('82c70001c0a6036f7574657281a2036b01');
    expect(new BinHarness().code(MapOp.put('b', 'k', 1, undefined, [Ctx.mapKey('outer')]))).toBe(26);
  });

  it('create(order) through a context makes an ordered list or key-ordered map at the new key', () => {
    const h = doc();
    h.run(ListOp.create('b', ListOrder.ORDERED, false, [Ctx.mapKey('s')]));
    h.run(ListOp.appendItems('b', [3, 1, 2], undefined, [Ctx.mapKey('s')]));
    h.run(MapOp.create('b', MapOrder.KEY_ORDERED, [Ctx.mapKey('km')]));
    h.run(MapOp.putItems('b', new Map([['z', 1], ['a', 2]]), undefined, [Ctx.mapKey('km')]));
    const m = h.decoded as Map<string, unknown>;
    expect(m.get('s')).toEqual([1, 2, 3]);
    expect(h.run(MapOp.getByIndex('b', 0, MapReturnType.KEY, [Ctx.mapKey('km')]))).toBe('a');
  });

  it('a changed element of an ordered list moves to its sorted place', () => {
    const h = new BinHarness();
    h.run(ListOp.appendItems('b', [[5], [1, 1]], { order: ListOrder.ORDERED, flags: 0 }));
    expect(h.decoded).toEqual([[1, 1], [5]]);
    h.run(ListOp.append('b', 9, undefined, [Ctx.listIndex(0)]));
    expect(h.decoded).toEqual([[1, 1, 9], [5]]);
    h.run(ListOp.set('b', 0, 7, undefined, [Ctx.listIndex(0)]));
    expect(h.decoded).toEqual([[5], [7, 1, 9]]);
    expect(h.run(ListOp.size('b', [Ctx.listRank(-1)]))).toBe(3);
  });
});
