/**
 * The server's value classes of Aerospike msgpack, shared by the CDT and expression
 * engines: strings and blobs carry a leading particle-type byte (3 string, 23 GeoJSON,
 * anything else bytes), and the extension `ff 00` / `ff 01` is the wildcard / infinity
 * of collection ranges.
 */

/**
 * Value classes in the server's comparison order: a value of an earlier class sorts
 * before any value of a later one (nil < false < true < negative int < int < string <
 * list < map < bytes < double < GeoJSON < ext < wildcard < infinity).
 */
export const MpType = {
  ERROR: 0,
  NIL: 1,
  FALSE: 2,
  TRUE: 3,
  NEGINT: 4,
  INT: 5,
  STRING: 6,
  LIST: 7,
  MAP: 8,
  BYTES: 9,
  DOUBLE: 10,
  GEOJSON: 11,
  EXT: 12,
  WILDCARD: 13,
  INF: 14
} as const;
/** A value class (see {@link MpType}). */
export type MpType = (typeof MpType)[keyof typeof MpType];

/** Particle-type byte that starts a string payload inside msgpack. */
export const BYTES_STRING = 3;
/** Particle-type byte that starts a blob payload inside msgpack. */
export const BYTES_BLOB = 4;
/** Particle-type byte that starts a GeoJSON payload inside msgpack. */
export const BYTES_GEOJSON = 23;
/** The extension type of the wildcard and infinity sentinels. */
export const CMP_EXT_TYPE = 0xff;

/** The class of a str/bin payload from its first byte and length. */
export function bytesType(first: number | undefined, len: number): MpType {
  if (len === 0) return MpType.BYTES;
  if (first === BYTES_STRING) return MpType.STRING;
  if (first === BYTES_GEOJSON) return MpType.GEOJSON;
  return MpType.BYTES;
}
