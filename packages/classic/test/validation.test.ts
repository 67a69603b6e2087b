import { ResultCode } from '@aerospike-ts/core';
import { FakeNode } from '../../core/test/helpers/fake-node';
import * as aerospike from '../src/index';
import type { AsyncClient } from '../src/client';

// Every public method with bad input: an InvalidArgError naming the argument, raised
// before anything reaches the node (the fake node counts every request it receives).

let node: FakeNode;
let client: AsyncClient;

beforeAll(async () => {
  node = await FakeNode.start();
  client = await aerospike.client({ hosts: [['127.0.0.1', node.port]] }).connect();
});

afterAll(async () => {
  await client.close();
  await node.stop();
});

const KEY: aerospike.Key = ['test', 'demo', 'k1'];
const BAD_KEY = ['test', 'demo'] as unknown as aerospike.Key;
const bad = <T>(v: unknown): T => v as T;

type Case = readonly [name: string, call: (c: AsyncClient) => unknown, message: RegExp];

const CASES: readonly Case[] = [
  ['put: key shape', (c) => c.put(BAD_KEY, { a: 1 }), /key must be a tuple \[namespace, set, userKey\]/],
  ['put: key not a list', (c) => c.put(bad('test:demo:k1'), { a: 1 }), /key must be a tuple.*got string/],
  ['put: set type', (c) => c.put(bad(['test', 5, 'k']), { a: 1 }), /set must be a string or null/],
  ['put: bins not a dict', (c) => c.put(KEY, bad(5)), /bins must be a dict/],
  ['put: bin value type', (c) => c.put(KEY, { a: Symbol('x') }), /bin 'a'/],
  ['put: meta not a dict', (c) => c.put(KEY, { a: 1 }, bad('ttl')), /meta must be a dict/],
  ['put: meta ttl type', (c) => c.put(KEY, { a: 1 }, bad({ ttl: '60' })), /'ttl' must be an integer/],
  ['put: meta ttl range', (c) => c.put(KEY, { a: 1 }, { ttl: -7 }), /'ttl' must be -3 or more/],
  ['put: meta gen range', (c) => c.put(KEY, { a: 1 }, { gen: -1 }), /'gen' must be a generation/],
  ['put: unknown policy key', (c) => c.put(KEY, { a: 1 }, null, bad({ timeout: 5 })), /write policy: unknown key 'timeout'/],
  ['put: exists constant', (c) => c.put(KEY, { a: 1 }, null, bad({ exists: 9 })), /'exists' must be one of 0, 1, 2, 3, 4/],
  ['put: gen constant', (c) => c.put(KEY, { a: 1 }, null, bad({ gen: 3 })), /'gen' must be one of 0, 1, 2/],
  ['put: key constant', (c) => c.put(KEY, { a: 1 }, null, bad({ key: 2 })), /'key' must be one of 0, 1/],
  ['put: commit level constant', (c) => c.put(KEY, { a: 1 }, null, bad({ commit_level: 5 })), /'commit_level' must be one of 0, 1/],
  ['put: durable_delete type', (c) => c.put(KEY, { a: 1 }, null, bad({ durable_delete: 1 })), /'durable_delete' must be a boolean/],
  ['put: negative timeout', (c) => c.put(KEY, { a: 1 }, null, { total_timeout: -1 }), /'total_timeout' must be 0 or more/],
  ['put: filter expression type', (c) => c.put(KEY, { a: 1 }, null, bad({ filter_expression: 42 })), /'filter_expression' must be an expression/],
  ['put: filter expression AEL', (c) => c.put(KEY, { a: 1 }, null, { filter_expression: '$.a >' }), /AEL|expected/i],
  ['get: key', (c) => c.get(BAD_KEY), /key must be a tuple/],
  ['get: policy', (c) => c.get(KEY, bad({ exists: 1 })), /read policy: unknown key 'exists'/],
  ['get: replica constant', (c) => c.get(KEY, bad({ replica: 7 })), /'replica' must be one of 0, 1, 2/],
  ['get: read_mode_ap constant', (c) => c.get(KEY, bad({ read_mode_ap: 4 })), /'read_mode_ap' must be one of 0, 1/],
  ['get: read_touch_ttl_percent range', (c) => c.get(KEY, { read_touch_ttl_percent: 101 }), /-1\.\.100/],
  ['select: bins not a list', (c) => c.select(KEY, bad('a')), /bins must be a list of bin names/],
  ['select: bin name type', (c) => c.select(KEY, bad(['a', 1])), /bins\[1\] must be a string/],
  ['exists: key', (c) => c.exists(BAD_KEY), /key must be a tuple/],
  ['remove: key', (c) => c.remove(BAD_KEY), /key must be a tuple/],
  ['remove: meta gen type', (c) => c.remove(KEY, bad({ gen: 'x' })), /'gen' must be an integer/],
  ['remove_bin: empty list', (c) => c.remove_bin(KEY, []), /non-empty list of bin names/],
  ['remove_bin: not a list', (c) => c.remove_bin(KEY, bad('a')), /non-empty list of bin names/],
  ['touch: val type', (c) => c.touch(KEY, bad('60')), /touch: val must be an integer/],
  ['append: val type', (c) => c.append(KEY, 'a', bad(5)), /append: val must be a string or bytes/],
  ['prepend: val type', (c) => c.prepend(KEY, 'a', bad(null)), /prepend: val must be a string or bytes/],
  ['prepend: bin type', (c) => c.prepend(KEY, bad(3), 'x'), /prepend: bin must be a string/],
  ['increment: offset type', (c) => c.increment(KEY, 'n', bad('1')), /increment: offset must be a number/],
  ['operate: ops not a list', (c) => c.operate(KEY, bad({ op: 1 })), /ops must be a list of operation dicts/],
  ['operate: unknown op code', (c) => c.operate(KEY, [{ op: 77, bin: 'a' }]), /ops\[0\]: unknown op code 77/],
  ['operate: missing bin', (c) => c.operate(KEY, [{ op: aerospike.OPERATOR_INCR, val: 1 }]), /ops\[0\]: 'bin' is required/],
  ['operate: incr value type', (c) => c.operate(KEY, [{ op: aerospike.OPERATOR_INCR, bin: 'n', val: 'x' }]), /ops\[0\]: increment of bin 'n' needs a number/],
  ['operate: append value type', (c) => c.operate(KEY, [{ op: aerospike.OPERATOR_APPEND, bin: 's', val: 1 }]), /ops\[0\]: append to bin 's' needs a string or bytes/],
  ['operate_ordered: op entry', (c) => c.operate_ordered(KEY, [bad(null)]), /ops\[0\] must be an operation dict/],
  ['batch_read: keys not a list', (c) => c.batch_read(bad('k')), /keys must be a list of keys/],
  ['batch_read: bad key at index', (c) => c.batch_read([KEY, BAD_KEY]), /keys\[1\] must be a tuple/],
  ['batch_read: bins type', (c) => c.batch_read([KEY], bad('a')), /bins must be a list of bin names/],
  ['batch_read: policy', (c) => c.batch_read([KEY], null, bad({ concurrency: 3 })), /'concurrency' must be one of 0, 1/],
  ['batch_write: not a list', (c) => c.batch_write(bad({})), /batch_write needs a list of \[key, bins\]/],
  ['batch_write: entry shape', (c) => c.batch_write([bad([KEY])]), /records\[0\] must be \[key, bins\]/],
  ['batch_write: bins type', (c) => c.batch_write([bad([KEY, 5])]), /records\[0\]: bins must be a dict/],
  ['batch_write: meta', (c) => c.batch_write([[KEY, { a: 1 }, bad({ ttl: 'x' })]]), /'ttl' must be an integer/],
  ['batch_operate: ops', (c) => c.batch_operate([KEY], [{ op: 99, bin: 'a' }]), /unknown op code 99/],
  ['batch_remove: key', (c) => c.batch_remove([BAD_KEY]), /keys\[0\] must be a tuple/],
  ['batch_apply: module type', (c) => c.batch_apply([KEY], bad(1), 'fn'), /batch_apply: module must be a string/],
  ['batch_apply: args type', (c) => c.batch_apply([KEY], 'm', 'fn', bad('x')), /batch_apply: args must be a list/],
  ['apply: function type', (c) => c.apply(KEY, 'm', bad(null)), /apply: function must be a string/],
  ['apply: key', (c) => c.apply(BAD_KEY, 'm', 'f'), /key must be a tuple/],
  ['udf_put: filename type', (c) => c.udf_put(bad(5)), /udf_put: filename must be a string/],
  ['udf_remove: module type', (c) => c.udf_remove(bad(undefined)), /udf_remove: module must be a string/],
  ['truncate: namespace type', (c) => c.truncate(bad(1), null), /truncate: namespace must be a string/],
  ['truncate: nanos', (c) => c.truncate('test', 'demo', -5), /truncate: nanos must be 0 \(now\) or a time in nanoseconds/],
  ['index_integer_create: bin type', (c) => c.index_integer_create('test', 'demo', bad(1), 'idx'), /index_integer_create: bin_name must be a string/],
  ['index_string_create: name type', (c) => c.index_string_create('test', 'demo', 'b', bad(null)), /index_string_create: index_name must be a string/],
  ['index_blob_create: namespace', (c) => c.index_blob_create(bad(null), 'demo', 'b', 'i'), /index_blob_create: namespace must be a string/],
  ['index_geo2dsphere_create: set', (c) => c.index_geo2dsphere_create('test', bad(5), 'b', 'i'), /index_geo2dsphere_create: set_name must be a string or null/],
  ['index_list_create: datatype', (c) => c.index_list_create('test', 'demo', 'b', 9, 'i'), /index_datatype must be INDEX_NUMERIC/],
  ['index_map_keys_create: datatype', (c) => c.index_map_keys_create('test', 'demo', 'b', bad('x'), 'i'), /index_datatype must be INDEX_NUMERIC/],
  ['index_map_values_create: name', (c) => c.index_map_values_create('test', 'demo', 'b', 0, bad(1)), /index_map_values_create: index_name must be a string/],
  ['index_remove: name type', (c) => c.index_remove('test', bad(2)), /index_remove: index_name must be a string/],
  ['info_all: command type', (c) => c.info_all(bad(1)), /info_all: command must be a string/],
  ['info_random_node: command type', (c) => c.info_random_node(bad(null)), /info_random_node: command must be a string/],
  ['info_single_node: host type', (c) => c.info_single_node('build', bad(5)), /host must be "address:port" or \[address, port\]/],
  ['info_single_node: unknown host', (c) => c.info_single_node('build', ['10.255.255.1', 1]), /no node/i],
  ['admin_create_user: roles type', (c) => c.admin_create_user('u', 'p', bad('read')), /admin_create_user: roles must be a list of role names/],
  ['admin_create_role: privilege name', (c) => c.admin_create_role('r', [{ code: 'fly' }]), /privileges\[0\]: unknown privilege 'fly'/],
  ['admin_grant_privileges: not a list', (c) => c.admin_grant_privileges('r', bad({ code: 10 })), /privileges must be a list/],
  ['admin_set_quotas: quota type', (c) => c.admin_set_quotas('r', bad('1')), /admin_set_quotas: read_quota must be an integer/],
  ['set_metrics_enabled: type', (c) => c.set_metrics_enabled(bad('yes')), /set_metrics_enabled takes a boolean/],
  ['query: namespace type', (c) => c.query(bad(1), 'demo'), /query: namespace must be a string/],
  ['scan: set type', (c) => c.scan('test', bad(1)), /scan: set_name must be a string or null/],
  ['query.select: bin names', (c) => c.query('test', 'demo').select(bad(1)), /select\(\) takes bin names/],
  ['query.where: predicate', (c) => c.query('test', 'demo').where(bad('age > 1')), /where\(\) takes a predicate/],
  ['query.results: policy', (c) => c.query('test', 'demo').results(bad({ max_records: -1 })), /'max_records' must be 0 or more/],
  ['query.foreach: callback', (c) => c.query('test', 'demo').foreach(bad(5)), /foreach: callback must be a function/]
];

describe('classic argument validation', () => {
  it.each(CASES)('%s', async (_name, call, message) => {
    const before = node.requests.length;
    let caught: unknown;
    try {
      await call(client);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(aerospike.InvalidArgError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as aerospike.InvalidArgError).code).toBe(ResultCode.INVALID_ARGUMENT);
    expect(node.requests.length).toBe(before);
  });

  it('raises InvalidArgError from the helper modules too', () => {
    expect(() => aerospike.predicates.contains('b', 0, 1)).toThrow(aerospike.InvalidArgError);
    expect(() => aerospike.predicates.equals(bad(1), 1)).toThrow(aerospike.InvalidArgError);
    expect(() => aerospike.predicates.between('b', bad('1'), 2)).toThrow(aerospike.InvalidArgError);
  });

  it('sends a request once the arguments are valid (the cases above are not rejected for another reason)', async () => {
    const before = node.requests.length;
    await client.put(KEY, { a: 1 }, { ttl: 60 }, { exists: aerospike.POLICY_EXISTS_CREATE_ONLY, key: aerospike.POLICY_KEY_SEND });
    expect(node.requests.length).toBe(before + 1);
  });
});
