import { type AerospikeClient, BitOp, Ctx, Exp, ExpOp, HllOp, Key, ListOp, ListReturnType, MapOp, MapReturnType, Op, HLL, FilteredOutError } from '@aerospike-ts/core';
import { connectCore, NAMESPACE, uniqueSet, describeServer, itUnlessEmulatorLacks } from '../helpers/env';

describeServer('collection, bit, HLL and expression operations on a real server', () => {
  let client: AerospikeClient;
  const set = uniqueSet('cdt');
  const key = (k: string): Key => new Key(NAMESPACE, set, k);

  beforeAll(async () => {
    client = await connectCore();
  });
  afterAll(async () => {
    await client?.close();
  });

  it('list operations', async () => {
    const k = key('list');
    await client.put(k, { l: [3, 1, 2] });
    const r = await client.operate(k, [
      ListOp.append('l', 7),
      ListOp.appendItems('l', [8, 9]),
      ListOp.sort('l', 0),
      ListOp.getByIndexRange('l', 0, ListReturnType.VALUE, 3),
      ListOp.size('l')
    ]);
    expect(r.bins['l']).toEqual([4, 6, [1, 2, 3], 6]);
    const removed = await client.operate(k, [ListOp.removeByValueRange('l', 7, null, ListReturnType.COUNT)]);
    expect(removed.bins['l']).toBe(3);
  });

  it('map operations, nested contexts, key-ordered results', async () => {
    const k = key('map');
    await client.put(k, { m: { a: 1, b: 2 }, nest: { x: [[1, 2], [3]] } });
    const r = await client.operate(k, [
      MapOp.put('m', 'c', 3),
      MapOp.increment('m', 'a', 10),
      MapOp.getByKey('m', 'a', MapReturnType.VALUE),
      MapOp.getByRankRange('m', 0, MapReturnType.KEY, 2)
    ]);
    expect(r.bins['m']).toEqual([3, 11, 11, ['b', 'c']]);
    const n = await client.operate(k, [ListOp.append('nest', 9, undefined, [Ctx.mapKey('x'), Ctx.listIndex(1)]), ListOp.getByIndex('nest', 1, ListReturnType.VALUE, [Ctx.mapKey('x')])]);
    expect(n.bins['nest']).toEqual([2, [3, 9]]);
  });

  itUnlessEmulatorLacks('bit-hll')('bit and HLL operations', async () => {
    const k = key('bits');
    await client.operate(k, [BitOp.resize('b', 4), BitOp.set('b', 0, 8, Buffer.from([0xf0]))]);
    const bits = await client.operate(k, [BitOp.count('b', 0, 32), BitOp.get('b', 0, 16)]);
    expect(bits.bins['b']).toEqual([4, Buffer.from([0xf0, 0])]);
    const hk = key('hll');
    await client.operate(hk, [HllOp.init('h', 10), HllOp.add('h', ['a', 'b', 'c', 'a'])]);
    const h = await client.operate(hk, [HllOp.getCount('h'), HllOp.describe('h')]);
    expect(h.bins['h']).toEqual([3, [10, 0]]);
    expect((await client.get(hk)).bins['h']).toBeInstanceOf(HLL);
  });

  it('expression reads/writes and filters', async () => {
    const k = key('exp');
    await client.put(k, { i: 5, s: 'x' });
    const r = await client.operate(k, [ExpOp.read('r', Exp.build(Exp.add(Exp.intBin('i'), Exp.val(10)))), ExpOp.write('w', Exp.build(Exp.mul(Exp.intBin('i'), Exp.val(3)))), Op.read('w')]);
    expect(r.bins['r']).toBe(15);
    expect(r.bins['w']).toEqual([null, 15]);
    await expect(client.get(k, null, { filterExpression: Exp.build(Exp.gt(Exp.intBin('i'), Exp.val(100))) })).rejects.toBeInstanceOf(FilteredOutError);
    expect((await client.get(k, null, { filterExpression: Exp.build(Exp.and(Exp.eq(Exp.stringBin('s'), Exp.val('x')), Exp.binExists('i'))) })).bins['i']).toBe(5);
  });
});
