import { MapOp, type CdtContext, type CdtValue, type MapKey, type MapPolicy as CoreMapPolicy } from '@aerospike-ts/core';
import { invalidArg } from './args.js';
import { dict, guarded } from './helper-op.js';
import type { OperationDict } from './operations.js';

/** aerospike_py map policy: `{ order, write_mode }` (MAP_UNORDERED/KEY_ORDERED/KEY_VALUE_ORDERED; MAP_UPDATE/UPDATE_ONLY/CREATE_ONLY) or `flags`. */
export interface MapPolicy {
  order?: number;
  write_mode?: number;
  flags?: number;
}

// MAP_UPDATE=0, MAP_CREATE_ONLY=1, MAP_UPDATE_ONLY=2 map onto the write flags of the same meaning;
// given both, they add up (core rejects CREATE_ONLY with UPDATE_ONLY).
function mp(p: MapPolicy | null | undefined): CoreMapPolicy | undefined {
  if (p == null) return undefined;
  if (typeof p !== 'object' || Array.isArray(p)) throw invalidArg(`map policy must be a dict, got ${Array.isArray(p) ? 'a list' : typeof p}`);
  if (p.write_mode !== undefined && ![0, 1, 2].includes(p.write_mode)) throw invalidArg(`map policy: write_mode must be MAP_UPDATE, MAP_UPDATE_ONLY or MAP_CREATE_ONLY, got ${p.write_mode}`);
  if (p.flags !== undefined && !Number.isInteger(p.flags)) throw invalidArg(`map policy: flags must be an integer made of MAP_WRITE_FLAGS_*, got ${String(p.flags)}`);
  return { order: p.order ?? 0, flags: (p.flags ?? 0) | (p.write_mode ?? 0) };
}

type C = CdtContext | undefined;
type K = CdtValue & MapKey;

export const map_set_order = guarded((bin: string, map_order: number, ctx?: C): OperationDict => dict(2001, bin, MapOp.setPolicy(bin, { order: map_order, flags: 0 }, ctx)));
export const map_put = guarded((bin: string, key: K, val: CdtValue, policy?: MapPolicy | null, ctx?: C): OperationDict => dict(2002, bin, MapOp.put(bin, key, val, mp(policy), ctx), val));
export const map_put_items = guarded((bin: string, items: { [k: string]: CdtValue } | Map<MapKey, CdtValue>, policy?: MapPolicy | null, ctx?: C): OperationDict =>
  dict(2003, bin, MapOp.putItems(bin, items, mp(policy), ctx), items));
export const map_increment = guarded((bin: string, key: K, incr: number, policy?: MapPolicy | null, ctx?: C): OperationDict => dict(2004, bin, MapOp.increment(bin, key, incr, mp(policy), ctx), incr));
export const map_decrement = guarded((bin: string, key: K, decr: number, policy?: MapPolicy | null, ctx?: C): OperationDict => dict(2005, bin, MapOp.decrement(bin, key, decr, mp(policy), ctx), decr));
export const map_clear = guarded((bin: string, ctx?: C): OperationDict => dict(2006, bin, MapOp.clear(bin, ctx)));
export const map_remove_by_key = guarded((bin: string, key: CdtValue, return_type: number, ctx?: C): OperationDict => dict(2007, bin, MapOp.removeByKey(bin, key, return_type, ctx)));
export const map_remove_by_key_list = guarded((bin: string, keys: CdtValue[], return_type: number, ctx?: C): OperationDict => dict(2008, bin, MapOp.removeByKeyList(bin, keys, return_type, ctx)));
export const map_remove_by_key_range = guarded((bin: string, begin: CdtValue | null, end: CdtValue | null, return_type: number, ctx?: C): OperationDict =>
  dict(2009, bin, MapOp.removeByKeyRange(bin, begin, end, return_type, ctx)));
export const map_remove_by_value = guarded((bin: string, val: CdtValue, return_type: number, ctx?: C): OperationDict => dict(2010, bin, MapOp.removeByValue(bin, val, return_type, ctx)));
export const map_remove_by_value_list = guarded((bin: string, values: CdtValue[], return_type: number, ctx?: C): OperationDict => dict(2011, bin, MapOp.removeByValueList(bin, values, return_type, ctx)));
export const map_remove_by_value_range = guarded((bin: string, begin: CdtValue | null, end: CdtValue | null, return_type: number, ctx?: C): OperationDict =>
  dict(2012, bin, MapOp.removeByValueRange(bin, begin, end, return_type, ctx)));
export const map_remove_by_index = guarded((bin: string, index: number, return_type: number, ctx?: C): OperationDict => dict(2013, bin, MapOp.removeByIndex(bin, index, return_type, ctx)));
export const map_remove_by_index_range = guarded((bin: string, index: number, return_type: number, count?: number | null, ctx?: C): OperationDict =>
  dict(2014, bin, MapOp.removeByIndexRange(bin, index, return_type, count ?? undefined, ctx)));
export const map_remove_by_rank = guarded((bin: string, rank: number, return_type: number, ctx?: C): OperationDict => dict(2015, bin, MapOp.removeByRank(bin, rank, return_type, ctx)));
export const map_remove_by_rank_range = guarded((bin: string, rank: number, return_type: number, count?: number | null, ctx?: C): OperationDict =>
  dict(2016, bin, MapOp.removeByRankRange(bin, rank, return_type, count ?? undefined, ctx)));
export const map_size = guarded((bin: string, ctx?: C): OperationDict => dict(2017, bin, MapOp.size(bin, ctx)));
export const map_get_by_key = guarded((bin: string, key: CdtValue, return_type: number, ctx?: C): OperationDict => dict(2018, bin, MapOp.getByKey(bin, key, return_type, ctx)));
export const map_get_by_key_range = guarded((bin: string, begin: CdtValue | null, end: CdtValue | null, return_type: number, ctx?: C): OperationDict =>
  dict(2019, bin, MapOp.getByKeyRange(bin, begin, end, return_type, ctx)));
export const map_get_by_value = guarded((bin: string, val: CdtValue, return_type: number, ctx?: C): OperationDict => dict(2020, bin, MapOp.getByValue(bin, val, return_type, ctx)));
export const map_get_by_value_range = guarded((bin: string, begin: CdtValue | null, end: CdtValue | null, return_type: number, ctx?: C): OperationDict =>
  dict(2021, bin, MapOp.getByValueRange(bin, begin, end, return_type, ctx)));
export const map_get_by_index = guarded((bin: string, index: number, return_type: number, ctx?: C): OperationDict => dict(2022, bin, MapOp.getByIndex(bin, index, return_type, ctx)));
export const map_get_by_index_range = guarded((bin: string, index: number, return_type: number, count?: number | null, ctx?: C): OperationDict =>
  dict(2023, bin, MapOp.getByIndexRange(bin, index, return_type, count ?? undefined, ctx)));
export const map_get_by_rank = guarded((bin: string, rank: number, return_type: number, ctx?: C): OperationDict => dict(2024, bin, MapOp.getByRank(bin, rank, return_type, ctx)));
export const map_get_by_rank_range = guarded((bin: string, rank: number, return_type: number, count?: number | null, ctx?: C): OperationDict =>
  dict(2025, bin, MapOp.getByRankRange(bin, rank, return_type, count ?? undefined, ctx)));
export const map_get_by_key_list = guarded((bin: string, keys: CdtValue[], return_type: number, ctx?: C): OperationDict => dict(2026, bin, MapOp.getByKeyList(bin, keys, return_type, ctx)));
export const map_get_by_value_list = guarded((bin: string, values: CdtValue[], return_type: number, ctx?: C): OperationDict => dict(2027, bin, MapOp.getByValueList(bin, values, return_type, ctx)));

export const MAP_RETURN_NONE = 0;
export const MAP_RETURN_INDEX = 1;
export const MAP_RETURN_REVERSE_INDEX = 2;
export const MAP_RETURN_RANK = 3;
export const MAP_RETURN_REVERSE_RANK = 4;
export const MAP_RETURN_COUNT = 5;
export const MAP_RETURN_KEY = 6;
export const MAP_RETURN_VALUE = 7;
export const MAP_RETURN_KEY_VALUE = 8;
export const MAP_RETURN_EXISTS = 13;
export const MAP_UNORDERED = 0;
export const MAP_KEY_ORDERED = 1;
export const MAP_KEY_VALUE_ORDERED = 3;
export const MAP_UPDATE = 0;
export const MAP_CREATE_ONLY = 1;
export const MAP_UPDATE_ONLY = 2;
export const MAP_WRITE_FLAGS_DEFAULT = 0;
export const MAP_WRITE_FLAGS_CREATE_ONLY = 1;
export const MAP_WRITE_FLAGS_UPDATE_ONLY = 2;
export const MAP_WRITE_FLAGS_NO_FAIL = 4;
export const MAP_WRITE_FLAGS_PARTIAL = 8;
