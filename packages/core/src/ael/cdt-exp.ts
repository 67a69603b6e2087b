import { InvalidArgumentError } from '../errors/client-errors.js';
import { ExpNode, ExpType } from '../exp/exp.js';
import type { CdtContext } from '../ops/cdt-context.js';
import { writeContext } from '../ops/cdt-pack.js';
import type { MsgPackWriter } from '../values/msgpack-writer.js';

const CALL = 127;
const CDT_MODULE = 0;
const HLL_MODULE = 2;
const INVERTED = 0x10000;

/** Writes `[127, type, module, [ctx wrapper] [code, ...args], target]` straight into the expression. */
function cdtCall(type: ExpType, code: number, head: readonly number[], args: readonly ExpNode[], target: ExpNode, ctx: CdtContext, module = CDT_MODULE): ExpNode {
  if (!(target instanceof ExpNode)) throw new InvalidArgumentError('a collection expression needs a bin (or list/map expression) as its target');
  for (const a of args) if (!(a instanceof ExpNode)) throw new InvalidArgumentError('collection expression arguments must be expressions (use Exp.val for constants)');
  return new ExpNode((w: MsgPackWriter) => {
    w.writeArrayHeader(5);
    w.writeInt(CALL);
    w.writeInt(type);
    w.writeInt(module);
    if (ctx.length > 0) {
      w.writeArrayHeader(3);
      w.writeInt(0xff);
      writeContext(w, ctx, 'collection expression');
    }
    w.writeArrayHeader(1 + head.length + args.length);
    w.writeInt(code);
    for (const h of head) w.writeInt(h);
    for (const a of args) a.write(w);
    target.write(w);
  });
}

/** The expression type of a selector that can match several elements. */
function listResultType(returnType: number): ExpType {
  switch (returnType & ~INVERTED) {
    case 5:
      return ExpType.INT; // COUNT
    case 13:
      return ExpType.BOOL; // EXISTS
    case 0:
      throw new InvalidArgumentError('a collection read expression needs a return type other than NONE');
    default:
      return ExpType.LIST; // VALUE, INDEX, RANK and their reverses return lists
  }
}

function mapResultType(returnType: number): ExpType {
  switch (returnType & ~INVERTED) {
    case 8: // KEY_VALUE
    case 16: // UNORDERED_MAP
    case 17: // ORDERED_MAP
      return ExpType.MAP;
    default:
      return listResultType(returnType);
  }
}

function withCount(args: ExpNode[], count: ExpNode | undefined): ExpNode[] {
  return count === undefined ? args : [...args, count];
}

/**
 * List reads inside filter expressions (the same calls the official clients' `ListExp` makes).
 * Arguments are expressions (`Exp.val(…)` for constants); `ctx` reaches a nested list.
 */
export const ListExp = Object.freeze({
  /** Number of elements. */
  size: (list: ExpNode, ctx: CdtContext = []): ExpNode => cdtCall(ExpType.INT, 16, [], [], list, ctx),
  /** The element at `index`, read as `valueType` (when the return type is VALUE). */
  getByIndex: (returnType: number, valueType: ExpType, index: ExpNode, list: ExpNode, ctx: CdtContext = []): ExpNode =>
    cdtCall(valueType, 19, [returnType], [index], list, ctx),
  /** The element of rank `rank`. */
  getByRank: (returnType: number, valueType: ExpType, rank: ExpNode, list: ExpNode, ctx: CdtContext = []): ExpNode =>
    cdtCall(valueType, 21, [returnType], [rank], list, ctx),
  /** Elements equal to `value`. */
  getByValue: (returnType: number, value: ExpNode, list: ExpNode, ctx: CdtContext = []): ExpNode =>
    cdtCall(listResultType(returnType), 22, [returnType], [value], list, ctx),
  /** Elements equal to any of `values` (a list expression). */
  getByValueList: (returnType: number, values: ExpNode, list: ExpNode, ctx: CdtContext = []): ExpNode =>
    cdtCall(listResultType(returnType), 23, [returnType], [values], list, ctx),
  /** `count` elements from `index` (to the end when `count` is omitted). */
  getByIndexRange: (returnType: number, index: ExpNode, list: ExpNode, ctx: CdtContext = [], count?: ExpNode): ExpNode =>
    cdtCall(listResultType(returnType), 24, [returnType], withCount([index], count), list, ctx),
  /** Elements with `begin <= value < end` (`end` null: no upper bound). */
  getByValueRange: (returnType: number, begin: ExpNode, end: ExpNode | null, list: ExpNode, ctx: CdtContext = []): ExpNode =>
    cdtCall(listResultType(returnType), 25, [returnType], end === null ? [begin] : [begin, end], list, ctx),
  /** `count` elements from rank `rank`. */
  getByRankRange: (returnType: number, rank: ExpNode, list: ExpNode, ctx: CdtContext = [], count?: ExpNode): ExpNode =>
    cdtCall(listResultType(returnType), 26, [returnType], withCount([rank], count), list, ctx),
  /** `count` elements from rank `rank` relative to `value`. */
  getByValueRelativeRankRange: (returnType: number, value: ExpNode, rank: ExpNode, list: ExpNode, ctx: CdtContext = [], count?: ExpNode): ExpNode =>
    cdtCall(listResultType(returnType), 27, [returnType], withCount([value, rank], count), list, ctx)
});

/** Map reads inside filter expressions (the same calls the official clients' `MapExp` makes). */
export const MapExp = Object.freeze({
  /** Number of entries. */
  size: (map: ExpNode, ctx: CdtContext = []): ExpNode => cdtCall(ExpType.INT, 96, [], [], map, ctx),
  /** The entry with key `key`, its value read as `valueType`. */
  getByKey: (returnType: number, valueType: ExpType, key: ExpNode, map: ExpNode, ctx: CdtContext = []): ExpNode =>
    cdtCall(valueType, 97, [returnType], [key], map, ctx),
  /** The entry at `index` in key order. */
  getByIndex: (returnType: number, valueType: ExpType, index: ExpNode, map: ExpNode, ctx: CdtContext = []): ExpNode =>
    cdtCall(valueType, 98, [returnType], [index], map, ctx),
  /** Entries whose value equals `value`. */
  getByValue: (returnType: number, value: ExpNode, map: ExpNode, ctx: CdtContext = []): ExpNode =>
    cdtCall(mapResultType(returnType), 102, [returnType], [value], map, ctx),
  /** The entry of value rank `rank`. */
  getByRank: (returnType: number, valueType: ExpType, rank: ExpNode, map: ExpNode, ctx: CdtContext = []): ExpNode =>
    cdtCall(valueType, 100, [returnType], [rank], map, ctx),
  /** Entries with keys in any of `keys` (a list expression). */
  getByKeyList: (returnType: number, keys: ExpNode, map: ExpNode, ctx: CdtContext = []): ExpNode =>
    cdtCall(mapResultType(returnType), 107, [returnType], [keys], map, ctx),
  /** Entries with `begin <= key < end` (`end` null: no upper bound). */
  getByKeyRange: (returnType: number, begin: ExpNode, end: ExpNode | null, map: ExpNode, ctx: CdtContext = []): ExpNode =>
    cdtCall(mapResultType(returnType), 103, [returnType], end === null ? [begin] : [begin, end], map, ctx),
  /** Entries whose value is in any of `values` (a list expression). */
  getByValueList: (returnType: number, values: ExpNode, map: ExpNode, ctx: CdtContext = []): ExpNode =>
    cdtCall(mapResultType(returnType), 108, [returnType], [values], map, ctx),
  /** Entries with `begin <= value < end`. */
  getByValueRange: (returnType: number, begin: ExpNode, end: ExpNode | null, map: ExpNode, ctx: CdtContext = []): ExpNode =>
    cdtCall(mapResultType(returnType), 105, [returnType], end === null ? [begin] : [begin, end], map, ctx),
  /** `count` entries from `index` in key order. */
  getByIndexRange: (returnType: number, index: ExpNode, map: ExpNode, ctx: CdtContext = [], count?: ExpNode): ExpNode =>
    cdtCall(mapResultType(returnType), 104, [returnType], withCount([index], count), map, ctx),
  /** `count` entries from value rank `rank`. */
  getByRankRange: (returnType: number, rank: ExpNode, map: ExpNode, ctx: CdtContext = [], count?: ExpNode): ExpNode =>
    cdtCall(mapResultType(returnType), 106, [returnType], withCount([rank], count), map, ctx),
  /** `count` entries from index `index` relative to key `key`. */
  getByKeyRelativeIndexRange: (returnType: number, key: ExpNode, index: ExpNode, map: ExpNode, ctx: CdtContext = [], count?: ExpNode): ExpNode =>
    cdtCall(mapResultType(returnType), 109, [returnType], withCount([key, index], count), map, ctx),
  /** `count` entries from rank `rank` relative to value `value`. */
  getByValueRelativeRankRange: (returnType: number, value: ExpNode, rank: ExpNode, map: ExpNode, ctx: CdtContext = [], count?: ExpNode): ExpNode =>
    cdtCall(mapResultType(returnType), 110, [returnType], withCount([value, rank], count), map, ctx)
});

/** HyperLogLog reads inside filter expressions (the official clients' `HLLExp`); `hll` is an HLL bin expression. */
export const HllExp = Object.freeze({
  /** Estimated number of distinct elements. */
  getCount: (hll: ExpNode): ExpNode => cdtCall(ExpType.INT, 50, [], [], hll, [], HLL_MODULE),
  /** The union of `hll` and `list` (a list of HLL values, or one HLL). */
  getUnion: (list: ExpNode, hll: ExpNode): ExpNode => cdtCall(ExpType.HLL, 51, [], [list], hll, [], HLL_MODULE),
  /** Estimated distinct count of the union. */
  getUnionCount: (list: ExpNode, hll: ExpNode): ExpNode => cdtCall(ExpType.INT, 52, [], [list], hll, [], HLL_MODULE),
  /** Estimated distinct count of the intersection. */
  getIntersectCount: (list: ExpNode, hll: ExpNode): ExpNode => cdtCall(ExpType.INT, 53, [], [list], hll, [], HLL_MODULE),
  /** Estimated similarity (0..1). */
  getSimilarity: (list: ExpNode, hll: ExpNode): ExpNode => cdtCall(ExpType.FLOAT, 54, [], [list], hll, [], HLL_MODULE),
  /** `[indexBitCount, minHashBitCount]`. */
  describe: (hll: ExpNode): ExpNode => cdtCall(ExpType.LIST, 55, [], [], hll, [], HLL_MODULE),
  /** 1 when every value of `list` may be in the set, else 0. */
  mayContain: (list: ExpNode, hll: ExpNode): ExpNode => cdtCall(ExpType.INT, 56, [], [list], hll, [], HLL_MODULE)
});
