import BN from 'bn.js';
import { MsgPackReader, unpackValue } from '../../src/values/msgpack-reader.js';
import { packValue } from '../../src/values/msgpack-writer.js';
import { Double } from '../../src/values/double.js';
import { GeoJSON } from '../../src/values/geojson.js';
import { HLL } from '../../src/values/hll.js';
import { INFINITY, SpecialValue, WILDCARD } from '../../src/values/special.js';
import { ParseError } from '../../src/errors/client-errors.js';

const h = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const dec = (s: string, maps?: 'map' | 'object'): unknown => {
  const b = h(s);
  return unpackValue(b, 0, b.length, maps === undefined ? undefined : { maps });
};

/** The error decoding `b` throws (fails the test if it decodes). */
function parseFailure(b: Buffer, end = b.length, skip = false): ParseError {
  try {
    if (skip) new MsgPackReader(b, 0, end).skipValue();
    else unpackValue(b, 0, end);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    return err;
  }
  throw new Error(`expected a ParseError for ${b.subarray(0, end).toString('hex')}`);
}

/** xorshift32: a fixed, seeded pseudo-random sequence. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

describe('MsgPackReader integers', () => {
  it.each([
    ['00', 0],
    ['7f', 127],
    ['cc00', 0],
    ['cc80', 128],
    ['ccff', 255],
    ['cd0100', 256],
    ['cdffff', 65535],
    ['ce00010000', 65536],
    ['ceffffffff', 2 ** 32 - 1],
    ['cf0000000100000000', 2 ** 32],
    ['cf001fffffffffffff', 2 ** 53 - 1],
    ['ff', -1],
    ['e0', -32],
    ['d0df', -33],
    ['d080', -128],
    ['d07f', 127],
    ['d1ff7f', -129],
    ['d18000', -32768],
    ['d2ffff7fff', -32769],
    ['d280000000', -(2 ** 31)],
    ['d3ffffffff7fffffff', -(2 ** 31) - 1],
    ['d3ffffffff00000000', -(2 ** 32)],
    ['d3ffe0000000000001', -(2 ** 53) + 1],
    ['d30000000000000005', 5]
  ] as const)('%s → the number %p', (bytes, v) => {
    const out = dec(bytes);
    expect(typeof out).toBe('number');
    expect(out).toBe(v);
  });

  it.each([
    ['cf0020000000000000', 2n ** 53n],
    ['cf4000000000000000', 2n ** 62n],
    ['cf7fffffffffffffff', 2n ** 63n - 1n],
    ['cf8000000000000000', 2n ** 63n],
    ['cfffffffffffffffff', 2n ** 64n - 1n],
    ['d3ffe0000000000000', -(2n ** 53n)],
    ['d3ffdfffffffffffff', -(2n ** 53n) - 1n],
    ['d3f000000000000000', -(2n ** 60n)],
    ['d38000000000000000', -(2n ** 63n)],
    ['d30020000000000000', 2n ** 53n]
  ] as const)('%s → the bigint %p (outside the safe range)', (bytes, v) => {
    expect(dec(bytes)).toBe(v);
  });
});

describe('MsgPackReader scalars', () => {
  it('decodes nil and booleans', () => {
    expect(dec('c0')).toBeNull();
    expect(dec('c2')).toBe(false);
    expect(dec('c3')).toBe(true);
  });

  it('decodes non-integral floats as numbers and integral floats as Double', () => {
    expect(dec('cb3ff8000000000000')).toBe(1.5);
    expect(dec('ca3fc00000')).toBe(1.5);
    const two = dec('cb4000000000000000');
    expect(two).toBeInstanceOf(Double);
    expect((two as Double).value).toBe(2);
    const f = dec('ca40400000');
    expect(f).toBeInstanceOf(Double);
    expect((f as Double).value).toBe(3);
    const negZero = dec('cb8000000000000000') as Double;
    expect(negZero).toBeInstanceOf(Double);
    expect(Object.is(negZero.value, -0)).toBe(true);
    expect(dec('cb7ff8000000000000')).toBeNaN();
    expect(dec('cb7ff0000000000000')).toBe(Infinity);
    expect(dec('cbfff0000000000000')).toBe(-Infinity);
    expect(dec('ca7f800000')).toBe(Infinity);
    expect((dec('cb7e37e43c8800759c') as Double).value).toBe(1e300);
  });

  it('reads str and bin families alike: the first payload byte is the particle type', () => {
    for (const s of ['a0', 'd900', 'da0000', 'db00000000', 'c400', 'c50000', 'c600000000']) expect(dec(s)).toBe('');
    for (const s of ['a3036869', 'd903036869', 'da0003036869', 'db00000003036869', 'c403036869', 'c5000303' + '6869', 'c60000000303' + '6869']) {
      expect(dec(s)).toBe('hi');
    }
    expect(dec('a103')).toBe('');
    expect(dec('a503f09f9880')).toBe('😀');
    expect(dec('a303c3a9')).toBe('é');
    expect(dec('d92003' + '78'.repeat(31))).toBe('x'.repeat(31));
  });

  it('decodes strings of every short length, ASCII or not, and invalid UTF-8 without throwing', () => {
    for (let n = 0; n <= 40; n++) {
      for (const s of ['q'.repeat(n), 'é' + 'q'.repeat(n), 'q'.repeat(n) + '😀']) {
        const payload = Buffer.concat([h('03'), Buffer.from(s)]);
        const head = payload.length < 32 ? Buffer.from([0xa0 | payload.length]) : Buffer.from([0xd9, payload.length]);
        expect(unpackValue(Buffer.concat([head, payload]))).toBe(s);
      }
    }
    expect(dec('a303 80 41')).toBe('\ufffdA');
    expect(dec('a203 ff')).toBe('\ufffd');
  });

  it('decodes GeoJSON (type 23) and returns every other type as bytes', () => {
    const g = dec('a3177b7d');
    expect(g).toBeInstanceOf(GeoJSON);
    expect((g as GeoJSON).value).toBe('{}');
    expect(dec('c403177b7d')).toEqual(new GeoJSON('{}'));
    for (const type of ['04', '07', '12', '00', 'ff']) {
      const v = dec(`a3${type}0102`);
      expect(Buffer.isBuffer(v)).toBe(true);
      expect((v as Buffer).toString('hex')).toBe('0102');
    }
    expect((dec('a104') as Buffer).length).toBe(0);
    expect((dec('c40104') as Buffer).length).toBe(0);
  });

  it('returns bytes as zero-copy views of the input', () => {
    const b = h('ee ee a4 04 0a 0b 0c ee');
    const v = unpackValue(b, 2, 7) as Buffer;
    expect(v.toString('hex')).toBe('0a0b0c');
    expect(v.buffer).toBe(b.buffer);
    expect(v.byteOffset).toBe(b.byteOffset + 4);
    b[4] = 0x99;
    expect(v[0]).toBe(0x99);
  });

  it('decodes the range sentinels at top level, in lists and as map values', () => {
    expect(dec('d4ff00')).toBe(WILDCARD);
    expect(dec('d4ff01')).toBe(INFINITY);
    expect(dec('93 01 d4ff00 d4ff01')).toEqual([1, WILDCARD, INFINITY]);
    expect(dec('92 d4ff01 02')).toEqual([INFINITY, 2]);
    const m = dec('81 a20361 d4ff00') as Map<unknown, unknown>;
    expect(m.get('a')).toBe(SpecialValue.WILDCARD);
  });

  it('rejects other ext items where a value is expected', () => {
    expect(parseFailure(h('d4ff02')).message).toMatch(/unsupported msgpack ext type 255/);
    expect(parseFailure(h('d40100')).message).toMatch(/unsupported msgpack ext type 1/);
    expect(parseFailure(h('d50102ab')).message).toMatch(/unsupported msgpack ext item 0xd5/);
    expect(parseFailure(h('c70001')).message).toMatch(/unsupported msgpack ext item 0xc7/);
    expect(parseFailure(h('81 a20361 d50102ab')).message).toMatch(/ext/);
  });

  it('rejects the unused type byte 0xc1', () => {
    expect(parseFailure(h('c1')).message).toMatch(/invalid msgpack type byte 0xc1 at offset 0/);
    expect(parseFailure(h('92 01 c1')).message).toMatch(/invalid msgpack type byte 0xc1 at offset 2/);
    expect(parseFailure(h('c1'), 1, true).message).toMatch(/invalid msgpack type byte 0xc1/);
  });
});

describe('MsgPackReader lists and maps', () => {
  it('decodes arrays of every header form', () => {
    expect(dec('90')).toEqual([]);
    expect(dec('9101')).toEqual([1]);
    expect(dec('dc0000')).toEqual([]);
    expect(dec('dc000201a20378')).toEqual([1, 'x']);
    expect(dec('dd0000000201c0')).toEqual([1, null]);
    expect(dec('9f' + '01'.repeat(15))).toEqual(new Array(15).fill(1));
    expect(dec('93 91 90 92 c3 c2 a20378')).toEqual([[[]], [true, false], 'x']);
  });

  it('decodes maps of every header form as Map in wire order', () => {
    expect(dec('80')).toEqual(new Map());
    const m = dec('83 a2037a 01 05 02 a3046162 03') as Map<unknown, unknown>;
    expect([...m.entries()]).toEqual([['z', 1], [5, 2], [Buffer.from('ab'), 3]]);
    expect(dec('de0001 01 02')).toEqual(new Map([[1, 2]]));
    expect(dec('df00000001 d3ffe0000000000000 c0')).toEqual(new Map([[-(2n ** 53n), null]]));
    expect([...(dec('82 a20362 01 a20361 02') as Map<string, number>).keys()]).toEqual(['b', 'a']);
  });

  it('skips the ordered-map marker entry, whatever its flags', () => {
    expect(dec('81c70001c0')).toEqual(new Map());
    expect(dec('83 c70001c0 a2036101 a2036202')).toEqual(new Map([['a', 1], ['b', 2]]));
    expect(dec('82 c70003c0 0102')).toEqual(new Map([[1, 2]]));
    // Any ext-typed key is skipped together with its value.
    expect(dec('83 d50102ab 93010203 d4ff00 01 0102')).toEqual(new Map([[1, 2]]));
    expect(dec('82 c8000201abcd c0 0102')).toEqual(new Map([[1, 2]]));
  });

  it('skips ext elements in lists (ordered-list marker) but keeps the sentinels', () => {
    expect(dec('93 c70001 01 02')).toEqual([1, 2]);
    expect(dec('92 c70003 a20378')).toEqual(['x']);
    expect(dec('94 d5010203 01 d4ff00 c9000000010102')).toEqual([1, WILDCARD]);
  });

  it('round-trips what the writer produces, including nested key-ordered maps', () => {
    const b = packValue({ b: { c: 1 }, a: [2, new Map([[1, 'x']])] }, 'v');
    expect(unpackValue(b)).toEqual(
      new Map<string, unknown>([
        ['a', [2, new Map([[1, 'x']])]],
        ['b', new Map([['c', 1]])]
      ])
    );
  });

  it('decodes the recorded kv/put_map values (wire/kv.json)', () => {
    const mm = dec(
      '85c70001c0fb82c70001c0a7036e6573746564c301a803696e74206b6579a20373a803737472206b6579a3046162a903626c6f62206b6579'
    ) as Map<unknown, unknown>;
    expect([...mm.entries()]).toEqual([
      [-5, new Map([['nested', true]])],
      [1, 'int key'],
      ['s', 'str key'],
      [Buffer.from('ab'), 'blob key']
    ]);
    expect(dec('84c70001c0a2036101a2036283c70001c0a20363920102a20364a20378a20373a403737472', 'object')).toEqual({
      a: 1,
      b: { c: [1, 2], d: 'x' },
      s: 'str'
    });
  });

  it("with maps: 'object', all-string-key maps become plain objects; others stay Map in wire order", () => {
    const o = dec('83 c70001c0 a2036101 a2036202', 'object');
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(o).toEqual({ a: 1, b: 2 });
    expect(dec('80', 'object')).toEqual({});
    expect(dec('81c70001c0', 'object')).toEqual({});
    // A non-string key after string keys: the entries so far move into a Map, in wire order
    // (an object would put the integer-like key "10" first).
    const mixed = dec('84 a2037a 01 a3033130 02 05 03 a2037904', 'object') as Map<unknown, unknown>;
    expect(mixed).toBeInstanceOf(Map);
    expect([...mixed.entries()]).toEqual([['z', 1], ['10', 2], [5, 3], ['y', 4]]);
    // Nested: the inner all-string map is an object inside the outer Map.
    const nested = dec('82 01 81 a2036b c3 a20361 90', 'object') as Map<unknown, unknown>;
    expect([...nested.entries()]).toEqual([[1, { k: true }], ['a', []]]);
    // Default is Map.
    expect(dec('81 a2036b c3')).toBeInstanceOf(Map);
  });

  it("with maps: 'object', a __proto__ key is an own property and does not change the prototype", () => {
    const b = packValue(JSON.parse('{"__proto__": {"polluted": 1}, "a": 2}'), 'v');
    const o = unpackValue(b, 0, b.length, { maps: 'object' }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(o, '__proto__')?.value).toEqual({ polluted: 1 });
    expect((o as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('rejects map keys that are not integers, strings or bytes', () => {
    expect(parseFailure(h('81 c0 01')).message).toMatch(/unsupported msgpack map key \(nil\) at offset 1/);
    expect(parseFailure(h('81 c3 01')).message).toMatch(/map key \(boolean\)/);
    expect(parseFailure(h('81 90 01')).message).toMatch(/map key \(array\)/);
    expect(parseFailure(h('81 80 01')).message).toMatch(/map key \(map\)/);
    expect(parseFailure(h('81 cb3ff8000000000000 01')).message).toMatch(/map key \(float\)/);
    expect(parseFailure(h('81 cb4000000000000000 01')).message).toMatch(/map key \(float\)/);
    expect(parseFailure(h('81 a3177b7d 01')).message).toMatch(/map key \(GeoJSON\)/);
    expect(parseFailure(h('82 a20361 01 c0 01'), undefined).message).toMatch(/map key \(nil\)/);
  });
});

describe('MsgPackReader API', () => {
  it('reads headers, values and skips in sequence, tracking the offset', () => {
    const b = packValue([{ x: [1, 'a'] }, 2.5, 'z', new Map([[1, 2]])], 'v');
    const r = new MsgPackReader(b);
    expect(r.offset).toBe(0);
    expect(r.readArrayHeader()).toBe(4);
    expect(r.offset).toBe(1);
    r.skipValue();
    r.skipValue();
    expect(r.readValue()).toBe('z');
    expect(r.readMapHeader()).toBe(2);
    r.skipValue(); // the ordered-map marker key
    r.skipValue(); // its nil value
    expect(r.readValue()).toBe(1);
    expect(r.readValue()).toBe(2);
    expect(r.offset).toBe(b.length);
  });

  it('reads every header form', () => {
    expect(new MsgPackReader(h('dc0001 00')).readArrayHeader()).toBe(1);
    expect(new MsgPackReader(h('dd00000001 00')).readArrayHeader()).toBe(1);
    expect(new MsgPackReader(h('de0001 0000')).readMapHeader()).toBe(1);
    expect(new MsgPackReader(h('df00000001 0000')).readMapHeader()).toBe(1);
    expect(new MsgPackReader(h('90')).readArrayHeader()).toBe(0);
    expect(new MsgPackReader(h('80')).readMapHeader()).toBe(0);
  });

  it('throws ParseError when the next item is not the expected header, leaving the offset unchanged', () => {
    const r = new MsgPackReader(h('01 81'));
    expect(() => r.readMapHeader()).toThrow(/expected a msgpack map at offset 0, got type byte 0x01/);
    expect(r.offset).toBe(0);
    expect(() => r.readArrayHeader()).toThrow(ParseError);
    expect(r.offset).toBe(0);
    r.skipValue();
    expect(() => r.readArrayHeader()).toThrow(/expected a msgpack array at offset 1, got type byte 0x81/);
    expect(() => new MsgPackReader(h('')).readArrayHeader()).toThrow(ParseError);
  });

  it('rejects headers that claim more items than bytes left', () => {
    expect(() => new MsgPackReader(h('ddffffffff 010203')).readArrayHeader()).toThrow(/claims 4294967295 elements at offset 5, only 3 bytes left/);
    expect(() => new MsgPackReader(h('dfffffffff 010203')).readMapHeader()).toThrow(/claims 4294967295 entries/);
    expect(() => new MsgPackReader(h('82 0102')).readMapHeader()).toThrow(ParseError);
    expect(new MsgPackReader(h('82 01020304')).readMapHeader()).toBe(2);
  });

  it('skips every kind of item, ext items included', () => {
    const items = [
      '05', 'e0', 'c0', 'c2', 'c3', 'cc01', 'cd0102', 'ce01020304', 'cf0102030405060708', 'd001', 'd10102', 'd201020304',
      'd30102030405060708', 'ca01020304', 'cb0102030405060708', 'a20361', 'd9020361', 'da00020361', 'db000000020361',
      'c4020461', 'c500020461', 'c600000002' + '0461', '920102', 'dc00020102', 'dd000000020102', '810102', 'de00010102',
      'df000000010102', 'd4ff00', 'd5010203', 'd601' + '00'.repeat(4), 'd701' + '00'.repeat(8), 'd801' + '00'.repeat(16),
      'c70001', 'c7020102ab', 'c8000201abcd', 'c900000002' + '01abcd'
    ];
    const b = h(items.join('') + '2a');
    const r = new MsgPackReader(b);
    for (let i = 0; i < items.length; i++) r.skipValue();
    expect(r.readValue()).toBe(42);
    expect(r.offset).toBe(b.length);
  });

  it('reads inside [offset, end) and never past end', () => {
    const b = h('ff ff 92 01 02 ff');
    expect(unpackValue(b, 2, 5)).toEqual([1, 2]);
    expect(() => unpackValue(b, 2, 4)).toThrow(ParseError);
    expect(() => unpackValue(h('a5 03 6869 6a6b'), 0, 4)).toThrow(/truncated/);
    const r = new MsgPackReader(b, 3, 5);
    expect(r.readValue()).toBe(1);
    expect(r.readValue()).toBe(2);
    expect(() => r.readValue()).toThrow(/truncated: 1 more bytes needed at offset 5, 0 left/);
  });

  it('rejects a range outside the buffer', () => {
    const b = h('0102');
    expect(() => new MsgPackReader(b, 3)).toThrow(ParseError);
    expect(() => new MsgPackReader(b, 0, 3)).toThrow(/outside the 2-byte buffer/);
    expect(() => new MsgPackReader(b, 2, 1)).toThrow(ParseError);
    expect(() => new MsgPackReader(b, -1)).toThrow(ParseError);
    expect(() => new MsgPackReader(b, 0.5)).toThrow(ParseError);
  });

  it('unpackValue wants exactly one value', () => {
    expect(() => unpackValue(h('0102'))).toThrow(/followed by 1 unexpected bytes/);
    expect(() => unpackValue(h(''))).toThrow(/truncated/);
    expect(unpackValue(h('0102'), 1)).toBe(2);
  });
});

describe('MsgPackReader on malformed input', () => {
  const sample = packValue(
    [
      1,
      -300,
      2 ** 40,
      2n ** 62n,
      'abc',
      'é'.repeat(20),
      { k: [2.5, Buffer.from([1, 2, 3]), new Double(4)], z: null },
      new Map<unknown, unknown>([[7, -70000], [Buffer.from('b'), true], ['s', new GeoJSON('{}')]]),
      new HLL(Buffer.alloc(40, 1)),
      'x'.repeat(300),
      [[[]]]
    ],
    'v'
  );

  it('throws ParseError for a truncation at every byte position of a nested value', () => {
    expect(unpackValue(sample)).toBeDefined();
    for (let n = 0; n < sample.length; n++) {
      expect(parseFailure(sample, n).message).toMatch(/truncated|claims/);
      parseFailure(sample, n, true);
      expect(() => unpackValue(sample, 0, n, { maps: 'object' })).toThrow(ParseError);
      // The bytes past `end` are really there: the reader must not look at them.
      expect(() => unpackValue(Buffer.from(sample.subarray(0, n)))).toThrow(ParseError);
    }
    expect(parseFailure(Buffer.concat([sample, h('00')])).message).toMatch(/unexpected bytes/);
  });

  it('rejects declared lengths beyond the data before allocating', () => {
    // Containers: the count is checked against the bytes left (≥ 1 per element, 2 per entry).
    expect(parseFailure(h('ddffffffff 010203')).message).toMatch(/array claims 4294967295 elements at offset 5, only 3 bytes left/);
    expect(parseFailure(h('dfffffffff 010203')).message).toMatch(/map claims 4294967295 entries/);
    expect(parseFailure(h('dcffff 01')).message).toMatch(/claims 65535 elements/);
    expect(parseFailure(h('82 010203')).message).toMatch(/claims 2 entries/);
    expect(parseFailure(h('91 ddffffffff 010203')).message).toMatch(/claims 4294967295/);
    expect(parseFailure(h('ddffffffff 010203'), undefined, true).message).toMatch(/claims 4294967295/);
    expect(parseFailure(h('dfffffffff 010203'), undefined, true).message).toMatch(/claims 4294967295/);
    // Strings, blobs, ext items and fixed-size numbers: the length is checked before reading.
    for (const [s, n] of [
      ['dbffffffff 0301', 4294967295],
      ['c6ffffffff 0401', 4294967295],
      ['daffff 03', 65535],
      ['cf 01020304', 8],
      ['cb 0102', 8],
      ['d4ff', 2],
      ['91 c9ffffffff 01 02', 4294967296],
      ['81 c9ffffffff 01 02', 4294967296]
    ] as const) {
      expect(parseFailure(h(s)).message).toMatch(new RegExp(`truncated: ${n} more bytes needed`));
    }
  });

  it('caps nesting at 512 levels for reads and skips', () => {
    const ok = Buffer.concat([Buffer.alloc(512, 0x91), h('01')]);
    let v = unpackValue(ok);
    for (let i = 0; i < 512; i++) v = (v as unknown[])[0] as never;
    expect(v).toBe(1);
    new MsgPackReader(ok).skipValue();
    const tooDeep = Buffer.concat([Buffer.alloc(513, 0x91), h('01')]);
    expect(parseFailure(tooDeep).message).toMatch(/nested deeper than 512 levels/);
    const thousand = Buffer.concat([Buffer.alloc(1000, 0x91), h('01')]);
    expect(parseFailure(thousand).message).toMatch(/nested deeper than 512/);
    expect(parseFailure(thousand, undefined, true).message).toMatch(/nested deeper than 512/);
    // 1000 nested maps {k: {k: …}}
    const maps = Buffer.concat([...Array.from({ length: 1000 }, () => h('81 a2036b')), h('01')]);
    expect(parseFailure(maps).message).toMatch(/nested deeper than 512/);
    expect(() => unpackValue(maps, 0, maps.length, { maps: 'object' })).toThrow(/nested deeper than 512/);
    expect(parseFailure(maps, undefined, true).message).toMatch(/nested deeper than 512/);
    // A reader can be reused after a failure: the depth count starts again.
    const r = new MsgPackReader(Buffer.concat([tooDeep, ok]));
    expect(() => r.readValue()).toThrow(ParseError);
  });

  it('returns a value or throws ParseError for 20,000 seeded random inputs', () => {
    const rnd = rng(0x12345678);
    let values = 0;
    for (let i = 0; i < 20_000; i++) {
      const len = 1 + (rnd() % 32);
      const b = Buffer.allocUnsafe(len);
      for (let j = 0; j < len; j++) b[j] = rnd() & 0xff;
      // Bias towards container and str headers so decoding gets past the first byte.
      if (i % 2 === 0) b[0] = [0x92, 0x93, 0x82, 0x83, 0xdc, 0xde, 0xa4, 0xd9, 0xc4][rnd() % 9] as number;
      try {
        unpackValue(b, 0, len, i % 4 === 0 ? { maps: 'object' } : undefined);
        values++;
      } catch (err) {
        if (!(err instanceof ParseError)) throw err;
      }
      try {
        new MsgPackReader(b).skipValue();
      } catch (err) {
        if (!(err instanceof ParseError)) throw err;
      }
    }
    expect(values).toBeGreaterThan(100);
  });

  it('returns a value or throws ParseError for 5,000 seeded mutations of a valid encoding', () => {
    const rnd = rng(0x0badf00d);
    for (let i = 0; i < 5_000; i++) {
      const b = Buffer.from(sample);
      const flips = 1 + (rnd() % 3);
      for (let f = 0; f < flips; f++) b[rnd() % b.length] = rnd() & 0xff;
      try {
        unpackValue(b, 0, b.length, i % 2 === 0 ? { maps: 'object' } : undefined);
      } catch (err) {
        if (!(err instanceof ParseError)) throw err;
      }
    }
  });

  it('BN inputs round-trip as number or bigint', () => {
    expect(unpackValue(packValue([new BN(5), new BN('-9223372036854775808')], 'v'))).toEqual([5, -(2n ** 63n)]);
  });
});
