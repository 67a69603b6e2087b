import {
  BitOp,
  Exp,
  ExpNode,
  ExpOp,
  ExpReadFlags,
  ExpWriteFlags,
  Expression,
  GeoJSON,
  HLL,
  HllOp,
  InvalidArgumentError,
  Op,
  parseAel,
  type CdtValue,
  type Value
} from '@aerospike-ts/core';
import { bitFlags, bitOverflow, bitResizeFlags, checkOptions, hllFlags, int, nonEmpty, type BitFlags, type HllFlags, type SelectFromOptions, type WriteFromOptions } from './bin-flags.js';
import { HllConfig } from './bin-hll-config.js';
import { CollectionOps, type OpSink } from './cdt-builder.js';

/** The value type `setTo` takes: the bin's declared type, or any value for untyped bins. */
export type BinValue<V> = unknown extends V ? Value : V;

/** The element type of a typed list bin (any collection value otherwise). */
export type ListElement<V> = unknown extends V ? CdtValue : V extends readonly (infer T)[] ? T : CdtValue;

/** An expression for `selectFrom` / `…From`: AEL text, a built expression, or an `Exp` node. */
export type ExpInput = string | Expression | ExpNode;

/** Options of `hllAdd`: the write flags plus the config used when the add creates the sketch. */
export interface HllAddOptions extends HllFlags {
  readonly config?: HllConfig;
}

/** A GeoJSON value of JSON text or an object, checked to be JSON of an object with a `type` member. */
function geoJson(json: unknown): GeoJSON {
  let doc: unknown;
  let text: string;
  try {
    if (typeof json === 'string') {
      text = json;
      doc = JSON.parse(json) as unknown;
    } else if (typeof json === 'object' && json !== null) {
      text = JSON.stringify(json);
      doc = json;
    } else {
      throw new InvalidArgumentError(`setToGeoJson: pass GeoJSON text or an object, got ${json === null ? 'null' : typeof json}`);
    }
  } catch (err) {
    if (err instanceof InvalidArgumentError) throw err;
    throw new InvalidArgumentError(`setToGeoJson: not valid JSON (${String((err as Error).message).split('\n')[0] ?? ''})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || typeof (doc as { type?: unknown }).type !== 'string') {
    throw new InvalidArgumentError('setToGeoJson: GeoJSON is an object with a "type" (Point, Polygon, AeroCircle, …)');
  }
  return new GeoJSON(text);
}

function expression(what: string, e: ExpInput): Expression {
  if (typeof e === 'string') return parseAel(e);
  if (e instanceof Expression) return e;
  if (e instanceof ExpNode) return Exp.build(e);
  throw new InvalidArgumentError(`${what}: pass an AEL string, an Expression or an Exp node`);
}

function hlls(what: string, list: readonly HLL[]): readonly HLL[] {
  nonEmpty(what, 'sketches', list);
  for (const h of list) if (!HLL.isHLL(h)) throw new InvalidArgumentError(`${what}: every sketch must be an HLL value (read one back from an HLL bin)`);
  return list;
}

function bytes(what: string, v: unknown): Uint8Array {
  if (!(v instanceof Uint8Array)) throw new InvalidArgumentError(`${what}: value must be a Uint8Array/Buffer`);
  return v;
}

function numeric(what: string, v: unknown): number | bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  throw new InvalidArgumentError(`${what}: value must be a number or bigint, got ${typeof v}`);
}

/**
 * Every operation on one bin (scalars, expressions, lists, maps, HLL, bits, navigation
 * into nested elements); each returns the record or batch-entry builder `P`.
 * `V` is the bin's declared type on a typed dataset.
 */
export class BinOps<P, V = unknown> extends CollectionOps<P, ListElement<V>> {
  /** Internal: made by `bin(name)`. */
  constructor(sink: OpSink<P>, bin: string) {
    super(sink, bin);
  }

  /** The bin itself: no context. */
  protected nestedCtx(): undefined {
    return undefined;
  }

  // ---- scalars ----

  /** Sets the bin. */
  setTo(value: BinValue<V>): P {
    return this.emit(Op.write(this.binName, value as Value));
  }
  /** Adds to a number bin. */
  add(value: number | bigint): P {
    return this.emit(Op.add(this.binName, numeric('add', value)));
  }
  /** Adds to a number bin. */
  incrementBy(value: number | bigint): P {
    return this.emit(Op.add(this.binName, numeric('incrementBy', value)));
  }
  /** Appends to a string or bytes bin. */
  append(value: string | Uint8Array): P {
    return this.emit(Op.append(this.binName, value));
  }
  /** Prepends to a string or bytes bin. */
  prepend(value: string | Uint8Array): P {
    return this.emit(Op.prepend(this.binName, value));
  }
  /** Removes the bin. */
  remove(): P {
    return this.emit(Op.write(this.binName, null));
  }
  /** Reads the bin back in the result. */
  get(): P {
    return this.emit(Op.read(this.binName));
  }
  /**
   * Sets the bin to a GeoJSON value (particle type GEOJSON): JSON text or an object.
   * @throws InvalidArgumentError when it is not JSON of an object with a `type` (the servers store only GeoJSON).
   */
  setToGeoJson(json: string | object): P {
    return this.emit(Op.write(this.binName, geoJson(json)));
  }

  // ---- expressions ----

  /** Evaluates `expr` and returns the result under this bin's name. */
  selectFrom(expr: ExpInput, opts?: SelectFromOptions): P {
    checkOptions('selectFrom', opts, ['ignoreEvalFailure']);
    return this.emit(ExpOp.read(this.binName, expression('selectFrom', expr), opts?.ignoreEvalFailure === true ? ExpReadFlags.EVAL_NO_FAIL : 0));
  }
  /** Writes the result of `expr` to the bin when the bin does not exist. */
  insertFrom(expr: ExpInput, opts?: WriteFromOptions): P {
    return this.#writeFrom('insertFrom', ExpWriteFlags.CREATE_ONLY, expr, opts);
  }
  /** Writes the result of `expr` to the bin when the bin exists. */
  updateFrom(expr: ExpInput, opts?: WriteFromOptions): P {
    return this.#writeFrom('updateFrom', ExpWriteFlags.UPDATE_ONLY, expr, opts);
  }
  /** Writes the result of `expr` to the bin. */
  upsertFrom(expr: ExpInput, opts?: WriteFromOptions): P {
    return this.#writeFrom('upsertFrom', ExpWriteFlags.DEFAULT, expr, opts);
  }
  #writeFrom(what: string, base: number, expr: ExpInput, o: WriteFromOptions | undefined): P {
    checkOptions(what, o, ['ignoreOpFailure', 'ignoreEvalFailure', 'deleteIfNull']);
    const flags =
      base |
      (o?.ignoreOpFailure === true ? ExpWriteFlags.POLICY_NO_FAIL : 0) |
      (o?.ignoreEvalFailure === true ? ExpWriteFlags.EVAL_NO_FAIL : 0) |
      (o?.deleteIfNull === true ? ExpWriteFlags.ALLOW_DELETE : 0);
    return this.emit(ExpOp.write(this.binName, expression(what, expr), flags));
  }

  // ---- HLL ----

  /** Creates (or resets) an HLL sketch. */
  hllInit(config: HllConfig, flags?: HllFlags): P {
    if (!(config instanceof HllConfig)) throw new InvalidArgumentError('hllInit: pass HllConfig.of(indexBitCount)');
    return this.emit(HllOp.init(this.binName, config.indexBitCount, config.minHashBitCount, hllFlags('hllInit', flags)));
  }
  /** Adds elements to an HLL sketch (creating it with `config` when missing). */
  hllAdd(values: readonly CdtValue[], opts?: HllAddOptions): P {
    const what = 'hllAdd';
    const { config, ...flags } = opts ?? {};
    if (config !== undefined && !(config instanceof HllConfig)) throw new InvalidArgumentError(`${what}: config must be HllConfig.of(…)`);
    const f = hllFlags(what, flags);
    return this.emit(HllOp.add(this.binName, nonEmpty(what, 'values', values), config?.indexBitCount ?? -1, config?.minHashBitCount ?? -1, f));
  }
  /** Sets the sketch to its union with `sketches`. */
  hllSetUnion(sketches: readonly HLL[], flags?: HllFlags): P {
    return this.emit(HllOp.setUnion(this.binName, hlls('hllSetUnion', sketches), hllFlags('hllSetUnion', flags)));
  }
  /** Recomputes the cached count and returns it. */
  hllRefreshCount(): P {
    return this.emit(HllOp.refreshCount(this.binName));
  }
  /** Lowers the sketch's index bit count to `indexBitCount`. */
  hllFold(indexBitCount: number): P {
    return this.emit(HllOp.fold(this.binName, int('hllFold', 'indexBitCount', indexBitCount)));
  }
  /** Reads the estimated count. */
  hllGetCount(): P {
    return this.emit(HllOp.getCount(this.binName));
  }
  /** Reads the sketch's bit counts (see RecordResult.getHllConfig). */
  hllDescribe(): P {
    return this.emit(HllOp.describe(this.binName));
  }
  /** Reads the union of the sketch and `sketches` (an HLL value). */
  hllGetUnion(sketches: readonly HLL[]): P {
    return this.emit(HllOp.getUnion(this.binName, hlls('hllGetUnion', sketches)));
  }
  /** Reads the estimated count of the union with `sketches`. */
  hllGetUnionCount(sketches: readonly HLL[]): P {
    return this.emit(HllOp.getUnionCount(this.binName, hlls('hllGetUnionCount', sketches)));
  }
  /** Reads the estimated count of the intersection with `sketches`. */
  hllGetIntersectCount(sketches: readonly HLL[]): P {
    return this.emit(HllOp.getIntersectCount(this.binName, hlls('hllGetIntersectCount', sketches)));
  }
  /** Reads the estimated similarity (0..1) with `sketches`. */
  hllGetSimilarity(sketches: readonly HLL[]): P {
    return this.emit(HllOp.getSimilarity(this.binName, hlls('hllGetSimilarity', sketches)));
  }

  /** Reads 1 when every one of `values` may be in the sketch, 0 when one surely is not. */
  hllMayContain(values: readonly CdtValue[]): P {
    return this.emit(HllOp.mayContain(this.binName, nonEmpty('hllMayContain', 'values', values)));
  }

  // ---- bits ----

  /** Resizes the bytes to `byteSize` ({@link BitResizeFlags}: FROM_FRONT, GROW_ONLY, SHRINK_ONLY). */
  bitResize(byteSize: number, resizeFlags?: number, flags?: BitFlags): P {
    const what = 'bitResize';
    return this.emit(BitOp.resize(this.binName, int(what, 'byteSize', byteSize), bitResizeFlags(what, resizeFlags), bitFlags(what, flags)));
  }
  /** Inserts `value` at `byteOffset`. */
  bitInsert(byteOffset: number, value: Uint8Array, flags?: BitFlags): P {
    const what = 'bitInsert';
    return this.emit(BitOp.insert(this.binName, int(what, 'byteOffset', byteOffset), bytes(what, value), bitFlags(what, flags)));
  }
  /** Removes `byteSize` bytes from `byteOffset`. */
  bitRemove(byteOffset: number, byteSize: number, flags?: BitFlags): P {
    const what = 'bitRemove';
    return this.emit(BitOp.remove(this.binName, int(what, 'byteOffset', byteOffset), int(what, 'byteSize', byteSize), bitFlags(what, flags)));
  }
  /** Overwrites `bitSize` bits at `bitOffset` with the bits of `value`. */
  bitSet(bitOffset: number, bitSize: number, value: Uint8Array, flags?: BitFlags): P {
    const what = 'bitSet';
    return this.emit(BitOp.set(this.binName, int(what, 'bitOffset', bitOffset), int(what, 'bitSize', bitSize), bytes(what, value), bitFlags(what, flags)));
  }
  /** ORs `value` into `bitSize` bits at `bitOffset`. */
  bitOr(bitOffset: number, bitSize: number, value: Uint8Array, flags?: BitFlags): P {
    const what = 'bitOr';
    return this.emit(BitOp.or(this.binName, int(what, 'bitOffset', bitOffset), int(what, 'bitSize', bitSize), bytes(what, value), bitFlags(what, flags)));
  }
  /** XORs `value` into `bitSize` bits at `bitOffset`. */
  bitXor(bitOffset: number, bitSize: number, value: Uint8Array, flags?: BitFlags): P {
    const what = 'bitXor';
    return this.emit(BitOp.xor(this.binName, int(what, 'bitOffset', bitOffset), int(what, 'bitSize', bitSize), bytes(what, value), bitFlags(what, flags)));
  }
  /** ANDs `value` into `bitSize` bits at `bitOffset`. */
  bitAnd(bitOffset: number, bitSize: number, value: Uint8Array, flags?: BitFlags): P {
    const what = 'bitAnd';
    return this.emit(BitOp.and(this.binName, int(what, 'bitOffset', bitOffset), int(what, 'bitSize', bitSize), bytes(what, value), bitFlags(what, flags)));
  }
  /** Inverts `bitSize` bits at `bitOffset`. */
  bitNot(bitOffset: number, bitSize: number, flags?: BitFlags): P {
    const what = 'bitNot';
    return this.emit(BitOp.not(this.binName, int(what, 'bitOffset', bitOffset), int(what, 'bitSize', bitSize), bitFlags(what, flags)));
  }
  /** Shifts `bitSize` bits at `bitOffset` left by `shift`. */
  bitLshift(bitOffset: number, bitSize: number, shift: number, flags?: BitFlags): P {
    const what = 'bitLshift';
    return this.emit(BitOp.lshift(this.binName, int(what, 'bitOffset', bitOffset), int(what, 'bitSize', bitSize), int(what, 'shift', shift), bitFlags(what, flags)));
  }
  /** Shifts `bitSize` bits at `bitOffset` right by `shift`. */
  bitRshift(bitOffset: number, bitSize: number, shift: number, flags?: BitFlags): P {
    const what = 'bitRshift';
    return this.emit(BitOp.rshift(this.binName, int(what, 'bitOffset', bitOffset), int(what, 'bitSize', bitSize), int(what, 'shift', shift), bitFlags(what, flags)));
  }
  /** Adds `value` to the integer in `bitSize` bits at `bitOffset` ({@link BitOverflowAction} on overflow). */
  bitAdd(bitOffset: number, bitSize: number, value: number | bigint, signed = false, action?: number, flags?: BitFlags): P {
    const what = 'bitAdd';
    return this.emit(BitOp.add(this.binName, int(what, 'bitOffset', bitOffset), int(what, 'bitSize', bitSize), numeric(what, value), signed === true, bitOverflow(what, action), bitFlags(what, flags)));
  }
  /** Subtracts `value` from the integer in `bitSize` bits at `bitOffset`. */
  bitSubtract(bitOffset: number, bitSize: number, value: number | bigint, signed = false, action?: number, flags?: BitFlags): P {
    const what = 'bitSubtract';
    return this.emit(
      BitOp.subtract(this.binName, int(what, 'bitOffset', bitOffset), int(what, 'bitSize', bitSize), numeric(what, value), signed === true, bitOverflow(what, action), bitFlags(what, flags))
    );
  }
  /** Stores the integer `value` in `bitSize` bits at `bitOffset`. */
  bitSetInt(bitOffset: number, bitSize: number, value: number | bigint, flags?: BitFlags): P {
    const what = 'bitSetInt';
    return this.emit(BitOp.setInt(this.binName, int(what, 'bitOffset', bitOffset), int(what, 'bitSize', bitSize), numeric(what, value), bitFlags(what, flags)));
  }
  /** Reads `bitSize` bits at `bitOffset` (as bytes). */
  bitGet(bitOffset: number, bitSize: number): P {
    return this.emit(BitOp.get(this.binName, int('bitGet', 'bitOffset', bitOffset), int('bitGet', 'bitSize', bitSize)));
  }
  /** Reads how many bits are set in `bitSize` bits at `bitOffset`. */
  bitCount(bitOffset: number, bitSize: number): P {
    return this.emit(BitOp.count(this.binName, int('bitCount', 'bitOffset', bitOffset), int('bitCount', 'bitSize', bitSize)));
  }
  /** Reads the offset of the first bit equal to `value` (-1 when none). */
  bitLscan(bitOffset: number, bitSize: number, value: boolean): P {
    if (typeof value !== 'boolean') throw new InvalidArgumentError('bitLscan: value must be a boolean');
    return this.emit(BitOp.lscan(this.binName, int('bitLscan', 'bitOffset', bitOffset), int('bitLscan', 'bitSize', bitSize), value));
  }
  /** Reads the offset of the last bit equal to `value` (-1 when none). */
  bitRscan(bitOffset: number, bitSize: number, value: boolean): P {
    if (typeof value !== 'boolean') throw new InvalidArgumentError('bitRscan: value must be a boolean');
    return this.emit(BitOp.rscan(this.binName, int('bitRscan', 'bitOffset', bitOffset), int('bitRscan', 'bitSize', bitSize), value));
  }
  /** Reads the integer in `bitSize` bits at `bitOffset`. */
  bitGetInt(bitOffset: number, bitSize: number, signed = false): P {
    return this.emit(BitOp.getInt(this.binName, int('bitGetInt', 'bitOffset', bitOffset), int('bitGetInt', 'bitSize', bitSize), signed === true));
  }
}
