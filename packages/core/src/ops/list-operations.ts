import type { Operation } from '../command/operation.js';
import { InvalidArgumentError } from '../errors/client-errors.js';
import { checkBinName, describeType } from '../util/validate.js';
import type { CdtValue } from '../values/value-types.js';
import { OpType } from '../wire/constants.js';
import type { CdtContext } from './cdt-context.js';
import { packCdt } from './cdt-pack.js';
import { checkFlags } from './write-flags.js';

/** What a list read or remove returns. OR `INVERTED` to select everything else. */
export const ListReturnType = Object.freeze({
  NONE: 0,
  INDEX: 1,
  REVERSE_INDEX: 2,
  RANK: 3,
  REVERSE_RANK: 4,
  COUNT: 5,
  VALUE: 7,
  EXISTS: 13,
  INVERTED: 0x10000
} as const);

/** List ordering. */
export const ListOrder = Object.freeze({ UNORDERED: 0, ORDERED: 1 } as const);
/** List write flags (OR-able). */
export const ListWriteFlags = Object.freeze({ DEFAULT: 0, ADD_UNIQUE: 1, INSERT_BOUNDED: 2, NO_FAIL: 4, PARTIAL: 8 } as const);
/** List sort flags. */
export const ListSortFlags = Object.freeze({ DEFAULT: 0, DESCENDING: 1, DROP_DUPLICATES: 2 } as const);

/** How list writes behave. */
export interface ListPolicy {
  /** {@link ListOrder}; also persists an index when OR-ed with 0x10 in `setOrder`. */
  readonly order: number;
  /** {@link ListWriteFlags}. */
  readonly flags: number;
}

const MODIFY = OpType.CDT_MODIFY;
const READ = OpType.CDT_READ;

function op(type: OpType, bin: string, what: string, ctx: CdtContext | undefined, code: number, args: readonly unknown[]): Operation {
  checkBinName(bin);
  return { op: type, bin, packed: packCdt(`list ${what} on '${bin}'`, ctx, code, args) };
}

/** The policy's flags, checked (`what` names the operation). */
function flagsOf(what: string, bin: string, p: ListPolicy): number {
  const label = `list ${what} on '${bin}'`;
  if (typeof p !== 'object' || p === null) throw new InvalidArgumentError(`${label}: policy must be { order, flags }, got ${describeType(p)}`);
  return checkFlags(label, p.flags, 'ListWriteFlags', ListWriteFlags);
}

function withPolicy(what: string, bin: string, args: unknown[], p: ListPolicy | undefined): unknown[] {
  return p === undefined ? args : [...args, p.order, flagsOf(what, bin, p)];
}

function range(args: unknown[], count: number | undefined): unknown[] {
  return count === undefined ? args : [...args, count];
}

/** List operations (the bin must hold a list; `ctx` reaches a nested list). */
export const ListOp = Object.freeze({
  /** Creates the list with an order (at `ctx`, when given, creating missing parents). */
  create: (bin: string, order: number, pad = false, ctx?: CdtContext): Operation => {
    if (ctx === undefined || ctx.length === 0) return op(MODIFY, bin, 'create', undefined, 0, [order]);
    const last = ctx[ctx.length - 1] as { id: number; value: CdtValue };
    const flag = order === ListOrder.ORDERED ? 0xc0 : pad ? 0x80 : 0x40;
    return op(MODIFY, bin, 'create', [...ctx.slice(0, -1), { id: last.id | flag, value: last.value }], 0, [order]);
  },
  /** Sets the list's order. */
  setOrder: (bin: string, order: number, ctx?: CdtContext): Operation => op(MODIFY, bin, 'setOrder', ctx, 0, [order]),
  append: (bin: string, value: CdtValue, policy?: ListPolicy, ctx?: CdtContext): Operation => op(MODIFY, bin, 'append', ctx, 1, withPolicy('append', bin, [value], policy)),
  appendItems: (bin: string, values: readonly CdtValue[], policy?: ListPolicy, ctx?: CdtContext): Operation => op(MODIFY, bin, 'appendItems', ctx, 2, withPolicy('appendItems', bin, [values], policy)),
  insert: (bin: string, index: number, value: CdtValue, policy?: ListPolicy, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'insert', ctx, 3, policy === undefined ? [index, value] : [index, value, flagsOf('insert', bin, policy)]),
  insertItems: (bin: string, index: number, values: readonly CdtValue[], policy?: ListPolicy, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'insertItems', ctx, 4, policy === undefined ? [index, values] : [index, values, flagsOf('insertItems', bin, policy)]),
  pop: (bin: string, index: number, ctx?: CdtContext): Operation => op(MODIFY, bin, 'pop', ctx, 5, [index]),
  popRange: (bin: string, index: number, count?: number, ctx?: CdtContext): Operation => op(MODIFY, bin, 'popRange', ctx, 6, range([index], count)),
  remove: (bin: string, index: number, ctx?: CdtContext): Operation => op(MODIFY, bin, 'remove', ctx, 7, [index]),
  removeRange: (bin: string, index: number, count?: number, ctx?: CdtContext): Operation => op(MODIFY, bin, 'removeRange', ctx, 8, range([index], count)),
  set: (bin: string, index: number, value: CdtValue, policy?: ListPolicy, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'set', ctx, 9, policy === undefined ? [index, value] : [index, value, flagsOf('set', bin, policy)]),
  trim: (bin: string, index: number, count: number, ctx?: CdtContext): Operation => op(MODIFY, bin, 'trim', ctx, 10, [index, count]),
  clear: (bin: string, ctx?: CdtContext): Operation => op(MODIFY, bin, 'clear', ctx, 11, []),
  increment: (bin: string, index: number, value: number | bigint = 1, policy?: ListPolicy, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'increment', ctx, 12, withPolicy('increment', bin, [index, value], policy)),
  sort: (bin: string, sortFlags = 0, ctx?: CdtContext): Operation => op(MODIFY, bin, 'sort', ctx, 13, [sortFlags]),
  size: (bin: string, ctx?: CdtContext): Operation => op(READ, bin, 'size', ctx, 16, []),
  get: (bin: string, index: number, ctx?: CdtContext): Operation => op(READ, bin, 'get', ctx, 17, [index]),
  getRange: (bin: string, index: number, count?: number, ctx?: CdtContext): Operation => op(READ, bin, 'getRange', ctx, 18, range([index], count)),
  getByIndex: (bin: string, index: number, returnType: number, ctx?: CdtContext): Operation => op(READ, bin, 'getByIndex', ctx, 19, [returnType, index]),
  getByRank: (bin: string, rank: number, returnType: number, ctx?: CdtContext): Operation => op(READ, bin, 'getByRank', ctx, 21, [returnType, rank]),
  getByValue: (bin: string, value: CdtValue, returnType: number, ctx?: CdtContext): Operation => op(READ, bin, 'getByValue', ctx, 22, [returnType, value]),
  getByValueList: (bin: string, values: readonly CdtValue[], returnType: number, ctx?: CdtContext): Operation => op(READ, bin, 'getByValueList', ctx, 23, [returnType, values]),
  getByIndexRange: (bin: string, index: number, returnType: number, count?: number, ctx?: CdtContext): Operation =>
    op(READ, bin, 'getByIndexRange', ctx, 24, range([returnType, index], count)),
  getByValueRange: (bin: string, begin: CdtValue | null, end: CdtValue | null, returnType: number, ctx?: CdtContext): Operation =>
    op(READ, bin, 'getByValueRange', ctx, 25, end === null ? [returnType, begin] : [returnType, begin, end]),
  getByRankRange: (bin: string, rank: number, returnType: number, count?: number, ctx?: CdtContext): Operation =>
    op(READ, bin, 'getByRankRange', ctx, 26, range([returnType, rank], count)),
  getByValueRelativeRankRange: (bin: string, value: CdtValue, rank: number, returnType: number, count?: number, ctx?: CdtContext): Operation =>
    op(READ, bin, 'getByValueRelativeRankRange', ctx, 27, range([returnType, value, rank], count)),
  removeByIndex: (bin: string, index: number, returnType: number, ctx?: CdtContext): Operation => op(MODIFY, bin, 'removeByIndex', ctx, 32, [returnType, index]),
  removeByRank: (bin: string, rank: number, returnType: number, ctx?: CdtContext): Operation => op(MODIFY, bin, 'removeByRank', ctx, 34, [returnType, rank]),
  removeByValue: (bin: string, value: CdtValue, returnType: number, ctx?: CdtContext): Operation => op(MODIFY, bin, 'removeByValue', ctx, 35, [returnType, value]),
  removeByValueList: (bin: string, values: readonly CdtValue[], returnType: number, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'removeByValueList', ctx, 36, [returnType, values]),
  removeByIndexRange: (bin: string, index: number, returnType: number, count?: number, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'removeByIndexRange', ctx, 37, range([returnType, index], count)),
  removeByValueRange: (bin: string, begin: CdtValue | null, end: CdtValue | null, returnType: number, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'removeByValueRange', ctx, 38, end === null ? [returnType, begin] : [returnType, begin, end]),
  removeByRankRange: (bin: string, rank: number, returnType: number, count?: number, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'removeByRankRange', ctx, 39, range([returnType, rank], count)),
  removeByValueRelativeRankRange: (bin: string, value: CdtValue, rank: number, returnType: number, count?: number, ctx?: CdtContext): Operation =>
    op(MODIFY, bin, 'removeByValueRelativeRankRange', ctx, 40, range([returnType, value, rank], count))
});
