import { BitOp } from '@aerospike-ts/core';
import { dict, guarded } from './helper-op.js';
import type { OperationDict } from './operations.js';

/** aerospike_py bit policy: `{ flags }` (BIT_WRITE_*). */
export interface BitPolicy {
  flags?: number;
}

const f = (p: BitPolicy | null | undefined): number => p?.flags ?? 0;

export const bit_resize = guarded((bin: string, byte_size: number, resize_flags: number = 0, policy?: BitPolicy | null): OperationDict => dict(4001, bin, BitOp.resize(bin, byte_size, resize_flags, f(policy))));
export const bit_insert = guarded((bin: string, byte_offset: number, value: Uint8Array, policy?: BitPolicy | null): OperationDict => dict(4002, bin, BitOp.insert(bin, byte_offset, value, f(policy)), value));
export const bit_remove = guarded((bin: string, byte_offset: number, byte_size: number, policy?: BitPolicy | null): OperationDict => dict(4003, bin, BitOp.remove(bin, byte_offset, byte_size, f(policy))));
export const bit_set = guarded((bin: string, bit_offset: number, bit_size: number, value: Uint8Array, policy?: BitPolicy | null): OperationDict =>
  dict(4004, bin, BitOp.set(bin, bit_offset, bit_size, value, f(policy)), value));
export const bit_or = guarded((bin: string, bit_offset: number, bit_size: number, value: Uint8Array, policy?: BitPolicy | null): OperationDict =>
  dict(4005, bin, BitOp.or(bin, bit_offset, bit_size, value, f(policy)), value));
export const bit_xor = guarded((bin: string, bit_offset: number, bit_size: number, value: Uint8Array, policy?: BitPolicy | null): OperationDict =>
  dict(4006, bin, BitOp.xor(bin, bit_offset, bit_size, value, f(policy)), value));
export const bit_and = guarded((bin: string, bit_offset: number, bit_size: number, value: Uint8Array, policy?: BitPolicy | null): OperationDict =>
  dict(4007, bin, BitOp.and(bin, bit_offset, bit_size, value, f(policy)), value));
export const bit_not = guarded((bin: string, bit_offset: number, bit_size: number, policy?: BitPolicy | null): OperationDict => dict(4008, bin, BitOp.not(bin, bit_offset, bit_size, f(policy))));
export const bit_lshift = guarded((bin: string, bit_offset: number, bit_size: number, shift: number, policy?: BitPolicy | null): OperationDict =>
  dict(4009, bin, BitOp.lshift(bin, bit_offset, bit_size, shift, f(policy))));
export const bit_rshift = guarded((bin: string, bit_offset: number, bit_size: number, shift: number, policy?: BitPolicy | null): OperationDict =>
  dict(4010, bin, BitOp.rshift(bin, bit_offset, bit_size, shift, f(policy))));
export const bit_add = guarded((bin: string, bit_offset: number, bit_size: number, value: number, signed: boolean = false, action: number = 0, policy?: BitPolicy | null): OperationDict =>
  dict(4011, bin, BitOp.add(bin, bit_offset, bit_size, value, signed, action, f(policy)), value));
export const bit_subtract = guarded((bin: string, bit_offset: number, bit_size: number, value: number, signed: boolean = false, action: number = 0, policy?: BitPolicy | null): OperationDict =>
  dict(4012, bin, BitOp.subtract(bin, bit_offset, bit_size, value, signed, action, f(policy)), value));
export const bit_set_int = guarded((bin: string, bit_offset: number, bit_size: number, value: number, policy?: BitPolicy | null): OperationDict =>
  dict(4013, bin, BitOp.setInt(bin, bit_offset, bit_size, value, f(policy)), value));
export const bit_get = guarded((bin: string, bit_offset: number, bit_size: number): OperationDict => dict(4050, bin, BitOp.get(bin, bit_offset, bit_size)));
export const bit_count = guarded((bin: string, bit_offset: number, bit_size: number): OperationDict => dict(4051, bin, BitOp.count(bin, bit_offset, bit_size)));
export const bit_lscan = guarded((bin: string, bit_offset: number, bit_size: number, value: boolean): OperationDict => dict(4052, bin, BitOp.lscan(bin, bit_offset, bit_size, value)));
export const bit_rscan = guarded((bin: string, bit_offset: number, bit_size: number, value: boolean): OperationDict => dict(4053, bin, BitOp.rscan(bin, bit_offset, bit_size, value)));
export const bit_get_int = guarded((bin: string, bit_offset: number, bit_size: number, signed: boolean = false): OperationDict => dict(4054, bin, BitOp.getInt(bin, bit_offset, bit_size, signed)));

export const BIT_WRITE_DEFAULT = 0;
export const BIT_WRITE_CREATE_ONLY = 1;
export const BIT_WRITE_UPDATE_ONLY = 2;
export const BIT_WRITE_NO_FAIL = 4;
export const BIT_WRITE_PARTIAL = 8;
export const BIT_RESIZE_DEFAULT = 0;
export const BIT_RESIZE_FROM_FRONT = 1;
export const BIT_RESIZE_GROW_ONLY = 2;
export const BIT_RESIZE_SHRINK_ONLY = 4;
export const BIT_OVERFLOW_FAIL = 0;
export const BIT_OVERFLOW_SATURATE = 2;
export const BIT_OVERFLOW_WRAP = 4;
