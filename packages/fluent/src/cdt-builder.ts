import {
  InvalidArgumentError,
  ListOp,
  ListOrder,
  ListReturnType,
  ListSortFlags,
  MapOp,
  MapReturnType,
  MapWriteFlags,
  type CdtContext,
  type CdtValue,
  type CtxItem,
  type MapKey,
  type Operation
} from '@aerospike-ts/core';
import { checkOptions, int, listOrder, listPolicy, mapOrder, mapPolicy, nonEmpty, optCount, type ListWriteOptions, type MapWriteOptions } from './bin-flags.js';
import { isMapSelector, selectorCtx, selectorOp, type Selector } from './cdt-selector.js';

/** Where bin builders put the operations they make: the record or batch-entry builder. */
export interface OpSink<P> {
  /** Adds an operation; returns the builder to continue the chain. */
  op(o: Operation): P;
}

/** Map entries: a plain object, a `Map`, or `[key, value]` pairs. */
export type MapItems = { readonly [k: string]: CdtValue } | ReadonlyMap<MapKey, CdtValue> | readonly (readonly [MapKey, CdtValue])[];

function mapItems(what: string, items: MapItems): ReadonlyMap<MapKey, CdtValue> | { readonly [k: string]: CdtValue } {
  if (items === null || typeof items !== 'object') throw new InvalidArgumentError(`${what}: items must be an object, a Map or [key, value] pairs`);
  if (Array.isArray(items)) {
    nonEmpty(what, 'items', items);
    const m = new Map<MapKey, CdtValue>();
    for (const p of items as readonly (readonly [MapKey, CdtValue])[]) {
      if (!Array.isArray(p) || p.length !== 2) throw new InvalidArgumentError(`${what}: each item must be a [key, value] pair`);
      m.set(p[0], p[1]);
    }
    return m;
  }
  const size = items instanceof Map ? items.size : Object.keys(items).length;
  if (size === 0) throw new InvalidArgumentError(`${what}: items is empty; pass at least one entry`);
  return items as ReadonlyMap<MapKey, CdtValue> | { readonly [k: string]: CdtValue };
}

/** Options of `remove()` / `removeAllOthers()`. */
export interface RemoveOptions {
  /** What the server returns about the removed elements ({@link ListReturnType} / {@link MapReturnType}); NONE by default. */
  readonly returnType?: number;
}

/** Options of `listCreate`. */
export interface ListCreateOptions {
  /** When created through a context, a missing index is padded with nils. */
  readonly pad?: boolean;
  /** Keep a persisted index (top-level lists only). */
  readonly persistIndex?: boolean;
}

/** Options of `onListIndex`: create the list element (and list) when missing. */
export interface ListIndexOptions {
  /** The order of a list the step creates ({@link ListOrder}). */
  readonly order?: number;
  /** Pad with nils up to the index when creating. */
  readonly pad?: boolean;
}

/** Options of `onMapKey`: create the map entry when missing. */
export interface MapKeyOptions {
  /** The order of a map the step creates ({@link MapOrder}). */
  readonly createType?: number;
}

/**
 * Collection-level list and map operations and the navigation steps into nested
 * elements, shared by a bin and by a navigated CDT path. `E` is the list element type
 * (the declared element type of a typed list bin, else any collection value).
 */
export abstract class CollectionOps<P, E = CdtValue> {
  readonly #sink: OpSink<P>;
  /** The bin the operations apply to. */
  protected readonly binName: string;

  protected constructor(sink: OpSink<P>, bin: string) {
    this.#sink = sink;
    this.binName = bin;
  }

  /** Adds an operation to the parent builder and returns it. */
  protected emit(o: Operation): P {
    return this.#sink.op(o);
  }

  /** The context of the collection these operations act on (undefined: the bin itself). */
  protected abstract nestedCtx(what: string): CdtContext | undefined;

  #nav(what: string, s: Selector): CdtBuilder<P> {
    return new CdtBuilder<P>(this.#sink, this.binName, this.nestedCtx(what) ?? [], s);
  }
  #navMany(what: string, s: Selector): CdtInvertableBuilder<P> {
    return new CdtInvertableBuilder<P>(this.#sink, this.binName, this.nestedCtx(what) ?? [], s);
  }

  // ---- navigation ----

  /** The map entry with key `key`; `createType` creates the map entry when missing. */
  onMapKey(key: MapKey, opts?: MapKeyOptions): CdtBuilder<P> {
    checkOptions('onMapKey', opts, [], ['createType']);
    const createOrder = opts?.createType === undefined ? undefined : mapOrder('onMapKey', opts.createType);
    return this.#nav('onMapKey', { kind: 'mapKey', key, createOrder });
  }
  /** The map entry at `index` in key order (negative counts from the end). */
  onMapIndex(index: number): CdtBuilder<P> {
    return this.#nav('onMapIndex', { kind: 'mapIndex', index: int('onMapIndex', 'index', index) });
  }
  /** The map entry of value rank `rank` (0 = smallest value). */
  onMapRank(rank: number): CdtBuilder<P> {
    return this.#nav('onMapRank', { kind: 'mapRank', rank: int('onMapRank', 'rank', rank) });
  }
  /** The map entries whose value is `value`. */
  onMapValue(value: CdtValue): CdtInvertableBuilder<P> {
    return this.#navMany('onMapValue', { kind: 'mapValue', value });
  }
  /** `count` map entries from `index` (all to the end without `count`). */
  onMapIndexRange(index: number, count?: number): CdtInvertableBuilder<P> {
    return this.#navMany('onMapIndexRange', { kind: 'mapIndexRange', index: int('onMapIndexRange', 'index', index), count: optCount('onMapIndexRange', count) });
  }
  /** Map entries with `begin <= key < end` (null: unbounded). */
  onMapKeyRange(begin: CdtValue | null, end: CdtValue | null): CdtInvertableBuilder<P> {
    return this.#navMany('onMapKeyRange', { kind: 'mapKeyRange', begin, end });
  }
  /** `count` map entries from value rank `rank`. */
  onMapRankRange(rank: number, count?: number): CdtInvertableBuilder<P> {
    return this.#navMany('onMapRankRange', { kind: 'mapRankRange', rank: int('onMapRankRange', 'rank', rank), count: optCount('onMapRankRange', count) });
  }
  /** Map entries with `begin <= value < end` (null: unbounded). */
  onMapValueRange(begin: CdtValue | null, end: CdtValue | null): CdtInvertableBuilder<P> {
    return this.#navMany('onMapValueRange', { kind: 'mapValueRange', begin, end });
  }
  /** Map entries from the index of `key` (present or not) plus `index`, `count` of them. */
  onMapKeyRelativeIndexRange(key: MapKey, index: number, count?: number): CdtInvertableBuilder<P> {
    const what = 'onMapKeyRelativeIndexRange';
    return this.#navMany(what, { kind: 'mapKeyRelativeIndexRange', key, index: int(what, 'index', index), count: optCount(what, count) });
  }
  /** Map entries from the value rank of `value` plus `rank`, `count` of them. */
  onMapValueRelativeRankRange(value: CdtValue, rank: number, count?: number): CdtInvertableBuilder<P> {
    const what = 'onMapValueRelativeRankRange';
    return this.#navMany(what, { kind: 'mapValueRelativeRankRange', value, rank: int(what, 'rank', rank), count: optCount(what, count) });
  }
  /** The map entries with these keys. */
  onMapKeyList(keys: readonly MapKey[]): CdtInvertableBuilder<P> {
    return this.#navMany('onMapKeyList', { kind: 'mapKeyList', keys: nonEmpty('onMapKeyList', 'keys', keys) });
  }
  /** The map entries with these values. */
  onMapValueList(values: readonly CdtValue[]): CdtInvertableBuilder<P> {
    return this.#navMany('onMapValueList', { kind: 'mapValueList', values: nonEmpty('onMapValueList', 'values', values) });
  }
  /** The list element at `index`; `order`/`pad` create it (and the list) when missing. */
  onListIndex(index: number, opts?: ListIndexOptions): CdtBuilder<P> {
    checkOptions('onListIndex', opts, ['pad'], ['order']);
    const createOrder = opts?.order === undefined ? undefined : listOrder('onListIndex', opts.order);
    return this.#nav('onListIndex', { kind: 'listIndex', index: int('onListIndex', 'index', index), createOrder, pad: opts?.pad === true });
  }
  /** The list element of rank `rank` (0 = smallest). */
  onListRank(rank: number): CdtBuilder<P> {
    return this.#nav('onListRank', { kind: 'listRank', rank: int('onListRank', 'rank', rank) });
  }
  /** The list elements equal to `value`. */
  onListValue(value: CdtValue): CdtInvertableBuilder<P> {
    return this.#navMany('onListValue', { kind: 'listValue', value });
  }
  /** `count` list elements from `index` (all to the end without `count`). */
  onListIndexRange(index: number, count?: number): CdtInvertableBuilder<P> {
    return this.#navMany('onListIndexRange', { kind: 'listIndexRange', index: int('onListIndexRange', 'index', index), count: optCount('onListIndexRange', count) });
  }
  /** `count` list elements from rank `rank`. */
  onListRankRange(rank: number, count?: number): CdtInvertableBuilder<P> {
    return this.#navMany('onListRankRange', { kind: 'listRankRange', rank: int('onListRankRange', 'rank', rank), count: optCount('onListRankRange', count) });
  }
  /** List elements with `begin <= value < end` (null: unbounded). */
  onListValueRange(begin: CdtValue | null, end: CdtValue | null): CdtInvertableBuilder<P> {
    return this.#navMany('onListValueRange', { kind: 'listValueRange', begin, end });
  }
  /** List elements from the rank of `value` plus `rank`, `count` of them. */
  onListValueRelativeRankRange(value: CdtValue, rank: number, count?: number): CdtInvertableBuilder<P> {
    const what = 'onListValueRelativeRankRange';
    return this.#navMany(what, { kind: 'listValueRelativeRankRange', value, rank: int(what, 'rank', rank), count: optCount(what, count) });
  }
  /** The list elements equal to any of `values`. */
  onListValueList(values: readonly CdtValue[]): CdtInvertableBuilder<P> {
    return this.#navMany('onListValueList', { kind: 'listValueList', values: nonEmpty('onListValueList', 'values', values) });
  }

  // ---- lists ----

  /** Appends `value` to an unordered list (creating the list). */
  listAppend(value: E, opts?: ListWriteOptions): P {
    return this.emit(ListOp.append(this.binName, value as CdtValue, listPolicy('listAppend', ListOrder.UNORDERED, opts), this.nestedCtx('listAppend')));
  }
  /** Adds `value` to an ordered list at its sorted position (creating an ordered list). */
  listAdd(value: E, opts?: ListWriteOptions): P {
    return this.emit(ListOp.append(this.binName, value as CdtValue, listPolicy('listAdd', ListOrder.ORDERED, opts), this.nestedCtx('listAdd')));
  }
  /** Appends `items` to an unordered list. */
  listAppendItems(items: readonly E[], opts?: ListWriteOptions): P {
    const what = 'listAppendItems';
    return this.emit(ListOp.appendItems(this.binName, nonEmpty(what, 'items', items as readonly CdtValue[]), listPolicy(what, ListOrder.UNORDERED, opts), this.nestedCtx(what)));
  }
  /** Adds `items` to an ordered list at their sorted positions. */
  listAddItems(items: readonly E[], opts?: ListWriteOptions): P {
    const what = 'listAddItems';
    return this.emit(ListOp.appendItems(this.binName, nonEmpty(what, 'items', items as readonly CdtValue[]), listPolicy(what, ListOrder.ORDERED, opts), this.nestedCtx(what)));
  }
  /** Inserts `value` at `index` of an unordered list. */
  listInsert(index: number, value: E, opts?: ListWriteOptions): P {
    const what = 'listInsert';
    return this.emit(ListOp.insert(this.binName, int(what, 'index', index), value as CdtValue, listPolicy(what, ListOrder.UNORDERED, opts), this.nestedCtx(what)));
  }
  /** Inserts `items` from `index` of an unordered list. */
  listInsertItems(index: number, items: readonly E[], opts?: ListWriteOptions): P {
    const what = 'listInsertItems';
    return this.emit(ListOp.insertItems(this.binName, int(what, 'index', index), nonEmpty(what, 'items', items as readonly CdtValue[]), listPolicy(what, ListOrder.UNORDERED, opts), this.nestedCtx(what)));
  }
  /** Sets the element at `index`. */
  listSet(index: number, value: E, opts?: ListWriteOptions): P {
    const what = 'listSet';
    return this.emit(ListOp.set(this.binName, int(what, 'index', index), value as CdtValue, listPolicy(what, ListOrder.UNORDERED, opts), this.nestedCtx(what)));
  }
  /** Adds `value` (default 1) to the number at `index`. */
  listIncrement(index: number, value: number | bigint = 1): P {
    const what = 'listIncrement';
    if (typeof value !== 'number' && typeof value !== 'bigint') throw new InvalidArgumentError(`${what}: value must be a number or bigint, got ${typeof value}`);
    return this.emit(ListOp.increment(this.binName, int(what, 'index', index), value, undefined, this.nestedCtx(what)));
  }
  /** Removes the element at `index`. */
  listRemove(index: number): P {
    return this.emit(ListOp.remove(this.binName, int('listRemove', 'index', index), this.nestedCtx('listRemove')));
  }
  /** Removes `count` elements from `index` (to the end without `count`). */
  listRemoveRange(index: number, count?: number): P {
    const what = 'listRemoveRange';
    return this.emit(ListOp.removeRange(this.binName, int(what, 'index', index), optCount(what, count), this.nestedCtx(what)));
  }
  /** Removes and returns the element at `index`. */
  listPop(index: number): P {
    return this.emit(ListOp.pop(this.binName, int('listPop', 'index', index), this.nestedCtx('listPop')));
  }
  /** Removes and returns `count` elements from `index` (to the end without `count`). */
  listPopRange(index: number, count?: number): P {
    const what = 'listPopRange';
    return this.emit(ListOp.popRange(this.binName, int(what, 'index', index), optCount(what, count), this.nestedCtx(what)));
  }
  /** Keeps `count` elements from `index` and removes the rest. */
  listTrim(index: number, count: number): P {
    const what = 'listTrim';
    // count is required here: int() rejects undefined, optCount() negative numbers
    return this.emit(ListOp.trim(this.binName, int(what, 'index', index), optCount(what, int(what, 'count', count)) as number, this.nestedCtx(what)));
  }
  /** Removes every element. */
  listClear(): P {
    return this.emit(ListOp.clear(this.binName, this.nestedCtx('listClear')));
  }
  /** Sorts the list ({@link ListSortFlags}: DESCENDING, DROP_DUPLICATES). */
  listSort(flags: number = ListSortFlags.DEFAULT): P {
    const n = int('listSort', 'flags', flags);
    if ((n & ~3) !== 0) throw new InvalidArgumentError(`listSort: flags must be made of ListSortFlags, got ${n}`);
    return this.emit(ListOp.sort(this.binName, n, this.nestedCtx('listSort')));
  }
  /** Creates an empty list with `order` ({@link ListOrder}) when it is missing. */
  listCreate(order: number, opts?: ListCreateOptions): P {
    const what = 'listCreate';
    checkOptions(what, opts, ['pad', 'persistIndex']);
    const o = listOrder(what, order);
    const ctx = this.nestedCtx(what);
    if (opts?.persistIndex === true) {
      if (ctx !== undefined) throw new InvalidArgumentError(`${what}: persistIndex applies to top-level lists only`);
      return this.emit(ListOp.create(this.binName, o | 0x10));
    }
    return this.emit(ListOp.create(this.binName, o, opts?.pad ?? true, ctx));
  }
  /** Changes the list's order ({@link ListOrder}). */
  listSetOrder(order: number): P {
    return this.emit(ListOp.setOrder(this.binName, listOrder('listSetOrder', order), this.nestedCtx('listSetOrder')));
  }
  /** Reads the list's element count. */
  listSize(): P {
    return this.emit(ListOp.size(this.binName, this.nestedCtx('listSize')));
  }
  /** Reads the element at `index`. */
  listGet(index: number): P {
    return this.emit(ListOp.get(this.binName, int('listGet', 'index', index), this.nestedCtx('listGet')));
  }
  /** Reads `count` elements from `index` (to the end without `count`). */
  listGetRange(index: number, count?: number): P {
    const what = 'listGetRange';
    return this.emit(ListOp.getRange(this.binName, int(what, 'index', index), optCount(what, count), this.nestedCtx(what)));
  }

  // ---- maps ----

  /** Puts entries, creating or replacing each key. */
  mapUpsertItems(items: MapItems, opts?: MapWriteOptions): P {
    const what = 'mapUpsertItems';
    return this.emit(MapOp.putItems(this.binName, mapItems(what, items), mapPolicy(what, MapWriteFlags.DEFAULT, opts), this.nestedCtx(what)));
  }
  /** Puts entries whose keys are not in the map yet (others fail, or are skipped with `noFail`). */
  mapInsertItems(items: MapItems, opts?: MapWriteOptions): P {
    const what = 'mapInsertItems';
    return this.emit(MapOp.putItems(this.binName, mapItems(what, items), mapPolicy(what, MapWriteFlags.CREATE_ONLY, opts), this.nestedCtx(what)));
  }
  /** Replaces entries whose keys are in the map (others fail, or are skipped with `noFail`). */
  mapUpdateItems(items: MapItems, opts?: MapWriteOptions): P {
    const what = 'mapUpdateItems';
    return this.emit(MapOp.putItems(this.binName, mapItems(what, items), mapPolicy(what, MapWriteFlags.UPDATE_ONLY, opts), this.nestedCtx(what)));
  }
  /** Creates an empty map with `order` ({@link MapOrder}) when it is missing. */
  mapCreate(order: number): P {
    return this.emit(MapOp.create(this.binName, mapOrder('mapCreate', order), this.nestedCtx('mapCreate')));
  }
  /** Changes the map's order ({@link MapOrder}); `persistIndex` keeps an index on a top-level map. */
  mapSetPolicy(order: number, opts?: { readonly persistIndex?: boolean }): P {
    const what = 'mapSetPolicy';
    checkOptions(what, opts, ['persistIndex']);
    const o = mapOrder(what, order);
    return this.emit(MapOp.setPolicy(this.binName, { order: opts?.persistIndex === true ? o | 0x10 : o, flags: 0 }, this.nestedCtx(what)));
  }
  /** Removes every entry. */
  mapClear(): P {
    return this.emit(MapOp.clear(this.binName, this.nestedCtx('mapClear')));
  }
  /** Reads the map's entry count. */
  mapSize(): P {
    return this.emit(MapOp.size(this.binName, this.nestedCtx('mapSize')));
  }
}

/**
 * A navigated CDT path (`bin('m').onMapKey('a')…`): read, write or remove the selected
 * element(s), run list/map operations on a selected nested collection, or navigate deeper.
 */
export class CdtBuilder<P> extends CollectionOps<P> {
  readonly #ctx: CdtContext;
  readonly #sel: Selector;

  /** Internal: made by the `on…` navigation methods. */
  constructor(sink: OpSink<P>, bin: string, ctx: CdtContext, selector: Selector) {
    super(sink, bin);
    this.#ctx = ctx;
    this.#sel = selector;
  }

  /** The path including the selected element (for operations on it and deeper navigation). */
  protected nestedCtx(what: string): CdtContext {
    const step: CtxItem | null = selectorCtx(this.#sel);
    if (step === null) throw new InvalidArgumentError(`${what}: a range or list selection has no single element to act on; select one element (onMapKey, onListIndex, …)`);
    return [...this.#ctx, step];
  }

  /** Emits the selection's read (or remove) with `returnType`. */
  protected select(what: string, returnType: number, remove: boolean): P {
    const base = returnType & ~MapReturnType.INVERTED;
    if ((base === MapReturnType.KEY || base === MapReturnType.KEY_VALUE) && !isMapSelector(this.#sel)) throw new InvalidArgumentError(`${what}: keys exist only in maps; this selection is in a list`);
    return this.emit(selectorOp(this.binName, this.#sel, returnType, this.#ctx.length === 0 ? undefined : this.#ctx, remove));
  }

  #removeType(what: string, opts: RemoveOptions | undefined): number {
    checkOptions(what, opts, [], ['returnType']);
    const rt = opts?.returnType ?? MapReturnType.NONE;
    int(what, 'returnType', rt);
    if ((rt & MapReturnType.INVERTED) !== 0) throw new InvalidArgumentError(`${what}: pass the base return type; use removeAllOthers() to invert`);
    return rt;
  }

  /** Reads the selected values. */
  getValues(): P {
    return this.select('getValues', ListReturnType.VALUE, false);
  }
  /** Reads the selected keys (maps). */
  getKeys(): P {
    return this.select('getKeys', MapReturnType.KEY, false);
  }
  /** Reads the selected entries as a map (maps). */
  getKeysAndValues(): P {
    return this.select('getKeysAndValues', MapReturnType.KEY_VALUE, false);
  }
  /** Reads how many elements are selected. */
  count(): P {
    return this.select('count', ListReturnType.COUNT, false);
  }
  /** Reads the selected elements' indexes. */
  getIndexes(): P {
    return this.select('getIndexes', ListReturnType.INDEX, false);
  }
  /** Reads the selected elements' indexes counted from the end. */
  getReverseIndexes(): P {
    return this.select('getReverseIndexes', ListReturnType.REVERSE_INDEX, false);
  }
  /** Reads the selected elements' ranks. */
  getRanks(): P {
    return this.select('getRanks', ListReturnType.RANK, false);
  }
  /** Reads the selected elements' ranks counted from the largest. */
  getReverseRanks(): P {
    return this.select('getReverseRanks', ListReturnType.REVERSE_RANK, false);
  }
  /** Reads whether anything is selected. */
  exists(): P {
    return this.select('exists', ListReturnType.EXISTS, false);
  }
  /** Removes the selected element(s). */
  remove(opts?: RemoveOptions): P {
    return this.select('remove', this.#removeType('remove', opts), true);
  }
  /**
   * Sets the selected map entry (`onMapKey`; `opts` are {@link MapWriteOptions}, e.g.
   * `{ createOnly: true }`) or list element (`onListIndex`; {@link ListWriteOptions}).
   */
  setTo(value: CdtValue, opts?: MapWriteOptions | ListWriteOptions): P {
    const s = this.#sel;
    const ctx = this.#ctx.length === 0 ? undefined : this.#ctx;
    if (s.kind === 'mapKey') {
      const policy = opts === undefined ? undefined : mapPolicy('setTo', MapWriteFlags.DEFAULT, opts as MapWriteOptions);
      return this.emit(MapOp.put(this.binName, s.key as MapKey, value, policy, ctx));
    }
    if (s.kind === 'listIndex') return this.emit(ListOp.set(this.binName, s.index, value, listPolicy('setTo', ListOrder.UNORDERED, opts as ListWriteOptions | undefined), ctx));
    throw new InvalidArgumentError(`setTo: navigate with onMapKey or onListIndex first (the selection is ${s.kind})`);
  }
  /** Adds to the number at the selected map entry (`onMapKey`) or list element (`onListIndex`). */
  add(value: number | bigint): P {
    if (typeof value !== 'number' && typeof value !== 'bigint') throw new InvalidArgumentError(`add: value must be a number or bigint, got ${typeof value}`);
    const s = this.#sel;
    const ctx = this.#ctx.length === 0 ? undefined : this.#ctx;
    if (s.kind === 'mapKey') return this.emit(MapOp.increment(this.binName, s.key as MapKey, value, undefined, ctx));
    if (s.kind === 'listIndex') return this.emit(ListOp.increment(this.binName, s.index, value, undefined, ctx));
    throw new InvalidArgumentError(`add: navigate with onMapKey or onListIndex first (the selection is ${s.kind})`);
  }

  /** Internal for the inverted terminals. */
  protected removeOthers(opts: RemoveOptions | undefined): P {
    return this.select('removeAllOthers', this.#removeType('removeAllOthers', opts) | MapReturnType.INVERTED, true);
  }
}

/** A selection of several elements: adds the inverted ("all others") terminals. */
export class CdtInvertableBuilder<P> extends CdtBuilder<P> {
  /** Reads the values of the elements not selected. */
  getAllOtherValues(): P {
    return this.select('getAllOtherValues', ListReturnType.VALUE | ListReturnType.INVERTED, false);
  }
  /** Reads the keys of the entries not selected (maps). */
  getAllOtherKeys(): P {
    return this.select('getAllOtherKeys', MapReturnType.KEY | MapReturnType.INVERTED, false);
  }
  /** Reads the entries not selected (maps). */
  getAllOtherKeysAndValues(): P {
    return this.select('getAllOtherKeysAndValues', MapReturnType.KEY_VALUE | MapReturnType.INVERTED, false);
  }
  /** Reads the indexes of the elements not selected. */
  getAllOtherIndexes(): P {
    return this.select('getAllOtherIndexes', ListReturnType.INDEX | ListReturnType.INVERTED, false);
  }
  /** Reads the reverse indexes of the elements not selected. */
  getAllOtherReverseIndexes(): P {
    return this.select('getAllOtherReverseIndexes', ListReturnType.REVERSE_INDEX | ListReturnType.INVERTED, false);
  }
  /** Reads the ranks of the elements not selected. */
  getAllOtherRanks(): P {
    return this.select('getAllOtherRanks', ListReturnType.RANK | ListReturnType.INVERTED, false);
  }
  /** Reads the reverse ranks of the elements not selected. */
  getAllOtherReverseRanks(): P {
    return this.select('getAllOtherReverseRanks', ListReturnType.REVERSE_RANK | ListReturnType.INVERTED, false);
  }
  /** Reads how many elements are not selected. */
  countAllOthers(): P {
    return this.select('countAllOthers', ListReturnType.COUNT | ListReturnType.INVERTED, false);
  }
  /** Removes every element except the selected ones. */
  removeAllOthers(opts?: RemoveOptions): P {
    return this.removeOthers(opts);
  }
}
