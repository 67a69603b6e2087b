import { Ctx, INFINITY, ListOp, ListOrder, ListReturnType, MapOp, MapOrder, MapReturnType, MsgPackWriter, OpType, WILDCARD, packValue, type CdtContext, type Operation } from '@aerospike-ts/core';

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
  /** When set, the ops run on this bin, which the record does not have at first. */
  readonly opsBin?: string;
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

const W = WILDCARD;
const INF = INFINITY;

function cdtRead(code: number, args: readonly unknown[], label: string, ctx?: CdtContext): CaseOp {
  return { opType: OpType.CDT_READ, payload: raw(code, args, ctx), label };
}

function cdtModify(code: number, args: readonly unknown[], label: string, ctx?: CdtContext): CaseOp {
  return { opType: OpType.CDT_MODIFY, payload: raw(code, args, ctx), label };
}

function rawBytes(opType: number, hex: string, label: string): CaseOp {
  return { opType, payload: Buffer.from(hex.replace(/ /g, ''), 'hex'), label };
}

/** Hand-picked scenarios: wildcards and infinity, ties, mixed types, create chains, malformed payloads. */
export function buildEdgeCases(): CdtCase[] {
  const cases: CdtCase[] = [];
  const list = (name: string, v: unknown[], ops: CaseOp[]): void => {
    cases.push({ name, bin: 'x', initial: { type: 20, data: packValue(v, 'list') }, ops });
  };
  const map = (name: string, v: Map<unknown, unknown>, ops: CaseOp[], keyOrdered = true): void => {
    cases.push({ name, bin: 'x', initial: { type: 19, data: packValue(v, 'map', { keyOrderedMaps: keyOrdered }) }, ops });
  };
  list('edge-wildcards', [[1, 2], [1, 3], [2, 1], 'a', 5, [1]], [
    cdtRead(22, [ListReturnType.INDEX, [1, W]], 'getByValue [1,*]'),
    cdtRead(22, [ListReturnType.VALUE, [W]], 'getByValue [*]'),
    cdtRead(22, [ListReturnType.COUNT, W], 'getByValue *'),
    cdtRead(25, [ListReturnType.VALUE, [1, W], [2, W]], 'range [1,*]..[2,*]'),
    cdtRead(25, [ListReturnType.INDEX, null, INF], 'range nil..inf'),
    cdtRead(25, [ListReturnType.VALUE, [2], INF], 'range [2]..inf'),
    cdtRead(23, [ListReturnType.INDEX, [[1, W], 'a']], 'valueList [1,*],a'),
    cdtRead(27, [ListReturnType.VALUE, [1, W], 0, 2], 'relRank [1,*]'),
    cdtModify(36, [ListReturnType.VALUE, [[2, W]]], 'removeValueList [2,*]'),
    cdtModify(1, [W], 'append * (refused)'),
    cdtModify(38, [ListReturnType.INDEX | 0x10000, [1, W], INF], 'removeRange inverted')
  ]);
  list('edge-ties', [3, 1, 3, 1, 2, 3], [
    cdtRead(26, [ListReturnType.INDEX, 1, 2], 'rankRange ties index'),
    cdtRead(26, [ListReturnType.INDEX, 3, 2], 'rankRange ties high'),
    cdtRead(26, [ListReturnType.VALUE, 0, 4], 'rankRange low'),
    cdtRead(21, [ListReturnType.INDEX, 4], 'rank 4 index'),
    cdtRead(21, [ListReturnType.INDEX, 0], 'rank 0 index'),
    cdtRead(26, [ListReturnType.INDEX | 0x10000, 2, 2], 'rankRange inverted'),
    cdtRead(23, [ListReturnType.RANK, [3, 1, 3]], 'valueList ranks dup items'),
    cdtRead(23, [ListReturnType.REVERSE_RANK | 0x10000, [3]], 'valueList revrank inverted'),
    cdtModify(34, [ListReturnType.INDEX, 3], 'removeByRank tie'),
    cdtModify(39, [ListReturnType.VALUE, -2, 2], 'removeRankRange top'),
    cdtRead(19, [ListReturnType.RANK, 0], 'index0 rank'),
    cdtRead(24, [ListReturnType.REVERSE_RANK, 0], 'all reverse ranks')
  ]);
  list('edge-mixed', [null, true, 1, 'a', [1], new Map([['a', 1]]), Buffer.from([1]), 1.5, false, -7, 'b', 2.5], [
    cdtRead(26, [ListReturnType.VALUE, 0, 12], 'rankRange all'),
    cdtRead(25, [ListReturnType.VALUE, 1, 'b'], 'range 1..b'),
    cdtRead(25, [ListReturnType.VALUE, true, [0]], 'range true..[0]'),
    cdtRead(25, [ListReturnType.VALUE, Buffer.from([0]), null], 'range blob..nil'),
    cdtModify(13, [0], 'sort'),
    cdtRead(22, [ListReturnType.RANK, 'a'], 'rank of a'),
    cdtRead(27, [ListReturnType.VALUE, 'a', -2, 3], 'relRank a -2'),
    cdtModify(12, [0, 1], 'increment nil (refused)'),
    cdtModify(12, [1, 1], 'increment true (refused)')
  ]);
  const ordered = [fromOp(ListOp.appendItems('x', [3, 1, 2, 3], { order: ListOrder.ORDERED, flags: 0 }), 'create ordered')];
  cases.push({
    name: 'edge-ordered-unique',
    bin: 'x',
    initial: { type: 20, data: packValue([9], 'list') },
    ops: [
      fromOp(ListOp.clear('x'), 'clear'),
      fromOp(ListOp.setOrder('x', ListOrder.ORDERED), 'setOrder'),
      ...ordered,
      fromOp(ListOp.append('x', 2, { order: ListOrder.ORDERED, flags: 1 }), 'append unique'),
      fromOp(ListOp.append('x', 2, { order: ListOrder.ORDERED, flags: 5 }), 'append unique nofail'),
      fromOp(ListOp.appendItems('x', [2, 4, 4, 0], { order: ListOrder.ORDERED, flags: 13 }), 'appendItems unique partial'),
      fromOp(ListOp.appendItems('x', [5, 5], { order: ListOrder.ORDERED, flags: 1 }), 'appendItems dup items'),
      fromOp(ListOp.appendItems('x', [5, 5], { order: ListOrder.ORDERED, flags: 5 }), 'appendItems dup items nofail'),
      fromOp(ListOp.increment('x', 0, 10, { order: ListOrder.ORDERED, flags: 0 }), 'increment moves'),
      fromOp(ListOp.increment('x', 0, 2, { order: ListOrder.ORDERED, flags: 1 }), 'increment unique'),
      fromOp(ListOp.increment('x', 9, 1), 'increment past end (ordered)'),
      fromOp(ListOp.getByValueList('x', [3, 1, 3], ListReturnType.INDEX), 'valueList ordered index'),
      fromOp(ListOp.getByValueList('x', [3, 1, 3], ListReturnType.VALUE | 0x10000), 'valueList ordered inverted'),
      fromOp(ListOp.removeByValueList('x', [3, 1, 3], ListReturnType.COUNT), 'removeValueList ordered'),
      fromOp(ListOp.sort('x', 3), 'sort desc+drop on ordered'),
      fromOp(ListOp.trim('x', 1, 1), 'trim ordered'),
      fromOp(ListOp.setOrder('x', 0x10), 'setOrder persist'),
      fromOp(ListOp.setOrder('x', 0x11), 'setOrder ordered persist'),
      fromOp(ListOp.setOrder('x', 0x21), 'setOrder bad flags')
    ]
  });
  list('edge-big', Array.from({ length: 300 }, (_, i) => (i * 37) % 101), [
    cdtRead(26, [ListReturnType.INDEX, 100, 5], 'rankRange mid'),
    cdtRead(26, [ListReturnType.VALUE, 150, 7], 'rankRange mid2'),
    cdtRead(24, [ListReturnType.VALUE, 140, 3], 'indexRange'),
    cdtRead(22, [ListReturnType.INDEX, 50], 'value 50'),
    cdtModify(39, [ListReturnType.INDEX, 10, 20], 'removeRankRange'),
    cdtModify(13, [2], 'sort drop'),
    cdtRead(16, [], 'size'),
    cdtModify(3, [200, 'x'], 'insert'),
    cdtRead(21, [ListReturnType.INDEX, -1], 'rank -1')
  ]);
  list('edge-payloads', [1, 2, 3], [
    rawBytes(OpType.CDT_MODIFY, '9101', 'append without value'),
    rawBytes(OpType.CDT_READ, '921001', 'size with an extra argument'),
    rawBytes(OpType.CDT_READ, '921307', 'getByIndex without index'),
    rawBytes(OpType.CDT_READ, '9313a1780000'.slice(0, 10), 'getByIndex string return type'),
    rawBytes(OpType.CDT_READ, '9313a20378', 'getByIndex string index'),
    rawBytes(OpType.CDT_READ, '93ccff9091 10', 'empty context'),
    rawBytes(OpType.CDT_READ, '93ccff911091 10', 'odd context'),
    rawBytes(OpType.CDT_READ, '94ccff92100091 1005', 'context with 4 elements'),
    rawBytes(OpType.CDT_READ, '91ccc8', 'unknown op 200'),
    rawBytes(OpType.CDT_READ, '910e', 'unknown op 14'),
    rawBytes(OpType.CDT_MODIFY, '9110', 'read op as modify'),
    rawBytes(OpType.CDT_READ, '9201 01', 'modify op as read'),
    rawBytes(OpType.CDT_READ, '93ccff92120091 10', 'list key context'),
    rawBytes(OpType.CDT_READ, '93ccff92040091 10', 'expression context type'),
    rawBytes(OpType.CDT_READ, '93ccff92300091 10', 'list+map context type'),
    rawBytes(OpType.CDT_READ, 'a3036162', 'not an array'),
    rawBytes(OpType.CDT_READ, '9110c0', 'trailing byte'),
    rawBytes(OpType.CDT_READ, '90', 'empty array'),
    rawBytes(OpType.CDT_READ, '93ccff92400091 10', 'create flags on auto type'),
    rawBytes(OpType.CDT_READ, '93ccff92100091', 'context without op'),
    rawBytes(OpType.CDT_MODIFY, '93ccff92100091', 'context without op (modify)'),
    rawBytes(OpType.CDT_MODIFY, '9220', 'removeByIndex without index'),
    rawBytes(OpType.CDT_MODIFY, '9320a1', 'truncated argument')
  ]);
  map('edge-map-keys', new Map<unknown, unknown>([[1, 'one'], [-5, 'neg'], ['a', 1], [Buffer.from([7]), 'blob'], [10, [1, 2]], ['b', new Map([['z', 1]])]]), [
    cdtRead(97, [MapReturnType.KEY_VALUE, Buffer.from([7])], 'get blob key'),
    cdtRead(103, [MapReturnType.KEY, 0, 'a'], 'key range 0..a'),
    cdtRead(103, [MapReturnType.KEY, W, null], 'key range *'),
    cdtRead(107, [MapReturnType.KEY, [W]], 'key list [*]'),
    cdtRead(107, [MapReturnType.INDEX, ['b', 1, 'zz']], 'key list index'),
    cdtRead(105, [MapReturnType.KEY, [1, W], INF], 'value range [1,*]..inf'),
    cdtRead(102, [MapReturnType.KEY, [W, 2]], 'value [*,2]'),
    cdtRead(106, [MapReturnType.KEY_VALUE, 0, 6], 'rank range all kv'),
    cdtRead(106, [MapReturnType.ORDERED_MAP | 0x10000, 1, 2], 'rank range inverted ordered map'),
    cdtRead(104, [MapReturnType.RANK, 0], 'index range ranks'),
    cdtModify(67, [1.5, 1, 0], 'put double key (refused)'),
    cdtModify(67, [[1], 1, 0], 'put list key (refused)'),
    cdtModify(67, ['w', W, 0], 'put wildcard value (refused)'),
    cdtModify(67, ['n', new Map([['b', 1], ['a', 2]]), 0], 'put nested map (sorted)'),
    cdtModify(73, ['a', null, 0], 'increment nil delta'),
    cdtModify(73, ['a', 2.5, 0], 'increment int by double'),
    cdtModify(74, ['x', 1.5, 0], 'decrement new by double'),
    cdtModify(73, ['one', 1, 0], 'increment string (refused)'),
    cdtModify(73, ['a', 'x', 0], 'increment by string (refused)'),
    cdtModify(65, ['a', 5, 1], 'add existing'),
    cdtModify(69, ['zzz', 5], 'replace missing'),
    cdtModify(69, ['a', 5], 'replace existing'),
    cdtModify(70, [new Map([['a', 0], ['q', 1]])], 'replaceItems missing one'),
    cdtModify(66, [new Map([['q', 1], ['r', 2]]), 3], 'addItems'),
    cdtModify(64, [3], 'setType kv'),
    cdtRead(105, [MapReturnType.KEY, 0, 10], 'kv value range'),
    cdtModify(86, [MapReturnType.VALUE | 0x10000, 0, 2], 'kv remove value range inverted'),
    cdtModify(64, [0], 'setType unordered'),
    cdtModify(64, [4], 'setType bad flags')
  ]);
  map('edge-map-unordered-ops', new Map<unknown, unknown>([['d', 4], ['b', 2], ['a', 1], ['c', 3], ['e', 2]]), [
    cdtRead(104, [MapReturnType.EXISTS | 0x10000, 1, 1], 'index range inverted exists'),
    cdtRead(104, [MapReturnType.COUNT | 0x10000, 1, 2], 'index range inverted count'),
    cdtRead(104, [MapReturnType.INDEX | 0x10000, 1, 2], 'index range inverted index'),
    cdtRead(104, [MapReturnType.RANK | 0x10000, 1, 2], 'index range inverted rank'),
    cdtRead(104, [MapReturnType.KEY_VALUE | 0x10000, 1, 2], 'index range inverted kv'),
    cdtRead(103, [MapReturnType.RANK, 'b', 'e'], 'key range ranks'),
    cdtRead(97, [9, 'c'], 'key index range'),
    cdtRead(97, [10, 'c'], 'key reverse index range'),
    cdtRead(99, [MapReturnType.INDEX, 2], 'value single index'),
    cdtRead(102, [MapReturnType.REVERSE_RANK, 2], 'value reverse ranks'),
    cdtRead(108, [MapReturnType.RANK, [2, 9, 4]], 'value list ranks'),
    cdtRead(108, [MapReturnType.RANK | 0x10000, [2]], 'value list ranks inverted'),
    cdtRead(106, [11, 1, 3], 'rank range rank range'),
    cdtRead(106, [MapReturnType.INDEX, -2, 2], 'rank range index'),
    cdtModify(85, [MapReturnType.ORDERED_MAP, 1, 2], 'remove index range ordered map'),
    cdtModify(68, [new Map([['z', 1], ['a', 9]]), 0, 2], 'putItems update-only'),
    cdtModify(68, [new Map([['z', 1], ['a', 9]]), 0, 14], 'putItems update-only nofail partial'),
    cdtModify(67, ['c', 7, 0, 3], 'put create+update only'),
    cdtModify(75, [], 'clear'),
    cdtModify(68, [new Map([['z', 1]]), 0, 14], 'putItems update-only on empty (partial)')
  ], false);
  const doc = (): Map<string, unknown> =>
    new Map<string, unknown>([
      ['l', [[1], [1], [0], [2, 2]]],
      ['m', new Map([['a', 5], ['b', 5], ['c', 1]])],
      ['ol', [1]]
    ]);
  cases.push({
    name: 'edge-ctx',
    bin: 'x',
    initial: { type: 19, data: packValue(doc(), 'doc') },
    ops: [
      fromOp(ListOp.append('x', 9, undefined, [Ctx.mapKey('l'), Ctx.listRank(1)]), 'append at rank 1 (tie)'),
      fromOp(ListOp.append('x', 8, undefined, [Ctx.mapKey('l'), Ctx.listValue([1])]), 'append at value [1]'),
      fromOp(ListOp.size('x', [Ctx.mapKey('m'), Ctx.mapRank(0)]), 'size at map rank 0 (int)'),
      fromOp(MapOp.getByKey('x', 'a', MapReturnType.VALUE, [Ctx.mapKeyCreate('new', 'key-ordered')]), 'read with create flag'),
      fromOp(ListOp.create('x', ListOrder.ORDERED, false, [Ctx.mapKey('ol')]), 'setOrder on existing'),
      fromOp(ListOp.append('x', 5, undefined, [Ctx.mapKey('ol'), Ctx.listIndexCreate(7, 'ordered')]), 'create in ordered list past end'),
      fromOp(ListOp.appendItems('x', [3, 0], undefined, [Ctx.mapKey('ol')]), 'append to ordered'),
      fromOp(MapOp.put('x', 'k', 1, { order: MapOrder.KEY_VALUE_ORDERED, flags: 0 }, [Ctx.mapKeyCreate('n1', 'key-value-ordered'), Ctx.listIndexCreate(2, 'unordered', true), Ctx.mapKeyCreate('deep', 'unordered')]), 'three-level create'),
      fromOp(ListOp.append('x', 1, undefined, [Ctx.mapKeyCreate('n2', 'unordered'), Ctx.listIndexCreate(1, 'unordered', false)]), 'create list index 1 unbounded-less (refused)'),
      fromOp(ListOp.append('x', 1, undefined, [Ctx.mapKeyCreate('n3', 'unordered'), Ctx.listIndexCreate(-1, 'unordered', false)]), 'create list index -1'),
      fromOp(ListOp.append('x', 1, undefined, [Ctx.mapKeyCreate('n4', 'unordered'), Ctx.listRank(0)]), 'create through rank (refused)'),
      fromOp(ListOp.removeByIndex('x', 0, ListReturnType.VALUE, [Ctx.mapKeyCreate('n5', 'unordered')]), 'remove through create (no-op)'),
      fromOp(ListOp.appendItems('x', [], undefined, [Ctx.mapKeyCreate('n6', 'unordered')]), 'append nothing through create'),
      fromOp(MapOp.putItems('x', new Map(), undefined, [Ctx.mapKeyCreate('n7', 'key-ordered')]), 'putItems nothing through create'),
      fromOp(ListOp.sort('x', 0, [Ctx.mapKeyCreate('n8', 'unordered')]), 'sort through create'),
      rawBytes(OpType.CDT_MODIFY, Buffer.concat([Buffer.from('93ccff92', 'hex'), Buffer.from([0xcd, 0x01, 0x22]), packValue('p1', 'k'), Buffer.from('920101', 'hex')]).toString('hex'), 'persist create flag'),
      fromOp(ListOp.set('x', 0, 7, undefined, [Ctx.mapKey('l'), Ctx.listIndex(-1)]), 'set in nested'),
      fromOp(MapOp.increment('x', 'c', 10, undefined, [Ctx.mapKey('m')]), 'increment nested'),
      fromOp(MapOp.size('x', [Ctx.mapKey('m'), Ctx.mapValue(5)]), 'map value ctx (int)'),
      fromOp(ListOp.getByIndexRange('x', 0, ListReturnType.VALUE, undefined, [Ctx.mapKey('l')]), 'read nested')
    ]
  });
  const missing = (name: string, ops: CaseOp[]): void => {
    cases.push({ name, bin: 'x', opsBin: 'y', initial: { type: 20, data: packValue([1], 'list') }, ops });
  };
  missing('edge-missing-list', [
    rawBytes(OpType.CDT_MODIFY, '9220', 'removeByIndex without index on no bin'),
    fromOp(ListOp.sort('y'), 'sort on no bin'),
    fromOp(ListOp.size('y'), 'size on no bin'),
    fromOp(ListOp.insert('y', 2, 5, { order: ListOrder.UNORDERED, flags: 6 }), 'insert bounded nofail on no bin'),
    fromOp(ListOp.trim('y', 0, 1), 'trim'),
    fromOp(ListOp.removeByValue('y', 1, ListReturnType.COUNT), 'remove by value')
  ]);
  missing('edge-missing-list-2', [fromOp(ListOp.appendItems('y', [], { order: ListOrder.ORDERED, flags: 0 }), 'append nothing ordered on no bin')]);
  missing('edge-missing-list-3', [fromOp(ListOp.increment('y', 2, 1.5), 'increment on no bin')]);
  missing('edge-missing-list-4', [fromOp(ListOp.set('y', 1, 'a'), 'set on no bin')]);
  missing('edge-missing-map', [
    fromOp(MapOp.put('y', 'a', 1, { order: MapOrder.UNORDERED, flags: 2 }), 'put update-only on no bin'),
    cdtModify(70, [new Map([['a', 1]])], 'replaceItems on no bin'),
    cdtModify(69, ['a', 1], 'replace on no bin'),
    fromOp(MapOp.removeByKey('y', 'a', MapReturnType.VALUE), 'remove on no bin'),
    fromOp(MapOp.clear('y'), 'clear on no bin'),
    fromOp(MapOp.put('y', 'a', 1, { order: MapOrder.KEY_ORDERED, flags: 6 }), 'put update-only nofail on no bin')
  ]);
  missing('edge-missing-map-2', [fromOp(MapOp.setPolicy('y', { order: MapOrder.KEY_VALUE_ORDERED, flags: 0 }), 'setPolicy on no bin'), fromOp(MapOp.increment('y', 'n', 3), 'increment')]);
  missing('edge-missing-ctx', [
    fromOp(ListOp.append('y', 1, undefined, [Ctx.mapKey('a')]), 'ctx without create on no bin'),
    fromOp(ListOp.size('y', [Ctx.mapKey('a')]), 'ctx read on no bin'),
    fromOp(ListOp.append('y', 1, undefined, [Ctx.listIndexCreate(2, 'unordered', true), Ctx.mapKeyCreate('k', 'key-ordered')]), 'create list top with pad')
  ]);
  missing('edge-missing-ctx-2', [fromOp(MapOp.put('y', 'z', 1, undefined, [Ctx.listIndexCreate(0, 'ordered'), Ctx.listIndexCreate(3, 'unordered', false)]), 'create ordered top, bad index below')]);
  missing('edge-missing-ctx-3', [fromOp(MapOp.put('y', 'z', 1, undefined, [Ctx.listIndexCreate(0, 'ordered'), Ctx.listIndexCreate(-1, 'unordered', false)]), 'create ordered top, -1 below')]);
  void ordered;
  return cases;
}
