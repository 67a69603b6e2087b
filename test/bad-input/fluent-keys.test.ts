import { Key as CoreKey, InvalidArgumentError } from '@aerospike-ts/core';
import { Behavior, DataSet, type Key, type Session } from '@aerospike-ts/fluent';
import { bad, useFluent } from './helpers/setup';

// Fluent front end: datasets and keys. Everything fails where the chain is built,
// with InvalidArgumentError, and nothing reaches the wire.

const env = useFluent();
const rejects = (call: () => unknown, message: string | RegExp): Promise<Error> => env.wire.expectRejected(call, InvalidArgumentError, message);
const ds = DataSet.of('test', 'bad_fluent_keys');
const other = DataSet.of('bar', 'bad_fluent_keys');
const session = (): Session => env.client.createSession(Behavior.DEFAULT);

describe('fluent: dataset names', () => {
  it('namespace of 32 bytes', () => rejects(() => DataSet.of('n'.repeat(32), 'demo'), `namespace "${'n'.repeat(32)}" is 32 bytes long; the limit is 31 bytes`));
  it('set name of 64 bytes', () => rejects(() => DataSet.of('test', 's'.repeat(64)), `set name "${'s'.repeat(64)}" is 64 bytes long; the limit is 63 bytes`));
  it('set name of 32 two-byte characters', () => rejects(() => DataSet.of('test', 'ü'.repeat(32)), `set name "${'ü'.repeat(32)}" is 64 bytes long; the limit is 63 bytes`));
  it('namespace with a lone surrogate', () => rejects(() => DataSet.of('t\uD800', 'demo'), 'namespace "t\\ud800" is not valid UTF-8 (it has a lone surrogate)'));
  it('set name with a lone surrogate', () => rejects(() => DataSet.of('test', '\uDC00x'), 'set name "\\udc00x" is not valid UTF-8 (it has a lone surrogate)'));
  it('empty namespace', () => rejects(() => DataSet.of('', 'demo'), 'namespace must not be empty'));
  it('namespace a number', () => rejects(() => DataSet.of(bad(1), 'demo'), 'namespace must be a string, got number'));
  it('set name a number', () => rejects(() => DataSet.of('test', bad(1)), 'set name must be a string, got number'));
});

describe('fluent: user keys', () => {
  it('an object', () => rejects(() => ds.id(bad({ id: 1 })), 'user key must be a string, an integer or bytes; got object'));
  it('a boolean', () => rejects(() => ds.id(bad(false)), 'user key must be a string, an integer or bytes; got boolean'));
  it('a float', () => rejects(() => ds.id(1.5), 'user key must be an integer, a string or bytes; got the number 1.5'));
  it('Infinity', () => rejects(() => ds.id(Infinity), 'user key must be an integer, a string or bytes; got the number Infinity'));
  it('2^63 as a bigint', () => rejects(() => ds.id(2n ** 63n), 'user key: integer 9223372036854775808 is outside the signed 64-bit range'));
  it('-2^63 - 1 as a bigint', () => rejects(() => ds.id(-(2n ** 63n) - 1n), 'user key: integer -9223372036854775809 is outside the signed 64-bit range'));
  it('undefined', () => rejects(() => ds.id(bad(undefined)), 'a key needs a user key or a digest'));
  it('a string with a lone surrogate', () => rejects(() => ds.id('id\uD800'), 'user key string is not valid UTF-8 (it has a lone surrogate)'));
  it('ids(): the second one bad', () => rejects(() => ds.ids(1, bad({})), 'user key must be a string, an integer or bytes; got object'));
  it('idFromDigest: 19 bytes', () => rejects(() => ds.idFromDigest(Buffer.alloc(19)), 'digest must be 20 bytes, got Buffer of 19 bytes'));
  it('idFromDigest: 21 bytes', () => rejects(() => ds.idFromDigest(new Uint8Array(21)), 'digest must be 20 bytes, got Uint8Array of 21 bytes'));
  it('idFromDigest: a hex string', () => rejects(() => ds.idFromDigest(bad('ab'.repeat(20))), 'idFromDigest needs the 20-byte digest'));
});

describe('fluent: no keys', () => {
  it('upsert()', () => rejects(() => session().upsert(), 'upsert() needs at least one key'));
  it('insert() of an empty array', () => rejects(() => session().insert([]), 'insert() needs at least one key'));
  it('update()', () => rejects(() => session().update(), 'update() needs at least one key'));
  it('delete()', () => rejects(() => session().delete(), 'delete() needs at least one key'));
  it('touch()', () => rejects(() => session().touch(), 'touch() needs at least one key'));
  it('exists()', () => rejects(() => session().exists(), 'exists() needs at least one key'));
  it('query()', () => rejects(() => session().query(), 'read() needs at least one key'));
  it('executeUdf()', () => rejects(() => session().executeUdf(), 'executeUdf() needs at least one key'));
});

describe('fluent: keys from two namespaces in one command', () => {
  it('upsert', () => rejects(() => session().upsert(ds.id(1), other.id(1)), 'upsert(): all keys must be in one namespace'));
  it('delete', () => rejects(() => session().delete(ds.id(1), other.id(2)), 'delete(): all keys must be in one namespace'));
  it('exists, keys given as an array', () => rejects(() => session().exists([ds.id(1), other.id(1)]), 'exists(): all keys must be in one namespace'));
  it('query(keys)', () => rejects(() => session().query(ds.id(1), ds.id(2), other.id(3)), 'read(): all keys must be in one namespace'));
  it('replace', () => rejects(() => session().replace(other.id(1), ds.id(1)), 'replace(): all keys must be in one namespace'));
});

describe('fluent: things that are not keys', () => {
  it('upsert of a string', () => rejects(() => session().upsert(bad<Key>('test:demo:1')), 'upsert(): keys[0] must be a Key (DataSet.id(…)), got string'));
  it('upsert of a classic tuple', () => rejects(() => session().upsert(bad<Key>(['test', 'demo', 1])), 'upsert(): keys[0] must be a Key (DataSet.id(…)), got array'));
  it('delete of a key and a number', () => rejects(() => session().delete(ds.id(1), bad<Key>(2)), 'delete(): keys[1] must be a Key (DataSet.id(…)), got number'));
  it('exists of an array holding a key and null', () => rejects(() => session().exists([ds.id(1), bad<Key>(null)]), 'exists(): keys[0][1] must be a Key (DataSet.id(…)), got null'));
  it('query of a digest', () => rejects(() => session().query(bad<Key>(ds.id(1).digest)), 'read(): keys[0] must be a Key (DataSet.id(…)), got Buffer'));
  it('get of a core Key', () => rejects(() => session().get(bad<Key>(new CoreKey('test', 'bad_fluent_keys', 1))), 'get(): keys[0] must be a Key (DataSet.id(…)), got a Key of @aerospike-ts/core (wrap it: new Key(coreKey))'));
  it('put of undefined', () => rejects(() => session().put(bad<Key>(undefined), { a: 1 }), 'put(): keys[0] must be a Key (DataSet.id(…)), got undefined'));
  it('executeUdf of a string', () => rejects(() => session().executeUdf(bad<Key>('k')), 'executeUdf(): keys[0] must be a Key (DataSet.id(…)), got string'));
  it('a batch entry of a tuple', () => rejects(() => session().batch().upsert(bad<Key>(['test', 'demo', 1])), 'batch().upsert(): key must be a Key (DataSet.id(…)), got array'));
  it('query(dataset, key)', () => rejects(() => session().query(bad<Key>(ds), ds.id(1)), 'query(dataset) takes one dataset and no keys'));
});
