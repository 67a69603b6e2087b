import type { Particle, StoredRecord } from '../model/particle.js';
import type { NamespaceStore } from '../model/store.js';
import { Field, Info1, Info2, Info3, MAX_RECORD_SIZE, Op, Particle as PT, Result } from '../protocol/constants.js';
import type { ReplySpec, WireOp } from '../protocol/message.js';
import { arrayElements } from '../protocol/msgpack-scan.js';
import { applyCdtOperation, evaluateExpression, evaluateFilter, storedCdtValue, type ExpContext } from './feature-gates.js';

/** A single-record command, from a plain AS_MSG or one batch entry. */
export interface RecordRequest {
  readonly info1: number;
  readonly info2: number;
  readonly info3: number;
  readonly info4: number;
  readonly generation: number;
  readonly ttl: number;
  readonly fields: ReadonlyMap<number, Buffer>;
  readonly ops: readonly WireOp[];
  readonly digest: Buffer;
  readonly set: string;
}

const NULL_VALUE = Buffer.alloc(0);
/** info4 bits of transaction verify / roll-forward / roll-back. */
const TXN_INFO4 = 0x07;
const MAX_BIN_NAME = 15;
/** Particle types a write op may carry (NULL removes the bin). */
const STORABLE: ReadonlySet<number> = new Set([PT.NULL, PT.INTEGER, PT.DOUBLE, PT.STRING, PT.BLOB, PT.BOOL, PT.HLL, PT.MAP, PT.LIST, PT.GEOJSON]);

/** A bin as a reply op. */
function binOp(name: string, p: Particle | undefined, opType: number = Op.READ): WireOp {
  return { opType, particleType: p?.type ?? PT.NULL, binName: name, value: p?.data ?? NULL_VALUE };
}

/** Every bin of a map of bins, as reply ops. */
function allBins(bins: ReadonlyMap<string, Particle>): WireOp[] {
  const out: WireOp[] = [];
  for (const [name, p] of bins) out.push(binOp(name, p));
  return out;
}

/** Runs the request's filter expression; a result code when the record is filtered out or the filter fails. */
function filterCode(ns: NamespaceStore, req: RecordRequest, rec: StoredRecord | undefined): number {
  const exp = req.fields.get(Field.FILTER_EXP);
  if (exp === undefined || rec === undefined) return Result.OK;
  const r = evaluateFilter(exp, rec, { nowNs: ns.nowNs(), namespace: ns.name });
  if (!r.ok) return r.resultCode;
  return r.value ? Result.OK : Result.FILTERED_OUT;
}

/** Approximate stored size of a record, to enforce the write-block size like the server. */
function recordSize(bins: ReadonlyMap<string, Particle>): number {
  let n = 64;
  for (const [name, p] of bins) n += name.length + 8 + p.data.length;
  return n;
}

/** Executes a read-only command. */
function read(ns: NamespaceStore, req: RecordRequest): ReplySpec {
  const rec = ns.get(req.digest);
  if (rec === undefined) return { resultCode: Result.KEY_NOT_FOUND };
  const fc = filterCode(ns, req, rec);
  if (fc !== Result.OK) return { resultCode: fc, generation: rec.generation, voidTime: rec.voidTime };
  const header = { resultCode: Result.OK, generation: rec.generation, voidTime: rec.voidTime };
  if ((req.info1 & Info1.NOBINDATA) !== 0) return header;
  if ((req.info1 & Info1.GET_ALL) !== 0 || req.ops.length === 0) return { ...header, ops: allBins(rec.bins) };
  const respondAll = (req.info2 & Info2.RESPOND_ALL_OPS) !== 0;
  const ops: WireOp[] = [];
  for (const op of req.ops) {
    const code = applyReadOp(ns, rec, rec.bins, op, respondAll, ops);
    if (code !== Result.OK) return { resultCode: code, generation: rec.generation, voidTime: rec.voidTime };
  }
  return { ...header, ops };
}

/** Appends the results of one read op to `out`; returns a result code. */
function applyReadOp(ns: NamespaceStore, rec: StoredRecord, bins: ReadonlyMap<string, Particle>, op: WireOp, respondAll: boolean, out: WireOp[], ctx?: ExpContext): number {
  switch (op.opType) {
    case Op.READ:
      if (op.binName === '') out.push(...allBins(bins));
      else if (bins.has(op.binName) || respondAll) out.push(binOp(op.binName, bins.get(op.binName)));
      return Result.OK;
    case Op.CDT_READ:
    case Op.BIT_READ:
    case Op.HLL_READ: {
      const r = applyCdtOperation(op.opType, op.binName, bins.get(op.binName), { type: op.particleType, data: op.value });
      if (!r.ok) return r.resultCode;
      if (r.result !== null || respondAll) out.push(binOp(op.binName, r.result ?? undefined, op.opType));
      return Result.OK;
    }
    case Op.EXP_READ: {
      const e = expressionOf(op);
      if (e === undefined || (e.flags & ~ExpFlag.EVAL_NO_FAIL) !== 0) return Result.PARAMETER;
      const r = evaluateExpression(e.exp, { ...rec, bins: new Map(bins) }, ctx ?? { nowNs: ns.nowNs(), namespace: ns.name });
      // EVAL_NO_FAIL turns only an evaluation that cannot apply (26) into a nil result.
      if (!r.ok && (r.resultCode !== Result.OP_NOT_APPLICABLE || (e.flags & ExpFlag.EVAL_NO_FAIL) === 0)) return r.resultCode;
      out.push(binOp(op.binName, r.ok ? (r.value ?? undefined) : undefined, op.opType));
      return Result.OK;
    }
    default:
      return Result.PARAMETER;
  }
}

/** An EXP_READ/EXP_MODIFY op's value, msgpack `[expression, flags]`, split; undefined when malformed. */
function expressionOf(op: WireOp): { exp: Buffer; flags: number } | undefined {
  const items = arrayElements(op.value);
  const [exp, flagsRaw] = items ?? [];
  if (exp === undefined) return undefined;
  const f = flagsRaw === undefined ? 0 : (flagsRaw[0] ?? 0);
  // Flags beyond a positive fixint are not flags a client sends: treated as invalid.
  return { exp, flags: f <= 0x7f ? f : 0x80 };
}

/** Expression op flags (read: EVAL_NO_FAIL; write: CREATE_ONLY, UPDATE_ONLY, ALLOW_DELETE, POLICY_NO_FAIL, EVAL_NO_FAIL). */
const ExpFlag = { CREATE_ONLY: 1, UPDATE_ONLY: 2, ALLOW_DELETE: 4, POLICY_NO_FAIL: 8, EVAL_NO_FAIL: 16 } as const;

/** The new value of an EXP_MODIFY op's bin (undefined: unchanged, null: removed) or a result code. */
function expressionWrite(view: StoredRecord, bins: Map<string, Particle>, op: WireOp, ctx: ExpContext): Particle | null | undefined | number {
  const e = expressionOf(op);
  if (e === undefined || e.flags > 0x1f) return Result.PARAMETER;
  const policyFail = (code: number): number | undefined => ((e.flags & ExpFlag.POLICY_NO_FAIL) !== 0 ? undefined : code);
  const exists = bins.has(op.binName);
  if ((e.flags & ExpFlag.CREATE_ONLY) !== 0 && exists) return policyFail(Result.BIN_EXISTS);
  if ((e.flags & ExpFlag.UPDATE_ONLY) !== 0 && !exists) return policyFail(Result.BIN_NOT_FOUND);
  const r = evaluateExpression(e.exp, { ...view, bins: new Map(bins) }, ctx);
  // EVAL_NO_FAIL turns only an evaluation that cannot apply (26) into a no-op.
  if (!r.ok) return r.resultCode === Result.OP_NOT_APPLICABLE && (e.flags & ExpFlag.EVAL_NO_FAIL) !== 0 ? undefined : r.resultCode;
  if (r.value === null && (e.flags & ExpFlag.ALLOW_DELETE) === 0) {
    // As the server answers: a nil result on a missing bin changes nothing; on an existing
    // bin it is refused (26) unless some flag is set, when the server keeps the bin and says OK.
    if (!exists || e.flags !== 0) return undefined;
    return Result.OP_NOT_APPLICABLE;
  }
  return r.value;
}

/** Adds two integer or float particles (the ADD op). */
function add(current: Particle | undefined, delta: Particle): Particle | number {
  if (delta.type !== PT.INTEGER && delta.type !== PT.DOUBLE) return Result.PARAMETER;
  if (delta.data.length !== 8) return Result.PARAMETER;
  if (current === undefined) return { type: delta.type, data: Buffer.from(delta.data) };
  if (current.type !== delta.type) return Result.BIN_TYPE;
  const out = Buffer.allocUnsafe(8);
  if (delta.type === PT.INTEGER) out.writeBigInt64BE(BigInt.asIntN(64, current.data.readBigInt64BE(0) + delta.data.readBigInt64BE(0)));
  else out.writeDoubleBE(current.data.readDoubleBE(0) + delta.data.readDoubleBE(0));
  return { type: delta.type, data: out };
}

/** Appends or prepends a string/blob particle. */
function concat(current: Particle | undefined, value: Particle, prepend: boolean): Particle | number {
  if (value.type !== PT.STRING && value.type !== PT.BLOB) return Result.BIN_TYPE;
  if (current === undefined) return { type: value.type, data: Buffer.from(value.data) };
  if (current.type !== value.type) return Result.BIN_TYPE;
  return { type: value.type, data: Buffer.concat(prepend ? [value.data, current.data] : [current.data, value.data]) };
}

/** Executes a command that writes (put, operate with writes, touch, delete). */
function write(ns: NamespaceStore, req: RecordRequest): ReplySpec {
  // Durable deletes are an Enterprise feature: refused before the record is looked at.
  if ((req.info2 & Info2.DURABLE_DELETE) !== 0) return { resultCode: Result.ENTERPRISE_ONLY };
  const existing = ns.get(req.digest);
  const errorReply = (code: number): ReplySpec => ({ resultCode: code, generation: existing?.generation ?? 0, voidTime: existing?.voidTime ?? 0 });
  if ((req.info2 & Info2.CREATE_ONLY) !== 0 && existing !== undefined) return errorReply(Result.KEY_EXISTS);
  if ((req.info3 & (Info3.UPDATE_ONLY | Info3.REPLACE_ONLY)) !== 0 && existing === undefined) return errorReply(Result.KEY_NOT_FOUND);
  if (existing !== undefined) {
    if ((req.info2 & Info2.GENERATION) !== 0 && existing.generation !== req.generation) return errorReply(Result.GENERATION);
    if ((req.info2 & Info2.GENERATION_GT) !== 0 && req.generation <= existing.generation) return errorReply(Result.GENERATION);
  }
  const fc = filterCode(ns, req, existing);
  if (fc !== Result.OK) return errorReply(fc);
  if ((req.info2 & Info2.DELETE) !== 0 && req.ops.length === 0) {
    if (existing === undefined) return errorReply(Result.KEY_NOT_FOUND);
    ns.delete(req.digest);
    return { resultCode: Result.OK };
  }
  const replace = (req.info3 & (Info3.CREATE_OR_REPLACE | Info3.REPLACE_ONLY)) !== 0;
  const bins = new Map<string, Particle>(replace || existing === undefined ? [] : existing.bins);
  const respondAll = (req.info2 & Info2.RESPOND_ALL_OPS) !== 0;
  const results: WireOp[] = [];
  let deleted = false;
  // Expressions inside a write see the record as being written: updated now, with the new
  // expiry, and `record_size` of the record as stored before the command (ctx.stored).
  const nowNs = ns.nowNs();
  const view: StoredRecord = {
    ...(existing ?? { bins, generation: 0, userKey: undefined, setName: req.set, digest: req.digest }),
    voidTime: ns.voidTimeFor(req.ttl, existing),
    lastUpdateNs: nowNs
  };
  const expCtx: ExpContext = { nowNs, namespace: ns.name, stored: existing ?? null };
  for (const op of req.ops) {
    if (op.binName.length > MAX_BIN_NAME) return errorReply(Result.BIN_NAME_TOO_LONG);
    const value: Particle = { type: op.particleType, data: op.value };
    let next: Particle | number | null | undefined;
    switch (op.opType) {
      case Op.WRITE:
        if (!STORABLE.has(op.particleType)) return errorReply(Result.PARAMETER);
        next = op.particleType === PT.NULL ? null : { type: op.particleType, data: Buffer.from(op.value) };
        if (next !== null && (next.type === PT.LIST || next.type === PT.MAP)) {
          // The server stores collections in its own form (maps sorted, ints minimal) and refuses malformed ones.
          const stored = storedCdtValue(next);
          if (stored === undefined) return errorReply(Result.SERVER_ERROR);
          next = stored;
        }
        break;
      case Op.ADD:
        next = add(bins.get(op.binName), value);
        break;
      case Op.APPEND:
      case Op.PREPEND:
        next = concat(bins.get(op.binName), value, op.opType === Op.PREPEND);
        break;
      case Op.TOUCH:
        if (existing === undefined) return errorReply(Result.KEY_NOT_FOUND);
        break;
      case Op.DELETE:
        bins.clear();
        deleted = true;
        break;
      case Op.CDT_MODIFY:
      case Op.BIT_MODIFY:
      case Op.HLL_MODIFY: {
        const r = applyCdtOperation(op.opType, op.binName, bins.get(op.binName), value);
        if (!r.ok) return errorReply(r.resultCode);
        if (r.result !== null || respondAll) results.push(binOp(op.binName, r.result ?? undefined, op.opType));
        next = r.newValue;
        break;
      }
      case Op.EXP_MODIFY: {
        next = expressionWrite(view, bins, op, expCtx);
        if (respondAll) results.push(binOp(op.binName, undefined, op.opType));
        break;
      }
      default: {
        const code = applyReadOp(ns, view, bins, op, respondAll, results, expCtx);
        if (code !== Result.OK) return errorReply(code);
        continue;
      }
    }
    if (typeof next === 'number') return errorReply(next);
    if (next === null) bins.delete(op.binName);
    else if (next !== undefined) bins.set(op.binName, next);
    if (respondAll && (op.opType === Op.WRITE || op.opType === Op.ADD || op.opType === Op.APPEND || op.opType === Op.PREPEND || op.opType === Op.TOUCH || op.opType === Op.DELETE)) {
      results.push(binOp(op.binName, undefined, op.opType));
    }
  }
  if (recordSize(bins) > MAX_RECORD_SIZE) return errorReply(Result.RECORD_TOO_BIG);
  if (bins.size === 0) {
    // A write that leaves no bins deletes the record; on a record that did not exist it is not found.
    if (existing === undefined) return { resultCode: Result.KEY_NOT_FOUND };
    ns.delete(req.digest);
    return { resultCode: Result.OK, ops: results };
  }
  const keyField = req.fields.get(Field.KEY);
  const userKey = keyField !== undefined && keyField.length > 0 ? { type: keyField[0] as number, data: Buffer.from(keyField.subarray(1)) } : existing?.userKey;
  const rec: StoredRecord = {
    bins,
    generation: existing === undefined || deleted ? 1 : (existing.generation % 0xffff) + 1,
    voidTime: ns.voidTimeFor(req.ttl, existing),
    lastUpdateNs: ns.nowNs(),
    userKey,
    setName: req.set,
    digest: Buffer.from(req.digest)
  };
  ns.put(rec);
  return { resultCode: Result.OK, generation: rec.generation, voidTime: rec.voidTime, ops: results };
}

/**
 * Executes one single-record command against a namespace, as a server does, and
 * returns the reply to send.
 */
export function executeRecordCommand(ns: NamespaceStore, req: RecordRequest): ReplySpec {
  // Multi-record transactions are an Enterprise feature: a Community server refuses them.
  if (req.fields.has(Field.TXN_ID) || (req.info4 & TXN_INFO4) !== 0) return { resultCode: Result.ENTERPRISE_ONLY };
  if (req.fields.has(Field.UDF_FUNCTION) || req.fields.has(Field.UDF_PACKAGE_NAME)) return { resultCode: Result.UNSUPPORTED_FEATURE };
  if ((req.info2 & Info2.WRITE) !== 0) return write(ns, req);
  if ((req.info1 & Info1.READ) !== 0) return read(ns, req);
  return { resultCode: Result.PARAMETER };
}
