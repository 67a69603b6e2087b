import { CdtCode, fail } from './cdt-error.js';
import { type PackedList, isOrderedList, parseList } from './containers.js';
import { findItems } from './find-items.js';
import { MpType, NIL, compare, packDouble, packInt, peekType, readArrayHeader, readDouble, readInt64 } from './msgpack-value.js';
import { LIST_ORDERED, PERSIST_INDEX, rewriteValue } from './normalize.js';
import { ALL, asIndex, asUint, asValue, calcIndexCount, calcRelIndexCount, isKnownOp, readArgs, type CdtOp } from './op-args.js';
import { argListItems, countResult, outcome, selectRange, runsMask, runsPositionsResult, trimmedIndexes } from './select-common.js';
import { heapPicks, heapSelect, lowerBound, sortedPositions, upperBound } from './order.js';
import {
  ReturnType,
  type ResultSpec,
  type ResultValue,
  boolResult,
  indexRankCountResult,
  intListResult,
  intRange,
  intResult,
  isRangeType,
  isRankRangeType,
  itemListRanksResult,
  listResult,
  maskOf,
  maskPositions,
  notFoundResult,
  pairResult,
  positionsResult,
  rangeResult,
  resultSpec
} from './result.js';

/**
 * List operations with the server's semantics (as_cdt_optype 0-40): the list policies
 * (order, add-unique, insert-bounded, no-fail, partial), every return type and the
 * INVERTED flag, and the server's quirks (e.g. rank ranges of unordered lists come out
 * highest rank first when picked from the low end).
 */

/** List op codes. */
export const ListOpCode = {
  SET_TYPE: 0,
  APPEND: 1,
  APPEND_ITEMS: 2,
  INSERT: 3,
  INSERT_ITEMS: 4,
  POP: 5,
  POP_RANGE: 6,
  REMOVE: 7,
  REMOVE_RANGE: 8,
  SET: 9,
  TRIM: 10,
  CLEAR: 11,
  INCREMENT: 12,
  SORT: 13,
  SIZE: 16,
  GET: 17,
  GET_RANGE: 18,
  GET_BY_INDEX: 19,
  GET_BY_VALUE: 20,
  GET_BY_RANK: 21,
  GET_ALL_BY_VALUE: 22,
  GET_ALL_BY_VALUE_LIST: 23,
  GET_BY_INDEX_RANGE: 24,
  GET_BY_VALUE_INTERVAL: 25,
  GET_BY_RANK_RANGE: 26,
  GET_BY_VALUE_REL_RANK_RANGE: 27,
  REMOVE_BY_INDEX: 32,
  REMOVE_BY_VALUE: 33,
  REMOVE_BY_RANK: 34,
  REMOVE_ALL_BY_VALUE: 35,
  REMOVE_ALL_BY_VALUE_LIST: 36,
  REMOVE_BY_INDEX_RANGE: 37,
  REMOVE_BY_VALUE_INTERVAL: 38,
  REMOVE_BY_RANK_RANGE: 39,
  REMOVE_BY_VALUE_REL_RANK_RANGE: 40
} as const;

/** List write flags. */
const Mod = { UNIQUE: 1n, BOUNDED: 2n, NO_FAIL: 4n, PARTIAL: 8n } as const;
/** Sort flags. */
const SortFlag = { DESCENDING: 1n, DROP_DUPLICATES: 2n } as const;

/** Where a list op runs. */
export interface ListEnv {
  /** The op is a modify op (CDT_MODIFY); reads never change the list. */
  readonly modify: boolean;
  /** A context step is creating the list: it does not exist until the op writes it. */
  readonly created: boolean;
}

/** Outcome of a list op: its result and the new list (undefined: unchanged). */
export interface ListOutcome {
  readonly result: ResultValue;
  readonly next?: PackedList;
}

interface Ctx {
  readonly env: ListEnv;
  readonly rd: ResultSpec;
}

const NO_CHANGE: ListOutcome = { result: null };

function noFail(flags: bigint): boolean {
  return (flags & Mod.NO_FAIL) !== 0n;
}

function doPartial(flags: bigint): boolean {
  return (flags & (Mod.NO_FAIL | Mod.PARTIAL)) === (Mod.NO_FAIL | Mod.PARTIAL);
}

/** ELEMENT_EXISTS unless the no-fail flag is set (then a no-op). */
function existsOutcome(flags: bigint, result: ResultValue): ListOutcome {
  if (!noFail(flags)) fail(CdtCode.ELEMENT_EXISTS);
  return { result };
}

function withItems(list: PackedList, items: Buffer[]): PackedList {
  return { flags: list.flags, items };
}

function cmpItems(list: PackedList): (i: number, j: number) => number {
  return (i, j) => compare(list.items[i] as Buffer, list.items[j] as Buffer);
}

/** Number of elements strictly below `value` (rank of `value` in an unordered list). */
function rankOf(list: PackedList, value: Buffer): number {
  let r = 0;
  for (const e of list.items) if (compare(e, value) < 0) r++;
  return r;
}

/** [lower bound of `start`, count] in an ordered list (packed_list_find_rank_range_by_value_interval_ordered). */
function orderedValueRange(list: PackedList, start: Buffer, end: Buffer | null, single: boolean, multi: boolean): { rank: number; count: number } {
  const n = list.items.length;
  const probe = (v: Buffer) => (i: number): number => compare(v, list.items[i] as Buffer);
  const rank = lowerBound(0, n, probe(start));
  const found = rank < n && compare(start, list.items[rank] as Buffer) === 0;
  if (single) {
    if (!found) return { rank, count: 0 };
    if (!multi) return { rank, count: 1 };
    return { rank, count: upperBound(rank + 1, n, probe(start)) - rank };
  }
  if (end === null) return { rank, count: n - rank };
  if (compare(start, end) >= 0) return { rank, count: 0 };
  return { rank, count: lowerBound(rank, n, probe(end)) - rank };
}

function removeMask(list: PackedList, mask: readonly boolean[]): PackedList {
  return withItems(
    list,
    list.items.filter((_, i) => mask[i] !== true)
  );
}

/** The list minus `[index, index+count)`, or the empty list keeping its order flag. */
function removeRange(list: PackedList, index: number, count: number): PackedList {
  return withItems(list, [...list.items.slice(0, index), ...list.items.slice(index + count)]);
}

/** Trim: keep `[index, index+count)`, return what the rest would be (packed_list_trim). */
function trim(c: Ctx, list: PackedList, index: number, count: number): ListOutcome {
  const n = list.items.length;
  const rmCount = n - count;
  const end = index + count;
  const next = c.env.modify ? withItems(list, list.items.slice(index, end)) : undefined;
  const rd = c.rd;
  let result = countResult(rd.type, rmCount);
  if (result === undefined) switch (rd.type) {
    case ReturnType.INDEX:
    case ReturnType.REVERSE_INDEX:
      result = trimmedIndexes(rd.type, index, end, n);
      break;
    case ReturnType.RANK:
    case ReturnType.REVERSE_RANK: {
      const rev = rd.type === ReturnType.REVERSE_RANK;
      if (isOrderedList(list)) {
        result = intListResult([...intRange(0, index, n, rev), ...intRange(index + count, rmCount - index, n, rev)]);
      } else {
        const removed = [...list.items.slice(0, index), ...list.items.slice(end)];
        result = intListResult(removed.map((v) => (rev ? n - rankOf(list, v) - 1 : rankOf(list, v))));
      }
      break;
    }
    case ReturnType.VALUE:
      result = listResult([...list.items.slice(0, index), ...list.items.slice(end)]);
      break;
    default:
      return fail(CdtCode.OP_NOT_APPLICABLE);
  }
  return outcome(result, next);
}

/** packed_list_get_remove_by_index_range. */
function byIndexRange(c: Ctx, list: PackedList, index: bigint, count: bigint): ListOutcome {
  const rd = c.rd;
  const n = list.items.length;
  const { index: uindex, count: cnt, split } = selectRange(rd, index, count, n, rd.inverted && isRangeType(rd.type));
  if (split) {
    rd.inverted = false;
    return trim(c, list, uindex, cnt);
  }
  if (cnt === 0) {
    const r = notFoundList(rd, uindex);
    return { result: r };
  }
  const removed = list.items.slice(uindex, uindex + cnt);
  const remaining = n - removed.length;
  const next = c.env.modify ? removeRange(list, uindex, cnt) : undefined;
  let result: ResultValue;
  switch (rd.type) {
    case ReturnType.NONE:
      result = null;
      break;
    case ReturnType.INDEX:
    case ReturnType.REVERSE_INDEX:
      result = indexRankCountResult(rd, uindex, cnt, n);
      break;
    case ReturnType.RANK:
    case ReturnType.REVERSE_RANK: {
      const rev = rd.type === ReturnType.REVERSE_RANK;
      if (remaining === 0) {
        result = indexRankCountResult(rd, 0, cnt, n);
        break;
      }
      if (!rd.multi) {
        const rank = isOrderedList(list) ? uindex : rankOf(list, removed[0] as Buffer);
        result = intResult(rev ? n - rank - 1 : rank);
        break;
      }
      if (isOrderedList(list)) result = intListResult(intRange(uindex, cnt, n, rev));
      else result = intListResult(removed.map((v) => (rev ? n - rankOf(list, v) - 1 : rankOf(list, v))));
      break;
    }
    case ReturnType.COUNT:
      result = intResult(removed.length);
      break;
    case ReturnType.EXISTS:
      result = boolResult(removed.length !== 0);
      break;
    case ReturnType.VALUE:
      result = rd.multi ? listResult(removed) : (removed[0] ?? null);
      break;
    case ReturnType.INDEX_RANGE:
      result = pairResult(uindex, cnt);
      break;
    case ReturnType.REVERSE_INDEX_RANGE:
      result = pairResult(n - uindex - cnt, cnt);
      break;
    case ReturnType.RANK_RANGE:
    case ReturnType.REVERSE_RANK_RANGE:
      if (!isOrderedList(list)) return fail(CdtCode.OP_NOT_APPLICABLE);
      result = rangeResult(rd, uindex, cnt, n);
      break;
    default:
      return fail(CdtCode.OP_NOT_APPLICABLE);
  }
  return outcome(result, next);
}

/** list_result_data_set_not_found: key and map shapes have no list answer. */
function notFoundList(rd: ResultSpec, index: number): ResultValue {
  if (rd.type === ReturnType.KEY || rd.type === ReturnType.KEY_VALUE || rd.type === ReturnType.UNORDERED_MAP || rd.type === ReturnType.ORDERED_MAP) {
    return fail(CdtCode.OP_NOT_APPLICABLE);
  }
  const r = notFoundResult(rd, index);
  return r === undefined ? fail(CdtCode.OP_NOT_APPLICABLE) : r;
}

/** packed_list_get_remove_by_value_interval; `end` null means "to the largest value". */
function byValueInterval(c: Ctx, list: PackedList, start: Buffer, end: Buffer | null, single: boolean): ListOutcome {
  const rd = c.rd;
  if (rd.inverted && !rd.multi) return fail(CdtCode.OP_NOT_APPLICABLE);
  const n = list.items.length;
  if (isOrderedList(list)) {
    const { rank, count } = orderedValueRange(list, start, end, single, rd.multi);
    if (count === 0 && !rd.multi) return { result: notFoundList(rd, 0) };
    return byIndexRange(c, list, BigInt(rank), BigInt(count));
  }
  let rank = 0;
  let count = 0;
  let firstIdx = -1;
  const mask = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; i++) {
    const e = list.items[i] as Buffer;
    const cs = compare(e, start);
    if (cs < 0) {
      rank++;
      if (rd.inverted) {
        mask[i] = true;
        count++;
      }
    } else if (!single) {
      const ce = end === null ? -1 : compare(e, end);
      if ((ce < 0 && !rd.inverted) || (ce >= 0 && rd.inverted)) {
        mask[i] = true;
        count++;
      }
    } else if (cs === 0) {
      if (rd.multi) {
        if (!rd.inverted) {
          mask[i] = true;
          count++;
        }
      } else if (count === 0) {
        firstIdx = i;
        count++;
      }
    } else if (rd.inverted && rd.multi) {
      mask[i] = true;
      count++;
    }
  }
  if (!rd.multi && firstIdx >= 0) mask[firstIdx] = true;
  let next: PackedList | undefined;
  if (c.env.modify && count !== 0) next = count === n ? { flags: 0, items: [] } : removeMask(list, mask);
  const selected = maskPositions(mask);
  let result: ResultValue;
  switch (rd.type) {
    case ReturnType.NONE:
    case ReturnType.COUNT:
    case ReturnType.EXISTS:
    case ReturnType.RANK:
    case ReturnType.REVERSE_RANK:
    case ReturnType.RANK_RANGE:
    case ReturnType.REVERSE_RANK_RANGE:
      result = rangeResult(rd, rank, rd.inverted ? n - count : count, n);
      break;
    case ReturnType.INDEX:
    case ReturnType.REVERSE_INDEX:
      result = rd.multi ? positionsResult(rd, selected, n) : indexRankCountResult(rd, firstIdx, count, n);
      break;
    case ReturnType.VALUE:
      result = rd.multi ? listResult(selected.map((i) => list.items[i] as Buffer)) : firstIdx >= 0 ? (list.items[firstIdx] as Buffer) : null;
      break;
    default:
      return fail(CdtCode.OP_NOT_APPLICABLE);
  }
  return outcome(result, next);
}

/** packed_list_get_remove_by_rank_range. */
function byRankRange(c: Ctx, list: PackedList, rank: bigint, count: bigint): ListOutcome {
  const rd = c.rd;
  if (rd.inverted && !rd.multi) return fail(CdtCode.OP_NOT_APPLICABLE);
  if (isOrderedList(list)) return byIndexRange(c, list, rank, count);
  const n = list.items.length;
  const ic = calcIndexCount(rank, count, n, rd.multi);
  if (ic === undefined) return fail(CdtCode.OP_NOT_APPLICABLE);
  const sel = heapSelect(n, ic.index, ic.count, cmpItems(list));
  const rmCount = rd.inverted ? n - ic.count : ic.count;
  if (rmCount === 0) return { result: notFoundList(rd, ic.index) };
  const picks = heapPicks(sel, ic.count);
  const mask = maskOf(n, picks, rd.inverted);
  if (rd.inverted && isRankRangeType(rd.type)) return fail(CdtCode.OP_NOT_APPLICABLE);
  const next = c.env.modify ? removeMask(list, mask) : undefined;
  let result: ResultValue;
  switch (rd.type) {
    case ReturnType.NONE:
    case ReturnType.COUNT:
    case ReturnType.EXISTS:
    case ReturnType.RANK:
    case ReturnType.REVERSE_RANK:
    case ReturnType.RANK_RANGE:
    case ReturnType.REVERSE_RANK_RANGE:
      result = rangeResult(rd, ic.index, ic.count, n);
      break;
    case ReturnType.INDEX:
    case ReturnType.REVERSE_INDEX:
      result = positionsResult(rd, maskPositions(mask), n);
      break;
    case ReturnType.VALUE: {
      const order = rd.inverted ? maskPositions(mask) : picks;
      result = rd.multi ? listResult(order.map((i) => list.items[i] as Buffer)) : (list.items[order[0] as number] as Buffer);
      break;
    }
    default:
      return fail(CdtCode.OP_NOT_APPLICABLE);
  }
  return outcome(result, next);
}

/** packed_list_get_remove_all_by_value_list. */
function byValueList(c: Ctx, list: PackedList, payload: Buffer): ListOutcome {
  const rd = c.rd;
  if (isRangeType(rd.type)) return fail(CdtCode.OP_NOT_APPLICABLE);
  const items = argListItems(payload);
  const n = list.items.length;
  if (items.length === 0) {
    if (!rd.inverted) return { result: notFoundList(rd, 0) };
    rd.inverted = false;
    return byIndexRange(c, list, 0n, BigInt(n));
  }
  if (isOrderedList(list)) return byValueListOrdered(c, list, items);
  const withRanks = rd.type === ReturnType.RANK || rd.type === ReturnType.REVERSE_RANK;
  const found = findItems(list.items, items, rd.inverted, withRanks);
  let next: PackedList | undefined;
  if (c.env.modify && found.count !== 0) next = found.count === n ? { flags: 0, items: [] } : removeMask(list, found.mask);
  const selected = maskPositions(found.mask);
  let result: ResultValue;
  switch (rd.type) {
    case ReturnType.NONE:
      result = null;
      break;
    case ReturnType.INDEX:
    case ReturnType.REVERSE_INDEX:
      result = positionsResult(rd, selected, n);
      break;
    case ReturnType.RANK:
    case ReturnType.REVERSE_RANK:
      result = itemListRanksResult(rd, found.sortedItems, found.rc, n);
      break;
    case ReturnType.COUNT:
      result = intResult(found.count);
      break;
    case ReturnType.EXISTS:
      result = boolResult(found.count !== 0);
      break;
    case ReturnType.VALUE:
      result = listResult(selected.map((i) => list.items[i] as Buffer));
      break;
    default:
      return fail(CdtCode.OP_NOT_APPLICABLE);
  }
  return outcome(result, next);
}

/** packed_list_get_remove_all_by_value_list_ordered. */
function byValueListOrdered(c: Ctx, list: PackedList, items: Buffer[]): ListOutcome {
  const rd = c.rd;
  const n = list.items.length;
  const ranges = items.map((v) => orderedValueRange(list, v, v, true, true));
  const rcCount = ranges.reduce((s, r) => s + r.count, 0);
  const needMask = c.env.modify || rd.type === ReturnType.COUNT || (rd.inverted && rd.type !== ReturnType.NONE);
  const mask = runsMask(ranges, n, rd.inverted);
  const rmCount = needMask ? maskPositions(mask).length : rcCount;
  let next: PackedList | undefined;
  if (c.env.modify && rmCount !== 0) next = rmCount === n ? { flags: list.flags, items: [] } : removeMask(list, mask);
  let result = countResult(rd.type, rmCount);
  if (result === undefined) switch (rd.type) {
    case ReturnType.INDEX:
    case ReturnType.REVERSE_INDEX:
    case ReturnType.RANK:
    case ReturnType.REVERSE_RANK:
      result = runsPositionsResult(rd, ranges, mask, n, rd.type === ReturnType.REVERSE_INDEX || rd.type === ReturnType.REVERSE_RANK);
      break;
    case ReturnType.VALUE:
      if (rd.inverted) result = listResult(maskPositions(mask).map((i) => list.items[i] as Buffer));
      else result = listResult(ranges.flatMap((r) => list.items.slice(r.rank, r.rank + r.count)));
      break;
    default:
      return fail(CdtCode.OP_NOT_APPLICABLE);
  }
  return outcome(result, next);
}

/** packed_list_get_remove_by_rel_rank_range. */
function byRelRankRange(c: Ctx, list: PackedList, value: Buffer, rank: bigint, count: bigint): ListOutcome {
  if (isOrderedList(list)) {
    const rel = orderedValueRange(list, value, value, true, c.rd.multi).rank;
    const r = calcRelIndexCount(rank, count, rel);
    return byIndexRange(c, list, r.index, r.count);
  }
  const r = calcRelIndexCount(rank, count, rankOf(list, value));
  return byRankRange(c, list, r.index, r.count);
}

/** The stored form of a value argument (PARAMETER when it cannot be stored). */
function storable(v: Buffer): Buffer {
  const r = rewriteValue(v);
  return r === undefined ? fail(CdtCode.PARAMETER) : r;
}

/** Elements of a list argument (its own order marker dropped). */
function payloadItems(payload: Buffer): readonly Buffer[] {
  return parseList(payload).items;
}

/** packed_list_insert. */
function insert(c: Ctx, list: PackedList, index: bigint, values: readonly Buffer[], isList: boolean, mod: bigint, setResult: boolean): ListOutcome {
  const n = list.items.length;
  const res = (v: number): ResultValue => (setResult ? intResult(v) : null);
  if (isList && values.length === 0) return c.env.created ? { result: res(n), next: list } : { result: res(n) };
  if (index > 0x7fffffffn) return fail(CdtCode.OP_NOT_APPLICABLE);
  const idx = index < 0n ? BigInt(n) + index : index;
  if (idx < 0n) return fail(CdtCode.OP_NOT_APPLICABLE);
  const uindex = Number(idx);
  if ((mod & Mod.BOUNDED) !== 0n && uindex > n) {
    if (noFail(mod)) return { result: res(n) };
    return fail(CdtCode.OP_NOT_APPLICABLE);
  }
  let add = values;
  if ((mod & Mod.UNIQUE) !== 0n) {
    if (isList) {
      const unique: Buffer[] = [];
      add = unique;
      let skipped = 0;
      for (let i = 0; i < values.length; i++) {
        const v = values[i] as Buffer;
        const inList = list.items.some((e) => compare(e, v) === 0);
        if (!inList) {
          let dup = false;
          for (let j = 0; j < i; j++) {
            if (compare(v, values[j] as Buffer) === 0) {
              if (!noFail(mod)) return fail(CdtCode.OP_NOT_APPLICABLE);
              if (!doPartial(mod)) return { result: res(n) };
              skipped++;
              dup = true;
              break;
            }
          }
          if (!dup) unique.push(v);
        } else if (doPartial(mod)) {
          skipped++;
        } else {
          return existsOutcome(mod, res(n));
        }
      }
      if (skipped === values.length) return existsOutcome(mod, res(n));
    } else if (list.items.some((e) => compare(e, values[0] as Buffer) === 0)) {
      return existsOutcome(mod, res(n));
    }
  }
  const items = list.items.slice(0, uindex);
  for (let i = n; i < uindex; i++) items.push(NIL);
  items.push(...add, ...list.items.slice(uindex));
  return { result: res(items.length), next: withItems(list, items) };
}

/** packed_list_add_ordered. */
function addOrdered(c: Ctx, list: PackedList, value: Buffer, mod: bigint): ListOutcome {
  const n = list.items.length;
  const pos = lowerBound(0, n, (i) => compare(value, list.items[i] as Buffer));
  const found = pos < n && compare(value, list.items[pos] as Buffer) === 0;
  if (found && (mod & Mod.UNIQUE) !== 0n) return existsOutcome(mod, intResult(n));
  return insert(c, list, BigInt(pos), [value], false, 0n, true);
}

/** packed_list_add_items_ordered. */
function addItemsOrdered(c: Ctx, list: PackedList, values: readonly Buffer[], mod: bigint): ListOutcome {
  const n = list.items.length;
  if (values.length === 0) return c.env.created ? { result: intResult(n), next: list } : { result: intResult(n) };
  const order = sortedPositions(values.length, (i, j) => compare(values[i] as Buffer, values[j] as Buffer));
  const unique = (mod & Mod.UNIQUE) !== 0n;
  const keep = new Array<boolean>(values.length).fill(true);
  if (unique) {
    let dups = 0;
    for (let k = 1; k < order.length; k++) {
      const c0 = compare(values[order[k - 1] as number] as Buffer, values[order[k] as number] as Buffer);
      if (c0 === 0) {
        keep[order[k] as number] = false;
        dups++;
      } else if (c0 > 0) {
        return fail(CdtCode.SERVER_ERROR);
      }
    }
    if (dups !== 0) {
      if (!noFail(mod)) return fail(CdtCode.OP_NOT_APPLICABLE);
      if (!doPartial(mod)) return { result: intResult(n) };
    }
  }
  const inserts: Array<{ pos: number; value: Buffer }> = [];
  for (const vi of order) {
    if (!keep[vi]) continue;
    const v = values[vi] as Buffer;
    const pos = lowerBound(0, n, (i) => compare(v, list.items[i] as Buffer));
    const found = pos < n && compare(v, list.items[pos] as Buffer) === 0;
    if (unique && found) {
      if (doPartial(mod)) continue;
      return existsOutcome(mod, intResult(n));
    }
    inserts.push({ pos, value: v });
  }
  const items: Buffer[] = [];
  let from = 0;
  for (const ins of inserts) {
    while (from < ins.pos) items.push(list.items[from++] as Buffer);
    items.push(ins.value);
  }
  while (from < n) items.push(list.items[from++] as Buffer);
  return { result: intResult(items.length), next: withItems(list, items) };
}

/** packed_list_replace_ordered (increment of an ordered list). */
function replaceOrdered(list: PackedList, index: number, value: Buffer, mod: bigint, result: ResultValue): ListOutcome {
  const n = list.items.length;
  const { rank, count } = orderedValueRange(list, value, value, true, false);
  if (index > n) return fail(CdtCode.OP_NOT_APPLICABLE);
  if ((mod & Mod.UNIQUE) !== 0n && count !== 0) {
    if (rank === index) return { result };
    return existsOutcome(mod, result);
  }
  const items = [...list.items];
  if (index < n) items.splice(index, 1);
  const at = rank <= index ? rank : rank - 1;
  items.splice(at, 0, value);
  return { result, next: withItems(list, items) };
}

/** list_set. */
function setItem(c: Ctx, list: PackedList, index: bigint, value: Buffer, mod: bigint, result: ResultValue): ListOutcome {
  if (isOrderedList(list)) return fail(CdtCode.OP_NOT_APPLICABLE);
  const n = list.items.length;
  if (index >= BigInt(n)) {
    const r = insert(c, list, index, [value], false, mod, false);
    return r.next === undefined ? { result } : { result, next: r.next };
  }
  const idx = index < 0n ? BigInt(n) + index : index;
  if (idx < 0n) return fail(CdtCode.OP_NOT_APPLICABLE);
  const uindex = Number(idx);
  if ((mod & Mod.UNIQUE) !== 0n) {
    const first = list.items.findIndex((e) => compare(e, value) === 0);
    if (first >= 0) {
      if (first !== uindex) return existsOutcome(mod, result);
      if (list.items.filter((e) => compare(e, value) === 0).length > 1) return existsOutcome(mod, result);
    }
  }
  const items = [...list.items];
  items[uindex] = value;
  return { result, next: withItems(list, items) };
}

/** The server's cdt_calc_delta: the incremented value of `current` (or of nothing) by `delta`. */
export function incrementValue(current: Buffer | undefined, delta: Buffer | undefined, decrement: boolean): Buffer {
  let incrInt = 1n;
  let incrDouble = 1;
  let deltaIsDouble = false;
  if (delta !== undefined) {
    const t = peekType(delta, 0);
    if (t === MpType.INT || t === MpType.NEGINT) {
      const r = readInt64(delta, 0);
      if (r === undefined) return fail(CdtCode.PARAMETER);
      incrInt = r.value;
    } else if (t === MpType.DOUBLE) {
      const r = readDouble(delta, 0);
      if (r === undefined) return fail(CdtCode.PARAMETER);
      incrDouble = r.value;
      deltaIsDouble = true;
    } else if (t !== MpType.NIL) {
      return fail(CdtCode.PARAMETER);
    }
  }
  if (decrement) {
    incrInt = BigInt.asIntN(64, -incrInt);
    incrDouble = -incrDouble;
  }
  if (current !== undefined) {
    const t = peekType(current, 0);
    if (t === MpType.INT || t === MpType.NEGINT) {
      const r = readInt64(current, 0);
      if (r === undefined) return fail(CdtCode.PARAMETER);
      const add = deltaIsDouble ? truncToInt64(incrDouble) : incrInt;
      return packInt(BigInt.asIntN(64, r.value + add));
    }
    if (t === MpType.DOUBLE) {
      const r = readDouble(current, 0);
      if (r === undefined) return fail(CdtCode.PARAMETER);
      return packDouble(r.value + (deltaIsDouble ? incrDouble : Number(incrInt)));
    }
    return fail(CdtCode.PARAMETER);
  }
  return deltaIsDouble ? packDouble(incrDouble) : packInt(incrInt);
}

function truncToInt64(d: number): bigint {
  if (!Number.isFinite(d)) return 0n;
  return BigInt.asIntN(64, BigInt(Math.trunc(d)));
}

/** list_increment. */
function increment(c: Ctx, list: PackedList, index: bigint, delta: Buffer | undefined, mod: bigint): ListOutcome {
  const n = list.items.length;
  if (index > 0x7fffffffn) return fail(CdtCode.OP_NOT_APPLICABLE);
  const idx = index < 0n ? BigInt(n) + index : index;
  if (idx < 0n) return fail(CdtCode.OP_NOT_APPLICABLE);
  const uindex = Number(idx);
  const value = incrementValue(uindex < n ? list.items[uindex] : undefined, delta, false);
  if (isOrderedList(list)) return replaceOrdered(list, uindex, value, mod, value);
  return setItem(c, list, BigInt(uindex), value, mod, value);
}

/** list_sort. */
function sortList(list: PackedList, flags: bigint): ListOutcome {
  const n = list.items.length;
  if (n <= 1) return NO_CHANGE;
  const desc = (flags & SortFlag.DESCENDING) !== 0n;
  const order = isOrderedList(list)
    ? sortedPositions(n, () => 0)
    : sortedPositions(n, (i, j) => (desc ? -1 : 1) * compare(list.items[i] as Buffer, list.items[j] as Buffer));
  let kept = order;
  if ((flags & SortFlag.DROP_DUPLICATES) !== 0n) {
    kept = [order[0] as number];
    for (let k = 1; k < n; k++) {
      const c0 = compare(list.items[order[k - 1] as number] as Buffer, list.items[order[k] as number] as Buffer);
      if (c0 > 0) return fail(CdtCode.PARAMETER);
      if (c0 < 0) kept.push(order[k] as number);
    }
  }
  return { result: null, next: withItems(list, kept.map((i) => list.items[i] as Buffer)) };
}

/** list_set_flags. */
function setFlags(c: Ctx, list: PackedList, arg: bigint): ListOutcome {
  const flags = arg & 0xffn;
  if ((flags & ~BigInt(LIST_ORDERED | PERSIST_INDEX)) !== 0n) return fail(CdtCode.OP_NOT_APPLICABLE);
  const order = Number(flags) & LIST_ORDERED;
  if (order === list.flags) return c.env.created ? { result: null, next: list } : NO_CHANGE;
  const n = list.items.length;
  let items = list.items as Buffer[];
  if (order !== 0 && n > 1) items = sortedPositions(n, cmpItems(list)).map((i) => list.items[i] as Buffer);
  return { result: null, next: { flags: order, items } };
}

/** Valid creation flags of a list op (invalid ones fall back to unordered). */
function createFlags(arg: bigint): number {
  const v = arg & 0xffn;
  if ((v & ~BigInt(LIST_ORDERED | PERSIST_INDEX)) !== 0n) return 0;
  return Number(v) & LIST_ORDERED;
}

/** Ops that create the list when the bin has none (the server's "use static list"). */
const CREATING: ReadonlySet<number> = new Set([
  ListOpCode.SET_TYPE,
  ListOpCode.APPEND,
  ListOpCode.APPEND_ITEMS,
  ListOpCode.INSERT,
  ListOpCode.INSERT_ITEMS,
  ListOpCode.SET,
  ListOpCode.INCREMENT
]);

/** Whether `code` is a list read op (16-27). */
export function isListReadOp(code: number): boolean {
  return code >= ListOpCode.SIZE && code <= ListOpCode.GET_BY_VALUE_REL_RANK_RANGE;
}

/**
 * Runs a list op.
 * @param list the list, or undefined when there is none (a bin without a value, or a
 *   list a context step is creating: `env.created`)
 * @throws CdtError with the server's result code on failure
 */
export function applyListOp(op: CdtOp, list: PackedList | undefined, env: ListEnv): ListOutcome {
  const code = op.code;
  if (env.modify === isListReadOp(code) || !isKnownOp(code)) return fail(CdtCode.PARAMETER);
  if (list === undefined && !CREATING.has(code)) {
    // No list yet: removals are no-ops; sorting a bin without a value is a type error.
    if (code === ListOpCode.SORT && !env.created) return fail(CdtCode.BIN_TYPE);
    if (isListReadOp(code)) return fail(CdtCode.BIN_TYPE);
    return NO_CHANGE;
  }
  const args = readArgs(op);
  const a = (i: number): Buffer => asValue(args[i]) ?? fail(CdtCode.PARAMETER);
  let base = list;
  if (base === undefined) {
    const f = code === ListOpCode.APPEND || code === ListOpCode.APPEND_ITEMS ? asUint(args[1]) : code === ListOpCode.INCREMENT ? asUint(args[2]) : 0n;
    base = { flags: createFlags(f), items: [] };
  }
  const out = run(code, args, a, base, env);
  if (list === undefined && !env.created && out.next === undefined) return { result: out.result, next: base };
  return out;
}

function run(code: number, args: ReturnType<typeof readArgs>, a: (i: number) => Buffer, list: PackedList, env: ListEnv): ListOutcome {
  const ctx = (rt: bigint, multi: boolean): Ctx => ({ env, rd: resultSpec(rt, multi) });
  const plain = (type: number, multi: boolean, inverted = false): Ctx => ({ env, rd: { type, inverted, multi } });
  switch (code) {
    case ListOpCode.SET_TYPE:
      return setFlags(plain(0, false), list, asUint(args[0]));
    case ListOpCode.APPEND:
    case ListOpCode.APPEND_ITEMS: {
      const isList = code === ListOpCode.APPEND_ITEMS;
      const value = storable(a(0));
      if (isList && readArrayHeader(value, 0) === undefined) return fail(CdtCode.PARAMETER);
      const mod = asUint(args[2]);
      if (isOrderedList(list)) return isList ? addItemsOrdered(plain(0, false), list, payloadItems(value), mod) : addOrdered(plain(0, false), list, value, mod);
      return insert(plain(0, false), list, BigInt(list.items.length), isList ? payloadItems(value) : [value], isList, mod, true);
    }
    case ListOpCode.INSERT:
    case ListOpCode.INSERT_ITEMS: {
      const isList = code === ListOpCode.INSERT_ITEMS;
      const value = storable(a(1));
      if (isList && readArrayHeader(value, 0) === undefined) return fail(CdtCode.PARAMETER);
      if (isOrderedList(list)) return fail(CdtCode.OP_NOT_APPLICABLE);
      return insert(plain(0, false), list, asIndex(args[0]), isList ? payloadItems(value) : [value], isList, asUint(args[2]), true);
    }
    case ListOpCode.SET:
      return setItem(plain(0, false), list, asIndex(args[0]), storable(a(1)), asUint(args[2]), null);
    case ListOpCode.INCREMENT:
      return increment(plain(0, false), list, asIndex(args[0]), asValue(args[1]), asUint(args[3]));
    case ListOpCode.SORT:
      return sortList(list, asUint(args[0]));
    case ListOpCode.CLEAR:
      return { result: null, next: { flags: list.flags, items: [] } };
    case ListOpCode.REMOVE:
    case ListOpCode.POP:
      return byIndexRange(plain(code === ListOpCode.REMOVE ? ReturnType.COUNT : ReturnType.VALUE, false), list, asIndex(args[0]), 1n);
    case ListOpCode.REMOVE_RANGE:
    case ListOpCode.POP_RANGE:
      return byIndexRange(plain(code === ListOpCode.REMOVE_RANGE ? ReturnType.COUNT : ReturnType.VALUE, true), list, asIndex(args[0]), asUint(args[1], ALL));
    case ListOpCode.TRIM:
      return byIndexRange(plain(ReturnType.COUNT, true, true), list, asIndex(args[0]), asUint(args[1], ALL));
    case ListOpCode.SIZE:
      return { result: intResult(list.items.length) };
    case ListOpCode.GET:
      return byIndexRange(plain(ReturnType.VALUE, false), list, asIndex(args[0]), 1n);
    case ListOpCode.GET_RANGE:
      return byIndexRange(plain(ReturnType.VALUE, true), list, asIndex(args[0]), asUint(args[1], ALL));
    case ListOpCode.GET_BY_INDEX:
    case ListOpCode.REMOVE_BY_INDEX:
      return byIndexRange(ctx(asUint(args[0]), false), list, asIndex(args[1]), 1n);
    case ListOpCode.GET_BY_VALUE:
    case ListOpCode.GET_ALL_BY_VALUE:
    case ListOpCode.REMOVE_BY_VALUE:
    case ListOpCode.REMOVE_ALL_BY_VALUE: {
      const multi = code === ListOpCode.GET_ALL_BY_VALUE || code === ListOpCode.REMOVE_ALL_BY_VALUE;
      const v = a(1);
      return byValueInterval(ctx(asUint(args[0]), multi), list, v, v, true);
    }
    case ListOpCode.GET_BY_RANK:
    case ListOpCode.REMOVE_BY_RANK:
      return byRankRange(ctx(asUint(args[0]), false), list, asIndex(args[1]), 1n);
    case ListOpCode.GET_ALL_BY_VALUE_LIST:
    case ListOpCode.REMOVE_ALL_BY_VALUE_LIST:
      return byValueList(ctx(asUint(args[0]), true), list, a(1));
    case ListOpCode.GET_BY_INDEX_RANGE:
    case ListOpCode.REMOVE_BY_INDEX_RANGE:
      return byIndexRange(ctx(asUint(args[0]), true), list, asIndex(args[1]), asUint(args[2], ALL));
    case ListOpCode.GET_BY_VALUE_INTERVAL:
    case ListOpCode.REMOVE_BY_VALUE_INTERVAL:
      return byValueInterval(ctx(asUint(args[0]), true), list, a(1), asValue(args[2]) ?? null, false);
    case ListOpCode.GET_BY_RANK_RANGE:
    case ListOpCode.REMOVE_BY_RANK_RANGE:
      return byRankRange(ctx(asUint(args[0]), true), list, asIndex(args[1]), asUint(args[2], ALL));
    case ListOpCode.GET_BY_VALUE_REL_RANK_RANGE:
    case ListOpCode.REMOVE_BY_VALUE_REL_RANK_RANGE:
      return byRelRankRange(ctx(asUint(args[0]), true), list, a(1), asIndex(args[2]), asUint(args[3], ALL));
    default:
      return fail(CdtCode.PARAMETER);
  }
}
