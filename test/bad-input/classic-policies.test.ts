import { bit_operations, hll_operations, InvalidArgError, list_operations, map_operations, POLICY_EXISTS_CREATE_ONLY, POLICY_EXISTS_UPDATE_ONLY, type Key } from '@aerospike-ts/classic';
import { bad, useClassic } from './helpers/setup';

// Classic front end: policies and meta of the wrong type, out of range, or contradicting
// themselves.

const env = useClassic();
const rejects = (call: () => unknown, message: string | RegExp): Promise<Error> => env.wire.expectRejected(call, InvalidArgError, message);
const K: Key = ['test', 'bad_policies', 1];

describe('classic: policy and meta of the wrong type', () => {
  it('write policy a string', () => rejects(() => env.client.put(K, { a: 1 }, null, bad('fast')), 'write policy must be a dict, got string'));
  it('write policy a list', () => rejects(() => env.client.put(K, { a: 1 }, null, bad([1])), 'write policy must be a dict, got a list'));
  it('read policy a number', () => rejects(() => env.client.get(K, bad(1000)), 'read policy must be a dict, got number'));
  it('batch policy a boolean', () => rejects(() => env.client.batch_read([K], null, bad(true)), 'batch policy must be a dict, got boolean'));
  it('meta a string', () => rejects(() => env.client.put(K, { a: 1 }, bad('ttl=5')), 'meta must be a dict, got string'));
  it('meta a list', () => rejects(() => env.client.remove(K, bad([1])), 'meta must be a dict, got a list'));
  it('an unknown policy key', () => rejects(() => env.client.get(K, bad({ timeout: 5 })), "read policy: unknown key 'timeout'"));
  it('compress a string', () => rejects(() => env.client.get(K, bad({ compress: 'yes' })), "read policy: 'compress' must be a boolean, got string"));
  it('filter_expression a number', () => rejects(() => env.client.get(K, bad({ filter_expression: 5 })), "read policy: 'filter_expression' must be an expression (exp module or exp.build), its packed bytes, or an AEL string, got number"));
});

describe('classic: ttl', () => {
  it('a string', () => rejects(() => env.client.put(K, { a: 1 }, bad({ ttl: '60' })), "meta policy: 'ttl' must be an integer, got string"));
  it('a float', () => rejects(() => env.client.put(K, { a: 1 }, { ttl: 1.5 }), "meta policy: 'ttl' must be an integer, got 1.5"));
  it('-4 (below TTL_CLIENT_DEFAULT)', () => rejects(() => env.client.put(K, { a: 1 }, { ttl: -4 }), "meta policy: 'ttl' must be -3 or more, got -4"));
  it('-4 in the policy', () => rejects(() => env.client.put(K, { a: 1 }, null, { ttl: -4 }), "write policy: 'ttl' must be -3 or more, got -4"));
  it('2^32 - 1', () => rejects(() => env.client.put(K, { a: 1 }, { ttl: 2 ** 32 - 1 }), "meta policy: 'ttl' must be 4294967294 or less, got 4294967295"));
  it('2^32', () => rejects(() => env.client.put(K, { a: 1 }, { ttl: 2 ** 32 }), "meta policy: 'ttl' must be 4294967294 or less, got 4294967296"));
  it('touch: -5', () => rejects(() => env.client.touch(K, -5), 'touch: val must be a TTL in seconds from -2 to 4294967294 (-1: never expire, -2: keep the current TTL, 0: the namespace default), got -5'));
  it('touch: 2^32', () => rejects(() => env.client.touch(K, 2 ** 32), 'touch: val must be a TTL in seconds from -2 to 4294967294 (-1: never expire, -2: keep the current TTL, 0: the namespace default), got 4294967296'));
  it('touch: a string', () => rejects(() => env.client.touch(K, bad('60')), 'touch: val must be an integer, got string'));
  it('batch_write meta ttl a string', () => rejects(() => env.client.batch_write([[K, { a: 1 }, bad({ ttl: 'x' })]]), "meta policy: 'ttl' must be an integer, got string"));
});

describe('classic: generation', () => {
  it('negative', () => rejects(() => env.client.put(K, { a: 1 }, { gen: -1 }), "meta: 'gen' must be a generation 0..65535, got -1"));
  it('65536', () => rejects(() => env.client.put(K, { a: 1 }, { gen: 65536 }), "meta: 'gen' must be a generation 0..65535, got 65536"));
  it('a float', () => rejects(() => env.client.remove(K, { gen: 1.5 }), "meta policy: 'gen' must be an integer, got 1.5"));
  it('policy gen not a POLICY_GEN constant', () => rejects(() => env.client.put(K, { a: 1 }, null, bad({ gen: 3 })), "write policy: 'gen' must be one of 0, 1, 2 (the aerospike constants), got 3"));
});

describe('classic: timeouts and retries', () => {
  it('total_timeout negative', () => rejects(() => env.client.get(K, { total_timeout: -1 }), "read policy: 'total_timeout' must be 0 or more, got -1"));
  it('total_timeout NaN', () => rejects(() => env.client.get(K, { total_timeout: NaN }), "read policy: 'total_timeout' must be an integer, got NaN"));
  it('socket_timeout Infinity', () => rejects(() => env.client.put(K, { a: 1 }, null, { socket_timeout: Infinity }), "write policy: 'socket_timeout' must be an integer, got Infinity"));
  it('total_timeout 2^32', () => rejects(() => env.client.get(K, { total_timeout: 2 ** 32 }), "read policy: 'total_timeout' must be 4294967295 or less, got 4294967296"));
  it('max_retries negative', () => rejects(() => env.client.batch_read([K], null, { max_retries: -1 }), "batch policy: 'max_retries' must be 0 or more, got -1"));
  it('sleep_between_retries a float', () => rejects(() => env.client.exists(K, { sleep_between_retries: 0.5 }), "read policy: 'sleep_between_retries' must be an integer, got 0.5"));
  it('read_touch_ttl_percent 101', () => rejects(() => env.client.get(K, { read_touch_ttl_percent: 101 }), "read policy: 'read_touch_ttl_percent' must be -1..100, got 101"));
  it('query: max_records negative', () => rejects(() => env.client.query('test', 'demo').results({ max_records: -1 }), "query policy: 'max_records' must be 0 or more, got -1"));
  it('truncate: nanos negative', () => rejects(() => env.client.truncate('test', 'demo', -1), 'truncate: nanos must be 0 (now) or a time in nanoseconds since 1970, got -1'));
});

describe('classic: constants out of their group', () => {
  it('exists 9', () => rejects(() => env.client.put(K, { a: 1 }, null, bad({ exists: 9 })), "write policy: 'exists' must be one of 0, 1, 2, 3, 4 (the aerospike constants), got 9"));
  it('exists 1.5', () => rejects(() => env.client.put(K, { a: 1 }, null, bad({ exists: 1.5 })), "write policy: 'exists' must be an integer, got 1.5"));
  it('key 2', () => rejects(() => env.client.get(K, bad({ key: 2 })), "read policy: 'key' must be one of 0, 1 (the aerospike constants), got 2"));
  it('replica 7', () => rejects(() => env.client.get(K, bad({ replica: 7 })), "read policy: 'replica' must be one of 0, 1, 2 (the aerospike constants), got 7"));
  it('batch concurrency 3', () => rejects(() => env.client.batch_read([K], null, bad({ concurrency: 3 })), "batch policy: 'concurrency' must be one of 0, 1 (the aerospike constants), got 3"));
  it('map write_mode 5', () => rejects(() => env.client.operate(K, [map_operations.map_put('m', 'k', 1, { write_mode: 5 })]), 'map policy: write_mode must be MAP_UPDATE, MAP_UPDATE_ONLY or MAP_CREATE_ONLY, got 5'));
  it('list write flags with an unknown bit', () =>
    rejects(() => env.client.operate(K, [list_operations.list_append('l', 1, { flags: 16 })]), "list append on 'l': flags must be ListWriteFlags OR-ed together (ADD_UNIQUE, INSERT_BOUNDED, NO_FAIL, PARTIAL), got 16"));
  it('map write flags with an unknown bit', () =>
    rejects(() => env.client.operate(K, [map_operations.map_put('m', 'k', 1, { flags: 64 })]), "map put on 'm': flags must be MapWriteFlags OR-ed together (CREATE_ONLY, UPDATE_ONLY, NO_FAIL, PARTIAL), got 64"));
  it('map flags a string', () => rejects(() => env.client.operate(K, [map_operations.map_put('m', 'k', 1, bad({ flags: '1' }))]), 'map policy: flags must be an integer made of MAP_WRITE_FLAGS_*, got 1'));
});

describe('classic: contradictory policies', () => {
  it('meta exists contradicts policy exists', () =>
    rejects(
      () => env.client.put(K, { a: 1 }, { exists: POLICY_EXISTS_CREATE_ONLY }, { exists: POLICY_EXISTS_UPDATE_ONLY }),
      "meta 'exists' (4) contradicts write policy 'exists' (1); give the POLICY_EXISTS_* value in one place"
    ));
  it('hll_init CREATE_ONLY | UPDATE_ONLY', () =>
    rejects(
      () => env.client.operate(K, [hll_operations.hll_init('h', 12, null, { flags: hll_operations.HLL_WRITE_CREATE_ONLY | hll_operations.HLL_WRITE_UPDATE_ONLY })]),
      "HLL init on 'h': HllWriteFlags.CREATE_ONLY and HllWriteFlags.UPDATE_ONLY contradict each other; pass one of them"
    ));
  it('hll_add CREATE_ONLY | UPDATE_ONLY', () =>
    rejects(() => env.client.operate(K, [hll_operations.hll_add('h', ['a'], 12, null, { flags: 3 })]), "HLL add on 'h': HllWriteFlags.CREATE_ONLY and HllWriteFlags.UPDATE_ONLY contradict each other; pass one of them"));
  it('map_put_items write_mode CREATE_ONLY with flags UPDATE_ONLY', () =>
    rejects(
      () => env.client.operate(K, [map_operations.map_put_items('m', { a: 1 }, { write_mode: map_operations.MAP_CREATE_ONLY, flags: map_operations.MAP_WRITE_FLAGS_UPDATE_ONLY })]),
      "map putItems on 'm': MapWriteFlags.CREATE_ONLY and MapWriteFlags.UPDATE_ONLY contradict each other; pass one of them"
    ));
  it('map_put flags CREATE_ONLY | UPDATE_ONLY', () =>
    rejects(() => env.client.operate(K, [map_operations.map_put('m', 'k', 1, { flags: 3 })]), "map put on 'm': MapWriteFlags.CREATE_ONLY and MapWriteFlags.UPDATE_ONLY contradict each other; pass one of them"));
  it('bit_resize GROW_ONLY | SHRINK_ONLY', () =>
    rejects(
      () => env.client.operate(K, [bit_operations.bit_resize('b', 4, bit_operations.BIT_RESIZE_GROW_ONLY | bit_operations.BIT_RESIZE_SHRINK_ONLY)]),
      "bit resize on 'b': BitResizeFlags.GROW_ONLY and BitResizeFlags.SHRINK_ONLY contradict each other; pass one of them"
    ));
  it('bit_set CREATE_ONLY | UPDATE_ONLY', () =>
    rejects(
      () => env.client.operate(K, [bit_operations.bit_set('b', 0, 8, Buffer.from([1]), { flags: bit_operations.BIT_WRITE_CREATE_ONLY | bit_operations.BIT_WRITE_UPDATE_ONLY })]),
      "bit set on 'b': BitWriteFlags.CREATE_ONLY and BitWriteFlags.UPDATE_ONLY contradict each other; pass one of them"
    ));
});

describe('classic: expressions', () => {
  it('an AEL string that does not parse', () => rejects(() => env.client.get(K, { filter_expression: '$.a >>= 1' }), /^expected a value but found '=' at column 7\n {2}\$\.a >>= 1\n {8}\^$/));
  it('an AEL string with an unknown function', () => rejects(() => env.client.put(K, { a: 1 }, null, { filter_expression: 'nosuch($.a)' }), /^unknown name 'nosuch' at column 1\n/));
});
