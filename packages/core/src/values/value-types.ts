import type BN from 'bn.js';
import type { Double } from './double.js';
import type { GeoJSON } from './geojson.js';
import type { HLL } from './hll.js';
import type { SpecialValue } from './special.js';

/** A map key Aerospike accepts: integer, string or bytes. */
export type MapKey = number | bigint | string | Buffer | Uint8Array;

/**
 * A value you can store in a bin: null, booleans, integers (`number`, `bigint` or a
 * bn.js `BN`, signed 64-bit), floats (`number` or `Double`), UTF-8 strings, bytes,
 * GeoJSON, HLL, lists and maps of these, nested to any depth. Plain objects are written
 * as maps with string keys.
 */
export type Value =
  | null
  | boolean
  | number
  | bigint
  | BN
  | Double
  | string
  | Buffer
  | Uint8Array
  | GeoJSON
  | HLL
  | readonly Value[]
  | ReadonlyMap<MapKey, Value>
  | { readonly [key: string]: Value };

/** A value inside a collection-operation argument: any `Value`, or a range sentinel. */
export type CdtValue = Value | SpecialValue | readonly CdtValue[] | ReadonlyMap<MapKey, CdtValue>;

/** A map key as read back: integer, string or bytes. */
export type DecodedMapKey = number | bigint | string | Buffer;

/**
 * A value as read back. Integers are `number` when safe, else `bigint`; integral doubles
 * are `Double` (others `number`); bytes are `Buffer`; maps are `Map` unless the reader
 * asked for plain objects.
 */
export type DecodedValue =
  | null
  | boolean
  | number
  | bigint
  | Double
  | string
  | Buffer
  | GeoJSON
  | HLL
  | DecodedValue[]
  | Map<DecodedMapKey, DecodedValue>
  | { [key: string]: DecodedValue };

/** Bins of a record: bin name → value. */
export type Bins = { readonly [bin: string]: Value };

/** Bins as read back. */
export type DecodedBins = { [bin: string]: DecodedValue };

/** How decoded maps are returned. */
export interface DecodeOptions {
  /**
   * `'map'` (default): every map is a `Map`, keeping integer and bytes keys exact.
   * `'object'`: maps whose keys are all strings become plain objects; others stay `Map`.
   */
  readonly maps?: 'map' | 'object';
}
