import {
  AerospikeClient,
  Double,
  EnterpriseOnlyError,
  GenerationError,
  GeoJSON,
  GenerationPolicy,
  InvalidArgumentError,
  Key,
  Op,
  RecordExistsAction,
  RecordExistsError,
  RecordNotFoundError,
  RecordTooBigError,
  BinTypeError,
  INT64_MAX,
  INT64_MIN,
  type Value
} from '@aerospike-ts/core';
import BN from 'bn.js';
import { connectCore, describeServer, NAMESPACE, uniqueSet, HOSTS } from '../helpers/env';

const SET = uniqueSet('core_kv');

describeServer(`core single-record commands against ${HOSTS ?? '(no server)'}`, () => {
  let client: AerospikeClient;
  let community = true;
  const key = (k: string | number): Key => new Key(NAMESPACE, SET, k);

  beforeAll(async () => {
    client = await connectCore();
    community = /community/i.test(client.nodes()[0]?.edition ?? '');
  });
  afterAll(async () => {
    await client?.close();
  });

  it('round-trips every value type exactly, type for type', async () => {
    const bins: Record<string, Value> = {
      nil_free: 'x',
      int: 42,
      neg: -7,
      zero: 0,
      max: INT64_MAX,
      min: INT64_MIN,
      big: 2n ** 53n + 1n,
      bn: new BN('-9007199254740993'),
      dbl: 3.25,
      dblInt: new Double(2),
      dblNeg: -0.5,
      str: 'héllo wörld ✓ 😀',
      empty: '',
      blob: Buffer.from([0, 1, 2, 0xff]),
      u8: new Uint8Array([9, 8, 7]),
      t: true,
      f: false,
      geo: new GeoJSON({ type: 'Point', coordinates: [-122.349, 47.62] }),
      list: [1, 'a', 2.5, [true, null], Buffer.from('zz'), new Map<number, string>([[1, 'one']])],
      map: new Map<string | number | Buffer, Value>([
        ['s', 1],
        [7, 'seven'],
        [-3, [1, 2]],
        [Buffer.from('k'), { nested: { deeper: [INT64_MIN, new Double(1)] } }]
      ]),
      obj: { b: 2, a: 1 }
    };
    await client.put(key('types'), bins);
    const rec = await client.get(key('types'));
    const b = rec.bins;
    expect(b['int']).toBe(42);
    expect(b['neg']).toBe(-7);
    expect(b['zero']).toBe(0);
    expect(b['max']).toBe(INT64_MAX);
    expect(b['min']).toBe(INT64_MIN);
    expect(b['big']).toBe(2n ** 53n + 1n);
    expect(b['bn']).toBe(-9007199254740993n);
    expect(b['dbl']).toBe(3.25);
    expect(b['dblInt']).toEqual(new Double(2));
    expect(b['dblNeg']).toBe(-0.5);
    expect(b['str']).toBe('héllo wörld ✓ 😀');
    expect(b['empty']).toBe('');
    expect(b['blob']).toEqual(Buffer.from([0, 1, 2, 0xff]));
    expect(Buffer.isBuffer(b['u8'])).toBe(true);
    expect(b['u8']).toEqual(Buffer.from([9, 8, 7]));
    expect(b['t']).toBe(true);
    expect(b['f']).toBe(false);
    expect(b['geo']).toBeInstanceOf(GeoJSON);
    expect((b['geo'] as GeoJSON).toObject()).toEqual({ type: 'Point', coordinates: [-122.349, 47.62] });
    expect(b['list']).toEqual([1, 'a', 2.5, [true, null], Buffer.from('zz'), new Map([[1, 'one']])]);
    const m = b['map'] as Map<unknown, unknown>;
    expect(m).toBeInstanceOf(Map);
    // key-ordered map: integers first, then strings, then bytes
    expect([...m.keys()]).toEqual([-3, 7, 's', Buffer.from('k')]);
    expect(m.get(7)).toBe('seven');
    expect(m.get(-3)).toEqual([1, 2]);
    expect([...m.values()][3]).toEqual(new Map([['nested', new Map([['deeper', [INT64_MIN, new Double(1)]]])]]));
    expect(b['obj']).toEqual(new Map([['a', 1], ['b', 2]]));
  });

  it('returns maps as plain objects when asked', async () => {
    const c = new AerospikeClient({ hosts: HOSTS as string, maps: 'object' });
    await c.connect();
    try {
      await c.put(key('objmap'), { m: { x: { y: 1 } }, im: new Map([[1, 2]]) });
      const rec = await c.get(key('objmap'));
      expect(rec.bins['m']).toEqual({ x: { y: 1 } });
      expect(rec.bins['im']).toEqual(new Map([[1, 2]]));
    } finally {
      await c.close();
    }
  });

  it('stores a blob just under 1 MiB and rejects one over with RecordTooBigError', async () => {
    const ok = Buffer.alloc(1024 * 1024 - 1024, 0xab);
    await client.put(key('big'), { b: ok });
    const rec = await client.get(key('big'));
    expect((rec.bins['b'] as Buffer).equals(ok)).toBe(true);
    const err = await client.put(key('toobig'), { b: Buffer.alloc(1024 * 1024, 1) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordTooBigError);
    expect((err as RecordTooBigError).resultCode).toBe(13);
    expect((err as RecordTooBigError).inDoubt).toBe(false);
  });

  it('returns generation and TTL metadata', async () => {
    const k = key('meta');
    await client.remove(k);
    const m1 = await client.put(k, { a: 1 }, { ttl: 3600 });
    expect(m1.generation).toBe(1);
    expect(m1.ttl).toBeGreaterThan(3590);
    expect(m1.ttl).toBeLessThanOrEqual(3600);
    const m2 = await client.put(k, { a: 2 }, { ttl: -1 });
    expect(m2.generation).toBe(2);
    expect(m2.ttl).toBe(-1);
    const m3 = await client.put(k, { a: 3 }, { ttl: -2 });
    expect(m3.ttl).toBe(-1);
    const rec = await client.get(k);
    expect(rec.generation).toBe(3);
    expect(rec.ttl).toBe(-1);
    const t = await client.touch(k, { ttl: 7200 });
    expect(t.generation).toBe(4);
    expect(t.ttl).toBeGreaterThan(7190);
    const e = await client.exists(k);
    expect(e?.generation).toBe(4);
    const h = await client.getHeader(k);
    expect(h.bins).toEqual({});
  });

  it('applies exists actions and generation checks', async () => {
    const k = key('policies');
    await client.remove(k);
    await expect(client.put(k, { a: 1 }, { exists: RecordExistsAction.UPDATE_ONLY })).rejects.toBeInstanceOf(RecordNotFoundError);
    await client.put(k, { a: 1, b: 2 }, { exists: RecordExistsAction.CREATE_ONLY });
    await expect(client.put(k, { a: 1 }, { exists: RecordExistsAction.CREATE_ONLY })).rejects.toBeInstanceOf(RecordExistsError);
    await client.put(k, { c: 3 }, { exists: RecordExistsAction.REPLACE_ONLY });
    expect((await client.get(k)).bins).toEqual({ c: 3 });
    await client.put(k, { d: 4 }, { exists: RecordExistsAction.REPLACE });
    expect((await client.get(k)).bins).toEqual({ d: 4 });
    const gen = (await client.get(k)).generation;
    await expect(client.put(k, { e: 5 }, { generationPolicy: GenerationPolicy.EXPECT_GEN_EQUAL, generation: gen + 1 })).rejects.toBeInstanceOf(GenerationError);
    await client.put(k, { e: 5 }, { generationPolicy: GenerationPolicy.EXPECT_GEN_EQUAL, generation: gen });
    await client.put(k, { e: 6 }, { generationPolicy: GenerationPolicy.EXPECT_GEN_GT, generation: gen + 10 });
    expect((await client.get(k)).bins).toEqual({ d: 4, e: 6 });
  });

  it('removes a bin with null, selects bins, and deletes records', async () => {
    const k = key('bins');
    await client.put(k, { a: 1, b: 2, c: 3 });
    await client.put(k, { b: null });
    expect((await client.get(k)).bins).toEqual({ a: 1, c: 3 });
    expect((await client.get(k, ['c', 'zz'])).bins).toEqual({ c: 3 });
    expect(await client.remove(k)).toBe(true);
    expect(await client.remove(k)).toBe(false);
    await expect(client.get(k)).rejects.toBeInstanceOf(RecordNotFoundError);
  });

  it('stores and returns the user key with sendKey, for string, integer and bytes keys', async () => {
    for (const uk of ['sk', -12345, Buffer.from([1, 2, 3])] as const) {
      const k = new Key(NAMESPACE, SET, uk);
      await client.put(k, { v: 1 }, { sendKey: true });
      expect((await client.get(k, null, { sendKey: true })).bins).toEqual({ v: 1 });
    }
  });

  it('operates with scalar ops in one atomic command', async () => {
    const k = key('operate');
    await client.put(k, { n: 10, f: 1.5, s: 'mid', b: Buffer.from('22', 'hex') });
    const rec = await client.operate(k, [
      Op.add('n', 5),
      Op.add('f', 0.5),
      Op.append('s', '-end'),
      Op.prepend('s', 'start-'),
      Op.append('b', Buffer.from('33', 'hex')),
      Op.read('n'),
      Op.read('f'),
      Op.read('s'),
      Op.read('b')
    ]);
    expect(rec.bins).toEqual({ n: 15, f: new Double(2), s: 'start-mid-end', b: Buffer.from('2233', 'hex') });
    const ordered = await client.operate(k, [Op.add('n', 1), Op.read('n'), Op.add('n', 1), Op.read('n')], undefined, { ordered: true });
    expect(ordered.bins['n']).toEqual([16, 17]);
    expect(ordered.ordered).toEqual([['n', 16], ['n', 17]]);
    const all = await client.operate(k, [Op.write('w', 'x'), Op.read()]);
    expect(all.bins).toMatchObject({ n: 17, w: 'x' });
    const th = await client.operate(k, [Op.touch(), Op.readHeader()], { ttl: 500 });
    expect(th.ttl).toBeGreaterThan(490);
    await expect(client.operate(k, [Op.add('s', 1)])).rejects.toBeInstanceOf(BinTypeError);
    await client.operate(k, [Op.delete()]);
    expect(await client.exists(k)).toBeNull();
  });

  it('rejects bad input before anything is sent', async () => {
    const k = key('bad');
    await expect(client.put(k, { ['x'.repeat(16)]: 1 })).rejects.toThrow(/bin name .* 16 bytes long; the limit is 15/);
    await expect(client.put(k, { a: undefined as unknown as Value })).rejects.toThrow(/undefined/);
    await expect(client.put(k, { a: (() => 1) as unknown as Value })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.put(k, { a: [1, undefined] as unknown as Value })).rejects.toBeInstanceOf(InvalidArgumentError);
    const circ: Record<string, unknown> = {};
    circ['self'] = circ;
    await expect(client.put(k, { a: circ as unknown as Value })).rejects.toThrow(/circular/i);
    await expect(client.put(k, { a: 2n ** 63n })).rejects.toThrow(/64-bit/);
    await expect(client.put(k, { a: 'x\ud800' })).rejects.toThrow(/UTF-8/);
    await expect(client.put(k, { ['b\udc00']: 1 })).rejects.toThrow(/UTF-8/);
    await expect(client.put(k, { a: Symbol('s') as unknown as Value })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.put(k, { a: 1 }, { ttl: 'x' as unknown as number })).rejects.toThrow(/'ttl' must be an integer/);
    expect(await client.exists(k)).toBeNull();
  });

  it('surfaces Enterprise-only features clearly on Community Edition', async () => {
    if (!community) return; // Enterprise servers accept these
    const k = key('ee');
    await client.put(k, { a: 1 });
    const err = await client.remove(k, { durableDelete: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EnterpriseOnlyError);
    expect((err as EnterpriseOnlyError).resultCode).toBe(25);
    expect((err as Error).message).toMatch(/Community Edition/);
    const big = { s: 'x'.repeat(500) };
    await expect(client.put(k, big, { compress: true })).rejects.toBeInstanceOf(EnterpriseOnlyError);
  });

  it('reports a login attempt against a server without security as a typed error', async () => {
    if (!community) return;
    const c = new AerospikeClient({ hosts: HOSTS as string, user: 'admin', password: 'admin' });
    const err = await c.connect().catch((e: unknown) => e);
    await c.close();
    expect((err as { resultCode?: number }).resultCode).toBe(51);
    expect(String(err)).toMatch(/no security/);
  });
});
