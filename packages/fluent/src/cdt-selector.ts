import { Ctx, InvalidArgumentError, ListOp, ListOrder, MapOp, MapOrder, type CdtContext, type CdtValue, type CtxItem, type Operation } from '@aerospike-ts/core';

/** One navigation step's selection: what `onMapKey`, `onListRankRange`, … picked. */
export type Selector =
  | { readonly kind: 'mapKey'; readonly key: CdtValue; readonly createOrder: number | undefined }
  | { readonly kind: 'mapIndex'; readonly index: number }
  | { readonly kind: 'mapRank'; readonly rank: number }
  | { readonly kind: 'mapValue'; readonly value: CdtValue }
  | { readonly kind: 'mapIndexRange'; readonly index: number; readonly count: number | undefined }
  | { readonly kind: 'mapKeyRange'; readonly begin: CdtValue | null; readonly end: CdtValue | null }
  | { readonly kind: 'mapRankRange'; readonly rank: number; readonly count: number | undefined }
  | { readonly kind: 'mapValueRange'; readonly begin: CdtValue | null; readonly end: CdtValue | null }
  | { readonly kind: 'mapKeyRelativeIndexRange'; readonly key: CdtValue; readonly index: number; readonly count: number | undefined }
  | { readonly kind: 'mapValueRelativeRankRange'; readonly value: CdtValue; readonly rank: number; readonly count: number | undefined }
  | { readonly kind: 'mapKeyList'; readonly keys: readonly CdtValue[] }
  | { readonly kind: 'mapValueList'; readonly values: readonly CdtValue[] }
  | { readonly kind: 'listIndex'; readonly index: number; readonly createOrder: number | undefined; readonly pad: boolean }
  | { readonly kind: 'listRank'; readonly rank: number }
  | { readonly kind: 'listValue'; readonly value: CdtValue }
  | { readonly kind: 'listIndexRange'; readonly index: number; readonly count: number | undefined }
  | { readonly kind: 'listRankRange'; readonly rank: number; readonly count: number | undefined }
  | { readonly kind: 'listValueRange'; readonly begin: CdtValue | null; readonly end: CdtValue | null }
  | { readonly kind: 'listValueRelativeRankRange'; readonly value: CdtValue; readonly rank: number; readonly count: number | undefined }
  | { readonly kind: 'listValueList'; readonly values: readonly CdtValue[] };

/** True when the selection is in a map (map return types such as KEY apply). */
export function isMapSelector(s: Selector): boolean {
  return s.kind.startsWith('map');
}

/** The context step that enters the selected element, or null for a multi-element selection. */
export function selectorCtx(s: Selector): CtxItem | null {
  switch (s.kind) {
    case 'mapKey':
      if (s.createOrder === undefined) return Ctx.mapKey(s.key);
      return Ctx.mapKeyCreate(s.key, s.createOrder === MapOrder.KEY_ORDERED ? 'key-ordered' : s.createOrder === MapOrder.KEY_VALUE_ORDERED ? 'key-value-ordered' : 'unordered');
    case 'mapIndex':
      return Ctx.mapIndex(s.index);
    case 'mapRank':
      return Ctx.mapRank(s.rank);
    case 'mapValue':
      return Ctx.mapValue(s.value);
    case 'listIndex':
      if (s.createOrder === undefined && !s.pad) return Ctx.listIndex(s.index);
      return Ctx.listIndexCreate(s.index, s.createOrder === ListOrder.ORDERED ? 'ordered' : 'unordered', s.pad);
    case 'listRank':
      return Ctx.listRank(s.rank);
    case 'listValue':
      return Ctx.listValue(s.value);
    default:
      return null;
  }
}

/**
 * The operation that reads (or, with `remove`, removes) the selection, returning
 * `returnType`; `ctx` is the path to the collection the selection is in.
 */
export function selectorOp(bin: string, s: Selector, returnType: number, ctx: CdtContext | undefined, remove: boolean): Operation {
  // Lists and maps share the by-index/rank/value selectors with the same arguments.
  const C = isMapSelector(s) ? MapOp : ListOp;
  switch (s.kind) {
    case 'mapKey':
      return remove ? MapOp.removeByKey(bin, s.key, returnType, ctx) : MapOp.getByKey(bin, s.key, returnType, ctx);
    case 'mapKeyRange':
      return remove ? MapOp.removeByKeyRange(bin, s.begin, s.end, returnType, ctx) : MapOp.getByKeyRange(bin, s.begin, s.end, returnType, ctx);
    case 'mapKeyRelativeIndexRange':
      return remove
        ? MapOp.removeByKeyRelativeIndexRange(bin, s.key, s.index, returnType, s.count, ctx)
        : MapOp.getByKeyRelativeIndexRange(bin, s.key, s.index, returnType, s.count, ctx);
    case 'mapKeyList':
      return remove ? MapOp.removeByKeyList(bin, s.keys, returnType, ctx) : MapOp.getByKeyList(bin, s.keys, returnType, ctx);
    case 'mapIndex':
    case 'listIndex':
      return remove ? C.removeByIndex(bin, s.index, returnType, ctx) : C.getByIndex(bin, s.index, returnType, ctx);
    case 'mapRank':
    case 'listRank':
      return remove ? C.removeByRank(bin, s.rank, returnType, ctx) : C.getByRank(bin, s.rank, returnType, ctx);
    case 'mapValue':
    case 'listValue':
      return remove ? C.removeByValue(bin, s.value, returnType, ctx) : C.getByValue(bin, s.value, returnType, ctx);
    case 'mapIndexRange':
    case 'listIndexRange':
      return remove ? C.removeByIndexRange(bin, s.index, returnType, s.count, ctx) : C.getByIndexRange(bin, s.index, returnType, s.count, ctx);
    case 'mapRankRange':
    case 'listRankRange':
      return remove ? C.removeByRankRange(bin, s.rank, returnType, s.count, ctx) : C.getByRankRange(bin, s.rank, returnType, s.count, ctx);
    case 'mapValueRange':
    case 'listValueRange':
      return remove ? C.removeByValueRange(bin, s.begin, s.end, returnType, ctx) : C.getByValueRange(bin, s.begin, s.end, returnType, ctx);
    case 'mapValueRelativeRankRange':
    case 'listValueRelativeRankRange':
      return remove
        ? C.removeByValueRelativeRankRange(bin, s.value, s.rank, returnType, s.count, ctx)
        : C.getByValueRelativeRankRange(bin, s.value, s.rank, returnType, s.count, ctx);
    case 'mapValueList':
    case 'listValueList':
      return remove ? C.removeByValueList(bin, s.values, returnType, ctx) : C.getByValueList(bin, s.values, returnType, ctx);
    default:
      throw new InvalidArgumentError(`unknown CDT selection ${String((s as { kind: unknown }).kind)}`);
  }
}
