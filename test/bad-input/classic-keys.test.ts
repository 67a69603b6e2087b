import { InvalidArgError, type Key } from '@aerospike-ts/classic';
import { bad, useClassic } from './helpers/setup';

// Classic front end: wrong key tuples. Each call fails with InvalidArgError naming the
// method, the argument and the fix, and nothing reaches the wire.

const env = useClassic();
const rejects = (call: () => unknown, message: string | RegExp): Promise<Error> => env.wire.expectRejected(call, InvalidArgError, message);
const SHAPE = 'must be a tuple [namespace, set, userKey] (optionally with a digest)';

describe('classic: key tuple shape', () => {
  it('a tuple of 2', () => rejects(() => env.client.put(bad<Key>(['test', 'demo']), { a: 1 }), `put: key ${SHAPE}, got a list of 2`));
  it('a tuple of 5', () => rejects(() => env.client.get(bad<Key>(['test', 'demo', 1, Buffer.alloc(20), 1])), `get: key ${SHAPE}, got a list of 5`));
  it('a string instead of a tuple', () => rejects(() => env.client.exists(bad<Key>('test:demo:1')), `exists: key ${SHAPE}, got string`));
  it('null instead of a tuple', () => rejects(() => env.client.remove(bad<Key>(null)), `remove: key ${SHAPE}, got null`));
  it('an object instead of a tuple', () => rejects(() => env.client.touch(bad<Key>({ ns: 'test', set: 'demo', key: 1 })), `touch: key ${SHAPE}, got object`));
});

describe('classic: namespace', () => {
  it('missing (undefined)', () => rejects(() => env.client.get(bad<Key>([undefined, 'demo', 1])), 'get: key: namespace must be a string, got undefined'));
  it('a number', () => rejects(() => env.client.select(bad<Key>([7, 'demo', 1]), ['a']), 'select: key: namespace must be a string, got number'));
  it('empty', () => rejects(() => env.client.put(['', 'demo', 1], { a: 1 }), 'put: key: namespace must not be empty'));
  it('32 bytes (limit 31)', () => rejects(() => env.client.put(['n'.repeat(32), 'demo', 1], { a: 1 }), `put: key: namespace "${'n'.repeat(32)}" is 32 bytes long; the limit is 31 bytes`));
  it('16 two-byte characters = 32 bytes', () => rejects(() => env.client.get(['é'.repeat(16), 'demo', 1]), `get: key: namespace "${'é'.repeat(16)}" is 32 bytes long; the limit is 31 bytes`));
  it('a lone surrogate', () => rejects(() => env.client.get(['te\uD800', 'demo', 1]), 'get: key: namespace "te\\ud800" is not valid UTF-8 (it has a lone surrogate)'));
});

describe('classic: set name', () => {
  it('64 bytes (limit 63)', () => rejects(() => env.client.put(['test', 's'.repeat(64), 1], { a: 1 }), `put: key: set name "${'s'.repeat(64)}" is 64 bytes long; the limit is 63 bytes`));
  it('a lone surrogate', () => rejects(() => env.client.put(['test', 'a\uDC00', 1], { a: 1 }), 'put: key: set name "a\\udc00" is not valid UTF-8 (it has a lone surrogate)'));
  it('a number', () => rejects(() => env.client.put(bad<Key>(['test', 5, 1]), { a: 1 }), 'put: key: set must be a string or null, got number'));
});

describe('classic: user key', () => {
  it('an object', () => rejects(() => env.client.put(bad<Key>(['test', 'demo', { id: 1 }]), { a: 1 }), 'put: key: user key must be a string, an integer or bytes; got object'));
  it('a boolean', () => rejects(() => env.client.get(bad<Key>(['test', 'demo', true])), 'get: key: user key must be a string, an integer or bytes; got boolean'));
  it('a list', () => rejects(() => env.client.get(bad<Key>(['test', 'demo', [1]])), 'get: key: user key must be a string, an integer or bytes; got array'));
  it('a float', () => rejects(() => env.client.get(['test', 'demo', 1.5]), 'get: key: user key must be an integer, a string or bytes; got the number 1.5'));
  it('NaN', () => rejects(() => env.client.get(['test', 'demo', NaN]), 'get: key: user key must be an integer, a string or bytes; got the number NaN'));
  it('a bigint of 2^63 (beyond int64)', () => rejects(() => env.client.put(['test', 'demo', 2n ** 63n], { a: 1 }), 'put: key: user key: integer 9223372036854775808 is outside the signed 64-bit range'));
  it('a bigint below -2^63', () => rejects(() => env.client.put(['test', 'demo', -(2n ** 63n) - 1n], { a: 1 }), 'put: key: user key: integer -9223372036854775809 is outside the signed 64-bit range'));
  it('the number 2^64', () => rejects(() => env.client.get(['test', 'demo', 2 ** 64]), 'get: key: user key: integer 18446744073709551616 is outside the signed 64-bit range'));
  it('a string with a lone surrogate', () => rejects(() => env.client.put(['test', 'demo', 'k\uD800'], { a: 1 }), 'put: key: user key string is not valid UTF-8 (it has a lone surrogate)'));
  it('null without a digest', () => rejects(() => env.client.get(['test', 'demo', null]), 'get: key: a key needs a user key or a digest'));
});

describe('classic: digest', () => {
  it('19 bytes', () => rejects(() => env.client.get(['test', 'demo', null, Buffer.alloc(19)]), 'get: key: digest must be 20 bytes, got Buffer of 19 bytes'));
  it('21 bytes', () => rejects(() => env.client.remove(['test', 'demo', null, new Uint8Array(21)]), 'remove: key: digest must be 20 bytes, got Uint8Array of 21 bytes'));
  it('a hex string', () => rejects(() => env.client.get(bad<Key>(['test', 'demo', null, 'ab'.repeat(20)])), 'get: key: digest must be 20 bytes (a Buffer or Uint8Array), got string'));
});

describe('classic: keys in other verbs name the verb', () => {
  const k = bad<Key>(['test', 'demo']);
  it('append', () => rejects(() => env.client.append(k, 'a', 'x'), `append: key ${SHAPE}, got a list of 2`));
  it('prepend', () => rejects(() => env.client.prepend(k, 'a', 'x'), `prepend: key ${SHAPE}, got a list of 2`));
  it('increment', () => rejects(() => env.client.increment(k, 'a', 1), `increment: key ${SHAPE}, got a list of 2`));
  it('operate', () => rejects(() => env.client.operate(['', 'demo', 1], [{ op: 1, bin: 'a' }]), 'operate: key: namespace must not be empty'));
  it('operate_ordered', () => rejects(() => env.client.operate_ordered(k, [{ op: 1, bin: 'a' }]), `operate_ordered: key ${SHAPE}, got a list of 2`));
  it('apply', () => rejects(() => env.client.apply(['test', 'demo', 1.25], 'mod', 'fn'), 'apply: key: user key must be an integer, a string or bytes; got the number 1.25'));
  it('batch_read names the bad index', () => rejects(() => env.client.batch_read([['test', 'demo', 1], ['n'.repeat(32), 'demo', 2]]), `batch_read: keys[1]: namespace "${'n'.repeat(32)}" is 32 bytes long; the limit is 31 bytes`));
  it('batch_remove', () => rejects(() => env.client.batch_remove([k]), `batch_remove: keys[0] ${SHAPE}, got a list of 2`));
  it('batch_operate', () => rejects(() => env.client.batch_operate([['test', 'demo', {} as never]], [{ op: 1, bin: 'a' }]), 'batch_operate: keys[0]: user key must be a string, an integer or bytes; got object'));
  it('batch_apply', () => rejects(() => env.client.batch_apply([['test', 'demo', null]], 'mod', 'fn'), 'batch_apply: keys[0]: a key needs a user key or a digest'));
  it('batch_write', () => rejects(() => env.client.batch_write([[k, { a: 1 }]]), `batch_write: records[0] key ${SHAPE}, got a list of 2`));
});
