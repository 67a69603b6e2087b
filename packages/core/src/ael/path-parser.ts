import { AelError } from './ael-error.js';

/** A scalar written inside a path part: a decimal integer or a (quoted or bare) string. */
export type PathValue = number | string;
/** A map key: bare digits (`.42`, `.-3`, `.0xff`) are integer keys; quote them for strings. */
export type PathKey = number | string;

/** One step of a `$.bin…` path (`map` says whether it uses `{…}` or `[…]`). */
export type PathPart =
  | { readonly k: 'listAny' | 'mapAny'; readonly col: number }
  | { readonly k: 'key'; readonly key: PathKey; readonly col: number }
  | { readonly k: 'index' | 'rank'; readonly map: boolean; readonly n: number; readonly col: number }
  | { readonly k: 'value'; readonly map: boolean; readonly value: PathValue; readonly col: number }
  | { readonly k: 'indexRange' | 'rankRange'; readonly map: boolean; readonly inv: boolean; readonly start: number; readonly count: number | null; readonly col: number }
  | { readonly k: 'valueRange'; readonly map: boolean; readonly inv: boolean; readonly begin: PathValue; readonly end: PathValue | null; readonly col: number }
  | { readonly k: 'valueList'; readonly map: boolean; readonly inv: boolean; readonly values: readonly PathValue[]; readonly col: number }
  | { readonly k: 'keyRange'; readonly inv: boolean; readonly begin: PathKey; readonly end: PathKey | null; readonly col: number }
  | { readonly k: 'keyList'; readonly inv: boolean; readonly keys: readonly PathKey[]; readonly col: number }
  | { readonly k: 'rankRel'; readonly map: boolean; readonly inv: boolean; readonly rank: number; readonly count: number | null; readonly value: PathValue; readonly col: number }
  | { readonly k: 'indexRel'; readonly inv: boolean; readonly index: number; readonly count: number | null; readonly key: PathKey; readonly col: number };

/** A function closing a path: `.get(type: …, return: …)`, `.asInt()`, `.asFloat()`, `.exists()`, `.count()`. */
export interface PathFunction {
  readonly fn: 'get' | 'asInt' | 'asFloat' | 'exists' | 'count' | HllFunction;
  readonly type: string | null;
  readonly ret: string | null;
  readonly col: number;
}

/** HyperLogLog read functions on an HLL bin; their arguments are parsed as expressions. */
export type HllFunction = 'hllCount' | 'hllDescribe' | 'hllMayContain' | 'hllUnion' | 'hllUnionCount' | 'hllIntersectCount' | 'hllSimilarity';
const HLL_FUNCTIONS = new Set<string>(['hllCount', 'hllDescribe', 'hllMayContain', 'hllUnion', 'hllUnionCount', 'hllIntersectCount', 'hllSimilarity']);

/** A scanned `$.bin.part.part.fn()` path. */
export interface ScannedPath {
  readonly bin: string;
  readonly parts: readonly PathPart[];
  readonly fn: PathFunction | null;
  /** Index just after the path (at the `(` of an HLL function's arguments). */
  readonly end: number;
}

const TYPES = new Set(['INT', 'STRING', 'HLL', 'BLOB', 'FLOAT', 'BOOL', 'LIST', 'MAP', 'GEO']);
const RETURNS = new Set(['VALUE', 'KEY_VALUE', 'UNORDERED_MAP', 'ORDERED_MAP', 'KEY', 'INDEX', 'RANK', 'COUNT', 'NONE', 'EXISTS', 'REVERSE_INDEX', 'REVERSE_RANK']);
const NAME = /[A-Za-z0-9_]/;
const BIN_NAME = /[A-Za-z0-9_@]/;

/**
 * Scans a path starting at `start` (just after `$.`, where the bin name begins). Works on
 * characters because path parts (`[#-1:~5]`, `{!=a,b}`) do not follow the expression tokens.
 * @throws AelError naming what was expected, at the offending column.
 */
export function scanPath(text: string, start: number): ScannedPath {
  let i = start;
  const fail = (what: string, at = i): never => {
    throw new AelError(`expected ${what} but found ${at >= text.length ? 'the end' : `'${text[at] as string}'`}`, text, at);
  };
  const ws = (): void => {
    while (i < text.length && /[ \t\r\n]/.test(text[i] as string)) i++;
  };
  const eat = (s: string): boolean => {
    ws();
    if (text.startsWith(s, i)) {
      i += s.length;
      return true;
    }
    return false;
  };
  const expect = (s: string): void => {
    if (!eat(s)) fail(`'${s}'`);
  };
  const name = (): string | null => {
    ws();
    const b = i;
    while (i < text.length && NAME.test(text[i] as string)) i++;
    return i > b ? text.slice(b, i) : null;
  };
  const binName = (): string => {
    const b = i;
    while (i < text.length && BIN_NAME.test(text[i] as string)) i++;
    return text.slice(b, i);
  };
  const quoted = (): string | null => {
    ws();
    const q = text[i];
    if (q !== "'" && q !== '"') return null;
    const end = text.indexOf(q, i + 1);
    if (end < 0) throw new AelError('unclosed string', text, i);
    const s = text.slice(i + 1, end);
    if (!s.isWellFormed()) throw new AelError('string is not valid UTF-8 (it has a lone surrogate)', text, i);
    i = end + 1;
    return s;
  };
  const signedInt = (): number | null => {
    ws();
    const m = /^-?[0-9]+/.exec(text.slice(i));
    if (m === null) return null;
    if (/^[xXbB]/.test(text[i + m[0].length] ?? '') && /^-?0$/.test(m[0])) throw new AelError('only decimal integers are allowed in a path part', text, i);
    if (NAME.test(text[i + m[0].length] ?? '')) return null; // a name such as 1abc
    const v = Number(m[0]);
    if (!Number.isSafeInteger(v)) throw new AelError(`integer ${m[0]} is out of range`, text, i);
    i += m[0].length;
    return v;
  };
  const needInt = (what: string): number => signedInt() ?? fail(what);
  const intKey = (): number | null => {
    ws();
    const m = /^[+-]?(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)/.exec(text.slice(i));
    if (m === null || NAME.test(text[i + m[0].length] ?? '')) return null;
    const neg = m[0].startsWith('-');
    const v = Number(BigInt((m[1] as string).toLowerCase()));
    if (!Number.isSafeInteger(v)) throw new AelError(`integer ${m[0]} is out of range`, text, i);
    i += m[0].length;
    return neg ? -v : v;
  };
  const mapKey = (): PathKey => quoted() ?? intKey() ?? name() ?? fail('a map key');
  const value = (): PathValue => {
    const n = signedInt();
    if (n !== null) return n;
    return quoted() ?? name() ?? fail('a value');
  };
  const peekIs = (s: string): boolean => {
    ws();
    return text.startsWith(s, i);
  };
  const count = (from: number, to: number | null): number | null => (to === null ? null : to - from);

  const bin = text[i] === '"' || text[i] === "'" ? quoted() : BIN_NAME.test(text[i] ?? '') ? binName() : null;
  if (bin === null) throw new AelError('expected a bin name after "$."', text, i);
  const parts: PathPart[] = [];
  let fn: PathFunction | null = null;

  for (;;) {
    const before = i;
    ws();
    if (text[i] !== '.') {
      i = before;
      break;
    }
    i++;
    ws();
    const col = i;
    const c = text[i];
    if (c === '[' || c === '{') {
      const map = c === '{';
      const close = map ? '}' : ']';
      i++;
      if (text[i] === close) {
        i++;
        parts.push({ k: map ? 'mapAny' : 'listAny', col });
        continue;
      }
      const inv = text[i] === '!';
      if (inv) i++;
      if (text[i] === '=') {
        i++;
        const first = value();
        if (eat(':')) {
          const end = peekIs(close) ? null : value();
          parts.push({ k: 'valueRange', map, inv, begin: first, end, col });
        } else if (peekIs(',')) {
          const values = [first];
          while (eat(',')) values.push(value());
          parts.push({ k: 'valueList', map, inv, values, col });
        } else {
          if (inv) fail("',' (an inverted value selector needs a list or a range)");
          parts.push({ k: 'value', map, value: first, col });
        }
      } else if (text[i] === '#') {
        i++;
        const r = needInt('a rank');
        if (eat(':')) {
          let end: number | null = null;
          if (!peekIs('~') && !peekIs(close)) end = needInt('an end rank');
          if (eat('~')) parts.push({ k: 'rankRel', map, inv, rank: r, count: count(r, end), value: value(), col });
          else parts.push({ k: 'rankRange', map, inv, start: r, count: count(r, end), col });
        } else {
          if (inv) fail("':' (an inverted rank selector needs a range)");
          parts.push({ k: 'rank', map, n: r, col });
        }
      } else {
        const n = signedInt();
        if (n !== null && map && (peekIs('-') || peekIs(','))) {
          // integer keys: {1-5}, {1,2,3}
          if (eat('-')) parts.push({ k: 'keyRange', inv, begin: n, end: peekIs('}') ? null : mapKey(), col });
          else {
            const keys: PathKey[] = [n];
            while (eat(',')) keys.push(mapKey());
            parts.push({ k: 'keyList', inv, keys, col });
          }
        } else if (n !== null) {
          if (eat(':')) {
            let end: number | null = null;
            if (!peekIs('~') && !peekIs(close)) end = needInt('an end index');
            if (map && eat('~')) parts.push({ k: 'indexRel', inv, index: n, count: count(n, end), key: mapKey(), col });
            else parts.push({ k: 'indexRange', map, inv, start: n, count: count(n, end), col });
          } else {
            if (inv) fail("':' (an inverted index selector needs a range)");
            parts.push({ k: 'index', map, n, col });
          }
        } else if (map) {
          const first = mapKey();
          if (eat('-')) {
            const end = peekIs('}') ? null : mapKey();
            parts.push({ k: 'keyRange', inv, begin: first, end, col });
          } else {
            const keys = [first];
            while (eat(',')) keys.push(mapKey());
            parts.push({ k: 'keyList', inv, keys, col });
          }
        } else fail('an index, #rank or =value');
      }
      expect(close);
      continue;
    }
    const q = quoted() ?? intKey();
    if (q !== null) {
      parts.push({ k: 'key', key: q, col });
      continue;
    }
    const id = name();
    if (id === null) fail('a map key, [list part], {map part} or a path function after "."');
    const afterName = i;
    ws();
    if (text[i] !== '(') {
      i = afterName;
      parts.push({ k: 'key', key: id as string, col });
      continue;
    }
    // a path function ends the path
    if (HLL_FUNCTIONS.has(id as string)) {
      if (parts.length > 0) throw new AelError(`${id as string}() applies to an HLL bin itself, not to a path into a collection`, text, col);
      fn = { fn: id as HllFunction, type: null, ret: null, col };
      break;
    }
    i++;
    if (id === 'asInt' || id === 'asFloat' || id === 'exists' || id === 'count') {
      expect(')');
      fn = { fn: id, type: null, ret: null, col };
    } else if (id === 'get') {
      let type: string | null = null;
      let ret: string | null = null;
      while (!peekIs(')')) {
        const pcol = (ws(), i);
        const p = name();
        if (p !== 'type' && p !== 'return') fail("'type' or 'return'", pcol);
        expect(':');
        const vcol = (ws(), i);
        const v = name();
        if (p === 'type') {
          if (v === null || !TYPES.has(v)) throw new AelError(`unknown type '${v ?? ''}' (use INT, FLOAT, STRING, BOOL, LIST, MAP, BLOB, GEO or HLL)`, text, vcol);
          type = v;
        } else {
          if (v === null || !RETURNS.has(v)) throw new AelError(`unknown return type '${v ?? ''}'`, text, vcol);
          ret = v;
        }
        if (!eat(',')) break;
      }
      expect(')');
      fn = { fn: 'get', type, ret, col };
    } else throw new AelError(`unsupported path function '${id as string}()' (filters support get, asInt, asFloat, exists, count and the hll… read functions)`, text, col);
    break;
  }
  return { bin: bin as string, parts, fn, end: i };
}
