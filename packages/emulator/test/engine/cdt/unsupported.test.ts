import { BitOp, HllOp, MapOp, MapOrder } from '@aerospike-ts/core';
import { applyCdtOperation } from '../../../src/engine/cdt/index';
import { BinHarness } from './engine-harness';

/** What the engine refuses with UNSUPPORTED_FEATURE (16) rather than risk a wrong answer. */
describe('operations the emulator does not model', () => {
  it('bit and HLL operations answer 16, except reads of a bin the record lacks (nothing, as on the server)', () => {
    const blob = { type: 4, data: Buffer.alloc(2) };
    const bit = BitOp.get('b', 0, 8);
    expect(applyCdtOperation(bit.op, 'b', blob, { type: 4, data: Buffer.from(bit.packed as Uint8Array) })).toEqual({ ok: false, resultCode: 16 });
    expect(applyCdtOperation(bit.op, 'b', undefined, { type: 4, data: Buffer.from(bit.packed as Uint8Array) })).toEqual({ ok: true, result: null });
    const hll = HllOp.getCount('b');
    expect(applyCdtOperation(hll.op, 'b', blob, { type: 4, data: Buffer.from(hll.packed as Uint8Array) })).toEqual({ ok: false, resultCode: 16 });
  });

  it('a persisted index that changes later results answers 16; the key-ordered one is emulated', () => {
    const h = new BinHarness(new Map([['a', 1]]));
    expect(h.code(MapOp.setPolicy('b', { order: MapOrder.KEY_VALUE_ORDERED | 0x10, flags: 0 }))).toBe(16);
    expect(h.code(MapOp.setPolicy('b', { order: 0x10, flags: 0 }))).toBe(16);
    expect(h.code(MapOp.setPolicy('b', { order: MapOrder.KEY_ORDERED | 0x10, flags: 0 }))).toBe(0);
    expect(h.hex).toBe('82c70001c0a2036101');
    expect(new BinHarness().code(MapOp.put('b', 'a', 1, { order: MapOrder.KEY_VALUE_ORDERED | 0x10, flags: 0 }))).toBe(16);
    const plain = new BinHarness();
    expect(plain.code(MapOp.put('b', 'a', 1, { order: 0x10, flags: 0 }))).toBe(0);
    expect(plain.hex).toBe('81a2036101');
  });

  it('the deprecated 16-bit op header and the select op answer 16', () => {
    const list = { type: 20, data: Buffer.from('9101', 'hex') };
    expect(applyCdtOperation(3, 'b', list, { type: 4, data: Buffer.from('00109100', 'hex') })).toEqual({ ok: false, resultCode: 16 });
    expect(applyCdtOperation(3, 'b', list, { type: 4, data: Buffer.from('92ccfe00', 'hex') })).toEqual({ ok: false, resultCode: 16 });
  });
});

describe('hostile input', () => {
  it('a value nested beyond the stack is refused with PARAMETER, not a crash', () => {
    const depth = 200000;
    const payload = Buffer.concat([Buffer.from([0x92, 0x01]), Buffer.alloc(depth, 0x91), Buffer.from([0x01])]);
    const r = applyCdtOperation(4, 'b', { type: 20, data: Buffer.from('90', 'hex') }, { type: 4, data: payload });
    expect(r).toEqual({ ok: false, resultCode: 4 });
  });
});
