import { decode as oracleDecode } from '@msgpack/msgpack';
import BN from 'bn.js';
import { MsgPackWriter, packValue, type MsgPackWriteOptions } from '../../src/values/msgpack-writer.js';
import { Double } from '../../src/values/double.js';
import { GeoJSON } from '../../src/values/geojson.js';
import { HLL } from '../../src/values/hll.js';
import { INFINITY, WILDCARD } from '../../src/values/special.js';
import { InvalidArgumentError } from '../../src/errors/client-errors.js';

const hex = (v: unknown, opts?: MsgPackWriteOptions): string => packValue(v, 'v', opts).toString('hex');
const h = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** The error `packValue(v, what)` throws (fails the test if it does not throw). */
function rejection(v: unknown, what = 'v', opts?: MsgPackWriteOptions): InvalidArgumentError {
  try {
    packValue(v, what, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidArgumentError);
    return err as InvalidArgumentError;
  }
  throw new Error('expected packValue to throw');
}

/** Str-family header for a payload of `len` bytes, as hex. */
function strHeader(len: number): string {
  if (len < 32) return (0xa0 | len).toString(16);
  if (len < 0x100) return `d9${len.toString(16).padStart(2, '0')}`;
  if (len < 0x10000) return `da${len.toString(16).padStart(4, '0')}`;
  return `db${len.toString(16).padStart(8, '0')}`;
}

describe('MsgPackWriter integers', () => {
  it.each([
    [0, '00'],
    [1, '01'],
    [127, '7f'],
    [128, 'cc80'],
    [255, 'ccff'],
    [256, 'cd0100'],
    [65535, 'cdffff'],
    [65536, 'ce00010000'],
    [2 ** 32 - 1, 'ceffffffff'],
    [2 ** 32, 'cf0000000100000000'],
    [2 ** 53 - 1, 'cf001fffffffffffff'],
    [2 ** 53, 'cf0020000000000000'],
    [2 ** 60, 'cf1000000000000000'],
    [2 ** 63 - 1024, 'cf7ffffffffffffc00'],
    [-1, 'ff'],
    [-32, 'e0'],
    [-33, 'd0df'],
    [-128, 'd080'],
    [-129, 'd1ff7f'],
    [-32768, 'd18000'],
    [-32769, 'd2ffff7fff'],
    [-(2 ** 31), 'd280000000'],
    [-(2 ** 31) - 1, 'd3ffffffff7fffffff'],
    [-(2 ** 32), 'd3ffffffff00000000'],
    [-(2 ** 32) - 1, 'd3fffffffeffffffff'],
    [-(2 ** 53) + 1, 'd3ffe0000000000001'],
    [-(2 ** 53), 'd3ffe0000000000000'],
    [-(2 ** 63), 'd38000000000000000']
  ] as const)('writes the number %p as %s', (v, expected) => {
    expect(hex(v)).toBe(expected);
  });

  it.each([
    [0n, '00'],
    [5n, '05'],
    [-7n, 'f9'],
    [255n, 'ccff'],
    [-129n, 'd1ff7f'],
    [2n ** 53n, 'cf0020000000000000'],
    [2n ** 62n, 'cf4000000000000000'],
    [2n ** 63n - 1n, 'cf7fffffffffffffff'],
    [-(2n ** 53n) - 1n, 'd3ffdfffffffffffff'],
    [-(2n ** 63n), 'd38000000000000000']
  ] as const)('writes the bigint %p as %s', (v, expected) => {
    expect(hex(v)).toBe(expected);
  });

  it('writes BN values as integers', () => {
    expect(hex(new BN(0))).toBe('00');
    expect(hex(new BN(-7))).toBe('f9');
    expect(hex(new BN('4611686018427387904'))).toBe('cf4000000000000000');
    expect(hex(new BN('-9007199254740993'))).toBe('d3ffdfffffffffffff');
    expect(hex(new BN('9223372036854775807'))).toBe('cf7fffffffffffffff');
  });

  it('writeInt takes numbers and bigints and range-checks them', () => {
    const w = new MsgPackWriter();
    w.writeInt(300);
    w.writeInt(-300n);
    w.writeInt(2 ** 60);
    expect(w.view().toString('hex')).toBe('cd012c' + 'd1fed4' + 'cf1000000000000000');
    expect(() => w.writeInt(1.5)).toThrow(InvalidArgumentError);
    expect(() => w.writeInt(2n ** 63n)).toThrow(/outside the signed 64-bit range/);
    expect(() => w.writeInt(2 ** 63)).toThrow(/outside the signed 64-bit range/);
    expect(w.length).toBe(3 + 3 + 9);
  });

  it('agrees with an independent msgpack decoder on integer and float structure', () => {
    const v = [0, 127, 128, -1, -32, -33, -200, 70000, -70000, 2 ** 40, -(2 ** 40), 2 ** 53 - 1, 1.25, -0.5, true, false, null, [[], [1, [2]]]];
    expect(oracleDecode(packValue(v, 'v'))).toEqual(v);
  });
});

describe('MsgPackWriter floats', () => {
  it('writes non-integral numbers, -0, NaN, ±Infinity and out-of-int64 integers as float64', () => {
    expect(hex(1.5)).toBe('cb3ff8000000000000');
    expect(hex(-0)).toBe('cb8000000000000000');
    expect(hex(NaN)).toBe('cb7ff8000000000000');
    expect(hex(Infinity)).toBe('cb7ff0000000000000');
    expect(hex(-Infinity)).toBe('cbfff0000000000000');
    expect(hex(2 ** 63)).toBe('cb43e0000000000000');
    expect(hex(-(2 ** 64))).toBe('cbc3f0000000000000');
    // The official client sends 1e300 as a DOUBLE (wire/kv.json put_double, bin dbig).
    expect(hex(1e300)).toBe('cb7e37e43c8800759c');
  });

  it('always writes Double as float64', () => {
    expect(hex(new Double(2))).toBe('cb4000000000000000');
    expect(hex(new Double(0))).toBe('cb0000000000000000');
    expect(hex(new Double(-1.5))).toBe('cbbff8000000000000');
    const w = new MsgPackWriter();
    w.writeDouble(1);
    expect(w.view().toString('hex')).toBe('cb3ff0000000000000');
  });
});

describe('MsgPackWriter scalars', () => {
  it('writes nil and booleans', () => {
    expect(hex(null)).toBe('c0');
    expect(hex(true)).toBe('c3');
    expect(hex(false)).toBe('c2');
    const w = new MsgPackWriter();
    w.writeNil();
    w.writeBool(true);
    w.writeBool(false);
    expect(w.view().toString('hex')).toBe('c0c3c2');
  });

  it.each([0, 1, 30, 31, 62, 63, 64, 65, 254, 255, 256, 65534, 65535, 65536])(
    'counts the 0x03 prefix in the header of a %p-character ASCII string',
    (n) => {
      const s = 'abcdefghijklmnopqrstuvwxyz'.repeat(Math.ceil(n / 26) + 1).slice(0, n);
      const out = packValue(s, 'v');
      const head = strHeader(n + 1);
      expect(out.subarray(0, head.length / 2 + 1).toString('hex')).toBe(head + '03');
      expect(out.subarray(head.length / 2 + 1).toString('latin1')).toBe(s);
    }
  );

  it('header boundaries: 30 → a0|31, 31 → d9 20, 254 → d9 ff, 255 → da 0100, 65534 → da ffff, 65535 → db 00010000', () => {
    expect(hex('x'.repeat(30)).slice(0, 4)).toBe('bf03');
    expect(hex('x'.repeat(31)).slice(0, 6)).toBe('d92003');
    expect(hex('x'.repeat(254)).slice(0, 6)).toBe('d9ff03');
    expect(hex('x'.repeat(255)).slice(0, 8)).toBe('da010003');
    expect(hex('x'.repeat(65534)).slice(0, 8)).toBe('daffff03');
    expect(hex('x'.repeat(65535)).slice(0, 12)).toBe('db0001000003');
  });

  it('writes non-ASCII strings as UTF-8 with byte-length headers', () => {
    expect(hex('')).toBe('a103');
    expect(hex('é')).toBe('a303c3a9');
    expect(hex('€')).toBe('a403e282ac');
    expect(hex('😀')).toBe('a503f09f9880');
    // 62 ASCII characters then one 2-byte character: the ASCII probe gives up at the end.
    expect(hex('a'.repeat(62) + 'é')).toBe('d94103' + '61'.repeat(62) + 'c3a9');
    // 11 × 3 bytes = 33 bytes + prefix → d9 22
    expect(hex('€'.repeat(11))).toBe('d92203' + 'e282ac'.repeat(11));
  });

  it('writes raw strings without the particle prefix', () => {
    const w = new MsgPackWriter(1);
    w.writeRawString('bin');
    w.writeRawString('');
    w.writeRawString('x'.repeat(31));
    w.writeRawString('x'.repeat(32));
    w.writeRawString('é');
    w.writeRawString('y'.repeat(300));
    expect(w.view().toString('hex')).toBe(
      'a362696e' + 'a0' + 'bf' + '78'.repeat(31) + 'd920' + '78'.repeat(32) + 'a2c3a9' + 'da012c' + '79'.repeat(300)
    );
  });

  it('writes bytes as str-family with a 0x04 prefix (Buffer and Uint8Array)', () => {
    expect(hex(Buffer.from([1, 2]))).toBe('a3040102');
    expect(hex(new Uint8Array([255]))).toBe('a204ff');
    expect(hex(Buffer.alloc(0))).toBe('a104');
    expect(hex(Buffer.alloc(30, 7))).toBe('bf04' + '07'.repeat(30));
    expect(hex(Buffer.alloc(31, 7))).toBe('d92004' + '07'.repeat(31));
    expect(hex(Buffer.alloc(300, 1)).slice(0, 8)).toBe('da012d04');
    expect(packValue(Buffer.alloc(70000, 9), 'v').subarray(0, 6).toString('hex')).toBe('db0001117104');
    // A view into a larger buffer writes only its own bytes.
    const big = Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(hex(new Uint8Array(big.buffer, big.byteOffset + 2, 18))).toBe('b304' + big.subarray(2, 20).toString('hex'));
  });

  it('writeBytes takes a particle type byte', () => {
    const w = new MsgPackWriter();
    w.writeBytes(Buffer.from('ab'), 7);
    w.writeBytes(Buffer.from('cd'));
    expect(w.view().toString('hex')).toBe('a3076162' + 'a3046364');
  });

  it('writes GeoJSON with a 0x17 prefix and HLL as a blob', () => {
    expect(hex(new GeoJSON('{}'))).toBe('a3177b7d');
    const point = '{"type":"Point","coordinates":[1,2]}';
    expect(hex(new GeoJSON({ type: 'Point', coordinates: [1, 2] }))).toBe(strHeader(point.length + 1) + '17' + Buffer.from(point).toString('hex'));
    expect(hex(new GeoJSON('{"n":"é"}'))).toBe('ab17' + Buffer.from('{"n":"é"}').toString('hex'));
    expect(hex(new HLL(Buffer.from([7, 8])))).toBe('a3040708');
  });

  it('writes the range sentinels only when allowed', () => {
    expect(hex([WILDCARD, INFINITY], { allowSpecial: true })).toBe('92d4ff00d4ff01');
    expect(hex({ a: WILDCARD }, { allowSpecial: true })).toBe('82c70001c0' + 'a20361' + 'd4ff00');
    const w = new MsgPackWriter();
    w.writeWildcard();
    w.writeInfinity();
    expect(w.view().toString('hex')).toBe('d4ff00d4ff01');
  });
});

describe('MsgPackWriter lists and maps', () => {
  it('writes nested lists', () => {
    expect(hex([])).toBe('90');
    expect(hex([1, [2, [3, []]], 'a'])).toBe('93' + '01' + '92' + '02' + '92' + '03' + '90' + 'a20361');
    expect(hex(new Array(15).fill(0))).toBe('9f' + '00'.repeat(15));
    expect(hex(new Array(16).fill(0))).toBe('dc0010' + '00'.repeat(16));
    expect(packValue(new Array(65535).fill(1), 'v').subarray(0, 3).toString('hex')).toBe('dcffff');
    expect(packValue(new Array(65536).fill(1), 'v').subarray(0, 5).toString('hex')).toBe('dd00010000');
  });

  it('writes array and map headers at their boundaries', () => {
    const w = new MsgPackWriter();
    for (const n of [0, 15, 16, 65535, 65536, 2 ** 32 - 1]) w.writeArrayHeader(n);
    expect(w.view().toString('hex')).toBe('90' + '9f' + 'dc0010' + 'dcffff' + 'dd00010000' + 'ddffffffff');
    w.reset();
    for (const n of [0, 15, 16, 65535, 65536]) w.writeMapHeader(n);
    expect(w.view().toString('hex')).toBe('80' + '8f' + 'de0010' + 'deffff' + 'df00010000');
    w.reset();
    w.writeOrderedMapMarker(1);
    w.writeOrderedMapMarker(3);
    expect(w.view().toString('hex')).toBe('c70001c0' + 'c70003c0');
  });

  it('writes maps KEY_ORDERED with sorted keys, as the official client', () => {
    expect(hex({})).toBe('81c70001c0');
    expect(hex(new Map())).toBe('81c70001c0');
    expect(hex({ b: 1, a: 2 })).toBe('83c70001c0' + 'a2036102' + 'a2036201');
    // ints (numeric, number and bigint mixed) < strings < bytes
    const m = new Map<unknown, unknown>([
      [Buffer.from('ab'), 3],
      ['s', 2],
      [5, 1],
      [-1n, 0],
      [new BN(300), 4],
      [Buffer.from('a'), 5],
      ['R', 6]
    ]);
    expect(hex(m)).toBe('88c70001c0' + 'ff00' + '0501' + 'cd012c04' + 'a2035206' + 'a2037302' + 'a2046105' + 'a304616203');
  });

  it('orders string keys by UTF-8 bytes, not UTF-16 code units', () => {
    // U+FFFF (ef bf bf) sorts before U+10000 (f0 90 80 80), although '\uffff' > '\ud800' in UTF-16.
    const astral = '\u{10000}';
    const out = hex(new Map([[astral, 1], ['\uffff', 2], ['z', 3], ['é', 4], ['', 5], ['za', 6]]));
    expect(out).toBe(
      '87c70001c0' + 'a10305' + 'a2037a03' + 'a3037a6106' + 'a303c3a904' + 'a403efbfbf02' + 'a503f090808001'
    );
    expect(hex({ [astral]: 1, '\uffff': 2 })).toBe('83c70001c0' + 'a403efbfbf02' + 'a503f090808001');
  });

  it('orders integer keys numerically across number, bigint and BN, including beyond 2^53', () => {
    const m = new Map<unknown, unknown>([[2n ** 62n, 'a'], [-(2 ** 60), 'b'], [2 ** 53, 'c'], [new BN(-5), 'd'], [0, 'e']]);
    const out = packValue(m, 'v');
    const keys = ['d3f000000000000000', 'fb', '00', 'cf0020000000000000', 'cf4000000000000000'];
    let at = 5;
    for (const k of keys) {
      expect(out.subarray(at, at + k.length / 2).toString('hex')).toBe(k);
      at += k.length / 2 + 3; // key, then a 1-character string value (a2 03 xx)
    }
    expect(at).toBe(out.length);
  });

  it('sorts nested maps too, and writes plain maps in insertion order when asked', () => {
    expect(hex({ z: { b: 1, a: 2 } })).toBe('82c70001c0' + 'a2037a' + '83c70001c0a2036102a2036201');
    expect(hex(new Map([['b', 1], ['a', 2]]), { keyOrderedMaps: false })).toBe('82a2036201a2036102');
    expect(hex({ z: { b: 1, a: 2 } }, { keyOrderedMaps: false })).toBe('81a2037a82a2036201a2036102');
    expect(hex({}, { keyOrderedMaps: false })).toBe('80');
    expect(hex(new Map<unknown, number>([[2, 1], [1n, 2], [Buffer.from('x'), 3]]), { keyOrderedMaps: false })).toBe('83' + '0201' + '0102' + 'a2047803');
  });

  it('accepts null-prototype objects and a map with more than 15 entries', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o['k'] = 1;
    expect(hex(o)).toBe('82c70001c0a2036b01');
    const big: Record<string, number> = {};
    for (let i = 0; i < 15; i++) big[String.fromCharCode(97 + i)] = i;
    const out = hex(big);
    expect(out.slice(0, 14)).toBe('de0010c70001c0');
    expect(out.slice(14, 22)).toBe('a2036100');
  });

  it('writes an own __proto__ key as a normal string key', () => {
    const o = JSON.parse('{"__proto__": 1, "a": 2}') as Record<string, unknown>;
    expect(hex(o)).toBe('83c70001c0' + 'aa03' + Buffer.from('__proto__').toString('hex') + '01' + 'a2036102');
  });

  it('reproduces the kv/put_map bins of the recorded official-client request byte for byte', () => {
    // wire/kv.json, step put_map: the op values of bins m, mm and me.
    const m = { a: 1, b: { c: [1, 2], d: 'x' }, s: 'str' };
    const mm = new Map<unknown, unknown>([[1, 'int key'], ['s', 'str key'], [Buffer.from('ab'), 'blob key'], [-5, { nested: true }]]);
    expect(hex(m)).toBe('84c70001c0a2036101a2036283c70001c0a20363920102a20364a20378a20373a403737472');
    expect(hex(mm)).toBe(
      '85c70001c0fb82c70001c0a7036e6573746564c301a803696e74206b6579a20373a803737472206b6579a3046162a903626c6f62206b6579'
    );
    expect(hex({})).toBe('81c70001c0');
  });
});

describe('MsgPackWriter buffer management', () => {
  it('grows from a tiny buffer and keeps earlier bytes', () => {
    const w = new MsgPackWriter(1);
    for (let i = 0; i < 1000; i++) w.writeInt(i);
    const s = 'é'.repeat(5000);
    w.writeValue(s, 'v');
    const expected = Buffer.concat([...Array.from({ length: 1000 }, (_, i) => packValue(i, 'v')), packValue(s, 'v')]);
    expect(w.view().equals(expected)).toBe(true);
    expect(w.length).toBe(expected.length);
  });

  it('view is a window, toBuffer a copy, copyTo copies into a target', () => {
    const w = new MsgPackWriter();
    w.writeValue([1, 2, 3], 'v');
    const view = w.view();
    const copy = w.toBuffer();
    expect(copy.toString('hex')).toBe('93010203');
    const target = Buffer.alloc(8, 0xee);
    expect(w.copyTo(target, 2)).toBe(4);
    expect(target.toString('hex')).toBe('eeee93010203eeee');
    w.reset();
    expect(w.length).toBe(0);
    w.writeNil();
    expect(view[0]).toBe(0xc0); // the old view sees the reused buffer
    expect(copy[0]).toBe(0x93); // the copy does not
    expect(w.view().toString('hex')).toBe('c0');
  });

  it('appends raw bytes, and writeValue appends after what is there', () => {
    const w = new MsgPackWriter();
    w.writeArrayHeader(2);
    w.writeRaw(h('a20378'));
    w.writeValue({ k: 1 }, 'v');
    expect(w.view().toString('hex')).toBe('92a2037882c70001c0a2036b01');
  });

  it('leaves nothing behind after a rejected value and stays usable', () => {
    const w = new MsgPackWriter(16);
    w.writeValue('x'.repeat(1000), 'v');
    expect(w.length).toBe(1004);
    expect(() => w.writeValue([1, 2, { a: [3, undefined] }], 'v')).toThrow(InvalidArgumentError);
    expect(w.length).toBe(1004);
    w.writeValue(7, 'v');
    expect(w.length).toBe(1005);
    expect(w.view()[1004]).toBe(7);
  });

  it('packValue returns an independent copy each time, even when called from inside a value', () => {
    const a = packValue([1], 'v');
    const b = packValue([2], 'v');
    expect(a.toString('hex')).toBe('9101');
    expect(b.toString('hex')).toBe('9102');
    let inner: Buffer | undefined;
    const tricky = {
      get x(): number {
        inner = packValue({ y: 'z' }, 'inner');
        return 5;
      }
    };
    expect(hex(tricky)).toBe('82c70001c0a2037805');
    expect(inner?.toString('hex')).toBe('82c70001c0a20379a2037a');
  });
});

describe('MsgPackWriter rejections', () => {
  const ALLOWED = /allowed: null, boolean, number, bigint, BN, Double, string, Buffer\/Uint8Array, GeoJSON, HLL, array, Map or plain object/;

  it('names the path of an unsupported value, starting from `what`', () => {
    const err = rejection([0, 1, 2, { color: () => 1 }], "bin 'tags'");
    expect(err.message).toMatch(/^bin 'tags'\[3\]\.color: unsupported value type function; /);
    expect(err.message).toMatch(ALLOWED);
  });

  it.each([
    ['undefined', [1, undefined], /^v\[1\]: unsupported value type undefined/],
    ['a hole in a sparse array', [1, , 3], /^v\[1\]: unsupported value type undefined/],
    ['a symbol', { s: Symbol('x') }, /^v\.s: unsupported value type symbol/],
    ['a function at top level', () => 1, /^v: unsupported value type function/],
    ['a Date', [new Date(0)], /^v\[0\]: unsupported value type Date/],
    ['a class instance', [new (class Point {})()], /^v\[0\]: unsupported value type Point/],
    ['a Float32Array', [new Float32Array(1)], /unsupported value type Float32Array/],
    ['an Int8Array', new Int8Array(1), /unsupported value type Int8Array/],
    ['a Uint8ClampedArray', new Uint8ClampedArray(1), /unsupported value type Uint8ClampedArray/],
    ['an ArrayBuffer', new ArrayBuffer(1), /unsupported value type ArrayBuffer/],
    ['a DataView', new DataView(new ArrayBuffer(1)), /unsupported value type DataView/],
    ['a Set', new Set([1]), /unsupported value type Set/],
    ['a boxed number', [Object(1) as unknown], /unsupported value type Number/],
    ['a Promise', Promise.resolve(1), /unsupported value type Promise/]
  ])('rejects %s', (_name, v, msg) => {
    const err = rejection(v);
    expect(err.message).toMatch(msg);
    expect(err.message).toMatch(ALLOWED);
  });

  it('formats map-key path segments: identifiers, other strings, integers and bytes', () => {
    expect(rejection({ 'a b': [undefined] }).message).toMatch(/^v\["a b"\]\[0\]: unsupported/);
    expect(rejection(new Map([[5, { x: undefined }]])).message).toMatch(/^v\[5\]\.x: unsupported/);
    expect(rejection(new Map([[Buffer.from('ab'), undefined]])).message).toMatch(/^v\[<bytes 6162>\]: unsupported/);
    expect(rejection({ $ok_1: { é: undefined } }).message).toMatch(/^v\.\$ok_1\["é"\]: unsupported/);
  });

  it.each([
    ['a float key', new Map([[1.5, 1]]), /^v: map key 1\.5 is not allowed: map keys must be integers \(number, bigint or BN, signed 64-bit\), strings or bytes/],
    ['a NaN key', new Map([[NaN, 1]]), /map key NaN is not allowed/],
    ['an out-of-range number key', new Map([[2 ** 64, 1]]), /map key 18446744073709552000 is not allowed/],
    ['a null key', new Map([[null, 1]]), /map key of type null is not allowed: map keys must be integers/],
    ['a boolean key', new Map([[true, 1]]), /map key of type boolean is not allowed/],
    ['an object key', new Map([[{}, 1]]), /map key of type object is not allowed/],
    ['an array key', new Map([[[1], 1]]), /map key of type array is not allowed/],
    ['a Double key', new Map([[new Double(1), 1]]), /map key of type Double is not allowed/],
    ['an out-of-range bigint key', new Map([[2n ** 63n, 1]]), /map key 9223372036854775808 is outside the signed 64-bit range/],
    ['an out-of-range BN key', new Map([[new BN('9223372036854775808'), 1]]), /outside the signed 64-bit range/],
    ['a nested bad key', [{ m: new Map([[null, 1]]) }], /^v\[0\]\.m: map key of type null/]
  ])('rejects %s', (_name, v, msg) => {
    expect(rejection(v).message).toMatch(msg);
  });

  it.each([
    ['1 and 1n', new Map<unknown, number>([[1, 1], [1n, 2]]), /duplicate map key 1 /],
    ['a number and a BN', new Map<unknown, number>([[7, 1], [new BN(7), 2]]), /duplicate map key 7/],
    ['two BNs', new Map<unknown, number>([[new BN(7), 1], [new BN(7), 2]]), /duplicate map key 7/],
    ['2^60 as number and bigint', new Map<unknown, number>([[2 ** 60, 1], [2n ** 60n, 2]]), /duplicate map key/],
    ['two equal byte arrays', new Map<unknown, number>([[Buffer.from('ab'), 1], [new Uint8Array([0x61, 0x62]), 2]]), /duplicate map key <bytes 6162>/]
  ])('rejects duplicate keys after normalisation: %s (ordered and unordered)', (_name, v, msg) => {
    expect(rejection(v).message).toMatch(msg);
    expect(rejection(v, 'v', { keyOrderedMaps: false }).message).toMatch(msg);
  });

  it('accepts distinct keys that only look alike', () => {
    expect(() => packValue(new Map<unknown, number>([[1, 1], ['1', 2], [Buffer.from('1'), 3]]), 'v')).not.toThrow();
    expect(() => packValue(new Map<unknown, number>([[1, 1], ['1', 2], [Buffer.from('1'), 3]]), 'v', { keyOrderedMaps: false })).not.toThrow();
  });

  it('rejects integers outside the signed 64-bit range', () => {
    expect(rejection([2n ** 63n]).message).toMatch(/^v\[0\]: integer 9223372036854775808 is outside the signed 64-bit range/);
    expect(rejection(-(2n ** 63n) - 1n).message).toMatch(/outside the signed 64-bit range/);
    expect(rejection({ n: new BN('-9223372036854775809') }).message).toMatch(/^v\.n: integer -9223372036854775809 is outside/);
  });

  it('rejects strings that are not well-formed UTF-16', () => {
    expect(rejection(['\udfff']).message).toMatch(/^v\[0\]: string "\\udfff" is not valid UTF-8 \(it has a lone surrogate\)/);
    expect(rejection(['a'.repeat(100) + '\ud800']).message).toMatch(/lone surrogate/);
    expect(rejection(new Map([['\ud800', 1]])).message).toMatch(/^v: map key "\\ud800" is not valid UTF-8/);
    expect(rejection({ ['x\ud800']: 1 }).message).toMatch(/map key/);
    expect(rejection(new GeoJSON('{"a":"\ud800"}')).message).toMatch(/GeoJSON text is not a well-formed string/);
    // A well-formed surrogate pair is fine.
    expect(hex('😀')).toBe('a503f09f9880');
  });

  it('rejects the range sentinels outside collection-operation arguments', () => {
    expect(rejection([WILDCARD], "bin 'b'").message).toMatch(/^bin 'b'\[0\]: WILDCARD is only allowed in collection-operation arguments and expressions/);
    expect(rejection({ x: INFINITY }).message).toMatch(/^v\.x: INFINITY is only allowed/);
  });

  it('detects cycles through arrays, objects and maps without overflowing the stack', () => {
    const a: unknown[] = [1];
    a.push([a]);
    expect(rejection(a).message).toMatch(/^v\[1\]\[0\]: circular structure \(the value contains itself\)/);
    const o: Record<string, unknown> = {};
    o['x'] = { y: o };
    expect(rejection(o).message).toMatch(/^v\.x\.y: circular structure/);
    const m = new Map<unknown, unknown>();
    m.set('self', [m]);
    expect(rejection(m).message).toMatch(/^v\.self\[0\]: circular structure/);
    expect(rejection(a, 'v', { keyOrderedMaps: false }).message).toMatch(/circular/);
  });

  it('allows the same value twice when it is not its own ancestor', () => {
    const shared = [1];
    expect(hex([shared, shared, { a: shared }])).toBe('93' + '9101' + '9101' + '82c70001c0a20361' + '9101');
  });

  it('caps nesting at 512 levels with a clear error', () => {
    let ok: unknown = 1;
    for (let i = 0; i < 512; i++) ok = [ok];
    const out = packValue(ok, 'v');
    expect(out.length).toBe(513);
    let deep: unknown = 1;
    for (let i = 0; i < 513; i++) deep = [deep];
    expect(rejection(deep).message).toMatch(/: nested deeper than 512 levels; flatten the value$/);
    let huge: unknown = 1;
    for (let i = 0; i < 100_000; i++) huge = { a: huge };
    expect(rejection(huge).message).toMatch(/^v(\.a){512}: nested deeper than 512 levels/);
  });
});
