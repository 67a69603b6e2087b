import { CdtCode, fail } from './cdt-error.js';
import { MpType, CMP_EXT_TYPE, bytesType } from '../msgpack/mp-type.js';

/**
 * Byte-level msgpack helpers for the CDT engine: type classification, skipping, the
 * server's value ordering, and minimal encoders. Values stay as msgpack bytes (the
 * server copies element bytes around the same way), so results keep exact encodings.
 */

export { MpType, BYTES_STRING, BYTES_BLOB, BYTES_GEOJSON } from '../msgpack/mp-type.js';

/** msgpack nil. */
export const NIL = Buffer.from([0xc0]);
/** msgpack true. */
export const TRUE = Buffer.from([0xc3]);
/** msgpack false. */
export const FALSE = Buffer.from([0xc2]);

function need(buf: Buffer, pos: number, n: number): void {
  if (pos + n > buf.length) fail(CdtCode.PARAMETER);
}

function bytesClass(buf: Buffer, dataPos: number, len: number): MpType {
  return bytesType(buf[dataPos], len);
}

/** Whether the byte at `pos` starts an ext item (fixext or ext 8/16/32). */
export function isExtAt(buf: Buffer, pos: number): boolean {
  const b = buf[pos];
  return b !== undefined && ((b >= 0xd4 && b <= 0xd8) || (b >= 0xc7 && b <= 0xc9));
}

/** Class of the item at `pos` (the server's peek: ext 0xff with data 0/1 are wildcard/infinity). */
export function peekType(buf: Buffer, pos: number): MpType {
  need(buf, pos, 1);
  const b = buf[pos] as number;
  if (b <= 0x7f) return MpType.INT;
  if (b >= 0xe0) return MpType.NEGINT;
  if (b <= 0x8f) return MpType.MAP;
  if (b <= 0x9f) return MpType.LIST;
  if (b <= 0xbf) return (b & 0x1f) === 0 ? MpType.BYTES : (need(buf, pos, 2), bytesClass(buf, pos + 1, b & 0x1f));
  switch (b) {
    case 0xc0:
      return MpType.NIL;
    case 0xc2:
      return MpType.FALSE;
    case 0xc3:
      return MpType.TRUE;
    case 0xcc:
    case 0xcd:
    case 0xce:
    case 0xcf:
      return MpType.INT;
    case 0xd0:
    case 0xd1:
    case 0xd2:
    case 0xd3:
      need(buf, pos, 2);
      return ((buf[pos + 1] as number) & 0x80) === 0 ? MpType.INT : MpType.NEGINT;
    case 0xca:
    case 0xcb:
      return MpType.DOUBLE;
    case 0xc4:
    case 0xd9: {
      need(buf, pos, 2);
      const len = buf[pos + 1] as number;
      if (len > 0) need(buf, pos, 3);
      return bytesClass(buf, pos + 2, len);
    }
    case 0xc5:
    case 0xda: {
      need(buf, pos, 3);
      const len = buf.readUInt16BE(pos + 1);
      if (len > 0) need(buf, pos, 4);
      return bytesClass(buf, pos + 3, len);
    }
    case 0xc6:
    case 0xdb: {
      need(buf, pos, 5);
      const len = buf.readUInt32BE(pos + 1);
      if (len > 0) need(buf, pos, 6);
      return bytesClass(buf, pos + 5, len);
    }
    case 0xdc:
    case 0xdd:
      return MpType.LIST;
    case 0xde:
    case 0xdf:
      return MpType.MAP;
    case 0xd4:
      need(buf, pos, 3);
      if (buf[pos + 1] === CMP_EXT_TYPE) {
        if (buf[pos + 2] === 0) return MpType.WILDCARD;
        if (buf[pos + 2] === 1) return MpType.INF;
      }
      return MpType.ERROR;
    case 0xd5:
    case 0xd6:
    case 0xd7:
    case 0xd8:
    case 0xc8:
    case 0xc9:
      return MpType.EXT;
    case 0xc7:
      need(buf, pos, 3);
      if (buf[pos + 1] === 1 && buf[pos + 2] === CMP_EXT_TYPE) {
        need(buf, pos, 4);
        if (buf[pos + 3] === 0) return MpType.WILDCARD;
        if (buf[pos + 3] === 1) return MpType.INF;
      }
      return MpType.EXT;
    default:
      return MpType.ERROR;
  }
}

/** Tracks whether skipped items held wildcard/infinity (values that may not be stored). */
export interface SkipState {
  nonStorage: boolean;
}

/**
 * End offset of the item at `pos` (containers included).
 * @throws CdtError PARAMETER when the bytes are not valid msgpack.
 */
export function skip(buf: Buffer, pos: number, state?: SkipState): number {
  let p = pos;
  let pending = 1;
  while (pending > 0) {
    pending--;
    need(buf, p, 1);
    const b = buf[p++] as number;
    if (b <= 0x7f || b >= 0xe0) continue;
    if (b <= 0x8f) {
      pending += (b & 0x0f) * 2;
      continue;
    }
    if (b <= 0x9f) {
      pending += b & 0x0f;
      continue;
    }
    if (b <= 0xbf) {
      p += b & 0x1f;
      need(buf, p, 0);
      continue;
    }
    switch (b) {
      case 0xc0:
      case 0xc2:
      case 0xc3:
        break;
      case 0xcc:
      case 0xd0:
        p += 1;
        break;
      case 0xcd:
      case 0xd1:
        p += 2;
        break;
      case 0xce:
      case 0xd2:
      case 0xca:
        p += 4;
        break;
      case 0xcf:
      case 0xd3:
      case 0xcb:
        p += 8;
        break;
      case 0xc4:
      case 0xd9:
        need(buf, p, 1);
        p += 1 + (buf[p] as number);
        break;
      case 0xc5:
      case 0xda:
        need(buf, p, 2);
        p += 2 + buf.readUInt16BE(p);
        break;
      case 0xc6:
      case 0xdb:
        need(buf, p, 4);
        p += 4 + buf.readUInt32BE(p);
        break;
      case 0xdc:
        need(buf, p, 2);
        pending += buf.readUInt16BE(p);
        p += 2;
        break;
      case 0xdd:
        need(buf, p, 4);
        pending += buf.readUInt32BE(p);
        p += 4;
        break;
      case 0xde:
        need(buf, p, 2);
        pending += 2 * buf.readUInt16BE(p);
        p += 2;
        break;
      case 0xdf:
        need(buf, p, 4);
        pending += 2 * buf.readUInt32BE(p);
        p += 4;
        break;
      case 0xd4:
      case 0xd5:
        need(buf, p, 1);
        if (buf[p] === CMP_EXT_TYPE && state !== undefined) state.nonStorage = true;
        p += b === 0xd4 ? 2 : 3;
        break;
      case 0xd6:
        p += 5;
        break;
      case 0xd7:
        p += 9;
        break;
      case 0xd8:
        p += 17;
        break;
      case 0xc7:
      case 0xc8:
      case 0xc9: {
        const lenSize = b === 0xc7 ? 1 : b === 0xc8 ? 2 : 4;
        need(buf, p, lenSize + 1);
        const len = buf.readUIntBE(p, lenSize);
        if (buf[p + lenSize] === CMP_EXT_TYPE && len > 0 && len < 4 && state !== undefined) state.nonStorage = true;
        p += lenSize + 1 + len;
        break;
      }
      default:
        fail(CdtCode.PARAMETER);
    }
    need(buf, p, 0);
  }
  return p;
}

/** Header of an ext item: its type byte, payload and total size. */
export interface ExtInfo {
  readonly type: number;
  readonly dataStart: number;
  readonly size: number;
  readonly end: number;
}

/** Where a list's or map's elements start once its order marker, if any, is read. */
export interface MarkerRead {
  /** The marker's ext type masked by the caller's flags (0 without a marker). */
  readonly flags: number;
  /** Position of the first element after the marker. */
  readonly next: number;
  /** Elements left after the marker. */
  readonly count: number;
}

/**
 * Reads the order marker a list or map may start with: an ext element (in a map, an ext
 * key and its value). `isMarker` says whether the element at a position counts as one.
 * @throws CdtError PARAMETER when the marker is not a whole ext item.
 */
export function readOrderMarker(buf: Buffer, start: number, count: number, inMap: boolean, mask: number, isMarker: (buf: Buffer, pos: number) => boolean): MarkerRead {
  if (count === 0 || !isMarker(buf, start)) return { flags: 0, next: start, count };
  const e = readExt(buf, start);
  if (e === undefined) return fail(CdtCode.PARAMETER);
  return { flags: e.type & mask, next: inMap ? skip(buf, e.end) : e.end, count: count - 1 };
}

/** Reads the ext item at `pos`; undefined when it is not an ext item. */
export function readExt(buf: Buffer, pos: number): ExtInfo | undefined {
  const b = buf[pos];
  if (b === undefined) return undefined;
  let size: number;
  let hdr: number;
  if (b >= 0xd4 && b <= 0xd8) {
    size = 1 << (b - 0xd4);
    hdr = 1;
  } else if (b === 0xc7 || b === 0xc8 || b === 0xc9) {
    const lenSize = b === 0xc7 ? 1 : b === 0xc8 ? 2 : 4;
    need(buf, pos, 1 + lenSize);
    size = buf.readUIntBE(pos + 1, lenSize);
    hdr = 1 + lenSize;
  } else {
    return undefined;
  }
  need(buf, pos, hdr + 1 + size);
  return { type: buf[pos + hdr] as number, dataStart: pos + hdr + 1, size, end: pos + hdr + 1 + size };
}

/** Count and header size of the array at `pos`; undefined when the item is not an array. */
export function readArrayHeader(buf: Buffer, pos: number): { count: number; next: number } | undefined {
  const b = buf[pos];
  if (b === undefined) return undefined;
  if ((b & 0xf0) === 0x90) return { count: b & 0x0f, next: pos + 1 };
  if (b === 0xdc) {
    need(buf, pos, 3);
    return { count: buf.readUInt16BE(pos + 1), next: pos + 3 };
  }
  if (b === 0xdd) {
    need(buf, pos, 5);
    return { count: buf.readUInt32BE(pos + 1), next: pos + 5 };
  }
  return undefined;
}

/** Pair count and header size of the map at `pos`; undefined when the item is not a map. */
export function readMapHeader(buf: Buffer, pos: number): { count: number; next: number } | undefined {
  const b = buf[pos];
  if (b === undefined) return undefined;
  if ((b & 0xf0) === 0x80) return { count: b & 0x0f, next: pos + 1 };
  if (b === 0xde) {
    need(buf, pos, 3);
    return { count: buf.readUInt16BE(pos + 1), next: pos + 3 };
  }
  if (b === 0xdf) {
    need(buf, pos, 5);
    return { count: buf.readUInt32BE(pos + 1), next: pos + 5 };
  }
  return undefined;
}

/**
 * The integer at `pos` as its 64-bit pattern (negative values in two's complement), as
 * the server's `msgpack_get_uint64` reads it; undefined when the item is not an integer.
 */
export function readIntBits(buf: Buffer, pos: number): { bits: bigint; next: number } | undefined {
  const b = buf[pos];
  if (b === undefined) return undefined;
  if (b <= 0x7f) return { bits: BigInt(b), next: pos + 1 };
  if (b >= 0xe0) return { bits: BigInt.asUintN(64, BigInt(b - 0x100)), next: pos + 1 };
  switch (b) {
    case 0xcc:
    case 0xcd:
    case 0xce:
    case 0xcf: {
      const n = 1 << (b - 0xcc);
      need(buf, pos, 1 + n);
      return { bits: n === 8 ? buf.readBigUInt64BE(pos + 1) : BigInt(buf.readUIntBE(pos + 1, n)), next: pos + 1 + n };
    }
    case 0xd0:
    case 0xd1:
    case 0xd2:
    case 0xd3: {
      const n = 1 << (b - 0xd0);
      need(buf, pos, 1 + n);
      const v = n === 8 ? buf.readBigInt64BE(pos + 1) : BigInt(buf.readIntBE(pos + 1, n));
      return { bits: BigInt.asUintN(64, v), next: pos + 1 + n };
    }
    default:
      return undefined;
  }
}

/** The integer at `pos` as a signed 64-bit value; undefined when not an integer. */
export function readInt64(buf: Buffer, pos: number): { value: bigint; next: number } | undefined {
  const r = readIntBits(buf, pos);
  return r === undefined ? undefined : { value: BigInt.asIntN(64, r.bits), next: r.next };
}

/** The float/double at `pos`; undefined when the item is not a float or double. */
export function readDouble(buf: Buffer, pos: number): { value: number; next: number } | undefined {
  const b = buf[pos];
  if (b === 0xca) {
    need(buf, pos, 5);
    return { value: buf.readFloatBE(pos + 1), next: pos + 5 };
  }
  if (b === 0xcb) {
    need(buf, pos, 9);
    return { value: buf.readDoubleBE(pos + 1), next: pos + 9 };
  }
  return undefined;
}

/** Payload range of the str/bin item at `pos`; undefined when the item is not str/bin. */
export function readBytes(buf: Buffer, pos: number): { start: number; len: number; next: number } | undefined {
  const b = buf[pos];
  if (b === undefined) return undefined;
  let hdr: number;
  let len: number;
  if (b >= 0xa0 && b <= 0xbf) {
    hdr = 1;
    len = b & 0x1f;
  } else if (b === 0xc4 || b === 0xd9) {
    need(buf, pos, 2);
    hdr = 2;
    len = buf[pos + 1] as number;
  } else if (b === 0xc5 || b === 0xda) {
    need(buf, pos, 3);
    hdr = 3;
    len = buf.readUInt16BE(pos + 1);
  } else if (b === 0xc6 || b === 0xdb) {
    need(buf, pos, 5);
    hdr = 5;
    len = buf.readUInt32BE(pos + 1);
  } else {
    return undefined;
  }
  need(buf, pos, hdr + len);
  return { start: pos + hdr, len, next: pos + hdr + len };
}

// ---------------------------------------------------------------------------
// Comparison (the server's msgpack_cmp)

const LESS = -1;
const EQUAL = 0;
const GREATER = 1;
/** A wildcard was met: the whole comparison is "equal". */
const WILD = 2;

interface Token {
  type: MpType;
  /** Integers: 64-bit pattern; compared unsigned within the same class. */
  bits: bigint;
  num: number;
  dataStart: number;
  len: number;
  /** Position after the token (for containers: after the header and any order marker). */
  next: number;
}

/** Parses one comparison token; containers skip a leading order-marker ext. */
function token(buf: Buffer, pos: number): Token {
  const t: Token = { type: peekType(buf, pos), bits: 0n, num: 0, dataStart: 0, len: 0, next: pos };
  switch (t.type) {
    case MpType.NIL:
    case MpType.FALSE:
    case MpType.TRUE:
      t.next = pos + 1;
      return t;
    case MpType.INT:
    case MpType.NEGINT: {
      const r = readIntBits(buf, pos);
      if (r === undefined) return fail(CdtCode.PARAMETER);
      t.bits = r.bits;
      t.next = r.next;
      return t;
    }
    case MpType.DOUBLE: {
      const r = readDouble(buf, pos);
      if (r === undefined) return fail(CdtCode.PARAMETER);
      t.num = r.value;
      t.next = r.next;
      return t;
    }
    case MpType.STRING:
    case MpType.BYTES:
    case MpType.GEOJSON: {
      const r = readBytes(buf, pos);
      if (r === undefined) return fail(CdtCode.PARAMETER);
      t.dataStart = r.start;
      t.len = r.len;
      t.next = r.next;
      return t;
    }
    case MpType.LIST:
    case MpType.MAP: {
      const h = t.type === MpType.LIST ? readArrayHeader(buf, pos) : readMapHeader(buf, pos);
      if (h === undefined) return fail(CdtCode.PARAMETER);
      const per = t.type === MpType.LIST ? 1 : 2;
      t.len = h.count * per;
      t.next = h.next;
      if (t.len > 0 && isExtAt(buf, t.next)) {
        const ext = readExt(buf, t.next);
        if (ext !== undefined && ext.type !== CMP_EXT_TYPE) {
          t.next = ext.end;
          if (per === 2) t.next = skip(buf, t.next);
          t.len -= per;
        }
      }
      return t;
    }
    case MpType.WILDCARD:
    case MpType.INF:
      t.next = skip(buf, pos);
      return t;
    case MpType.EXT: {
      const ext = readExt(buf, pos);
      if (ext === undefined) return fail(CdtCode.PARAMETER);
      t.dataStart = ext.dataStart;
      t.len = ext.size;
      t.next = ext.end;
      return t;
    }
    default:
      return fail(CdtCode.PARAMETER);
  }
}

function cmpBytes(a: Buffer, as: number, al: number, b: Buffer, bs: number, bl: number): number {
  const c = a.compare(b, bs, bs + Math.min(al, bl), as, as + Math.min(al, bl));
  if (c !== 0) return c < 0 ? LESS : GREATER;
  return al === bl ? EQUAL : al < bl ? LESS : GREATER;
}

/** Position bookkeeping for {@link cmpAt}. */
interface Cursor {
  a: number;
  b: number;
}

/** Compares the items at `cur.a` / `cur.b`, advancing both past the items when equal. */
function cmpAt(a: Buffer, b: Buffer, cur: Cursor): number {
  const ta = token(a, cur.a);
  const tb = token(b, cur.b);
  if (ta.type === MpType.WILDCARD || tb.type === MpType.WILDCARD) return WILD;
  if (ta.type !== tb.type) return ta.type < tb.type ? LESS : GREATER;
  cur.a = ta.next;
  cur.b = tb.next;
  switch (ta.type) {
    case MpType.INT:
    case MpType.NEGINT:
      return ta.bits === tb.bits ? EQUAL : ta.bits < tb.bits ? LESS : GREATER;
    case MpType.DOUBLE:
      return ta.num > tb.num ? GREATER : ta.num < tb.num ? LESS : EQUAL;
    case MpType.STRING:
    case MpType.BYTES:
    case MpType.GEOJSON:
    case MpType.EXT:
      return cmpBytes(a, ta.dataStart, ta.len, b, tb.dataStart, tb.len);
    case MpType.LIST: {
      const n = Math.min(ta.len, tb.len);
      for (let i = 0; i < n; i++) {
        const r = cmpAt(a, b, cur);
        if (r !== EQUAL) return r;
      }
      if (ta.len === tb.len) return EQUAL;
      // Leave the cursors past both lists (only matters when equal, which this is not).
      return ta.len < tb.len ? LESS : GREATER;
    }
    case MpType.MAP: {
      if (ta.len !== tb.len) return ta.len < tb.len ? LESS : GREATER;
      for (let i = 0; i < ta.len; i++) {
        const r = cmpAt(a, b, cur);
        if (r !== EQUAL) return r;
      }
      return EQUAL;
    }
    default:
      return EQUAL;
  }
}

/**
 * Compares two msgpack values the way the server orders them: by class first (see
 * {@link MpType}), integers numerically, strings/blobs bytewise then by length, lists
 * element by element then by length, maps by size then entry by entry in stored order,
 * doubles numerically; a wildcard anywhere makes the values equal.
 * @returns -1, 0 or 1
 * @throws CdtError PARAMETER on malformed bytes.
 */
export function compare(a: Buffer, b: Buffer, aPos = 0, bPos = 0): -1 | 0 | 1 {
  const r = cmpAt(a, b, { a: aPos, b: bPos });
  return r === WILD ? 0 : (r as -1 | 0 | 1);
}

// ---------------------------------------------------------------------------
// Encoders (the server's as_pack_* minimal forms)

/** Packs a signed 64-bit integer in its smallest msgpack form. */
export function packInt(v: bigint): Buffer {
  if (v >= 0n) return packUint(v);
  if (v >= -32n) return Buffer.from([Number(v) & 0xff]);
  if (v >= -128n) return Buffer.from([0xd0, Number(v) & 0xff]);
  if (v >= -32768n) {
    const out = Buffer.allocUnsafe(3);
    out[0] = 0xd1;
    out.writeInt16BE(Number(v), 1);
    return out;
  }
  if (v >= -2147483648n) {
    const out = Buffer.allocUnsafe(5);
    out[0] = 0xd2;
    out.writeInt32BE(Number(v), 1);
    return out;
  }
  const out = Buffer.allocUnsafe(9);
  out[0] = 0xd3;
  out.writeBigInt64BE(BigInt.asIntN(64, v), 1);
  return out;
}

/** Packs an unsigned 64-bit integer in its smallest msgpack form. */
export function packUint(v: bigint): Buffer {
  if (v < 128n) return Buffer.from([Number(v)]);
  if (v < 256n) return Buffer.from([0xcc, Number(v)]);
  if (v < 65536n) {
    const out = Buffer.allocUnsafe(3);
    out[0] = 0xcd;
    out.writeUInt16BE(Number(v), 1);
    return out;
  }
  if (v < 4294967296n) {
    const out = Buffer.allocUnsafe(5);
    out[0] = 0xce;
    out.writeUInt32BE(Number(v), 1);
    return out;
  }
  const out = Buffer.allocUnsafe(9);
  out[0] = 0xcf;
  out.writeBigUInt64BE(BigInt.asUintN(64, v), 1);
  return out;
}

/** Packs a double (always the 8-byte form, as the server does). */
export function packDouble(d: number): Buffer {
  const out = Buffer.allocUnsafe(9);
  out[0] = 0xcb;
  out.writeDoubleBE(d, 1);
  return out;
}

/** Packs a boolean. */
export function packBool(v: boolean): Buffer {
  return v ? TRUE : FALSE;
}

function sizedHeader(n: number, fix: number, fixMax: number, b16: number, b32: number, b8?: number): Buffer {
  if (n <= fixMax) return Buffer.from([fix | n]);
  if (b8 !== undefined && n < 256) return Buffer.from([b8, n]);
  if (n < 65536) return Buffer.from([b16, n >> 8, n & 0xff]);
  const out = Buffer.allocUnsafe(5);
  out[0] = b32;
  out.writeUInt32BE(n, 1);
  return out;
}

/** An array header for `n` elements. */
export function arrayHeader(n: number): Buffer {
  return sizedHeader(n, 0x90, 15, 0xdc, 0xdd);
}

/** A map header for `n` pairs. */
export function mapHeader(n: number): Buffer {
  return sizedHeader(n, 0x80, 15, 0xde, 0xdf);
}

/** A str header for a payload of `n` bytes. */
export function strHeader(n: number): Buffer {
  return sizedHeader(n, 0xa0, 31, 0xda, 0xdb, 0xd9);
}

/** An ext header for `size` payload bytes of ext type `type` (fixext when the size allows). */
export function extHeader(size: number, type: number): Buffer {
  switch (size) {
    case 1:
      return Buffer.from([0xd4, type]);
    case 2:
      return Buffer.from([0xd5, type]);
    case 4:
      return Buffer.from([0xd6, type]);
    case 8:
      return Buffer.from([0xd7, type]);
    case 16:
      return Buffer.from([0xd8, type]);
    default:
      if (size < 256) return Buffer.from([0xc7, size, type]);
      if (size < 65536) return Buffer.from([0xc8, size >> 8, size & 0xff, type]);
      {
        const out = Buffer.allocUnsafe(6);
        out[0] = 0xc9;
        out.writeUInt32BE(size, 1);
        out[5] = type;
        return out;
      }
  }
}

/** An array of already-packed elements. */
export function packArray(items: readonly Buffer[]): Buffer {
  return Buffer.concat([arrayHeader(items.length), ...items]);
}

/** An array of integers. */
export function packIntArray(values: readonly (number | bigint)[]): Buffer {
  return packArray(values.map((v) => packInt(BigInt(v))));
}
