import { BitOp, BitResizeFlags, BitWriteFlags, Ctx, HllOp, HllWriteFlags, InvalidArgumentError, Key, ListOp, ListWriteFlags, MapOp, MapWriteFlags, Op } from '@aerospike-ts/core';
import { bad, circularList, useCore } from './helpers/setup';

// Core: batches and collection/bit/HLL operations with bad arguments.

const env = useCore();
const rejects = (call: () => unknown, message: string | RegExp): Promise<Error> => env.wire.expectRejected(call, InvalidArgumentError, message);
const k = new Key('test', 'bad_core_batch', 1);
const LONG = 'b'.repeat(16);
const CIRCULAR = 'circular structure (the value contains itself); only trees of values can be written';

describe('core: batches', () => {
  it('batch of no records', () => rejects(() => env.client.batch([]), 'a batch needs a non-empty list of records'));
  it('batchGet of no keys', () => rejects(() => env.client.batchGet([]), 'a batch needs a non-empty list of keys'));
  it('batchExists of no keys', () => rejects(() => env.client.batchExists([]), 'a batch needs a non-empty list of keys'));
  it('batchRemove of no keys', () => rejects(() => env.client.batchRemove([]), 'a batch needs a non-empty list of keys'));
  it('batchApply of no keys', () => rejects(() => env.client.batchApply([], 'mod', 'fn'), 'a batch needs a non-empty list of keys'));
  it('batchOperate of no operations', () => rejects(() => env.client.batchOperate([k], []), 'batchOperate needs a non-empty list of operations'));
  it('batchGet of a tuple key', () => rejects(() => env.client.batchGet([k, bad(['test', 'x', 1])]), 'key 1 must be a Key (new Key(namespace, set, userKey)), got array'));
  it('a record of an unknown type', () => rejects(() => env.client.batch([bad({ type: 'upsert', key: k })]), "batch record 0: type must be 'read', 'write', 'delete' or 'udf', got string"));
  it('a write without operations', () => rejects(() => env.client.batch([{ type: 'write', key: k, ops: [] }]), 'batch record 0: a write needs at least one operation'));
  it('a read with bins a string', () => rejects(() => env.client.batch([{ type: 'read', key: k, bins: bad('a') }]), 'batch record 0: bins must be a list of bin names'));
  it('a UDF with an empty module name', () => rejects(() => env.client.batch([{ type: 'udf', key: k, module: '', fn: 'f' }]), 'batch record 0: UDF module name must not be empty'));
  it('batch policy NaN', () => rejects(() => env.client.batchGet([k], null, { totalTimeout: NaN }), "batch policy: 'totalTimeout' must be an integer from 0 to 4294967295, got NaN"));
  it('a write record with ttl -9', () =>
    rejects(() => env.client.batch([{ type: 'write', key: k, ops: [Op.write('a', 1)], policy: { ttl: -9 } }]), "batch record 0: write policy: 'ttl' must be an integer from -2 to 4294967294, got -9"));
  it('a write record with generation -1', () =>
    rejects(() => env.client.batch([{ type: 'write', key: k, ops: [Op.write('a', 1)], policy: { generation: -1 } }]), "batch record 0: write policy: 'generation' must be an integer from 0 to 4294967295, got -1"));
  it('a write record with an unknown option', () => rejects(() => env.client.batch([{ type: 'write', key: k, ops: [Op.write('a', 1)], policy: bad({ timeout: 5 }) }]), "batch record 0: write policy: unknown option 'timeout'"));
  it('a delete record with a batch-wide option', () =>
    rejects(() => env.client.batch([{ type: 'read', key: k }, { type: 'delete', key: k, policy: bad({ totalTimeout: 5 }) }]), "batch record 1: write policy: 'totalTimeout' is not a per-record setting of a batch; set it in the batch policy"));
  it('a read record with readTouchTtlPercent 101', () => rejects(() => env.client.batch([{ type: 'read', key: k, policy: { readTouchTtlPercent: 101 } }]), "batch record 0: read policy: 'readTouchTtlPercent' must be an integer from -1 to 100, got 101"));
  it('batchRemove with a write policy of a string ttl', () => rejects(() => env.client.batchRemove([k], undefined, { ttl: bad('1') }), "batch record 0: write policy: 'ttl' must be an integer from -2 to 4294967294, got string"));
  it('batchGet of a bin name of 16 bytes', () => rejects(() => env.client.batchGet([k], [LONG]), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('a read record of a bin name of 16 bytes', () => rejects(() => env.client.batch([{ type: 'read', key: k }, { type: 'read', key: k, bins: ['a', LONG] }]), `batch record 1: bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('a write of a list containing itself', () =>
    rejects(() => env.client.batch([{ type: 'write', key: k, ops: [Op.write('a', bad(circularList()))] }]), `batch record 0: bin 'a'[1]: ${CIRCULAR}`));
  it('a valid write and then a write of a list containing itself: neither is sent', () =>
    rejects(
      () =>
        env.client.batch([
          { type: 'write', key: k, ops: [Op.write('a', 1)] },
          { type: 'write', key: new Key('test', 'bad_core_batch', 2), ops: [Op.write('a', bad(circularList()))] }
        ]),
      `batch record 1: bin 'a'[1]: ${CIRCULAR}`
    ));
  it('batchOperate writing a value of an unsupported type', () =>
    rejects(() => env.client.batchOperate([k, new Key('test', 'bad_core_batch', 2)], [Op.write('a', bad(() => 1))]), "batch record 0: bin 'a': unsupported value type function; use null, boolean, number, bigint, string, bytes, list, map, GeoJSON or HLL"));
  it('batchApply with a circular argument', () => rejects(() => env.client.batchApply([k], 'mod', 'fn', [bad(circularList())]), `batch record 0: UDF arguments[0][1]: ${CIRCULAR}`));
});

describe('core: contradictory and unknown operation flags', () => {
  it('MapOp.putItems CREATE_ONLY | UPDATE_ONLY', () =>
    rejects(() => MapOp.putItems('m', { a: 1 }, { order: 0, flags: MapWriteFlags.CREATE_ONLY | MapWriteFlags.UPDATE_ONLY }), "map putItems on 'm': MapWriteFlags.CREATE_ONLY and MapWriteFlags.UPDATE_ONLY contradict each other; pass one of them"));
  it('MapOp.put with an unknown flag bit', () => rejects(() => MapOp.put('m', 'k', 1, { order: 0, flags: 32 }), "map put on 'm': flags must be MapWriteFlags OR-ed together (CREATE_ONLY, UPDATE_ONLY, NO_FAIL, PARTIAL), got 32"));
  it('MapOp.put with a null policy', () => rejects(() => MapOp.put('m', 'k', 1, bad(null)), "map put on 'm': policy must be { order, flags }, got null"));
  it('BitOp.set CREATE_ONLY | UPDATE_ONLY', () =>
    rejects(() => BitOp.set('b', 0, 8, Buffer.from([1]), BitWriteFlags.CREATE_ONLY | BitWriteFlags.UPDATE_ONLY), "bit set on 'b': BitWriteFlags.CREATE_ONLY and BitWriteFlags.UPDATE_ONLY contradict each other; pass one of them"));
  it('BitOp.resize GROW_ONLY | SHRINK_ONLY', () =>
    rejects(() => BitOp.resize('b', 4, BitResizeFlags.GROW_ONLY | BitResizeFlags.SHRINK_ONLY), "bit resize on 'b': BitResizeFlags.GROW_ONLY and BitResizeFlags.SHRINK_ONLY contradict each other; pass one of them"));
  it('BitOp.add with flags a string', () => rejects(() => BitOp.add('b', 0, 8, 1, false, 0, bad('1')), "bit add on 'b': flags must be BitWriteFlags OR-ed together (CREATE_ONLY, UPDATE_ONLY, NO_FAIL, PARTIAL), got 1"));
  it('HllOp.init CREATE_ONLY | UPDATE_ONLY', () =>
    rejects(() => HllOp.init('h', 12, -1, HllWriteFlags.CREATE_ONLY | HllWriteFlags.UPDATE_ONLY), "HLL init on 'h': HllWriteFlags.CREATE_ONLY and HllWriteFlags.UPDATE_ONLY contradict each other; pass one of them"));
  it('HllOp.setUnion with a negative flag', () => rejects(() => HllOp.setUnion('h', [], -1), "HLL setUnion on 'h': flags must be HllWriteFlags OR-ed together (CREATE_ONLY, UPDATE_ONLY, NO_FAIL, ALLOW_FOLD), got -1"));
  it('HllOp.init with 3 index bits', () => rejects(() => HllOp.init('h', 3), 'indexBitCount must be 4..16 (or -1 for unset), got 3'));
  it('ListOp.append with an unknown flag bit', () => rejects(() => ListOp.append('l', 1, { order: 0, flags: 99 }), "list append on 'l': flags must be ListWriteFlags OR-ed together (ADD_UNIQUE, INSERT_BOUNDED, NO_FAIL, PARTIAL), got 99"));
  it('ListOp.insert with flags NaN', () => rejects(() => ListOp.insert('l', 0, 1, { order: 0, flags: NaN }), "list insert on 'l': flags must be ListWriteFlags OR-ed together (ADD_UNIQUE, INSERT_BOUNDED, NO_FAIL, PARTIAL), got NaN"));
  it('ListOp.set with a policy that is a number', () => rejects(() => ListOp.set('l', 0, 1, bad(ListWriteFlags.ADD_UNIQUE)), "list set on 'l': policy must be { order, flags }, got number"));
});

describe('core: operations on bad bins and values', () => {
  it('ListOp on an empty bin name', () => rejects(() => ListOp.append('', 1), 'bin name must not be empty'));
  it('MapOp on a bin name too long', () => rejects(() => MapOp.size(LONG), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('BitOp on a bin name with a lone surrogate', () => rejects(() => BitOp.count('\uD800', 0, 8), 'bin name "\\ud800" is not valid UTF-8 (it has a lone surrogate)'));
  it('ListOp.append of a list containing itself', () => rejects(() => ListOp.append('l', bad(circularList())), "list append on 'l' argument 1[1]: circular structure (the value contains itself); only trees of values can be written"));
  it('a context step on a list containing itself', () =>
    rejects(() => ListOp.size('l', [Ctx.mapKey(bad(circularList()))]), "list size on 'l' context[1]: circular structure (the value contains itself); only trees of values can be written"));
  it('a context index that is a fraction', () => rejects(() => Ctx.listIndex(0.5), 'list index must be an integer, got 0.5'));
  it('Op.read of a bin name too long', () => rejects(() => Op.read(LONG), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('batchOperate writing to an empty bin name', () => rejects(() => env.client.batchOperate([k], [Op.write('', 1)]), 'bin name must not be empty'));
});
