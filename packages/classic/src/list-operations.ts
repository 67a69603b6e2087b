import { ListOp, type CdtContext, type CdtValue, type ListPolicy as CoreListPolicy } from '@aerospike-ts/core';
import { dict, guarded } from './helper-op.js';
import type { OperationDict } from './operations.js';

/** aerospike_py list policy: `{ order, flags }` (LIST_UNORDERED/ORDERED, LIST_WRITE_*). */
export interface ListPolicy {
  order?: number;
  flags?: number;
}

function lp(p: ListPolicy | null | undefined): CoreListPolicy | undefined {
  return p == null ? undefined : { order: p.order ?? 0, flags: p.flags ?? 0 };
}

type C = CdtContext | undefined;

export const list_append = guarded((bin: string, val: CdtValue, policy?: ListPolicy | null, ctx?: C): OperationDict => dict(1001, bin, ListOp.append(bin, val, lp(policy), ctx), val));
export const list_append_items = guarded((bin: string, values: CdtValue[], policy?: ListPolicy | null, ctx?: C): OperationDict => dict(1002, bin, ListOp.appendItems(bin, values, lp(policy), ctx), values));
export const list_insert = guarded((bin: string, index: number, val: CdtValue, policy?: ListPolicy | null, ctx?: C): OperationDict => dict(1003, bin, ListOp.insert(bin, index, val, lp(policy), ctx), val));
export const list_insert_items = guarded((bin: string, index: number, values: CdtValue[], policy?: ListPolicy | null, ctx?: C): OperationDict =>
  dict(1004, bin, ListOp.insertItems(bin, index, values, lp(policy), ctx), values));
export const list_pop = guarded((bin: string, index: number, ctx?: C): OperationDict => dict(1005, bin, ListOp.pop(bin, index, ctx)));
export const list_pop_range = guarded((bin: string, index: number, count: number, ctx?: C): OperationDict => dict(1006, bin, ListOp.popRange(bin, index, count, ctx)));
export const list_remove = guarded((bin: string, index: number, ctx?: C): OperationDict => dict(1007, bin, ListOp.remove(bin, index, ctx)));
export const list_remove_range = guarded((bin: string, index: number, count: number, ctx?: C): OperationDict => dict(1008, bin, ListOp.removeRange(bin, index, count, ctx)));
export const list_set = guarded((bin: string, index: number, val: CdtValue, policy?: ListPolicy | null, ctx?: C): OperationDict => dict(1009, bin, ListOp.set(bin, index, val, lp(policy), ctx), val));
export const list_trim = guarded((bin: string, index: number, count: number, ctx?: C): OperationDict => dict(1010, bin, ListOp.trim(bin, index, count, ctx)));
export const list_clear = guarded((bin: string, ctx?: C): OperationDict => dict(1011, bin, ListOp.clear(bin, ctx)));
export const list_size = guarded((bin: string, ctx?: C): OperationDict => dict(1012, bin, ListOp.size(bin, ctx)));
export const list_get = guarded((bin: string, index: number, ctx?: C): OperationDict => dict(1013, bin, ListOp.get(bin, index, ctx)));
export const list_get_range = guarded((bin: string, index: number, count: number, ctx?: C): OperationDict => dict(1014, bin, ListOp.getRange(bin, index, count, ctx)));
export const list_get_by_value = guarded((bin: string, val: CdtValue, return_type: number, ctx?: C): OperationDict => dict(1015, bin, ListOp.getByValue(bin, val, return_type, ctx), val));
export const list_get_by_index = guarded((bin: string, index: number, return_type: number, ctx?: C): OperationDict => dict(1016, bin, ListOp.getByIndex(bin, index, return_type, ctx)));
export const list_get_by_index_range = guarded((bin: string, index: number, return_type: number, count?: number | null, ctx?: C): OperationDict =>
  dict(1017, bin, ListOp.getByIndexRange(bin, index, return_type, count ?? undefined, ctx)));
export const list_get_by_rank = guarded((bin: string, rank: number, return_type: number, ctx?: C): OperationDict => dict(1018, bin, ListOp.getByRank(bin, rank, return_type, ctx)));
export const list_get_by_rank_range = guarded((bin: string, rank: number, return_type: number, count?: number | null, ctx?: C): OperationDict =>
  dict(1019, bin, ListOp.getByRankRange(bin, rank, return_type, count ?? undefined, ctx)));
export const list_get_by_value_list = guarded((bin: string, values: CdtValue[], return_type: number, ctx?: C): OperationDict => dict(1020, bin, ListOp.getByValueList(bin, values, return_type, ctx), values));
export const list_get_by_value_range = guarded((bin: string, begin: CdtValue | null, end: CdtValue | null, return_type: number, ctx?: C): OperationDict =>
  dict(1021, bin, ListOp.getByValueRange(bin, begin, end, return_type, ctx)));
export const list_remove_by_value = guarded((bin: string, val: CdtValue, return_type: number, ctx?: C): OperationDict => dict(1022, bin, ListOp.removeByValue(bin, val, return_type, ctx), val));
export const list_remove_by_value_list = guarded((bin: string, values: CdtValue[], return_type: number, ctx?: C): OperationDict =>
  dict(1023, bin, ListOp.removeByValueList(bin, values, return_type, ctx), values));
export const list_remove_by_value_range = guarded((bin: string, begin: CdtValue | null, end: CdtValue | null, return_type: number, ctx?: C): OperationDict =>
  dict(1024, bin, ListOp.removeByValueRange(bin, begin, end, return_type, ctx)));
export const list_remove_by_index = guarded((bin: string, index: number, return_type: number, ctx?: C): OperationDict => dict(1025, bin, ListOp.removeByIndex(bin, index, return_type, ctx)));
export const list_remove_by_index_range = guarded((bin: string, index: number, return_type: number, count?: number | null, ctx?: C): OperationDict =>
  dict(1026, bin, ListOp.removeByIndexRange(bin, index, return_type, count ?? undefined, ctx)));
export const list_remove_by_rank = guarded((bin: string, rank: number, return_type: number, ctx?: C): OperationDict => dict(1027, bin, ListOp.removeByRank(bin, rank, return_type, ctx)));
export const list_remove_by_rank_range = guarded((bin: string, rank: number, return_type: number, count?: number | null, ctx?: C): OperationDict =>
  dict(1028, bin, ListOp.removeByRankRange(bin, rank, return_type, count ?? undefined, ctx)));
export const list_increment = guarded((bin: string, index: number, val: number, policy?: ListPolicy | null, ctx?: C): OperationDict => dict(1029, bin, ListOp.increment(bin, index, val, lp(policy), ctx), val));
export const list_sort = guarded((bin: string, sort_flags: number = 0, ctx?: C): OperationDict => dict(1030, bin, ListOp.sort(bin, sort_flags, ctx)));
export const list_set_order = guarded((bin: string, list_order: number = 0, ctx?: C): OperationDict => dict(1031, bin, ListOp.setOrder(bin, list_order, ctx)));

export const LIST_RETURN_NONE = 0;
export const LIST_RETURN_INDEX = 1;
export const LIST_RETURN_REVERSE_INDEX = 2;
export const LIST_RETURN_RANK = 3;
export const LIST_RETURN_REVERSE_RANK = 4;
export const LIST_RETURN_COUNT = 5;
export const LIST_RETURN_VALUE = 7;
export const LIST_RETURN_EXISTS = 13;
export const LIST_UNORDERED = 0;
export const LIST_ORDERED = 1;
export const LIST_SORT_DEFAULT = 0;
export const LIST_SORT_DROP_DUPLICATES = 2;
export const LIST_WRITE_DEFAULT = 0;
export const LIST_WRITE_ADD_UNIQUE = 1;
export const LIST_WRITE_INSERT_BOUNDED = 2;
export const LIST_WRITE_NO_FAIL = 4;
export const LIST_WRITE_PARTIAL = 8;
