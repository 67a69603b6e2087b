import { InvalidArgumentError } from '../errors/client-errors.js';
import type { CdtValue } from '../values/value-types.js';

/** One step into a nested list or map. */
export interface CtxItem {
  /** Context type id (0x10 list index, 0x11 list rank, 0x13 list value, 0x20 map index, 0x21 map rank, 0x22 map key, 0x23 map value), with create flags OR-ed in. */
  readonly id: number;
  readonly value: CdtValue;
}

/** A path into nested lists and maps, outermost first. */
export type CdtContext = readonly CtxItem[];

/** List order flags used when a context step creates a missing list. */
export const ListOrderFlag = Object.freeze({ UNORDERED: 0x40, UNORDERED_PAD: 0x80, ORDERED: 0xc0 } as const);
/** Map order flags used when a context step creates a missing map. */
export const MapOrderFlag = Object.freeze({ UNORDERED: 0x40, KEY_ORDERED: 0x80, KEY_VALUE_ORDERED: 0xc0 } as const);

function int(v: number, what: string): number {
  if (!Number.isSafeInteger(v)) throw new InvalidArgumentError(`${what} must be an integer, got ${String(v)}`);
  return v;
}

/** Builders for context steps. */
export const Ctx = Object.freeze({
  /** The list element at `index` (negative counts from the end). */
  listIndex: (index: number): CtxItem => ({ id: 0x10, value: int(index, 'list index') }),
  /** The list element at `index`, creating the list (with `order`) when missing; `pad` pads with nils. */
  listIndexCreate: (index: number, order: 'unordered' | 'ordered' = 'unordered', pad = false): CtxItem => ({
    id: 0x10 | (order === 'ordered' ? ListOrderFlag.ORDERED : pad ? ListOrderFlag.UNORDERED_PAD : ListOrderFlag.UNORDERED),
    value: int(index, 'list index')
  }),
  /** The list element of rank `rank` (0 = smallest). */
  listRank: (rank: number): CtxItem => ({ id: 0x11, value: int(rank, 'list rank') }),
  /** The list element equal to `value`. */
  listValue: (value: CdtValue): CtxItem => ({ id: 0x13, value }),
  /** The map entry at `index` in key order. */
  mapIndex: (index: number): CtxItem => ({ id: 0x20, value: int(index, 'map index') }),
  /** The map entry of value rank `rank`. */
  mapRank: (rank: number): CtxItem => ({ id: 0x21, value: int(rank, 'map rank') }),
  /** The map entry with key `key`. */
  mapKey: (key: CdtValue): CtxItem => ({ id: 0x22, value: key }),
  /** The map entry with key `key`, creating the map (with `order`) when missing. */
  mapKeyCreate: (key: CdtValue, order: 'unordered' | 'key-ordered' | 'key-value-ordered' = 'unordered'): CtxItem => ({
    id: 0x22 | (order === 'key-ordered' ? MapOrderFlag.KEY_ORDERED : order === 'key-value-ordered' ? MapOrderFlag.KEY_VALUE_ORDERED : MapOrderFlag.UNORDERED),
    value: key
  }),
  /** The map entry whose value equals `value`. */
  mapValue: (value: CdtValue): CtxItem => ({ id: 0x23, value })
});
