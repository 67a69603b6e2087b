import { CdtCode, fail } from './cdt-error.js';
import { type PackedList, type PackedMap, encodeList, encodeMap, isOrderedList, parseList, parseMap } from './containers.js';
import { MpType, NIL, arrayHeader, compare, extHeader, mapHeader, peekType, readArrayHeader, readInt64, readIntBits, skip } from './msgpack-value.js';
import { LIST_ORDERED, rewriteValue } from './normalize.js';
import { calcIndexCount } from './op-args.js';
import { heapPicks, heapSelect, lowerBound, sortedPositions } from './order.js';

/**
 * Contexts: the path `[type, value, type, value, ...]` from a bin to a nested list or
 * map. Steps select a list element by index, rank or value, or a map entry by index,
 * rank, key or value; list-index and map-key steps may carry create flags that build the
 * missing containers when a modify op writes. After a nested write the path is rebuilt
 * outward, and an ordered list moves a changed element to its sorted position, as the
 * server does.
 */

/** Context step type bits. */
export const CtxType = {
  INDEX: 0x00,
  RANK: 0x01,
  KEY: 0x02,
  VALUE: 0x03,
  LIST: 0x10,
  MAP: 0x20,
  BASE_MASK: 0x0f,
  TYPE_MASK: 0x3f,
  CREATE_MASK: 0x1c0,
  CREATE_LIST_UNORDERED: 0x40,
  CREATE_LIST_UNBOUND: 0x80,
  CREATE_LIST_ORDERED: 0xc0,
  CREATE_MAP_UNORDERED: 0x40,
  CREATE_MAP_K_ORDERED: 0x80,
  CREATE_MAP_KV_ORDERED: 0xc0,
  CREATE_PERSIST_INDEX: 0x100
} as const;

/** One context step. */
export interface CtxStep {
  readonly type: number;
  readonly value: Buffer;
}

/** A container on the path and the position of the element the next step entered. */
interface Level {
  readonly list?: PackedList;
  readonly map?: PackedMap;
  readonly index: number;
}

/** Where the path has to be created (a step did not find its element and carries create flags). */
interface CreatePoint {
  /** Steps from the one that found nothing (inclusive) to the last. */
  readonly steps: readonly CtxStep[];
  /** Position in the last existing container where the new element goes (undefined: the bin itself is created). */
  readonly index?: number;
  /** nil elements to pad before the new element (list index beyond the end, unbound create). */
  readonly pad: number;
}

/** Outcome of walking a context. */
export interface DigResult {
  readonly levels: readonly Level[];
  /** Bytes of the element the path reaches (undefined when it is being created). */
  readonly target?: Buffer;
  readonly create?: CreatePoint;
}

/**
 * Parses the context array.
 * @throws CdtError PARAMETER when it is not a non-empty even-length array of (int, value) pairs
 */
export function parseContext(buf: Buffer): CtxStep[] {
  const h = readArrayHeader(buf, 0);
  if (h === undefined || h.count === 0 || h.count % 2 !== 0) return fail(CdtCode.PARAMETER);
  const steps: CtxStep[] = [];
  let p = h.next;
  for (let i = 0; i < h.count; i += 2) {
    const t = readIntBits(buf, p);
    if (t === undefined) return fail(CdtCode.PARAMETER);
    const q = skip(buf, t.next);
    steps.push({ type: Number(t.bits & 0xffffn), value: buf.subarray(t.next, q) });
    p = q;
  }
  if (p !== buf.length) fail(CdtCode.PARAMETER);
  return steps;
}

function createBits(type: number): number {
  return type & CtxType.CREATE_MASK;
}

function createFlagOn(type: number): boolean {
  return (createBits(type) & ~CtxType.CREATE_PERSIST_INDEX) !== 0;
}

/** Steps without a list/map bit may not carry create flags. */
function typeCheck(type: number): boolean {
  const masked = type & CtxType.TYPE_MASK;
  if ((masked & CtxType.LIST) !== 0 || (masked & CtxType.MAP) !== 0) return true;
  return createBits(type) === 0;
}

/** Whether a step can be part of a created path (cdt_context_ctx_type_create_sz). */
function creatable(step: CtxStep, first: boolean): boolean {
  const masked = step.type & CtxType.TYPE_MASK;
  if (!first && (step.type & CtxType.CREATE_PERSIST_INDEX) !== 0) return false;
  if (!typeCheck(step.type)) return false;
  if (masked === (CtxType.KEY | CtxType.MAP)) {
    const state = { nonStorage: false };
    skip(step.value, 0, state);
    return !state.nonStorage && rewriteValue(step.value) !== undefined;
  }
  if (masked === (CtxType.INDEX | CtxType.LIST)) {
    const r = readInt64(step.value, 0);
    if (r === undefined || r.value < -1n) return false;
    let cr = createBits(step.type);
    if (cr === 0) return r.value <= 0n;
    cr &= ~CtxType.CREATE_PERSIST_INDEX;
    if (cr === CtxType.CREATE_LIST_UNBOUND || cr === CtxType.CREATE_LIST_ORDERED) return true;
    if ((step.type & CtxType.CREATE_PERSIST_INDEX) !== 0) return true;
    return r.value <= 0n;
  }
  return false;
}

function stepIndex(step: CtxStep): bigint {
  const r = readInt64(step.value, 0);
  return r === undefined ? fail(CdtCode.OP_NOT_APPLICABLE) : r.value;
}

/**
 * Walks `steps` from the bin value `bin` (undefined when the bin has none: only a modify
 * op whose first step creates may proceed).
 * @throws CdtError OP_NOT_APPLICABLE when a step finds nothing, PARAMETER on malformed steps
 */
export function dig(bin: Buffer | undefined, steps: readonly CtxStep[], modify: boolean): DigResult {
  const first = steps[0] as CtxStep;
  if (bin === undefined) {
    if ((first.type & CtxType.BASE_MASK) > CtxType.VALUE || !typeCheck(first.type)) return fail(CdtCode.OP_NOT_APPLICABLE);
    if (!createFlagOn(first.type)) return fail(CdtCode.OP_NOT_APPLICABLE);
    if (!creatable(first, true) || !steps.slice(1).every((s) => creatable(s, false))) return fail(CdtCode.OP_NOT_APPLICABLE);
    return { levels: [], create: { steps, pad: 0 } };
  }
  const levels: Level[] = [];
  let cur = bin;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as CtxStep;
    const base = step.type & CtxType.BASE_MASK;
    if (base > CtxType.VALUE || !typeCheck(step.type)) return fail(CdtCode.OP_NOT_APPLICABLE);
    const kind = peekType(cur, 0);
    let found: { level: Level; element: Buffer } | { create: CreatePoint; level: Level };
    if (kind === MpType.LIST) {
      if ((step.type & CtxType.MAP) !== 0) return fail(CdtCode.OP_NOT_APPLICABLE);
      found = listStep(parseList(cur), step, steps.slice(i));
    } else if (kind === MpType.MAP) {
      if ((step.type & CtxType.LIST) !== 0) return fail(CdtCode.OP_NOT_APPLICABLE);
      found = mapStep(parseMap(cur), step, steps.slice(i));
    } else {
      return fail(CdtCode.OP_NOT_APPLICABLE);
    }
    levels.push(found.level);
    if ('create' in found) {
      if (!modify || !steps.slice(i + 1).every((s) => creatable(s, false))) return fail(CdtCode.OP_NOT_APPLICABLE);
      return { levels, create: found.create };
    }
    cur = found.element;
  }
  return { levels, target: cur };
}

function listStep(list: PackedList, step: CtxStep, rest: readonly CtxStep[]): { level: Level; element: Buffer } | { create: CreatePoint; level: Level } {
  const n = list.items.length;
  const base = step.type & CtxType.BASE_MASK;
  const select = (idx: number): { level: Level; element: Buffer } => ({ level: { list, index: idx }, element: list.items[idx] as Buffer });
  if (base === CtxType.INDEX || (base === CtxType.RANK && isOrderedList(list))) {
    const index = stepIndex(step);
    const ic = calcIndexCount(index, 1n, n, false);
    if (ic !== undefined) return select(ic.index);
    if (!createFlagOn(step.type)) return fail(CdtCode.OP_NOT_APPLICABLE);
    let at: number;
    let pad = 0;
    if (n === 0 && index === -1n) at = 0;
    else if (index === BigInt(n)) at = n;
    else if (isOrderedList(list)) at = n;
    else if (createBits(step.type) === CtxType.CREATE_LIST_UNBOUND && index > BigInt(n)) {
      pad = Number(index) - n;
      at = n;
    } else return fail(CdtCode.OP_NOT_APPLICABLE);
    return { level: { list, index: at }, create: { steps: rest, index: at, pad } };
  }
  if (base === CtxType.RANK) {
    const ic = calcIndexCount(stepIndex(step), 1n, n, false);
    if (ic === undefined) return fail(CdtCode.OP_NOT_APPLICABLE);
    const sel = heapSelect(n, ic.index, 1, (i, j) => compare(list.items[i] as Buffer, list.items[j] as Buffer));
    return select(heapPicks(sel, 1)[0] as number);
  }
  if (base === CtxType.VALUE) {
    if (n === 0) return fail(CdtCode.OP_NOT_APPLICABLE);
    let idx: number;
    if (isOrderedList(list)) {
      idx = lowerBound(0, n, (i) => compare(step.value, list.items[i] as Buffer));
      if (idx >= n || compare(step.value, list.items[idx] as Buffer) !== 0) return fail(CdtCode.OP_NOT_APPLICABLE);
    } else {
      idx = list.items.findIndex((e) => compare(e, step.value) === 0);
      if (idx < 0) return fail(CdtCode.OP_NOT_APPLICABLE);
    }
    return select(idx);
  }
  return fail(CdtCode.OP_NOT_APPLICABLE);
}

function mapStep(map: PackedMap, step: CtxStep, rest: readonly CtxStep[]): { level: Level; element: Buffer } | { create: CreatePoint; level: Level } {
  const n = map.keys.length;
  const base = step.type & CtxType.BASE_MASK;
  const select = (idx: number): { level: Level; element: Buffer } => ({ level: { map, index: idx }, element: map.values[idx] as Buffer });
  if (base === CtxType.INDEX) {
    const ic = calcIndexCount(stepIndex(step), 1n, n, false);
    if (ic === undefined) return fail(CdtCode.OP_NOT_APPLICABLE);
    return select(ic.index);
  }
  if (base === CtxType.RANK) {
    const ic = calcIndexCount(stepIndex(step), 1n, n, false);
    if (ic === undefined) return fail(CdtCode.OP_NOT_APPLICABLE);
    const order = sortedPositions(n, (i, j) => compare(map.values[i] as Buffer, map.values[j] as Buffer) || compare(map.keys[i] as Buffer, map.keys[j] as Buffer));
    return select(order[ic.index] as number);
  }
  if (base === CtxType.KEY) {
    const state = { nonStorage: false };
    skip(step.value, 0, state);
    const key = rewriteValue(step.value);
    if (key === undefined) return fail(CdtCode.OP_NOT_APPLICABLE);
    const idx = lowerBound(0, n, (i) => compare(key, map.keys[i] as Buffer));
    if (idx < n && compare(key, map.keys[idx] as Buffer) === 0) return select(idx);
    if (!createFlagOn(step.type) || state.nonStorage) return fail(CdtCode.OP_NOT_APPLICABLE);
    return { level: { map, index: idx }, create: { steps: rest, index: idx, pad: 0 } };
  }
  if (base === CtxType.VALUE) {
    if (n === 0) return fail(CdtCode.OP_NOT_APPLICABLE);
    const idx = map.values.findIndex((v) => compare(v, step.value) === 0);
    if (idx < 0) return fail(CdtCode.OP_NOT_APPLICABLE);
    return select(idx);
  }
  return fail(CdtCode.OP_NOT_APPLICABLE);
}


/** Map order flags of a created map step. */
function mapCreateFlags(type: number): number {
  switch (createBits(type) & ~CtxType.CREATE_PERSIST_INDEX) {
    case CtxType.CREATE_MAP_K_ORDERED:
      return 1;
    case CtxType.CREATE_MAP_KV_ORDERED:
      return 3;
    default:
      return 0;
  }
}

/** The container a created step holds `inner` in (cdt_context_fill_create). */
function wrap(step: CtxStep, inner: Buffer): Buffer {
  const masked = step.type & CtxType.TYPE_MASK;
  if (masked === (CtxType.KEY | CtxType.MAP)) {
    const key = rewriteValue(step.value) ?? fail(CdtCode.OP_NOT_APPLICABLE);
    const flags = mapCreateFlags(step.type);
    if (flags === 0) return Buffer.concat([mapHeader(1), key, inner]);
    return Buffer.concat([mapHeader(2), extHeader(0, flags), NIL, key, inner]);
  }
  let idx = Number(stepIndex(step));
  if (idx === -1) idx = 0;
  const cr = createBits(step.type) & ~CtxType.CREATE_PERSIST_INDEX;
  if (cr === CtxType.CREATE_LIST_UNBOUND) return Buffer.concat([arrayHeader(idx + 1), ...new Array<Buffer>(idx).fill(NIL), inner]);
  if (cr === CtxType.CREATE_LIST_ORDERED) return Buffer.concat([arrayHeader(2), extHeader(0, LIST_ORDERED), inner]);
  return Buffer.concat([arrayHeader(1), inner]);
}

/** Moves element `idx` of an ordered list to its sorted place after it changed (cdt_context_unwind_list). */
function reposition(orig: readonly Buffer[], items: Buffer[], idx: number): Buffer[] {
  const value = items[idx] as Buffer;
  const rank = lowerBound(0, orig.length, (i) => compare(value, orig[i] as Buffer));
  if (rank === idx || rank === idx + 1) return items;
  const out = [...items];
  out.splice(idx, 1);
  out.splice(rank < idx ? rank : rank - 1, 0, value);
  return out;
}

/**
 * Rebuilds the bin value after the element the path reaches became `element` (or, when
 * the path was being created, after the created container became `element`).
 */
export function rebuild(dug: DigResult, element: Buffer): Buffer {
  let bytes = element;
  let levels = dug.levels;
  if (dug.create !== undefined) {
    const steps = dug.create.steps;
    const fromBin = dug.create.index === undefined;
    for (let i = steps.length - 1; i >= 1; i--) bytes = wrap(steps[i] as CtxStep, bytes);
    if (fromBin) return wrap(steps[0] as CtxStep, bytes);
    // Insert the new element into the last existing container.
    const last = levels[levels.length - 1] as Level;
    levels = levels.slice(0, -1);
    const at = dug.create.index as number;
    if (last.list !== undefined) {
      const list = last.list;
      const items = [...list.items.slice(0, at), ...new Array<Buffer>(dug.create.pad).fill(NIL), bytes, ...list.items.slice(at)];
      const placed = isOrderedList(list) && list.items.length >= 1 ? reposition(list.items, items, at + dug.create.pad) : items;
      bytes = encodeList({ flags: list.flags, items: placed });
    } else {
      const map = last.map as PackedMap;
      const key = rewriteValue((steps[0] as CtxStep).value) ?? fail(CdtCode.OP_NOT_APPLICABLE);
      bytes = encodeMap({ flags: map.flags, keys: [...map.keys.slice(0, at), key, ...map.keys.slice(at)], values: [...map.values.slice(0, at), bytes, ...map.values.slice(at)] });
    }
  }
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i] as Level;
    if (level.list !== undefined) {
      const list = level.list;
      const items = [...list.items];
      items[level.index] = bytes;
      const placed = isOrderedList(list) && list.items.length > 1 ? reposition(list.items, items, level.index) : items;
      bytes = encodeList({ flags: list.flags, items: placed });
    } else {
      const map = level.map as PackedMap;
      const values = [...map.values];
      values[level.index] = bytes;
      bytes = encodeMap({ flags: map.flags, keys: map.keys, values });
    }
  }
  return bytes;
}
