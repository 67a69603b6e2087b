import { AelError } from './ael-error.js';
import { tokenize, type Token } from './lexer.js';
import type { HllFunction, PathFunction, PathPart } from './path-parser.js';
import { Double } from '../values/double.js';
import { GeoJSON } from '../values/geojson.js';
import { INT64_MAX, INT64_MIN } from '../values/int64.js';
import { MAX_BIN_NAME_BYTES } from '../util/validate.js';

/** Value types the compiler tracks. */
export type AelType = 'int' | 'float' | 'string' | 'bool' | 'list' | 'map' | 'blob' | 'geo' | 'hll';

/** Parsed AEL syntax tree. */
export type Ast =
  | { readonly k: 'lit'; readonly v: unknown; readonly type: 'int' | 'float' | 'string' | 'bool' | 'list' | 'map' | 'geo'; readonly col: number }
  | { readonly k: 'bin'; readonly name: string; type: AelType | null; readonly col: number }
  | { readonly k: 'cdt'; readonly name: string; readonly parts: readonly PathPart[]; readonly fn: PathFunction | null; readonly key: string; readonly col: number }
  | { readonly k: 'hll'; readonly name: string; readonly fn: HllFunction; readonly args: Ast[]; readonly col: number }
  | { readonly k: 'unknown'; readonly col: number }
  | { readonly k: 'cast'; readonly to: 'int' | 'float'; readonly arg: Ast; readonly col: number }
  | { readonly k: 'let'; readonly names: readonly string[]; readonly vals: readonly Ast[]; readonly body: Ast; readonly col: number }
  | { readonly k: 'var'; readonly name: string; readonly def: Ast; readonly col: number }
  | { readonly k: 'exists'; readonly name: string; readonly col: number }
  | { readonly k: 'meta'; readonly fn: string; readonly args: Ast[]; readonly col: number }
  | { readonly k: 'call'; readonly fn: string; readonly args: Ast[]; readonly col: number }
  | { readonly k: 'unary'; readonly op: string; readonly arg: Ast; readonly col: number }
  | { readonly k: 'binary'; readonly op: string; readonly left: Ast; readonly right: Ast; readonly col: number }
  | { readonly k: 'in'; readonly left: Ast; readonly list: Ast; readonly col: number }
  | { readonly k: 'when'; readonly conds: Ast[]; readonly vals: Ast[]; readonly dflt: Ast; readonly col: number };

const META = new Set(['ttl', 'voidTime', 'lastUpdate', 'sinceUpdate', 'setName', 'keyExists', 'isTombstone', 'recordSize', 'digestModulo', 'deviceSize', 'memorySize']);
const FUNCS = new Set(['abs', 'ceil', 'floor', 'log', 'pow', 'max', 'min', 'countOneBits', 'findBitLeft', 'findBitRight']);

/** Binding powers: or < and < comparison < bitwise < shift < additive < multiplicative < power. */
const BINARY: { readonly [op: string]: number } = {
  or: 1,
  and: 2,
  '==': 4,
  '!=': 4,
  '>': 4,
  '>=': 4,
  '<': 4,
  '<=': 4,
  in: 4,
  '|': 5,
  '^': 5,
  '&': 5,
  '<<': 6,
  '>>': 6,
  '>>>': 6,
  '+': 7,
  '-': 7,
  '*': 8,
  '/': 8,
  '%': 8,
  '**': 9
};

/**
 * Deepest nesting of sub-expressions (parentheses, operands, call arguments, `let` and
 * `when` parts) and of list/map literals the parser descends into.
 * Far beyond hand-written filters, and well inside the call stack the recursive parser,
 * compiler and expression writer need (a deeper text would overflow it).
 */
export const MAX_AEL_NESTING = 256;
/** Deepest syntax tree the compiler accepts (long left-nested `and`/`or`/`+` chains count too). */
export const MAX_AEL_DEPTH = 1000;

/** Parses AEL text; `?N` placeholders are replaced by `args[N]`. @throws AelError */
export function parseAelText(text: string, args: readonly unknown[]): Ast {
  const toks = tokenize(text);
  let pos = 0;
  let nesting = 0;
  const peek = (): Token => toks[pos] as Token;
  const next = (): Token => toks[pos++] as Token;
  const fail = (what: string, t: Token = peek()): never => {
    throw new AelError(`expected ${what} but found ${t.kind === 'eof' ? 'the end' : `'${t.text}'`}`, text, t.col);
  };
  const scopes: Array<Map<string, Ast>> = [];
  const expectOp = (op: string): Token => (peek().kind === 'op' && peek().text === op ? next() : fail(`'${op}'`));

  const opOf = (t: Token): string | null => {
    if (t.kind === 'op' && (BINARY[t.text] !== undefined || t.text === '&&' || t.text === '||')) return t.text === '&&' ? 'and' : t.text === '||' ? 'or' : t.text;
    if (t.kind === 'ident' && (t.text === 'and' || t.text === 'or')) return t.text;
    if (t.kind === 'ident' && t.text.toLowerCase() === 'in') return 'in';
    return null;
  };

  /** Counts one level of parser recursion. @throws AelError beyond MAX_AEL_NESTING */
  function enter(): void {
    if (++nesting > MAX_AEL_NESTING) throw new AelError(`expression nested more than ${MAX_AEL_NESTING} levels deep`, text, peek().col);
  }

  function expr(minBp: number): Ast {
    enter();
    const e = exprBody(minBp);
    nesting--;
    return e;
  }

  function exprBody(minBp: number): Ast {
    let left = prefix();
    for (;;) {
      const t = peek();
      const op = opOf(t);
      if (op === null) break;
      const bp = BINARY[op] as number;
      if (bp < minBp) break;
      next();
      if (op === 'in') {
        left = { k: 'in', left, list: expr(bp + 1), col: t.col };
        continue;
      }
      const right = expr(op === '**' ? bp : bp + 1); // power is right-associative
      left = { k: 'binary', op, left, right, col: t.col };
    }
    return left;
  }

  function prefix(): Ast {
    const t = next();
    switch (t.kind) {
      case 'num': {
        const lit: Ast = typeof t.value === 'string' ? { k: 'lit', v: Number(t.value.slice(2)), type: 'float', col: t.col } : { k: 'lit', v: t.value, type: 'int', col: t.col };
        // 28.asFloat(), 2.5.asInt(): a literal converted to the other number type
        const dot = peek();
        const fn = toks[pos + 1];
        if (dot.kind === 'op' && dot.text === '.' && fn?.kind === 'ident' && (fn.text === 'asInt' || fn.text === 'asFloat')) {
          next();
          next();
          expectOp('(');
          expectOp(')');
          return { k: 'cast', to: fn.text === 'asInt' ? 'int' : 'float', arg: lit, col: t.col };
        }
        return lit;
      }
      case 'var': {
        for (let i = scopes.length - 1; i >= 0; i--) {
          const d = scopes[i]?.get(t.text);
          if (d !== undefined) return { k: 'var', name: t.text, def: d, col: t.col };
        }
        throw new AelError(`variable '${t.text}' is not defined by an enclosing 'let'`, text, t.col);
      }
      case 'str':
        return { k: 'lit', v: t.value, type: 'string', col: t.col };
      case 'placeholder': {
        const i = t.value as number;
        if (i >= args.length) throw new AelError(`placeholder ?${i} has no value (${args.length} given)`, text, t.col);
        const v = args[i];
        const type = typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? 'list' : typeof v === 'number' && !Number.isInteger(v) ? 'float' : typeof v === 'object' && v !== null ? 'map' : 'int';
        return { k: 'lit', v, type, col: t.col };
      }
      case 'path':
        return path(t);
      case 'ident': {
        if (t.text === 'true' || t.text === 'false') return { k: 'lit', v: t.text === 'true', type: 'bool', col: t.col };
        if (t.text === 'not') return { k: 'unary', op: 'not', arg: expr(3), col: t.col };
        if (t.text === 'exclusive') return { k: 'call', fn: 'exclusive', args: callArgs(), col: t.col };
        if (t.text === 'when') return when(t);
        if (t.text === 'let') return letExpr(t);
        if (t.text === 'unknown' || t.text === 'error') return { k: 'unknown', col: t.col };
        if (t.text === 'geoJson') {
          // geoJson('{"type": "Point", …}'): a GeoJSON literal, checked here so errors point at it
          const args = callArgs();
          const a = args[0];
          if (args.length !== 1 || a === undefined || a.k !== 'lit' || a.type !== 'string') throw new AelError('geoJson() takes one string of GeoJSON text', text, t.col);
          try {
            JSON.parse(a.v as string);
          } catch {
            throw new AelError('geoJson() text is not valid JSON', text, a.col);
          }
          return { k: 'lit', v: new GeoJSON(a.v as string), type: 'geo', col: t.col };
        }
        if (t.text === 'geoCompare') return { k: 'call', fn: 'geoCompare', args: callArgs(), col: t.col };
        if (FUNCS.has(t.text)) return { k: 'call', fn: t.text, args: callArgs(), col: t.col };
        throw new AelError(`unknown name '${t.text}'`, text, t.col);
      }
      case 'op': {
        if (t.text === '(') {
          const e = expr(0);
          expectOp(')');
          return e;
        }
        if (t.text === '+') return expr(10);
        if (t.text === '-' || t.text === '~' || t.text === '!') return { k: 'unary', op: t.text === '!' ? 'not' : t.text, arg: expr(10), col: t.col };
        if (t.text === '[') {
          enter();
          const items: unknown[] = [];
          while (!(peek().kind === 'op' && peek().text === ']')) {
            items.push(literalValue(prefix()));
            if (peek().kind === 'op' && peek().text === ',') next();
            else break;
          }
          expectOp(']');
          nesting--;
          return { k: 'lit', v: items, type: 'list', col: t.col };
        }
        if (t.text === '{') {
          enter();
          const m = new Map<unknown, unknown>();
          while (!(peek().kind === 'op' && peek().text === '}')) {
            const kt = peek();
            const key = literalValue(prefix());
            if (typeof key !== 'string' && !(typeof key === 'number' && Number.isInteger(key)) && typeof key !== 'bigint') throw new AelError('a map key must be an integer or a string', text, kt.col);
            expectOp(':');
            m.set(key, literalValue(prefix()));
            if (peek().kind === 'op' && peek().text === ',') next();
            else break;
          }
          expectOp('}');
          nesting--;
          return { k: 'lit', v: m, type: 'map', col: t.col };
        }
        return fail('a value', t);
      }
      default:
        return fail('a value', t);
    }
  }

  /**
   * The value of a list/map literal element or key. Integers are checked against int64
   * here, with their column; integral float literals (`1.0`) become `Double` so they are
   * written as floats, not integers.
   */
  function literalValue(a: Ast): unknown {
    let v: unknown;
    let float = false;
    if (a.k === 'lit') {
      v = a.v;
      float = a.type === 'float';
    } else if (a.k === 'unary' && a.op === '-' && a.arg.k === 'lit' && (a.arg.type === 'int' || a.arg.type === 'float')) {
      v = typeof a.arg.v === 'bigint' ? -a.arg.v : -(a.arg.v as number);
      float = a.arg.type === 'float';
    } else throw new AelError('list and map literals may only hold literal values', text, a.col);
    checkInt64Literal(v, text, a.col);
    if (float && typeof v === 'number' && Number.isInteger(v)) return new Double(v);
    return v;
  }

  /** `when (cond => value, …, default => value)`: the first true condition's value. */
  function when(t: Token): Ast {
    expectOp('(');
    const conds: Ast[] = [];
    const vals: Ast[] = [];
    for (;;) {
      const at = peek();
      if (at.kind === 'ident' && at.text === 'default') {
        next();
        expectOp('=>');
        const dflt = expr(0);
        expectOp(')');
        if (conds.length === 0) throw new AelError("'when' needs at least one 'condition => value' before 'default'", text, at.col);
        return { k: 'when', conds, vals, dflt, col: t.col };
      }
      if (at.kind === 'op' && at.text === ')') throw new AelError("'when' needs a 'default => value' case last", text, at.col);
      conds.push(expr(0));
      expectOp('=>');
      vals.push(expr(0));
      const sep = peek();
      if (sep.kind === 'op' && sep.text === ',') next();
      else if (sep.kind === 'op' && sep.text === ')') throw new AelError("'when' needs a 'default => value' case last", text, sep.col);
      else fail("',' and more cases, ending with 'default => value'");
    }
  }

  /** `let (x = expr, y = expr) then (expr)`; the body reads the variables as `${x}`. */
  function letExpr(t: Token): Ast {
    expectOp('(');
    const scope = new Map<string, Ast>();
    scopes.push(scope);
    const names: string[] = [];
    const vals: Ast[] = [];
    for (;;) {
      const n = next();
      if (n.kind !== 'ident') fail('a variable name', n);
      expectOp('=');
      const v = expr(0);
      names.push(n.text);
      vals.push(v);
      scope.set(n.text, v);
      if (peek().kind === 'op' && peek().text === ',') next();
      else break;
    }
    expectOp(')');
    const th = next();
    if (th.kind !== 'ident' || th.text !== 'then') fail("'then'", th);
    expectOp('(');
    const body = expr(0);
    expectOp(')');
    scopes.pop();
    return { k: 'let', names, vals, body, col: t.col };
  }

  function callArgs(): Ast[] {
    expectOp('(');
    const out: Ast[] = [];
    while (!(peek().kind === 'op' && peek().text === ')')) {
      out.push(expr(0));
      if (peek().kind === 'op' && peek().text === ',') next();
      else break;
    }
    expectOp(')');
    return out;
  }

  function path(t: Token): Ast {
    const p = t.path;
    if (p === undefined) return fail('a bin path', t);
    const nameBytes = Buffer.byteLength(p.bin, 'utf8');
    if (nameBytes === 0) throw new AelError('a bin name must not be empty', text, t.col + 2);
    if (nameBytes > MAX_BIN_NAME_BYTES) throw new AelError(`bin name '${p.bin}' is ${nameBytes} bytes long; the limit is ${MAX_BIN_NAME_BYTES} bytes`, text, t.col + 2);
    // $.name() is a record metadata function
    if (p.parts.length === 0 && p.fn === null && peek().kind === 'op' && peek().text === '(') {
      if (!META.has(t.text)) throw new AelError(`unknown record function '${t.text}()'`, text, t.col);
      return { k: 'meta', fn: t.text, args: callArgs(), col: t.col };
    }
    const fn = p.fn;
    if (fn !== null && fn.fn.startsWith('hll')) return { k: 'hll', name: p.bin, fn: fn.fn as HllFunction, args: callArgs(), col: t.col };
    if (p.parts.length === 0) {
      if (fn === null) return { k: 'bin', name: p.bin, type: null, col: t.col };
      if (fn.fn === 'exists') return { k: 'exists', name: p.bin, col: t.col };
      if (fn.fn === 'asInt') return { k: 'bin', name: p.bin, type: 'int', col: t.col };
      if (fn.fn === 'asFloat') return { k: 'bin', name: p.bin, type: 'float', col: t.col };
      if (fn.fn === 'get' && (fn.ret === null || fn.ret === 'VALUE')) return { k: 'bin', name: p.bin, type: fn.type === null ? null : (fn.type.toLowerCase() as AelType), col: t.col };
    }
    return { k: 'cdt', name: p.bin, parts: p.parts, fn, key: text.slice(t.col + 2, p.end).trim(), col: t.col };
  }

  const ast = expr(0);
  if (peek().kind !== 'eof') fail('an operator or the end');
  checkDepth(ast, text);
  return ast;
}

/** The sub-trees of a node (a variable's definition is its `let`'s, not its own). */
function children(a: Ast): readonly Ast[] {
  switch (a.k) {
    case 'hll':
    case 'meta':
    case 'call':
      return a.args;
    case 'cast':
    case 'unary':
      return [a.arg];
    case 'let':
      return [...a.vals, a.body];
    case 'binary':
      return [a.left, a.right];
    case 'in':
      return [a.left, a.list];
    case 'when':
      return [...a.conds, ...a.vals, a.dflt];
    default:
      return [];
  }
}

/**
 * Rejects trees deeper than MAX_AEL_DEPTH (without recursion, so the check itself cannot
 * overflow the stack): the compiler walks trees recursively.
 * @throws AelError at the column of the first node too deep.
 */
function checkDepth(root: Ast, text: string): void {
  const stack: Array<[Ast, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [a, d] = stack.pop() as [Ast, number];
    if (d > MAX_AEL_DEPTH) throw new AelError(`expression nested more than ${MAX_AEL_DEPTH} levels deep; split long 'and'/'or' chains or use 'in [...]'`, text, a.col);
    for (const c of children(a)) stack.push([c, d + 1]);
  }
}

/** @throws AelError when an integer literal does not fit a signed 64-bit integer. */
export function checkInt64Literal(v: unknown, text: string, col: number): void {
  if (typeof v === 'bigint' && (v > INT64_MAX || v < INT64_MIN)) throw new AelError(`integer ${v} is outside the signed 64-bit range`, text, col);
}
