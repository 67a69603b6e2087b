import { OpType, type Operation, BitOverflowAction, BitResizeFlags, BitWriteFlags, HllWriteFlags, InvalidArgumentError, ListOrder, ListWriteFlags, MapOrder, MapWriteFlags, type ListPolicy, type MapPolicy } from '@aerospike-ts/core';

/** Flags of the HLL write operations. */
export interface HllFlags {
  readonly createOnly?: boolean;
  readonly updateOnly?: boolean;
  readonly noFail?: boolean;
  readonly allowFold?: boolean;
}

/** Flags of the bit write operations. */
export interface BitFlags {
  readonly createOnly?: boolean;
  readonly updateOnly?: boolean;
  readonly noFail?: boolean;
  readonly partial?: boolean;
}

/** How a list write treats duplicates, bounds and failures. */
export interface ListWriteOptions {
  /** Skip (or, without `noFail`, reject) values already in the list. */
  readonly unique?: boolean;
  /** Reject inserts past the end of the list. */
  readonly bounded?: boolean;
  /** A rejected value is not an error. */
  readonly noFail?: boolean;
  /** With `noFail`: write the accepted values of a multi-value write. */
  readonly partial?: boolean;
}

/** How a map write orders the map and treats existing keys and failures. */
export interface MapWriteOptions {
  /** The map's order when the write creates it ({@link MapOrder}). */
  readonly order?: number;
  /** Keep a persisted index on a top-level map. */
  readonly persistIndex?: boolean;
  /** Only add keys that are not there yet. */
  readonly createOnly?: boolean;
  /** Only change keys that are there. */
  readonly updateOnly?: boolean;
  /** A rejected entry is not an error. */
  readonly noFail?: boolean;
  /** With `noFail`: write the accepted entries. */
  readonly partial?: boolean;
}

/** Options of `selectFrom`. */
export interface SelectFromOptions {
  /** A failed evaluation returns nothing instead of failing the command. */
  readonly ignoreEvalFailure?: boolean;
}

/** Options of `insertFrom`, `updateFrom` and `upsertFrom`. */
export interface WriteFromOptions {
  /** A write the bin's state forbids (exists / missing) is not an error. */
  readonly ignoreOpFailure?: boolean;
  /** A failed evaluation leaves the bin alone instead of failing the command. */
  readonly ignoreEvalFailure?: boolean;
  /** An expression that yields nil deletes the bin. */
  readonly deleteIfNull?: boolean;
}

/** Rejects anything but a plain options object with known boolean/number fields. */
export function checkOptions(what: string, opts: unknown, booleans: readonly string[], numbers: readonly string[] = []): void {
  if (opts === undefined) return;
  if (opts === null || typeof opts !== 'object' || Array.isArray(opts)) throw new InvalidArgumentError(`${what}: options must be an object like { ${booleans[0] ?? numbers[0] ?? ''}: true }`);
  for (const [k, v] of Object.entries(opts)) {
    if (v === undefined) continue;
    if (booleans.includes(k)) {
      if (typeof v !== 'boolean') throw new InvalidArgumentError(`${what}: option '${k}' must be a boolean, got ${typeof v}`);
    } else if (numbers.includes(k)) {
      if (typeof v !== 'number') throw new InvalidArgumentError(`${what}: option '${k}' must be a number, got ${typeof v}`);
    } else {
      throw new InvalidArgumentError(`${what}: unknown option '${k}' (known: ${[...booleans, ...numbers].join(', ')})`);
    }
  }
}

/** An integer argument, or an InvalidArgumentError naming it. */
export function int(what: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new InvalidArgumentError(`${what}: ${name} must be an integer, got ${typeof v === 'number' ? String(v) : typeof v}`);
  return v;
}

/** An optional non-negative count. */
export function optCount(what: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = int(what, 'count', v);
  if (n < 0) throw new InvalidArgumentError(`${what}: count must be >= 0, got ${n}`);
  return n;
}

/** A non-empty array argument. */
export function nonEmpty<T>(what: string, name: string, v: readonly T[]): readonly T[] {
  if (!Array.isArray(v)) throw new InvalidArgumentError(`${what}: ${name} must be an array`);
  if (v.length === 0) throw new InvalidArgumentError(`${what}: ${name} is empty; pass at least one element`);
  return v;
}

function noContradiction(what: string, f: { readonly createOnly?: boolean; readonly updateOnly?: boolean } | undefined): void {
  if (f?.createOnly === true && f.updateOnly === true) throw new InvalidArgumentError(`${what}: createOnly and updateOnly contradict each other; pass one of them`);
}

/** HLL flags as the wire bit mask. */
export function hllFlags(what: string, f: HllFlags | undefined): number {
  checkOptions(what, f, ['createOnly', 'updateOnly', 'noFail', 'allowFold']);
  noContradiction(what, f);
  return (
    (f?.createOnly === true ? HllWriteFlags.CREATE_ONLY : 0) |
    (f?.updateOnly === true ? HllWriteFlags.UPDATE_ONLY : 0) |
    (f?.noFail === true ? HllWriteFlags.NO_FAIL : 0) |
    (f?.allowFold === true ? HllWriteFlags.ALLOW_FOLD : 0)
  );
}

/** Bit write flags as the wire bit mask. */
export function bitFlags(what: string, f: BitFlags | undefined): number {
  checkOptions(what, f, ['createOnly', 'updateOnly', 'noFail', 'partial']);
  noContradiction(what, f);
  return (
    (f?.createOnly === true ? BitWriteFlags.CREATE_ONLY : 0) |
    (f?.updateOnly === true ? BitWriteFlags.UPDATE_ONLY : 0) |
    (f?.noFail === true ? BitWriteFlags.NO_FAIL : 0) |
    (f?.partial === true ? BitWriteFlags.PARTIAL : 0)
  );
}

/** Bit resize flags ({@link BitResizeFlags}), checked. */
export function bitResizeFlags(what: string, flags: number | undefined): number {
  if (flags === undefined) return 0;
  const n = int(what, 'resizeFlags', flags);
  if ((n & ~7) !== 0) throw new InvalidArgumentError(`${what}: resizeFlags must be made of BitResizeFlags, got ${n}`);
  if ((n & BitResizeFlags.GROW_ONLY) !== 0 && (n & BitResizeFlags.SHRINK_ONLY) !== 0) throw new InvalidArgumentError(`${what}: GROW_ONLY and SHRINK_ONLY contradict each other`);
  return n;
}

/** A bit overflow action ({@link BitOverflowAction}), checked. */
export function bitOverflow(what: string, action: number | undefined): number {
  if (action === undefined) return BitOverflowAction.FAIL;
  if (action !== BitOverflowAction.FAIL && action !== BitOverflowAction.SATURATE && action !== BitOverflowAction.WRAP) {
    throw new InvalidArgumentError(`${what}: action must be BitOverflowAction.FAIL, SATURATE or WRAP, got ${String(action)}`);
  }
  return action;
}

/** A list order ({@link ListOrder}), checked. */
export function listOrder(what: string, order: unknown): number {
  if (order !== ListOrder.UNORDERED && order !== ListOrder.ORDERED) throw new InvalidArgumentError(`${what}: order must be ListOrder.UNORDERED or ListOrder.ORDERED, got ${String(order)}`);
  return order;
}

/** A map order ({@link MapOrder}), checked. */
export function mapOrder(what: string, order: unknown): number {
  if (order !== MapOrder.UNORDERED && order !== MapOrder.KEY_ORDERED && order !== MapOrder.KEY_VALUE_ORDERED) {
    throw new InvalidArgumentError(`${what}: order must be MapOrder.UNORDERED, KEY_ORDERED or KEY_VALUE_ORDERED, got ${String(order)}`);
  }
  return order;
}

/** The list policy of a list write: `order` plus the options' flags. */
export function listPolicy(what: string, order: number, o: ListWriteOptions | undefined): ListPolicy | undefined {
  checkOptions(what, o, ['unique', 'bounded', 'noFail', 'partial']);
  const flags =
    (o?.unique === true ? ListWriteFlags.ADD_UNIQUE : 0) |
    (o?.bounded === true ? ListWriteFlags.INSERT_BOUNDED : 0) |
    (o?.noFail === true ? ListWriteFlags.NO_FAIL : 0) |
    (o?.partial === true ? ListWriteFlags.PARTIAL : 0);
  return flags === 0 && order === ListOrder.UNORDERED ? undefined : { order, flags };
}

/** The map policy of a map write; `base` is CREATE_ONLY / UPDATE_ONLY for the insert / update variants. */
export function mapPolicy(what: string, base: number, o: MapWriteOptions | undefined): MapPolicy {
  checkOptions(what, o, ['persistIndex', 'createOnly', 'updateOnly', 'noFail', 'partial'], ['order']);
  noContradiction(what, o);
  if ((base === MapWriteFlags.CREATE_ONLY && o?.updateOnly === true) || (base === MapWriteFlags.UPDATE_ONLY && o?.createOnly === true)) {
    throw new InvalidArgumentError(`${what}: the ${base === MapWriteFlags.CREATE_ONLY ? 'insert' : 'update'} variant contradicts ${base === MapWriteFlags.CREATE_ONLY ? 'updateOnly' : 'createOnly'}`);
  }
  const order = o?.order === undefined ? MapOrder.UNORDERED : mapOrder(what, o.order);
  const flags =
    base |
    (o?.createOnly === true ? MapWriteFlags.CREATE_ONLY : 0) |
    (o?.updateOnly === true ? MapWriteFlags.UPDATE_ONLY : 0) |
    (o?.noFail === true ? MapWriteFlags.NO_FAIL : 0) |
    (o?.partial === true ? MapWriteFlags.PARTIAL : 0);
  return { order: o?.persistIndex === true ? order | 0x10 : order, flags };
}

const READ_OPS: ReadonlySet<number> = new Set([OpType.READ, OpType.CDT_READ, OpType.EXP_READ, OpType.BIT_READ, OpType.HLL_READ]);

/** Rejects a write operation in a read command (`session.query(key)`, a batch `read` entry). */
export function checkReadOnly(what: string, o: Operation): void {
  if (!READ_OPS.has(o.op)) throw new InvalidArgumentError(`${what} only reads; bin '${o.bin ?? ''}' has a write operation — start the chain with update() or upsert() to write`);
}
