import { HllOp, type CdtValue, type HLL } from '@aerospike-ts/core';
import { dict, guarded } from './helper-op.js';
import type { OperationDict } from './operations.js';

/** aerospike_py HLL policy: `{ flags }` (HLL_WRITE_*). */
export interface HLLPolicy {
  flags?: number;
}

export const hll_init = guarded((bin: string, index_bit_count: number, minhash_bit_count?: number | null, policy?: HLLPolicy | null): OperationDict =>
  dict(3001, bin, HllOp.init(bin, index_bit_count, minhash_bit_count ?? -1, policy?.flags ?? 0)));
export const hll_add = guarded((bin: string, values: CdtValue[], index_bit_count?: number | null, minhash_bit_count?: number | null, policy?: HLLPolicy | null): OperationDict =>
  dict(3002, bin, HllOp.add(bin, values, index_bit_count ?? -1, minhash_bit_count ?? -1, policy?.flags ?? 0), values));
export const hll_get_count = guarded((bin: string): OperationDict => dict(3003, bin, HllOp.getCount(bin)));
export const hll_get_union = guarded((bin: string, values: HLL[]): OperationDict => dict(3004, bin, HllOp.getUnion(bin, values)));
export const hll_get_union_count = guarded((bin: string, values: HLL[]): OperationDict => dict(3005, bin, HllOp.getUnionCount(bin, values)));
export const hll_get_intersect_count = guarded((bin: string, values: HLL[]): OperationDict => dict(3006, bin, HllOp.getIntersectCount(bin, values)));
export const hll_get_similarity = guarded((bin: string, values: HLL[]): OperationDict => dict(3007, bin, HllOp.getSimilarity(bin, values)));
export const hll_describe = guarded((bin: string): OperationDict => dict(3008, bin, HllOp.describe(bin)));
export const hll_fold = guarded((bin: string, index_bit_count: number): OperationDict => dict(3009, bin, HllOp.fold(bin, index_bit_count)));
export const hll_set_union = guarded((bin: string, values: HLL[], policy?: HLLPolicy | null): OperationDict => dict(3010, bin, HllOp.setUnion(bin, values, policy?.flags ?? 0)));

export const HLL_WRITE_DEFAULT = 0;
export const HLL_WRITE_CREATE_ONLY = 1;
export const HLL_WRITE_UPDATE_ONLY = 2;
export const HLL_WRITE_NO_FAIL = 4;
export const HLL_WRITE_ALLOW_FOLD = 8;
