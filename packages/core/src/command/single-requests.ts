import { InvalidArgumentError } from '../errors/client-errors.js';
import type { Key } from '../keys/key.js';
import type { FilterExpression, ResolvedReadPolicy, ResolvedWritePolicy } from '../policy/policies.js';
import { packValue } from '../values/msgpack-writer.js';
import type { Bins, Value } from '../values/value-types.js';
import { Info1, Info2, OpType } from '../wire/constants.js';
import { checkName, describeType } from '../util/validate.js';
import { txnFieldsFor } from '../txn/txn-observe.js';
import { assertNotEncoding, encodeOperate, encodeRead, encodeWrite, type SingleExtras, type TxnExtras } from './encoder.js';
import { applyReadBits, applyWriteBits, newHeader, resetHeader, type HeaderSpec } from './header-bits.js';
import { isReadHeader, Op, type Operation } from './operation.js';

function filterBytes(f: FilterExpression | null): Uint8Array | null {
  if (f === null) return null;
  return f instanceof Uint8Array ? f : f.toBytes();
}

/*
 * One header and one extras object serve every single-record request: each request
 * function fills them and hands them to the encoder, which copies them into the frame
 * before returning, so nothing keeps them. The only user code that can run meanwhile is
 * a filter expression's toBytes() (called before either is filled) and bin value getters
 * during encoding; a command started from there is refused before it touches them.
 */
const HEADER: HeaderSpec = newHeader({ totalTimeout: 0, socketTimeout: 0 } as ResolvedReadPolicy);
const EXTRAS: { -readonly [K in keyof TxnExtras]-?: TxnExtras[K] } = { sendKey: false, filter: null, compress: false, udf: undefined, txn: undefined };

/**
 * The shared extras, filled from the policy (call before {@link header}): with the
 * transaction's fields when the policy carries one (which binds it to the key's namespace).
 */
function extras(key: Key, p: ResolvedReadPolicy | ResolvedWritePolicy, isWrite: boolean, udf?: SingleExtras['udf']): TxnExtras {
  const filter = filterBytes(p.filterExpression);
  const txn = txnFieldsFor(p.txn, key, isWrite);
  assertNotEncoding();
  EXTRAS.sendKey = p.sendKey;
  EXTRAS.filter = filter;
  EXTRAS.compress = p.compress;
  EXTRAS.udf = udf;
  EXTRAS.txn = txn;
  return EXTRAS;
}

/** The shared header, zeroed, with the policy's server timeout. */
function header(p: ResolvedReadPolicy | ResolvedWritePolicy): HeaderSpec {
  assertNotEncoding();
  return resetHeader(HEADER, p);
}

const TOUCH_OPS: readonly Operation[] = [Op.touch()];

/** Request for get (all bins when `bins` is null) or select (the named bins). */
export function readRequest(key: Key, p: ResolvedReadPolicy, bins: readonly string[] | null): Buffer {
  const x = extras(key, p, false);
  const h = header(p);
  h.info1 = Info1.READ | (bins === null ? Info1.GET_ALL : 0);
  h.ttl = p.readTouchTtlPercent;
  applyReadBits(h, p);
  return encodeRead(key, h, x, bins);
}

/** Request for exists / getHeader: metadata only. */
export function headerRequest(key: Key, p: ResolvedReadPolicy): Buffer {
  const x = extras(key, p, false);
  const h = header(p);
  h.info1 = Info1.READ | Info1.NOBINDATA;
  h.ttl = p.readTouchTtlPercent;
  applyReadBits(h, p);
  return encodeRead(key, h, x, []);
}

/** Request for put. */
export function writeRequest(key: Key, p: ResolvedWritePolicy, bins: Bins): Buffer {
  const x = extras(key, p, true);
  const h = header(p);
  h.info2 = Info2.WRITE;
  h.ttl = p.ttl;
  applyWriteBits(h, p);
  return encodeWrite(key, h, x, bins);
}

/** Request for delete. */
export function deleteRequest(key: Key, p: ResolvedWritePolicy): Buffer {
  const x = extras(key, p, true);
  const h = header(p);
  h.info2 = Info2.WRITE | Info2.DELETE;
  applyWriteBits(h, p);
  return encodeOperate(key, h, x, []);
}

/** Request for touch: a WRITE with one TOUCH op; the TTL goes in the header. */
export function touchRequest(key: Key, p: ResolvedWritePolicy): Buffer {
  const x = extras(key, p, true);
  const h = header(p);
  h.info2 = Info2.WRITE;
  h.ttl = p.ttl;
  applyWriteBits(h, p);
  return encodeOperate(key, h, x, TOUCH_OPS);
}

const READ_TYPES = new Set<number>([OpType.READ, OpType.CDT_READ, OpType.BIT_READ, OpType.EXP_READ, OpType.HLL_READ]);
const RESPOND_ALL_TYPES = new Set<number>([OpType.BIT_READ, OpType.BIT_MODIFY, OpType.EXP_READ, OpType.EXP_MODIFY, OpType.HLL_READ, OpType.HLL_MODIFY]);
const KNOWN_TYPES = new Set<number>(Object.values(OpType));

/** Result of {@link operateRequest}: the frame and whether the command writes. */
export interface OperateRequest {
  readonly request: Buffer;
  readonly isWrite: boolean;
}

/**
 * Request for operate. Header bits follow the ops: reads set READ (GET_ALL for a read
 * of all bins, NOBINDATA for header-only), anything else sets WRITE with the write
 * policy; map/bit/HLL/expression ops ask for one result per op (never with GET_ALL).
 */
export function operateRequest(key: Key, p: ResolvedWritePolicy, ops: readonly Operation[]): OperateRequest {
  if (!Array.isArray(ops) || ops.length === 0) throw new InvalidArgumentError('operate needs a non-empty list of operations');
  let hasRead = false;
  let readAll = false;
  let readHeader = false;
  let hasWrite = false;
  let respondAll = p.respondAllOps;
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i];
    if (typeof o !== 'object' || o === null || !KNOWN_TYPES.has(o.op)) {
      throw new InvalidArgumentError(`operation ${i}: unknown operation ${typeof o === 'object' && o !== null ? `type ${String(o.op)}` : describeType(o)}`);
    }
    if (o.op === OpType.READ) {
      if (isReadHeader(o)) readHeader = true;
      else if (o.bin === null) readAll = true;
      else hasRead = true;
    } else if (READ_TYPES.has(o.op)) hasRead = true;
    else hasWrite = true;
    if (o.respondAll === true || RESPOND_ALL_TYPES.has(o.op)) respondAll = true;
  }
  const x = extras(key, p, hasWrite);
  const h = header(p);
  if (hasRead || readAll) {
    h.info1 |= Info1.READ;
    if (readAll) h.info1 |= Info1.GET_ALL;
  } else if (readHeader) h.info1 |= Info1.READ | Info1.NOBINDATA;
  applyReadBits(h, p);
  if (hasWrite) {
    h.info2 |= Info2.WRITE;
    applyWriteBits(h, p);
    h.ttl = p.ttl;
  } else {
    h.ttl = p.readTouchTtlPercent;
  }
  if (respondAll && !readAll) h.info2 |= Info2.RESPOND_ALL_OPS;
  return { request: encodeOperate(key, h, x, ops), isWrite: hasWrite };
}

/** Request for a record UDF call. */
export function udfRequest(key: Key, p: ResolvedWritePolicy, module: string, fn: string, args: readonly Value[]): Buffer {
  checkName('UDF module name', module, 127, false);
  checkName('UDF function name', fn, 127, false);
  if (!Array.isArray(args)) throw new InvalidArgumentError(`UDF arguments must be an array, got ${describeType(args)}`);
  const packed = packValue(args, 'UDF arguments');
  const x = extras(key, p, true, { module, fn, args: packed });
  const h = header(p);
  h.info2 = Info2.WRITE;
  h.ttl = p.ttl;
  applyWriteBits(h, p);
  return encodeOperate(key, h, x, []);
}
