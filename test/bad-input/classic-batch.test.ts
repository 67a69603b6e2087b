import { InvalidArgError, OPERATOR_READ, predicates, type Key } from '@aerospike-ts/classic';
import { bad, useClassic } from './helpers/setup';

// Classic front end: batches, queries, indexes, UDFs and info with bad arguments.

const env = useClassic();
const rejects = (call: () => unknown, message: string | RegExp): Promise<Error> => env.wire.expectRejected(call, InvalidArgError, message);
const K: Key = ['test', 'bad_batch', 1];
const LONG_NS = 'n'.repeat(32);
const LONG_BIN = 'b'.repeat(16);

describe('classic: empty and malformed batches', () => {
  it('batch_read of 0 keys', () => rejects(() => env.client.batch_read([]), 'a batch needs a non-empty list of keys'));
  it('batch_read of 0 keys, existence only', () => rejects(() => env.client.batch_read([], []), 'a batch needs a non-empty list of keys'));
  it('batch_remove of 0 keys', () => rejects(() => env.client.batch_remove([]), 'a batch needs a non-empty list of keys'));
  it('batch_operate of 0 keys', () => rejects(() => env.client.batch_operate([], [{ op: OPERATOR_READ, bin: 'a' }]), 'a batch needs a non-empty list of keys'));
  it('batch_apply of 0 keys', () => rejects(() => env.client.batch_apply([], 'mod', 'fn'), 'a batch needs a non-empty list of keys'));
  it('batch_write of 0 records', () => rejects(() => env.client.batch_write([]), 'batch_write needs a non-empty list of [key, bins] tuples'));
  it('batch_read keys a string', () => rejects(() => env.client.batch_read(bad('k1,k2')), 'batch_read: keys must be a list of keys, got string'));
  it('batch_write records a dict', () => rejects(() => env.client.batch_write(bad({})), 'batch_write needs a list of [key, bins] tuples'));
  it('batch_write entry of 1', () => rejects(() => env.client.batch_write([bad([K])]), 'batch_write: records[0] must be [key, bins] or [key, bins, meta]'));
  it('batch_read bins a string', () => rejects(() => env.client.batch_read([K], bad('a')), 'batch_read: bins must be a list of bin names, got string'));
  it('batch_apply module a number', () => rejects(() => env.client.batch_apply([K], bad(1), 'fn'), 'batch_apply: module must be a string, got number 1'));
  it('batch_apply args a string', () => rejects(() => env.client.batch_apply([K], 'mod', 'fn', bad('x')), 'batch_apply: args must be a list of arguments, got string'));
  it('batch_apply an empty module name', () => rejects(() => env.client.batch_apply([K], '', 'fn'), 'batch record 0: UDF module name must not be empty'));
});

describe('classic: queries and scans', () => {
  it('query: namespace too long', () => rejects(() => env.client.query(LONG_NS, 'demo').results(), `namespace "${LONG_NS}" is 32 bytes long; the limit is 31 bytes`));
  it('scan: set name too long', () => rejects(() => env.client.scan('test', 's'.repeat(64)).results(), `set name "${'s'.repeat(64)}" is 64 bytes long; the limit is 63 bytes`));
  it('query: namespace a number', () => rejects(() => env.client.query(bad(1), 'demo'), 'query: namespace must be a string, got number 1'));
  it('query.select: a bin name too long', () => {
    const q = env.client.query('test', 'demo');
    q.select(LONG_BIN);
    return rejects(() => q.results(), `bin name "${LONG_BIN}" is 16 bytes long; the limit is 15 bytes`);
  });
  it('query.where: not a predicate', () => rejects(() => env.client.query('test', 'demo').where(bad('age > 1')), 'where() takes a predicate from aerospike.predicates'));
  it('predicates.between on a bin name too long', () => rejects(() => predicates.between(LONG_BIN, 1, 2), `bin name "${LONG_BIN}" is 16 bytes long; the limit is 15 bytes`));
  it('query.foreach: callback not a function', () => rejects(() => env.client.query('test', 'demo').foreach(bad(5)), 'foreach: callback must be a function, got number 5'));
  it('query: partition_filter beyond 4096 partitions', () => rejects(() => env.client.query('test', 'demo').results({ partition_filter: { begin: 4000, count: 200 } }), 'partition count must be 1..96, got 200'));
});

describe('classic: indexes, UDFs, truncate and info', () => {
  it('index_integer_create: bin name too long', () => rejects(() => env.client.index_integer_create('test', 'demo', LONG_BIN, 'idx'), `bin name "${LONG_BIN}" is 16 bytes long; the limit is 15 bytes`));
  it('index_string_create: namespace too long', () => rejects(() => env.client.index_string_create(LONG_NS, 'demo', 'b', 'idx'), `namespace "${LONG_NS}" is 32 bytes long; the limit is 31 bytes`));
  it('index_string_create: empty index name', () => rejects(() => env.client.index_string_create('test', 'demo', 'b', ''), 'index name must not be empty'));
  it('index_list_create: unknown data type', () => rejects(() => env.client.index_list_create('test', 'demo', 'b', 9, 'idx'), 'index_datatype must be INDEX_NUMERIC, INDEX_STRING, INDEX_BLOB or INDEX_GEO2DSPHERE (0-3), got 9'));
  it('index_remove: namespace empty', () => rejects(() => env.client.index_remove('', 'idx'), 'namespace must not be empty'));
  it('truncate: namespace too long', () => rejects(() => env.client.truncate(LONG_NS, null), `namespace "${LONG_NS}" is 32 bytes long; the limit is 31 bytes`));
  it('truncate: set name with a lone surrogate', () => rejects(() => env.client.truncate('test', '\uD800'), 'set name "\\ud800" is not valid UTF-8 (it has a lone surrogate)'));
  it('apply: empty module name', () => rejects(() => env.client.apply(K, '', 'fn'), 'UDF module name must not be empty'));
  it('apply: function name of 200 bytes', () => rejects(() => env.client.apply(K, 'mod', 'f'.repeat(200)), `UDF function name "${'f'.repeat(200)}" is 200 bytes long; the limit is 127 bytes`));
  it('udf_remove: module a number', () => rejects(() => env.client.udf_remove(bad(7)), 'udf_remove: module must be a string, got number 7'));
  it('info_single_node: host a number', () => rejects(() => env.client.info_single_node('build', bad(5)), 'info_single_node: host must be "address:port" or [address, port], got number'));
  it('info_single_node: no such node', () => rejects(() => env.client.info_single_node('build', 'nope'), /^info: no node 'nope' in the cluster \(nodes: BB9000000000001 127\.0\.0\.1:\d+\)$/));
});
