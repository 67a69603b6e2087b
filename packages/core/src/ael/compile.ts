import { Exp, ExpNode, type Expression } from '../exp/exp.js';
import { AelError } from './ael-error.js';
import { InvalidArgumentError } from '../errors/client-errors.js';
import { Double } from '../values/double.js';
import { ListReturnType } from '../ops/list-operations.js';
import { HllExp, ListExp } from './cdt-exp.js';
import { buildPath, EXP_TYPE, pathStaticType } from './compile-path.js';
import { checkInt64Literal, parseAelText, type AelType as T, type Ast } from './parser.js';

const META_TYPE: { readonly [fn: string]: T } = {
  ttl: 'int', voidTime: 'int', lastUpdate: 'int', sinceUpdate: 'int', setName: 'string', keyExists: 'bool', isTombstone: 'bool', recordSize: 'int', digestModulo: 'int', deviceSize: 'int', memorySize: 'int'
};
const HLL_TYPE: { readonly [fn: string]: T } = {
  hllCount: 'int',
  hllDescribe: 'list',
  hllMayContain: 'int',
  hllUnion: 'hll',
  hllUnionCount: 'int',
  hllIntersectCount: 'int',
  hllSimilarity: 'float'
};
const COMPARE = new Set(['==', '!=', '>', '>=', '<', '<=']);
const ARITH = new Set(['+', '-', '*', '/', '%', '**', '&', '|', '^', '<<', '>>', '>>>']);
/** Calls whose result has the type of their arguments. */
const NUMERIC_CALLS = new Set(['abs', 'ceil', 'floor', 'max', 'min', 'pow', 'log']);

/**
 * Compiles an AEL syntax tree to the expression tree. Bin types come from an explicit
 * `.asInt()`/`.get(type: …)`, else from what the bin is compared with or computed with;
 * one bin used with two types is an error.
 */
/** A type-checked AEL tree: builds any of its subtrees with the bin types learned from the whole text. */
export interface AelProgram {
  /** The parse tree. */
  readonly ast: Ast;
  /** The source text (for error messages). */
  readonly text: string;
  /** Builds the expression for `a` (the whole tree or one of its subtrees). */
  build(a: Ast): ExpNode;
  /** The value type of `a`, when known. */
  typeOf(a: Ast): T | null;
}

/**
 * Parses and type-checks AEL text without building it; index selection uses this to
 * split a top-level `and`. @throws AelError
 */
export function compileAel(text: string, ...placeholders: unknown[]): AelProgram {
  if (typeof text !== 'string') throw new AelError('an AEL expression must be a string', String(text), 0);
  return compileTree(parseAelText(text, placeholders), text);
}

function compileTree(ast: Ast, text: string): AelProgram {
  const types = new Map<string, { t: T; col: number }>();

  function note(name: string, t: T, col: number): void {
    const prev = types.get(name);
    if (prev !== undefined && prev.t !== t) throw new AelError(`bin '${name}' is used as ${prev.t} and as ${t}`, text, col);
    types.set(name, { t, col });
  }

  // Pass 1: infer bin types.
  function typeOf(a: Ast): T | null {
    switch (a.k) {
      case 'lit':
        return a.type;
      case 'bin':
        return a.type ?? types.get(a.name)?.t ?? null;
      case 'cdt':
        return pathStaticType(a) ?? types.get(a.key)?.t ?? null;
      case 'cast':
        return a.to;
      case 'hll':
        return HLL_TYPE[a.fn] ?? null;
      case 'unknown':
        return null;
      case 'let':
        return typeOf(a.body);
      case 'var':
        return typeOf(a.def);
      case 'exists':
        return 'bool';
      case 'meta':
        return META_TYPE[a.fn] ?? 'int';
      case 'unary':
        return a.op === 'not' ? 'bool' : typeOf(a.arg);
      case 'in':
        return 'bool';
      case 'call':
        return a.fn === 'exclusive' || a.fn === 'geoCompare' ? 'bool' : a.fn === 'countOneBits' || a.fn === 'findBitLeft' || a.fn === 'findBitRight' ? 'int' : (a.args.map(typeOf).find((x) => x !== null) ?? null);
      case 'binary':
        if (a.op === 'and' || a.op === 'or' || COMPARE.has(a.op)) return 'bool';
        return typeOf(a.left) ?? typeOf(a.right);
      case 'when':
        return [...a.vals, a.dflt].map(typeOf).find((x) => x !== null) ?? null;
    }
  }

  function infer(a: Ast): void {
    switch (a.k) {
      case 'bin':
        if (a.type !== null) note(a.name, a.type, a.col);
        return;
      case 'unary':
        infer(a.arg);
        if (a.op !== 'not') unify(a.arg, typeOf(a.arg));
        return;
      case 'call':
        a.args.forEach(infer);
        if (a.fn === 'geoCompare') for (const x of a.args) unify(x, 'geo');
        else if (a.fn !== 'exclusive') {
          const t = a.args.map(typeOf).find((x) => x !== null) ?? null;
          for (const x of a.args) unify(x, t);
        }
        return;
      case 'cast':
        infer(a.arg);
        return;
      case 'hll':
        a.args.forEach(infer);
        for (const x of a.args) unify(x, a.fn === 'hllMayContain' ? 'list' : 'hll');
        return;
      case 'let':
        a.vals.forEach(infer);
        infer(a.body);
        return;
      case 'in':
        infer(a.left);
        infer(a.list);
        unify(a.list, 'list');
        if (a.list.k === 'lit' && Array.isArray(a.list.v) && a.list.v.length > 0) {
          const first = a.list.v[0];
          unify(a.left, typeof first === 'string' ? 'string' : typeof first === 'boolean' ? 'bool' : Double.isDouble(first) || (typeof first === 'number' && !Number.isInteger(first)) ? 'float' : 'int');
        }
        return;
      case 'when': {
        a.conds.forEach(infer);
        for (const c of a.conds) unify(c, 'bool');
        const branches = [...a.vals, a.dflt];
        branches.forEach(infer);
        const t = branches.map(own).find((x) => x !== null) ?? branches.map(typeOf).find((x) => x !== null) ?? null;
        for (const b of branches) unify(b, t);
        return;
      }
      case 'binary':
        infer(a.left);
        infer(a.right);
        if (COMPARE.has(a.op) || ARITH.has(a.op)) {
          // what the operands say themselves (literals, explicit types) wins over earlier inferences
          const t = own(a.left) ?? own(a.right) ?? typeOf(a.left) ?? typeOf(a.right);
          unify(a.left, t);
          unify(a.right, t);
        }
        return;
      default:
        return;
    }
  }

  /** A type an expression states by itself, not learned from other uses of a bin. */
  function own(a: Ast): T | null {
    if (a.k === 'bin') return a.type;
    if (a.k === 'cdt') return pathStaticType(a);
    if (a.k === 'binary' && ARITH.has(a.op)) return own(a.left) ?? own(a.right);
    if (a.k === 'unary' && a.op !== 'not') return own(a.arg);
    if (a.k === 'call' && NUMERIC_CALLS.has(a.fn)) return a.args.map(own).find((x) => x !== null) ?? null;
    return typeOf(a);
  }

  function unify(a: Ast, t: T | null): void {
    if (t === null) return;
    if (a.k === 'bin' && a.type === null) note(a.name, t, a.col);
    else if (a.k === 'cdt' && pathStaticType(a) === null) note(a.key, t, a.col);
    else if (a.k === 'binary' && ARITH.has(a.op)) {
      unify(a.left, t);
      unify(a.right, t);
    } else if (a.k === 'unary' && a.op !== 'not') unify(a.arg, t);
    else if (a.k === 'call' && NUMERIC_CALLS.has(a.fn)) for (const x of a.args) unify(x, t);
  }

  infer(ast);
  infer(ast); // a second pass settles types learned late in the first

  // Pass 2: build.
  /**
   * Builds `a`. The expression builders validate their input and throw InvalidArgumentError;
   * that becomes an AelError pointing at the innermost node being built, so AEL text only
   * ever fails with AelError.
   */
  function build(a: Ast): ExpNode {
    try {
      return buildNode(a);
    } catch (e) {
      throw asAelError(e, text, a.col);
    }
  }

  function buildNode(a: Ast): ExpNode {
    switch (a.k) {
      case 'lit':
        checkInt64Literal(a.v, text, a.col);
        return a.type === 'float' ? new ExpNode((w) => w.writeDouble(a.v as number)) : Exp.val(a.v);
      case 'bin':
        return Exp.bin(a.name, EXP_TYPE[a.type ?? types.get(a.name)?.t ?? 'int']);
      case 'cdt':
        return buildPath(a, types.get(a.key)?.t ?? null, text);
      case 'cast':
        return a.to === 'int' ? Exp.toInt(build(a.arg)) : Exp.toFloat(build(a.arg));
      case 'unknown':
        return Exp.unknown();
      case 'hll': {
        const bin = Exp.hllBin(a.name);
        const noArgs = a.fn === 'hllCount' || a.fn === 'hllDescribe';
        if (a.args.length !== (noArgs ? 0 : 1)) throw new AelError(`${a.fn}() takes ${noArgs ? 'no arguments' : 'one argument'}`, text, a.col);
        if (a.fn === 'hllCount') return HllExp.getCount(bin);
        if (a.fn === 'hllDescribe') return HllExp.describe(bin);
        const arg = build(a.args[0] as Ast);
        switch (a.fn) {
          case 'hllMayContain':
            return HllExp.mayContain(arg, bin);
          case 'hllUnion':
            return HllExp.getUnion(arg, bin);
          case 'hllUnionCount':
            return HllExp.getUnionCount(arg, bin);
          case 'hllIntersectCount':
            return HllExp.getIntersectCount(arg, bin);
          default:
            return HllExp.getSimilarity(arg, bin);
        }
      }
      case 'let':
        return Exp.let(...a.names.map((n, i) => Exp.def(n, build(a.vals[i] as Ast))), build(a.body));
      case 'var':
        return Exp.var(a.name);
      case 'exists':
        return Exp.binExists(a.name);
      case 'meta':
        switch (a.fn) {
          case 'ttl':
            return Exp.ttl();
          case 'voidTime':
            return Exp.voidTime();
          case 'lastUpdate':
            return Exp.lastUpdate();
          case 'sinceUpdate':
            return Exp.sinceUpdate();
          case 'setName':
            return Exp.setName();
          case 'keyExists':
            return Exp.keyExists();
          case 'isTombstone':
            return Exp.isTombstone();
          case 'recordSize':
            return Exp.recordSize();
          case 'deviceSize':
            return Exp.deviceSize();
          case 'memorySize':
            return Exp.memorySize();
          default: {
            const n = a.args[0];
            if (a.args.length !== 1 || n === undefined || n.k !== 'lit' || n.type !== 'int') throw new AelError('digestModulo takes one integer', text, a.col);
            checkInt64Literal(n.v, text, n.col);
            return Exp.digestModulo(n.v as number);
          }
        }
      case 'unary':
        if (a.op === 'not') return Exp.not(build(a.arg));
        if (a.op === '~') return Exp.intNot(build(a.arg));
        if (a.arg.k === 'cast' && a.arg.arg.k === 'lit') {
          // -5.asFloat(): the sign belongs to the literal
          const inner: Ast = { k: 'unary', op: '-', arg: a.arg.arg, col: a.col };
          return a.arg.to === 'int' ? Exp.toInt(build(inner)) : Exp.toFloat(build(inner));
        }
        if (a.arg.k === 'lit' && (a.arg.type === 'int' || a.arg.type === 'float')) {
          const v = a.arg.v;
          if (typeof v === 'bigint') checkInt64Literal(-v, text, a.col);
          return a.arg.type === 'float' ? new ExpNode((w) => w.writeDouble(-(v as number))) : Exp.val(typeof v === 'bigint' ? -v : -(v as number));
        }
        return Exp.sub(Exp.val(0), build(a.arg));
      case 'in': {
        const t = typeOf(a.list);
        if (t !== null && t !== 'list') throw new AelError(`'in' needs a list on its right, not ${t}`, text, a.col);
        return ListExp.getByValue(ListReturnType.EXISTS, build(a.left), build(a.list));
      }
      case 'when': {
        const parts: ExpNode[] = [];
        a.conds.forEach((c, i) => parts.push(build(c), build(a.vals[i] as Ast)));
        parts.push(build(a.dflt));
        return Exp.cond(...parts);
      }
      case 'call': {
        const args = a.args.map(build);
        const one = (): ExpNode => {
          if (args.length !== 1) throw new AelError(`${a.fn}() takes one argument`, text, a.col);
          return args[0] as ExpNode;
        };
        switch (a.fn) {
          case 'abs':
            return Exp.abs(one());
          case 'ceil':
            return Exp.ceil(one());
          case 'floor':
            return Exp.floor(one());
          case 'countOneBits':
            return Exp.count(one());
          case 'log':
          case 'pow':
          case 'findBitLeft':
          case 'findBitRight': {
            if (args.length !== 2) throw new AelError(`${a.fn}() takes two arguments`, text, a.col);
            const [x, y] = args as [ExpNode, ExpNode];
            return a.fn === 'log' ? Exp.log(x, y) : a.fn === 'pow' ? Exp.pow(x, y) : a.fn === 'findBitLeft' ? Exp.lscan(x, y) : Exp.rscan(x, y);
          }
          case 'geoCompare': {
            if (args.length !== 2) throw new AelError('geoCompare() takes two arguments', text, a.col);
            return Exp.geoCompare(args[0] as ExpNode, args[1] as ExpNode);
          }
          case 'max':
          case 'min':
          case 'exclusive':
            if (args.length === 0) throw new AelError(`${a.fn}() takes at least one argument`, text, a.col);
            return a.fn === 'max' ? Exp.max(...args) : a.fn === 'min' ? Exp.min(...args) : Exp.exclusive(...args);
          default:
            throw new AelError(`unknown function '${a.fn}'`, text, a.col);
        }
      }
      case 'binary': {
        // and/or chains are flattened into one n-ary node; their operands are built once, there.
        if (a.op === 'and') return Exp.and(...flatten('and', a));
        if (a.op === 'or') return Exp.or(...flatten('or', a));
        const l = build(a.left);
        const r = build(a.right);
        switch (a.op) {
          case '==':
            return Exp.eq(l, r);
          case '!=':
            return Exp.ne(l, r);
          case '>':
            return Exp.gt(l, r);
          case '>=':
            return Exp.ge(l, r);
          case '<':
            return Exp.lt(l, r);
          case '<=':
            return Exp.le(l, r);
          case '+':
            return Exp.add(l, r);
          case '-':
            return Exp.sub(l, r);
          case '*':
            return Exp.mul(l, r);
          case '/':
            return Exp.div(l, r);
          case '%':
            return Exp.mod(l, r);
          case '**':
            return Exp.pow(l, r);
          case '&':
            return Exp.intAnd(l, r);
          case '|':
            return Exp.intOr(l, r);
          case '^':
            return Exp.intXor(l, r);
          case '<<':
            return Exp.lshift(l, r);
          case '>>':
            return Exp.arshift(l, r);
          default:
            return Exp.rshift(l, r);
        }
      }
    }
  }

  /** The operands of a chain of `op`, left to right (walked without recursion). */
  function flatten(op: string, a: Ast): ExpNode[] {
    const out: ExpNode[] = [];
    const todo: Ast[] = [a];
    while (todo.length > 0) {
      const x = todo.pop() as Ast;
      if (x.k === 'binary' && x.op === op) todo.push(x.right, x.left);
      else out.push(build(x));
    }
    return out;
  }

  return { ast, text, build, typeOf };
}

/** An InvalidArgumentError raised while building or writing an expression, as an AelError at `col`. */
function asAelError(e: unknown, text: string, col: number): unknown {
  return e instanceof InvalidArgumentError && !(e instanceof AelError) ? new AelError(e.message, text, col) : e;
}

/** Writes a built expression; a value the writer refuses is an AelError (at the start of the text). */
function write(node: ExpNode, text: string): Expression {
  try {
    return Exp.build(node);
  } catch (e) {
    throw asAelError(e, text, 0);
  }
}

const cache = new Map<string, Expression>();
const CACHE_LIMIT = 1000;

/**
 * Compiles an AEL filter (`"$.age >= 18 and $.name == 'Tim'"`) to an Expression. `?0`,
 * `?1`, … are bound to `placeholders`. Compiled texts without placeholders are cached.
 * @throws AelError (an InvalidArgumentError) naming what was expected and where.
 */
export function parseAel(text: string, ...placeholders: unknown[]): Expression {
  if (typeof text !== 'string') throw new AelError('an AEL expression must be a string', String(text), 0);
  if (placeholders.length === 0) {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
  }
  const program = compileTree(parseAelText(text, placeholders), text);
  const e = write(program.build(program.ast), text);
  if (placeholders.length === 0) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(text, e);
  }
  return e;
}
