import { writeMsgHeader } from '../wire/msg-header.js';
import { InvalidArgumentError, ParseError } from '../errors/client-errors.js';
import { userKeyByteLength, userKeyParticleType, writeUserKeyValue } from '../keys/key.js';
import type { FilterExpression } from '../policy/policies.js';
import { readTxnFields } from '../txn/txn-reply.js';
import { txnFieldsFor } from '../txn/txn-observe.js';
import type { Txn } from '../txn/txn.js';
import { packValue } from '../values/msgpack-writer.js';
import type { DecodeOptions, DecodedBins, DecodedValue } from '../values/value-types.js';
import { compressRequest } from '../wire/compression.js';
import { FIELD_HEADER_SIZE, FieldType, Info1, Info2, Info3, MSG_HEADER_SIZE, MSG_TOTAL_HEADER_SIZE, OpType } from '../wire/constants.js';
import { checkName, describeType } from '../util/validate.js';
import type { BatchRecord, BatchWritePolicy } from './batch-records.js';
import { addOps, addReadBins, beginOps, endOps, opsSize, writeBytesField, writeOps, writeStringField, writeTxnFields, type TxnFields } from './encoder.js';
import { isReadHeader } from './operation.js';
import { gathering, messageBody, newSingleReply, parseOps, readReplyHeaderInto, voidTimeToTtl, type ParseOptions } from './record-parser.js';

const BATCH_REPEAT = 0x01;
const BATCH_MSG_GEN = 0x04;
const BATCH_MSG_INFO4 = 0x10;
const BATCH_MSG_READ = 0x0a; // INFO | TTL
const BATCH_MSG_WRITE = 0x0e; // INFO | GEN | TTL
const READ_TYPES = new Set<number>([OpType.READ, OpType.CDT_READ, OpType.BIT_READ, OpType.EXP_READ, OpType.HLL_READ]);

/** Batch-wide settings the encoder needs. */
export interface BatchEncodeOptions {
  readonly totalTimeout: number;
  readonly filter: Uint8Array | null;
  readonly compress: boolean;
  readonly allowInline: boolean;
  readonly allowInlineSSD: boolean;
  readonly respondAllKeys: boolean;
  readonly readModeAP: number;
  readonly readModeSC: number;
  /** The transaction every record joins (omitted or null: none). */
  readonly txn?: Txn | null;
}

function filterBytes(f: FilterExpression | null | undefined): Uint8Array | null {
  if (f === null || f === undefined) return null;
  return f instanceof Uint8Array ? f : f.toBytes();
}

/** The attributes and payload of one record, computed once. */
interface Entry {
  index: number;
  rec: BatchRecord;
  type: number;
  info1: number;
  info2: number;
  info3: number;
  gen: number;
  ttl: number;
  filter: Uint8Array | null;
  sendKey: boolean;
  udfArgs: Buffer | null;
  /** Transaction fields (with INFO4 in the type byte), or undefined outside a transaction. */
  txn: TxnFields | undefined;
  opsFrom: number;
  opsTo: number;
  repeat: boolean;
  size: number;
}

function writeAttrs(rec: BatchRecord, e: Entry, o: BatchEncodeOptions): void {
  if (rec.type === 'read') {
    const p = rec.policy;
    e.type = BATCH_MSG_READ;
    e.info1 = Info1.READ;
    if (rec.headerOnly === true) e.info1 |= Info1.NOBINDATA;
    else if (rec.ops !== undefined) {
      for (const op of rec.ops) {
        if (!READ_TYPES.has(op.op)) throw new InvalidArgumentError(`a batch read's operation type ${op.op} is not a read; use a batch write`);
        if (op.op === OpType.READ && op.bin === null && !isReadHeader(op)) e.info1 |= Info1.GET_ALL;
      }
    } else if (rec.bins === undefined || rec.bins === null) e.info1 |= Info1.GET_ALL;
    if ((p?.readModeAP ?? o.readModeAP) === 1) e.info1 |= Info1.READ_MODE_AP_ALL;
    if (o.readModeSC === 1) e.info3 |= Info3.SC_READ_TYPE;
    else if (o.readModeSC === 2) e.info3 |= Info3.SC_READ_RELAX;
    else if (o.readModeSC === 3) e.info3 |= Info3.SC_READ_TYPE | Info3.SC_READ_RELAX;
    e.ttl = p?.readTouchTtlPercent ?? 0;
    e.filter = filterBytes(p?.filterExpression);
    joinTxn(rec, e, o);
    return;
  }
  const p: BatchWritePolicy | undefined = rec.policy;
  e.type = BATCH_MSG_WRITE;
  joinTxn(rec, e, o);
  e.filter = filterBytes(p?.filterExpression);
  e.sendKey = p?.sendKey === true;
  if (p?.commitLevel === 1) e.info3 |= Info3.COMMIT_MASTER;
  if (p?.durableDelete === true) e.info2 |= Info2.DURABLE_DELETE;
  const gp = p?.generationPolicy ?? 0;
  if (gp === 1) e.info2 |= Info2.GENERATION;
  else if (gp === 2) e.info2 |= Info2.GENERATION_GT;
  e.gen = gp === 0 ? 0 : (p?.generation ?? 0);
  if (rec.type === 'delete') {
    e.info2 |= Info2.WRITE | Info2.RESPOND_ALL_OPS | Info2.DELETE;
    return;
  }
  e.ttl = p?.ttl ?? 0;
  if (rec.type === 'udf') {
    e.info2 |= Info2.WRITE;
    return;
  }
  e.info2 |= Info2.WRITE | Info2.RESPOND_ALL_OPS;
  switch (p?.exists ?? 0) {
    case 1:
      e.info3 |= Info3.UPDATE_ONLY;
      break;
    case 2:
      e.info3 |= Info3.CREATE_OR_REPLACE;
      break;
    case 3:
      e.info3 |= Info3.REPLACE_ONLY;
      break;
    case 4:
      e.info2 |= Info2.CREATE_ONLY;
      break;
    default:
      break;
  }
  for (const op of rec.ops) {
    if (READ_TYPES.has(op.op)) {
      e.info1 |= Info1.READ;
      if (op.op === OpType.READ && op.bin === null) e.info1 |= isReadHeader(op) ? Info1.NOBINDATA : Info1.GET_ALL;
    }
  }
  if ((e.info1 & Info1.GET_ALL) !== 0) e.info2 &= ~Info2.RESPOND_ALL_OPS;
}

/** In a transaction: INFO4 in the type byte and the transaction's fields for the record. */
function joinTxn(rec: BatchRecord, e: Entry, o: BatchEncodeOptions): void {
  if (o.txn == null) return;
  e.type |= BATCH_MSG_INFO4;
  e.txn = txnFieldsFor(o.txn, rec.key, rec.type !== 'read');
}

/** Fields and bytes the transaction fields of an entry take. */
function txnFieldsSize(t: TxnFields | undefined): [count: number, bytes: number] {
  if (t === undefined) return [0, 0];
  const id = t.id === null ? 0 : 1;
  const version = t.version === null ? 0 : 1;
  const deadline = t.deadline === 0 ? 0 : 1;
  return [id + version + deadline, (id + version + deadline) * FIELD_HEADER_SIZE + id * 8 + version * 7 + deadline * 4];
}

function sameAs(a: Entry, b: Entry): boolean {
  const x = a.rec;
  const y = b.rec;
  if (x.type !== y.type || x.key.namespace !== y.key.namespace || x.key.set !== y.key.set || a.sendKey || b.sendKey) return false;
  if (x.policy !== y.policy || a.txn?.version !== b.txn?.version) return false;
  if (x.type === 'read' && y.type === 'read') {
    return (x.headerOnly === true) === (y.headerOnly === true) && (x.bins ?? null) === (y.bins ?? null) && x.ops === y.ops;
  }
  if (x.type === 'write' && y.type === 'write') return x.ops === y.ops;
  if (x.type === 'delete') return true;
  if (x.type === 'udf' && y.type === 'udf') return x.module === y.module && x.fn === y.fn && x.args === y.args;
  return false;
}

/** True when read `y` can be sent as a repeat of read `x` (outside a transaction). */
function repeatsRead(x: BatchRecord, y: BatchRecord & { type: 'read' }): boolean {
  return (
    x.type === 'read' &&
    x.key.namespace === y.key.namespace &&
    x.key.set === y.key.set &&
    x.policy === y.policy &&
    (x.headerOnly === true) === (y.headerOnly === true) &&
    (x.bins ?? null) === (y.bins ?? null) &&
    x.ops === y.ops
  );
}

/**
 * Computes one entry's attributes and, unless it repeats `prev`, adds its operations to
 * the encoder's scratch. Returns the bytes it adds to the batch field.
 * @throws InvalidArgumentError on an invalid record (bin names, values, UDF names).
 */
function addEntry(e: Entry, prev: Entry | null, o: BatchEncodeOptions): number {
  const rec = e.rec;
  writeAttrs(rec, e, o);
  e.repeat = prev !== null && sameAs(prev, e);
  if (e.repeat) return 4 + 20 + 1;
  let range: [number, number] = [0, 0];
  if (rec.type === 'read') {
    if (rec.ops !== undefined) range = addOps(rec.ops);
    else if (rec.headerOnly !== true && rec.bins != null) range = addReadBins(rec.bins);
  } else if (rec.type === 'write') {
    if (!Array.isArray(rec.ops) || rec.ops.length === 0) throw new InvalidArgumentError('a write needs at least one operation');
    range = addOps(rec.ops);
  } else if (rec.type === 'udf') {
    checkName('UDF module name', rec.module, 127, false);
    checkName('UDF function name', rec.fn, 127, false);
    if (rec.args !== undefined && !Array.isArray(rec.args)) throw new InvalidArgumentError(`UDF arguments must be an array, got ${describeType(rec.args)}`);
    e.udfArgs = packValue(rec.args ?? [], 'UDF arguments');
  }
  [e.opsFrom, e.opsTo] = range;
  const k = rec.key;
  let size = 1 + 3 + ((e.type & BATCH_MSG_INFO4) !== 0 ? 1 : 0) + ((e.type & BATCH_MSG_GEN) !== 0 ? 2 : 0) + 4 + 2 + 2;
  size += FIELD_HEADER_SIZE + Buffer.byteLength(k.namespace, 'utf8') + FIELD_HEADER_SIZE + (k.set === null ? 0 : Buffer.byteLength(k.set, 'utf8'));
  size += txnFieldsSize(e.txn)[1];
  if (e.filter !== null) size += FIELD_HEADER_SIZE + e.filter.length;
  if (e.sendKey && k.userKey !== null) size += FIELD_HEADER_SIZE + 1 + userKeyByteLength(k.userKey);
  if (rec.type === 'udf') size += 3 * FIELD_HEADER_SIZE + Buffer.byteLength(rec.module, 'utf8') + Buffer.byteLength(rec.fn, 'utf8') + (e.udfArgs as Buffer).length;
  size += opsSize(e.opsFrom, e.opsTo);
  e.size = size;
  return 4 + 20 + size;
}

/**
 * Encodes one node's batch command for `entries` (indexes into `records`).
 * @throws InvalidArgumentError on an invalid record, its message starting `batch record <index>: `.
 */
export function encodeBatch(records: readonly BatchRecord[], indexes: readonly number[], o: BatchEncodeOptions): Buffer {
  beginOps();
  try {
    // one entry per record that is sent in full; null for a record that repeats the one before
    const entries: Array<Entry | null> = new Array<Entry | null>(indexes.length);
    let dataSize = 4 + 1;
    let prev: Entry | null = null;
    const inTxn = o.txn != null;
    for (let j = 0; j < indexes.length; j++) {
      const index = indexes[j] as number;
      const rec = records[index] as BatchRecord;
      if (prev !== null && !inTxn && rec.type === 'read' && repeatsRead(prev.rec, rec)) {
        // same namespace, set, policy, bins/ops as the last record sent in full: its
        // attributes (and checks) are that record's, only the digest is sent
        entries[j] = null;
        dataSize += 4 + 20 + 1;
        continue;
      }
      const e: Entry = { index, rec, type: 0, info1: 0, info2: 0, info3: 0, gen: 0, ttl: 0, filter: null, sendKey: false, udfArgs: null, txn: undefined, opsFrom: 0, opsTo: 0, repeat: false, size: 0 };
      try {
        dataSize += addEntry(e, prev, o);
      } catch (err) {
        if (err instanceof InvalidArgumentError) throw new InvalidArgumentError(`batch record ${index}: ${err.message}`, { cause: err });
        throw err;
      }
      if (!e.repeat) prev = e;
      entries[j] = e.repeat ? null : e;
    }
    const total = MSG_TOTAL_HEADER_SIZE + (o.filter !== null ? FIELD_HEADER_SIZE + o.filter.length : 0) + FIELD_HEADER_SIZE + dataSize;
    const buf = Buffer.allocUnsafe(total);
    const header = { info1: Info1.BATCH | (o.compress ? Info1.COMPRESS_RESPONSE : 0), info2: 0, info3: 0, info4: 0, generation: 0, ttl: 0, timeout: o.totalTimeout };
    writeMsgHeader(buf, header, o.filter !== null ? 2 : 1, 0);
    let off = MSG_TOTAL_HEADER_SIZE;
    if (o.filter !== null) off = writeBytesField(buf, off, FieldType.FILTER_EXP, o.filter);
    buf.writeUInt32BE(dataSize + 1, off);
    buf[off + 4] = FieldType.BATCH_INDEX;
    off += FIELD_HEADER_SIZE;
    buf.writeUInt32BE(entries.length, off);
    buf[off + 4] = 0x08 | (o.respondAllKeys ? 0x04 : 0) | (o.allowInlineSSD ? 0x02 : 0) | (o.allowInline ? 0x01 : 0);
    off += 5;
    for (let j = 0; j < entries.length; j++) {
      const index = indexes[j] as number;
      buf.writeUInt32BE(index, off);
      const digest = (records[index] as BatchRecord).key.digest;
      for (let b = 0; b < 20; b++) buf[off + 4 + b] = digest[b] as number;
      off += 24;
      const e = entries[j] as Entry | null;
      if (e === null) {
        buf[off++] = BATCH_REPEAT;
        continue;
      }
      const rec = e.rec;
      const k = rec.key;
      buf[off++] = e.type;
      buf[off++] = e.info1;
      buf[off++] = e.info2;
      buf[off++] = e.info3;
      if ((e.type & BATCH_MSG_INFO4) !== 0) buf[off++] = 0;
      if ((e.type & BATCH_MSG_GEN) !== 0) {
        buf.writeUInt16BE(e.gen & 0xffff, off);
        off += 2;
      }
      buf.writeUInt32BE(e.ttl >>> 0, off);
      off += 4;
      let nFields = 2 + txnFieldsSize(e.txn)[0];
      if (e.filter !== null) nFields++;
      if (e.sendKey && k.userKey !== null) nFields++;
      if (rec.type === 'udf') nFields += 3;
      buf.writeUInt16BE(nFields, off);
      buf.writeUInt16BE(e.opsTo - e.opsFrom, off + 2);
      off += 4;
      off = writeStringField(buf, off, FieldType.NAMESPACE, k.namespace);
      off = writeStringField(buf, off, FieldType.SET, k.set ?? '');
      off = writeTxnFields(buf, off, e.txn);
      if (e.filter !== null) off = writeBytesField(buf, off, FieldType.FILTER_EXP, e.filter);
      if (e.sendKey && k.userKey !== null) {
        const start = off;
        buf[off + 4] = FieldType.KEY;
        buf[off + 5] = userKeyParticleType(k.userKey);
        off = writeUserKeyValue(buf, off + 6, k.userKey);
        buf.writeUInt32BE(off - start - 4, start);
      }
      if (rec.type === 'udf') {
        off = writeStringField(buf, off, FieldType.UDF_PACKAGE_NAME, rec.module);
        off = writeStringField(buf, off, FieldType.UDF_FUNCTION, rec.fn);
        off = writeBytesField(buf, off, FieldType.UDF_ARGLIST, e.udfArgs as Buffer);
      }
      off = writeOps(buf, off, e.opsFrom, e.opsTo);
    }
    if (off !== total) throw new Error(`internal: batch encoded ${off} bytes, sized ${total}`);
    return o.compress ? compressRequest(buf) : buf;
  } finally {
    endOps();
  }
}

/** One record row of a batch reply. */
export interface BatchRow {
  readonly index: number;
  readonly resultCode: number;
  readonly generation: number;
  readonly ttl: number;
  readonly bins: DecodedBins | null;
  /** Every returned op in order (one per op when the server responds to all ops). */
  readonly ordered: Array<[string, DecodedValue]>;
  /** The record's version (RECORD_VERSION field, sent to commands of a transaction), or null. */
  readonly version: bigint | null;
}

/**
 * Parses one reply frame of a batch command, calling `onRow` per record. Returns the
 * result code of the LAST message when the frame ends the stream, else undefined.
 * @throws ParseError on malformed bytes.
 */
export function parseBatchFrame(frame: Buffer, options: DecodeOptions | undefined, onRow: (row: BatchRow) => void): number | undefined {
  return parseBatchReply(frame, options, {
    mode: () => BatchRowMode.ORDERED,
    row: (index, resultCode, generation, ttl, bins, ordered, version) => onRow({ index, resultCode, generation, ttl, bins, ordered: ordered ?? [], version })
  });
}

/** How much of a batch record's reply is kept (see {@link BatchReplySink.mode}). */
export const BatchRowMode = {
  /** Bins only, the last value of a repeated bin name winning (reads of bins). */
  BINS: 0,
  /** Bins, with the values of a repeated bin name gathered in an array (read operations). */
  GATHER: 1,
  /** As GATHER, and every returned op in order too (writes, deletes, UDF calls). */
  ORDERED: 2
} as const;

/** One of {@link BatchRowMode}. */
export type BatchRowMode = (typeof BatchRowMode)[keyof typeof BatchRowMode];

/** Receives the records of a batch reply, one call per record (no row objects). */
export interface BatchReplySink {
  /** What to keep of the reply for the record at `index` (asked before its ops are read). */
  mode(index: number): BatchRowMode;
  /** One record; `ordered` is null unless the mode is ORDERED; `version` is the record's RECORD_VERSION field, or null. */
  row(index: number, resultCode: number, generation: number, ttl: number, bins: DecodedBins | null, ordered: Array<[string, DecodedValue]> | null, version: bigint | null): void;
}

/**
 * Parses one reply frame of a batch command straight into `sink`. Returns the result
 * code of the LAST message when the frame ends the stream, else undefined.
 * @throws ParseError on malformed bytes.
 */
export function parseBatchReply(frame: Buffer, options: DecodeOptions | undefined, sink: BatchReplySink): number | undefined {
  const body = messageBody(frame);
  const end = body.length;
  let off = 0;
  const plain: ParseOptions | undefined = options;
  const gather = gathering(options);
  const h = newSingleReply();
  const nowMs = Date.now();
  while (off < end) {
    readReplyHeaderInto(body, off, h);
    let version: bigint | null = null;
    if (h.fieldCount === 0) off += MSG_HEADER_SIZE;
    else ({ version, end: off } = readTxnFields(body, off + MSG_HEADER_SIZE, h.fieldCount, end));
    if ((h.info3 & Info3.LAST) !== 0) {
      h.ordered = null;
      off = parseOps(body, off, h.opCount, end, gather, h);
      if (off !== end) throw new ParseError('batch reply has bytes after its LAST message');
      return h.resultCode;
    }
    const mode = sink.mode(h.batchIndex);
    h.ordered = mode === BatchRowMode.ORDERED ? [] : null;
    off = parseOps(body, off, h.opCount, end, mode === BatchRowMode.BINS ? plain : gather, h);
    sink.row(h.batchIndex, h.resultCode, h.generation, voidTimeToTtl(h.voidTime, nowMs), h.bins, h.ordered, version);
  }
  return undefined;
}
