/**
 * Collection, bit and HLL calls inside expressions (`ListExp`, `MapExp`, `BitExp`, `HllExp`).
 *
 * The server evaluates the call's arguments, then its target; an unknown argument or
 * target (a missing bin, a bin of another type) makes the call unknown. It then packs the
 * operation with the argument values in place and applies it to the target: a read
 * returns the operation's result, a local modify returns the modified collection (the
 * record is not changed). A failing operation, or a result of another type than the one
 * the call declares, is unknown.
 *
 * List and map operations run on the emulator's CDT engine; bit and HLL operations, a
 * collection operation on a nil target and select/apply are not emulated (UNSUPPORTED).
 */
import type { Particle } from '../../../model/particle.js';
import { Op } from '../../../protocol/constants.js';
import { applyCdtOperation } from '../../cdt/index.js';
import { CdtCode } from '../../cdt/cdt-error.js';
import { CallSystem, particleTypeOf, PType, VType } from '../exp-codes.js';
import { ExpUnsupportedError } from '../exp-errors.js';
import type { CallPart, ExpTree } from '../exp-tree.js';
import { fromParticle, NIL, toMsgpack, toParticle, UNKNOWN, type Evaluated, type ExpValue } from '../exp-values.js';


/** The call's target as the bin the operation applies to. */
function targetParticle(t: ExpValue): Particle | undefined {
  if (t.t !== 'msgpack') return undefined;
  const p = toParticle(t);
  return p === null ? undefined : p;
}

/** Evaluates a call node. */
export function evaluateCall(type: number, system: number, parts: readonly CallPart[], target: ExpTree, ev: (t: ExpTree) => Evaluated): Evaluated {
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
  if ((system & ~CallSystem.MODIFY_LOCAL) !== CallSystem.CDT) throw new ExpUnsupportedError('bit and HLL operations inside expressions');
  const current = targetParticle(t);
  if (current === undefined) throw new ExpUnsupportedError('a collection operation on a nil target');
  const modify = (system & CallSystem.MODIFY_LOCAL) !== 0;
  const payload: Particle = { type: PType.BLOB, data: Buffer.concat(bytes) };
  const r = applyCdtOperation(modify ? Op.CDT_MODIFY : Op.CDT_READ, '', current, payload);
  if (!r.ok) {
    if (r.resultCode === CdtCode.UNSUPPORTED_FEATURE) throw new ExpUnsupportedError('a collection operation the CDT engine does not emulate');
    return UNKNOWN;
  }
  const out = modify ? (r.newValue === undefined ? current : r.newValue) : r.result;
  const want = type === VType.NIL ? PType.NULL : particleTypeOf(type);
  if ((out?.type ?? PType.NULL) !== want) return UNKNOWN;
  if (out === null) return NIL;
  return fromParticle(out) ?? UNKNOWN;
}
