import { Ctx, ListOp, ListOrder, ListReturnType, MapOp, MapOrder, MapReturnType, MsgPackWriter, OpType, packValue, type CdtContext, type Operation } from '@aerospike-ts/core';

/**
 * Random-but-reproducible list/map/context scenarios for comparing the CDT engine with a
 * real server: each case writes a bin, then applies a sequence of operations to it.
 * The payloads come from the core client's builders (plus raw payloads for op codes the
 * builders do not use), so they are what real clients send.
 */

/** One operation of a scenario: op type (CDT_READ / CDT_MODIFY) and the packed payload. */
export interface CaseOp {
  readonly opType: number;
  readonly payload: Buffer;
  /** A readable label for test names. */
  readonly label: string;
}

/** A scenario: the initial bin value and the operations applied to it in turn. */
export interface CdtCase {
  readonly name: string;
  readonly bin: string;
  /** Particle type (19 map, 20 list) and msgpack bytes of the value written first. */
  readonly initial: { readonly type: number; readonly data: Buffer };
  readonly ops: readonly CaseOp[];
}

/** mulberry32: a small seeded PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  readonly #r: () => number;
  constructor(seed: number) {
    this.#r = rng(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.#r() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)] as T;
  }
  chance(p: number): boolean {
    return this.#r() < p;
  }
}

const SCALARS: readonly unknown[] = [0, 1, 2, 3, 3, 5, 7, 7, 10, -1, -4, 300, 70000, 'a', 'b', 'c', 'ab', 'zz', '', true, false, null, 1.5, -2.25];
const NESTED: readonly unknown[] = [[1, 2], [1], [2], ['a'], [], new Map([['a', 1]]), new Map([['b', 2], ['a', 1]]), Buffer.from([1, 2]), Buffer.from([0])];
const MAP_KEYS: readonly (string | number)[] = ['a', 'b', 'c', 'd', 'e', 'k1', 'k2', 'zz', 1, 2, 3, 10, -5];

function value(g: Gen, nestedChance = 0.15): unknown {
  return g.chance(nestedChance) ? g.pick(NESTED) : g.pick(SCALARS);
}

function intish(g: Gen): number {
  return g.pick([0, 1, 2, 3, 5, 7, 10, -1]);
}

function listValue(g: Gen, n: number, ints: boolean): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) out.push(ints ? intish(g) : value(g));
  return out;
}

const LIST_RT = [ListReturnType.NONE, ListReturnType.INDEX, ListReturnType.REVERSE_INDEX, ListReturnType.RANK, ListReturnType.REVERSE_RANK, ListReturnType.COUNT, ListReturnType.VALUE, ListReturnType.EXISTS, 6, 8, 9, 10, 11, 12];
const MAP_RT = [
  MapReturnType.NONE,
  MapReturnType.INDEX,
  MapReturnType.REVERSE_INDEX,
  MapReturnType.RANK,
  MapReturnType.REVERSE_RANK,
  MapReturnType.COUNT,
  MapReturnType.KEY,
  MapReturnType.VALUE,
  MapReturnType.KEY_VALUE,
  MapReturnType.EXISTS,
  MapReturnType.UNORDERED_MAP,
  MapReturnType.ORDERED_MAP,
  9,
  10,
  11,
  12
];

function returnType(g: Gen, types: readonly number[]): number {
  // Mostly the types the op family documents; sometimes any (the server refuses some).
  const t = g.chance(0.8) ? g.pick(types.slice(0, types === LIST_RT ? 8 : 12)) : g.pick(types);
  return g.chance(0.3) ? t | 0x10000 : t;
}

function idx(g: Gen): number {
  return g.int(-7, 8);
}

function count(g: Gen): number | undefined {
  return g.chance(0.3) ? undefined : g.int(0, 5);
}

/** A raw `[code, args...]` payload (for op codes the builders do not produce). */
function raw(code: number, args: readonly unknown[], ctx?: CdtContext): Buffer {
  const w = new MsgPackWriter(64);
  if (ctx !== undefined) {
    w.writeArrayHeader(3);
    w.writeInt(0xff);
    w.writeArrayHeader(ctx.length * 2);
    for (const c of ctx) {
      w.writeInt(c.id);
      w.writeValue(c.value, 'ctx', { allowSpecial: true });
    }
  }
  w.writeArrayHeader(args.length + 1);
  w.writeInt(code);
  for (const a of args) w.writeValue(a, 'arg', { allowSpecial: true });
  return w.toBuffer();
}

function fromOp(op: Operation, label: string): CaseOp {
  return { opType: op.op, payload: Buffer.from(op.packed as Uint8Array), label };
}

function listOp(g: Gen, ints: boolean, ctx?: CdtContext): CaseOp {
  const v = (): unknown => (ints ? intish(g) : value(g));
  const policy = g.chance(0.4) ? { order: g.pick([ListOrder.UNORDERED, ListOrder.ORDERED]), flags: g.int(0, 15) } : undefined;
  const rt = (): number => returnType(g, LIST_RT);
  const c = count(g);
  const lo = g.chance(0.15) ? null : v();
  const hi = g.chance(0.3) ? null : v();
  const k = g.int(0, 34);
  switch (k) {
    case 0:
      return fromOp(ListOp.append('x', v() as never, policy, ctx), 'append');
    case 1:
      return fromOp(ListOp.appendItems('x', listValue(g, g.int(0, 4), ints) as never, policy, ctx), 'appendItems');
    case 2:
      return fromOp(ListOp.insert('x', idx(g), v() as never, policy, ctx), 'insert');
    case 3:
      return fromOp(ListOp.insertItems('x', idx(g), listValue(g, g.int(0, 3), ints) as never, policy, ctx), 'insertItems');
    case 4:
      return fromOp(ListOp.pop('x', idx(g), ctx), 'pop');
    case 5:
      return fromOp(ListOp.popRange('x', idx(g), c, ctx), 'popRange');
    case 6:
      return fromOp(ListOp.remove('x', idx(g), ctx), 'remove');
    case 7:
      return fromOp(ListOp.removeRange('x', idx(g), c, ctx), 'removeRange');
    case 8:
      return fromOp(ListOp.set('x', idx(g), v() as never, policy, ctx), 'set');
    case 9:
      return fromOp(ListOp.trim('x', idx(g), g.int(0, 5), ctx), 'trim');
    case 10:
      return g.chance(0.3) ? fromOp(ListOp.clear('x', ctx), 'clear') : fromOp(ListOp.size('x', ctx), 'size');
    case 11:
      return fromOp(ListOp.increment('x', idx(g), g.pick([1, 2, -3, 1.5]), policy, ctx), 'increment');
    case 12:
      return fromOp(ListOp.sort('x', g.int(0, 3), ctx), 'sort');
    case 13:
      return fromOp(ListOp.size('x', ctx), 'size');
    case 14:
      return fromOp(ListOp.get('x', idx(g), ctx), 'get');
    case 15:
      return fromOp(ListOp.getRange('x', idx(g), c, ctx), 'getRange');
    case 16:
      return fromOp(ListOp.getByIndex('x', idx(g), rt(), ctx), 'getByIndex');
    case 17:
      return fromOp(ListOp.getByRank('x', idx(g), rt(), ctx), 'getByRank');
    case 18:
      return fromOp(ListOp.getByValue('x', v() as never, rt(), ctx), 'getByValue');
    case 19:
      return fromOp(ListOp.getByValueList('x', listValue(g, g.int(0, 3), ints) as never, rt(), ctx), 'getByValueList');
    case 20:
      return fromOp(ListOp.getByIndexRange('x', idx(g), rt(), c, ctx), 'getByIndexRange');
    case 21:
      return fromOp(ListOp.getByValueRange('x', lo as never, hi as never, rt(), ctx), 'getByValueRange');
    case 22:
      return fromOp(ListOp.getByRankRange('x', idx(g), rt(), c, ctx), 'getByRankRange');
    case 23:
      return fromOp(ListOp.getByValueRelativeRankRange('x', v() as never, idx(g), rt(), c, ctx), 'getByValueRelativeRankRange');
    case 24:
      return fromOp(ListOp.removeByIndex('x', idx(g), rt(), ctx), 'removeByIndex');
    case 25:
      return fromOp(ListOp.removeByRank('x', idx(g), rt(), ctx), 'removeByRank');
    case 26:
      return fromOp(ListOp.removeByValue('x', v() as never, rt(), ctx), 'removeByValue');
    case 27:
      return fromOp(ListOp.removeByValueList('x', listValue(g, g.int(0, 3), ints) as never, rt(), ctx), 'removeByValueList');
    case 28:
      return fromOp(ListOp.removeByIndexRange('x', idx(g), rt(), c, ctx), 'removeByIndexRange');
    case 29:
      return fromOp(ListOp.removeByValueRange('x', lo as never, hi as never, rt(), ctx), 'removeByValueRange');
    case 30:
      return fromOp(ListOp.removeByRankRange('x', idx(g), rt(), c, ctx), 'removeByRankRange');
    case 31:
      return fromOp(ListOp.removeByValueRelativeRankRange('x', v() as never, idx(g), rt(), c, ctx), 'removeByValueRelativeRankRange');
    case 32:
      return { opType: OpType.CDT_READ, payload: raw(20, [rt(), v()], ctx), label: 'getByValue(single)' };
    case 33:
      return { opType: OpType.CDT_MODIFY, payload: raw(33, [rt(), v()], ctx), label: 'removeByValue(single)' };
    default:
      return fromOp(ListOp.setOrder('x', g.pick([ListOrder.UNORDERED, ListOrder.ORDERED]), ctx), 'setOrder');
  }
}

function mapValue(g: Gen, n: number, intValues: boolean): Map<string | number, unknown> {
  const m = new Map<string | number, unknown>();
  for (let i = 0; i < n; i++) m.set(g.pick(MAP_KEYS), intValues ? intish(g) : value(g));
  return m;
}

function mapOp(g: Gen, ints: boolean, ctx?: CdtContext): CaseOp {
  const key = (): string | number => g.pick(MAP_KEYS);
  const v = (): unknown => (ints ? intish(g) : value(g));
  let flags = g.chance(0.5) ? 0 : g.int(0, 15);
  // The client refuses CREATE_ONLY with UPDATE_ONLY; raw payloads below send such mixes.
  if ((flags & 3) === 3) flags &= ~g.pick([1, 2]);
  const policy = { order: g.pick([MapOrder.UNORDERED, MapOrder.KEY_ORDERED, MapOrder.KEY_VALUE_ORDERED]), flags };
  const rt = (): number => returnType(g, MAP_RT);
  const c = count(g);
  const klo = g.chance(0.15) ? null : key();
  const khi = g.chance(0.3) ? null : key();
  const vlo = g.chance(0.15) ? null : v();
  const vhi = g.chance(0.3) ? null : v();
  const k = g.int(0, 37);
  switch (k) {
    case 0:
    case 1:
      return fromOp(MapOp.put('x', key() as never, v() as never, policy, ctx), 'put');
    case 2:
      return fromOp(MapOp.putItems('x', mapValue(g, g.int(0, 4), ints) as never, policy, ctx), 'putItems');
    case 3:
      return fromOp(MapOp.increment('x', key() as never, g.pick([1, 5, -2, 0.5]), policy, ctx), 'increment');
    case 4:
      return fromOp(MapOp.decrement('x', key() as never, g.pick([1, 3]), policy, ctx), 'decrement');
    case 5:
      return g.chance(0.3) ? fromOp(MapOp.clear('x', ctx), 'clear') : fromOp(MapOp.size('x', ctx), 'size');
    case 6:
      return fromOp(MapOp.removeByKey('x', key() as never, rt(), ctx), 'removeByKey');
    case 7:
      return fromOp(MapOp.removeByIndex('x', idx(g), rt(), ctx), 'removeByIndex');
    case 8:
      return fromOp(MapOp.removeByRank('x', idx(g), rt(), ctx), 'removeByRank');
    case 9:
      return fromOp(MapOp.removeByKeyList('x', [key(), key()] as never, rt(), ctx), 'removeByKeyList');
    case 10:
      return fromOp(MapOp.removeByValue('x', v() as never, rt(), ctx), 'removeByValue');
    case 11:
      return fromOp(MapOp.removeByValueList('x', [v(), v()] as never, rt(), ctx), 'removeByValueList');
    case 12:
      return fromOp(MapOp.removeByKeyRange('x', klo as never, khi as never, rt(), ctx), 'removeByKeyRange');
    case 13:
      return fromOp(MapOp.removeByIndexRange('x', idx(g), rt(), c, ctx), 'removeByIndexRange');
    case 14:
      return fromOp(MapOp.removeByValueRange('x', vlo as never, vhi as never, rt(), ctx), 'removeByValueRange');
    case 15:
      return fromOp(MapOp.removeByRankRange('x', idx(g), rt(), c, ctx), 'removeByRankRange');
    case 16:
      return fromOp(MapOp.removeByKeyRelativeIndexRange('x', key() as never, idx(g), rt(), c, ctx), 'removeByKeyRelativeIndexRange');
    case 17:
      return fromOp(MapOp.removeByValueRelativeRankRange('x', v() as never, idx(g), rt(), c, ctx), 'removeByValueRelativeRankRange');
    case 18:
      return fromOp(MapOp.size('x', ctx), 'size');
    case 19:
      return fromOp(MapOp.getByKey('x', key() as never, rt(), ctx), 'getByKey');
    case 20:
      return fromOp(MapOp.getByIndex('x', idx(g), rt(), ctx), 'getByIndex');
    case 21:
      return fromOp(MapOp.getByRank('x', idx(g), rt(), ctx), 'getByRank');
    case 22:
      return fromOp(MapOp.getByValue('x', v() as never, rt(), ctx), 'getByValue');
    case 23:
      return fromOp(MapOp.getByKeyRange('x', klo as never, khi as never, rt(), ctx), 'getByKeyRange');
    case 24:
      return fromOp(MapOp.getByIndexRange('x', idx(g), rt(), c, ctx), 'getByIndexRange');
    case 25:
      return fromOp(MapOp.getByValueRange('x', vlo as never, vhi as never, rt(), ctx), 'getByValueRange');
    case 26:
      return fromOp(MapOp.getByRankRange('x', idx(g), rt(), c, ctx), 'getByRankRange');
    case 27:
      return fromOp(MapOp.getByKeyList('x', [key(), key(), key()] as never, rt(), ctx), 'getByKeyList');
    case 28:
      return fromOp(MapOp.getByValueList('x', [v(), v()] as never, rt(), ctx), 'getByValueList');
    case 29:
      return fromOp(MapOp.getByKeyRelativeIndexRange('x', key() as never, idx(g), rt(), c, ctx), 'getByKeyRelativeIndexRange');
    case 30:
      return fromOp(MapOp.getByValueRelativeRankRange('x', v() as never, idx(g), rt(), c, ctx), 'getByValueRelativeRankRange');
    case 31:
      return fromOp(MapOp.setPolicy('x', { order: g.pick([MapOrder.UNORDERED, MapOrder.KEY_ORDERED, MapOrder.KEY_VALUE_ORDERED]), flags: 0 }, ctx), 'setPolicy');
    case 32:
      return { opType: OpType.CDT_READ, payload: raw(99, [rt(), v()], ctx), label: 'getByValue(single)' };
    case 33:
      return { opType: OpType.CDT_MODIFY, payload: raw(78, [rt(), v()], ctx), label: 'removeByValue(single)' };
    case 34:
      return { opType: OpType.CDT_MODIFY, payload: raw(g.pick([65, 69]), [key(), v(), ...(g.chance(0.5) ? [policy.order] : [])], ctx), label: 'add/replace' };
    case 35:
      return { opType: OpType.CDT_MODIFY, payload: raw(g.pick([66, 70]), [mapValue(g, g.int(0, 3), ints)], ctx), label: 'addItems/replaceItems' };
    case 36:
      return g.chance(0.5)
        ? { opType: OpType.CDT_MODIFY, payload: raw(67, [key(), v(), policy.order, g.int(0, 15)], ctx), label: 'put raw flags' }
        : { opType: OpType.CDT_MODIFY, payload: raw(68, [mapValue(g, g.int(0, 3), ints), policy.order, g.int(0, 15)], ctx), label: 'putItems raw flags' };
    default:
      return fromOp(MapOp.removeByValue('x', v() as never, rt(), ctx), 'removeByValue');
  }
}

function ctxFor(g: Gen, nested: unknown): CdtContext | undefined {
  void nested;
  return g.pick<CdtContext | undefined>([
    [Ctx.mapKey('a')],
    [Ctx.mapKey('b')],
    [Ctx.mapKey('l'), Ctx.listIndex(g.int(-2, 2))],
    [Ctx.mapKey('l'), Ctx.listRank(g.int(-2, 2))],
    [Ctx.mapKey('l'), Ctx.listValue(g.pick([[1, 2], [3], 4]))],
    [Ctx.mapIndex(g.int(-3, 3))],
    [Ctx.mapRank(g.int(-3, 3))],
    [Ctx.mapValue(g.pick([[1, 2], [3], 4]))],
    [Ctx.mapKeyCreate(g.pick(['n1', 'n2', 'a']), g.pick(['unordered', 'key-ordered', 'key-value-ordered'] as const))],
    [Ctx.mapKeyCreate('n3', 'key-ordered'), Ctx.mapKeyCreate('deep', 'unordered')],
    [Ctx.mapKey('l'), Ctx.listIndexCreate(g.int(-1, 6), g.pick(['unordered', 'ordered'] as const), g.chance(0.5))],
    [Ctx.mapKey('ol'), Ctx.listIndex(g.int(-2, 2))],
    [Ctx.mapKey('ol'), Ctx.listIndexCreate(g.int(0, 4), 'unordered', true)],
    [Ctx.mapKey('missing')],
    [Ctx.listIndex(0)]
  ]);
}

/** Builds `n` list scenarios, `n` map scenarios and `n` context scenarios from `seed`. */
export function buildCases(seed: number, n: number, opsPerCase: number): CdtCase[] {
  const g = new Gen(seed);
  const cases: CdtCase[] = [];
  for (let i = 0; i < n; i++) {
    const ints = g.chance(0.5);
    const ordered = g.chance(0.3);
    const items = listValue(g, g.int(0, 8), ints);
    const ops: CaseOp[] = [];
    if (ordered) ops.push(fromOp(ListOp.setOrder('x', ListOrder.ORDERED), 'setOrder'));
    for (let j = 0; j < opsPerCase; j++) ops.push(listOp(g, ints));
    cases.push({ name: `list-${i}`, bin: 'x', initial: { type: 20, data: packValue(items, 'list') }, ops });
  }
  for (let i = 0; i < n; i++) {
    const ints = g.chance(0.5);
    const m = mapValue(g, g.int(0, 7), ints);
    const keyOrdered = g.chance(0.5);
    const ops: CaseOp[] = [];
    if (g.chance(0.3)) ops.push(fromOp(MapOp.setPolicy('x', { order: g.pick([MapOrder.KEY_ORDERED, MapOrder.KEY_VALUE_ORDERED]), flags: 0 }), 'setPolicy'));
    for (let j = 0; j < opsPerCase; j++) ops.push(mapOp(g, ints));
    cases.push({ name: `map-${i}`, bin: 'x', initial: { type: 19, data: packValue(m, 'map', { keyOrderedMaps: keyOrdered }) }, ops });
  }
  for (let i = 0; i < n; i++) {
    const doc = new Map<string, unknown>([
      ['a', listValue(g, g.int(0, 5), true)],
      ['b', mapValue(g, g.int(0, 4), true)],
      ['l', [[1, 2], [3], listValue(g, g.int(0, 3), true), 4]],
      ['n', 7]
    ]);
    const ops: CaseOp[] = [];
    if (g.chance(0.5)) ops.push(fromOp(ListOp.create('x', ListOrder.ORDERED, false, [Ctx.mapKeyCreate('ol', 'key-ordered')]), 'create ordered list'));
    for (let j = 0; j < opsPerCase; j++) {
      const ctx = ctxFor(g, doc);
      ops.push(g.chance(0.5) ? listOp(g, true, ctx) : mapOp(g, true, ctx));
    }
    cases.push({ name: `ctx-${i}`, bin: 'x', initial: { type: 19, data: packValue(doc, 'doc', { keyOrderedMaps: g.chance(0.5) }) }, ops });
  }
  return cases;
}
