import type { Particle } from '../../model/particle.js';
import { Particle as PT } from '../../protocol/constants.js';
import { CdtCode, fail } from './cdt-error.js';
import { MpType, peekType, readBytes, readDouble, readIntBits } from './msgpack-value.js';

/** Bytes-type prefixes inside msgpack that map to their own particle type (legacy language blobs, HLL). */
const BLOB_SUBTYPES: ReadonlySet<number> = new Set([7, 8, 9, 10, 11, 12, 18]);

/**
 * The reply bin of a CDT result given as one msgpack value, as the server converts it:
 * nil is no bin; booleans, integers, doubles, strings, blobs and GeoJSON become their
 * scalar particles (GeoJSON with an empty cell header); lists and maps keep their
 * msgpack bytes.
 */
export function particleFromMsgpack(value: Buffer | null): Particle | null {
  if (value === null) return null;
  switch (peekType(value, 0)) {
    case MpType.NIL:
      return null;
    case MpType.FALSE:
    case MpType.TRUE:
      return { type: PT.BOOL, data: Buffer.from([value[0] === 0xc3 ? 1 : 0]) };
    case MpType.INT:
    case MpType.NEGINT: {
      const r = readIntBits(value, 0) ?? fail(CdtCode.SERVER_ERROR);
      const data = Buffer.allocUnsafe(8);
      data.writeBigUInt64BE(r.bits);
      return { type: PT.INTEGER, data };
    }
    case MpType.DOUBLE: {
      const r = readDouble(value, 0) ?? fail(CdtCode.SERVER_ERROR);
      const data = Buffer.allocUnsafe(8);
      data.writeDoubleBE(r.value);
      return { type: PT.DOUBLE, data };
    }
    case MpType.STRING:
    case MpType.BYTES:
    case MpType.GEOJSON: {
      const r = readBytes(value, 0) ?? fail(CdtCode.SERVER_ERROR);
      if (r.len === 0) return { type: PT.BLOB, data: Buffer.alloc(0) };
      const sub = value[r.start] as number;
      const payload = Buffer.from(value.subarray(r.start + 1, r.next));
      if (sub === PT.STRING) return { type: PT.STRING, data: payload };
      if (sub === PT.GEOJSON) return { type: PT.GEOJSON, data: Buffer.concat([Buffer.alloc(3), payload]) };
      return { type: BLOB_SUBTYPES.has(sub) ? sub : PT.BLOB, data: payload };
    }
    case MpType.LIST:
      return { type: PT.LIST, data: Buffer.from(value) };
    case MpType.MAP:
      return { type: PT.MAP, data: Buffer.from(value) };
    default:
      return fail(CdtCode.SERVER_ERROR);
  }
}
