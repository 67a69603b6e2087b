import { InvalidArgumentError, RecordExistsError, ResultCode, serverError, type AerospikeClient, type AerospikeError, type BatchRecord, type BatchResult, type ResultAdapter } from '@aerospike-ts/core';
import { Behavior } from '../src/behavior';
import { DataSet, type Key } from '../src/dataset';
import { Session } from '../src/session';

const users = DataSet.of('test', 'users');

/** Settles as core does: with `run`'s result or error, through the front end's adapter when it passes one. */
function settle<T>(adapter: ResultAdapter<T, unknown> | undefined, run: () => T): Promise<unknown> {
  return new Promise((resolve) => {
    let value: T;
    try {
      value = run();
    } catch (err) {
      if (adapter === undefined) throw err;
      resolve(adapter.failure(err as Error));
      return;
    }
    resolve(adapter === undefined ? value : adapter.value(value));
  });
}

/** A core client stand-in: key 'bad' fails with RECORD_EXISTS, key 'gone' is not found, others succeed. */
function fakeClient(): AerospikeClient {
  const record = { bins: { a: 1 }, generation: 1, ttl: -1 };
  const outcome = (userKey: unknown): number => (userKey === 'bad' ? ResultCode.KEY_EXISTS_ERROR : userKey === 'gone' ? ResultCode.KEY_NOT_FOUND_ERROR : 0);
  return {
    async info(cmd: string) {
      return new Map([[cmd, 'strong-consistency=false']]);
    },
    operate(key: { userKey: unknown }, _ops: unknown, _policy: unknown, _options: unknown, adapter?: ResultAdapter<typeof record, unknown>) {
      return settle(adapter, () => {
        const code = outcome(key.userKey);
        if (code !== 0) throw serverError(code, { detail: String(key.userKey) });
        return record;
      });
    },
    exists(key: { userKey: unknown }, _policy: unknown, adapter?: ResultAdapter<typeof record | null, unknown>) {
      return settle(adapter, () => (outcome(key.userKey) === 0 ? record : null));
    },
    async batch(records: readonly BatchRecord[]): Promise<BatchResult[]> {
      return records.map((r) => {
        const code = outcome(r.key.userKey);
        return code === 0 ? { key: r.key, resultCode: 0, record: { key: r.key, ...record }, inDoubt: false } : { key: r.key, resultCode: code, record: null, inDoubt: false, error: serverError(code) };
      });
    }
  } as unknown as AerospikeClient;
}

describe('execute({ onError })', () => {
  const s = new Session(fakeClient(), Behavior.DEFAULT);

  it('a single key raises by default; inStream keeps the failure; a handler receives it', async () => {
    await expect(s.insert(users.id('bad')).put({ a: 1 }).execute()).rejects.toBeInstanceOf(RecordExistsError);
    const kept = await (await s.insert(users.id('bad')).put({ a: 1 }).execute({ onError: 'inStream' })).collect();
    expect(kept.map((r) => [r.isOk, r.resultCode])).toEqual([[false, ResultCode.KEY_EXISTS_ERROR]]);
    const seen: Array<[unknown, number, AerospikeError]> = [];
    const handled = await (await s.insert(users.id('bad')).put({ a: 1 }).execute({ onError: (k, code, e) => seen.push([k?.value, code, e]) })).collect();
    expect(handled).toEqual([]);
    expect(seen.map(([k, c, e]) => [k, c, e instanceof RecordExistsError])).toEqual([['bad', ResultCode.KEY_EXISTS_ERROR, true]]);
  });

  it('several keys keep failures in the stream by default; raise throws the first; a handler takes them out', async () => {
    const keys = users.ids('ok', 'bad', 'ok2');
    const all = await (await s.upsert(...keys).put({ a: 1 }).execute()).collect();
    expect(all.map((r) => r.isOk)).toEqual([true, false, true]);
    await expect(s.upsert(...keys).put({ a: 1 }).execute({ onError: 'raise' })).rejects.toMatchObject({ resultCode: ResultCode.KEY_EXISTS_ERROR });
    const failedKeys: Array<Key<unknown> | null> = [];
    const rest = await (await s.upsert(...keys).put({ a: 1 }).execute({ onError: (k) => failedKeys.push(k) })).collect();
    expect(rest.map((r) => [r.index, r.key.value])).toEqual([
      [0, 'ok'],
      [2, 'ok2']
    ]);
    expect(failedKeys.map((k) => k?.value)).toEqual(['bad']);
  });

  it('a missing record is an answer of exists and of batch reads, not a failure', async () => {
    expect(await (await s.exists(users.id('gone')).execute({ onError: 'raise' })).firstOrRaise().catch((e: unknown) => e)).toMatchObject({ resultCode: ResultCode.KEY_NOT_FOUND_ERROR });
    expect((await (await s.exists(users.id('gone')).execute()).first())?.asBool()).toBe(false);
    const batch = await (await s.batch().read(users.id('gone')).exists(users.id('gone')).upsert(users.id('ok')).bin('a').setTo(1).execute({ onError: 'raise' })).collect();
    expect(batch.map((r) => r.resultCode)).toEqual([ResultCode.KEY_NOT_FOUND_ERROR, ResultCode.KEY_NOT_FOUND_ERROR, 0]);
    await expect(s.batch().upsert(users.id('bad')).bin('a').setTo(1).execute({ onError: 'raise' })).rejects.toMatchObject({ resultCode: ResultCode.KEY_EXISTS_ERROR });
    // a batch keeps failures in the stream by default, even with one entry
    expect((await (await s.batch().upsert(users.id('bad')).bin('a').setTo(1).execute()).collect()).map((r) => r.isOk)).toEqual([false]);
  });

  it('refuses an unknown strategy before anything runs', async () => {
    await expect(s.upsert(users.id('ok')).put({ a: 1 }).execute({ onError: 'ignore' as 'raise' })).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
