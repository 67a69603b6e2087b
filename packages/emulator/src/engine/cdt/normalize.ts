import { CdtCode, CdtError, fail } from './cdt-error.js';
import {
  BYTES_BLOB,
  MpType,
  NIL,
  arrayHeader,
  compare,
  extHeader,
  mapHeader,
  packInt,
  packUint,
  peekType,
  readArrayHeader,
  readBytes,
  readExt,
  readIntBits,
  readMapHeader,
  readOrderMarker,
  skip,
  strHeader
} from './msgpack-value.js';

/**
 * Brings a client value into the form the server stores (its "untrusted rewrite"):
 * integers, string and container headers in their smallest encoding, order markers
 * reduced to the flags that persist (list: ordered; map: key/value ordered), maps whose
 * keys are out of order sorted by key, and rejects what the server rejects (wildcard or
 * infinity values, map keys that are not integers/strings/blobs, duplicate map keys,
 * ordered lists or key-ordered maps that are not in order).
 */

/** List order flag (ext type bit). */
export const LIST_ORDERED = 0x01;
/** Map key-ordered flag (ext type bit). */
export const MAP_K_ORDERED = 0x01;
/** Map key-value-ordered flags (ext type bits). */
export const MAP_KV_ORDERED = 0x03;
/** Persisted-index flag (ext type bit); never visible to clients. */
export const PERSIST_INDEX = 0x10;

/** Whether the item at `pos` may be a map key (integer, string, or blob with the blob type byte). */
export function isMapKey(buf: Buffer, pos: number): boolean {
  const t = peekType(buf, pos);
  if (t === MpType.INT || t === MpType.NEGINT || t === MpType.STRING) return true;
  if (t !== MpType.BYTES) return false;
  const r = readBytes(buf, pos);
  return r !== undefined && r.len > 0 && buf[r.start] === BYTES_BLOB;
}

/** The stored form of a scalar (non-container) item. */
function rewriteScalar(buf: Buffer, pos: number, end: number): Buffer {
  const b = buf[pos] as number;
  const t = peekType(buf, pos);
  if (t === MpType.WILDCARD || t === MpType.INF) fail(CdtCode.PARAMETER);
  if (t === MpType.INT || t === MpType.NEGINT) {
    const r = readIntBits(buf, pos);
    if (r === undefined) return fail(CdtCode.PARAMETER);
    // Unsigned encodings keep their unsigned value; signed ones their signed value.
    if (b === 0xcf) return packUint(r.bits);
    return packInt(BigInt.asIntN(64, r.bits));
  }
  if (b === 0xd9 || b === 0xda || b === 0xdb || b === 0xc4 || b === 0xc5 || b === 0xc6) {
    const r = readBytes(buf, pos);
    if (r === undefined) return fail(CdtCode.PARAMETER);
    // Str headers always shrink; bin headers only when a smaller size class would fit.
    const shrink = b >= 0xd9 || (b === 0xc4 ? r.len <= 0x1f : b === 0xc5 ? r.len <= 0xff : r.len <= 0xffff);
    if (!shrink) return buf.subarray(pos, end);
    return Buffer.concat([strHeader(r.len), buf.subarray(r.start, r.next)]);
  }
  if (b === 0xc7 || b === 0xc8 || b === 0xc9) {
    const e = readExt(buf, pos);
    if (e === undefined) return fail(CdtCode.PARAMETER);
    if (e.type === 0xff && e.size > 0 && e.size < 4) fail(CdtCode.PARAMETER);
    return Buffer.concat([extHeader(e.size, e.type), buf.subarray(e.dataStart, e.end)]);
  }
  if ((b === 0xd4 || b === 0xd5) && buf[pos + 1] === 0xff) fail(CdtCode.PARAMETER);
  if (b === 0xc1) fail(CdtCode.PARAMETER);
  return buf.subarray(pos, end);
}

interface Rewritten {
  readonly out: Buffer;
  readonly next: number;
}

function rewriteAt(buf: Buffer, pos: number, topLevel: boolean): Rewritten {
  const list = readArrayHeader(buf, pos);
  if (list !== undefined) return rewriteList(buf, list.count, list.next, topLevel);
  const map = readMapHeader(buf, pos);
  if (map !== undefined) return rewriteMap(buf, map.count, map.next, topLevel);
  const end = skip(buf, pos);
  return { out: rewriteScalar(buf, pos, end), next: end };
}

/** In a value being written, only a plain ext element is an order marker (not a wildcard or infinity). */
function isPlainExt(buf: Buffer, pos: number): boolean {
  return peekType(buf, pos) === MpType.EXT;
}

function rewriteList(buf: Buffer, count: number, start: number, topLevel: boolean): Rewritten {
  const { flags, next, count: n } = readOrderMarker(buf, start, count, false, LIST_ORDERED | (topLevel ? PERSIST_INDEX : 0), isPlainExt);
  let p = next;
  const parts: Buffer[] = [];
  let prevStart = -1;
  for (let i = 0; i < n; i++) {
    if ((flags & LIST_ORDERED) !== 0 && prevStart >= 0 && compare(buf, buf, prevStart, p) > 0) fail(CdtCode.PARAMETER);
    prevStart = p;
    const r = rewriteAt(buf, p, false);
    parts.push(r.out);
    p = r.next;
  }
  const visible = flags & LIST_ORDERED;
  const head = visible !== 0 ? [arrayHeader(n + 1), extHeader(0, visible)] : [arrayHeader(n)];
  return { out: Buffer.concat([...head, ...parts]), next: p };
}

function rewriteMap(buf: Buffer, count: number, start: number, topLevel: boolean): Rewritten {
  const { flags, next, count: n } = readOrderMarker(buf, start, count, true, MAP_KV_ORDERED | (topLevel ? PERSIST_INDEX : 0), isPlainExt);
  let p = next;
  const entries: Array<{ key: Buffer; value: Buffer; srcKey: number }> = [];
  let needSort = false;
  let prevKey = -1;
  for (let i = 0; i < n; i++) {
    if (!isMapKey(buf, p)) fail(CdtCode.PARAMETER);
    if (!needSort && prevKey >= 0) {
      const c = compare(buf, buf, prevKey, p);
      if (c === 0) fail(CdtCode.PARAMETER);
      if (c > 0) {
        if ((flags & MAP_K_ORDERED) !== 0) fail(CdtCode.PARAMETER);
        needSort = true;
      }
    }
    prevKey = p;
    const k = rewriteAt(buf, p, false);
    const v = rewriteAt(buf, k.next, false);
    entries.push({ key: k.out, value: v.out, srcKey: p });
    p = v.next;
  }
  if (needSort) {
    entries.sort((x, y) => compare(x.key, y.key));
    for (let i = 1; i < entries.length; i++) {
      if (compare((entries[i - 1] as { key: Buffer }).key, (entries[i] as { key: Buffer }).key) >= 0) fail(CdtCode.PARAMETER);
    }
  }
  const visible = flags & MAP_KV_ORDERED;
  const head = visible !== 0 ? [mapHeader(n + 1), extHeader(0, visible), NIL] : [mapHeader(n)];
  const parts: Buffer[] = [];
  for (const e of entries) parts.push(e.key, e.value);
  return { out: Buffer.concat([...head, ...parts]), next: p };
}

/**
 * The stored form of the value `buf[start, end)` (see the module comment), or undefined
 * when the server would refuse to store it.
 * @param topLevel whether this is a whole bin value (a persisted-index flag is kept there)
 */
export function rewriteValue(buf: Buffer, start = 0, end = buf.length, topLevel = false): Buffer | undefined {
  try {
    const r = rewriteAt(buf, start, topLevel);
    if (r.next !== end) return undefined;
    return r.out;
  } catch (e) {
    if (e instanceof CdtError) return undefined;
    throw e;
  }
}
