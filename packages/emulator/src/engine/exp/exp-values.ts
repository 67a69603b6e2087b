/**
 * Runtime values of the expression evaluator, and their conversions from stored bins,
 * to result particles and to msgpack (for collection calls).
 */
import type { Particle } from '../../model/particle.js';
import { PType } from './exp-codes.js';
import { MpCursor, MpType } from './mp-cursor.js';
import { packBool, packDouble, packInt, packNil, packTyped } from './mp-pack.js';

/** A value an expression evaluates to. */
export type ExpValue =
  | { readonly t: 'nil' }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'int'; readonly v: bigint }
  | { readonly t: 'float'; readonly v: number }
  | { readonly t: 'str' | 'blob' | 'hll'; readonly bytes: Buffer }
  /** GeoJSON: its text, and the stored particle when it was read from a bin. */
  | { readonly t: 'geo'; readonly json: Buffer; readonly particle?: Buffer }
  /** A list, a map, or another raw msgpack value. */
  | { readonly t: 'msgpack'; readonly bytes: Buffer }
  /** The `result_remove` marker. */
  | { readonly t: 'remove' };

/** The server's "unknown": a bin that is missing or of another type, a failed operation. */
export const UNKNOWN: unique symbol = Symbol('unknown');

/** A value or unknown. */
export type Evaluated = ExpValue | typeof UNKNOWN;

/** Shared constants. */
export const NIL: ExpValue = { t: 'nil' };
export const TRUE: ExpValue = { t: 'bool', v: true };
export const FALSE: ExpValue = { t: 'bool', v: false };

/** A boolean value. */
export function bool(v: boolean): ExpValue {
  return v ? TRUE : FALSE;
}

/** The text of a stored GeoJSON particle (flags, cell count, cells, JSON). */
export function geoJsonText(data: Buffer): Buffer {
  if (data.length < 3) return Buffer.alloc(0);
  const cells = data.readUInt16BE(1);
  return data.subarray(Math.min(data.length, 3 + cells * 8));
}

/** A stored bin as a runtime value (undefined for a particle type expressions cannot read). */
export function fromParticle(p: Particle): ExpValue | undefined {
  switch (p.type) {
    case PType.INTEGER: {
      if (p.data.length === 8) return { t: 'int', v: p.data.readBigInt64BE(0) };
      let v = 0n;
      for (const b of p.data) v = (v << 8n) | BigInt(b);
      return { t: 'int', v: BigInt.asIntN(64, v) };
    }
    case PType.FLOAT:
      return p.data.length === 8 ? { t: 'float', v: p.data.readDoubleBE(0) } : undefined;
    case PType.BOOL:
      return bool((p.data[0] ?? 0) !== 0);
    case PType.STRING:
      return { t: 'str', bytes: p.data };
    case PType.BLOB:
      return { t: 'blob', bytes: p.data };
    case PType.HLL:
      return { t: 'hll', bytes: p.data };
    case PType.GEOJSON:
      return { t: 'geo', json: geoJsonText(p.data), particle: p.data };
    case PType.LIST:
    case PType.MAP:
      return { t: 'msgpack', bytes: p.data };
    default:
      return undefined;
  }
}

function int64Bytes(v: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt.asIntN(64, v));
  return b;
}

/** A GeoJSON particle holding `json` and no cells. */
export function geoParticle(json: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0, 0, 0]), json]);
}

/**
 * A result as the bin it would become: `null` for nil (no bin), undefined when the server
 * cannot turn it into a bin (unknown, `result_remove`, a non-collection msgpack value).
 */
export function toParticle(v: ExpValue): Particle | null | undefined {
  switch (v.t) {
    case 'nil':
      return null;
    case 'bool':
      return { type: PType.BOOL, data: Buffer.from([v.v ? 1 : 0]) };
    case 'int':
      return { type: PType.INTEGER, data: int64Bytes(v.v) };
    case 'float': {
      const b = Buffer.alloc(8);
      b.writeDoubleBE(v.v);
      return { type: PType.FLOAT, data: b };
    }
    case 'str':
      return { type: PType.STRING, data: Buffer.from(v.bytes) };
    case 'blob':
      return { type: PType.BLOB, data: Buffer.from(v.bytes) };
    case 'hll':
      return { type: PType.HLL, data: Buffer.from(v.bytes) };
    case 'geo':
      return { type: PType.GEOJSON, data: v.particle !== undefined ? Buffer.from(v.particle) : geoParticle(v.json) };
    case 'msgpack': {
      const t = new MpCursor(v.bytes).peekType();
      if (t === MpType.LIST) return { type: PType.LIST, data: Buffer.from(v.bytes) };
      if (t === MpType.MAP) return { type: PType.MAP, data: Buffer.from(v.bytes) };
      return undefined;
    }
    case 'remove':
      return undefined;
  }
}

/** A value packed as msgpack (an argument of a collection call or an `in_list` probe); undefined for `result_remove`. */
export function toMsgpack(v: ExpValue): Buffer | undefined {
  switch (v.t) {
    case 'nil':
      return packNil();
    case 'bool':
      return packBool(v.v);
    case 'int':
      return packInt(v.v);
    case 'float':
      return packDouble(v.v);
    case 'str':
      return packTyped(PType.STRING, v.bytes);
    case 'blob':
      return packTyped(PType.BLOB, v.bytes);
    case 'hll':
      return packTyped(PType.HLL, v.bytes);
    case 'geo':
      return packTyped(PType.GEOJSON, v.json);
    case 'msgpack':
      return v.bytes;
    case 'remove':
      return undefined;
  }
}

/** The runtime value of a packed msgpack element (as a collection call result is read). */
export function fromMsgpack(bytes: Buffer): ExpValue | undefined {
  const c = new MpCursor(bytes);
  switch (c.peekType()) {
    case MpType.NIL:
      return NIL;
    case MpType.FALSE:
      return FALSE;
    case MpType.TRUE:
      return TRUE;
    case MpType.INT:
    case MpType.NEGINT: {
      const v = c.getInt64();
      return v === undefined ? undefined : { t: 'int', v };
    }
    case MpType.DOUBLE: {
      const v = c.getDouble();
      return v === undefined ? undefined : { t: 'float', v };
    }
    case MpType.STRING: {
      const b = c.getBin();
      return b === undefined ? undefined : { t: 'str', bytes: b.subarray(1) };
    }
    case MpType.GEOJSON: {
      const b = c.getBin();
      return b === undefined ? undefined : { t: 'geo', json: b.subarray(1) };
    }
    case MpType.BYTES: {
      const b = c.getBin();
      if (b === undefined || b.length === 0) return undefined;
      return { t: b[0] === PType.HLL ? 'hll' : 'blob', bytes: b.subarray(1) };
    }
    default:
      return { t: 'msgpack', bytes };
  }
}
