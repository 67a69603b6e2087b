import type { Particle } from '../../model/particle.js';
import { Op, Particle as PT } from '../../protocol/constants.js';
import { CdtCode, CdtError, fail } from './cdt-error.js';
import { encodeList, encodeMap, parseList, parseMap } from './containers.js';
import { dig, parseContext, rebuild } from './context.js';
import { applyListOp } from './list-ops.js';
import { applyMapOp } from './map-ops.js';
import { MpType, peekType, readArrayHeader, readIntBits, skip } from './msgpack-value.js';
import { rewriteValue } from './normalize.js';
import { readOp } from './op-args.js';
import { particleFromMsgpack } from './result-particle.js';

/**
 * The CDT engine of the emulator: list and map operations (CDT_READ / CDT_MODIFY ops),
 * optionally through a context, with the semantics, result encodings and result codes
 * of an Aerospike 8.1 server. Bit and HLL operations are not emulated.
 */

/** Outcome of a CDT/bit/HLL operation: the reply bin (null: none) and the new bin value (undefined: unchanged, null: removed). */
export type CdtResult = { ok: true; result: Particle | null; newValue?: Particle | null } | { ok: false; resultCode: number };

/** First op code of the map operations (lower codes are list operations). */
const MAP_OP_BASE = 64;
/** Op code that wraps an op in a context: `[0xff, ctx, op]`. */
const CONTEXT_EVAL = 0xff;
/** Op code of the server's select/apply operation (not emulated). */
const SELECT = 0xfe;

/** The bin value as the server stores it (see normalize.ts); PARAMETER when it could not have been stored. */
function storedForm(p: Particle): Buffer {
  return rewriteValue(p.data, 0, p.data.length, true) ?? fail(CdtCode.PARAMETER);
}

interface Parsed {
  /** The context bytes, when the op is wrapped in one. */
  readonly ctx?: Buffer;
  /** Where the op array starts (read after the context walk, as the server does). */
  readonly opStart: number;
}

function parsePayload(data: Buffer): Parsed {
  if (data.length === 0) return fail(CdtCode.PARAMETER);
  // The pre-2016 format (16-bit op code first) is deprecated: not emulated.
  if (data[0] === 0) return fail(CdtCode.UNSUPPORTED_FEATURE);
  const h = readArrayHeader(data, 0);
  if (h === undefined || h.count === 0) return fail(CdtCode.PARAMETER);
  const code = readIntBits(data, h.next);
  if (code === undefined) return fail(CdtCode.PARAMETER);
  if (code.bits === BigInt(SELECT)) return fail(CdtCode.UNSUPPORTED_FEATURE);
  if (code.bits !== BigInt(CONTEXT_EVAL)) return { opStart: 0 };
  if (h.count !== 3) return fail(CdtCode.PARAMETER);
  const ctxEnd = skip(data, code.next);
  return { ctx: data.subarray(code.next, ctxEnd), opStart: ctxEnd };
}

function run(modify: boolean, current: Particle | undefined, payload: Particle): CdtResult {
  const parsed = parsePayload(payload.data);
  if (parsed.ctx === undefined) {
    const op = readOp(payload.data, parsed.opStart);
    const isList = op.code < MAP_OP_BASE;
    let container;
    if (current !== undefined) {
      if (current.type !== (isList ? PT.LIST : PT.MAP)) return fail(CdtCode.BIN_TYPE);
      const bytes = storedForm(current);
      container = isList ? parseList(bytes) : parseMap(bytes);
    }
    if (isList) {
      const out = applyListOp(op, container as ReturnType<typeof parseList> | undefined, { modify, created: false });
      return done(out.result, out.next === undefined ? undefined : { type: PT.LIST, data: encodeList(out.next) });
    }
    const out = applyMapOp(op, container as ReturnType<typeof parseMap> | undefined, { modify, created: false, topLevel: true });
    return done(out.result, out.next === undefined ? undefined : { type: PT.MAP, data: encodeMap(out.next) });
  }
  if (current !== undefined && current.type !== PT.LIST && current.type !== PT.MAP) return fail(CdtCode.PARAMETER);
  const steps = parseContext(parsed.ctx);
  const dug = dig(current === undefined ? undefined : storedForm(current), steps, modify);
  const op = readOp(payload.data, parsed.opStart);
  const isList = op.code < MAP_OP_BASE;
  let element: Buffer | undefined;
  if (dug.create === undefined) {
    const target = dug.target as Buffer;
    const kind = peekType(target, 0);
    if (kind !== (isList ? MpType.LIST : MpType.MAP)) return fail(CdtCode.BIN_TYPE);
    if (isList) {
      const out = applyListOp(op, parseList(target), { modify, created: false });
      if (out.next !== undefined) element = encodeList(out.next);
      return doneCtx(out.result, element, dug, current);
    }
    const out = applyMapOp(op, parseMap(target), { modify, created: false, topLevel: false });
    if (out.next !== undefined) element = encodeMap(out.next);
    return doneCtx(out.result, element, dug, current);
  }
  if (isList) {
    const out = applyListOp(op, undefined, { modify, created: true });
    if (out.next !== undefined) element = encodeList(out.next);
    return doneCtx(out.result, element, dug, current);
  }
  const out = applyMapOp(op, undefined, { modify, created: true, topLevel: false });
  if (out.next !== undefined) element = encodeMap(out.next);
  return doneCtx(out.result, element, dug, current);
}

function done(result: Buffer | null, newValue: Particle | undefined): CdtResult {
  const r = particleFromMsgpack(result);
  return newValue === undefined ? { ok: true, result: r } : { ok: true, result: r, newValue };
}

function doneCtx(result: Buffer | null, element: Buffer | undefined, dug: ReturnType<typeof dig>, current: Particle | undefined): CdtResult {
  if (element === undefined) return done(result, undefined);
  const data = rebuild(dug, element);
  const type = current?.type ?? (peekType(data, 0) === MpType.MAP ? PT.MAP : PT.LIST);
  return done(result, { type, data });
}

/**
 * The form the server stores a list or map bin value in (for the plain write path): map
 * keys of unordered maps sorted, integer/string/container headers in their smallest
 * encoding, order markers reduced to what persists. Undefined when the server would refuse
 * the value (duplicate map keys, invalid map keys, an ordered list or key-ordered map out of
 * order, wildcard/infinity values, or bytes that are not one list/map of the particle's type).
 */
export function storedCdtValue(p: Particle): Particle | undefined {
  if (p.type !== PT.LIST && p.type !== PT.MAP) return undefined;
  try {
    if (peekType(p.data, 0) !== (p.type === PT.LIST ? MpType.LIST : MpType.MAP)) return undefined;
  } catch (e) {
    if (e instanceof CdtError) return undefined;
    throw e;
  }
  const data = rewriteValue(p.data, 0, p.data.length, true);
  return data === undefined ? undefined : { type: p.type, data };
}

/**
 * Applies one CDT, bit or HLL operation to a bin.
 * @param opType the wire op type (CDT_READ 3, CDT_MODIFY 4, BIT_READ 12, BIT_MODIFY 13, HLL_READ 15, HLL_MODIFY 16)
 * @param _binName the bin's name
 * @param current the bin's value, undefined when the record has no such bin
 * @param payload the op's value: msgpack `[code, args...]` or `[0xff, ctx, [code, args...]]`
 * @returns the reply bin and the new bin value, or the result code the server answers
 */
export function applyCdtOperation(opType: number, _binName: string, current: Particle | undefined, payload: Particle): CdtResult {
  const isRead = opType === Op.CDT_READ || opType === Op.BIT_READ || opType === Op.HLL_READ;
  // A read of a bin the record does not have returns nothing, whatever the op.
  if (isRead && current === undefined) return { ok: true, result: null };
  if (opType !== Op.CDT_READ && opType !== Op.CDT_MODIFY) return { ok: false, resultCode: CdtCode.UNSUPPORTED_FEATURE };
  try {
    return run(opType === Op.CDT_MODIFY, current, payload);
  } catch (e) {
    if (e instanceof CdtError) return { ok: false, resultCode: e.code };
    // Values nested deeper than the call stack allows are refused like malformed ones.
    if (e instanceof RangeError) return { ok: false, resultCode: CdtCode.PARAMETER };
    throw e;
  }
}
