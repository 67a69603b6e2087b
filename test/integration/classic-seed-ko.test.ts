import * as aerospike from '@aerospike-ts/classic';
import { describeServer, HOSTS, NAMESPACE, uniqueSet } from '../helpers/env';

// The examples of the Korean aerospike_py write guide (aerospike-py-write-operations-ko.md),
// translated to TypeScript. That guide shows each example twice, for the sync client and
// for AsyncClient; here both forms run, through `client(...)` and `new AsyncClient(...)`.
describeServer('classic API: the Korean aerospike_py write guide', () => {
  const set = uniqueSet('classic_ko');
  const [host, port] = (HOSTS ?? '127.0.0.1:3000').split(',')[0]?.split(':') ?? [];
  const hosts: Array<[string, number]> = [[host as string, Number(port)]];
  const forms: Array<[string, () => Promise<aerospike.AsyncClient>]> = [
    ['client().connect()', () => aerospike.client({ hosts }).connect()],
    ['new AsyncClient() + await connect()', async () => {
      const c = new aerospike.AsyncClient({ hosts });
      await c.connect();
      return c;
    }]
  ];

  describe.each(forms)('%s', (form, open) => {
    let client: aerospike.AsyncClient;
    const key: aerospike.Key = [NAMESPACE, set, `user1_${form.length}`];
    const bins = { name: 'Alice', age: 30 };

    beforeAll(async () => {
      client = await open();
    });
    afterAll(async () => {
      await client?.close();
    });

    it('단순 쓰기 and every supported bin value type (None removes the bin)', async () => {
      await client.put(key, { name: 'Alice', age: 30 });
      await client.put(key, {
        str_bin: 'hello',
        int_bin: 42,
        float_bin: 3.14,
        bytes_bin: Buffer.from([0x00, 0x01, 0x02]),
        list_bin: [1, 2, 3],
        map_bin: { nested: 'dict' },
        bool_bin: true,
        none_bin: null
      });
      const record = await client.get(key);
      expect(record.bins).toMatchObject({ name: 'Alice', age: 30, str_bin: 'hello', int_bin: 42, float_bin: 3.14, list_bin: [1, 2, 3], map_bin: { nested: 'dict' }, bool_bin: true });
      expect(Buffer.from(record.bins?.['bytes_bin'] as Uint8Array)).toEqual(Buffer.from([0, 1, 2]));
      expect(record.bins).not.toHaveProperty('none_bin');
    });

    it('TTL (초 단위) and TTL_NEVER_EXPIRE', async () => {
      await client.put(key, { val: 1 }, { ttl: 300 });
      const ttl = (await client.get(key)).meta?.ttl as number;
      expect(ttl).toBeGreaterThan(290);
      expect(ttl).toBeLessThanOrEqual(300);
      await client.put(key, { val: 1 }, { ttl: aerospike.TTL_NEVER_EXPIRE });
      expect((await client.get(key)).meta?.ttl).toBe(aerospike.TTL_NEVER_EXPIRE);
    });

    it('생성 전용, 교체 전용 and sending the key', async () => {
      const fresh: aerospike.Key = [NAMESPACE, set, `fresh_${form.length}`];
      const policy: aerospike.WritePolicy = { exists: aerospike.POLICY_EXISTS_CREATE_ONLY };
      await client.put(fresh, bins, undefined, policy);
      await expect(client.put(fresh, bins, undefined, policy)).rejects.toBeInstanceOf(aerospike.RecordExistsError);
      await client.put(fresh, bins, undefined, { exists: aerospike.POLICY_EXISTS_REPLACE_ONLY });
      const missing: aerospike.Key = [NAMESPACE, set, `missing_${form.length}`];
      await expect(client.put(missing, bins, undefined, { exists: aerospike.POLICY_EXISTS_REPLACE_ONLY })).rejects.toBeInstanceOf(aerospike.RecordNotFound);
      await client.put(fresh, bins, undefined, { key: aerospike.POLICY_KEY_SEND });
      expect((await client.get(fresh)).key?.[2]).toBe(`fresh_${form.length}`);
    });

    it('increment (정수, 실수), append, prepend', async () => {
      await client.put(key, { age: 30, score: 1.25, name: 'Alice', greeting: 'World' });
      await client.increment(key, 'age', 1);
      await client.increment(key, 'score', 0.5);
      await client.append(key, 'name', ' Smith');
      await client.prepend(key, 'greeting', 'Hello, ');
      expect((await client.get(key)).bins).toMatchObject({ age: 31, score: 1.75, name: 'Alice Smith', greeting: 'Hello, World' });
    });

    it('remove_bin, touch, and remove with a generation check', async () => {
      await client.put(key, { temp_bin: 1, debug_bin: 2, val: 1 });
      await client.remove_bin(key, ['temp_bin', 'debug_bin']);
      expect(Object.keys((await client.get(key)).bins ?? {})).not.toContain('temp_bin');
      await client.touch(key, 600);
      expect((await client.get(key)).meta?.ttl).toBeGreaterThan(590);
      const gen = (await client.get(key)).meta?.gen as number;
      await expect(client.remove(key, { gen: gen + 5 }, { gen: aerospike.POLICY_GEN_EQ })).rejects.toBeInstanceOf(aerospike.RecordGenerationError);
      await client.remove(key, { gen }, { gen: aerospike.POLICY_GEN_EQ });
      await expect(client.get(key)).rejects.toBeInstanceOf(aerospike.RecordNotFound);
    });

    it('operate and operate_ordered (results = [("name", "Bob"), ("counter", 2)] style)', async () => {
      await client.put(key, { counter: 1 });
      const ops: aerospike.OperationDict[] = [
        { op: aerospike.OPERATOR_WRITE, bin: 'name', val: 'Bob' },
        { op: aerospike.OPERATOR_INCR, bin: 'counter', val: 1 },
        { op: aerospike.OPERATOR_READ, bin: 'counter', val: null }
      ];
      // Python's `_, meta, bins = client.operate(key, ops)`: the fields by name keep their types
      const { meta, bins: opBins } = await client.operate(key, ops);
      expect(opBins?.['counter']).toBe(2);
      expect(meta?.gen).toBeGreaterThan(1);
      const { ordered_bins: results } = await client.operate_ordered(key, ops);
      expect(results.map((r) => [r.name, r.value])).toEqual([['counter', 3]]);
    });

    it('batch_operate over counter_0..9, then batch_remove of temp_0..99', async () => {
      const keys: aerospike.Key[] = Array.from({ length: 10 }, (_, i) => [NAMESPACE, set, `counter_${i}_${form.length}`]);
      const ops: aerospike.OperationDict[] = [
        { op: aerospike.OPERATOR_INCR, bin: 'views', val: 1 },
        { op: aerospike.OPERATOR_READ, bin: 'views', val: null }
      ];
      await client.batch_operate(keys, ops);
      const results = await client.batch_operate(keys, ops);
      const views: unknown[] = [];
      for (const record of results) if (record.bins) views.push(record.bins['views']);
      expect(views).toEqual(Array(10).fill(2));
      const temps: aerospike.Key[] = Array.from({ length: 100 }, (_, i) => [NAMESPACE, set, `temp_${i}_${form.length}`]);
      for (const k of temps.slice(0, 50)) await client.put(k, { t: 1 });
      const removed = await client.batch_remove(temps);
      expect(removed.filter((r) => r.result === 0)).toHaveLength(50);
      expect(removed.filter((r) => r.result === aerospike.ERR_RECORD_NOT_FOUND)).toHaveLength(50);
    });

    it('optimistic locking and the error-handling example', async () => {
      await client.put(key, { val: 1 });
      const { meta, bins: current } = await client.get(key);
      await client.put(key, { val: (current?.['val'] as number) + 1 }, { gen: meta?.gen as number }, { gen: aerospike.POLICY_GEN_EQ });
      let retryNeeded = false;
      try {
        await client.put(key, { val: 99 }, { gen: meta?.gen as number }, { gen: aerospike.POLICY_GEN_EQ });
      } catch (e) {
        if (e instanceof aerospike.RecordGenerationError) retryNeeded = true;
        else throw e;
      }
      expect(retryNeeded).toBe(true);
      await client.remove(key);
      let outcome = '';
      try {
        await client.get(key);
      } catch (e) {
        if (e instanceof aerospike.RecordNotFound) outcome = 'Not found';
        else if (e instanceof aerospike.RecordExistsError) outcome = 'exists';
        else if (e instanceof aerospike.AerospikeError) outcome = `Error: ${String(e)}`;
        else throw e;
      }
      expect(outcome).toBe('Not found');
    });
  });
});
