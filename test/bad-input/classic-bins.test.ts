import { InvalidArgError, type Key } from '@aerospike-ts/classic';
import { bad, circularList, circularMap, Point, useClassic } from './helpers/setup';

// Classic front end: bin names and bin values the server cannot store.

const env = useClassic();
const rejects = (call: () => unknown, message: string | RegExp): Promise<Error> => env.wire.expectRejected(call, InvalidArgError, message);
const K: Key = ['test', 'bad_bins', 1];
const VALUES = 'use null, boolean, number, bigint, string, bytes, list, map, GeoJSON or HLL';
const NESTED_VALUES = 'allowed: null, boolean, number, bigint, BN, Double, string, Buffer/Uint8Array, GeoJSON, HLL, array, Map or plain object';
const MAP_KEYS = 'map keys must be integers (number, bigint or BN, signed 64-bit), strings or bytes (Buffer/Uint8Array)';
const LONG = 'b'.repeat(16);

describe('classic: bin names', () => {
  it('16 bytes (limit 15)', () => rejects(() => env.client.put(K, { [LONG]: 1 }), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('8 two-byte characters = 16 bytes', () => rejects(() => env.client.put(K, { ['é'.repeat(8)]: 1 }), `bin name "${'é'.repeat(8)}" is 16 bytes long; the limit is 15 bytes`));
  it('empty', () => rejects(() => env.client.put(K, { '': 1 }), 'bin name must not be empty'));
  it('a lone surrogate', () => rejects(() => env.client.put(K, { ['a\uD800']: 1 }), 'bin name "a\\ud800" is not valid UTF-8 (it has a lone surrogate)'));
  it('select: too long', () => rejects(() => env.client.select(K, ['a', LONG]), `select: bins[1] "${LONG}" is 16 bytes long; a bin name has at most 15 bytes`));
  it('select: empty', () => rejects(() => env.client.select(K, ['']), 'select: bins[0] is empty; a bin name has 1 to 15 bytes'));
  it('select: a lone surrogate', () => rejects(() => env.client.select(K, ['\uDFFF']), 'select: bins[0] "\\udfff" is not valid UTF-8 (it has a lone surrogate)'));
  it('remove_bin: a number', () => rejects(() => env.client.remove_bin(K, bad(['a', 1])), 'remove_bin: bin_names[1] must be a string, got number 1'));
  it('remove_bin: too long', () => rejects(() => env.client.remove_bin(K, [LONG]), `remove_bin: bin_names[0] "${LONG}" is 16 bytes long; a bin name has at most 15 bytes`));
  it('batch_read: too long', () => rejects(() => env.client.batch_read([K], [LONG]), `batch_read: bins[0] "${LONG}" is 16 bytes long; a bin name has at most 15 bytes`));
  it('increment: empty bin', () => rejects(() => env.client.increment(K, '', 1), 'bin name must not be empty'));
  it('append: too long', () => rejects(() => env.client.append(K, LONG, 'x'), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('batch_write: too long', () => rejects(() => env.client.batch_write([[K, { [LONG]: 1 }]]), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
});

describe('classic: bins argument', () => {
  it('a list', () => rejects(() => env.client.put(K, bad([1, 2])), 'put: bins must be a dict, got a list'));
  it('a string', () => rejects(() => env.client.put(K, bad('a=1')), 'put: bins must be a dict, got string'));
  it('null', () => rejects(() => env.client.put(K, bad(null)), 'put: bins must be a dict, got null'));
  it('batch_write: a list', () => rejects(() => env.client.batch_write([[K, bad([1])]]), 'batch_write: records[0]: bins must be a dict, got a list'));
  it('batch_write: empty dict', () => rejects(() => env.client.batch_write([[K, {}]]), 'batch_write: records[0]: bins is empty; give at least one bin (null removes a bin)'));
  it('batch_write: entry of 4', () => rejects(() => env.client.batch_write([bad([K, { a: 1 }, {}, {}])]), 'batch_write: records[0] must be [key, bins] or [key, bins, meta]'));
});

describe('classic: unsupported values', () => {
  it('a function', () => rejects(() => env.client.put(K, { a: () => 1 }), `bin 'a': unsupported value type function; ${VALUES}`));
  it('a symbol', () => rejects(() => env.client.put(K, { a: Symbol('s') }), `bin 'a': unsupported value type symbol; ${VALUES}`));
  it('undefined', () => rejects(() => env.client.put(K, { a: undefined }), "bin 'a' is undefined; use null to remove a bin"));
  it('undefined inside a list', () => rejects(() => env.client.put(K, { a: [1, undefined] }), `bin 'a'[1]: unsupported value type undefined; ${NESTED_VALUES}`));
  it('a class instance', () => rejects(() => env.client.put(K, { a: new Point(1, 2) }), `bin 'a': unsupported value type Point; ${VALUES}`));
  it('a Date', () => rejects(() => env.client.put(K, { a: new Date(0) }), `bin 'a': unsupported value type Date; ${VALUES}`));
  it('a class instance inside a map', () => rejects(() => env.client.put(K, { m: { p: new Point(1, 2) } }), `bin 'm'.p: unsupported value type Point; ${NESTED_VALUES}`));
  it('batch_write: undefined', () => rejects(() => env.client.batch_write([[K, { a: undefined }]]), "batch_write: records[0]: bin 'a' is undefined; use null to remove a bin"));
  it('apply: a function argument', () => rejects(() => env.client.apply(K, 'mod', 'fn', [() => 1]), `UDF arguments[0]: unsupported value type function; ${NESTED_VALUES}`));
});

describe('classic: circular values', () => {
  const CIRCULAR = 'circular structure (the value contains itself); only trees of values can be written';
  it('a list containing itself', () => rejects(() => env.client.put(K, { a: circularList() }), `bin 'a'[1]: ${CIRCULAR}`));
  it('a map containing itself', () => rejects(() => env.client.put(K, { a: circularMap() }), `bin 'a'.self: ${CIRCULAR}`));
  it('a list containing a map containing the list', () => {
    const l: unknown[] = [];
    l.push({ back: l });
    return rejects(() => env.client.put(K, { a: l }), `bin 'a'[0].back: ${CIRCULAR}`);
  });
  // core's batch engine encodes every node's command before sending any: one bad record fails the whole call
  it('batch_write: a list containing itself', () => rejects(() => env.client.batch_write([[K, { a: circularList() }]]), `batch record 0: bin 'a'[1]: ${CIRCULAR}`));
  it('batch_write: a valid record, then a map containing itself', () =>
    rejects(() => env.client.batch_write([[K, { a: 1 }], [['test', 'bad_bins', 2], { m: circularMap() }]]), `batch record 1: bin 'm'.self: ${CIRCULAR}`));
  it('batch_operate: a write of a list containing itself', () => rejects(() => env.client.batch_operate([K], [{ op: 2, bin: 'a', val: circularList() }]), `batch record 0: bin 'a'[1]: ${CIRCULAR}`));
  it('operate write', () => rejects(() => env.client.operate(K, [{ op: 2, bin: 'a', val: circularMap() }]), `bin 'a'.self: ${CIRCULAR}`));
  it('apply arguments', () => rejects(() => env.client.apply(K, 'mod', 'fn', [circularList()]), `UDF arguments[0][1]: ${CIRCULAR}`));
});

describe('classic: integers out of the int64 range', () => {
  it('2^63 as a bigint', () => rejects(() => env.client.put(K, { a: 2n ** 63n }), "bin 'a': integer 9223372036854775808 is outside the signed 64-bit range"));
  it('-2^63 - 1 as a bigint', () => rejects(() => env.client.put(K, { a: -(2n ** 63n) - 1n }), "bin 'a': integer -9223372036854775809 is outside the signed 64-bit range"));
  it('2^64 inside a list', () => rejects(() => env.client.put(K, { a: [1, 2n ** 64n] }), "bin 'a'[1]: integer 18446744073709551616 is outside the signed 64-bit range"));
  it('2^63 as a map value', () => rejects(() => env.client.put(K, { a: { n: 2n ** 63n } }), "bin 'a'.n: integer 9223372036854775808 is outside the signed 64-bit range"));
  it('increment by 2^63', () => rejects(() => env.client.increment(K, 'n', 2n ** 63n), "bin 'n': integer 9223372036854775808 is outside the signed 64-bit range"));
});

describe('classic: strings and map keys', () => {
  it('a string value with a lone surrogate', () => rejects(() => env.client.put(K, { a: 'x\uD800' }), "bin 'a': string is not valid UTF-8 (it has a lone surrogate)"));
  it('a map key with a lone surrogate', () => rejects(() => env.client.put(K, { a: { ['k\uD800']: 1 } }), `bin 'a': map key "k\\ud800" is not valid UTF-8 (it has a lone surrogate); only well-formed strings can be stored`));
  it('a map key that is an object', () => rejects(() => env.client.put(K, { a: new Map([[{}, 1]]) }), `bin 'a': map key of type object is not allowed: ${MAP_KEYS}`));
  it('a map key that is a float', () => rejects(() => env.client.put(K, { a: new Map([[1.5, 1]]) }), `bin 'a': map key 1.5 is not allowed: ${MAP_KEYS}`));
  it('append: a number', () => rejects(() => env.client.append(K, 'a', bad(1)), 'append: val must be a string or bytes, got number 1'));
  it('increment: a string', () => rejects(() => env.client.increment(K, 'a', bad('1')), 'increment: offset must be a number, got string'));
});
