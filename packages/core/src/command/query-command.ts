import { writeMsgHeader } from '../wire/msg-header.js';
import { ParseError } from '../errors/client-errors.js';
import { isNormalUserKey, Key, trustedKey } from '../keys/key.js';
import { bufferView, decodeParticle } from '../values/particle.js';
import { packValue } from '../values/msgpack-writer.js';
import type { DecodeOptions, DecodedBins, Value } from '../values/value-types.js';
import { CITRUS_EPOCH_SECONDS, FIELD_HEADER_SIZE, FieldType, Info1, Info2, Info3, MSG_HEADER_SIZE, MSG_TOTAL_HEADER_SIZE } from '../wire/constants.js';
import { addOps, addReadBins, beginOps, endOps, opsSize, writeBytesField, writeOps, writeStringField } from './encoder.js';
import type { HeaderSpec } from './header-bits.js';
import type { IndexFilter } from './index-filter.js';
import type { Operation } from './operation.js';
import type { PartitionStatus } from './partition-filter.js';
import { internUtf8, messageBody, newSingleReply, parseOps, readReplyHeaderInto } from './record-parser.js';
import { readU32 } from '../wire/bytes.js';

/** What one node command of a scan or query asks for. */
export interface QueryRequestSpec {
  readonly namespace: string;
  readonly set: string | null;
  /** Bins to return (null = all). */
  readonly bins: readonly string[] | null;
  readonly includeBinData: boolean;
  readonly filter: IndexFilter | null;
  readonly filterExpression: Uint8Array | null;
  readonly recordsPerSecond: number;
  readonly socketTimeout: number;
  readonly header: HeaderSpec;
  /** Background query: write ops to apply to every record. */
  readonly backgroundOps?: readonly Operation[] | undefined;
  /** Background query: record UDF to apply to every record. */
  readonly backgroundUdf?: { readonly module: string; readonly fn: string; readonly args: readonly Value[] } | undefined;
}

/**
 * Encodes one node's scan/query command: full partitions go in PID_ARRAY, resumed ones
 * in DIGEST_ARRAY (and BVAL_ARRAY for index queries).
 */
export function encodeQuery(spec: QueryRequestSpec, taskId: bigint, partitions: readonly PartitionStatus[], maxRecords: number): Buffer {
  const full = partitions.filter((p) => p.digest === null);
  const partial = partitions.filter((p) => p.digest !== null);
  beginOps();
  try {
    let range: [number, number] = [0, 0];
    if (spec.backgroundOps !== undefined) range = addOps(spec.backgroundOps);
    else if (spec.bins !== null && spec.includeBinData) range = addReadBins(spec.bins);
    const udfArgs = spec.backgroundUdf !== undefined ? packValue(spec.backgroundUdf.args, 'UDF arguments') : null;
    let nFields = 3;
    let size = MSG_TOTAL_HEADER_SIZE + FIELD_HEADER_SIZE + Buffer.byteLength(spec.namespace, 'utf8') + FIELD_HEADER_SIZE + 4 + FIELD_HEADER_SIZE + 8;
    if (spec.set !== null) {
      nFields++;
      size += FIELD_HEADER_SIZE + Buffer.byteLength(spec.set, 'utf8');
    }
    if (spec.recordsPerSecond > 0) {
      nFields++;
      size += FIELD_HEADER_SIZE + 4;
    }
    const f = spec.filter;
    if (f !== null) {
      if (f.collection !== 0) {
        nFields++;
        size += FIELD_HEADER_SIZE + 1;
      }
      nFields++;
      size += FIELD_HEADER_SIZE + f.rangeSize();
      if (f.context !== null) {
        nFields++;
        size += FIELD_HEADER_SIZE + f.context.length;
      }
    }
    if (spec.backgroundUdf !== undefined) {
      nFields += 4;
      size += FIELD_HEADER_SIZE + 1 + FIELD_HEADER_SIZE + Buffer.byteLength(spec.backgroundUdf.module, 'utf8') + FIELD_HEADER_SIZE + Buffer.byteLength(spec.backgroundUdf.fn, 'utf8') + FIELD_HEADER_SIZE + (udfArgs as Buffer).length;
    }
    if (spec.filterExpression !== null) {
      nFields++;
      size += FIELD_HEADER_SIZE + spec.filterExpression.length;
    }
    if (full.length > 0) {
      nFields++;
      size += FIELD_HEADER_SIZE + full.length * 2;
    }
    if (partial.length > 0) {
      nFields++;
      size += FIELD_HEADER_SIZE + partial.length * 20;
      if (f !== null) {
        nFields++;
        size += FIELD_HEADER_SIZE + partial.length * 8;
      }
    }
    if (maxRecords > 0) {
      nFields++;
      size += FIELD_HEADER_SIZE + 8;
    }
    size += opsSize(range[0], range[1]);

    const buf = Buffer.allocUnsafe(size);
    writeMsgHeader(buf, spec.header, nFields, range[1] - range[0]);
    let off = MSG_TOTAL_HEADER_SIZE;
    off = writeStringField(buf, off, FieldType.NAMESPACE, spec.namespace);
    if (spec.set !== null) off = writeStringField(buf, off, FieldType.SET, spec.set);
    buf.writeUInt32BE(5, off);
    buf[off + 4] = FieldType.SOCKET_TIMEOUT;
    buf.writeUInt32BE(spec.socketTimeout >>> 0, off + 5);
    off += 9;
    buf.writeUInt32BE(9, off);
    buf[off + 4] = FieldType.QUERY_ID;
    buf.writeBigUInt64BE(taskId, off + 5);
    off += 13;
    if (spec.recordsPerSecond > 0) {
      buf.writeUInt32BE(5, off);
      buf[off + 4] = FieldType.RECORDS_PER_SECOND;
      buf.writeUInt32BE(spec.recordsPerSecond >>> 0, off + 5);
      off += 9;
    }
    if (f !== null) {
      if (f.collection !== 0) {
        buf.writeUInt32BE(2, off);
        buf[off + 4] = FieldType.INDEX_TYPE;
        buf[off + 5] = f.collection;
        off += 6;
      }
      const start = off;
      buf[off + 4] = FieldType.INDEX_RANGE;
      off = f.writeRange(buf, off + FIELD_HEADER_SIZE);
      buf.writeUInt32BE(off - start - 4, start);
      if (f.context !== null) off = writeBytesField(buf, off, FieldType.INDEX_CONTEXT, f.context);
    }
    if (spec.backgroundUdf !== undefined) {
      buf.writeUInt32BE(2, off);
      buf[off + 4] = FieldType.UDF_OP;
      buf[off + 5] = 2;
      off += 6;
      off = writeStringField(buf, off, FieldType.UDF_PACKAGE_NAME, spec.backgroundUdf.module);
      off = writeStringField(buf, off, FieldType.UDF_FUNCTION, spec.backgroundUdf.fn);
      off = writeBytesField(buf, off, FieldType.UDF_ARGLIST, udfArgs as Buffer);
    }
    if (spec.filterExpression !== null) off = writeBytesField(buf, off, FieldType.FILTER_EXP, spec.filterExpression);
    if (full.length > 0) {
      buf.writeUInt32BE(full.length * 2 + 1, off);
      buf[off + 4] = FieldType.PID_ARRAY;
      off += FIELD_HEADER_SIZE;
      for (const p of full) {
        buf.writeUInt16LE(p.id, off);
        off += 2;
      }
    }
    if (partial.length > 0) {
      buf.writeUInt32BE(partial.length * 20 + 1, off);
      buf[off + 4] = FieldType.DIGEST_ARRAY;
      off += FIELD_HEADER_SIZE;
      for (const p of partial) off += (p.digest as Buffer).copy(buf, off);
      if (f !== null) {
        buf.writeUInt32BE(partial.length * 8 + 1, off);
        buf[off + 4] = FieldType.BVAL_ARRAY;
        off += FIELD_HEADER_SIZE;
        for (const p of partial) {
          buf.writeBigUInt64LE(BigInt.asUintN(64, p.bval ?? 0n), off);
          off += 8;
        }
      }
    }
    if (maxRecords > 0) {
      buf.writeUInt32BE(9, off);
      buf[off + 4] = FieldType.MAX_RECORDS;
      buf.writeBigUInt64BE(BigInt(maxRecords), off + 5);
      off += 13;
    }
    off = writeOps(buf, off, range[0], range[1]);
    if (off !== size) throw new Error(`internal: query encoded ${off} bytes, sized ${size}`);
    return buf;
  } finally {
    endOps();
  }
}

/** A record from a scan or query. */
export interface QueryRecord {
  readonly key: Key;
  readonly bins: DecodedBins;
  readonly generation: number;
  readonly ttl: number;
}

/** Receives what a scan/query reply frame carries. */
export interface QuerySink {
  /** A record, with the resume point of its partition. */
  record(pid: number, digest: Buffer, bval: bigint | null, rec: QueryRecord): void;
  /** A partition-done marker; code ≠ 0 means the partition was unavailable on this node. */
  partitionDone(pid: number, code: number): void;
}

/**
 * Parses one reply frame of a scan/query command. Returns the result code of the LAST
 * message when the frame ends the stream, else undefined.
 * @throws ParseError on malformed bytes.
 */
export function parseQueryFrame(frame: Buffer, namespace: string, options: DecodeOptions | undefined, sink: QuerySink, now = Date.now()): number | undefined {
  const body = messageBody(frame);
  return parseQueryMessages(body, 0, body.length, namespace, options, sink, now);
}

/**
 * Parses the whole messages `body[start, bodyEnd)` of a scan/query reply (part of a frame,
 * as a connection's message sink receives them). Returns the result code of the LAST message
 * when it is among them (it must be the last), else undefined.
 * @throws ParseError on malformed bytes.
 */
export function parseQueryMessages(body: Buffer, start: number, bodyEnd: number, namespace: string, options: DecodeOptions | undefined, sink: QuerySink, now = Date.now()): number | undefined {
  let off = start;
  const out: { bins: DecodedBins | null; ordered: null } = { bins: null, ordered: null };
  const h = newSingleReply();
  const nowSec = Math.floor(now / 1000) - CITRUS_EPOCH_SECONDS;
  // namespace and set of the last key built through the validating constructor
  let checkedNs: string | null = null;
  let checkedSet: string | null = null;
  // where the previous record's namespace and set names lie in the body: the next
  // record's are compared with them byte for byte before any decoding
  let nsAt = -1;
  let nsLen = -1;
  let nsName = namespace;
  let setAt = -1;
  let setLen = -1;
  let setName: string | null = null;
  while (off < bodyEnd) {
    readReplyHeaderInto(body, off, h, bodyEnd);
    off += MSG_HEADER_SIZE;
    if ((h.info3 & Info3.LAST) !== 0) {
      if (h.fieldCount !== 0 || h.opCount !== 0 || off !== bodyEnd) throw new ParseError('scan/query reply has bytes after its LAST message');
      return h.resultCode;
    }
    if (h.resultCode !== 0 && (h.info3 & Info3.PARTITION_DONE) === 0 && h.resultCode !== 2 && h.resultCode !== 27) {
      // A failed command ends with an error message that need not carry LAST
      // (e.g. 201 INDEX_NOTFOUND arrives alone with info3 = 0).
      return h.resultCode;
    }
    if ((h.info3 & Info3.PARTITION_DONE) !== 0) {
      off = skip(body, off, h.fieldCount + h.opCount, bodyEnd);
      sink.partitionDone(h.generation, h.resultCode);
      continue;
    }
    let ns = namespace;
    let set: string | null = null;
    let digestAt = -1;
    let userKey: string | number | bigint | Buffer | null = null;
    let bval: bigint | null = null;
    for (let i = 0; i < h.fieldCount; i++) {
      if (bodyEnd - off < 5) throw new ParseError('scan/query reply truncated inside a field header');
      const size = readU32(body, off);
      if (size < 1 || size > bodyEnd - off - 4) throw new ParseError(`scan/query reply field claims ${size} bytes, beyond the message`);
      const type = body[off + 4];
      const start = off + 5;
      const end = off + 4 + size;
      switch (type) {
        case FieldType.NAMESPACE:
          if (!sameBytes(body, nsAt, nsLen, start, end)) {
            nsName = internUtf8(body, start, end);
            nsAt = start;
            nsLen = end - start;
          }
          ns = nsName;
          break;
        case FieldType.SET:
          if (!sameBytes(body, setAt, setLen, start, end)) {
            setName = end > start ? internUtf8(body, start, end) : null;
            setAt = start;
            setLen = end - start;
          }
          set = setName;
          break;
        case FieldType.DIGEST:
          if (end - start !== 20) throw new ParseError(`scan/query record digest of ${end - start} bytes`);
          digestAt = start;
          break;
        case FieldType.KEY:
          if (end > start) userKey = decodeParticle(body[start] as number, body, start + 1, end) as string | number | bigint | Buffer;
          break;
        case FieldType.BVAL_ARRAY:
          if (end - start === 8) bval = body.readBigInt64LE(start);
          break;
        default:
          break;
      }
      off = end;
    }
    off = parseOps(body, off, h.opCount, bodyEnd, options, out);
    if (h.resultCode !== 0) continue; // not found / filtered out: no record
    if (digestAt < 0) throw new ParseError('scan/query record without a digest');
    // The key's digest is a view of the frame, as blob values are (no copy).
    const digest = bufferView(body, digestAt, digestAt + 20);
    let key: Key;
    if (ns === checkedNs && set === checkedSet && isNormalUserKey(userKey)) {
      // names already checked; a user key decoded from the wire is usually in normal form
      key = trustedKey(ns, set, digest, userKey);
    } else {
      try {
        key = new Key(ns, set, typeof userKey === 'string' || typeof userKey === 'number' || typeof userKey === 'bigint' || Buffer.isBuffer(userKey) ? userKey : null, digest);
      } catch (err) {
        // a namespace or set name too long, or a fractional user key: the reply is corrupt
        throw new ParseError(`scan/query record has an invalid key: ${(err as Error).message}`, { cause: err });
      }
      checkedNs = ns;
      checkedSet = set;
    }
    const voidTime = h.voidTime;
    const ttl = voidTime === 0 ? -1 : voidTime - nowSec > 0 ? voidTime - nowSec : 1;
    sink.record(((body[digestAt] as number) | ((body[digestAt + 1] as number) << 8)) & 0xfff, digest, bval, { key, bins: out.bins ?? {}, generation: h.generation, ttl });
  }
  return undefined;
}

/** True when `body[start, end)` holds the same bytes as the `len` bytes at `at` (at ≥ 0). */
function sameBytes(body: Buffer, at: number, len: number, start: number, end: number): boolean {
  if (at < 0 || len !== end - start) return false;
  for (let i = 0; i < len; i++) if (body[at + i] !== body[start + i]) return false;
  return true;
}

function skip(body: Buffer, off: number, n: number, end: number): number {
  for (let i = 0; i < n; i++) {
    if (end - off < 4) throw new ParseError('scan/query reply truncated');
    const size = readU32(body, off);
    if (size > end - off - 4) throw new ParseError('scan/query reply item beyond the message');
    off += 4 + size;
  }
  return off;
}

/** Header bits of a foreground scan/query. */
export function queryHeader(includeBinData: boolean, readModeAP: number, readModeSC: number, totalTimeout: number, shortQuery: boolean): HeaderSpec {
  let info3 = Info3.PARTITION_DONE;
  if (readModeSC === 1) info3 |= Info3.SC_READ_TYPE;
  else if (readModeSC === 2) info3 |= Info3.SC_READ_RELAX;
  else if (readModeSC === 3) info3 |= Info3.SC_READ_TYPE | Info3.SC_READ_RELAX;
  return {
    info1: Info1.READ | (includeBinData ? 0 : Info1.NOBINDATA) | (readModeAP === 1 ? Info1.READ_MODE_AP_ALL : 0) | (shortQuery ? Info1.SHORT_QUERY : 0),
    info2: 0,
    info3,
    info4: 0,
    generation: 0,
    ttl: -1,
    timeout: totalTimeout
  };
}

/** Header bits of a background (write) query. */
export function backgroundHeader(info2Extra: number, info3Extra: number, ttl: number, totalTimeout: number): HeaderSpec {
  return { info1: 0, info2: Info2.WRITE | info2Extra, info3: info3Extra, info4: 0, generation: 0, ttl, timeout: totalTimeout };
}
