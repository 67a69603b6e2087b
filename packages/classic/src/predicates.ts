import { CollectionType, IndexFilter } from '@aerospike-ts/core';
import { invalidArg } from './args.js';
import { guarded } from './helper-op.js';

/** A secondary-index predicate for `query.where()`. */
export type Predicate = readonly [kind: string, filter: IndexFilter];

const COLLECTION: { readonly [k: number]: CollectionType } = { 0: CollectionType.DEFAULT, 1: CollectionType.LIST, 2: CollectionType.MAPKEYS, 3: CollectionType.MAPVALUES };

/** Records whose indexed bin equals `val`. */
export const equals = guarded((bin: string, val: number | bigint | string | Uint8Array): Predicate => {
  return ['equals', IndexFilter.equal(bin, val)];
});

/** Records whose indexed integer bin is in [min, max]. */
export const between = guarded((bin: string, min: number | bigint, max: number | bigint): Predicate => {
  return ['between', IndexFilter.range(bin, min, max)];
});

/** Records whose list/map bin contains `val` (index_type: INDEX_TYPE_LIST, _MAPKEYS or _MAPVALUES). */
export const contains = guarded((bin: string, index_type: number, val: number | bigint | string | Uint8Array): Predicate => {
  const c = COLLECTION[index_type];
  if (c === undefined || c === CollectionType.DEFAULT) throw invalidArg(`contains: index_type must be INDEX_TYPE_LIST, INDEX_TYPE_MAPKEYS or INDEX_TYPE_MAPVALUES, got ${index_type}`);
  return ['contains', IndexFilter.contains(bin, c, val)];
});

/** Records whose GeoJSON bin is within the region. */
export const geo_within_geojson_region = guarded((bin: string, geojson: string | object): Predicate => {
  return ['geo_within_geojson_region', IndexFilter.geoWithinRegion(bin, geojson)];
});

/** Records whose GeoJSON bin is within `radius` metres of the point (aerospike_py argument order: lat, lng). */
export const geo_within_radius = guarded((bin: string, lat: number, lng: number, radius: number): Predicate => {
  return ['geo_within_radius', IndexFilter.geoWithinRadius(bin, lng, lat, radius)];
});

/** Records whose GeoJSON region bin contains the point. */
export const geo_contains_geojson_point = guarded((bin: string, geojson: string | object): Predicate => {
  return ['geo_contains_geojson_point', IndexFilter.geoContains(bin, geojson)];
});
