import { InvalidArgError, list_operations, map_operations, OPERATOR_APPEND, OPERATOR_INCR, OPERATOR_READ, OPERATOR_WRITE, type Key } from '@aerospike-ts/classic';
import { bad, useClassic } from './helpers/setup';

// Classic front end: operate / batch_operate with bad operation lists.

const env = useClassic();
const rejects = (call: () => unknown, message: string | RegExp): Promise<Error> => env.wire.expectRejected(call, InvalidArgError, message);
const K: Key = ['test', 'bad_ops', 1];
const LONG = 'b'.repeat(16);

describe('classic: operation lists', () => {
  it('operate: empty list', () => rejects(() => env.client.operate(K, []), 'operate needs a non-empty list of operations'));
  it('operate_ordered: empty list', () => rejects(() => env.client.operate_ordered(K, []), 'operate needs a non-empty list of operations'));
  it('operate: a dict instead of a list', () => rejects(() => env.client.operate(K, bad({ op: OPERATOR_READ, bin: 'a' })), 'ops must be a list of operation dicts, got object'));
  it('operate: null entry', () => rejects(() => env.client.operate(K, [bad(null)]), 'ops[0] must be an operation dict'));
  it('operate: unknown op code', () => rejects(() => env.client.operate(K, [{ op: OPERATOR_READ, bin: 'a' }, { op: 77, bin: 'a' }]), 'ops[1]: unknown op code 77'));
  it('operate: write without a bin', () => rejects(() => env.client.operate(K, [{ op: OPERATOR_WRITE, val: 1 }]), "ops[0]: 'bin' is required for op 2"));
  it('batch_operate: empty list', () => rejects(() => env.client.batch_operate([K], []), 'batch_operate: ops must be a non-empty list of operation dicts'));
  it('batch_operate: unknown op code', () => rejects(() => env.client.batch_operate([K], [{ op: 99, bin: 'a' }]), 'ops[0]: unknown op code 99'));
});

describe('classic: operations on bad bin names', () => {
  it('write on an empty bin name', () => rejects(() => env.client.operate(K, [{ op: OPERATOR_WRITE, bin: '', val: 1 }]), 'ops[0]: bin name must not be empty'));
  it('write on a 16-byte bin name', () => rejects(() => env.client.operate(K, [{ op: OPERATOR_WRITE, bin: LONG, val: 1 }]), `ops[0]: bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('read on a 16-byte bin name', () => rejects(() => env.client.operate_ordered(K, [{ op: OPERATOR_READ, bin: LONG }]), `ops[0]: bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('read on a bin name with a lone surrogate', () => rejects(() => env.client.operate(K, [{ op: OPERATOR_READ, bin: '\uD800' }]), 'ops[0]: bin name "\\ud800" is not valid UTF-8 (it has a lone surrogate)'));
  it('list_append on an empty bin name', () => rejects(() => env.client.operate(K, [list_operations.list_append('', 1)]), 'bin name must not be empty'));
  it('map_put on a 16-byte bin name', () => rejects(() => env.client.operate(K, [map_operations.map_put(LONG, 'k', 1)]), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('batch_operate: write on an empty bin name', () => rejects(() => env.client.batch_operate([K], [{ op: OPERATOR_WRITE, bin: '', val: 1 }]), 'ops[0]: bin name must not be empty'));
});

describe('classic: operation values', () => {
  it('increment by a string', () => rejects(() => env.client.operate(K, [{ op: OPERATOR_INCR, bin: 'n', val: 'x' }]), "ops[0]: increment of bin 'n' needs a number, got string"));
  it('append a number', () => rejects(() => env.client.operate(K, [{ op: OPERATOR_APPEND, bin: 's', val: 1 }]), "ops[0]: append to bin 's' needs a string or bytes, got number"));
  it('write a function', () => rejects(() => env.client.operate(K, [{ op: OPERATOR_WRITE, bin: 'a', val: () => 1 }]), "bin 'a': unsupported value type function; use null, boolean, number, bigint, string, bytes, list, map, GeoJSON or HLL"));
  it('list_append a symbol', () =>
    rejects(
      () => env.client.operate(K, [list_operations.list_append('l', bad(Symbol('s')))]),
      "list append on 'l' argument 1: unsupported value type symbol; allowed: null, boolean, number, bigint, BN, Double, string, Buffer/Uint8Array, GeoJSON, HLL, array, Map or plain object"
    ));
  it('map_put_items a map containing itself', () => {
    const m: { [k: string]: unknown } = {};
    m['me'] = m;
    return rejects(() => env.client.operate(K, [map_operations.map_put_items('m', bad(m))]), "map putItems on 'm' argument 1.me: circular structure (the value contains itself); only trees of values can be written");
  });
});
