import { Exp, ExpModule, ExpType, GeoJSON, HLL, HllExp, ListExp, ListReturnType, MapExp, MapReturnType, MsgPackWriter, packValue } from '@aerospike-ts/core';
import { evaluateExpression } from '../../../src/engine/exp';
import { CTX, record, value } from './exp-helpers';

const OP_NOT_APPLICABLE = 26;
const UNSUPPORTED = 16;

const rec = record({ i: 3, s: 'abc', l: [1, 2], g: new GeoJSON('{"type":"Point","coordinates":[1,2]}'), m: { k: 'v' } });

describe('expression operation values (what EXP_READ returns and EXP_MODIFY writes)', () => {
  it('scalars become particles: integer, float, string, blob, bool', () => {
    const eight = Buffer.alloc(8);
    eight.writeBigInt64BE(4n);
    expect(value(Exp.add(Exp.intBin('i'), Exp.val(1)), rec)).toEqual({ type: 1, data: eight });
    expect(value(Exp.val(1.5), rec)).toEqual({ type: 2, data: Buffer.from('3ff8000000000000', 'hex') });
    expect(value(Exp.stringBin('s'), rec)).toEqual({ type: 3, data: Buffer.from('abc') });
    expect(value(Exp.val(Buffer.from([9])), rec)).toEqual({ type: 4, data: Buffer.from([9]) });
    expect(value(Exp.eq(Exp.intBin('i'), Exp.val(3)), rec)).toEqual({ type: 17, data: Buffer.from([1]) });
  });

  it('collections and GeoJSON keep their bytes', () => {
    expect(value(Exp.listBin('l'), rec)).toEqual({ type: 20, data: packValue([1, 2], 'list') });
    expect(value(Exp.val([1, 'x']), rec)).toEqual({ type: 20, data: packValue([1, 'x'], 'list') });
    expect(value(Exp.mapBin('m'), rec)).toEqual({ type: 19, data: packValue({ k: 'v' }, 'map') });
    expect(value(Exp.val(new GeoJSON('{"type":"Point","coordinates":[0,0]}')), rec)).toEqual({
      type: 23,
      data: Buffer.concat([Buffer.from([0, 0, 0]), Buffer.from('{"type":"Point","coordinates":[0,0]}')])
    });
    expect(value(Exp.geoBin('g'), rec)).toEqual(rec.bins.get('g'));
  });

  it('nil is no bin (a write deletes); unknown and result_remove cannot be bins', () => {
    expect(value(Exp.nil(), rec)).toBeNull();
    expect(value(Exp.intBin('missing'), rec)).toBe(OP_NOT_APPLICABLE);
    expect(value(Exp.unknown(), rec)).toBe(OP_NOT_APPLICABLE);
    const remove = new MsgPackWriter(8);
    remove.writeArrayHeader(1);
    remove.writeInt(100);
    const r = evaluateExpression(remove.toBuffer(), rec, CTX);
    expect(r).toEqual({ ok: false, resultCode: OP_NOT_APPLICABLE });
  });

  it('cond and let produce values of any type', () => {
    const small = Exp.lt(Exp.intBin('i'), Exp.val(5));
    expect(value(Exp.cond(small, Exp.val('small'), Exp.val('big')), rec)).toEqual({ type: 3, data: Buffer.from('small') });
    expect(value(Exp.let(Exp.def('x', Exp.mul(Exp.intBin('i'), Exp.val(2))), Exp.cond(Exp.gt(Exp.var('x'), Exp.val(5)), Exp.var('x'), Exp.val(0))), rec)).toEqual({
      type: 1,
      data: Buffer.from('0000000000000006', 'hex')
    });
  });

  it('HLL literals are blobs on the wire (the encoder writes the blob type byte)', () => {
    expect(value(Exp.val(new HLL(Buffer.from([1, 2]))), rec)).toEqual({ type: 4, data: Buffer.from([1, 2]) });
  });

  it('collection reads run on the CDT engine; a missing or mistyped target is unknown', () => {
    const eight = (n: bigint): Buffer => {
      const b = Buffer.alloc(8);
      b.writeBigInt64BE(n);
      return b;
    };
    expect(value(ListExp.size(Exp.listBin('l')), rec)).toEqual({ type: 1, data: eight(2n) });
    expect(value(ListExp.getByIndex(ListReturnType.VALUE, ExpType.INT, Exp.val(-1), Exp.listBin('l')), rec)).toEqual({ type: 1, data: eight(2n) });
    expect(value(MapExp.getByKey(MapReturnType.VALUE, ExpType.STRING, Exp.val('k'), Exp.mapBin('m')), rec)).toEqual({ type: 3, data: Buffer.from('v') });
    expect(value(ListExp.size(Exp.val([1, 2, 3])), rec)).toEqual({ type: 1, data: eight(3n) });
    expect(value(ListExp.size(Exp.listBin('missing')), rec)).toBe(OP_NOT_APPLICABLE);
    // declared STRING, the element is an integer: unknown
    expect(value(ListExp.getByIndex(ListReturnType.VALUE, ExpType.STRING, Exp.val(0), Exp.listBin('l')), rec)).toBe(OP_NOT_APPLICABLE);
    // index out of range: the operation fails, the call is unknown
    expect(value(ListExp.getByIndex(ListReturnType.VALUE, ExpType.INT, Exp.val(5), Exp.listBin('l')), rec)).toBe(OP_NOT_APPLICABLE);
    // a map operation on a list
    expect(value(MapExp.size(Exp.listBin('l')), rec)).toBe(OP_NOT_APPLICABLE);
  });

  it('a local modify returns the modified collection', () => {
    const append = Buffer.from([0x92, 0x01, 0x05]); // [APPEND, 5]
    expect(value(Exp.call(ExpType.LIST, ExpModule.CDT | ExpModule.MODIFY, append, Exp.listBin('l')), rec)).toEqual({ type: 20, data: packValue([1, 2, 5], 'list') });
    expect(value(ListExp.size(Exp.call(ExpType.LIST, ExpModule.CDT | ExpModule.MODIFY, append, Exp.listBin('l'))), rec)).toEqual({
      type: 1,
      data: Buffer.from('0000000000000003', 'hex')
    });
  });

  it('bit and HLL calls are not emulated', () => {
    expect(value(HllExp.getCount(Exp.hllBin('h')), record({}))).toBe(OP_NOT_APPLICABLE);
    const r = record({});
    r.bins.set('h', { type: 18, data: Buffer.alloc(10) });
    expect(value(HllExp.getCount(Exp.hllBin('h')), r)).toBe(UNSUPPORTED);
  });
});
