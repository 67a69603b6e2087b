/**
 * Collection, bit and HLL calls inside expressions (`ListExp`, `MapExp`, `BitExp`, `HllExp`).
 *
 * The server evaluates the call's arguments, then its target; an unknown argument or
 * target (a missing bin, a bin of another type) makes the call unknown, which the emulator
 * reproduces. Applying the operation itself needs the collection engine, which expressions
 * do not reach yet: such calls answer UNSUPPORTED_FEATURE.
 */
import { ExpUnsupportedError } from '../exp-errors.js';
import type { CallPart, ExpTree } from '../exp-tree.js';
import { toMsgpack, UNKNOWN, type Evaluated } from '../exp-values.js';

/** Evaluates a call node. */
export function evaluateCall(parts: readonly CallPart[], target: ExpTree, ev: (t: ExpTree) => Evaluated): Evaluated {
  const bytes: Buffer[] = [];
  for (const part of parts) {
    if ('raw' in part) {
      bytes.push(part.raw);
      continue;
    }
    const v = ev(part.arg);
    if (v === UNKNOWN) return UNKNOWN;
    const packed = toMsgpack(v);
    if (packed === undefined) return UNKNOWN;
    bytes.push(packed);
  }
  const t = ev(target);
  if (t === UNKNOWN) return UNKNOWN;
  switch (t.t) {
    case 'nil':
    case 'blob':
    case 'hll':
    case 'msgpack':
    case 'str':
    case 'geo':
      break;
    default:
      return UNKNOWN;
  }
  throw new ExpUnsupportedError('collection, bit and HLL operations inside expressions');
}
