import { Double, Exp, HLL, MsgPackWriter, packValue } from '@aerospike-ts/core';
import { filter, record } from './exp-helpers';

const rec = record({
  i: 10,
  neg: -3,
  f: 2.5,
  nan: Number.NaN,
  s: 'banana',
  b: Buffer.from([1, 2, 3]),
  t: true,
  l: [1, 'two', [3]],
  m: { a: 1, b: 2 }
});

describe('logic with the unknown value', () => {
  const known = Exp.eq(Exp.intBin('i'), Exp.val(10));
  const unknown = Exp.eq(Exp.intBin('missing'), Exp.val(10));
  const falsy = Exp.eq(Exp.intBin('i'), Exp.val(11));

  it('a missing bin or a bin of another type is unknown, and a filter that is unknown is false', () => {
    expect(filter(unknown, rec)).toBe(false);
    expect(filter(Exp.not(unknown), rec)).toBe(false);
    expect(filter(Exp.ne(Exp.intBin('s'), Exp.val(10)), rec)).toBe(false);
    expect(filter(Exp.unknown(), rec)).toBe(false);
  });

  it('and is false on any false argument, or true on any true one, whatever the unknowns', () => {
    expect(filter(Exp.and(unknown, falsy), rec)).toBe(false);
    expect(filter(Exp.not(Exp.and(unknown, falsy)), rec)).toBe(true);
    expect(filter(Exp.and(unknown, known), rec)).toBe(false);
    expect(filter(Exp.not(Exp.and(unknown, known)), rec)).toBe(false);
    expect(filter(Exp.or(unknown, known), rec)).toBe(true);
    expect(filter(Exp.or(unknown, falsy), rec)).toBe(false);
    expect(filter(Exp.not(Exp.or(unknown, falsy)), rec)).toBe(false);
    expect(filter(Exp.or(falsy, falsy, known), rec)).toBe(true);
  });

  it('exclusive is true when exactly one argument is true, unknown when it meets an unknown', () => {
    expect(filter(Exp.exclusive(known, falsy), rec)).toBe(true);
    expect(filter(Exp.exclusive(known, known), rec)).toBe(false);
    expect(filter(Exp.exclusive(falsy, falsy), rec)).toBe(false);
    expect(filter(Exp.not(Exp.exclusive(known, known, unknown)), rec)).toBe(true); // a second true decides first
    expect(filter(Exp.not(Exp.exclusive(unknown, known)), rec)).toBe(false);
  });

  it('cond picks the first true condition; an unknown condition makes it unknown', () => {
    expect(filter(Exp.cond(falsy, Exp.val(false), known, Exp.val(true), Exp.val(false)), rec)).toBe(true);
    expect(filter(Exp.cond(falsy, Exp.val(true), Exp.val(false)), rec)).toBe(false);
    expect(filter(Exp.not(Exp.cond(unknown, Exp.val(true), Exp.val(true))), rec)).toBe(false);
    expect(filter(Exp.cond(known, Exp.unknown(), Exp.val(true)), rec)).toBe(false);
  });

  it('let binds values, unknowns included', () => {
    expect(filter(Exp.let(Exp.def('x', Exp.intBin('i')), Exp.gt(Exp.var('x'), Exp.val(5))), rec)).toBe(true);
    expect(filter(Exp.let(Exp.def('x', Exp.intBin('missing')), Exp.val(true)), rec)).toBe(true);
    expect(filter(Exp.let(Exp.def('x', Exp.intBin('missing')), Exp.or(Exp.gt(Exp.var('x'), Exp.val(5)), Exp.val(true))), rec)).toBe(true);
  });
});

describe('comparisons', () => {
  it('integers and floats', () => {
    expect(filter(Exp.gt(Exp.intBin('i'), Exp.val(9)), rec)).toBe(true);
    expect(filter(Exp.le(Exp.intBin('neg'), Exp.val(-3)), rec)).toBe(true);
    expect(filter(Exp.lt(Exp.intBin('neg'), Exp.val(-3)), rec)).toBe(false);
    expect(filter(Exp.eq(Exp.floatBin('f'), Exp.val(2.5)), rec)).toBe(true);
    expect(filter(Exp.ge(Exp.floatBin('f'), Exp.val(new Double(3))), rec)).toBe(false);
  });

  it('NaN is equal to nothing and different from everything', () => {
    expect(filter(Exp.eq(Exp.floatBin('nan'), Exp.floatBin('nan')), rec)).toBe(false);
    expect(filter(Exp.ne(Exp.floatBin('nan'), Exp.floatBin('nan')), rec)).toBe(true);
    expect(filter(Exp.ge(Exp.floatBin('nan'), Exp.val(new Double(0))), rec)).toBe(false);
    expect(filter(Exp.le(Exp.floatBin('nan'), Exp.val(new Double(0))), rec)).toBe(false);
  });

  it('strings and blobs compare bytewise, a prefix first', () => {
    expect(filter(Exp.eq(Exp.stringBin('s'), Exp.val('banana')), rec)).toBe(true);
    expect(filter(Exp.gt(Exp.stringBin('s'), Exp.val('ban')), rec)).toBe(true);
    expect(filter(Exp.lt(Exp.stringBin('s'), Exp.val('c')), rec)).toBe(true);
    expect(filter(Exp.lt(Exp.stringBin('s'), Exp.val('Z')), rec)).toBe(false);
    expect(filter(Exp.eq(Exp.blobBin('b'), Exp.val(Buffer.from([1, 2, 3]))), rec)).toBe(true);
    expect(filter(Exp.lt(Exp.blobBin('b'), Exp.val(Buffer.from([1, 3]))), rec)).toBe(true);
    expect(filter(Exp.eq(Exp.stringBin('b'), Exp.val('x')), rec)).toBe(false);
  });

  it('booleans (false < true) and nil', () => {
    expect(filter(Exp.eq(Exp.boolBin('t'), Exp.val(true)), rec)).toBe(true);
    expect(filter(Exp.gt(Exp.boolBin('t'), Exp.val(false)), rec)).toBe(true);
    expect(filter(Exp.eq(Exp.nil(), Exp.nil()), rec)).toBe(true);
    expect(filter(Exp.ge(Exp.nil(), Exp.nil()), rec)).toBe(true);
    expect(filter(Exp.lt(Exp.nil(), Exp.nil()), rec)).toBe(false);
  });

  it('lists compare element by element in the server order', () => {
    expect(filter(Exp.eq(Exp.listBin('l'), Exp.val([1, 'two', [3]])), rec)).toBe(true);
    expect(filter(Exp.lt(Exp.listBin('l'), Exp.val([1, 'two', [3], 0])), rec)).toBe(true);
    expect(filter(Exp.gt(Exp.listBin('l'), Exp.val([1, 'two'])), rec)).toBe(true);
    expect(filter(Exp.lt(Exp.listBin('l'), Exp.val([1, 'two', [4]])), rec)).toBe(true);
    expect(filter(Exp.gt(Exp.listBin('l'), Exp.val([0, 'zzz'])), rec)).toBe(true);
    // integers sort before strings
    expect(filter(Exp.lt(Exp.val([5]), Exp.val(['a'])), rec)).toBe(true);
    expect(filter(Exp.eq(Exp.listBin('l'), Exp.val([1, Exp.wildcard()].slice(0, 1))), rec)).toBe(false);
  });

  it('maps without key order cannot be compared (unknown); key-ordered maps can', () => {
    expect(filter(Exp.eq(Exp.mapBin('m'), Exp.val({ a: 1, b: 2 })), rec)).toBe(true);
    const plain = record({});
    plain.bins.set('m', { type: 19, data: packValue({ a: 1, b: 2 }, 'map', { keyOrderedMaps: false }) });
    expect(filter(Exp.eq(Exp.mapBin('m'), Exp.val({ a: 1, b: 2 })), plain)).toBe(false);
    expect(filter(Exp.ne(Exp.mapBin('m'), Exp.val({ a: 1, b: 2 })), plain)).toBe(false);
    expect(filter(Exp.ne(Exp.mapBin('m'), Exp.mapBin('m')), plain)).toBe(false);
    const ordered = (entries: [string, number][]): Buffer => {
      const w = new MsgPackWriter(64);
      w.writeMapHeader(entries.length + 1);
      w.writeOrderedMapMarker(1);
      for (const [k, v] of entries) {
        w.writeString(k);
        w.writeInt(v);
      }
      return w.toBuffer();
    };
    const r = record({});
    r.bins.set('om', { type: 19, data: ordered([['a', 1], ['b', 2]]) });
    r.bins.set('om2', { type: 19, data: ordered([['a', 1], ['b', 3]]) });
    expect(filter(Exp.eq(Exp.mapBin('om'), Exp.mapBin('om')), r)).toBe(true);
    expect(filter(Exp.lt(Exp.mapBin('om'), Exp.mapBin('om2')), r)).toBe(true);
  });

  it('HLL bins read as HLL only', () => {
    const r = record({});
    r.bins.set('h', { type: 18, data: Buffer.from(new HLL(Buffer.alloc(8, 1)).bytes) });
    expect(filter(Exp.eq(Exp.binType('h'), Exp.val(18)), r)).toBe(true);
  });
});

describe('bins', () => {
  it('bin_type is the particle type, 0 when the bin is missing', () => {
    expect(filter(Exp.eq(Exp.binType('i'), Exp.val(1)), rec)).toBe(true);
    expect(filter(Exp.eq(Exp.binType('f'), Exp.val(2)), rec)).toBe(true);
    expect(filter(Exp.eq(Exp.binType('s'), Exp.val(3)), rec)).toBe(true);
    expect(filter(Exp.eq(Exp.binType('t'), Exp.val(17)), rec)).toBe(true);
    expect(filter(Exp.eq(Exp.binType('m'), Exp.val(19)), rec)).toBe(true);
    expect(filter(Exp.eq(Exp.binType('l'), Exp.val(20)), rec)).toBe(true);
    expect(filter(Exp.eq(Exp.binType('nope'), Exp.val(0)), rec)).toBe(true);
    expect(filter(Exp.binExists('i'), rec)).toBe(true);
    expect(filter(Exp.binExists('nope'), rec)).toBe(false);
  });

  it('a bin read as another type is unknown', () => {
    expect(filter(Exp.eq(Exp.floatBin('i'), Exp.val(new Double(10))), rec)).toBe(false);
    expect(filter(Exp.not(Exp.eq(Exp.floatBin('i'), Exp.val(new Double(10)))), rec)).toBe(false);
    expect(filter(Exp.eq(Exp.listBin('m'), Exp.val([])), rec)).toBe(false);
  });

  it('a record that is not there leaves only what does not read it', () => {
    expect(filter(Exp.eq(Exp.intBin('i'), Exp.val(10)), undefined)).toBe(false);
    expect(filter(Exp.val(true), undefined)).toBe(true);
  });
});
