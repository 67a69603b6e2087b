/**
 * Comparisons (`eq`, `ne`, `gt`, `ge`, `lt`, `le`) of two values of the same static type,
 * and the `in_list` membership test, as the server makes them.
 */
import { ExpCode } from '../exp-codes.js';
import { ExpUnsupportedError } from '../exp-errors.js';
import { bool, toMsgpack, UNKNOWN, type Evaluated, type ExpValue } from '../exp-values.js';
import { mpCompare } from '../mp-compare.js';
import { MpCursor } from '../mp-cursor.js';

/** -1, 0 or 1, or undefined when the operands are not ordered (NaN). */
type Sign = -1 | 0 | 1 | undefined;

function applyCode(code: number, s: Sign): boolean {
  switch (code) {
    case ExpCode.EQ:
      return s === 0;
    case ExpCode.NE:
      return s !== 0;
    case ExpCode.GT:
      return s === 1;
    case ExpCode.GE:
      return s === 1 || s === 0;
    case ExpCode.LT:
      return s === -1;
    case ExpCode.LE:
      return s === -1 || s === 0;
    default:
      throw new ExpUnsupportedError(`comparison ${code}`);
  }
}

function sign(a: number | bigint, b: number | bigint): Sign {
  if (a > b) return 1;
  if (a < b) return -1;
  if (a === b) return 0;
  return undefined; // NaN: every ordered comparison is false, ne is true
}

/** Compares two evaluated operands of one static type. */
export function compareValues(code: number, a: ExpValue, b: ExpValue): Evaluated {
  if (a.t === 'nil' && b.t === 'nil') return bool(applyCode(code, 0));
  if (a.t === 'bool' && b.t === 'bool') return bool(applyCode(code, sign(Number(a.v), Number(b.v))));
  if (a.t === 'int' && b.t === 'int') return bool(applyCode(code, sign(a.v, b.v)));
  if (a.t === 'float' && b.t === 'float') return bool(applyCode(code, sign(a.v, b.v)));
  if ((a.t === 'str' && b.t === 'str') || (a.t === 'blob' && b.t === 'blob')) {
    return bool(applyCode(code, Buffer.compare(a.bytes, b.bytes) as -1 | 0 | 1));
  }
  if (a.t === 'msgpack' && b.t === 'msgpack') {
    const r = mpCompare(a.bytes, b.bytes);
    if (r.order === 'error' || r.unorderedMap) return UNKNOWN;
    return bool(applyCode(code, r.order === 'less' ? -1 : r.order === 'greater' ? 1 : 0));
  }
  throw new ExpUnsupportedError(`comparison of ${a.t} with ${b.t}`);
}

/** True when `probe` equals an element of the packed list `list` (unknown when either is unusable). */
export function inList(probe: ExpValue, list: ExpValue): Evaluated {
  if (list.t !== 'msgpack') return UNKNOWN;
  const packed = toMsgpack(probe);
  if (packed === undefined) return UNKNOWN;
  const c = new MpCursor(list.bytes);
  const n = c.listCount();
  if (n === undefined) return UNKNOWN;
  for (let i = 0; i < n; i++) {
    const ele = c.element();
    if (ele === undefined) return UNKNOWN;
    const r = mpCompare(packed, ele);
    if (r.order === 'error') return UNKNOWN;
    if (r.order === 'equal') return bool(true);
  }
  return bool(false);
}
