import type { Operation } from '../command/operation.js';
import { checkBinName } from '../util/validate.js';
import { OpType } from '../wire/constants.js';
import { packCdt } from './cdt-pack.js';
import { checkFlags } from './write-flags.js';

/** Bit write flags (OR-able). */
export const BitWriteFlags = Object.freeze({ DEFAULT: 0, CREATE_ONLY: 1, UPDATE_ONLY: 2, NO_FAIL: 4, PARTIAL: 8 } as const);
/** Bit resize flags (OR-able). */
export const BitResizeFlags = Object.freeze({ DEFAULT: 0, FROM_FRONT: 1, GROW_ONLY: 2, SHRINK_ONLY: 4 } as const);
/** What add/subtract do on overflow. */
export const BitOverflowAction = Object.freeze({ FAIL: 0, SATURATE: 2, WRAP: 4 } as const);

function op(type: OpType, bin: string, what: string, code: number, args: readonly unknown[]): Operation {
  checkBinName(bin);
  return { op: type, bin, packed: packCdt(`bit ${what} on '${bin}'`, undefined, code, args) };
}

/** Checked write flags of a modify operation. */
function wf(what: string, bin: string, flags: unknown): number {
  return checkFlags(`bit ${what} on '${bin}'`, flags, 'BitWriteFlags', BitWriteFlags, [['CREATE_ONLY', 'UPDATE_ONLY']]);
}

const M = OpType.BIT_MODIFY;
const R = OpType.BIT_READ;

/** Bitwise operations on a bytes bin. Offsets and sizes are in bits unless named byte*. */
export const BitOp = Object.freeze({
  resize: (bin: string, byteSize: number, resizeFlags = 0, flags = 0): Operation =>
    op(M, bin, 'resize', 0, [byteSize, wf('resize', bin, flags), checkFlags(`bit resize on '${bin}'`, resizeFlags, 'BitResizeFlags', BitResizeFlags, [['GROW_ONLY', 'SHRINK_ONLY']])]),
  insert: (bin: string, byteOffset: number, value: Uint8Array, flags = 0): Operation => op(M, bin, 'insert', 1, [byteOffset, value, wf('insert', bin, flags)]),
  remove: (bin: string, byteOffset: number, byteSize: number, flags = 0): Operation => op(M, bin, 'remove', 2, [byteOffset, byteSize, wf('remove', bin, flags)]),
  set: (bin: string, bitOffset: number, bitSize: number, value: Uint8Array, flags = 0): Operation => op(M, bin, 'set', 3, [bitOffset, bitSize, value, wf('set', bin, flags)]),
  or: (bin: string, bitOffset: number, bitSize: number, value: Uint8Array, flags = 0): Operation => op(M, bin, 'or', 4, [bitOffset, bitSize, value, wf('or', bin, flags)]),
  xor: (bin: string, bitOffset: number, bitSize: number, value: Uint8Array, flags = 0): Operation => op(M, bin, 'xor', 5, [bitOffset, bitSize, value, wf('xor', bin, flags)]),
  and: (bin: string, bitOffset: number, bitSize: number, value: Uint8Array, flags = 0): Operation => op(M, bin, 'and', 6, [bitOffset, bitSize, value, wf('and', bin, flags)]),
  not: (bin: string, bitOffset: number, bitSize: number, flags = 0): Operation => op(M, bin, 'not', 7, [bitOffset, bitSize, wf('not', bin, flags)]),
  lshift: (bin: string, bitOffset: number, bitSize: number, shift: number, flags = 0): Operation => op(M, bin, 'lshift', 8, [bitOffset, bitSize, shift, wf('lshift', bin, flags)]),
  rshift: (bin: string, bitOffset: number, bitSize: number, shift: number, flags = 0): Operation => op(M, bin, 'rshift', 9, [bitOffset, bitSize, shift, wf('rshift', bin, flags)]),
  add: (bin: string, bitOffset: number, bitSize: number, value: number | bigint, signed: boolean, overflow = 0, flags = 0): Operation =>
    op(M, bin, 'add', 10, [bitOffset, bitSize, value, wf('add', bin, flags), overflow | (signed ? 1 : 0)]),
  subtract: (bin: string, bitOffset: number, bitSize: number, value: number | bigint, signed: boolean, overflow = 0, flags = 0): Operation =>
    op(M, bin, 'subtract', 11, [bitOffset, bitSize, value, wf('subtract', bin, flags), overflow | (signed ? 1 : 0)]),
  setInt: (bin: string, bitOffset: number, bitSize: number, value: number | bigint, flags = 0): Operation => op(M, bin, 'setInt', 12, [bitOffset, bitSize, value, wf('setInt', bin, flags)]),
  get: (bin: string, bitOffset: number, bitSize: number): Operation => op(R, bin, 'get', 50, [bitOffset, bitSize]),
  count: (bin: string, bitOffset: number, bitSize: number): Operation => op(R, bin, 'count', 51, [bitOffset, bitSize]),
  lscan: (bin: string, bitOffset: number, bitSize: number, value: boolean): Operation => op(R, bin, 'lscan', 52, [bitOffset, bitSize, value]),
  rscan: (bin: string, bitOffset: number, bitSize: number, value: boolean): Operation => op(R, bin, 'rscan', 53, [bitOffset, bitSize, value]),
  getInt: (bin: string, bitOffset: number, bitSize: number, signed = false): Operation => op(R, bin, 'getInt', 54, signed ? [bitOffset, bitSize, 1] : [bitOffset, bitSize])
});
