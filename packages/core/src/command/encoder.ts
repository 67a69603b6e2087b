import { writeMsgHeader } from '../wire/msg-header.js';
import { InvalidArgumentError } from '../errors/client-errors.js';
import { type Key, userKeyByteLength, userKeyParticleType, writeUserKeyValue } from '../keys/key.js';
import { Double } from '../values/double.js';
import { GeoJSON } from '../values/geojson.js';
import { HLL } from '../values/hll.js';
import { isBN, isIntegralNumber, toInt64, writeIntegralNumber } from '../values/int64.js';
import { MsgPackWriter } from '../values/msgpack-writer.js';
import type { Bins } from '../values/value-types.js';
import { compressRequest } from '../wire/compression.js';
import {
  FIELD_HEADER_SIZE,
  FieldType,
  MSG_TOTAL_HEADER_SIZE,
  OPERATION_HEADER_SIZE,
  OpType,
  ParticleType
} from '../wire/constants.js';
import { checkBinName, describeType } from '../util/validate.js';
import type { HeaderSpec } from './header-bits.js';
import type { Operation } from './operation.js';
import { writeU32 } from '../wire/bytes.js';

/**
 * The one single-record command encoder. Every front end builds its requests here.
 *
 * Two passes: the first validates every bin name and value and computes the exact
 * size (packing list/map values once into a reused scratch writer), the second writes
 * into one buffer of exactly that size. The scratch arrays below are module state:
 * encoding is synchronous, so no two encodes interleave.
 */

// Per-op scratch, reused across commands.
let opType: number[] = [];
let binName: (string | null)[] = [];
let nameLen: number[] = [];
let opValue: unknown[] = [];
let ptype: number[] = [];
let vlen: number[] = [];
let mpStart: number[] = [];
let count = 0;
const mp = new MsgPackWriter(4096);

/** Extra fields of a single-record request. */
export interface SingleExtras {
  /** Send the user key (field 2). */
  readonly sendKey: boolean;
  /** Packed filter expression (field 43), or null. */
  readonly filter: Uint8Array | null;
  /** Compress the request when it is over 128 bytes. */
  readonly compress: boolean;
  /** UDF call: module, function and packed argument list. */
  readonly udf?: { readonly module: string; readonly fn: string; readonly args: Uint8Array } | undefined;
}

/** Single-record extras with transaction fields (written after the digest), for commands of a transaction and the commands that verify or roll one. */
export interface TxnExtras extends SingleExtras {
  readonly txn?: TxnFields | undefined;
}

/** The transaction fields of a request; each is left out when null (deadline: when 0). */
export interface TxnFields {
  /** Field 5 TXN_ID, 8 bytes little-endian. */
  readonly id: bigint | null;
  /** Field 3 RECORD_VERSION, 7 bytes little-endian (56 bits). */
  readonly version: bigint | null;
  /** Field 6 TXN_DEADLINE, 4 bytes little-endian; 0 leaves it out. */
  readonly deadline: number;
}

/** Bytes the transaction fields take. */
function txnFieldsSize(t: TxnFields | undefined): { size: number; count: number } {
  if (t === undefined) return { size: 0, count: 0 };
  let size = 0;
  let count = 0;
  if (t.id !== null) {
    size += FIELD_HEADER_SIZE + 8;
    count++;
  }
  if (t.version !== null) {
    size += FIELD_HEADER_SIZE + 7;
    count++;
  }
  if (t.deadline !== 0) {
    size += FIELD_HEADER_SIZE + 4;
    count++;
  }
  return { size, count };
}

/** Writes the transaction fields (TXN_ID, RECORD_VERSION, TXN_DEADLINE; little-endian as the server expects). */
export function writeTxnFields(buf: Buffer, off: number, t: TxnFields | undefined): number {
  if (t === undefined) return off;
  if (t.id !== null) {
    buf.writeUInt32BE(9, off);
    buf[off + 4] = FieldType.TXN_ID;
    buf.writeBigUInt64LE(BigInt.asUintN(64, t.id), off + 5);
    off += 13;
  }
  if (t.version !== null) {
    buf.writeUInt32BE(8, off);
    buf[off + 4] = FieldType.RECORD_VERSION;
    let v = BigInt.asUintN(56, t.version);
    for (let i = 0; i < 7; i++) {
      buf[off + 5 + i] = Number(v & 0xffn);
      v >>= 8n;
    }
    off += 12;
  }
  if (t.deadline !== 0) {
    buf.writeUInt32BE(5, off);
    buf[off + 4] = FieldType.TXN_DEADLINE;
    buf.writeUInt32LE(t.deadline >>> 0, off + 5);
    off += 9;
  }
  return off;
}

/** True between reset() and clearScratch(): the op scratch belongs to one encode. */
let encoding = false;

/**
 * Throws when an encode is in progress: a value getter (or toBytes()) called the client
 * while its own command was being encoded. The encoder's scratch, and the request
 * builders' shared header, belong to the outer command until it is written.
 */
export function assertNotEncoding(): void {
  if (encoding) {
    throw new InvalidArgumentError('a command was started while another was being encoded (a value getter or toBytes() called the client); build values before passing them in');
  }
}

function reset(): void {
  assertNotEncoding();
  encoding = true;
  count = 0;
  mp.reset();
  if (opType.length > 4096) {
    opType = [];
    binName = [];
    nameLen = [];
    opValue = [];
    ptype = [];
    vlen = [];
    mpStart = [];
  }
}

function pushOp(type: number, bin: string | null, value: unknown, packed: Uint8Array | undefined): void {
  const i = count++;
  opType[i] = type;
  binName[i] = bin;
  nameLen[i] = bin === null ? 0 : checkBinName(bin);
  opValue[i] = value;
  if (packed !== undefined) {
    if (!(packed instanceof Uint8Array)) throw new InvalidArgumentError(`operation on bin '${bin ?? ''}' has an invalid packed payload`);
    ptype[i] = ParticleType.BLOB;
    vlen[i] = packed.length;
    opValue[i] = packed;
    mpStart[i] = -1;
  } else if (type === OpType.WRITE || type === OpType.ADD || type === OpType.APPEND || type === OpType.PREPEND) {
    sizeValue(i, value, bin ?? '');
  } else {
    ptype[i] = ParticleType.NULL;
    vlen[i] = 0;
    mpStart[i] = -1;
  }
}

/** Sets ptype/vlen for a bin value; packs list/map values into the scratch writer. */
function sizeValue(i: number, v: unknown, bin: string): void {
  mpStart[i] = -1;
  switch (typeof v) {
    case 'string':
      if (!v.isWellFormed()) throw new InvalidArgumentError(`bin '${bin}': string is not valid UTF-8 (it has a lone surrogate)`);
      ptype[i] = ParticleType.STRING;
      vlen[i] = Buffer.byteLength(v, 'utf8');
      return;
    case 'number':
      ptype[i] = isIntegralNumber(v) ? ParticleType.INTEGER : ParticleType.DOUBLE;
      vlen[i] = 8;
      return;
    case 'bigint':
      toInt64(v, `bin '${bin}'`);
      ptype[i] = ParticleType.INTEGER;
      vlen[i] = 8;
      return;
    case 'boolean':
      ptype[i] = ParticleType.BOOL;
      vlen[i] = 1;
      return;
    case 'object':
      break;
    default:
      throw new InvalidArgumentError(`bin '${bin}': unsupported value type ${describeType(v)}; use null, boolean, number, bigint, string, bytes, list, map, GeoJSON or HLL`);
  }
  if (v === null) {
    ptype[i] = ParticleType.NULL;
    vlen[i] = 0;
  } else if (v instanceof Uint8Array) {
    ptype[i] = ParticleType.BLOB;
    vlen[i] = v.length;
  } else if (Array.isArray(v)) {
    ptype[i] = ParticleType.LIST;
    mpStart[i] = mp.length;
    mp.writeValue(v, `bin '${bin}'`);
    vlen[i] = mp.length - (mpStart[i] as number);
  } else if (Double.isDouble(v)) {
    ptype[i] = ParticleType.DOUBLE;
    vlen[i] = 8;
  } else if (GeoJSON.isGeoJSON(v)) {
    ptype[i] = ParticleType.GEOJSON;
    if (!v.value.isWellFormed()) throw new InvalidArgumentError(`bin '${bin}': GeoJSON text is not valid UTF-8`);
    vlen[i] = 3 + Buffer.byteLength(v.value, 'utf8');
  } else if (HLL.isHLL(v)) {
    ptype[i] = ParticleType.HLL;
    vlen[i] = v.bytes.length;
  } else if (isBN(v)) {
    ptype[i] = ParticleType.INTEGER;
    opValue[i] = toInt64(v, `bin '${bin}'`);
    vlen[i] = 8;
  } else if (v instanceof Map || isPlainObject(v)) {
    ptype[i] = ParticleType.MAP;
    mpStart[i] = mp.length;
    mp.writeValue(v, `bin '${bin}'`);
    vlen[i] = mp.length - (mpStart[i] as number);
  } else {
    throw new InvalidArgumentError(`bin '${bin}': unsupported value type ${describeType(v)}; use null, boolean, number, bigint, string, bytes, list, map, GeoJSON or HLL`);
  }
}

function isPlainObject(v: object): boolean {
  const p: unknown = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

function writeValue(buf: Buffer, off: number, i: number): number {
  const v = opValue[i];
  const n = vlen[i] as number;
  switch (ptype[i]) {
    case ParticleType.NULL:
      return off;
    case ParticleType.INTEGER:
      if (typeof v === 'bigint') buf.writeBigInt64BE(v, off);
      else writeIntegralNumber(buf, v as number, off, `bin '${binName[i] ?? ''}'`);
      return off + 8;
    case ParticleType.DOUBLE:
      buf.writeDoubleBE(typeof v === 'number' ? v : (v as Double).value, off);
      return off + 8;
    case ParticleType.STRING:
      return off + buf.write(v as string, off, n, 'utf8');
    case ParticleType.BOOL:
      buf[off] = v === true ? 1 : 0;
      return off + 1;
    case ParticleType.GEOJSON:
      buf[off] = 0;
      buf.writeUInt16BE(0, off + 1);
      return off + 3 + buf.write((v as GeoJSON).value, off + 3, n - 3, 'utf8');
    case ParticleType.HLL:
      return off + (v as HLL).bytes.copy(buf, off);
    case ParticleType.LIST:
    case ParticleType.MAP: {
      const s = mpStart[i] as number;
      return off + mp.view().copy(buf, off, s, s + n);
    }
    default: {
      // BLOB: Buffer/Uint8Array value or packed payload
      const b = v as Uint8Array;
      buf.set(b, off);
      return off + b.length;
    }
  }
}

/** Namespace and set fields already encoded, by namespace and set (null: no set). */
const prefixes = new Map<string, Map<string | null, Buffer>>();
let prefixCount = 0;

/**
 * The namespace field and the set field (if any) of a key, encoded once per (namespace,
 * set) and copied into each request: the request template of single-record commands.
 */
function keyPrefix(key: Key): Buffer {
  let bySet = prefixes.get(key.namespace);
  let b = bySet?.get(key.set);
  if (b !== undefined) return b;
  if (prefixCount >= 1000) {
    prefixes.clear(); // an application cycling through sets: keep the cache bounded
    prefixCount = 0;
    bySet = undefined;
  }
  const ns = Buffer.byteLength(key.namespace, 'utf8');
  const set = key.set === null ? 0 : FIELD_HEADER_SIZE + Buffer.byteLength(key.set, 'utf8');
  b = Buffer.allocUnsafeSlow(FIELD_HEADER_SIZE + ns + set);
  const off = writeStringField(b, 0, FieldType.NAMESPACE, key.namespace);
  if (key.set !== null) writeStringField(b, off, FieldType.SET, key.set);
  if (bySet === undefined) {
    bySet = new Map();
    prefixes.set(key.namespace, bySet);
  }
  bySet.set(key.set, b);
  prefixCount++;
  return b;
}

/** Number of fields of the request being encoded (set by {@link fieldsSize}). */
let fieldCount = 0;

/** Byte size of the request's fields; sets {@link fieldCount}. */
function fieldsSize(prefix: Buffer, key: Key, x: TxnExtras): number {
  let size = prefix.length + FIELD_HEADER_SIZE + 20;
  let n = key.set === null ? 2 : 3;
  if (x.sendKey && key.userKey !== null) {
    size += FIELD_HEADER_SIZE + 1 + userKeyByteLength(key.userKey);
    n++;
  }
  if (x.filter !== null) {
    size += FIELD_HEADER_SIZE + x.filter.length;
    n++;
  }
  if (x.udf !== undefined) {
    size += 3 * FIELD_HEADER_SIZE + Buffer.byteLength(x.udf.module, 'utf8') + Buffer.byteLength(x.udf.fn, 'utf8') + x.udf.args.length;
    n += 3;
  }
  const t = txnFieldsSize(x.txn);
  fieldCount = n + t.count;
  return size + t.size;
}

export function writeStringField(buf: Buffer, off: number, type: number, s: string): number {
  const len = buf.write(s, off + FIELD_HEADER_SIZE, 'utf8');
  writeU32(buf, off, len + 1);
  buf[off + 4] = type;
  return off + FIELD_HEADER_SIZE + len;
}

export function writeBytesField(buf: Buffer, off: number, type: number, b: Uint8Array): number {
  writeU32(buf, off, b.length + 1);
  buf[off + 4] = type;
  buf.set(b, off + FIELD_HEADER_SIZE);
  return off + FIELD_HEADER_SIZE + b.length;
}

/**
 * Op scratch shared by the single-record and batch encoders. `beginOps()` resets it;
 * `addOps`/`addReadBins` append ops (validated and sized) and return the index range they
 * occupy; `opsSize` and `writeOps` size and write a range; `endOps()` drops references.
 */
export function beginOps(): void {
  reset();
}

/** Appends operations; returns their [from, to) range in the scratch. */
export function addOps(ops: readonly Operation[]): [number, number] {
  const from = count;
  for (const o of ops) pushOp(o.op, o.bin, o.value, o.packed);
  return [from, count];
}

/** Appends one READ op per bin name; returns the range. */
export function addReadBins(names: readonly string[]): [number, number] {
  const from = count;
  for (const b of names) pushOp(OpType.READ, b, undefined, undefined);
  return [from, count];
}

/** Bytes the ops in [from, to) take on the wire. */
export function opsSize(from: number, to: number): number {
  let size = 0;
  for (let i = from; i < to; i++) size += OPERATION_HEADER_SIZE + (nameLen[i] as number) + (vlen[i] as number);
  return size;
}

/** Writes the ops in [from, to) at `off`; returns the offset after them. */
export function writeOps(buf: Buffer, off: number, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const start = off;
    buf[off + 4] = opType[i] as number;
    buf[off + 5] = ptype[i] as number;
    buf[off + 6] = 0;
    buf[off + 7] = nameLen[i] as number;
    off += OPERATION_HEADER_SIZE;
    const name = binName[i];
    if (name !== null && name !== undefined) off += buf.write(name, off, 'utf8');
    off = writeValue(buf, off, i);
    writeU32(buf, start, off - start - 4);
  }
  return off;
}

/** Drops the values held by the scratch. */
export function endOps(): void {
  clearScratch();
}

/** Writes the collected ops into a whole request frame. */
function finish(key: Key, h: HeaderSpec, x: TxnExtras): Buffer {
  const prefix = keyPrefix(key);
  const size = MSG_TOTAL_HEADER_SIZE + fieldsSize(prefix, key, x) + opsSize(0, count);
  if (count > 0xffff) throw new InvalidArgumentError(`too many operations (${count}); the limit is 65535`);

  const buf = Buffer.allocUnsafe(size);
  writeMsgHeader(buf, h, fieldCount, count);

  let off = MSG_TOTAL_HEADER_SIZE;
  buf.set(prefix, off);
  off += prefix.length;
  off = writeBytesField(buf, off, FieldType.DIGEST, key.digest);
  off = writeTxnFields(buf, off, x.txn);
  if (x.sendKey && key.userKey !== null) {
    const k = key.userKey;
    const start = off;
    buf[off + 4] = FieldType.KEY;
    buf[off + 5] = userKeyParticleType(k);
    off = writeUserKeyValue(buf, off + 6, k);
    writeU32(buf, start, off - start - 4);
  }
  if (x.filter !== null) off = writeBytesField(buf, off, FieldType.FILTER_EXP, x.filter);
  if (x.udf !== undefined) {
    off = writeStringField(buf, off, FieldType.UDF_PACKAGE_NAME, x.udf.module);
    off = writeStringField(buf, off, FieldType.UDF_FUNCTION, x.udf.fn);
    off = writeBytesField(buf, off, FieldType.UDF_ARGLIST, x.udf.args);
  }
  off = writeOps(buf, off, 0, count);
  if (off !== size) throw new Error(`internal: encoded ${off} bytes, sized ${size}`);
  return x.compress ? compressRequest(buf) : buf;
}

/** Encodes a put: one WRITE op per bin. */
export function encodeWrite(key: Key, h: HeaderSpec, x: TxnExtras, bins: Bins): Buffer {
  if (typeof bins !== 'object' || bins === null || Array.isArray(bins)) {
    throw new InvalidArgumentError(`bins must be an object of bin name → value, got ${describeType(bins)}`);
  }
  reset();
  try {
    for (const name in bins) {
      if (!Object.prototype.hasOwnProperty.call(bins, name)) continue;
      const v = bins[name];
      if (v === undefined) throw new InvalidArgumentError(`bin '${name}' is undefined; use null to remove a bin`);
      pushOp(OpType.WRITE, name, v, undefined);
    }
    if (count === 0) throw new InvalidArgumentError('a put needs at least one bin');
    return finish(key, h, x);
  } finally {
    clearScratch();
  }
}

/** Encodes a read of all bins (`binNames` null), some bins, or none (header only: pass []). */
export function encodeRead(key: Key, h: HeaderSpec, x: TxnExtras, binNames: readonly string[] | null): Buffer {
  reset();
  try {
    if (binNames !== null) {
      if (!Array.isArray(binNames)) throw new InvalidArgumentError(`bin names must be an array of strings, got ${describeType(binNames)}`);
      for (const b of binNames) pushOp(OpType.READ, b, undefined, undefined);
    }
    return finish(key, h, x);
  } finally {
    clearScratch();
  }
}

/** Encodes an operate (also delete and touch, which are operates with fixed ops). */
export function encodeOperate(key: Key, h: HeaderSpec, x: TxnExtras, ops: readonly Operation[]): Buffer {
  reset();
  try {
    for (const o of ops) pushOp(o.op, o.bin, o.value, o.packed);
    return finish(key, h, x);
  } finally {
    clearScratch();
  }
}

function clearScratch(): void {
  for (let i = 0; i < count; i++) opValue[i] = undefined;
  count = 0;
  encoding = false;
}
