/**
 * Arithmetic and integer operations with the server's typing and overflow rules: integers
 * are signed 64-bit and wrap; integer division or modulo by zero is unknown; a division
 * with several divisors divides once by their product; shift counts are taken modulo 64
 * (x86-64); `to_int` of NaN or of a float out of range is INT64_MIN (x86-64 conversion);
 * `pow` and `log` follow glibc (see libm.ts).
 * Arguments are evaluated left to right and the first unknown one ends the operation.
 */
import { ExpCode } from '../exp-codes.js';
import { ExpUnsupportedError } from '../exp-errors.js';
import type { ExpTree } from '../exp-tree.js';
import { UNKNOWN, type Evaluated, type ExpValue } from '../exp-values.js';
import { cLog, cPow } from './libm.js';

const INT64_MIN = -(1n << 63n);

function wrap(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

function int(v: bigint): ExpValue {
  return { t: 'int', v };
}

function float(v: number): ExpValue {
  return { t: 'float', v };
}

/** Evaluates arguments in order; undefined as soon as one is unknown. */
function evalArgs(args: readonly ExpTree[], ev: (t: ExpTree) => Evaluated): ExpValue[] | undefined {
  const out: ExpValue[] = [];
  for (const a of args) {
    const v = ev(a);
    if (v === UNKNOWN) return undefined;
    out.push(v);
  }
  return out;
}

function intOf(v: ExpValue | undefined): bigint {
  if (v?.t !== 'int') throw new ExpUnsupportedError('integer operand expected');
  return v.v;
}

function floatOf(v: ExpValue | undefined): number {
  if (v?.t !== 'float') throw new ExpUnsupportedError('float operand expected');
  return v.v;
}

function boolOf(v: ExpValue | undefined): boolean {
  if (v?.t !== 'bool') throw new ExpUnsupportedError('boolean operand expected');
  return v.v;
}

/** `(int64_t)x` as x86-64 converts it. */
function toInt64(x: number): bigint {
  if (Number.isNaN(x)) return INT64_MIN;
  const t = Math.trunc(x);
  if (t >= 2 ** 63 || t < -(2 ** 63)) return INT64_MIN;
  return BigInt(t);
}

function popcount(v: bigint): bigint {
  let u = BigInt.asUintN(64, v);
  let n = 0n;
  while (u !== 0n) {
    n += u & 1n;
    u >>= 1n;
  }
  return n;
}

function leadingZeros(u: bigint): number {
  if (u === 0n) return 64;
  return 64 - u.toString(2).length;
}

function trailingZeros(u: bigint): number {
  if (u === 0n) return 64;
  let n = 0;
  while ((u & 1n) === 0n) {
    u >>= 1n;
    n++;
  }
  return n;
}

function fold(vals: readonly ExpValue[], isFloat: boolean, fi: (a: bigint, b: bigint) => bigint, ff: (a: number, b: number) => number): ExpValue {
  if (isFloat) {
    let acc = floatOf(vals[0]);
    for (let i = 1; i < vals.length; i++) acc = ff(acc, floatOf(vals[i]));
    return float(acc);
  }
  let acc = intOf(vals[0]);
  for (let i = 1; i < vals.length; i++) acc = wrap(fi(acc, intOf(vals[i])));
  return int(acc);
}

function divide(vals: readonly ExpValue[], isFloat: boolean): Evaluated {
  if (isFloat) {
    let first = floatOf(vals[0]);
    let product = 1;
    for (let i = 1; i < vals.length; i++) product *= floatOf(vals[i]);
    if (vals.length === 1) {
      product = first;
      first = 1;
    }
    return float(first / product);
  }
  let first = intOf(vals[0]);
  let product = 1n;
  for (let i = 1; i < vals.length; i++) product = wrap(product * intOf(vals[i]));
  if (vals.length === 1) {
    product = first;
    first = 1n;
  }
  if (product === 0n) return UNKNOWN;
  if (first === INT64_MIN && product === -1n) throw new ExpUnsupportedError('INT64_MIN / -1 traps on the server');
  return int(first / product);
}

/** Evaluates one arithmetic or integer operation. */
export function evaluateMath(code: number, isFloat: boolean, args: readonly ExpTree[], ev: (t: ExpTree) => Evaluated): Evaluated {
  const vals = evalArgs(args, ev);
  if (vals === undefined) return UNKNOWN;
  const [a, b] = vals;
  switch (code) {
    case ExpCode.ADD:
      return fold(vals, isFloat, (x, y) => x + y, (x, y) => x + y);
    case ExpCode.SUB:
      if (vals.length === 1) return isFloat ? float(0 - floatOf(a)) : int(wrap(0n - intOf(a)));
      return fold(vals, isFloat, (x, y) => x - y, (x, y) => x - y);
    case ExpCode.MUL:
      return fold(vals, isFloat, (x, y) => x * y, (x, y) => x * y);
    case ExpCode.DIV:
      return divide(vals, isFloat);
    case ExpCode.MIN:
      return fold(vals, isFloat, (x, y) => (x > y ? y : x), (x, y) => (x > y ? y : x));
    case ExpCode.MAX:
      return fold(vals, isFloat, (x, y) => (x < y ? y : x), (x, y) => (x < y ? y : x));
    case ExpCode.POW:
      return float(cPow(floatOf(a), floatOf(b)));
    case ExpCode.LOG:
      return float(cLog(floatOf(a)) / cLog(floatOf(b)));
    case ExpCode.MOD: {
      const x = intOf(a);
      const y = intOf(b);
      if (y === 0n) return UNKNOWN;
      if (x === INT64_MIN && y === -1n) throw new ExpUnsupportedError('INT64_MIN % -1 traps on the server');
      return int(x % y);
    }
    case ExpCode.ABS:
      if (isFloat) return float(Math.abs(floatOf(a)));
      return int(wrap(intOf(a) < 0n ? -intOf(a) : intOf(a)));
    case ExpCode.FLOOR:
      return float(Math.floor(floatOf(a)));
    case ExpCode.CEIL:
      return float(Math.ceil(floatOf(a)));
    case ExpCode.TO_INT:
      return int(toInt64(floatOf(a)));
    case ExpCode.TO_FLOAT:
      return float(Number(intOf(a)));
    case ExpCode.INT_AND:
      return fold(vals, false, (x, y) => x & y, (x) => x);
    case ExpCode.INT_OR:
      return fold(vals, false, (x, y) => x | y, (x) => x);
    case ExpCode.INT_XOR:
      return fold(vals, false, (x, y) => x ^ y, (x) => x);
    case ExpCode.INT_NOT:
      return int(~intOf(a));
    case ExpCode.INT_LSHIFT:
      return int(wrap(intOf(a) << BigInt.asUintN(6, intOf(b))));
    case ExpCode.INT_RSHIFT:
      return int(wrap(BigInt.asUintN(64, intOf(a)) >> BigInt.asUintN(6, intOf(b))));
    case ExpCode.INT_ARSHIFT:
      return int(intOf(a) >> BigInt.asUintN(6, intOf(b)));
    case ExpCode.INT_COUNT:
      return int(popcount(intOf(a)));
    case ExpCode.INT_LSCAN: {
      const v = boolOf(b) ? intOf(a) : ~intOf(a);
      const lz = leadingZeros(BigInt.asUintN(64, v));
      return int(lz === 64 ? -1n : BigInt(lz));
    }
    case ExpCode.INT_RSCAN: {
      const v = boolOf(b) ? intOf(a) : ~intOf(a);
      return int(BigInt(63 - trailingZeros(BigInt.asUintN(64, v))));
    }
    default:
      throw new ExpUnsupportedError(`operation ${code}`);
  }
}
