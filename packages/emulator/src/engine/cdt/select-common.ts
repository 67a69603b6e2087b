import { CdtCode, fail } from './cdt-error.js';
import { readArrayHeader, skip } from './msgpack-value.js';
import { calcIndexCount } from './op-args.js';
import { ReturnType, boolResult, intListResult, intRange, intResult, maskOf, maskPositions, positionsResult, type ResultSpec, type ResultValue } from './result.js';

/**
 * Selection steps the list and map engines share: the server's handling of inverted
 * index/rank ranges and the result shapes that depend only on how much was selected.
 */

/** An index or rank range after {@link invertRange}. */
export interface SelectedRange {
  /** First selected index or rank. */
  index: number;
  /** How many are selected. */
  count: number;
  /** The complement is not one range: `rd.inverted` stays set and `[index, index+count)` is what is left out. */
  split: boolean;
}

/**
 * An index/rank range as the server selects it when the op is inverted: the complement
 * as one range where it is one (clearing `rd.inverted`), else the range itself marked
 * `split`. Fails when the op selects a single element.
 */
export function invertRange(rd: ResultSpec, index: number, count: number, n: number): SelectedRange {
  if (!rd.inverted) return { index, count, split: false };
  if (!rd.multi) return fail(CdtCode.OP_NOT_APPLICABLE);
  if (count === 0) {
    rd.inverted = false;
    return { index: 0, count: n, split: false };
  }
  if (index === 0) {
    rd.inverted = false;
    return { index: count, count: n - count, split: false };
  }
  if (index + count >= n) {
    rd.inverted = false;
    return { index: 0, count: index, split: false };
  }
  return { index, count, split: true };
}

/**
 * The index/rank range an op's `index`/`count` arguments select among `n` elements
 * (see {@link invertRange}); fails when they select nothing valid or `wrongType` holds.
 */
export function selectRange(rd: ResultSpec, index: bigint, count: bigint, n: number, wrongType: boolean): SelectedRange {
  const ic = calcIndexCount(index, count, n, rd.multi);
  if (ic === undefined || wrongType) return fail(CdtCode.OP_NOT_APPLICABLE);
  return invertRange(rd, ic.index, ic.count, n);
}

/** The NONE, COUNT and EXISTS results for `removed` selected elements; `undefined` for other return types. */
export function countResult(type: number, removed: number): ResultValue | undefined {
  switch (type) {
    case ReturnType.NONE:
      return null;
    case ReturnType.COUNT:
      return intResult(removed);
    case ReturnType.EXISTS:
      return boolResult(removed !== 0);
    default:
      return undefined;
  }
}

/** The (reverse) indexes a trim to `[index, end)` removes from `n` elements. */
export function trimmedIndexes(type: number, index: number, end: number, n: number): Buffer {
  const rev = type === ReturnType.REVERSE_INDEX;
  return intListResult([...intRange(0, index, n, rev), ...intRange(end, n - end, n, rev)]);
}

/** A run of sorted positions: `count` from `rank`. */
export interface SortedRun {
  /** First position. */
  rank: number;
  /** How many positions. */
  count: number;
}

/** The mask of the positions the runs cover (with `inverted`, of those they leave) among `n`. */
export function runsMask(runs: readonly SortedRun[], n: number, inverted: boolean): boolean[] {
  const covered = new Set<number>();
  for (const r of runs) for (let i = r.rank; i < r.rank + r.count; i++) covered.add(i);
  return maskOf(n, covered, inverted);
}

/** The (with `rev` reverse) positions the runs select, in run order; when inverted, those of the mask. */
export function runsPositionsResult(rd: ResultSpec, runs: readonly SortedRun[], mask: readonly boolean[], n: number, rev: boolean): Buffer {
  if (rd.inverted) return positionsResult(rd, maskPositions(mask), n);
  const out: number[] = [];
  for (const r of runs) out.push(...intRange(r.rank, r.count, n, rev));
  return intListResult(out);
}

/** An op's outcome: its result, and the container it leaves where it changes one. */
export function outcome<T>(result: ResultValue, next: T | undefined): { readonly result: ResultValue; readonly next?: T } {
  return next === undefined ? { result } : { result, next };
}

/** The elements of a value-list or key-list argument (a plain msgpack array). */
export function argListItems(payload: Buffer): Buffer[] {
  const h = readArrayHeader(payload, 0);
  if (h === undefined) return fail(CdtCode.PARAMETER);
  const items: Buffer[] = [];
  let p = h.next;
  for (let i = 0; i < h.count; i++) {
    const q = skip(payload, p);
    items.push(payload.subarray(p, q));
    p = q;
  }
  return items;
}
