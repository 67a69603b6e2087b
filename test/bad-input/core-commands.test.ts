import { AelError, Exp, ExpOp, IndexFilter, InvalidArgumentError, Key, Op, parseAel, PartitionFilter, Txn } from '@aerospike-ts/core';
import { bad, circularList, circularMap, Point, useCore } from './helpers/setup';

// Core: the single-record, query and admin commands with bad arguments.

const env = useCore();
const rejects = (call: () => unknown, message: string | RegExp): Promise<Error> => env.wire.expectRejected(call, InvalidArgumentError, message);
const k = new Key('test', 'bad_core', 1);
const LONG = 'b'.repeat(16);
const LONG_NS = 'n'.repeat(32);
const VALUES = 'use null, boolean, number, bigint, string, bytes, list, map, GeoJSON or HLL';
const CIRCULAR = 'circular structure (the value contains itself); only trees of values can be written';

describe('core: keys', () => {
  it('namespace 32 bytes', () => rejects(() => new Key(LONG_NS, 'x', 1), `namespace "${LONG_NS}" is 32 bytes long; the limit is 31 bytes`));
  it('namespace null', () => rejects(() => new Key(bad(null), 'x', 1), 'namespace must be a string, got null'));
  it('namespace a lone surrogate', () => rejects(() => new Key('\uDC00', 'x', 1), 'namespace "\\udc00" is not valid UTF-8 (it has a lone surrogate)'));
  it('set name 64 bytes', () => rejects(() => new Key('test', 's'.repeat(64), 1), `set name "${'s'.repeat(64)}" is 64 bytes long; the limit is 63 bytes`));
  it('set name a number', () => rejects(() => new Key('test', bad(5), 1), 'set name must be a string, got number'));
  it('user key a symbol', () => rejects(() => new Key('test', 'x', bad(Symbol('k'))), 'user key must be a string, an integer or bytes; got symbol'));
  it('user key 2^64', () => rejects(() => new Key('test', 'x', 2 ** 64), 'user key: integer 18446744073709551616 is outside the signed 64-bit range'));
  it('digest 21 bytes', () => rejects(() => new Key('test', 'x', null, Buffer.alloc(21)), 'digest must be 20 bytes, got Buffer of 21 bytes'));
  it('fromDigest a string', () => rejects(() => Key.fromDigest('test', 'x', bad('00'.repeat(20))), 'digest must be 20 bytes, got string'));
  it('a classic tuple instead of a Key', () => rejects(() => env.client.put(bad(['test', 'x', 1]), { a: 1 }), 'key must be a Key (new Key(namespace, set, userKey)), got array'));
  it('a plain object instead of a Key', () => rejects(() => env.client.get(bad({ namespace: 'test', set: 'x', userKey: 1 })), 'key must be a Key (new Key(namespace, set, userKey)), got object'));
  it('a digest instead of a Key', () => rejects(() => env.client.remove(bad(k.digest)), 'key must be a Key (new Key(namespace, set, userKey)), got Buffer'));
});

describe('core: bins and values', () => {
  it('bins null', () => rejects(() => env.client.put(k, bad(null)), 'bins must be a plain object of bin name → value, got null'));
  it('bins an array', () => rejects(() => env.client.put(k, bad([1])), 'bins must be a plain object of bin name → value, got array'));
  it('no bins', () => rejects(() => env.client.put(k, {}), 'a put needs at least one bin'));
  it('bins a Map', () => rejects(() => env.client.put(k, bad(new Map([['a', 1]]))), 'bins must be a plain object of bin name → value, got Map'));
  it('bins a class instance', () => rejects(() => env.client.put(k, bad(new Point(1, 2))), 'bins must be a plain object of bin name → value, got Point'));
  it('bins a string', () => rejects(() => env.client.put(k, bad('a=1')), 'bins must be a plain object of bin name → value, got string'));
  it('a bin name of 16 bytes', () => rejects(() => env.client.put(k, { [LONG]: 1 }), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('get of an empty bin name', () => rejects(() => env.client.get(k, ['']), 'bin name must not be empty'));
  it('get with bins a string', () => rejects(() => env.client.get(k, bad('a')), 'bin names must be an array of strings, got string'));
  it('a function', () => rejects(() => env.client.put(k, { a: bad(() => 1) }), `bin 'a': unsupported value type function; ${VALUES}`));
  it('a class instance', () => rejects(() => env.client.put(k, { a: bad(new Point(1, 2)) }), `bin 'a': unsupported value type Point; ${VALUES}`));
  it('undefined', () => rejects(() => env.client.put(k, { a: bad(undefined) }), "bin 'a' is undefined; use null to remove a bin"));
  it('a list containing itself', () => rejects(() => env.client.put(k, { a: bad(circularList()) }), `bin 'a'[1]: ${CIRCULAR}`));
  it('a map containing itself', () => rejects(() => env.client.put(k, { a: bad(circularMap()) }), `bin 'a'.self: ${CIRCULAR}`));
  it('2^63', () => rejects(() => env.client.put(k, { a: 2n ** 63n }), "bin 'a': integer 9223372036854775808 is outside the signed 64-bit range"));
  it('a lone surrogate', () => rejects(() => env.client.put(k, { a: '\uD800' }), "bin 'a': string is not valid UTF-8 (it has a lone surrogate)"));
  it('UDF arguments not a list', () => rejects(() => env.client.apply(k, 'mod', 'fn', bad('x')), 'UDF arguments must be an array, got string'));
  it('UDF module name of 200 bytes', () => rejects(() => env.client.apply(k, 'm'.repeat(200), 'fn'), `UDF module name "${'m'.repeat(200)}" is 200 bytes long; the limit is 127 bytes`));
});

describe('core: policies', () => {
  it('a string', () => rejects(() => env.client.put(k, { a: 1 }, bad('fast')), 'write policy must be an object, got string'));
  it('ttl a string', () => rejects(() => env.client.put(k, { a: 1 }, { ttl: bad('1') }), "write policy: 'ttl' must be an integer from -2 to 4294967294, got string"));
  it('ttl -3', () => rejects(() => env.client.put(k, { a: 1 }, { ttl: -3 }), "write policy: 'ttl' must be an integer from -2 to 4294967294, got -3"));
  it('ttl 2^32 - 1', () => rejects(() => env.client.touch(k, { ttl: 2 ** 32 - 1 }), "write policy: 'ttl' must be an integer from -2 to 4294967294, got 4294967295"));
  it('generation -1', () => rejects(() => env.client.put(k, { a: 1 }, { generation: -1 }), "write policy: 'generation' must be an integer from 0 to 4294967295, got -1"));
  it('totalTimeout NaN', () => rejects(() => env.client.get(k, null, { totalTimeout: NaN }), "read policy: 'totalTimeout' must be an integer from 0 to 4294967295, got NaN"));
  it('socketTimeout negative', () => rejects(() => env.client.exists(k, { socketTimeout: -1 }), "read policy: 'socketTimeout' must be an integer from 0 to 4294967295, got -1"));
  it('exists 7', () => rejects(() => env.client.put(k, { a: 1 }, { exists: bad(7) }), "write policy: 'exists' must be an integer from 0 to 4, got 7"));
  it('an unknown option', () => rejects(() => env.client.remove(k, bad({ timeout: 5 })), "write policy: unknown option 'timeout'"));
  it('filterExpression a string', () => rejects(() => env.client.get(k, null, { filterExpression: bad('$.a > 1') }), "read policy: 'filterExpression' must be an expression or its packed bytes, got string"));
  it('query policy NaN', () => rejects(() => env.client.query({ namespace: 'test', set: 'x' }, { totalTimeout: NaN }), "query policy: 'totalTimeout' must be an integer from 0 to 4294967295, got NaN"));
});

describe('core: operations and expressions', () => {
  it('operate with no operations', () => rejects(() => env.client.operate(k, []), 'operate needs a non-empty list of operations'));
  it('operate with null', () => rejects(() => env.client.operate(k, [bad(null)]), 'operation 0: unknown operation null'));
  it('operate with an unknown op type', () => rejects(() => env.client.operate(k, [bad({ op: 99, bin: 'a' })]), 'operation 0: unknown operation type 99'));
  it('Op.write on an empty bin name', () => rejects(() => Op.write('', 1), 'bin name must not be empty'));
  it('Op.add of a string', () => rejects(() => Op.add('a', bad('1')), "increment of bin 'a' needs a number, got string"));
  it('Op.append of a number', () => rejects(() => Op.append('a', bad(1)), "append to bin 'a' needs a string or bytes, got number"));
  it('operate writing a circular value', () => rejects(() => env.client.operate(k, [Op.write('a', bad(circularList()))]), `bin 'a'[1]: ${CIRCULAR}`));
  it('ExpOp.read on an empty bin name, at operate', () => rejects(() => env.client.operate(k, [ExpOp.read('', Exp.build(Exp.val(1)))]), 'bin name must not be empty'));
  it('ExpOp.read on an empty bin name, when built', () => rejects(() => ExpOp.read('', Exp.build(Exp.val(1))), 'bin name must not be empty'));
  it('ExpOp.write on a bin name too long, when built', () => rejects(() => ExpOp.write(LONG, Exp.build(Exp.val(1))), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('AEL that does not parse', () => env.wire.expectRejected(() => parseAel('$.a =='), AelError, /^expected a value but found the end at column 7\n/));
  it('Exp on a bin name too long', () => rejects(() => Exp.intBin(LONG), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('Exp.val of a circular list', () => rejects(() => Exp.build(Exp.val(bad(circularList()))), `expression value[1]: ${CIRCULAR}`));
});

describe('core: queries and admin', () => {
  it('namespace too long', () => rejects(() => env.client.query({ namespace: LONG_NS, set: 'x' }), `namespace "${LONG_NS}" is 32 bytes long; the limit is 31 bytes`));
  it('bins too long, found when iterating', () =>
    rejects(async () => {
      for await (const r of env.client.query({ namespace: 'test', set: 'x', bins: [LONG] })) void r;
    }, `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('filter not an IndexFilter', () => rejects(() => env.client.query({ namespace: 'test', set: 'x', filter: bad('age > 1') }), 'query filter must be an IndexFilter, got string'));
  it('IndexFilter on a bin name too long', () => rejects(() => IndexFilter.range(LONG, 1, 2), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('PartitionFilter beyond the last partition', () => rejects(() => PartitionFilter.range(4000, 200), 'partition count must be 1..96, got 200'));
  it('scan of an empty namespace', () => rejects(() => env.client.scan(''), 'namespace must not be empty'));
  it('truncate before a negative time', () => rejects(() => env.client.truncate('test', 'x', -1n), 'truncate: beforeNanos must be a non-negative integer (nanoseconds since 1970), got -1'));
  it('createIndex on a bin name too long', () => rejects(() => env.client.createIndex({ namespace: 'test', set: 'x', name: 'i', bin: LONG, type: 'NUMERIC' }), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('createIndex without a name', () => rejects(() => env.client.createIndex({ namespace: 'test', set: 'x', name: '', bin: 'b', type: 'NUMERIC' }), 'index name must not be empty'));
  it('dropIndex in a namespace too long', () => rejects(() => env.client.dropIndex(LONG_NS, 'i'), `namespace "${LONG_NS}" is 32 bytes long; the limit is 31 bytes`));
  it('registerUdf with an empty name', () => rejects(() => env.client.registerUdf('', 'x'), 'UDF module name must not be empty'));
  it('info on an unknown node', () => rejects(() => env.client.info('build', { node: 'nope' }), /^info: no node 'nope' in the cluster \(nodes: BB9000000000001 127\.0\.0\.1:\d+\)$/));
});

describe('core: keys from two namespaces in one transaction', () => {
  const ONE_NS = "a transaction uses one namespace: it started in 'test', a command used 'bar'";
  it('a batch mixing namespaces', () =>
    rejects(() => env.client.batch([{ type: 'read', key: new Key('test', 'x', 1) }, { type: 'read', key: new Key('bar', 'x', 1) }], { txn: new Txn() }), ONE_NS));
  it('a write in another namespace than the transaction', () => {
    const txn = new Txn();
    txn.setNamespace('test');
    return rejects(() => env.client.put(new Key('bar', 'x', 1), { a: 1 }, { txn }), ONE_NS);
  });
  it('a read in another namespace than the transaction', () => {
    const txn = new Txn();
    txn.setNamespace('test');
    return rejects(() => env.client.get(new Key('bar', 'x', 1), null, { txn }), ONE_NS);
  });
  it('a negative transaction timeout', () => rejects(() => new Txn({ timeoutSeconds: -1 }), 'transaction timeoutSeconds must be a non-negative integer, got -1'));
  it('a transaction id of 0', () => rejects(() => new Txn({ id: 0n }), 'a transaction id must be a non-zero bigint'));
});
