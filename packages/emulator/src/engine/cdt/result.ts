import { CdtCode, fail } from './cdt-error.js';
import { encodeMapEntries } from './containers.js';
import { FALSE, TRUE, packArray, packInt, packIntArray } from './msgpack-value.js';

/** Return types of list/map get and remove operations (the low 16 bits of the argument). */
export const ReturnType = {
  NONE: 0,
  INDEX: 1,
  REVERSE_INDEX: 2,
  RANK: 3,
  REVERSE_RANK: 4,
  COUNT: 5,
  KEY: 6,
  VALUE: 7,
  KEY_VALUE: 8,
  INDEX_RANGE: 9,
  REVERSE_INDEX_RANGE: 10,
  RANK_RANGE: 11,
  REVERSE_RANK_RANGE: 12,
  EXISTS: 13,
  UNORDERED_MAP: 16,
  ORDERED_MAP: 17
} as const;

/** The INVERTED bit of a return type argument. */
export const INVERTED = 0x10000n;

/** Map flags of map-shaped results: KEY_VALUE keeps the order (0x08), ORDERED_MAP is key-ordered. */
export const PRESERVE_ORDER_FLAG = 0x08;

/** What an operation returns and how: the server's `cdt_result_data`. */
export interface ResultSpec {
  /** Return type (see {@link ReturnType}). */
  type: number;
  /** Select everything the op's criteria do not select. */
  inverted: boolean;
  /** Whether the op can select several elements (list-shaped results). */
  readonly multi: boolean;
}

/** A result spec from the return-type argument. */
export function resultSpec(arg: bigint, multi: boolean): ResultSpec {
  return { type: Number(arg & 0xffffn), inverted: (arg & INVERTED) !== 0n, multi };
}

/** An op outcome value: packed msgpack, or null for "no result bin". */
export type ResultValue = Buffer | null;

/** Packs an integer result. */
export function intResult(v: number | bigint): Buffer {
  return packInt(BigInt(v));
}

/** Packs a boolean result. */
export function boolResult(v: boolean): Buffer {
  return v ? TRUE : FALSE;
}

/** Whether the return type is one of the index-range/rank-range pairs. */
export function isRangeType(t: number): boolean {
  return t >= ReturnType.INDEX_RANGE && t <= ReturnType.REVERSE_RANK_RANGE;
}

/** Whether the return type is INDEX_RANGE or REVERSE_INDEX_RANGE. */
export function isIndexRangeType(t: number): boolean {
  return t === ReturnType.INDEX_RANGE || t === ReturnType.REVERSE_INDEX_RANGE;
}

/** Whether the return type is RANK_RANGE or REVERSE_RANK_RANGE. */
export function isRankRangeType(t: number): boolean {
  return t === ReturnType.RANK_RANGE || t === ReturnType.REVERSE_RANK_RANGE;
}

/** Whether the return type is a map shape. */
export function isMapType(t: number): boolean {
  return t === ReturnType.KEY_VALUE || t === ReturnType.UNORDERED_MAP || t === ReturnType.ORDERED_MAP;
}

/** Whether the return type returns elements (keys, values or entries). */
export function isElementType(t: number): boolean {
  return t === ReturnType.KEY || t === ReturnType.VALUE || isMapType(t);
}

/** Map flags of a map-shaped result type. */
export function resultMapFlags(t: number): number {
  return t === ReturnType.KEY_VALUE ? PRESERVE_ORDER_FLAG : t === ReturnType.ORDERED_MAP ? 1 : 0;
}

/** Integers `start .. start+count-1`, or with `rev` the reversed-position range (still ascending). */
export function intRange(start: number, count: number, n: number, rev: boolean): number[] {
  const s = rev ? n - start - count : start;
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(s + i);
  return out;
}

/** `[i1, i2]`. */
export function pairResult(i1: number, i2: number): Buffer {
  return packIntArray([i1, i2]);
}

/** A list of integers. */
export function intListResult(values: readonly number[]): Buffer {
  return packIntArray(values);
}

/** A list of packed elements. */
export function listResult(items: readonly Buffer[]): Buffer {
  return packArray(items);
}

/**
 * The "nothing selected" result (the server's result_data_set_not_found); undefined when
 * the return type has none (callers then answer OP_NOT_APPLICABLE or nothing).
 */
export function notFoundResult(rd: ResultSpec, index: number): ResultValue | undefined {
  switch (rd.type) {
    case ReturnType.NONE:
      return null;
    case ReturnType.INDEX_RANGE:
    case ReturnType.REVERSE_INDEX_RANGE:
    case ReturnType.RANK_RANGE:
    case ReturnType.REVERSE_RANK_RANGE:
      return pairResult(index, 0);
    case ReturnType.INDEX:
    case ReturnType.REVERSE_INDEX:
    case ReturnType.RANK:
    case ReturnType.REVERSE_RANK:
      return rd.multi ? listResult([]) : intResult(-1);
    case ReturnType.COUNT:
      return intResult(0);
    case ReturnType.EXISTS:
      return boolResult(false);
    case ReturnType.KEY:
    case ReturnType.VALUE:
      return rd.multi ? listResult([]) : null;
    case ReturnType.KEY_VALUE:
    case ReturnType.UNORDERED_MAP:
    case ReturnType.ORDERED_MAP:
      return encodeMapEntries(resultMapFlags(rd.type), [], []);
    default:
      return undefined;
  }
}

/** {@link notFoundResult}, answering OP_NOT_APPLICABLE when the type has no such result. */
export function notFoundOrFail(rd: ResultSpec, index: number): ResultValue {
  const r = notFoundResult(rd, index);
  return r === undefined ? fail(CdtCode.OP_NOT_APPLICABLE) : r;
}

/**
 * Result for "elements `[start, start+count)` of `n` were selected" by index or rank (the
 * server's result_data_set_index_rank_count), honouring INVERTED.
 */
export function indexRankCountResult(rd: ResultSpec, start: number, count: number, n: number): ResultValue {
  switch (rd.type) {
    case ReturnType.NONE:
      return null;
    case ReturnType.COUNT:
      return intResult(rd.inverted ? n - count : count);
    case ReturnType.EXISTS:
      return boolResult(rd.inverted ? count === 0 : count !== 0);
    case ReturnType.INDEX:
    case ReturnType.RANK:
    case ReturnType.REVERSE_INDEX:
    case ReturnType.REVERSE_RANK: {
      const rev = rd.type === ReturnType.REVERSE_INDEX || rd.type === ReturnType.REVERSE_RANK;
      if (!rd.multi) {
        if (count === 0) return intResult(-1);
        return intResult(rev ? n - start - 1 : start);
      }
      if (rd.inverted) return intListResult([...intRange(0, start, n, rev), ...intRange(start + count, n - start - count, n, rev)]);
      return intListResult(intRange(start, count, n, rev));
    }
    default:
      return fail(CdtCode.OP_NOT_APPLICABLE);
  }
}

/** Result for a contiguous selection (the server's result_data_set_range). */
export function rangeResult(rd: ResultSpec, start: number, count: number, n: number): ResultValue {
  switch (rd.type) {
    case ReturnType.NONE:
      return null;
    case ReturnType.COUNT:
    case ReturnType.EXISTS:
    case ReturnType.INDEX:
    case ReturnType.RANK:
    case ReturnType.REVERSE_INDEX:
    case ReturnType.REVERSE_RANK:
      return indexRankCountResult(rd, start, count, n);
    case ReturnType.INDEX_RANGE:
    case ReturnType.RANK_RANGE:
    case ReturnType.REVERSE_INDEX_RANGE:
    case ReturnType.REVERSE_RANK_RANGE: {
      const s = rd.type === ReturnType.REVERSE_INDEX_RANGE || rd.type === ReturnType.REVERSE_RANK_RANGE ? n - start - count : start;
      if (rd.inverted) return fail(CdtCode.OP_NOT_APPLICABLE);
      return pairResult(s, count);
    }
    default:
      return fail(CdtCode.OP_NOT_APPLICABLE);
  }
}

/** Result listing the positions in `selected` (ascending), reversed for REVERSE_* (result_data_set_int_list_by_mask). */
export function positionsResult(rd: ResultSpec, selected: readonly number[], n: number): Buffer {
  const rev = rd.type === ReturnType.REVERSE_INDEX || rd.type === ReturnType.REVERSE_RANK;
  if (!rd.multi) {
    const idx = selected[0] ?? n;
    return intResult(rev ? n - idx - 1 : idx);
  }
  return intListResult(selected.map((i) => (rev ? n - i - 1 : i)));
}

/** Positions `0..n-1` where `mask` is set. */
export function maskPositions(mask: readonly boolean[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i] === true) out.push(i);
  return out;
}

/** A mask of `n` entries with `positions` set (inverted when asked). */
export function maskOf(n: number, positions: Iterable<number>, inverted = false): boolean[] {
  const mask = new Array<boolean>(n).fill(inverted);
  for (const p of positions) mask[p] = !inverted;
  return mask;
}

/**
 * Per-item (rank, count) pairs of a value-list lookup, listed the way the server does
 * (result_data_set_by_itemlist_irc): without INVERTED, item by item in the given order;
 * with INVERTED, the gaps between the items' ranges in sorted item order.
 * @param sortedItems item positions in sorted order
 * @param rc rank and count per item position
 */
export function itemListRanksResult(rd: ResultSpec, sortedItems: readonly number[], rc: readonly { rank: number; count: number }[], n: number): Buffer {
  const rev = rd.type === ReturnType.REVERSE_INDEX || rd.type === ReturnType.REVERSE_RANK;
  const out: number[] = [];
  if (!rd.inverted) {
    for (const e of rc) {
      for (let j = 0; j < e.count; j++) out.push(...intRange(e.rank + j, 1, n, rev));
    }
  } else {
    let prev = 0;
    for (const i of sortedItems) {
      const e = rc[i] as { rank: number; count: number };
      if (e.count === 0) continue;
      out.push(...intRange(prev, e.rank - prev, n, rev));
      prev = e.rank + e.count;
    }
    out.push(...intRange(prev, n - prev, n, rev));
  }
  return intListResult(out);
}
