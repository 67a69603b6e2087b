import { AelError } from './ael-error.js';
import { scanPath, type ScannedPath } from './path-parser.js';

/** A token of the expression language. */
export interface Token {
  readonly kind: 'num' | 'str' | 'ident' | 'op' | 'path' | 'var' | 'placeholder' | 'eof';
  readonly text: string;
  readonly value?: number | bigint | string;
  /** The scanned path of a `path` token. */
  readonly path?: ScannedPath;
  /** Zero-based column of the token's first character. */
  readonly col: number;
}

const OPS = ['>>>', '**', '==', '!=', '>=', '<=', '<<', '>>', '=>', '&&', '||', '(', ')', '[', ']', '{', '}', ',', ':', '.', '+', '-', '*', '/', '%', '<', '>', '&', '|', '^', '~', '!', '='];

/** Splits AEL text into tokens. @throws AelError on an unexpected character or an unclosed string. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '$' && text[i + 1] === '.') {
      const path = scanPath(text, i + 2);
      i = path.end;
      out.push({ kind: 'path', text: path.bin, path, col: start });
      continue;
    }
    if (c === '$' && text[i + 1] === '{') {
      const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(text.slice(i));
      if (m === null) throw new AelError('expected a variable reference like ${name}', text, i);
      i += m[0].length;
      out.push({ kind: 'var', text: m[1] as string, col: start });
      continue;
    }
    if (c === '?' && /[0-9]/.test(text[i + 1] ?? '')) {
      i++;
      while (/[0-9]/.test(text[i] ?? '')) i++;
      out.push({ kind: 'placeholder', text: text.slice(start, i), value: Number(text.slice(start + 1, i)), col: start });
      continue;
    }
    if (c === '.' && /[0-9]/.test(text[i + 1] ?? '')) {
      // a float written without its leading zero: .5
      const m = /^\.[0-9]+/.exec(text.slice(i)) as RegExpExecArray;
      i += m[0].length;
      out.push({ kind: 'num', text: m[0], value: `f:0${m[0]}`, col: start });
      continue;
    }
    if (/[0-9]/.test(c)) {
      let m = /^0[xX][0-9a-fA-F_]+|^0[bB][01_]+/.exec(text.slice(i));
      if (m !== null) {
        i += m[0].length;
        const v = BigInt(m[0].replaceAll('_', ''));
        out.push({ kind: 'num', text: m[0], value: v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v, col: start });
        continue;
      }
      m = /^[0-9][0-9_]*(\.[0-9][0-9_]*)?([eE][+-]?[0-9]+)?/.exec(text.slice(i)) as RegExpExecArray;
      i += m[0].length;
      const raw = m[0].replaceAll('_', '');
      const isFloat = m[1] !== undefined || m[2] !== undefined;
      let value: number | bigint = Number(raw);
      if (!isFloat && !Number.isSafeInteger(value)) value = BigInt(raw);
      // floats are marked by a string value so 1.0 stays a float
      out.push({ kind: 'num', text: m[0], value: isFloat ? `f:${raw}` : value, col: start });
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) {
          s += text[j + 1];
          j += 2;
        } else s += text[j++];
      }
      if (j >= text.length) throw new AelError('unclosed string', text, start);
      if (!s.isWellFormed()) throw new AelError('string is not valid UTF-8 (it has a lone surrogate)', text, start);
      i = j + 1;
      out.push({ kind: 'str', text: text.slice(start, i), value: s, col: start });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i)) as RegExpExecArray;
      i += m[0].length;
      out.push({ kind: 'ident', text: m[0], col: start });
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (op === undefined) throw new AelError(`unexpected character '${c}'`, text, i);
    i += op.length;
    out.push({ kind: 'op', text: op, col: start });
  }
  out.push({ kind: 'eof', text: '', col: text.length });
  return out;
}
