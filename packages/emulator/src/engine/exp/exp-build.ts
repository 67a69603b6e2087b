/**
 * Builds an expression from its wire bytes, with the checks the server makes before it
 * evaluates anything: instruction arity, static argument types (a comparison of an int with
 * a string, arithmetic mixing int and float, a non-boolean condition…), literal validity
 * (GeoJSON, regex, blob type bytes), variable scoping. Any failure is a build error: the
 * command answers PARAMETER_ERROR.
 */
import { CallSystem, ExpCode, particleTypeOf, VType } from './exp-codes.js';
import { ExpBuildError, ExpUnsupportedError } from './exp-errors.js';
import type { BuiltExp, CallPart, ExpTree } from './exp-tree.js';
import { bool, NIL, type ExpValue } from './exp-values.js';
import { MpCursor, MpType } from './mp-cursor.js';
import { parseGeoJson } from './ops/geo-shape.js';
import { compilePosixRegex } from './ops/posix-regex.js';

/** A built node, its static type, and whether it is the `unknown()` instruction itself. */
interface Built {
  readonly tree: ExpTree;
  readonly type: number;
  readonly isUnknownOp: boolean;
}

interface VarEntry {
  readonly name: Buffer;
  readonly idx: number;
  type: number;
}

/** Collection op codes the server reads specially inside a call. */
const CDT_OP_SELECT = 0xfe;
const CDT_OP_CONTEXT_EVAL = 0xff;

const MAX_BIN_NAME = 15;

const META_TYPES: Readonly<Record<number, number>> = {
  [ExpCode.META_DEVICE_SIZE]: VType.INT,
  [ExpCode.META_LAST_UPDATE]: VType.INT,
  [ExpCode.META_SINCE_UPDATE]: VType.INT,
  [ExpCode.META_VOID_TIME]: VType.INT,
  [ExpCode.META_TTL]: VType.INT,
  [ExpCode.META_SET_NAME]: VType.STR,
  [ExpCode.META_KEY_EXISTS]: VType.BOOL,
  [ExpCode.META_IS_TOMBSTONE]: VType.BOOL,
  [ExpCode.META_MEMORY_SIZE]: VType.INT,
  [ExpCode.META_RECORD_SIZE]: VType.INT
};

function fail(what: string): never {
  throw new ExpBuildError(what);
}

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

class Builder {
  readonly #c: MpCursor;
  #scopes: VarEntry[][] = [];
  #varIdx = 0;
  maxVars = 0;

  constructor(bytes: Buffer) {
    this.#c = new MpCursor(bytes);
  }

  get done(): boolean {
    return this.#c.atEnd();
  }

  #leaf(tree: ExpTree, type: number): Built {
    return { tree, type, isUnknownOp: false };
  }

  #value(v: ExpValue, type: number): Built {
    return this.#leaf({ k: 'value', v }, type);
  }

  /** Builds the next instruction. */
  next(): Built {
    const c = this.#c;
    const t = c.peekType();
    if (t !== MpType.LIST) return this.#literal(t);
    const count = c.listCount();
    if (count === undefined || count === 0) fail('empty instruction');
    const code = c.getUint64();
    if (code === undefined) fail('instruction without an op code');
    if (code > 0xffn) fail(`invalid op code ${code}`);
    return this.#instruction(Number(code), count - 1);
  }

  #literal(t: MpType): Built {
    const c = this.#c;
    switch (t) {
      case MpType.NIL:
        c.pos++;
        return this.#value(NIL, VType.NIL);
      case MpType.FALSE:
      case MpType.TRUE:
        return this.#value(bool(c.getBool() === true), VType.BOOL);
      case MpType.INT:
      case MpType.NEGINT: {
        const v = c.getInt64();
        if (v === undefined) fail('bad integer');
        return this.#value({ t: 'int', v }, VType.INT);
      }
      case MpType.DOUBLE: {
        const v = c.getDouble();
        if (v === undefined) fail('bad float');
        return this.#value({ t: 'float', v }, VType.FLOAT);
      }
      case MpType.STRING: {
        const b = c.getBin();
        if (b === undefined) fail('bad string');
        return this.#value({ t: 'str', bytes: b.subarray(1) }, VType.STR);
      }
      case MpType.BYTES: {
        const b = c.getBin();
        if (b === undefined || b.length === 0) fail('bad blob');
        if (b[0] === 4) return this.#value({ t: 'blob', bytes: b.subarray(1) }, VType.BLOB);
        if (b[0] === 18) return this.#value({ t: 'hll', bytes: b.subarray(1) }, VType.HLL);
        return fail(`invalid blob type ${b[0]}`);
      }
      case MpType.GEOJSON: {
        const b = c.getBin();
        if (b === undefined) fail('bad GeoJSON');
        const json = b.subarray(1);
        const geo = parseGeoJson(json);
        if (geo === undefined) fail('invalid GeoJSON');
        return this.#leaf({ k: 'value', v: { t: 'geo', json }, geo }, VType.GEO);
      }
      case MpType.ERROR:
        return fail('invalid instruction');
      default: {
        const bytes = c.element();
        if (bytes === undefined) fail('invalid msgpack');
        return this.#value({ t: 'msgpack', bytes }, t === MpType.MAP ? VType.MAP : VType.ANY);
      }
    }
  }

  #args(argc: number, expected: number): void {
    if (argc !== expected) fail(`expected ${expected} arguments, found ${argc}`);
  }

  /** Builds `n` arguments that must all have type `type`. */
  #typed(n: number, type: number): ExpTree[] {
    const out: ExpTree[] = [];
    for (let i = 0; i < n; i++) {
      const a = this.next();
      if (a.type !== type) fail(`argument ${i + 1} has type ${a.type}, expected ${type}`);
      out.push(a.tree);
    }
    return out;
  }

  #name(maxLen: number): Buffer {
    const name = this.#c.getBin();
    if (name === undefined) fail('expected a name');
    if (name.length > maxLen || name.includes(0)) fail('invalid bin name');
    return name;
  }

  #instruction(code: number, argc: number): Built {
    switch (code) {
      case ExpCode.UNKNOWN:
        this.#args(argc, 0);
        return { tree: { k: 'unknown' }, type: VType.BOOL, isUnknownOp: true };
      case ExpCode.EQ:
      case ExpCode.NE:
      case ExpCode.GT:
      case ExpCode.GE:
      case ExpCode.LT:
      case ExpCode.LE: {
        this.#args(argc, 2);
        const a = this.next();
        const b = this.next();
        if (a.type !== b.type) fail(`mismatched comparison types ${a.type} and ${b.type}`);
        if (a.type === VType.GEO || a.type === VType.HLL) fail(`cannot compare type ${a.type}`);
        return this.#leaf({ k: 'compare', code, a: a.tree, b: b.tree }, VType.BOOL);
      }
      case ExpCode.CMP_REGEX: {
        this.#args(argc, 3);
        const flags = this.#c.getInt64();
        if (flags === undefined) fail('invalid regex options');
        const pattern = this.#c.getBin();
        if (pattern === undefined) fail('invalid regex string');
        const a = this.next();
        if (a.type !== VType.STR) fail('regex compare of a non-string');
        const re = compilePosixRegex(pattern, Number(BigInt.asIntN(32, flags)));
        return this.#leaf({ k: 'regex', re, a: a.tree }, VType.BOOL);
      }
      case ExpCode.CMP_GEO: {
        this.#args(argc, 2);
        const [a, b] = this.#typed(2, VType.GEO) as [ExpTree, ExpTree];
        return this.#leaf({ k: 'geo', a, b }, VType.BOOL);
      }
      case ExpCode.IN_LIST: {
        this.#args(argc, 2);
        const a = this.next();
        const b = this.next();
        if (b.type !== VType.LIST) fail('in_list needs a list');
        return this.#leaf({ k: 'in-list', a: a.tree, b: b.tree }, VType.BOOL);
      }
      case ExpCode.AND:
      case ExpCode.OR:
      case ExpCode.EXCLUSIVE: {
        if (argc < 2) fail('too few arguments');
        const args = this.#typed(argc, VType.BOOL);
        const k = code === ExpCode.AND ? 'and' : code === ExpCode.OR ? 'or' : 'exclusive';
        return this.#leaf({ k, args }, VType.BOOL);
      }
      case ExpCode.NOT: {
        this.#args(argc, 1);
        const [a] = this.#typed(1, VType.BOOL) as [ExpTree];
        return this.#leaf({ k: 'not', a }, VType.BOOL);
      }
      case ExpCode.ADD:
      case ExpCode.SUB:
      case ExpCode.MUL:
      case ExpCode.DIV:
      case ExpCode.MIN:
      case ExpCode.MAX: {
        if (argc < 1) fail('too few arguments');
        const args: ExpTree[] = [];
        let type: number | undefined;
        for (let i = 0; i < argc; i++) {
          const a = this.next();
          if (a.type !== VType.INT && a.type !== VType.FLOAT) fail(`invalid type ${a.type} at argument ${i + 1}`);
          if (type !== undefined && a.type !== type) fail(`mixed types at argument ${i + 1}`);
          type = a.type;
          args.push(a.tree);
        }
        return this.#leaf({ k: 'math', code, args, float: type === VType.FLOAT }, type as number);
      }
      case ExpCode.POW:
      case ExpCode.LOG:
        this.#args(argc, 2);
        return this.#leaf({ k: 'math', code, args: this.#typed(2, VType.FLOAT), float: true }, VType.FLOAT);
      case ExpCode.MOD:
      case ExpCode.INT_LSHIFT:
      case ExpCode.INT_RSHIFT:
      case ExpCode.INT_ARSHIFT:
        this.#args(argc, 2);
        return this.#leaf({ k: 'math', code, args: this.#typed(2, VType.INT), float: false }, VType.INT);
      case ExpCode.ABS: {
        this.#args(argc, 1);
        const a = this.next();
        if (a.type !== VType.INT && a.type !== VType.FLOAT) fail('abs of a non-number');
        return this.#leaf({ k: 'math', code, args: [a.tree], float: a.type === VType.FLOAT }, a.type);
      }
      case ExpCode.FLOOR:
      case ExpCode.CEIL:
        this.#args(argc, 1);
        return this.#leaf({ k: 'math', code, args: this.#typed(1, VType.FLOAT), float: true }, VType.FLOAT);
      case ExpCode.TO_INT:
        this.#args(argc, 1);
        return this.#leaf({ k: 'math', code, args: this.#typed(1, VType.FLOAT), float: true }, VType.INT);
      case ExpCode.TO_FLOAT:
        this.#args(argc, 1);
        return this.#leaf({ k: 'math', code, args: this.#typed(1, VType.INT), float: false }, VType.FLOAT);
      case ExpCode.INT_AND:
      case ExpCode.INT_OR:
      case ExpCode.INT_XOR:
        if (argc < 1) fail('too few arguments');
        return this.#leaf({ k: 'math', code, args: this.#typed(argc, VType.INT), float: false }, VType.INT);
      case ExpCode.INT_NOT:
      case ExpCode.INT_COUNT:
        this.#args(argc, 1);
        return this.#leaf({ k: 'math', code, args: this.#typed(1, VType.INT), float: false }, VType.INT);
      case ExpCode.INT_LSCAN:
      case ExpCode.INT_RSCAN: {
        this.#args(argc, 2);
        const a = this.next();
        const b = this.next();
        if (a.type !== VType.INT) fail('scan of a non-integer');
        if (b.type !== VType.BOOL) fail('scan for a non-boolean');
        return this.#leaf({ k: 'math', code, args: [a.tree, b.tree], float: false }, VType.INT);
      }
      case ExpCode.META_DIGEST_MOD: {
        this.#args(argc, 1);
        const m = this.#c.getInt64();
        if (m === undefined) fail('digest modulo needs an integer');
        const mod = Number(BigInt.asIntN(32, m));
        if (mod === 0) fail('digest modulo by zero');
        return this.#leaf({ k: 'meta', code, mod }, VType.INT);
      }
      case ExpCode.META_DEVICE_SIZE:
      case ExpCode.META_LAST_UPDATE:
      case ExpCode.META_SINCE_UPDATE:
      case ExpCode.META_VOID_TIME:
      case ExpCode.META_TTL:
      case ExpCode.META_SET_NAME:
      case ExpCode.META_KEY_EXISTS:
      case ExpCode.META_IS_TOMBSTONE:
      case ExpCode.META_MEMORY_SIZE:
      case ExpCode.META_RECORD_SIZE:
        this.#args(argc, 0);
        return this.#leaf({ k: 'meta', code, mod: 0 }, META_TYPES[code] as number);
      case ExpCode.REC_KEY: {
        this.#args(argc, 1);
        const t = this.#c.getUint64();
        if (t === undefined) fail('key needs a type');
        if (t === BigInt(VType.INT)) return this.#leaf({ k: 'key', type: 'int' }, VType.INT);
        if (t === BigInt(VType.STR)) return this.#leaf({ k: 'key', type: 'str' }, VType.STR);
        if (t === BigInt(VType.BLOB)) return this.#leaf({ k: 'key', type: 'blob' }, VType.BLOB);
        return fail(`invalid key type ${t}`);
      }
      case ExpCode.BIN: {
        this.#args(argc, 2);
        const t = this.#c.getUint64();
        if (t === undefined) fail('bin needs a type');
        if (t >= BigInt(VType.INPUT_END)) fail(`invalid bin type ${t}`);
        const type = Number(t);
        const name = this.#name(MAX_BIN_NAME);
        return this.#leaf({ k: 'bin', name: name.toString('utf8'), ptype: particleTypeOf(type) ?? -1 }, type);
      }
      case ExpCode.BIN_TYPE: {
        this.#args(argc, 1);
        const name = this.#name(MAX_BIN_NAME);
        return this.#leaf({ k: 'bin-type', name: name.toString('utf8') }, VType.INT);
      }
      case ExpCode.RESULT_REMOVE:
        this.#args(argc, 0);
        return this.#leaf({ k: 'remove' }, VType.REMOVE);
      case ExpCode.MAP_KEYS:
      case ExpCode.MAP_VALUES: {
        this.#args(argc, 1);
        const a = this.next();
        return this.#leaf({ k: 'map-kv', values: code === ExpCode.MAP_VALUES, a: a.tree }, VType.LIST);
      }
      case ExpCode.VAR_BUILTIN:
        return this.#builtin(argc);
      case ExpCode.COND:
        return this.#cond(argc);
      case ExpCode.VAR:
        return this.#var(argc);
      case ExpCode.LET:
        return this.#let(argc);
      case ExpCode.QUOTE: {
        this.#args(argc, 1);
        if (this.#c.peekType() !== MpType.LIST) fail('quote needs a list');
        const bytes = this.#c.element();
        if (bytes === undefined) fail('invalid quoted list');
        return this.#value({ t: 'msgpack', bytes }, VType.LIST);
      }
      case ExpCode.CALL:
        return this.#call(argc);
      default:
        return fail(`invalid op code ${code}`);
    }
  }

  #builtin(argc: number): Built {
    this.#args(argc, 2);
    const t = this.#c.getUint64();
    if (t === undefined) fail('builtin variable needs a type');
    const idx = this.#c.getUint64();
    if (idx === undefined) fail('builtin variable needs an index');
    if (idx >= 3n) fail(`invalid builtin variable ${idx}`);
    if (idx === 2n && t !== BigInt(VType.INT)) fail('builtin index variable must be an integer');
    // Builtin variables are bound only inside collection selects: elsewhere they are unknown.
    if (t < BigInt(VType.INPUT_END)) return this.#leaf({ k: 'unknown' }, Number(t));
    if (t === BigInt(VType.INPUT_END)) return { tree: { k: 'unknown' }, type: VType.BOOL, isUnknownOp: true };
    if (t === BigInt(VType.REMOVE)) return this.#leaf({ k: 'unknown' }, VType.REMOVE);
    return fail(`invalid builtin variable type ${t}`);
  }

  #cond(argc: number): Built {
    if (argc < 3) fail('cond: too few arguments');
    if (argc % 2 === 0) fail('cond: requires a default');
    const cases: (readonly [ExpTree, ExpTree])[] = [];
    let type: number = VType.ANY;
    for (let i = 0; i < (argc - 1) / 2; i++) {
      const test = this.next();
      if (test.type !== VType.BOOL) fail(`cond: condition ${i + 1} is not boolean`);
      const value = this.next();
      if (!value.isUnknownOp) {
        if (type === VType.ANY) type = value.type;
        if (value.type !== type) fail(`cond: mismatched type at condition ${i + 1}`);
      }
      cases.push([test.tree, value.tree]);
    }
    const otherwise = this.next();
    if (type === VType.ANY) type = otherwise.type;
    else if (!otherwise.isUnknownOp && otherwise.type !== type) fail('cond: mismatched default type');
    // The server asserts on a cond whose type stays undetermined: never answer for it.
    if (type === VType.ANY) throw new ExpUnsupportedError('cond of an untyped value');
    return this.#leaf({ k: 'cond', cases, otherwise: otherwise.tree }, type);
  }

  #find(name: Buffer): VarEntry | undefined {
    for (let s = this.#scopes.length - 1; s >= 0; s--) {
      for (const e of this.#scopes[s] as VarEntry[]) if (e.name.equals(name)) return e;
    }
    return undefined;
  }

  #var(argc: number): Built {
    this.#args(argc, 1);
    const name = this.#c.getBin();
    if (name === undefined) fail('var needs a name');
    const e = this.#find(name);
    if (e === undefined) fail(`undefined variable ${name.toString('latin1')}`);
    if (e.type === VType.ANY) fail(`variable ${name.toString('latin1')} used while defined`);
    return this.#leaf({ k: 'var', idx: e.idx }, e.type);
  }

  #let(argc: number): Built {
    if (argc < 3) fail('let: too few arguments');
    if (argc % 2 === 0) fail('let: invalid argument count');
    const scope: VarEntry[] = [];
    this.#scopes.push(scope);
    const defs: { idx: number; value: ExpTree }[] = [];
    for (let i = 0; i < (argc - 1) / 2; i++) {
      const name = this.#c.getBin();
      if (name === undefined) fail('let: variable name is not a string');
      if (name.length === 0) fail('let: empty variable name');
      const c0 = name[0] as number;
      if (c0 !== 0x5f && !isAlpha(c0)) fail('let: variable name must begin with a letter or underscore');
      for (let j = 1; j < name.length; j++) {
        const cj = name[j] as number;
        if (cj !== 0x5f && !isAlpha(cj) && !isDigit(cj)) fail('let: variable name must hold letters, digits or underscores');
      }
      if (this.#find(name) !== undefined) fail('let: duplicate variable name');
      const entry: VarEntry = { name, idx: this.#varIdx++, type: VType.ANY };
      scope.push(entry);
      const value = this.next();
      entry.type = value.type;
      defs.push({ idx: entry.idx, value: value.tree });
    }
    const body = this.next();
    if (this.maxVars < this.#varIdx) this.maxVars = this.#varIdx;
    this.#scopes.pop();
    this.#varIdx -= scope.length;
    return { tree: { k: 'let', defs, scope: body.tree }, type: body.type, isUnknownOp: body.isUnknownOp };
  }

  #call(argc: number): Built {
    this.#args(argc, 4);
    const c = this.#c;
    const t = c.getUint64();
    if (t === undefined) fail('call: invalid result type');
    if (t >= BigInt(VType.INPUT_END)) fail(`call: invalid result type ${t}`);
    const sys = c.getUint64();
    if (sys === undefined) fail('call: invalid system');
    const parts: CallPart[] = [];
    let start = c.pos;
    let count = c.listCount();
    if (count === undefined || count === 0) fail('call: invalid operation');
    let op = c.getUint64();
    if (op === undefined) fail('call: invalid operation');
    if (op === BigInt(CDT_OP_CONTEXT_EVAL)) {
      if (count !== 3 || !c.skip()) fail('call: invalid context');
      count = c.listCount();
      op = c.getUint64();
      if (count === undefined || op === undefined || count === 0) fail('call: invalid operation');
    } else if (op === BigInt(CDT_OP_SELECT)) {
      if (count < 3 || count > 4 || c.peekType() !== MpType.LIST || !c.skip() || c.getUint64() === undefined) fail('call: invalid select');
      if (count === 4 && !c.skip()) fail('call: invalid select');
      count = 1;
    }
    for (let i = 1; i < count; i++) {
      if (c.peekType() === MpType.LIST) {
        parts.push({ raw: c.buf.subarray(start, c.pos) });
        parts.push({ arg: this.next().tree });
        start = c.pos;
      } else if (!c.skip()) {
        fail('call: invalid argument');
      }
    }
    parts.push({ raw: c.buf.subarray(start, c.pos) });
    const target = this.next();
    if (target.type === VType.NIL) {
      return { tree: { k: 'call', type: VType.NIL, system: Number(sys & 0xffffffffn), parts, target: target.tree }, type: VType.NIL, isUnknownOp: target.isUnknownOp };
    }
    const system = Number(sys & 0xffffffffn);
    switch (system & ~CallSystem.MODIFY_LOCAL) {
      case CallSystem.CDT:
        if (target.type !== VType.LIST && target.type !== VType.MAP) fail('call: target is not a list or map');
        break;
      case CallSystem.HLL:
        if (target.type !== VType.HLL) fail('call: target is not an HLL');
        break;
      case CallSystem.BITS:
        if (target.type !== VType.BLOB) fail('call: target is not a blob');
        break;
      default:
        fail(`call: invalid system ${system}`);
    }
    const type = Number(t);
    return this.#leaf({ k: 'call', type, system, parts, target: target.tree }, type);
  }
}

/**
 * Builds an expression from its packed bytes.
 * @throws ExpBuildError when the server would refuse it (PARAMETER_ERROR)
 * @throws ExpUnsupportedError for what the emulator does not implement
 */
export function buildExpression(bytes: Buffer): BuiltExp {
  const b = new Builder(bytes);
  let built: Built;
  try {
    built = b.next();
  } catch (e) {
    if (e instanceof RangeError) throw new ExpUnsupportedError('expression nested too deeply');
    throw e;
  }
  if (!b.done) fail('trailing bytes after the expression');
  if (built.type === VType.ANY) fail('expression of undetermined type');
  return { tree: built.tree, type: built.type, vars: b.maxVars };
}
