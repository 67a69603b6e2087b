/**
 * The server's ordering of msgpack values (the order collection operations and expression
 * comparisons use): first by type (nil < false < true < negative int < int < string < list
 * < map < bytes < double < GeoJSON < extension < wildcard < infinity), then by value;
 * lists compare element by element (a shorter prefix is less), maps by size and then entry
 * by entry in stored order. A wildcard anywhere ends the comparison as equal.
 */
import { CMP_EXT_TYPE, MpCursor, MpType } from './mp-cursor.js';

/** Outcome of a comparison. */
export type MpOrder = 'less' | 'equal' | 'greater' | 'error';

/** A comparison's outcome, and whether it met an unordered map on either side. */
export interface MpCompareResult {
  readonly order: MpOrder;
  /** True when either side holds a map without key order that the comparison reached. */
  readonly unorderedMap: boolean;
}

/** The ordered flag bit of a map's order header. */
const KEY_ORDERED = 0x01;

interface Head {
  type: MpType;
  num: bigint;
  dbl: number;
  data: Buffer;
  /** Element count of a container (its order header excluded). */
  len: number;
}

/** Thrown inside the comparison: a wildcard settles everything as equal. */
const WILDCARD = Symbol('wildcard');

class Comparer {
  unordered = false;

  /** Reads one element's head; containers leave the cursor at their first element. */
  head(c: MpCursor): Head | undefined {
    const type = c.peekType();
    const h: Head = { type, num: 0n, dbl: 0, data: EMPTY, len: 0 };
    switch (type) {
      case MpType.ERROR:
        return undefined;
      case MpType.NIL:
      case MpType.FALSE:
      case MpType.TRUE:
        c.pos++;
        return h;
      case MpType.INT:
      case MpType.NEGINT: {
        const u = c.getUint64();
        if (u === undefined) return undefined;
        h.num = u;
        return h;
      }
      case MpType.DOUBLE: {
        const d = c.getDouble();
        if (d === undefined) return undefined;
        h.dbl = d;
        return h;
      }
      case MpType.STRING:
      case MpType.BYTES:
      case MpType.GEOJSON: {
        const b = c.getBin();
        if (b === undefined) return undefined;
        h.data = b;
        return h;
      }
      case MpType.LIST:
      case MpType.MAP: {
        const isMap = type === MpType.MAP;
        const n = isMap ? c.mapCount() : c.listCount();
        if (n === undefined) return undefined;
        h.len = isMap ? 2 * n : n;
        if (h.len === 0) return h;
        if (c.peekIsExt()) {
          const b0 = c.buf[c.pos] as number;
          const extType = b0 === 0xc7 ? c.buf[c.pos + 2] : b0 === 0xc8 ? c.buf[c.pos + 3] : b0 === 0xc9 ? c.buf[c.pos + 5] : c.buf[c.pos + 1];
          if (isMap && ((extType ?? 0) & KEY_ORDERED) === 0) this.unordered = true;
          if (extType !== CMP_EXT_TYPE) {
            const meta = isMap ? 2 : 1;
            if (!c.skip(meta)) return undefined;
            h.len -= meta;
          }
        } else if (isMap) {
          this.unordered = true;
        }
        return h;
      }
      case MpType.WILDCARD:
      case MpType.INF:
        c.skip();
        return h;
      default: {
        // other extensions: the payload is the value
        const start = c.pos;
        if (!c.skip()) return undefined;
        const b0 = c.buf[start] as number;
        const hdr = b0 === 0xc7 ? 3 : b0 === 0xc8 ? 4 : b0 === 0xc9 ? 6 : 2;
        h.data = c.buf.subarray(start + hdr, c.pos);
        return h;
      }
    }
  }

  /** Compares the next element of each cursor. */
  compare(c0: MpCursor, c1: MpCursor): MpOrder {
    const h0 = this.head(c0);
    const h1 = this.head(c1);
    if (h0 === undefined || h1 === undefined) return 'error';
    if (h0.type === MpType.WILDCARD || h1.type === MpType.WILDCARD) throw WILDCARD;
    if (h0.type !== h1.type) return h0.type < h1.type ? 'less' : 'greater';
    switch (h0.type) {
      case MpType.INT:
      case MpType.NEGINT:
        return order(h0.num, h1.num);
      case MpType.DOUBLE:
        return h0.dbl > h1.dbl ? 'greater' : h0.dbl < h1.dbl ? 'less' : 'equal';
      case MpType.STRING:
      case MpType.BYTES:
      case MpType.GEOJSON:
      case MpType.EXT: {
        const n = Math.min(h0.data.length, h1.data.length);
        const cmp = Buffer.compare(h0.data.subarray(0, n), h1.data.subarray(0, n));
        if (cmp !== 0) return cmp < 0 ? 'less' : 'greater';
        return order(h0.data.length, h1.data.length);
      }
      case MpType.LIST: {
        const n = Math.min(h0.len, h1.len);
        for (let i = 0; i < n; i++) {
          const r = this.compare(c0, c1);
          if (r !== 'equal') return r;
        }
        return order(h0.len, h1.len);
      }
      case MpType.MAP: {
        if (h0.len !== h1.len) return order(h0.len, h1.len);
        for (let i = 0; i < h0.len; i++) {
          const r = this.compare(c0, c1);
          if (r !== 'equal') return r;
        }
        return 'equal';
      }
      default:
        return 'equal';
    }
  }
}

const EMPTY = Buffer.alloc(0);

function order(a: bigint | number, b: bigint | number): MpOrder {
  return a > b ? 'greater' : a < b ? 'less' : 'equal';
}

/** Compares two packed values (each one whole msgpack element). */
export function mpCompare(a: Buffer, b: Buffer): MpCompareResult {
  if (!new MpCursor(a).skip() || !new MpCursor(b).skip()) return { order: 'error', unorderedMap: false };
  const c = new Comparer();
  try {
    return { order: c.compare(new MpCursor(a), new MpCursor(b)), unorderedMap: c.unordered };
  } catch (e) {
    if (e === WILDCARD) return { order: 'equal', unorderedMap: c.unordered };
    throw e;
  }
}
