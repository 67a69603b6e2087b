import * as aerospike from '@aerospike-ts/classic';
import { AerospikeError as CoreAerospikeError } from '@aerospike-ts/core';
import { describeServer, HOSTS, NAMESPACE, uniqueSet } from '../helpers/env';

// The examples of the aerospike_py write guide, translated to TypeScript.
describeServer('classic API: the aerospike_py write guide', () => {
  let client: aerospike.AsyncClient;
  const set = uniqueSet('classic');
  const key: aerospike.Key = [NAMESPACE, set, 'user1'];

  beforeAll(async () => {
    const [host, port] = (HOSTS as string).split(',')[0]?.split(':') ?? [];
    client = await aerospike.client({ hosts: [[host as string, Number(port)]] }).connect();
  });
  afterAll(async () => {
    await client?.close();
  });

  it('writes, with TTL, and create-only', async () => {
    await client.put(key, { name: 'Alice', age: 30 });
    await client.put(key, { str_bin: 'hello', int_bin: 42, float_bin: 3.14, list_bin: [1, 2, 3], map_bin: { nested: 'dict' } });
    await client.put(key, { val: 1 }, { ttl: 300 });
    const record = await client.get(key);
    expect(record.bins).toMatchObject({ name: 'Alice', age: 30, str_bin: 'hello', int_bin: 42, float_bin: 3.14, list_bin: [1, 2, 3], map_bin: { nested: 'dict' }, val: 1 });
    expect(record.meta?.ttl).toBeGreaterThan(290);
    expect(record.key?.[0]).toBe(NAMESPACE);
    const [k, meta, bins] = record;
    expect(k).toEqual(record.key);
    expect(meta).toEqual(record.meta);
    expect(bins).toBe(record.bins);
    const err = await client.put(key, { val: 1 }, undefined, { exists: aerospike.POLICY_EXISTS_CREATE_ONLY }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(aerospike.RecordExistsError);
    expect(err).toBeInstanceOf(aerospike.RecordError);
    expect(err).toBeInstanceOf(aerospike.exception.AerospikeError);
    expect(err).toBeInstanceOf(CoreAerospikeError);
    expect((err as aerospike.RecordExistsError).code).toBe(aerospike.ERR_RECORD_EXISTS);
    expect((err as aerospike.RecordExistsError).in_doubt).toBe(false);
    expect((err as aerospike.RecordExistsError).msg).toMatch(/already exists/);
  });

  it('updates with increment, append, prepend', async () => {
    await client.put(key, { age: 30, score: 1.25, name: 'Alice', greeting: 'World' });
    await client.increment(key, 'age', 1);
    await client.increment(key, 'score', 0.5);
    await client.append(key, 'name', ' Smith');
    await client.prepend(key, 'greeting', 'Hello, ');
    expect((await client.get(key)).bins).toMatchObject({ age: 31, score: 1.75, name: 'Alice Smith', greeting: 'Hello, World' });
  });

  it('deletes, with a generation check, and removes bins', async () => {
    await client.put(key, { temp_bin: 1, debug_bin: 2, keep: 3 });
    await client.remove_bin(key, ['temp_bin', 'debug_bin']);
    expect((await client.get(key)).bins).not.toHaveProperty('temp_bin');
    const gen = (await client.get(key)).meta?.gen as number;
    await expect(client.remove(key, { gen: gen + 5 }, { gen: aerospike.POLICY_GEN_EQ })).rejects.toBeInstanceOf(aerospike.RecordGenerationError);
    await client.remove(key, { gen }, { gen: aerospike.POLICY_GEN_EQ });
    await expect(client.remove(key)).rejects.toBeInstanceOf(aerospike.RecordNotFound);
    await expect(client.get(key)).rejects.toBeInstanceOf(aerospike.RecordNotFound);
    const ex = await client.exists(key);
    expect(ex.meta).toBeNull();
  });

  it('touches (resets the TTL)', async () => {
    await client.put(key, { v: 1 });
    await client.touch(key, 600);
    expect((await client.get(key)).meta?.ttl).toBeGreaterThan(590);
  });

  it('operates atomically, and in order', async () => {
    await client.put(key, { counter: 1 });
    const ops: aerospike.OperationDict[] = [
      { op: aerospike.OPERATOR_WRITE, bin: 'name', val: 'Bob' },
      { op: aerospike.OPERATOR_INCR, bin: 'counter', val: 1 },
      { op: aerospike.OPERATOR_READ, bin: 'counter', val: null }
    ];
    const record = await client.operate(key, ops);
    expect(record.bins?.['counter']).toBe(2);
    const result = await client.operate_ordered(key, ops);
    expect(result.ordered_bins.map((bt) => `${bt.name} = ${String(bt.value)}`)).toEqual(['counter = 3']);
    const [, , ordered] = result;
    expect(ordered).toBe(result.ordered_bins);
  });

  it('batch operates and removes; each entry has key, result, record, in_doubt, bins, meta', async () => {
    const keys: aerospike.Key[] = [1, 2, 3].map((i) => [NAMESPACE, set, `b${i}`]);
    for (const k of keys) await client.put(k, { views: 10 });
    const results = await client.batch_operate(keys, [{ op: aerospike.OPERATOR_INCR, bin: 'views', val: 1 }, { op: aerospike.OPERATOR_READ, bin: 'views' }]);
    expect(results.map((br) => br.record?.bins?.['views'])).toEqual([11, 11, 11]);
    expect(results.every((br) => br.result === 0 && br.in_doubt === false && br.bins === br.record?.bins)).toBe(true);
    const removed = await client.batch_remove(keys);
    expect(removed.map((br) => br.result)).toEqual([0, 0, 0]);
    const after = await client.batch_read(keys);
    expect(after.every((br) => br.record === null && br.result === aerospike.ERR_RECORD_NOT_FOUND)).toBe(true);
  });

  it('optimistic locking raises RecordGenerationError on a concurrent modification', async () => {
    await client.put(key, { val: 1 });
    const record = await client.get(key);
    await client.put(key, { val: 100 }); // someone else writes
    let conflict = false;
    try {
      await client.put(key, { val: (record.bins?.['val'] as number) + 1 }, { gen: record.meta?.gen as number }, { gen: aerospike.POLICY_GEN_EQ });
    } catch (e) {
      if (e instanceof aerospike.RecordGenerationError) conflict = true;
      else throw e;
    }
    expect(conflict).toBe(true);
  });

  it('rejects bad input with InvalidArgError before sending', async () => {
    await expect(client.put(['test', set] as unknown as aerospike.Key, { a: 1 })).rejects.toBeInstanceOf(aerospike.InvalidArgError);
    await expect(client.put(key, { a: 1 }, undefined, { exists: 'x' as never })).rejects.toThrow(/'exists' must be an integer/);
    await expect(client.put(key, { a: 1 }, undefined, { bogus: 1 } as never)).rejects.toThrow(/unknown key 'bogus'/);
    await expect(client.operate(key, [{ op: 999, bin: 'a' }])).rejects.toThrow(/unknown op code 999/);
  });
});

describeServer('classic admin_* on a server without security', () => {
  it('raises AdminError with SECURITY_NOT_SUPPORTED (51) on Community Edition', async () => {
    const [host, port] = (HOSTS as string).split(',')[0]?.split(':') ?? [];
    const client = await aerospike.client({ hosts: [[host as string, Number(port)]] }).connect();
    try {
      const info = await client.info_random_node('edition');
      if (!/Community/.test(info)) return;
      const calls: Array<() => Promise<unknown>> = [
        () => client.admin_create_user('u1', 'pw', ['read']),
        () => client.admin_drop_user('u1'),
        () => client.admin_grant_roles('u1', ['read']),
        () => client.admin_query_users_info(),
        () => client.admin_create_role('r1', [{ code: 'read', ns: NAMESPACE }]),
        () => client.admin_query_roles(),
        () => client.admin_set_quotas('r1', 10, 10),
        () => client.admin_change_password('u1', 'pw2'),
        () => client.admin_revoke_roles('u1', ['read']),
        () => client.admin_query_user_info('u1'),
        () => client.admin_grant_privileges('r1', [{ code: 'read-write', ns: NAMESPACE }]),
        () => client.admin_revoke_privileges('r1', [{ code: aerospike.PRIV_READ ?? 10 }]),
        () => client.admin_query_role('r1'),
        () => client.admin_set_whitelist('r1', ['127.0.0.1']),
        () => client.admin_drop_role('r1')
      ];
      for (const call of calls) {
        const err = await call().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(aerospike.AdminError);
        expect((err as aerospike.AdminError).code).toBe(aerospike.SECURITY_NOT_SUPPORTED);
      }
      await expect(client.admin_create_role('r1', [{ code: 'nope' }])).rejects.toBeInstanceOf(aerospike.InvalidArgError);
    } finally {
      await client.close();
    }
  });
});
