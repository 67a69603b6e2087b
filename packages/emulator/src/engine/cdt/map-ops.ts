import { CdtCode, fail } from './cdt-error.js';
import { type PackedMap, encodeMapEntries, isKeyOrderedMap, parseMap } from './containers.js';
import { findItems, type FoundItems } from './find-items.js';
import { compare, skip } from './msgpack-value.js';
import { MAP_KV_ORDERED, PERSIST_INDEX, isMapKey, rewriteValue } from './normalize.js';
import { ALL, asIndex, asUint, asValue, calcRelIndexCount, isKnownOp, readArgs, type ArgValue, type CdtOp } from './op-args.js';
import { incrementValue } from './list-ops.js';
import { argListItems, countResult, outcome, selectRange, runsMask, runsPositionsResult, trimmedIndexes } from './select-common.js';
import { lowerBound, sortedPositions, upperBound } from './order.js';
import {
  ReturnType,
  type ResultSpec,
  type ResultValue,
  boolResult,
  indexRankCountResult,
  intListResult,
  intRange,
  intResult,
  isElementType,
  isIndexRangeType,
  isMapType,
  isRangeType,
  isRankRangeType,
  itemListRanksResult,
  listResult,
  maskOf,
  maskPositions,
  notFoundResult,
  pairResult,
  rangeResult,
  resultMapFlags,
  resultSpec
} from './result.js';

/**
 * Map operations with the server's semantics (as_cdt_optype 64-110): map order
 * (unordered, key-ordered, key-value-ordered), write flags (create-only, update-only,
 * no-fail, partial), every return type including the map shapes, and INVERTED.
 *
 * The server keeps every map's entries in key order (an unordered map is written sorted
 * and new keys are inserted in place), so indexes are key-order positions for all maps;
 * the map's order flag still selects the code path, which matters for a few results.
 */

/** Map op codes. */
export const MapOpCode = {
  SET_TYPE: 64,
  ADD: 65,
  ADD_ITEMS: 66,
  PUT: 67,
  PUT_ITEMS: 68,
  REPLACE: 69,
  REPLACE_ITEMS: 70,
  INCREMENT: 73,
  DECREMENT: 74,
  CLEAR: 75,
  REMOVE_BY_KEY: 76,
  REMOVE_BY_INDEX: 77,
  REMOVE_BY_VALUE: 78,
  REMOVE_BY_RANK: 79,
  REMOVE_BY_KEY_LIST: 81,
  REMOVE_ALL_BY_VALUE: 82,
  REMOVE_BY_VALUE_LIST: 83,
  REMOVE_BY_KEY_INTERVAL: 84,
  REMOVE_BY_INDEX_RANGE: 85,
  REMOVE_BY_VALUE_INTERVAL: 86,
  REMOVE_BY_RANK_RANGE: 87,
  REMOVE_BY_KEY_REL_INDEX_RANGE: 88,
  REMOVE_BY_VALUE_REL_RANK_RANGE: 89,
  SIZE: 96,
  GET_BY_KEY: 97,
  GET_BY_INDEX: 98,
  GET_BY_VALUE: 99,
  GET_BY_RANK: 100,
  GET_ALL_BY_VALUE: 102,
  GET_BY_KEY_INTERVAL: 103,
  GET_BY_INDEX_RANGE: 104,
  GET_BY_VALUE_INTERVAL: 105,
  GET_BY_RANK_RANGE: 106,
  GET_BY_KEY_LIST: 107,
  GET_BY_VALUE_LIST: 108,
  GET_BY_KEY_REL_INDEX_RANGE: 109,
  GET_BY_VALUE_REL_RANK_RANGE: 110
} as const;

/** Map write flags. */
const Mod = { NO_OVERWRITE: 1n, NO_CREATE: 2n, NO_FAIL: 4n, PARTIAL: 8n } as const;

/** Where a map op runs. */
export interface MapEnv {
  /** The op is a modify op (CDT_MODIFY); reads never change the map. */
  readonly modify: boolean;
  /** A context step is creating the map: it does not exist until the op writes it. */
  readonly created: boolean;
  /** The map is the bin itself (not reached through a context). */
  readonly topLevel: boolean;
}

/** Outcome of a map op: its result and the new map (undefined: unchanged). */
export interface MapOutcome {
  readonly result: ResultValue;
  readonly next?: PackedMap;
}

interface Ctx {
  readonly env: MapEnv;
  readonly rd: ResultSpec;
}

interface Control {
  readonly allowOverwrite: boolean;
  readonly allowCreate: boolean;
  readonly noFail: boolean;
  readonly doPartial: boolean;
}

const NO_CHANGE: MapOutcome = { result: null };

function sameFlags(map: PackedMap, keys: Buffer[], values: Buffer[]): PackedMap {
  return { flags: map.flags, keys, values };
}

function removeMask(map: PackedMap, mask: readonly boolean[]): PackedMap {
  const keys: Buffer[] = [];
  const values: Buffer[] = [];
  for (let i = 0; i < map.keys.length; i++) {
    if (mask[i] === true) continue;
    keys.push(map.keys[i] as Buffer);
    values.push(map.values[i] as Buffer);
  }
  return sameFlags(map, keys, values);
}

function removeRange(map: PackedMap, index: number, count: number): PackedMap {
  return sameFlags(map, [...map.keys.slice(0, index), ...map.keys.slice(index + count)], [...map.values.slice(0, index), ...map.values.slice(index + count)]);
}

/** Position of `key` (found) or where it would go, in key order. */
function findKey(map: PackedMap, key: Buffer): { idx: number; found: boolean } {
  const n = map.keys.length;
  const idx = lowerBound(0, n, (i) => compare(key, map.keys[i] as Buffer));
  return { idx, found: idx < n && compare(key, map.keys[idx] as Buffer) === 0 };
}

/** Entry order by value, ties by key (the server's rank order). */
function rankOrder(map: PackedMap): number[] {
  return sortedPositions(map.keys.length, (i, j) => compare(map.values[i] as Buffer, map.values[j] as Buffer) || compare(map.keys[i] as Buffer, map.keys[j] as Buffer));
}

/** Rank of entry `idx` (entries strictly before it in value-then-key order). */
function rankOfIdx(map: PackedMap, idx: number): number {
  const v = map.values[idx] as Buffer;
  const k = map.keys[idx] as Buffer;
  let r = 0;
  for (let i = 0; i < map.keys.length; i++) {
    const c = compare(map.values[i] as Buffer, v) || compare(map.keys[i] as Buffer, k);
    if (c < 0) r++;
  }
  return r;
}

function isRev(rd: ResultSpec): boolean {
  return rd.type === ReturnType.REVERSE_INDEX || rd.type === ReturnType.REVERSE_RANK;
}

function keyNotFound(rd: ResultSpec, index: number): ResultValue {
  if (isRankRangeType(rd.type)) return fail(CdtCode.OP_NOT_APPLICABLE);
  const r = notFoundResult(rd, index);
  return r === undefined ? fail(CdtCode.OP_NOT_APPLICABLE) : r;
}

function valueNotFound(rd: ResultSpec, rank: number): ResultValue {
  if (isIndexRangeType(rd.type)) return fail(CdtCode.OP_NOT_APPLICABLE);
  const r = notFoundResult(rd, rank);
  return r === undefined ? fail(CdtCode.OP_NOT_APPLICABLE) : r;
}

// --- element results ---------------------------------------------------------

function elementOf(map: PackedMap, rd: ResultSpec, i: number): Buffer {
  return (rd.type === ReturnType.KEY ? map.keys[i] : map.values[i]) as Buffer;
}

function mapShaped(map: PackedMap, rd: ResultSpec, idxs: readonly number[], sort: boolean): Buffer {
  let order = [...idxs];
  if (sort && rd.type === ReturnType.ORDERED_MAP && !isKeyOrderedMap(map) && order.length > 1) {
    order = order.sort((a, b) => compare(map.keys[a] as Buffer, map.keys[b] as Buffer));
  }
  return encodeMapEntries(
    resultMapFlags(rd.type),
    order.map((i) => map.keys[i] as Buffer),
    order.map((i) => map.values[i] as Buffer)
  );
}

/** Elements of `[start, start+count)`, or of everything else when INVERTED (packed_map_build_ele_result_by_idx_range). */
function eleByIdxRange(map: PackedMap, rd: ResultSpec, start: number, count: number): ResultValue {
  const n = map.keys.length;
  const idxs: number[] = [];
  if (rd.inverted) {
    for (let i = 0; i < start; i++) idxs.push(i);
    for (let i = start + count; i < n; i++) idxs.push(i);
  } else {
    for (let i = start; i < start + count; i++) idxs.push(i);
  }
  if (isMapType(rd.type)) return mapShaped(map, rd, idxs, true);
  if (!rd.multi) return elementOf(map, rd, start);
  return listResult(idxs.map((i) => elementOf(map, rd, i)));
}

/** Elements in the given entry order (packed_map_build_ele_result_by_ele_idx). */
function eleByIdxs(map: PackedMap, rd: ResultSpec, idxs: readonly number[]): ResultValue {
  if (isMapType(rd.type)) return mapShaped(map, rd, idxs, false);
  if (rd.multi) return listResult(idxs.map((i) => elementOf(map, rd, i)));
  if (idxs.length === 0) return null;
  return elementOf(map, rd, idxs[0] as number);
}

/** Elements of the selected entries in stored order (packed_map_build_ele_result_by_mask). */
function eleByMask(map: PackedMap, rd: ResultSpec, mask: readonly boolean[]): ResultValue {
  const idxs = maskPositions(mask);
  if (!rd.multi) return eleByIdxs(map, rd, idxs.slice(0, 1));
  if (isMapType(rd.type)) return mapShaped(map, rd, idxs, true);
  return listResult(idxs.map((i) => elementOf(map, rd, i)));
}

// --- index / rank results ----------------------------------------------------------

function indexByIdxs(map: PackedMap, rd: ResultSpec, idxs: readonly number[], start: number): ResultValue {
  const n = map.keys.length;
  if (idxs.length === 0) return notFoundResult(rd, start) ?? fail(CdtCode.SERVER_ERROR);
  const rev = rd.type === ReturnType.REVERSE_INDEX;
  if (!rd.multi) {
    const i = idxs[0] as number;
    return intResult(rev ? n - i - 1 : i);
  }
  return intListResult(idxs.map((i) => (rev ? n - i - 1 : i)));
}

function indexByMask(map: PackedMap, rd: ResultSpec, mask: readonly boolean[]): ResultValue {
  const idxs = maskPositions(mask);
  if (idxs.length === 0) return notFoundResult(rd, -1) ?? null;
  return indexByIdxs(map, rd, idxs, 0);
}

function rankByIdxs(map: PackedMap, rd: ResultSpec, idxs: readonly number[]): ResultValue {
  const n = map.keys.length;
  const rev = isRev(rd);
  const ranks = idxs.map((i) => {
    const r = rankOfIdx(map, i);
    return rev ? n - r - 1 : r;
  });
  if (!rd.multi) return intResult(ranks[0] ?? (rev ? n - n - 1 : n));
  return intListResult(ranks);
}

function rankByIndexRange(map: PackedMap, rd: ResultSpec, index: number, count: number): ResultValue {
  const n = map.keys.length;
  if (!rd.multi) return rankByIdxs(map, rd, [index]);
  const idxs: number[] = [];
  if (rd.inverted) {
    for (let i = 0; i < index; i++) idxs.push(i);
    for (let i = index + count; i < n; i++) idxs.push(i);
  } else {
    for (let i = index; i < index + count; i++) idxs.push(i);
  }
  return rankByIdxs(map, rd, idxs);
}

// --- selections ------------------------------------------------------------------

/** packed_map_get_remove_all. */
function removeAll(c: Ctx, map: PackedMap): MapOutcome {
  const rd = c.rd;
  const n = map.keys.length;
  const next = c.env.modify ? sameFlags(map, [], []) : undefined;
  let result: ResultValue;
  switch (rd.type) {
    case ReturnType.NONE:
      result = null;
      break;
    case ReturnType.INDEX:
    case ReturnType.RANK:
    case ReturnType.REVERSE_INDEX:
    case ReturnType.REVERSE_RANK:
      result = rd.multi ? intListResult(intRange(0, n, n, false)) : intResult(0);
      break;
    case ReturnType.COUNT:
      result = intResult(n);
      break;
    case ReturnType.EXISTS:
      result = boolResult(n !== 0);
      break;
    case ReturnType.KEY:
    case ReturnType.VALUE:
    case ReturnType.KEY_VALUE:
    case ReturnType.UNORDERED_MAP:
    case ReturnType.ORDERED_MAP:
      result = eleByIdxRange(map, rd, 0, n);
      break;
    case ReturnType.INDEX_RANGE:
    case ReturnType.REVERSE_INDEX_RANGE:
    case ReturnType.RANK_RANGE:
    case ReturnType.REVERSE_RANK_RANGE:
      result = pairResult(0, n);
      break;
    default:
      return fail(CdtCode.OP_NOT_APPLICABLE);
  }
  return outcome(result, next);
}

/** packed_map_trim_ordered: keep `[index, index+count)`, return on the rest. */
function trimOrdered(c: Ctx, map: PackedMap, index: number, count: number): MapOutcome {
  const rd = c.rd;
  const n = map.keys.length;
  const rmCount = n - count;
  const end = index + count;
  const next = c.env.modify ? sameFlags(map, map.keys.slice(index, end), map.values.slice(index, end)) : undefined;
  let result = countResult(rd.type, rmCount);
  if (result === undefined) switch (rd.type) {
    case ReturnType.INDEX:
    case ReturnType.REVERSE_INDEX:
      result = trimmedIndexes(rd.type, index, end, n);
      break;
    case ReturnType.RANK:
    case ReturnType.REVERSE_RANK:
      rd.inverted = true;
      result = rankByIndexRange(map, rd, index, count);
      break;
    default:
      if (!isElementType(rd.type)) return fail(CdtCode.OP_NOT_APPLICABLE);
      rd.inverted = true;
      result = eleByIdxRange(map, rd, index, count);
      break;
  }
  return outcome(result, next);
}

/** packed_map_get_remove_by_index_range. */
function byIndexRange(c: Ctx, map: PackedMap, index: bigint, count: bigint): MapOutcome {
  const rd = c.rd;
  const n = map.keys.length;
  const { index: uindex, count: cnt, split } = selectRange(rd, index, count, n, isRankRangeType(rd.type));
  if (split && isKeyOrderedMap(map)) {
    rd.inverted = false;
    return trimOrdered(c, map, uindex, cnt);
  }
  if (cnt === 0) return { result: keyNotFound(rd, uindex) };
  if (cnt === n) return removeAll(c, map);
  if (isKeyOrderedMap(map)) {
    const next = c.env.modify ? removeRange(map, uindex, cnt) : undefined;
    let result: ResultValue;
    if (isElementType(rd.type)) result = eleByIdxRange(map, rd, uindex, cnt);
    else if (rd.type === ReturnType.RANK || rd.type === ReturnType.REVERSE_RANK) result = rankByIndexRange(map, rd, uindex, cnt);
    else result = rangeResult(rd, uindex, cnt, n);
    return outcome(result, next);
  }
  const picks: number[] = [];
  for (let i = uindex; i < uindex + cnt; i++) picks.push(i);
  const mask = maskOf(n, picks, rd.inverted);
  const next = c.env.modify ? removeMask(map, mask) : undefined;
  let result: ResultValue;
  switch (rd.type) {
    case ReturnType.RANK:
    case ReturnType.REVERSE_RANK:
      result = rankByIdxs(map, rd, rd.inverted ? maskPositions(mask) : picks);
      break;
    case ReturnType.KEY:
    case ReturnType.VALUE:
    case ReturnType.KEY_VALUE:
    case ReturnType.UNORDERED_MAP:
    case ReturnType.ORDERED_MAP:
      result = rd.inverted ? eleByMask(map, rd, mask) : eleByIdxs(map, rd, picks);
      break;
    default:
      result = rangeResult(rd, uindex, cnt, n);
  }
  return outcome(result, next);
}

/** The single-key result of an unordered map (packed_map_build_result_by_key). */
function resultByKey(map: PackedMap, rd: ResultSpec, idx: number): ResultValue {
  const n = map.keys.length;
  switch (rd.type) {
    case ReturnType.NONE:
      return null;
    case ReturnType.INDEX:
    case ReturnType.REVERSE_INDEX:
      return intResult(rd.type === ReturnType.REVERSE_INDEX ? n - idx - 1 : idx);
    case ReturnType.INDEX_RANGE:
      return pairResult(idx, 1);
    case ReturnType.REVERSE_INDEX_RANGE:
      return pairResult(n - idx - 1, 1);
    case ReturnType.RANK:
    case ReturnType.REVERSE_RANK:
      return rankByIdxs(map, rd, [idx]);
    case ReturnType.COUNT:
      return intResult(1);
    case ReturnType.EXISTS:
      return boolResult(true);
    default:
      if (!isElementType(rd.type)) return fail(CdtCode.OP_NOT_APPLICABLE);
      return eleByIdxRange(map, rd, idx, 1);
  }
}

/** Key range `[start, end)` of a key-ordered map (packed_map_get_range_by_key_interval_ordered). */
function orderedKeyRange(map: PackedMap, start: Buffer, end: Buffer | null, single: boolean): { index: number; count: number } {
  const n = map.keys.length;
  const s = findKey(map, start);
  if (single) return { index: s.idx, count: s.found ? 1 : 0 };
  if (end === null) return { index: s.idx, count: n - s.idx };
  const e = lowerBound(s.idx, n, (i) => compare(end, map.keys[i] as Buffer));
  return { index: s.idx, count: e > s.idx ? e - s.idx : 0 };
}

/** packed_map_get_remove_by_key_interval. */
function byKeyInterval(c: Ctx, map: PackedMap, start: Buffer, end: Buffer | null, single: boolean): MapOutcome {
  const rd = c.rd;
  const n = map.keys.length;
  if (isRankRangeType(rd.type)) return fail(CdtCode.OP_NOT_APPLICABLE);
  if (isKeyOrderedMap(map)) {
    const r = orderedKeyRange(map, start, end, single);
    if (r.count === 0 && !rd.multi) return { result: keyNotFound(rd, -1) };
    return byIndexRange(c, map, BigInt(r.index), BigInt(r.count));
  }
  if (rd.inverted && !rd.multi) return fail(CdtCode.OP_NOT_APPLICABLE);
  if (single) {
    const idx = map.keys.findIndex((k) => compare(start, k) === 0);
    if (idx < 0) return { result: keyNotFound(rd, -1) };
    const next = c.env.modify ? removeRange(map, idx, 1) : undefined;
    return outcome(resultByKey(map, rd, idx), next);
  }
  let index = 0;
  let count = 0;
  const mask = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; i++) {
    const k = map.keys[i] as Buffer;
    if (compare(k, start) < 0) index++;
    else if (end === null || compare(k, end) < 0) {
      mask[i] = true;
      count++;
    }
  }
  const next = intervalRemoval(c, map, mask, count);
  let result: ResultValue;
  if (isElementType(rd.type)) result = eleByMask(map, rd, mask);
  else if (rd.type === ReturnType.RANK || rd.type === ReturnType.REVERSE_RANK) result = rankByIdxs(map, rd, maskPositions(mask));
  else result = rangeResult(rd, index, count, n);
  return outcome(result, next);
}

/**
 * For an interval selection of `count` entries marked in `mask`: flips the mask when the
 * op is inverted, and gives the map left once the selected entries are removed (when the
 * op modifies and removes any).
 */
function intervalRemoval(c: Ctx, map: PackedMap, mask: boolean[], count: number): PackedMap | undefined {
  const n = map.keys.length;
  let rmCount = count;
  if (c.rd.inverted) {
    for (let i = 0; i < n; i++) mask[i] = !mask[i];
    rmCount = n - count;
  }
  return c.env.modify && rmCount !== 0 ? removeMask(map, mask) : undefined;
}

/** packed_map_get_remove_by_value_interval; `end` null means "to the largest value". */
function byValueInterval(c: Ctx, map: PackedMap, start: Buffer, end: Buffer | null, single: boolean): MapOutcome {
  const rd = c.rd;
  const n = map.keys.length;
  if (isIndexRangeType(rd.type)) return fail(CdtCode.OP_NOT_APPLICABLE);
  if (rd.inverted && !rd.multi) return fail(CdtCode.OP_NOT_APPLICABLE);
  if (n === 0) return { result: valueNotFound(rd, -1) };
  let rank = 0;
  let count = 0;
  let first = -1;
  const mask = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; i++) {
    const v = map.values[i] as Buffer;
    const cs = compare(v, start);
    if (cs < 0) rank++;
    else if (!single) {
      if (end === null || compare(v, end) < 0) {
        mask[i] = true;
        count++;
      }
    } else if (cs === 0) {
      if (!rd.multi) {
        if (count === 0) {
          first = i;
          count = 1;
        }
        continue;
      }
      mask[i] = true;
      count++;
    }
  }
  if (count === 0) {
    if (rd.inverted) {
      rd.inverted = false;
      return removeAll(c, map);
    }
    return { result: valueNotFound(rd, rank) };
  }
  if (!rd.multi) {
    if (single) mask[first] = true;
    count = 1;
  }
  const next = intervalRemoval(c, map, mask, count);
  let result: ResultValue;
  if (isElementType(rd.type)) result = eleByMask(map, rd, mask);
  else if (rd.type === ReturnType.INDEX || rd.type === ReturnType.REVERSE_INDEX) result = indexByMask(map, rd, mask);
  else result = rangeResult(rd, rank, count, n);
  return outcome(result, next);
}

/** packed_map_get_remove_by_rank_range. */
function byRankRange(c: Ctx, map: PackedMap, rank: bigint, count: bigint): MapOutcome {
  const rd = c.rd;
  const n = map.keys.length;
  const { index: urank, count: cnt } = selectRange(rd, rank, count, n, isIndexRangeType(rd.type));
  if (cnt === 0) return { result: valueNotFound(rd, urank) };
  const rmCount = rd.inverted ? n - cnt : cnt;
  const picks = rankOrder(map).slice(urank, urank + cnt);
  const mask = maskOf(n, picks, rd.inverted);
  const byMask = rd.inverted || rd.type === ReturnType.ORDERED_MAP;
  const next = c.env.modify && rmCount !== 0 ? removeMask(map, mask) : undefined;
  let result: ResultValue;
  switch (rd.type) {
    case ReturnType.NONE:
    case ReturnType.COUNT:
    case ReturnType.EXISTS:
    case ReturnType.RANK:
    case ReturnType.REVERSE_RANK:
      result = indexRankCountResult(rd, urank, cnt, n);
      break;
    case ReturnType.INDEX:
    case ReturnType.REVERSE_INDEX:
      result = rd.inverted ? indexByMask(map, rd, mask) : indexByIdxs(map, rd, picks, urank);
      break;
    case ReturnType.KEY:
    case ReturnType.VALUE:
    case ReturnType.KEY_VALUE:
    case ReturnType.UNORDERED_MAP:
    case ReturnType.ORDERED_MAP:
      result = byMask ? eleByMask(map, rd, mask) : eleByIdxs(map, rd, picks);
      break;
    case ReturnType.RANK_RANGE:
    case ReturnType.REVERSE_RANK_RANGE:
      result = rangeResult(rd, urank, rmCount, n);
      break;
    default:
      return fail(CdtCode.OP_NOT_APPLICABLE);
  }
  return outcome(result, next);
}

function hasNonStorage(v: Buffer): boolean {
  const state = { nonStorage: false };
  skip(v, 0, state);
  return state.nonStorage;
}

/** packed_map_get_remove_all_by_key_list. */
function byKeyList(c: Ctx, map: PackedMap, payload: Buffer): MapOutcome {
  const rd = c.rd;
  const items = argListItems(payload);
  const n = map.keys.length;
  if (items.length === 0) {
    if (rd.type === ReturnType.RANK || rd.type === ReturnType.REVERSE_RANK || isRangeType(rd.type)) return fail(CdtCode.OP_NOT_APPLICABLE);
    if (!rd.inverted) return { result: notFoundResult(rd, 0) ?? null };
    rd.inverted = false;
    return removeAll(c, map);
  }
  if (isKeyOrderedMap(map)) {
    const ranges = items.map((k) => {
      if (hasNonStorage(k)) {
        const lo = lowerBound(0, n, (i) => compare(k, map.keys[i] as Buffer));
        const found = lo < n && compare(k, map.keys[lo] as Buffer) === 0;
        return { rank: lo, count: found ? upperBound(lo, n, (i) => compare(k, map.keys[i] as Buffer)) - lo : 0 };
      }
      const f = findKey(map, k);
      return { rank: f.idx, count: f.found ? 1 : 0 };
    });
    const rcCount = ranges.reduce((s, r) => s + r.count, 0);
    const needMask = c.env.modify || isElementType(rd.type) || rd.type === ReturnType.COUNT || (rd.inverted && rd.type !== ReturnType.NONE);
    const mask = runsMask(ranges, n, rd.inverted);
    const rmCount = needMask ? maskPositions(mask).length : rd.type === ReturnType.EXISTS ? rcCount : 0;
    const next = c.env.modify && rmCount !== 0 ? removeMask(map, mask) : undefined;
    let result = countResult(rd.type, rmCount);
    if (result === undefined) switch (rd.type) {
      case ReturnType.INDEX:
      case ReturnType.REVERSE_INDEX:
        result = runsPositionsResult(rd, ranges, mask, n, rd.type === ReturnType.REVERSE_INDEX);
        break;
      default:
        if (!isElementType(rd.type)) return fail(CdtCode.OP_NOT_APPLICABLE);
        result = eleByMask(map, rd, mask);
        break;
    }
    return outcome(result, next);
  }
  const withRanks = rd.type === ReturnType.INDEX || rd.type === ReturnType.REVERSE_INDEX;
  return foundItemsResult(c, map, findItems(map.keys, items, rd.inverted, withRanks), true);
}

/** packed_map_get_remove_all_by_value_list. */
function byValueList(c: Ctx, map: PackedMap, payload: Buffer): MapOutcome {
  const rd = c.rd;
  const items = argListItems(payload);
  if (items.length === 0) {
    if (isRangeType(rd.type)) return fail(CdtCode.OP_NOT_APPLICABLE);
    if (!rd.inverted) return { result: notFoundResult(rd, 0) ?? null };
    rd.inverted = false;
    return removeAll(c, map);
  }
  const withRanks = rd.type === ReturnType.RANK || rd.type === ReturnType.REVERSE_RANK;
  return foundItemsResult(c, map, findItems(map.values, items, rd.inverted, withRanks), false);
}

/**
 * The result of a key-list (`byKeys`: ranks are key indexes) or value-list selection
 * over an unordered map, from what findItems found.
 */
function foundItemsResult(c: Ctx, map: PackedMap, found: FoundItems, byKeys: boolean): MapOutcome {
  const rd = c.rd;
  const n = map.keys.length;
  const next = c.env.modify && found.count !== 0 ? removeMask(map, found.mask) : undefined;
  let result = countResult(rd.type, found.count);
  if (result === undefined) switch (rd.type) {
    case ReturnType.INDEX:
    case ReturnType.REVERSE_INDEX:
      result = byKeys ? itemListRanksResult(rd, found.sortedItems, found.rc, n) : indexByMask(map, rd, found.mask);
      break;
    case ReturnType.RANK:
    case ReturnType.REVERSE_RANK:
      if (byKeys) return fail(CdtCode.OP_NOT_APPLICABLE);
      result = itemListRanksResult(rd, found.sortedItems, found.rc, n);
      break;
    default:
      if (!isElementType(rd.type)) return fail(CdtCode.OP_NOT_APPLICABLE);
      result = eleByMask(map, rd, found.mask);
      break;
  }
  return outcome(result, next);
}

function byRelIndexRange(c: Ctx, map: PackedMap, key: Buffer, index: bigint, count: bigint): MapOutcome {
  let rel: number;
  if (isKeyOrderedMap(map)) rel = orderedKeyRange(map, key, key, true).index;
  else rel = map.keys.filter((k) => compare(k, key) < 0).length;
  const r = calcRelIndexCount(index, count, rel);
  return byIndexRange(c, map, r.index, r.count);
}

function byRelRankRange(c: Ctx, map: PackedMap, value: Buffer, rank: bigint, count: bigint): MapOutcome {
  const rel = map.values.filter((v) => compare(v, value) < 0).length;
  const r = calcRelIndexCount(rank, count, rel);
  return byRankRange(c, map, r.index, r.count);
}

// --- writes --------------------------------------------------------------------

function storable(v: Buffer): Buffer {
  const r = rewriteValue(v);
  return r === undefined ? fail(CdtCode.PARAMETER) : r;
}

/** map_add: put one entry under `control`. */
function mapAdd(map: PackedMap, ukey: Buffer, uvalue: Buffer, control: Control, setResult: boolean): MapOutcome {
  if (!isMapKey(ukey, 0)) return fail(CdtCode.PARAMETER);
  const key = storable(ukey);
  const value = storable(uvalue);
  const n = map.keys.length;
  const f = findKey(map, key);
  const res = (v: number): ResultValue => (setResult ? intResult(v) : null);
  if (f.found && !control.allowOverwrite) {
    if (control.noFail) return { result: res(n) };
    return fail(CdtCode.ELEMENT_EXISTS);
  }
  if (!f.found && !control.allowCreate) {
    if (control.noFail) return { result: res(n) };
    return fail(CdtCode.ELEMENT_NOT_FOUND);
  }
  const keys = [...map.keys];
  const values = [...map.values];
  if (f.found) values[f.idx] = value;
  else {
    keys.splice(f.idx, 0, key);
    values.splice(f.idx, 0, value);
  }
  return { result: res(keys.length), next: sameFlags(map, keys, values) };
}

/** map_add_items. */
function addItems(c: Ctx, map: PackedMap, uitems: Buffer, control: Control): MapOutcome {
  const items = rewriteValue(uitems);
  if (items === undefined) return fail(CdtCode.PARAMETER);
  let add: PackedMap;
  try {
    add = parseMap(items);
  } catch {
    return fail(CdtCode.PARAMETER);
  }
  const n = map.keys.length;
  const order = sortedPositions(add.keys.length, (i, j) => compare(add.keys[i] as Buffer, add.keys[j] as Buffer));
  if (order.length === 0) return c.env.created ? { result: intResult(n), next: map } : { result: intResult(n) };
  if (n === 0) {
    if (!control.allowCreate) {
      if (!control.noFail) return fail(CdtCode.ELEMENT_NOT_FOUND);
      if (!control.doPartial) return { result: intResult(0) };
    }
    return { result: intResult(order.length), next: sameFlags(map, order.map((i) => add.keys[i] as Buffer), order.map((i) => add.values[i] as Buffer)) };
  }
  const keys = [...map.keys];
  const values = [...map.values];
  const inserts: Array<{ key: Buffer; value: Buffer }> = [];
  for (const i of order) {
    const k = add.keys[i] as Buffer;
    const v = add.values[i] as Buffer;
    const f = findKey(map, k);
    if (f.found) {
      if (!control.allowOverwrite) {
        if (!control.noFail) return fail(CdtCode.ELEMENT_EXISTS);
        if (control.doPartial) continue;
        return { result: intResult(n) };
      }
      values[f.idx] = v;
    } else {
      if (!control.allowCreate) {
        if (!control.noFail) return fail(CdtCode.ELEMENT_NOT_FOUND);
        if (control.doPartial) continue;
        return { result: intResult(n) };
      }
      inserts.push({ key: k, value: v });
    }
  }
  for (const ins of inserts) {
    const at = lowerBound(0, keys.length, (j) => compare(ins.key, keys[j] as Buffer));
    keys.splice(at, 0, ins.key);
    values.splice(at, 0, ins.value);
  }
  return { result: intResult(keys.length), next: sameFlags(map, keys, values) };
}

function increment(map: PackedMap, key: Buffer, delta: Buffer | undefined, decrement: boolean): MapOutcome {
  const f = isKeyOrderedMap(map) ? findKey(map, key) : (() => {
    const idx = map.keys.findIndex((k) => compare(key, k) === 0);
    return { idx, found: idx >= 0 };
  })();
  const value = incrementValue(f.found ? map.values[f.idx] : undefined, delta, decrement);
  const r = mapAdd(map, key, value, { allowOverwrite: true, allowCreate: true, noFail: false, doPartial: false }, false);
  return r.next === undefined ? { result: value } : { result: value, next: r.next };
}

/**
 * Validated order flags of a map op: `forCreate` for the order a put/increment gives a map
 * it creates (invalid flags fall back to unordered), else for SET_TYPE (invalid flags are
 * OP_NOT_APPLICABLE). A persisted index is invisible in the stored bytes yet changes later
 * results on the server (a value-order index orders value results by rank; set on an
 * unordered map it makes the map key-ordered in all but its marker), so only the
 * key-ordered one is emulated; the others answer UNSUPPORTED_FEATURE.
 */
function orderFlags(arg: bigint, topLevel: boolean, forCreate: boolean): number {
  let f = Number(arg & 0xffn);
  if ((f & ~(MAP_KV_ORDERED | PERSIST_INDEX)) !== 0) return forCreate ? 0 : fail(CdtCode.OP_NOT_APPLICABLE);
  if (!topLevel) f &= ~PERSIST_INDEX;
  if ((f & PERSIST_INDEX) !== 0) {
    const order = f & MAP_KV_ORDERED;
    // Creating with "unordered + persist" makes a plain unordered map, as the server does.
    if (forCreate && order === 0) return 0;
    if (order !== 1) return fail(CdtCode.UNSUPPORTED_FEATURE);
  }
  return f & MAP_KV_ORDERED;
}

function setFlags(c: Ctx, map: PackedMap, arg: bigint): MapOutcome {
  const flags = orderFlags(arg, c.env.topLevel, false);
  let keys = map.keys as Buffer[];
  let values = map.values as Buffer[];
  if (!isKeyOrderedMap(map) && keys.length > 1) {
    const order = sortedPositions(keys.length, (i, j) => compare(map.keys[i] as Buffer, map.keys[j] as Buffer));
    keys = order.map((i) => map.keys[i] as Buffer);
    values = order.map((i) => map.values[i] as Buffer);
  }
  return { result: null, next: { flags, keys, values } };
}

/** Ops that create the map when the bin has none. */
const CREATING: ReadonlySet<number> = new Set([
  MapOpCode.SET_TYPE,
  MapOpCode.ADD,
  MapOpCode.ADD_ITEMS,
  MapOpCode.PUT,
  MapOpCode.PUT_ITEMS,
  MapOpCode.REPLACE,
  MapOpCode.INCREMENT,
  MapOpCode.DECREMENT
]);

/** Whether `code` is a map read op (96-110). */
export function isMapReadOp(code: number): boolean {
  return code >= MapOpCode.SIZE && code <= MapOpCode.GET_BY_VALUE_REL_RANK_RANGE;
}

function creationFlags(code: number, args: readonly (ArgValue | undefined)[]): bigint {
  switch (code) {
    case MapOpCode.ADD:
    case MapOpCode.PUT:
    case MapOpCode.INCREMENT:
    case MapOpCode.DECREMENT:
      return asUint(args[2]);
    case MapOpCode.ADD_ITEMS:
    case MapOpCode.PUT_ITEMS:
      return asUint(args[1]);
    default:
      return 0n;
  }
}

/**
 * Runs a map op.
 * @param map the map, or undefined when there is none (a bin without a value, or a map a
 *   context step is creating: `env.created`)
 * @throws CdtError with the server's result code on failure
 */
export function applyMapOp(op: CdtOp, map: PackedMap | undefined, env: MapEnv): MapOutcome {
  const code = op.code;
  if (env.modify === isMapReadOp(code) || !isKnownOp(code)) return fail(CdtCode.PARAMETER);
  if (map === undefined && !CREATING.has(code)) {
    if (code === MapOpCode.REPLACE_ITEMS) return fail(CdtCode.ELEMENT_NOT_FOUND);
    if (isMapReadOp(code)) return fail(CdtCode.BIN_TYPE);
    return NO_CHANGE;
  }
  const args = readArgs(op);
  let base = map;
  if (base === undefined) base = { flags: orderFlags(creationFlags(code, args), env.topLevel && !env.created, true), keys: [], values: [] };
  const result = run(code, args, base, env);
  if (map === undefined && !env.created && result.next === undefined) return { result: result.result, next: base };
  return result;
}

function run(code: number, args: readonly (ArgValue | undefined)[], map: PackedMap, env: MapEnv): MapOutcome {
  const a = (i: number): Buffer => asValue(args[i]) ?? fail(CdtCode.PARAMETER);
  const ctx = (rt: bigint, multi: boolean): Ctx => ({ env, rd: resultSpec(BigInt.asUintN(64, rt), multi) });
  const plain: Ctx = { env, rd: { type: ReturnType.NONE, inverted: false, multi: false } };
  const writeControl = (flags: bigint): Control => ({
    allowOverwrite: (flags & Mod.NO_OVERWRITE) === 0n,
    allowCreate: (flags & Mod.NO_CREATE) === 0n,
    noFail: (flags & Mod.NO_FAIL) !== 0n,
    doPartial: (flags & Mod.PARTIAL) !== 0n
  });
  switch (code) {
    case MapOpCode.SET_TYPE:
      return setFlags(plain, map, asUint(args[0]));
    case MapOpCode.ADD:
      return mapAdd(map, a(0), a(1), { allowOverwrite: false, allowCreate: true, noFail: false, doPartial: false }, true);
    case MapOpCode.ADD_ITEMS:
      return addItems(plain, map, a(0), { allowOverwrite: false, allowCreate: true, noFail: false, doPartial: false });
    case MapOpCode.PUT:
      return mapAdd(map, a(0), a(1), writeControl(asUint(args[3])), true);
    case MapOpCode.PUT_ITEMS:
      return addItems(plain, map, a(0), writeControl(asUint(args[2])));
    case MapOpCode.REPLACE:
      return mapAdd(map, a(0), a(1), { allowOverwrite: true, allowCreate: false, noFail: false, doPartial: false }, true);
    case MapOpCode.REPLACE_ITEMS:
      return addItems(plain, map, a(0), { allowOverwrite: true, allowCreate: false, noFail: false, doPartial: false });
    case MapOpCode.INCREMENT:
    case MapOpCode.DECREMENT:
      return increment(map, a(0), asValue(args[1]), code === MapOpCode.DECREMENT);
    case MapOpCode.CLEAR:
      return { result: null, next: sameFlags(map, [], []) };
    case MapOpCode.SIZE:
      return { result: intResult(map.keys.length) };
    case MapOpCode.GET_BY_KEY:
    case MapOpCode.REMOVE_BY_KEY: {
      const k = a(1);
      return byKeyInterval(ctx(asIndex(args[0]), false), map, k, k, true);
    }
    case MapOpCode.GET_BY_INDEX:
    case MapOpCode.REMOVE_BY_INDEX:
      return byIndexRange(ctx(asIndex(args[0]), false), map, asIndex(args[1]), 1n);
    case MapOpCode.GET_BY_VALUE:
    case MapOpCode.REMOVE_BY_VALUE:
    case MapOpCode.GET_ALL_BY_VALUE:
    case MapOpCode.REMOVE_ALL_BY_VALUE: {
      const multi = code === MapOpCode.GET_ALL_BY_VALUE || code === MapOpCode.REMOVE_ALL_BY_VALUE;
      const v = a(1);
      return byValueInterval(ctx(asIndex(args[0]), multi), map, v, v, true);
    }
    case MapOpCode.GET_BY_RANK:
    case MapOpCode.REMOVE_BY_RANK:
      return byRankRange(ctx(asIndex(args[0]), false), map, asIndex(args[1]), 1n);
    case MapOpCode.GET_BY_KEY_LIST:
    case MapOpCode.REMOVE_BY_KEY_LIST:
      return byKeyList(ctx(asIndex(args[0]), true), map, a(1));
    case MapOpCode.GET_BY_VALUE_LIST:
    case MapOpCode.REMOVE_BY_VALUE_LIST:
      return byValueList(ctx(asIndex(args[0]), true), map, a(1));
    case MapOpCode.GET_BY_KEY_INTERVAL:
    case MapOpCode.REMOVE_BY_KEY_INTERVAL:
      return byKeyInterval(ctx(asIndex(args[0]), true), map, a(1), asValue(args[2]) ?? null, false);
    case MapOpCode.GET_BY_INDEX_RANGE:
    case MapOpCode.REMOVE_BY_INDEX_RANGE:
      return byIndexRange(ctx(asIndex(args[0]), true), map, asIndex(args[1]), asUint(args[2], ALL));
    case MapOpCode.GET_BY_VALUE_INTERVAL:
    case MapOpCode.REMOVE_BY_VALUE_INTERVAL:
      return byValueInterval(ctx(asIndex(args[0]), true), map, a(1), asValue(args[2]) ?? null, false);
    case MapOpCode.GET_BY_RANK_RANGE:
    case MapOpCode.REMOVE_BY_RANK_RANGE:
      return byRankRange(ctx(asIndex(args[0]), true), map, asIndex(args[1]), asUint(args[2], ALL));
    case MapOpCode.GET_BY_KEY_REL_INDEX_RANGE:
    case MapOpCode.REMOVE_BY_KEY_REL_INDEX_RANGE:
      return byRelIndexRange(ctx(asIndex(args[0]), true), map, a(1), asIndex(args[2]), asUint(args[3], ALL));
    case MapOpCode.GET_BY_VALUE_REL_RANK_RANGE:
    case MapOpCode.REMOVE_BY_VALUE_REL_RANK_RANGE:
      return byRelRankRange(ctx(asIndex(args[0]), true), map, a(1), asIndex(args[2]), asUint(args[3], ALL));
    default:
      return fail(CdtCode.PARAMETER);
  }
}
