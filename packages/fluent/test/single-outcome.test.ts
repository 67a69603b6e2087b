import { ConnectionError, RecordExistsError, RecordNotFoundError, ResultCode, serverError, type AerospikeError } from '@aerospike-ts/core';
import { DataSet } from '../src/dataset';
import { ExistsOutcome, RecordOutcome, RemoveOutcome, TouchOutcome, toleratedCode } from '../src/single-outcome';

const users = DataSet.of('test', 'users');
const key = users.id('k');
const record = { key: key.core, bins: { a: 1 }, generation: 3, ttl: 100 };

describe('single-key outcomes (what execute() settles with for one key)', () => {
  it('a record becomes the stream of its one ok result', async () => {
    const stream = new RecordOutcome(key, 'read', false, {}).value(record);
    const r = await stream.firstOrRaise();
    expect([r.isOk, r.record?.bins, r.record?.generation, r.record?.ttl, r.record?.key]).toEqual([true, { a: 1 }, 3, 100, key]);
    expect(await stream.first()).toBeNull();
  });

  it('a server failure raises by default, stays in the stream with inStream, reaches a handler', async () => {
    const exists = serverError(ResultCode.KEY_EXISTS_ERROR);
    expect(() => new RecordOutcome(key, 'insert', false, {}).failure(exists)).toThrow(RecordExistsError);
    const kept = await new RecordOutcome(key, 'insert', false, { onError: 'inStream' }).failure(exists).collect();
    expect(kept.map((r) => [r.isOk, r.resultCode, r.exception])).toEqual([[false, ResultCode.KEY_EXISTS_ERROR, exists]]);
    const seen: Array<[unknown, number, AerospikeError]> = [];
    const handled = await new RecordOutcome(key, 'insert', false, { onError: (k, code, err) => seen.push([k, code, err]) }).failure(exists).collect();
    expect(handled).toEqual([]);
    expect(seen).toEqual([[key, ResultCode.KEY_EXISTS_ERROR, exists]]);
  });

  it('a failure without a server result code is rethrown as it is, whatever onError says', () => {
    const down = new ConnectionError('node went away');
    expect(() => new RecordOutcome(key, 'upsert', false, { onError: 'inStream' }).failure(down)).toThrow(down);
  });

  it('a missing record is an answer of read, delete and exists, an error of touch and writes', async () => {
    const missing = serverError(ResultCode.KEY_NOT_FOUND_ERROR);
    expect((await new RecordOutcome(key, 'read', false, {}).failure(missing).first())?.resultCode).toBe(ResultCode.KEY_NOT_FOUND_ERROR);
    expect((await new RemoveOutcome(key, 'delete', false, {}).value(false).first())?.resultCode).toBe(ResultCode.KEY_NOT_FOUND_ERROR);
    expect((await new RemoveOutcome(key, 'delete', false, {}).value(true).first())?.isOk).toBe(true);
    expect((await new ExistsOutcome(key, 'exists', false, {}).value(null).first())?.asBool()).toBe(false);
    expect((await new ExistsOutcome(key, 'exists', false, {}).value({ generation: 1, ttl: -1 }).first())?.asBool()).toBe(true);
    expect(() => new TouchOutcome(key, 'touch', false, {}).failure(missing)).toThrow(RecordNotFoundError);
    expect(() => new RecordOutcome(key, 'update', false, {}).failure(missing)).toThrow(RecordNotFoundError);
    const touched = await new TouchOutcome(key, 'touch', false, {}).value({ generation: 4, ttl: 600 }).firstOrRaise();
    expect([touched.record?.generation, touched.record?.ttl]).toEqual([4, 600]);
  });

  it('a record the filter skipped is an answer unless failOnFilteredOut()', async () => {
    const skipped = serverError(ResultCode.FILTERED_OUT);
    expect((await new RecordOutcome(key, 'update', false, {}).failure(skipped).first())?.resultCode).toBe(ResultCode.FILTERED_OUT);
    expect(() => new RecordOutcome(key, 'update', true, {}).failure(skipped)).toThrow(expect.objectContaining({ resultCode: ResultCode.FILTERED_OUT }) as Error);
  });

  it.each([
    ['read', ResultCode.KEY_NOT_FOUND_ERROR, false, true],
    ['delete', ResultCode.KEY_NOT_FOUND_ERROR, false, true],
    ['exists', ResultCode.KEY_NOT_FOUND_ERROR, false, true],
    ['touch', ResultCode.KEY_NOT_FOUND_ERROR, false, false],
    ['upsert', ResultCode.KEY_NOT_FOUND_ERROR, false, false],
    ['upsert', ResultCode.FILTERED_OUT, false, true],
    ['upsert', ResultCode.FILTERED_OUT, true, false],
    ['insert', ResultCode.KEY_EXISTS_ERROR, false, false]
  ] as const)('toleratedCode(%s, %i, failOnFilteredOut %s) is %s', (verb, code, strict, expected) => {
    expect(toleratedCode(verb, strict, code)).toBe(expected);
  });
});
