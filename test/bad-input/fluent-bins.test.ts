import { InvalidArgumentError } from '@aerospike-ts/core';
import { Behavior, DataSet, type Session } from '@aerospike-ts/fluent';
import { bad, circularList, circularMap, Point, useFluent } from './helpers/setup';

// Fluent front end: bin names and values the server cannot store.

const env = useFluent();
const rejects = (call: () => unknown, message: string | RegExp): Promise<Error> => env.wire.expectRejected(call, InvalidArgumentError, message);
const ds = DataSet.of('test', 'bad_fluent_bins');
const k = ds.id(1);
const session = (): Session => env.client.createSession(Behavior.DEFAULT);
const LONG = 'b'.repeat(16);
const VALUES = 'use null, boolean, number, bigint, string, bytes, list, map, GeoJSON or HLL';
const NESTED_VALUES = 'allowed: null, boolean, number, bigint, BN, Double, string, Buffer/Uint8Array, GeoJSON, HLL, array, Map or plain object';
const CIRCULAR = 'circular structure (the value contains itself); only trees of values can be written';

describe('fluent: bin names', () => {
  it('16 bytes (limit 15)', () => rejects(() => session().upsert(k).bin(LONG).setTo(1), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('empty', () => rejects(() => session().upsert(k).bin('').setTo(1), 'bin name must not be empty'));
  it('a lone surrogate', () => rejects(() => session().upsert(k).bin('a\uD800').setTo(1), 'bin name "a\\ud800" is not valid UTF-8 (it has a lone surrogate)'));
  it('put() with a bin name too long', () => rejects(() => session().upsert(k).put({ [LONG]: 1 }), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('session.put() with an empty bin name', () => rejects(() => session().put(k, { '': 1 }), 'bin name must not be empty'));
  it('a read of a bin name too long', () => rejects(() => session().query(k).bin(LONG).get(), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('a list operation on a bin name too long', () => rejects(() => session().upsert(k).bin(LONG).listAppend(1), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('a batch entry on an empty bin name', () => rejects(() => session().batch().upsert(k).bin('').setTo(1), 'bin name must not be empty'));
  it('several keys, a bin name too long', () => rejects(() => session().upsert(k, ds.id(2)).bin(LONG).setTo(1), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('dataset query bins() with a bin name too long', async () =>
    rejects(async () => {
      for await (const r of await session().query(ds).bins(LONG).execute()) void r;
    }, `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
});

describe('fluent: the bins argument', () => {
  it('session.put() with null', () => rejects(() => session().put(k, bad(null)), 'put() needs an object of bins, got null'));
  it('session.put() with a string', () => rejects(() => session().put(k, bad('a=1')), 'put() needs an object of bins, got string'));
  it('session.put() with an array', () => rejects(() => session().put(k, bad([1, 2])), 'put() needs an object of bins, got array'));
  it('session.put() with a Map', () => rejects(() => session().put(k, bad(new Map([['a', 1]]))), 'put() needs an object of bins, got Map'));
  it('upsert(key).put() with an array', () => rejects(() => session().upsert(k).put(bad([1])), 'put() needs an object of bins, got array'));
  it('upsert(key).put() with a class instance', () => rejects(() => session().upsert(k).put(bad(new Point(1, 2))), 'put() needs an object of bins, got Point'));
  it("upsert(key).put('ab')", () => rejects(() => session().upsert(k).put(bad('ab')), 'put() needs an object of bins, got string'));
  it('upsert(key).put(null)', () => rejects(() => session().upsert(k).put(bad(null)), 'put() needs an object of bins, got null'));
  it('a batch entry put() with an array', () => rejects(() => session().batch().upsert(k).put(bad(['x'])), 'put() needs an object of bins, got array'));
  it('a background update put() with an array', () => rejects(() => session().backgroundTask().update(ds).put(bad([1])), 'put() needs an object of bins, got array'));
});

describe('fluent: unsupported values', () => {
  const write = (v: unknown) => () => session().upsert(k).bin('a').setTo(bad(v)).execute();
  it('a function', () => rejects(write(() => 1), `bin 'a': unsupported value type function; ${VALUES}`));
  it('a symbol', () => rejects(write(Symbol('s')), `bin 'a': unsupported value type symbol; ${VALUES}`));
  it('undefined', () => rejects(write(undefined), `bin 'a': unsupported value type undefined; ${VALUES}`));
  it('undefined inside a list', () => rejects(write([undefined]), `bin 'a'[0]: unsupported value type undefined; ${NESTED_VALUES}`));
  it('a class instance', () => rejects(write(new Point(1, 2)), `bin 'a': unsupported value type Point; ${VALUES}`));
  it('a Date inside a map', () => rejects(write({ at: new Date(0) }), `bin 'a'.at: unsupported value type Date; ${NESTED_VALUES}`));
  it('a Promise', () => rejects(write(Promise.resolve(1)), `bin 'a': unsupported value type Promise; ${VALUES}`));
  it('session.put() of a function', () => rejects(() => session().put(k, { f: bad(() => 1) }), `bin 'f': unsupported value type function; ${VALUES}`));
  it('a UDF argument that is a function', () => rejects(() => session().executeUdf(k).function('mod', 'fn').passing(bad(() => 1)).execute(), `UDF arguments[0]: unsupported value type function; ${NESTED_VALUES}`));
  it('listAppend of a class instance', () => rejects(() => session().upsert(k).bin('l').listAppend(bad(new Point(0, 0))), `list append on 'l' argument 1: unsupported value type Point; ${NESTED_VALUES}`));
});

describe('fluent: circular values', () => {
  it('a list containing itself', () => rejects(() => session().upsert(k).bin('a').setTo(bad(circularList())).execute(), `bin 'a'[1]: ${CIRCULAR}`));
  it('a map containing itself', () => rejects(() => session().upsert(k).bin('a').setTo(bad(circularMap())).execute(), `bin 'a'.self: ${CIRCULAR}`));
  it('session.put() of a map containing itself', () => rejects(() => session().put(k, { a: bad(circularMap()) }), `bin 'a'.self: ${CIRCULAR}`));
  it('a UDF argument containing itself', () => rejects(() => session().executeUdf(k).function('mod', 'fn').passing(bad(circularList())).execute(), `UDF arguments[0][1]: ${CIRCULAR}`));
  it('mapUpsertItems of a map containing itself', () => rejects(() => session().upsert(k).bin('m').mapUpsertItems(bad({ x: circularMap() })), `map putItems on 'm' argument 1.x.self: ${CIRCULAR}`));
  it('several keys, a list containing itself', () => rejects(() => session().upsert(k, ds.id(2)).bin('a').setTo(bad(circularList())).execute(), `batch record 0: bin 'a'[1]: ${CIRCULAR}`));
  it('a batch entry of a list containing itself', () => rejects(() => session().batch().upsert(k).bin('a').setTo(bad(circularList())).execute(), `batch record 0: bin 'a'[1]: ${CIRCULAR}`));
  it('a valid batch entry, then one of a map containing itself', () =>
    rejects(() => session().batch().upsert(k).bin('a').setTo(1).upsert(ds.id(2)).bin('m').setTo(bad(circularMap())).execute(), `batch record 1: bin 'm'.self: ${CIRCULAR}`));
});

describe('fluent: integers beyond int64, strings and map keys', () => {
  const write = (v: unknown) => () => session().upsert(k).bin('a').setTo(bad(v)).execute();
  it('2^63', () => rejects(write(2n ** 63n), "bin 'a': integer 9223372036854775808 is outside the signed 64-bit range"));
  it('-2^63 - 1 inside a list', () => rejects(write([0, -(2n ** 63n) - 1n]), "bin 'a'[1]: integer -9223372036854775809 is outside the signed 64-bit range"));
  it('add 2^64', () => rejects(() => session().upsert(k).bin('n').add(2n ** 64n).execute(), "bin 'n': integer 18446744073709551616 is outside the signed 64-bit range"));
  it('a string with a lone surrogate', () => rejects(write('x\uDBFF'), "bin 'a': string is not valid UTF-8 (it has a lone surrogate)"));
  it('a map key with a lone surrogate', () => rejects(write({ ['\uD800']: 1 }), `bin 'a': map key "\\ud800" is not valid UTF-8 (it has a lone surrogate); only well-formed strings can be stored`));
  it('a map key that is a boolean', () =>
    rejects(write(new Map([[true, 1]])), "bin 'a': map key of type boolean is not allowed: map keys must be integers (number, bigint or BN, signed 64-bit), strings or bytes (Buffer/Uint8Array)"));
  it('setToGeoJson of text that is not JSON', () => rejects(() => session().upsert(k).bin('g').setToGeoJson('not json'), /^setToGeoJson: not valid JSON \(.+\)$/));
  it('setToGeoJson of a JSON number', () => rejects(() => session().upsert(k).bin('g').setToGeoJson('5'), 'setToGeoJson: GeoJSON is an object with a "type" (Point, Polygon, AeroCircle, …)'));
  it('setToGeoJson of an object without a type', () => rejects(() => session().upsert(k).bin('g').setToGeoJson({ coordinates: [0, 0] }), 'setToGeoJson: GeoJSON is an object with a "type" (Point, Polygon, AeroCircle, …)'));
  it('setToGeoJson of an object containing itself', () => rejects(() => session().upsert(k).bin('g').setToGeoJson(circularMap()), /^setToGeoJson: not valid JSON \(.+\)$/));
  it('setToGeoJson of a number', () => rejects(() => session().upsert(k).bin('g').setToGeoJson(bad(5)), 'setToGeoJson: pass GeoJSON text or an object, got number'));
});
