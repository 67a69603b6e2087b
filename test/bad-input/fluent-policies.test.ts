import { InvalidArgumentError } from '@aerospike-ts/core';
import { Behavior, BitResizeFlags, DataSet, HllConfig, type Session } from '@aerospike-ts/fluent';
import { bad, useFluent } from './helpers/setup';

// Fluent front end: expiry, generation, behaviors and operation flags that are out of
// range or contradict each other.

const env = useFluent();
const rejects = (call: () => unknown, message: string | RegExp): Promise<Error> => env.wire.expectRejected(call, InvalidArgumentError, message);
const ds = DataSet.of('test', 'bad_fluent_policies');
const k = ds.id(1);
const session = (): Session => env.client.createSession(Behavior.DEFAULT);

describe('fluent: expiry', () => {
  const EXPIRE = 'expireRecordAfterSeconds needs a positive integer of seconds, got';
  it('a string', () => rejects(() => session().upsert(k).expireRecordAfterSeconds(bad('10')), `${EXPIRE} 10`));
  it('negative', () => rejects(() => session().upsert(k).expireRecordAfterSeconds(-5), `${EXPIRE} -5`));
  it('zero (use expiryFromServerDefault)', () => rejects(() => session().upsert(k).expireRecordAfterSeconds(0), `${EXPIRE} 0`));
  it('NaN', () => rejects(() => session().update(k).expireRecordAfterSeconds(NaN), `${EXPIRE} NaN`));
  it('a fraction', () => rejects(() => session().touch(k).expireRecordAfterSeconds(1.5), `${EXPIRE} 1.5`));
  it('2^32 - 1', () => rejects(() => session().upsert(k).expireRecordAfterSeconds(2 ** 32 - 1), `${EXPIRE} 4294967295`));
  it('2^32', () => rejects(() => session().upsert(k).expireRecordAfterSeconds(2 ** 32), `${EXPIRE} 4294967296`));
  it('a batch entry, negative', () => rejects(() => session().batch().upsert(k).expireRecordAfterSeconds(-9), `${EXPIRE} -9`));
  it('a batch entry, 2^32 - 1', () => rejects(() => session().batch().upsert(k).expireRecordAfterSeconds(2 ** 32 - 1), `${EXPIRE} 4294967295`));
});

describe('fluent: generation', () => {
  const GEN = 'ensureGenerationIs needs a non-negative integer generation, got';
  it('negative', () => rejects(() => session().update(k).ensureGenerationIs(-1), `${GEN} -1`));
  it('NaN', () => rejects(() => session().update(k).ensureGenerationIs(NaN), `${GEN} NaN`));
  it('a string', () => rejects(() => session().update(k).ensureGenerationIs(bad('1')), `${GEN} 1`));
  it('2^32', () => rejects(() => session().update(k).ensureGenerationIs(2 ** 32), `${GEN} 4294967296`));
  it('a batch entry, negative', () => rejects(() => session().batch().update(k).ensureGenerationIs(-1), `${GEN} -1`));
  it('a batch entry, a fraction', () => rejects(() => session().batch().update(k).ensureGenerationIs(1.5), `${GEN} 1.5`));
});

describe('fluent: behaviors', () => {
  it('an unknown setting', () => rejects(() => Behavior.DEFAULT.deriveWithChanges('x', bad({ timeout: 5 })), /^behavior 'x': unknown setting 'timeout' in settings; known: totalTimeout, socketTimeout, /));
  it('a negative timeout', () => rejects(() => Behavior.DEFAULT.deriveWithChanges('x', { totalTimeout: -1 }), "behavior 'x': settings.totalTimeout must be a non-negative number, got -1"));
  it('a NaN timeout', () => rejects(() => Behavior.DEFAULT.deriveWithChanges('x', { socketTimeout: NaN }), "behavior 'x': settings.socketTimeout must be a non-negative number, got NaN"));
  it('maxRetries a string', () => rejects(() => Behavior.DEFAULT.deriveWithChanges('x', { maxRetries: bad('3') }), "behavior 'x': settings.maxRetries must be a non-negative number, got 3"));
  it('an empty name', () => rejects(() => Behavior.DEFAULT.deriveWithChanges('', {}), 'a behavior needs a non-empty name'));
  it('createSession of a plain object', () => rejects(() => env.client.createSession(bad({})), 'createSession() needs a Behavior (Behavior.DEFAULT or one derived from it), got object'));
  it('createSession of a behavior name', () => rejects(() => env.client.createSession(bad('DEFAULT')), 'createSession() needs a Behavior (Behavior.DEFAULT or one derived from it), got string'));
});

describe('fluent: contradictory or unknown flags', () => {
  it('hllInit createOnly + updateOnly', () => rejects(() => session().upsert(k).bin('h').hllInit(HllConfig.of(12), { createOnly: true, updateOnly: true }), 'hllInit: createOnly and updateOnly contradict each other; pass one of them'));
  it('hllAdd createOnly + updateOnly', () => rejects(() => session().upsert(k).bin('h').hllAdd(['a'], { createOnly: true, updateOnly: true }), 'hllAdd: createOnly and updateOnly contradict each other; pass one of them'));
  it('mapUpsertItems createOnly + updateOnly', () => rejects(() => session().upsert(k).bin('m').mapUpsertItems({ a: 1 }, { createOnly: true, updateOnly: true }), 'mapUpsertItems: createOnly and updateOnly contradict each other; pass one of them'));
  it('mapInsertItems with updateOnly', () => rejects(() => session().upsert(k).bin('m').mapInsertItems({ a: 1 }, { updateOnly: true }), 'mapInsertItems: the insert variant contradicts updateOnly'));
  it('mapUpdateItems with createOnly', () => rejects(() => session().upsert(k).bin('m').mapUpdateItems({ a: 1 }, { createOnly: true }), 'mapUpdateItems: the update variant contradicts createOnly'));
  it('bitResize GROW_ONLY | SHRINK_ONLY', () => rejects(() => session().upsert(k).bin('b').bitResize(4, BitResizeFlags.GROW_ONLY | BitResizeFlags.SHRINK_ONLY), 'bitResize: GROW_ONLY and SHRINK_ONLY contradict each other'));
  it('bitSet createOnly + updateOnly', () => rejects(() => session().upsert(k).bin('b').bitSet(0, 8, Buffer.from([1]), { createOnly: true, updateOnly: true }), 'bitSet: createOnly and updateOnly contradict each other; pass one of them'));
  it('bitAdd with an unknown overflow action', () => rejects(() => session().upsert(k).bin('b').bitAdd(0, 8, 1, false, 9), 'bitAdd: action must be BitOverflowAction.FAIL, SATURATE or WRAP, got 9'));
  it('bitResize with an unknown flag bit', () => rejects(() => session().upsert(k).bin('b').bitResize(4, 8), 'bitResize: resizeFlags must be made of BitResizeFlags, got 8'));
  it('listAppend with an unknown option', () => rejects(() => session().upsert(k).bin('l').listAppend(1, bad({ sorted: true })), "listAppend: unknown option 'sorted' (known: unique, bounded, noFail, partial)"));
  it('HllConfig of 3 index bits', () => rejects(() => HllConfig.of(3), 'HllConfig: indexBitCount must be 4..16, got 3'));
  it('HllConfig of 17 index bits', () => rejects(() => HllConfig.of(17), 'HllConfig: indexBitCount must be 4..16, got 17'));
});

describe('fluent: query settings', () => {
  it('limit(0)', () => rejects(() => session().query(ds).limit(0), 'limit() needs a positive integer, got 0'));
  it('chunkSize(-1)', () => rejects(() => session().query(ds).chunkSize(-1), 'chunkSize() needs a positive integer, got -1'));
  it('maxRecords(NaN)', () => rejects(() => session().query(ds).maxRecords(NaN), 'maxRecords() needs a positive integer, got NaN'));
  it('recordsPerSecond(-1)', () => rejects(() => session().query(ds).recordsPerSecond(-1), 'recordsPerSecond() needs a positive integer, got -1'));
  it('onPartition(4096)', () => rejects(() => session().query(ds).onPartition(4096), 'onPartition(): partition ids are 0..4095, got 4096'));
  it('onPartitionRange(10, 5)', () => rejects(() => session().query(ds).onPartitionRange(10, 5), 'onPartitionRange(start, end): end must be an integer in 11..4096 (exclusive), got 5'));
  it('background task recordsPerSecond(-1)', () => rejects(() => session().backgroundTask().update(ds).recordsPerSecond(-1), 'recordsPerSecond() needs a positive integer, got -1'));
  it('background task expireRecordAfterSeconds(-1)', () => rejects(() => session().backgroundTask().update(ds).expireRecordAfterSeconds(-1), /^expireRecordAfterSeconds needs a positive integer/));
});
