import type { Operation } from '../command/operation.js';
import { InvalidArgumentError } from '../errors/client-errors.js';
import { checkBinName, describeType } from '../util/validate.js';
import { Double } from '../values/double.js';
import { GeoJSON } from '../values/geojson.js';
import { HLL } from '../values/hll.js';
import { isBN, isIntegralNumber } from '../values/int64.js';
import { MsgPackWriter } from '../values/msgpack-writer.js';
import { SpecialValue } from '../values/special.js';
import { OpType } from '../wire/constants.js';

/** Value types of expressions. */
export const ExpType = Object.freeze({ NIL: 0, BOOL: 1, INT: 2, STRING: 3, LIST: 4, MAP: 5, BLOB: 6, FLOAT: 7, GEO: 8, HLL: 9 } as const);
/** An expression value type. */
export type ExpType = (typeof ExpType)[keyof typeof ExpType];

/**
 * Regex flags for {@link Exp.regexCompare}, with the values the official clients use.
 * The server passes them to the C library's `regcomp`; with glibc (Linux builds) 4 means
 * REG_NEWLINE and 8 REG_NOSUB, so there `NOSUB` acts as newline-sensitive matching and
 * `NEWLINE` as no-subexpression reporting (which changes nothing for a yes/no match).
 */
export const RegexFlag = Object.freeze({ NONE: 0, EXTENDED: 1, ICASE: 2, NOSUB: 4, NEWLINE: 8 } as const);

/** Expression read flags. */
export const ExpReadFlags = Object.freeze({ DEFAULT: 0, EVAL_NO_FAIL: 16 } as const);
/** Expression write flags. */
export const ExpWriteFlags = Object.freeze({ DEFAULT: 0, CREATE_ONLY: 1, UPDATE_ONLY: 2, ALLOW_DELETE: 4, POLICY_NO_FAIL: 8, EVAL_NO_FAIL: 16 } as const);

/** CALL modules. */
export const ExpModule = Object.freeze({ CDT: 0, BIT: 1, HLL: 2, MODIFY: 0x40 } as const);

type Writer = (w: MsgPackWriter) => void;

/** An expression node; combine with the {@link Exp} builders, then `Exp.build()` it. */
export class ExpNode {
  /** Writes the node (internal). */
  readonly write: Writer;
  constructor(write: Writer) {
    this.write = write;
  }
}

/** A built expression: packed bytes for filters and expression operations. */
export class Expression {
  readonly #bytes: Buffer;
  constructor(bytes: Uint8Array) {
    this.#bytes = Buffer.from(bytes);
  }
  /** The packed bytes (the filter-expression field's data). */
  toBytes(): Buffer {
    return this.#bytes;
  }
  /** Base64 of the packed bytes (what the official clients read with `Expression.fromBase64`). */
  toBase64(): string {
    return this.#bytes.toString('base64');
  }
  /** An expression from its base64 form. */
  static fromBase64(text: string): Expression {
    return new Expression(Buffer.from(text, 'base64'));
  }
}

const writer = new MsgPackWriter(256);

function node(code: number, ...args: ExpNode[]): ExpNode {
  return new ExpNode((w) => {
    w.writeArrayHeader(1 + args.length);
    w.writeInt(code);
    for (const a of args) a.write(w);
  });
}

function check(e: unknown, what: string): ExpNode {
  if (!(e instanceof ExpNode)) throw new InvalidArgumentError(`${what} must be an expression, got ${describeType(e)}`);
  return e;
}

function literal(v: unknown, what: string): ExpNode {
  if (v instanceof ExpNode) return v;
  return new ExpNode((w) => writeLiteral(w, v, what));
}

function writeLiteral(w: MsgPackWriter, v: unknown, what: string): void {
  if (v === null) w.writeNil();
  else if (typeof v === 'boolean') w.writeBool(v);
  else if (typeof v === 'number') {
    if (isIntegralNumber(v)) w.writeInt(v);
    else w.writeDouble(v);
  } else if (typeof v === 'bigint' || isBN(v)) w.writeValue(v, what);
  else if (Double.isDouble(v)) w.writeDouble(v.value);
  else if (typeof v === 'string') w.writeValue(v, what);
  else if (v instanceof Uint8Array) w.writeBytes(v);
  else if (GeoJSON.isGeoJSON(v)) w.writeGeoJSON(v.value);
  else if (HLL.isHLL(v)) w.writeBytes(v.bytes);
  else if (SpecialValue.isSpecial(v)) w.writeValue(v, what, { allowSpecial: true });
  else if (Array.isArray(v)) {
    // list literals are quoted so the server does not read them as calls
    w.writeArrayHeader(2);
    w.writeInt(126);
    w.writeValue(v, what, { allowSpecial: true });
  } else if (v instanceof Map || (typeof v === 'object' && v !== null)) w.writeValue(v, what, { allowSpecial: true });
  else throw new InvalidArgumentError(`${what}: unsupported expression literal ${describeType(v)}`);
}

function bin(name: string, type: ExpType): ExpNode {
  checkBinName(name);
  return new ExpNode((w) => {
    w.writeArrayHeader(3);
    w.writeInt(81);
    w.writeInt(type);
    w.writeRawString(name);
  });
}

function variadic(code: number, what: string, args: readonly ExpNode[]): ExpNode {
  if (args.length === 0) throw new InvalidArgumentError(`${what} needs at least one expression`);
  return node(code, ...args.map((a, i) => check(a, `${what} argument ${i + 1}`)));
}

/** Expression builders (the same tree the AEL compiler produces). */
export const Exp = Object.freeze({
  /** Packs an expression. */
  build: (e: ExpNode): Expression => {
    check(e, 'expression');
    writer.reset();
    e.write(writer);
    return new Expression(writer.toBuffer());
  },
  /** A literal value (int, float, string, bool, bytes, list, map, GeoJSON, nil). */
  val: (v: unknown): ExpNode => literal(v, 'expression value'),
  nil: (): ExpNode => new ExpNode((w) => w.writeNil()),
  /** Infinity and wildcard for collection ranges. */
  inf: (): ExpNode => new ExpNode((w) => w.writeInfinity()),
  wildcard: (): ExpNode => new ExpNode((w) => w.writeWildcard()),
  bin,
  intBin: (name: string): ExpNode => bin(name, ExpType.INT),
  floatBin: (name: string): ExpNode => bin(name, ExpType.FLOAT),
  stringBin: (name: string): ExpNode => bin(name, ExpType.STRING),
  boolBin: (name: string): ExpNode => bin(name, ExpType.BOOL),
  blobBin: (name: string): ExpNode => bin(name, ExpType.BLOB),
  listBin: (name: string): ExpNode => bin(name, ExpType.LIST),
  mapBin: (name: string): ExpNode => bin(name, ExpType.MAP),
  geoBin: (name: string): ExpNode => bin(name, ExpType.GEO),
  hllBin: (name: string): ExpNode => bin(name, ExpType.HLL),
  /** Particle type of a bin (0 when missing). */
  binType: (name: string): ExpNode => {
    checkBinName(name);
    return new ExpNode((w) => {
      w.writeArrayHeader(2);
      w.writeInt(82);
      w.writeRawString(name);
    });
  },
  /** True when the bin exists. */
  binExists: (name: string): ExpNode => node(2, Exp.binType(name), literal(0, 'bin type')),
  /** The stored user key of a type. */
  key: (type: ExpType): ExpNode => node(80, literal(type, 'key type')),
  keyExists: (): ExpNode => node(71),
  setName: (): ExpNode => node(70),
  ttl: (): ExpNode => node(69),
  voidTime: (): ExpNode => node(68),
  lastUpdate: (): ExpNode => node(66),
  sinceUpdate: (): ExpNode => node(67),
  isTombstone: (): ExpNode => node(72),
  deviceSize: (): ExpNode => node(65),
  memorySize: (): ExpNode => node(73),
  recordSize: (): ExpNode => node(74),
  digestModulo: (mod: number): ExpNode => node(64, literal(mod, 'digest modulo')),
  eq: (a: ExpNode, b: ExpNode): ExpNode => node(1, check(a, 'eq'), check(b, 'eq')),
  ne: (a: ExpNode, b: ExpNode): ExpNode => node(2, check(a, 'ne'), check(b, 'ne')),
  gt: (a: ExpNode, b: ExpNode): ExpNode => node(3, check(a, 'gt'), check(b, 'gt')),
  ge: (a: ExpNode, b: ExpNode): ExpNode => node(4, check(a, 'ge'), check(b, 'ge')),
  lt: (a: ExpNode, b: ExpNode): ExpNode => node(5, check(a, 'lt'), check(b, 'lt')),
  le: (a: ExpNode, b: ExpNode): ExpNode => node(6, check(a, 'le'), check(b, 'le')),
  regexCompare: (regex: string, flags: number, target: ExpNode): ExpNode =>
    new ExpNode((w) => {
      w.writeArrayHeader(4);
      w.writeInt(7);
      w.writeInt(flags);
      w.writeRawString(regex);
      check(target, 'regexCompare').write(w);
    }),
  geoCompare: (a: ExpNode, b: ExpNode): ExpNode => node(8, check(a, 'geoCompare'), check(b, 'geoCompare')),
  /** True when every expression is; with one expression, that expression itself (the server refuses a one-operand `and`). */
  and: (...e: ExpNode[]): ExpNode => (e.length === 1 ? check(e[0], 'and argument 1') : variadic(16, 'and', e)),
  /** True when any expression is; with one expression, that expression itself (the server refuses a one-operand `or`). */
  or: (...e: ExpNode[]): ExpNode => (e.length === 1 ? check(e[0], 'or argument 1') : variadic(17, 'or', e)),
  not: (e: ExpNode): ExpNode => node(18, check(e, 'not')),
  exclusive: (...e: ExpNode[]): ExpNode => variadic(19, 'exclusive', e),
  add: (...e: ExpNode[]): ExpNode => variadic(20, 'add', e),
  sub: (...e: ExpNode[]): ExpNode => variadic(21, 'sub', e),
  mul: (...e: ExpNode[]): ExpNode => variadic(22, 'mul', e),
  div: (...e: ExpNode[]): ExpNode => variadic(23, 'div', e),
  pow: (base: ExpNode, exponent: ExpNode): ExpNode => node(24, check(base, 'pow'), check(exponent, 'pow')),
  log: (num: ExpNode, base: ExpNode): ExpNode => node(25, check(num, 'log'), check(base, 'log')),
  mod: (a: ExpNode, b: ExpNode): ExpNode => node(26, check(a, 'mod'), check(b, 'mod')),
  abs: (e: ExpNode): ExpNode => node(27, check(e, 'abs')),
  floor: (e: ExpNode): ExpNode => node(28, check(e, 'floor')),
  ceil: (e: ExpNode): ExpNode => node(29, check(e, 'ceil')),
  toInt: (e: ExpNode): ExpNode => node(30, check(e, 'toInt')),
  toFloat: (e: ExpNode): ExpNode => node(31, check(e, 'toFloat')),
  intAnd: (...e: ExpNode[]): ExpNode => variadic(32, 'intAnd', e),
  intOr: (...e: ExpNode[]): ExpNode => variadic(33, 'intOr', e),
  intXor: (...e: ExpNode[]): ExpNode => variadic(34, 'intXor', e),
  intNot: (e: ExpNode): ExpNode => node(35, check(e, 'intNot')),
  lshift: (v: ExpNode, shift: ExpNode): ExpNode => node(36, check(v, 'lshift'), check(shift, 'lshift')),
  rshift: (v: ExpNode, shift: ExpNode): ExpNode => node(37, check(v, 'rshift'), check(shift, 'rshift')),
  arshift: (v: ExpNode, shift: ExpNode): ExpNode => node(38, check(v, 'arshift'), check(shift, 'arshift')),
  count: (e: ExpNode): ExpNode => node(39, check(e, 'count')),
  lscan: (v: ExpNode, search: ExpNode): ExpNode => node(40, check(v, 'lscan'), check(search, 'lscan')),
  rscan: (v: ExpNode, search: ExpNode): ExpNode => node(41, check(v, 'rscan'), check(search, 'rscan')),
  min: (...e: ExpNode[]): ExpNode => variadic(50, 'min', e),
  max: (...e: ExpNode[]): ExpNode => variadic(51, 'max', e),
  /** `cond(c1, v1, c2, v2, …, default)`. */
  cond: (...e: ExpNode[]): ExpNode => {
    if (e.length < 3 || e.length % 2 === 0) throw new InvalidArgumentError('cond needs condition/value pairs and a default (an odd number, at least 3)');
    return variadic(123, 'cond', e);
  },
  /** `let(def(a, x), def(b, y), …, scope)`. */
  let: (...e: ExpNode[]): ExpNode => {
    if (e.length < 2) throw new InvalidArgumentError('let needs at least one definition and a scope expression');
    return new ExpNode((w) => {
      // definitions are flattened: [125, name1, exp1, name2, exp2, ..., scope]
      const defs = e.slice(0, -1) as Array<ExpNode & { def?: [string, ExpNode] }>;
      w.writeArrayHeader(2 + defs.length * 2);
      w.writeInt(125);
      for (const d of defs) {
        if (d.def === undefined) throw new InvalidArgumentError('let: every argument but the last must be a def()');
        w.writeRawString(d.def[0]);
        d.def[1].write(w);
      }
      (e[e.length - 1] as ExpNode).write(w);
    });
  },
  /** A variable definition for {@link Exp.let}. */
  def: (name: string, value: ExpNode): ExpNode => {
    const n = new ExpNode(() => {
      throw new InvalidArgumentError('def() is only valid inside let()');
    }) as ExpNode & { def?: [string, ExpNode] };
    n.def = [name, check(value, 'def')];
    return n;
  },
  /** A variable defined by {@link Exp.let}. */
  var: (name: string): ExpNode =>
    new ExpNode((w) => {
      w.writeArrayHeader(2);
      w.writeInt(124);
      w.writeRawString(name);
    }),
  unknown: (): ExpNode => node(0),
  /**
   * A collection/bit/HLL call: `payload` is the packed operation (as the matching
   * ListOp/MapOp/BitOp/HllOp builds it, with context), applied to `target` (a bin expression).
   */
  call: (returnType: ExpType, module: number, payload: Uint8Array, target: ExpNode): ExpNode =>
    new ExpNode((w) => {
      w.writeArrayHeader(5);
      w.writeInt(127);
      w.writeInt(returnType);
      w.writeInt(module);
      w.writeRaw(payload);
      check(target, 'call target').write(w);
    })
});

/** Expression operations inside operate. */
export const ExpOp = Object.freeze({
  /**
   * Evaluates `exp` and returns it under the name `name`.
   * @throws InvalidArgumentError when `name` is not a valid bin name (1 to 15 bytes).
   */
  read: (name: string, exp: Expression, flags = 0): Operation => {
    checkBinName(name);
    return { op: OpType.EXP_READ, bin: name, packed: packExpOp(exp, flags), respondAll: true };
  },
  /** Evaluates `exp` and writes the result to `bin`. */
  write: (bin: string, exp: Expression, flags = 0): Operation => {
    checkBinName(bin);
    return { op: OpType.EXP_MODIFY, bin, packed: packExpOp(exp, flags), respondAll: true };
  }
});

function packExpOp(exp: Expression, flags: number): Buffer {
  if (!(exp instanceof Expression)) throw new InvalidArgumentError(`expression operation needs a built Expression, got ${describeType(exp)}`);
  const w = new MsgPackWriter(64);
  w.writeArrayHeader(2);
  w.writeRaw(exp.toBytes());
  w.writeInt(flags);
  return w.toBuffer();
}
