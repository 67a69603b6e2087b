import { CdtCode, fail } from './cdt-error.js';
import { NIL, arrayHeader, extHeader, isExtAt, mapHeader, readArrayHeader, readMapHeader, readOrderMarker, skip } from './msgpack-value.js';
import { LIST_ORDERED, MAP_KV_ORDERED } from './normalize.js';

/**
 * Lists and maps as the engine works on them: the order flags plus the packed bytes of
 * each element (or key and value), in stored order.
 */

/** A list: order flags and the packed elements. */
export interface PackedList {
  /** Ext flags of the order marker: {@link LIST_ORDERED} or 0. */
  readonly flags: number;
  readonly items: readonly Buffer[];
}

/** A map: order flags and the packed keys and values, in stored order. */
export interface PackedMap {
  /** Ext flags of the order marker: 0 unordered, 1 key-ordered, 3 key-value-ordered. */
  readonly flags: number;
  readonly keys: readonly Buffer[];
  readonly values: readonly Buffer[];
}

/** Whether a list keeps its elements in value order. */
export function isOrderedList(list: PackedList): boolean {
  return (list.flags & LIST_ORDERED) !== 0;
}

/** Whether a map keeps its entries in key order (any order flag counts, as on the server). */
export function isKeyOrderedMap(map: PackedMap): boolean {
  return map.flags !== 0;
}

/**
 * Parses the list at `buf[start, end)`: a leading ext element is the order marker.
 * @throws CdtError PARAMETER when the bytes are not one list.
 */
export function parseList(buf: Buffer, start = 0, end = buf.length): PackedList {
  const h = readArrayHeader(buf, start);
  if (h === undefined) return fail(CdtCode.PARAMETER);
  const { flags, next, count: n } = readOrderMarker(buf, h.next, h.count, false, LIST_ORDERED, isExtAt);
  let p = next;
  const items: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const q = skip(buf, p);
    items.push(buf.subarray(p, q));
    p = q;
  }
  if (p !== end) fail(CdtCode.PARAMETER);
  return { flags, items };
}

/**
 * Parses the map at `buf[start, end)`: a leading ext key (with its value) is the order marker.
 * @throws CdtError PARAMETER when the bytes are not one map.
 */
export function parseMap(buf: Buffer, start = 0, end = buf.length): PackedMap {
  const h = readMapHeader(buf, start);
  if (h === undefined) return fail(CdtCode.PARAMETER);
  const { flags, next, count: n } = readOrderMarker(buf, h.next, h.count, true, MAP_KV_ORDERED, isExtAt);
  let p = next;
  const keys: Buffer[] = [];
  const values: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const k = skip(buf, p);
    const v = skip(buf, k);
    keys.push(buf.subarray(p, k));
    values.push(buf.subarray(k, v));
    p = v;
  }
  if (p !== end) fail(CdtCode.PARAMETER);
  return { flags, keys, values };
}

/** The packed bytes of a list (an ordered list starts with the `c7 00 01` marker). */
export function encodeList(list: PackedList): Buffer {
  const n = list.items.length;
  if ((list.flags & LIST_ORDERED) !== 0) return Buffer.concat([arrayHeader(n + 1), extHeader(0, list.flags & LIST_ORDERED), ...list.items]);
  return Buffer.concat([arrayHeader(n), ...list.items]);
}

/**
 * The packed bytes of a map with `flags` (non-zero flags write the `c7 00 <flags>` / nil
 * marker pair first, as the server does for ordered maps and for map results).
 */
export function encodeMapEntries(flags: number, keys: readonly Buffer[], values: readonly Buffer[]): Buffer {
  const n = keys.length;
  const parts: Buffer[] = flags !== 0 ? [mapHeader(n + 1), extHeader(0, flags), NIL] : [mapHeader(n)];
  for (let i = 0; i < n; i++) parts.push(keys[i] as Buffer, values[i] as Buffer);
  return Buffer.concat(parts);
}

/** The packed bytes of a map. */
export function encodeMap(map: PackedMap): Buffer {
  return encodeMapEntries(map.flags, map.keys, map.values);
}
