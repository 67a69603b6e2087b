import { CdtCode, fail } from './cdt-error.js';
import { readArrayHeader, readInt64, readIntBits, skip } from './msgpack-value.js';

/**
 * The argument table of list and map operations (the server's cdt_op_table) and the
 * index/count arithmetic the operations share.
 */

/** How an argument is read: any value, a storable value (no wildcard), unsigned flags/count, signed index. */
export const Arg = { PAYLOAD: 0, STORAGE: 1, FLAGS: 2, COUNT: 3, INDEX: 4 } as const;
type ArgKind = (typeof Arg)[keyof typeof Arg];

interface OpSpec {
  /** How many trailing arguments may be left out. */
  readonly optional: number;
  readonly args: readonly ArgKind[];
}

const P = Arg.PAYLOAD;
const S = Arg.STORAGE;
const F = Arg.FLAGS;
const C = Arg.COUNT;
const I = Arg.INDEX;

/** Argument specs by op code (list 0-40, map 64-110). */
const OP_SPECS: ReadonlyMap<number, OpSpec> = new Map<number, OpSpec>([
  // list modify
  [0, { optional: 0, args: [F] }],
  [1, { optional: 2, args: [S, F, F] }],
  [2, { optional: 2, args: [S, F, F] }],
  [3, { optional: 1, args: [I, S, F] }],
  [4, { optional: 1, args: [I, S, F] }],
  [5, { optional: 0, args: [I] }],
  [6, { optional: 1, args: [I, C] }],
  [7, { optional: 0, args: [I] }],
  [8, { optional: 1, args: [I, C] }],
  [9, { optional: 1, args: [I, S, F] }],
  [10, { optional: 0, args: [I, C] }],
  [11, { optional: 0, args: [] }],
  [12, { optional: 3, args: [I, P, F, F] }],
  [13, { optional: 1, args: [F] }],
  // list read
  [16, { optional: 0, args: [] }],
  [17, { optional: 0, args: [I] }],
  [18, { optional: 1, args: [I, C] }],
  [19, { optional: 0, args: [F, I] }],
  [20, { optional: 0, args: [F, P] }],
  [21, { optional: 0, args: [F, I] }],
  [22, { optional: 0, args: [F, P] }],
  [23, { optional: 0, args: [F, P] }],
  [24, { optional: 1, args: [F, I, C] }],
  [25, { optional: 1, args: [F, P, P] }],
  [26, { optional: 1, args: [F, I, C] }],
  [27, { optional: 1, args: [F, P, I, C] }],
  // list remove
  [32, { optional: 0, args: [F, I] }],
  [33, { optional: 0, args: [F, P] }],
  [34, { optional: 0, args: [F, I] }],
  [35, { optional: 0, args: [F, P] }],
  [36, { optional: 0, args: [F, P] }],
  [37, { optional: 1, args: [F, I, C] }],
  [38, { optional: 1, args: [F, P, P] }],
  [39, { optional: 1, args: [F, I, C] }],
  [40, { optional: 1, args: [F, P, I, C] }],
  // map modify
  [64, { optional: 0, args: [F] }],
  [65, { optional: 1, args: [S, S, F] }],
  [66, { optional: 1, args: [S, F] }],
  [67, { optional: 2, args: [S, S, F, F] }],
  [68, { optional: 2, args: [S, F, F] }],
  [69, { optional: 0, args: [S, S] }],
  [70, { optional: 0, args: [S] }],
  [73, { optional: 2, args: [P, P, F] }],
  [74, { optional: 2, args: [P, P, F] }],
  [75, { optional: 0, args: [] }],
  [76, { optional: 0, args: [I, P] }],
  [77, { optional: 0, args: [I, I] }],
  [78, { optional: 0, args: [I, P] }],
  [79, { optional: 0, args: [I, I] }],
  [81, { optional: 0, args: [I, P] }],
  [82, { optional: 0, args: [I, P] }],
  [83, { optional: 0, args: [I, P] }],
  [84, { optional: 1, args: [I, P, P] }],
  [85, { optional: 1, args: [I, I, C] }],
  [86, { optional: 1, args: [I, P, P] }],
  [87, { optional: 1, args: [I, I, C] }],
  [88, { optional: 1, args: [I, P, I, C] }],
  [89, { optional: 1, args: [I, P, I, C] }],
  // map read
  [96, { optional: 0, args: [] }],
  [97, { optional: 0, args: [I, P] }],
  [98, { optional: 0, args: [I, I] }],
  [99, { optional: 0, args: [I, P] }],
  [100, { optional: 0, args: [I, I] }],
  [102, { optional: 0, args: [I, P] }],
  [103, { optional: 1, args: [I, P, P] }],
  [104, { optional: 1, args: [I, I, C] }],
  [105, { optional: 1, args: [I, P, P] }],
  [106, { optional: 1, args: [I, I, C] }],
  [107, { optional: 0, args: [I, P] }],
  [108, { optional: 0, args: [I, P] }],
  [109, { optional: 1, args: [I, P, I, C] }],
  [110, { optional: 1, args: [I, P, I, C] }]
]);

/** One decoded argument: packed bytes for values, a 64-bit integer for flags/counts/indexes. */
export type ArgValue = Buffer | bigint;

/** A CDT operation: its code and where its packed arguments start (read lazily, as the server does). */
export interface CdtOp {
  readonly code: number;
  readonly buf: Buffer;
  /** Offset of the first argument in `buf`. */
  readonly argsStart: number;
  /** Number of arguments after the code. */
  readonly argCount: number;
}

/**
 * Reads the header of a packed `[code, arg...]` array at `buf[pos]`.
 * @throws CdtError PARAMETER when it is not a non-empty array starting with an integer.
 */
export function readOp(buf: Buffer, pos: number): CdtOp {
  const h = readArrayHeader(buf, pos);
  if (h === undefined || h.count === 0) return fail(CdtCode.PARAMETER);
  const code = readIntBits(buf, h.next);
  if (code === undefined) return fail(CdtCode.PARAMETER);
  if (code.bits > 0xffffn) fail(CdtCode.PARAMETER);
  return { code: Number(code.bits), buf, argsStart: code.next, argCount: h.count - 1 };
}

/**
 * Reads an op's arguments by the op table: too few or too many arguments, a non-integer
 * where an integer is due, or a wildcard in a value that would be stored answer PARAMETER.
 * Missing optional arguments are left undefined.
 */
export function readArgs(op: CdtOp): (ArgValue | undefined)[] {
  const spec = OP_SPECS.get(op.code);
  if (spec === undefined) return fail(CdtCode.PARAMETER);
  const out: (ArgValue | undefined)[] = new Array<ArgValue | undefined>(spec.args.length).fill(undefined);
  if (spec.args.length === 0) return out;
  const required = spec.args.length - spec.optional;
  if (op.argCount < required || op.argCount > spec.args.length) fail(CdtCode.PARAMETER);
  let nonStorage = false;
  let p = op.argsStart;
  for (let i = 0; i < op.argCount; i++) {
    const q = skip(op.buf, p);
    const raw = op.buf.subarray(p, q);
    p = q;
    const kind = spec.args[i] as ArgKind;
    if (kind === Arg.PAYLOAD || kind === Arg.STORAGE) {
      const state = { nonStorage: false };
      skip(raw, 0, state);
      nonStorage ||= state.nonStorage;
      if (kind === Arg.STORAGE && nonStorage) fail(CdtCode.PARAMETER);
      out[i] = raw;
    } else if (kind === Arg.INDEX) {
      const r = readInt64(raw, 0);
      if (r === undefined) return fail(CdtCode.PARAMETER);
      out[i] = r.value;
    } else {
      const r = readIntBits(raw, 0);
      if (r === undefined) return fail(CdtCode.PARAMETER);
      out[i] = r.bits;
    }
  }
  return out;
}

/** Whether `code` is a known list or map op code. */
export function isKnownOp(code: number): boolean {
  return OP_SPECS.has(code);
}

/** Default count of range ops (the server's UINT32_MAX). */
export const ALL = 0xffffffffn;

/** An index/count pair in range of a collection. */
export interface IndexCount {
  readonly index: number;
  readonly count: number;
}

/**
 * Bounds a signed index and unsigned count to `n` elements (the server's
 * calc_index_count): negative indexes count from the end; a single-element op with an
 * index outside the collection gives undefined (OP_NOT_APPLICABLE); a multi-element op
 * clips instead.
 */
export function calcIndexCount(index: bigint, count: bigint, n: number, multi: boolean): IndexCount | undefined {
  const total = BigInt(n);
  if (multi) {
    if (index >= total) return { index: n, count: 0 };
    const idx = index < 0n ? total + index : index;
    if (idx < 0n) {
      if (-idx < count) {
        const c = count + idx;
        return { index: 0, count: Number(c > total ? total : c) };
      }
      return { index: 0, count: 0 };
    }
    const left = total - idx;
    return { index: Number(idx), count: Number(count >= left ? left : count) };
  }
  if (index >= total) return undefined;
  const idx = index < 0n ? total + index : index;
  if (idx < 0n) return undefined;
  const left = total - idx;
  return { index: Number(idx), count: Number(count >= left ? left : count) };
}

/** Shifts a relative index/rank by `rel` (the server's calc_rel_index_count). */
export function calcRelIndexCount(index: bigint, count: bigint, rel: number): { index: bigint; count: bigint } {
  let i = index + BigInt(rel);
  let c = count;
  if (i < 0n) {
    i = -i;
    c = c > i ? c - i : 0n;
    i = 0n;
  }
  return { index: i, count: c };
}

/** Signed view of a 64-bit pattern (an INDEX argument is already signed). */
export function asIndex(v: ArgValue | undefined, dflt = 0n): bigint {
  return typeof v === 'bigint' ? v : dflt;
}

/** A FLAGS/COUNT argument, or `dflt` when left out. */
export function asUint(v: ArgValue | undefined, dflt = 0n): bigint {
  return typeof v === 'bigint' ? v : dflt;
}

/** A value argument, or undefined when left out. */
export function asValue(v: ArgValue | undefined): Buffer | undefined {
  return Buffer.isBuffer(v) ? v : undefined;
}
