import { Exp, GeoJSON, ListExp, MsgPackWriter } from '@aerospike-ts/core';
import { filter, filterBytes, record, value } from './exp-helpers';

const PARAMETER = 4;

/** Packed bytes of hand-written instructions (ints, booleans, raw strings, nested arrays). */
function raw(...items: unknown[]): Buffer {
  const w = new MsgPackWriter(64);
  const write = (v: unknown): void => {
    if (Array.isArray(v)) {
      w.writeArrayHeader(v.length);
      for (const x of v) write(x);
    } else if (typeof v === 'number') w.writeInt(v);
    else if (typeof v === 'boolean') w.writeBool(v);
    else if (typeof v === 'string') w.writeRawString(v);
    else if (Buffer.isBuffer(v)) w.writeRaw(v);
    else throw new Error(`cannot pack ${String(v)}`);
  };
  for (const i of items) write(i);
  return w.toBuffer();
}

describe('expressions the server refuses to build answer PARAMETER_ERROR', () => {
  const rec = record({ a: 1, s: 'x', f: 1.5 });

  it('comparisons need two operands of one type, and not GeoJSON or HLL', () => {
    expect(filter(Exp.eq(Exp.intBin('a'), Exp.val('1')), rec)).toBe(PARAMETER);
    expect(filter(Exp.eq(Exp.intBin('a'), Exp.nil()), rec)).toBe(PARAMETER);
    expect(filter(Exp.lt(Exp.intBin('a'), Exp.floatBin('f')), rec)).toBe(PARAMETER);
    expect(filter(Exp.eq(Exp.geoBin('g'), Exp.geoBin('h')), rec)).toBe(PARAMETER);
    expect(filter(Exp.eq(Exp.hllBin('g'), Exp.hllBin('h')), rec)).toBe(PARAMETER);
    expect(filterBytes(raw([1, [81, 2, 'a']]), rec)).toBe(PARAMETER); // one operand
  });

  it('logical operators need boolean operands, and and/or/exclusive at least two', () => {
    // a one-operand and (the client's Exp.and(x) sends x alone, so it is built by hand)
    expect(filterBytes(raw([16, [1, [81, 2, 'a'], 1]]), rec)).toBe(PARAMETER);
    expect(filter(Exp.and(Exp.eq(Exp.intBin('a'), Exp.val(1))), rec)).toBe(true);
    expect(filter(Exp.or(Exp.intBin('a'), Exp.val(true)), rec)).toBe(PARAMETER);
    expect(filter(Exp.not(Exp.intBin('a')), rec)).toBe(PARAMETER);
    expect(filter(Exp.and(Exp.val(true), Exp.val(true)), rec)).toBe(true);
  });

  it('arithmetic does not mix integers and floats; pow/log need floats, mod and bit operations integers', () => {
    expect(value(Exp.add(Exp.intBin('a'), Exp.floatBin('f')), rec)).toBe(PARAMETER);
    expect(value(Exp.add(Exp.stringBin('s')), rec)).toBe(PARAMETER);
    expect(value(Exp.pow(Exp.val(2), Exp.val(3)), rec)).toBe(PARAMETER);
    expect(value(Exp.log(Exp.val(8.0), Exp.val(2)), rec)).toBe(PARAMETER);
    expect(value(Exp.mod(Exp.val(8.5), Exp.val(2.5)), rec)).toBe(PARAMETER);
    expect(value(Exp.floor(Exp.val(2)), rec)).toBe(PARAMETER);
    expect(value(Exp.toInt(Exp.val(2)), rec)).toBe(PARAMETER);
    expect(value(Exp.toFloat(Exp.val(2.5)), rec)).toBe(PARAMETER);
    expect(value(Exp.intAnd(Exp.val(1), Exp.val(2.5)), rec)).toBe(PARAMETER);
    expect(value(Exp.lshift(Exp.val(1), Exp.val(2.5)), rec)).toBe(PARAMETER);
    expect(value(Exp.lscan(Exp.val(1), Exp.val(1)), rec)).toBe(PARAMETER);
    expect(value(Exp.abs(Exp.val('x')), rec)).toBe(PARAMETER);
  });

  it('a filter must be boolean; an expression operation may have any type but an undetermined one', () => {
    expect(filter(Exp.intBin('a'), rec)).toBe(PARAMETER);
    expect(filter(Exp.val(1), rec)).toBe(PARAMETER);
    expect(filter(Exp.nil(), rec)).toBe(PARAMETER);
    expect(value(Exp.inf(), rec)).toBe(PARAMETER);
    expect(filter(Exp.eq(Exp.inf(), Exp.inf()), rec)).toBe(true);
  });

  it('unknown op codes, wrong arity, empty instructions and trailing bytes', () => {
    expect(filterBytes(raw([10]), rec)).toBe(PARAMETER);
    expect(filterBytes(raw([200]), rec)).toBe(PARAMETER);
    expect(filterBytes(raw([-1]), rec)).toBe(PARAMETER);
    expect(filterBytes(raw([]), rec)).toBe(PARAMETER);
    expect(filterBytes(raw([0, 1]), rec)).toBe(PARAMETER);
    expect(filterBytes(raw([72, 1]), rec)).toBe(PARAMETER);
    expect(filterBytes(raw([72], 1), rec)).toBe(PARAMETER);
    expect(filterBytes(raw([72]), rec)).toBe(false);
    expect(filterBytes(Buffer.from([0x93, 0x01]), rec)).toBe(PARAMETER);
  });

  it('literals: blobs need the blob or HLL type byte, GeoJSON must parse', () => {
    const badBlob = Buffer.from([0x93, 0x01, 0xc4, 0x02, 0x09, 0x01, 0xc4, 0x02, 0x09, 0x01]);
    expect(filterBytes(badBlob, rec)).toBe(PARAMETER);
    const okBlob = Buffer.from([0x93, 0x01, 0xc4, 0x02, 0x04, 0x01, 0xc4, 0x02, 0x04, 0x01]);
    expect(filterBytes(okBlob, rec)).toBe(true);
    expect(filter(Exp.geoCompare(Exp.geoBin('g'), Exp.val({ type: 'Point', coordinates: [0, 0] })), rec)).toBe(PARAMETER);
    const badGeo = Exp.geoCompare(Exp.geoBin('g'), Exp.val(new GeoJSON('{"type":"Point","coordinates":[0,91]}')));
    expect(filter(badGeo, rec)).toBe(PARAMETER);
  });

  it('bins: a wire type below 10 and a name of at most 15 bytes without NUL', () => {
    expect(filterBytes(raw([1, [81, 2, 'a'], 1]), rec)).toBe(true);
    expect(filterBytes(raw([1, [81, 10, 'a'], 1]), rec)).toBe(PARAMETER);
    expect(filterBytes(raw([1, [81, 2, 'a'.repeat(16)], 1]), rec)).toBe(PARAMETER);
    expect(filterBytes(raw([1, [81, 2, 'a'.repeat(15)], 1]), rec)).toBe(false);
    expect(filterBytes(raw([1, [81, 2, 'a\u0000'], 1]), rec)).toBe(PARAMETER);
  });

  it('record key types are int, string or blob; digest modulo is not 0', () => {
    expect(filter(Exp.eq(Exp.key(4), Exp.val([1])), rec)).toBe(PARAMETER);
    expect(filter(Exp.eq(Exp.digestModulo(0), Exp.val(0)), rec)).toBe(PARAMETER);
    expect(filter(Exp.eq(Exp.digestModulo(3), Exp.val(0x07070707 % 3)), rec)).toBe(true);
  });

  it('cond: boolean conditions, a default, one value type (unknown() fits any)', () => {
    const c = Exp.eq(Exp.intBin('a'), Exp.val(1));
    expect(value(Exp.cond(c, Exp.val(1), Exp.val(2)), rec)).not.toBe(PARAMETER);
    expect(value(Exp.cond(c, Exp.val(1), Exp.val('x')), rec)).toBe(PARAMETER);
    expect(value(Exp.cond(Exp.intBin('a'), Exp.val(1), Exp.val(2)), rec)).toBe(PARAMETER);
    expect(value(Exp.cond(c, Exp.unknown(), Exp.val('x')), rec)).not.toBe(PARAMETER);
    expect(value(Exp.cond(c, Exp.val(1), Exp.unknown()), rec)).not.toBe(PARAMETER);
    expect(filterBytes(raw([123, true, 1, 2, 3]), rec)).toBe(PARAMETER);
  });

  it('let/var: names start with a letter or _, are not redefined, and are used only once defined', () => {
    expect(value(Exp.let(Exp.def('x', Exp.val(1)), Exp.add(Exp.var('x'), Exp.val(1))), rec)).not.toBe(PARAMETER);
    expect(value(Exp.let(Exp.def('_x1', Exp.val(1)), Exp.var('_x1')), rec)).not.toBe(PARAMETER);
    expect(value(Exp.let(Exp.def('1x', Exp.val(1)), Exp.var('1x')), rec)).toBe(PARAMETER);
    expect(value(Exp.let(Exp.def('x-y', Exp.val(1)), Exp.var('x-y')), rec)).toBe(PARAMETER);
    expect(value(Exp.let(Exp.def('x', Exp.val(1)), Exp.var('y')), rec)).toBe(PARAMETER);
    expect(value(Exp.let(Exp.def('x', Exp.var('x')), Exp.val(1)), rec)).toBe(PARAMETER);
    expect(value(Exp.let(Exp.def('x', Exp.val(1)), Exp.let(Exp.def('x', Exp.val(2)), Exp.var('x'))), rec)).toBe(PARAMETER);
    expect(value(Exp.let(Exp.def('x', Exp.val(1)), Exp.def('y', Exp.add(Exp.var('x'), Exp.val(1))), Exp.var('y')), rec)).not.toBe(PARAMETER);
    expect(value(Exp.let(Exp.def('x', Exp.val(1)), Exp.eq(Exp.var('x'), Exp.val('1'))), rec)).toBe(PARAMETER);
  });

  it('regex: a string operand and a pattern glibc compiles', () => {
    expect(filter(Exp.regexCompare('a', 0, Exp.intBin('a')), rec)).toBe(PARAMETER);
    expect(filter(Exp.regexCompare('(a', 1, Exp.stringBin('s')), rec)).toBe(PARAMETER);
    expect(filter(Exp.regexCompare('[a', 0, Exp.stringBin('s')), rec)).toBe(PARAMETER);
    expect(filter(Exp.regexCompare('a\\', 0, Exp.stringBin('s')), rec)).toBe(PARAMETER);
    expect(filter(Exp.regexCompare('[z-a]', 0, Exp.stringBin('s')), rec)).toBe(PARAMETER);
    expect(filter(Exp.regexCompare('[[:nope:]]', 0, Exp.stringBin('s')), rec)).toBe(PARAMETER);
    expect(filter(Exp.regexCompare('*a', 1, Exp.stringBin('s')), rec)).toBe(PARAMETER);
  });

  it('collection calls need a list or map target', () => {
    expect(filter(Exp.eq(ListExp.size(Exp.intBin('a')), Exp.val(1)), rec)).toBe(PARAMETER);
    expect(filter(Exp.eq(ListExp.size(Exp.listBin('missing')), Exp.val(1)), rec)).toBe(false);
  });

  it('in_list needs a list; map_keys/map_values give lists', () => {
    expect(filterBytes(raw([9, 1, [126, [1, 2]]]), rec)).toBe(true);
    expect(filterBytes(raw([9, 1, 2]), rec)).toBe(PARAMETER);
    expect(filterBytes(raw([1, [101, [81, 5, 'm']], [126, [1]]]), rec)).toBe(false);
  });
});
