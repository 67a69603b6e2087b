import type { Operation } from '../command/operation.js';
import { InvalidArgumentError } from '../errors/client-errors.js';
import { checkBinName, describeType } from '../util/validate.js';
import type { CdtValue, MapKey } from '../values/value-types.js';
import { OpType } from '../wire/constants.js';
import type { CdtContext } from './cdt-context.js';
import { packCdt } from './cdt-pack.js';
import { checkFlags } from './write-flags.js';

/** What a map read or remove returns. OR `INVERTED` to select everything else. */
export const MapReturnType = Object.freeze({
  NONE: 0,
  INDEX: 1,
  REVERSE_INDEX: 2,
  RANK: 3,
  REVERSE_RANK: 4,
  COUNT: 5,
  KEY: 6,
  VALUE: 7,
  KEY_VALUE: 8,
  EXISTS: 13,
  UNORDERED_MAP: 16,
  ORDERED_MAP: 17,
  INVERTED: 0x10000
} as const);

/** Map ordering. */
export const MapOrder = Object.freeze({ UNORDERED: 0, KEY_ORDERED: 1, KEY_VALUE_ORDERED: 3 } as const);
/** Map write flags (OR-able). */
export const MapWriteFlags = Object.freeze({ DEFAULT: 0, CREATE_ONLY: 1, UPDATE_ONLY: 2, NO_FAIL: 4, PARTIAL: 8 } as const);

/** How map writes behave. */
export interface MapPolicy {
  /** {@link MapOrder}. */
  readonly order: number;
  /** {@link MapWriteFlags}. */
  readonly flags: number;
}

const DEFAULT_POLICY: MapPolicy = { order: MapOrder.UNORDERED, flags: MapWriteFlags.DEFAULT };
const MODIFY = OpType.CDT_MODIFY;
const READ = OpType.CDT_READ;

function op(type: OpType, bin: string, what: string, ctx: CdtContext | undefined, code: number, args: readonly unknown[]): Operation {
  checkBinName(bin);
  // Map operations always answer (RESPOND_ALL_OPS), as the official clients send them.
  return { op: type, bin, packed: packCdt(`map ${what} on '${bin}'`, ctx, code, args), respondAll: true };
}

function range(args: unknown[], count: number | undefined): unknown[] {
  return count === undefined ? args : [...args, count];
}

function writeArgs(what: string, bin: string, args: unknown[], p: MapPolicy): unknown[] {
  const label = `map ${what} on '${bin}'`;
  if (typeof p !== 'object' || p === null) throw new InvalidArgumentError(`${label}: policy must be { order, flags }, got ${describeType(p)}`);
  const flags = checkFlags(label, p.flags, 'MapWriteFlags', MapWriteFlags, [['CREATE_ONLY', 'UPDATE_ONLY']]);
  return flags === 0 ? [...args, p.order] : [...args, p.order, flags];
}

/** Map operations (the bin must hold a map; `ctx` reaches a nested map). */
export const MapOp = Object.freeze({
  /** Creates the map with an order (at `ctx`, when given, creating missing parents). */
  create: (bin: string, order: number, ctx?: CdtContext): Operation => {
    if (ctx === undefined || ctx.length === 0) return op(MODIFY, bin, 'create', undefined, 64, [order]);
    const last = ctx[ctx.length - 1] as { id: number; value: CdtValue };
    const flag = order === MapOrder.KEY_ORDERED ? 0x80 : order === MapOrder.KEY_VALUE_ORDERED ? 0xc0 : 0x40;
    return op(MODIFY, bin, 'create', [...ctx.slice(0, -1), { id: last.id | flag, value: last.value }], 64, [order]);
  },
  /** Sets the map's order. */
  setPolicy: (bin: string, policy: MapPolicy, ctx?: CdtContext): Operation => op(MODIFY, bin, 'setPolicy', ctx, 64, [policy.order]),
  put: (bin: string, key: CdtValue & MapKey, value: CdtValue, policy: MapPolicy = DEFAULT_POLICY, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'put', ctx, 67, writeArgs('put', bin, [key, value], policy)),
  putItems: (bin: string, items: ReadonlyMap<MapKey, CdtValue> | { readonly [k: string]: CdtValue }, policy: MapPolicy = DEFAULT_POLICY, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'putItems', ctx, 68, writeArgs('putItems', bin, [items], policy)),
  increment: (bin: string, key: CdtValue & MapKey, delta: number | bigint = 1, policy: MapPolicy = DEFAULT_POLICY, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'increment', ctx, 73, [key, delta, policy.order]),
  decrement: (bin: string, key: CdtValue & MapKey, delta: number | bigint = 1, policy: MapPolicy = DEFAULT_POLICY, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'decrement', ctx, 74, [key, delta, policy.order]),
  clear: (bin: string, ctx?: CdtContext): Operation => op(MODIFY, bin, 'clear', ctx, 75, []),
  removeByKey: (bin: string, key: CdtValue, returnType: number, ctx?: CdtContext): Operation => op(MODIFY, bin, 'removeByKey', ctx, 76, [returnType, key]),
  removeByIndex: (bin: string, index: number, returnType: number, ctx?: CdtContext): Operation => op(MODIFY, bin, 'removeByIndex', ctx, 77, [returnType, index]),
  removeByRank: (bin: string, rank: number, returnType: number, ctx?: CdtContext): Operation => op(MODIFY, bin, 'removeByRank', ctx, 79, [returnType, rank]),
  removeByKeyList: (bin: string, keys: readonly CdtValue[], returnType: number, ctx?: CdtContext): Operation => op(MODIFY, bin, 'removeByKeyList', ctx, 81, [returnType, keys]),
  removeByValue: (bin: string, value: CdtValue, returnType: number, ctx?: CdtContext): Operation => op(MODIFY, bin, 'removeByValue', ctx, 82, [returnType, value]),
  removeByValueList: (bin: string, values: readonly CdtValue[], returnType: number, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'removeByValueList', ctx, 83, [returnType, values]),
  removeByKeyRange: (bin: string, begin: CdtValue | null, end: CdtValue | null, returnType: number, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'removeByKeyRange', ctx, 84, end === null ? [returnType, begin] : [returnType, begin, end]),
  removeByIndexRange: (bin: string, index: number, returnType: number, count?: number, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'removeByIndexRange', ctx, 85, range([returnType, index], count)),
  removeByValueRange: (bin: string, begin: CdtValue | null, end: CdtValue | null, returnType: number, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'removeByValueRange', ctx, 86, end === null ? [returnType, begin] : [returnType, begin, end]),
  removeByRankRange: (bin: string, rank: number, returnType: number, count?: number, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'removeByRankRange', ctx, 87, range([returnType, rank], count)),
  removeByKeyRelativeIndexRange: (bin: string, key: CdtValue, index: number, returnType: number, count?: number, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'removeByKeyRelativeIndexRange', ctx, 88, range([returnType, key, index], count)),
  removeByValueRelativeRankRange: (bin: string, value: CdtValue, rank: number, returnType: number, count?: number, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'removeByValueRelativeRankRange', ctx, 89, range([returnType, value, rank], count)),
  size: (bin: string, ctx?: CdtContext): Operation => op(READ, bin, 'size', ctx, 96, []),
  getByKey: (bin: string, key: CdtValue, returnType: number, ctx?: CdtContext): Operation => op(READ, bin, 'getByKey', ctx, 97, [returnType, key]),
  getByIndex: (bin: string, index: number, returnType: number, ctx?: CdtContext): Operation => op(READ, bin, 'getByIndex', ctx, 98, [returnType, index]),
  getByRank: (bin: string, rank: number, returnType: number, ctx?: CdtContext): Operation => op(READ, bin, 'getByRank', ctx, 100, [returnType, rank]),
  getByValue: (bin: string, value: CdtValue, returnType: number, ctx?: CdtContext): Operation => op(READ, bin, 'getByValue', ctx, 102, [returnType, value]),
  getByKeyRange: (bin: string, begin: CdtValue | null, end: CdtValue | null, returnType: number, ctx?: CdtContext): Operation =>
    op(READ, bin, 'getByKeyRange', ctx, 103, end === null ? [returnType, begin] : [returnType, begin, end]),
  getByIndexRange: (bin: string, index: number, returnType: number, count?: number, ctx?: CdtContext): Operation =>
    op(READ, bin, 'getByIndexRange', ctx, 104, range([returnType, index], count)),
  getByValueRange: (bin: string, begin: CdtValue | null, end: CdtValue | null, returnType: number, ctx?: CdtContext): Operation =>
    op(READ, bin, 'getByValueRange', ctx, 105, end === null ? [returnType, begin] : [returnType, begin, end]),
  getByRankRange: (bin: string, rank: number, returnType: number, count?: number, ctx?: CdtContext): Operation =>
    op(READ, bin, 'getByRankRange', ctx, 106, range([returnType, rank], count)),
  getByKeyList: (bin: string, keys: readonly CdtValue[], returnType: number, ctx?: CdtContext): Operation => op(READ, bin, 'getByKeyList', ctx, 107, [returnType, keys]),
  getByValueList: (bin: string, values: readonly CdtValue[], returnType: number, ctx?: CdtContext): Operation =>
    op(READ, bin, 'getByValueList', ctx, 108, [returnType, values]),
  getByKeyRelativeIndexRange: (bin: string, key: CdtValue, index: number, returnType: number, count?: number, ctx?: CdtContext): Operation =>
    op(READ, bin, 'getByKeyRelativeIndexRange', ctx, 109, range([returnType, key, index], count)),
  getByValueRelativeRankRange: (bin: string, value: CdtValue, rank: number, returnType: number, count?: number, ctx?: CdtContext): Operation =>
    op(READ, bin, 'getByValueRelativeRankRange', ctx, 110, range([returnType, value, rank], count))
});
