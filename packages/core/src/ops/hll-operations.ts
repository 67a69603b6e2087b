import type { Operation } from '../command/operation.js';
import { InvalidArgumentError } from '../errors/client-errors.js';
import { checkBinName } from '../util/validate.js';
import type { CdtValue } from '../values/value-types.js';
import type { HLL } from '../values/hll.js';
import { OpType } from '../wire/constants.js';
import { packCdt } from './cdt-pack.js';
import { checkFlags } from './write-flags.js';

/** HLL write flags (OR-able). */
export const HllWriteFlags = Object.freeze({ DEFAULT: 0, CREATE_ONLY: 1, UPDATE_ONLY: 2, NO_FAIL: 4, ALLOW_FOLD: 8 } as const);

function op(type: OpType, bin: string, what: string, code: number, args: readonly unknown[]): Operation {
  checkBinName(bin);
  return { op: type, bin, packed: packCdt(`HLL ${what} on '${bin}'`, undefined, code, args) };
}

/** Checked write flags of a modify operation. */
function hf(what: string, bin: string, flags: unknown): number {
  return checkFlags(`HLL ${what} on '${bin}'`, flags, 'HllWriteFlags', HllWriteFlags, [['CREATE_ONLY', 'UPDATE_ONLY']]);
}

function bits(n: number, min: number, max: number, what: string): number {
  // -1 = unset; 0 = none (accepted by the server for minHashBitCount)
  if (n !== -1 && n !== 0 && (!Number.isInteger(n) || n < min || n > max)) throw new InvalidArgumentError(`${what} must be ${min}..${max} (or -1 for unset), got ${n}`);
  return n;
}

const M = OpType.HLL_MODIFY;
const R = OpType.HLL_READ;

/** HyperLogLog operations. Bit counts of -1 leave them to the server or the existing bin. */
export const HllOp = Object.freeze({
  init: (bin: string, indexBitCount: number, minHashBitCount = -1, flags = 0): Operation =>
    op(M, bin, 'init', 0, [bits(indexBitCount, 4, 16, 'indexBitCount'), bits(minHashBitCount, 4, 51, 'minHashBitCount'), hf('init', bin, flags)]),
  add: (bin: string, values: readonly CdtValue[], indexBitCount = -1, minHashBitCount = -1, flags = 0): Operation =>
    op(M, bin, 'add', 1, [values, bits(indexBitCount, 4, 16, 'indexBitCount'), bits(minHashBitCount, 4, 51, 'minHashBitCount'), hf('add', bin, flags)]),
  setUnion: (bin: string, hlls: readonly HLL[], flags = 0): Operation => op(M, bin, 'setUnion', 2, [hlls, hf('setUnion', bin, flags)]),
  refreshCount: (bin: string): Operation => op(M, bin, 'refreshCount', 3, []),
  fold: (bin: string, indexBitCount: number): Operation => op(M, bin, 'fold', 4, [bits(indexBitCount, 4, 16, 'indexBitCount')]),
  getCount: (bin: string): Operation => op(R, bin, 'getCount', 50, []),
  getUnion: (bin: string, hlls: readonly HLL[]): Operation => op(R, bin, 'getUnion', 51, [hlls]),
  getUnionCount: (bin: string, hlls: readonly HLL[]): Operation => op(R, bin, 'getUnionCount', 52, [hlls]),
  getIntersectCount: (bin: string, hlls: readonly HLL[]): Operation => op(R, bin, 'getIntersectCount', 53, [hlls]),
  getSimilarity: (bin: string, hlls: readonly HLL[]): Operation => op(R, bin, 'getSimilarity', 54, [hlls]),
  describe: (bin: string): Operation => op(R, bin, 'describe', 55, []),
  /** Returns 1 when every one of `values` may be in the sketch, else 0 (false positives possible). */
  mayContain: (bin: string, values: readonly CdtValue[]): Operation => op(R, bin, 'mayContain', 56, [values])
});
