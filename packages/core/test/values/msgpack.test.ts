import { decode as oracleDecode } from '@msgpack/msgpack';
import BN from 'bn.js';
import { MsgPackWriter, packValue } from '../../src/values/msgpack-writer';
import { MsgPackReader, unpackValue } from '../../src/values/msgpack-reader';
import { Double } from '../../src/values/double';
import { GeoJSON } from '../../src/values/geojson';
import { HLL } from '../../src/values/hll';
import { INFINITY, WILDCARD } from '../../src/values/special';
import { InvalidArgumentError, ParseError } from '../../src/errors/client-errors';

const hex = (v: unknown, opts?: { allowSpecial?: boolean; keyOrderedMaps?: boolean }): string => packValue(v, 'v', opts).toString('hex');

describe('msgpack writer', () => {
  it.each([
    [0, '00'], [127, '7f'], [128, 'cc80'], [255, 'ccff'], [256, 'cd0100'], [65535, 'cdffff'], [65536, 'ce00010000'],
    [2 ** 32 - 1, 'ceffffffff'], [2 ** 32, 'cf0000000100000000'], [2 ** 53 - 1, 'cf001fffffffffffff'],
    [-1, 'ff'], [-32, 'e0'], [-33, 'd0df'], [-128, 'd080'], [-129, 'd1ff7f'], [-32768, 'd18000'], [-32769, 'd2ffff7fff'],
    [-(2 ** 31), 'd280000000'], [-(2 ** 31) - 1, 'd3ffffffff7fffffff'], [-(2 ** 53) + 1, 'd3ffe0000000000001'],
    [2n ** 62n, 'cf4000000000000000'], [2n ** 63n - 1n, 'cf7fffffffffffffff'], [-(2n ** 63n), 'd38000000000000000'], [-7n, 'f9'], [5n, '05']
  ] as const)('writes the integer %p as %s', (v, h) => {
    expect(hex(v)).toBe(h);
  });

  it('writes floats, booleans, nil and BN', () => {
    expect(hex(1.5)).toBe('cb3ff8000000000000');
    expect(hex(new Double(2))).toBe('cb4000000000000000');
    expect(hex(-0)).toBe('cb8000000000000000');
    expect(hex(2 ** 60)).toBe('cf1000000000000000');
    expect(hex(2 ** 63)).toBe('cb43e0000000000000');
    expect(hex(true) + hex(false) + hex(null)).toBe('c3c2c0');
    expect(hex(new BN('-9007199254740993'))).toBe('d3ffdfffffffffffff');
  });

  it.each([0, 30, 31, 254, 255, 65534, 65535])('counts the particle prefix in string headers (length %p)', (n) => {
    const h = hex('a'.repeat(n));
    const len = n + 1;
    const head = len < 32 ? (0xa0 | len).toString(16) : len < 256 ? `d9${len.toString(16).padStart(2, '0')}` : len < 65536 ? `da${len.toString(16).padStart(4, '0')}` : `db${len.toString(16).padStart(8, '0')}`;
    expect(h.slice(0, head.length + 2)).toBe(head + '03');
    expect(h.length).toBe(head.length + 2 + n * 2);
  });

  it('writes bytes, GeoJSON and HLL with their particle prefixes', () => {
    expect(hex(Buffer.from([1, 2]))).toBe('a3040102');
    expect(hex(new Uint8Array([255]))).toBe('a204ff');
    expect(hex(new GeoJSON('{}'))).toBe('a3177b7d');
    expect(hex(new HLL(Buffer.from([7])))).toBe('a20407');
    const w = new MsgPackWriter(4);
    w.writeRawString('bin');
    expect(w.view().toString('hex')).toBe('a362696e');
  });

  it('writes maps key-ordered with sorted keys, as the official client', () => {
    expect(hex({})).toBe('81c70001c0');
    expect(hex({ b: 1, a: 2 })).toBe('83c70001c0a2036102a2036201');
    const m = new Map<unknown, unknown>([[Buffer.from('ab'), 3], ['s', 2], [5, 1], [-1, 0]]);
    expect(hex(m)).toBe('85c70001c0' + 'ff00' + '0501' + 'a2037302' + 'a3046162' + '03');
    expect(hex(new Map([['b', 1], ['a', 2]]), { keyOrderedMaps: false })).toBe('82a2036201a2036102');
  });

  it('reproduces the recorded kv/put_map payload prefix', () => {
    // From wire/kv.json put_map: `85 c7 00 01 c0 fb … 01 … a2 03 73 … a3 04 61 62 …`
    const m = new Map<unknown, unknown>([['s', 'x'], [1, 'one'], [-5, 'neg'], [Buffer.from('ab'), 'blob']]);
    const h = hex(m);
    expect(h.startsWith('85c70001c0fb')).toBe(true);
    expect(h.indexOf('a20373')).toBeLessThan(h.indexOf('a3046162'));
  });

  it('accepts null-prototype objects as maps (found by the property test: BN.isBN used to throw on them)', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o['k'] = 1;
    expect(hex(o)).toBe('82c70001c0a2036b01');
  });

  it('writes the range sentinels only when allowed', () => {
    expect(hex([WILDCARD, INFINITY], { allowSpecial: true })).toBe('92d4ff00d4ff01');
    expect(() => packValue([WILDCARD], 'bin')).toThrow(/only allowed in collection-operation arguments/);
  });

  it.each([
    [[1, undefined], /v\[1\]: unsupported value type undefined/],
    [{ a: [() => 1] }, /v\.a\[0\]: unsupported value type function/],
    [[Symbol('x')], /unsupported value type symbol/],
    [[new Date()], /unsupported value type Date/],
    [[new Float32Array(1)], /unsupported value type Float32Array/],
    [new Map([[1.5, 1]]), /map key 1.5 is not allowed: map keys must be integers/],
    [new Map([[null, 1]]), /map keys must be integers/],
    [new Map<unknown, number>([[1, 1], [1n, 2]]), /duplicate map key 1/],
    [[2n ** 63n], /outside the signed 64-bit range/],
    [['\udfff'], /lone surrogate/],
    [new Map([['\ud800', 1]]), /lone surrogate/]
  ] as const)('rejects bad values %#', (v, msg) => {
    expect(() => packValue(v, 'v')).toThrow(InvalidArgumentError);
    expect(() => packValue(v, 'v')).toThrow(msg);
  });

  it('detects cycles and extreme depth without overflowing the stack', () => {
    const a: unknown[] = [];
    a.push([a]);
    expect(() => packValue(a, 'v')).toThrow(/circular/);
    const o: Record<string, unknown> = {};
    o['x'] = { y: o };
    expect(() => packValue(o, 'v')).toThrow(/circular/);
    let deep: unknown = 1;
    for (let i = 0; i < 600; i++) deep = [deep];
    expect(() => packValue(deep, 'v')).toThrow(/nested deeper than 512/);
    const shared = [1];
    expect(hex([shared, shared])).toBe('92910191' + '01');
  });

  it('grows its buffer and leaves nothing behind after a rejected value', () => {
    const w = new MsgPackWriter(16);
    w.writeValue('x'.repeat(1000), 'v');
    expect(w.length).toBe(1004);
    expect(() => w.writeValue([1, undefined], 'v')).toThrow();
    expect(w.length).toBe(1004);
    const target = Buffer.alloc(1004);
    expect(w.copyTo(target, 0)).toBe(1004);
  });

  it('produces standard msgpack structure (checked with @msgpack/msgpack as an independent decoder)', () => {
    const v = [1, -200, 70000, 2 ** 40, -(2 ** 40), 1.25, true, null, [[], [1, [2]]]];
    expect(oracleDecode(packValue(v, 'v'))).toEqual(v);
    const bytes = oracleDecode(packValue(['hi', Buffer.from([9])], 'v')) as Uint8Array[];
    // Our strings are str-family with a 0x03 prefix: a generic decoder sees "\u0003hi".
    expect(bytes).toEqual(['\u0003hi', '\u0004\t']);
  });
});

describe('msgpack reader', () => {
  it('decodes every form', () => {
    const cases: Array<[string, unknown]> = [
      ['00', 0], ['7f', 127], ['cc80', 128], ['cdffff', 65535], ['ceffffffff', 2 ** 32 - 1],
      ['cf001fffffffffffff', 2 ** 53 - 1], ['cf0020000000000000', 2n ** 53n], ['cfffffffffffffffff', 2n ** 64n - 1n],
      ['ff', -1], ['e0', -32], ['d080', -128], ['d18000', -32768], ['d280000000', -(2 ** 31)],
      ['d38000000000000000', -(2n ** 63n)], ['d3ffe0000000000001', -(2 ** 53) + 1],
      ['cb3ff8000000000000', 1.5], ['ca3fc00000', 1.5], ['c0', null], ['c2', false], ['c3', true],
      ['a0', ''], ['a3036869', 'hi'], ['c403036869', 'hi'], ['a3040102', Buffer.from([1, 2])], ['c5000204ff', Buffer.from([0xff])],
      ['9101', [1]], ['dc000101', [1]], ['8101a3036869', new Map([[1, 'hi']])]
    ];
    for (const [h, v] of cases) expect(unpackValue(Buffer.from(h, 'hex'))).toEqual(v);
    expect(unpackValue(Buffer.from('cb4000000000000000', 'hex'))).toEqual(new Double(2));
    expect(unpackValue(Buffer.from('a3177b7d', 'hex'))).toEqual(new GeoJSON('{}'));
    expect(unpackValue(Buffer.from('92d4ff00d4ff01', 'hex'))).toEqual([WILDCARD, INFINITY]);
  });

  it('skips ordered markers and can return plain objects', () => {
    const b = packValue({ b: { c: 1 }, a: 2 }, 'v');
    expect(unpackValue(b)).toEqual(new Map<string, unknown>([['a', 2], ['b', new Map([['c', 1]])]]));
    expect(unpackValue(b, 0, b.length, { maps: 'object' })).toEqual({ a: 2, b: { c: 1 } });
    expect(unpackValue(packValue(new Map([[1, 2]]), 'v'), 0, undefined, { maps: 'object' })).toEqual(new Map([[1, 2]]));
    expect(unpackValue(Buffer.from('93c70001' + '01' + '02', 'hex'))).toEqual([1, 2]); // ordered-list marker
    const proto = unpackValue(packValue({ ['__proto__']: 1 }, 'v'), 0, undefined, { maps: 'object' }) as object;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto)).toEqual(['__proto__']);
  });

  it('returns blobs as views of the input', () => {
    const b = Buffer.from('a4040a0b0c', 'hex');
    const v = unpackValue(b) as Buffer;
    expect(v.buffer).toBe(b.buffer);
  });

  it('reads headers and skips values', () => {
    const b = packValue([{ x: [1, 'a'] }, 2.5, 'z'], 'v');
    const r = new MsgPackReader(b);
    expect(r.readArrayHeader()).toBe(3);
    r.skipValue();
    r.skipValue();
    expect(r.readValue()).toBe('z');
    expect(r.offset).toBe(b.length);
    expect(() => new MsgPackReader(Buffer.from('01', 'hex')).readMapHeader()).toThrow(ParseError);
  });

  it('throws ParseError for every truncation of a nested value', () => {
    const b = packValue([1, 'abc', { k: [2.5, Buffer.from([1])] }, new Map([[7, -300]])], 'v');
    for (let n = 0; n < b.length; n++) {
      expect(() => unpackValue(b, 0, n)).toThrow(ParseError);
      expect(() => new MsgPackReader(b, 0, n).skipValue()).toThrow(ParseError);
    }
    expect(() => unpackValue(Buffer.concat([b, Buffer.from([0])]))).toThrow(/unexpected bytes/);
  });

  it('rejects absurd lengths before allocating and over-deep nesting', () => {
    expect(() => unpackValue(Buffer.from('ddffffffff010203', 'hex'))).toThrow(ParseError);
    expect(() => unpackValue(Buffer.from('dbffffffff0301', 'hex'))).toThrow(ParseError);
    expect(() => unpackValue(Buffer.from('dfffffffff', 'hex'))).toThrow(ParseError);
    expect(() => unpackValue(Buffer.alloc(1000, 0x91))).toThrow(/nested deeper/);
    expect(() => unpackValue(Buffer.from('c1', 'hex'))).toThrow(/invalid msgpack type byte/);
    expect(() => unpackValue(Buffer.from('d50102ab', 'hex'))).toThrow(/ext/);
    expect(() => unpackValue(Buffer.from('8190c0', 'hex'))).toThrow(/map key/);
  });

  it('never throws anything but ParseError on random bytes (seeded)', () => {
    let x = 0x12345678;
    const rnd = (): number => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x >>> 0;
    };
    for (let i = 0; i < 20000; i++) {
      const len = 1 + (rnd() % 24);
      const b = Buffer.alloc(len);
      for (let j = 0; j < len; j++) b[j] = rnd() & 0xff;
      try {
        unpackValue(b);
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
      }
    }
  });
});
