import * as aerospike from '@aerospike-ts/classic';
import { HOSTS, NAMESPACE, uniqueSet, describeServer, itUnlessEmulatorLacks } from '../helpers/env';

describeServer('classic API: HLL, bit and expression helper modules', () => {
  let client: aerospike.AsyncClient;
  const set = uniqueSet('classic_x');

  beforeAll(async () => {
    const [host, port] = (HOSTS as string).split(',')[0]?.split(':') ?? [];
    client = await aerospike.client({ hosts: [[host as string, Number(port)]] }).connect();
  });
  afterAll(async () => {
    await client?.close();
  });

  itUnlessEmulatorLacks('bit-hll')('HLL and bit operations', async () => {
    const { hll_operations: h, bit_operations: b } = aerospike;
    const key: aerospike.Key = [NAMESPACE, set, 'hb'];
    await client.operate(key, [h.hll_init('h', 12), h.hll_add('h', ['a', 'b', 'c', 'b']), b.bit_resize('bits', 2), b.bit_set('bits', 0, 8, Buffer.from([0x0f]))]);
    const rec = await client.operate(key, [h.hll_get_count('h'), b.bit_count('bits', 0, 16), b.bit_get_int('bits', 0, 8)]);
    expect(rec.bins?.['h']).toBe(3);
    expect(rec.bins?.['bits']).toEqual([4, 15]);
  });

  it('filter expressions built with the exp module', async () => {
    const { exp } = aerospike;
    const key: aerospike.Key = [NAMESPACE, set, 'e'];
    await client.put(key, { age: 20, name: 'Tim' });
    const adult = exp.and_(exp.ge(exp.int_bin('age'), exp.int_val(18)), exp.eq(exp.string_bin('name'), exp.string_val('Tim')));
    expect((await client.get(key, { filter_expression: adult })).bins?.['age']).toBe(20);
    const minor = exp.lt(exp.int_bin('age'), exp.int_val(18));
    await expect(client.get(key, { filter_expression: minor })).rejects.toBeInstanceOf(aerospike.FilteredOut);
    await expect(client.put(key, { x: 1 }, undefined, { filter_expression: exp.build(minor) })).rejects.toBeInstanceOf(aerospike.FilteredOut);
  });
});
