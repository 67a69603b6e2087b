/**
 * POSIX regular expressions as the server's `regcomp`/`regexec` read them (glibc, "C"
 * locale: bytes, not characters), translated to JavaScript RegExp. Patterns and subjects
 * are handled as Latin-1 strings so that one byte is one character.
 *
 * Only whether a pattern matches somewhere is asked, so POSIX's leftmost-longest rule
 * never matters. Constructs whose glibc reading is uncertain (back-references, `[=x=]`,
 * empty alternatives, odd quantifier positions…) are refused as unsupported rather than
 * guessed; patterns glibc rejects (unbalanced `(` or `[`, a trailing `\`, a reversed
 * range, an unknown class, a leading ERE quantifier) are build errors.
 */
import { ExpBuildError, ExpUnsupportedError } from '../exp-errors.js';

/** regcomp flags (glibc values). */
export const RegexCFlag = { EXTENDED: 1, ICASE: 2, NEWLINE: 4, NOSUB: 8 } as const;

const CLASSES: Readonly<Record<string, (c: number) => boolean>> = {
  alpha: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  digit: (c) => c >= 48 && c <= 57,
  alnum: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57),
  upper: (c) => c >= 65 && c <= 90,
  lower: (c) => c >= 97 && c <= 122,
  space: (c) => c === 32 || (c >= 9 && c <= 13),
  blank: (c) => c === 32 || c === 9,
  punct: (c) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126),
  print: (c) => c >= 32 && c <= 126,
  graph: (c) => c >= 33 && c <= 126,
  cntrl: (c) => c < 32 || c === 127,
  xdigit: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
};

const WORD = '[0-9A-Za-z_]';
const NOT_WORD = '[^0-9A-Za-z_]';

function hex(c: number): string {
  return `\\x${c.toString(16).padStart(2, '0')}`;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A JS character class for a set of bytes. */
function classOf(set: readonly boolean[]): string {
  let out = '';
  let c = 0;
  while (c < 256) {
    if (set[c] !== true) {
      c++;
      continue;
    }
    let e = c;
    while (e + 1 < 256 && set[e + 1] === true) e++;
    out += e === c ? hex(c) : `${hex(c)}-${hex(e)}`;
    c = e + 1;
  }
  return out === '' ? '[^\\s\\S]' : `[${out}]`;
}

/** A translated atom: its JS source, whether it is an assertion, whether it is a `^`. */
interface Atom {
  readonly src: string;
  readonly anchor: boolean;
  readonly caret: boolean;
}

class Translator {
  readonly #p: string;
  #i = 0;
  readonly #ext: boolean;
  readonly #icase: boolean;
  readonly #nl: boolean;

  constructor(pattern: string, cflags: number) {
    this.#p = pattern;
    this.#ext = (cflags & RegexCFlag.EXTENDED) !== 0;
    this.#icase = (cflags & RegexCFlag.ICASE) !== 0;
    this.#nl = (cflags & RegexCFlag.NEWLINE) !== 0;
  }

  translate(): string {
    if (this.#p.length === 0) return '';
    const src = this.#alternation(0);
    if (this.#i < this.#p.length) throw new ExpUnsupportedError('regex: unmatched closing parenthesis');
    return src;
  }

  #peek(off = 0): string | undefined {
    return this.#p[this.#i + off];
  }

  /** True at `|` (ERE) or `\|` (BRE). */
  #atBar(): boolean {
    return this.#ext ? this.#peek() === '|' : this.#peek() === '\\' && this.#peek(1) === '|';
  }

  /** True at `)` (ERE) or `\)` (BRE). */
  #atClose(): boolean {
    return this.#ext ? this.#peek() === ')' : this.#peek() === '\\' && this.#peek(1) === ')';
  }

  #alternation(depth: number): string {
    const branches: string[] = [this.#branch(depth)];
    while (this.#atBar()) {
      this.#i += this.#ext ? 1 : 2;
      branches.push(this.#branch(depth));
    }
    return branches.length === 1 ? (branches[0] as string) : branches.join('|');
  }

  #branch(depth: number): string {
    let out = '';
    let pieces = 0;
    let afterCaret = false;
    while (this.#i < this.#p.length && !this.#atBar()) {
      if (this.#atClose()) {
        if (depth > 0) break;
        throw new ExpUnsupportedError('regex: unmatched closing parenthesis');
      }
      const first = pieces === 0;
      const atom = this.#atom(depth, first, first || afterCaret);
      afterCaret = atom.caret;
      let piece = atom.src;
      let q = this.#quantifier();
      if (q !== undefined && atom.anchor) throw new ExpUnsupportedError('regex: a repeated anchor');
      while (q !== undefined) {
        piece = `(?:${piece})${q}`;
        q = this.#quantifier();
      }
      out += piece;
      pieces++;
    }
    if (pieces === 0) throw new ExpUnsupportedError('regex: an empty alternative or group');
    return out;
  }

  /** Reads a quantifier (`*`, and `+ ? {m,n}` in ERE, `\+ \? \{m,n\}` in BRE); undefined when none. */
  #quantifier(): string | undefined {
    const c = this.#peek();
    if (c === '*') {
      this.#i++;
      return '*';
    }
    if (this.#ext) {
      if (c === '+' || c === '?') {
        this.#i++;
        return c;
      }
      if (c === '{') {
        this.#i++;
        return this.#interval('}');
      }
      return undefined;
    }
    if (c === '\\') {
      const d = this.#peek(1);
      if (d === '+' || d === '?') {
        this.#i += 2;
        return d;
      }
      if (d === '{') {
        this.#i += 2;
        return this.#interval('\\}');
      }
    }
    return undefined;
  }

  #interval(close: string): string {
    const rest = this.#p.slice(this.#i);
    const m = /^(\d+)(,(\d*))?/.exec(rest);
    if (m === null) throw new ExpUnsupportedError('regex: malformed interval');
    const after = rest.slice(m[0].length);
    if (!after.startsWith(close)) throw new ExpUnsupportedError('regex: malformed interval');
    const lo = Number(m[1]);
    const hi = m[3] === undefined || m[3] === '' ? undefined : Number(m[3]);
    if (lo > 0x7fff || (hi !== undefined && (hi > 0x7fff || hi < lo))) throw new ExpBuildError('regex: invalid interval');
    this.#i += m[0].length + close.length;
    return m[2] === undefined ? `{${lo}}` : hi === undefined ? `{${lo},}` : `{${lo},${hi}}`;
  }

  #literal(c: number): string {
    if (this.#icase && isLetter(c)) return `[${hex(c & ~0x20)}${hex(c | 0x20)}]`;
    return hex(c);
  }

  /**
   * One atom. `first`: the branch's first atom (where `^` anchors in BRE and an ERE
   * quantifier has nothing to repeat); `starLiteral`: where a BRE `*` is an ordinary byte.
   */
  #atom(depth: number, first: boolean, starLiteral: boolean): Atom {
    const c = this.#p[this.#i] as string;
    const code = c.charCodeAt(0);
    if (this.#ext) {
      switch (c) {
        case '*':
        case '+':
        case '?':
        case '{':
          if (first && c !== '{') throw new ExpBuildError('regex: nothing to repeat');
          throw new ExpUnsupportedError('regex: a quantifier with nothing to repeat');
        case '(':
          return { src: this.#group(depth, 1), anchor: false, caret: false };
        case '^':
          this.#i++;
          return { src: this.#bol(), anchor: true, caret: true };
        case '$':
          this.#i++;
          return { src: this.#eol(), anchor: true, caret: false };
        default:
          break;
      }
    } else {
      if (c === '*' && starLiteral) {
        this.#i++;
        return { src: this.#literal(code), anchor: false, caret: false };
      }
      if (c === '^' && first) {
        this.#i++;
        return { src: this.#bol(), anchor: true, caret: true };
      }
      if (c === '$' && this.#bre$IsAnchor()) {
        this.#i++;
        return { src: this.#eol(), anchor: true, caret: false };
      }
      if (c === '\\' && this.#peek(1) === '(') return { src: this.#group(depth, 2), anchor: false, caret: false };
      if (c === '\\' && (this.#peek(1) === '{' || this.#peek(1) === '+' || this.#peek(1) === '?')) {
        throw new ExpUnsupportedError('regex: a quantifier with nothing to repeat');
      }
    }
    if (c === '.') {
      this.#i++;
      return { src: this.#nl ? '[^\\n]' : '[\\s\\S]', anchor: false, caret: false };
    }
    if (c === '[') {
      this.#i++;
      return { src: this.#bracket(), anchor: false, caret: false };
    }
    if (c === '\\') return this.#escape();
    this.#i++;
    return { src: this.#literal(code), anchor: false, caret: false };
  }

  #bre$IsAnchor(): boolean {
    const next = this.#i + 1;
    if (next >= this.#p.length) return true;
    return this.#p[next] === '\\' && (this.#p[next + 1] === ')' || this.#p[next + 1] === '|');
  }

  #bol(): string {
    return this.#nl ? '(?:^|(?<=\\n))' : '^';
  }

  #eol(): string {
    return this.#nl ? '(?:$|(?=\\n))' : '$';
  }

  #group(depth: number, openLen: number): string {
    this.#i += openLen;
    const inner = this.#alternation(depth + 1);
    if (!this.#atClose()) throw new ExpBuildError('regex: unmatched parenthesis');
    this.#i += this.#ext ? 1 : 2;
    return `(?:${inner})`;
  }

  #escape(): Atom {
    const d = this.#peek(1);
    if (d === undefined) throw new ExpBuildError('regex: trailing backslash');
    this.#i += 2;
    const specials = this.#ext ? '^.[]$()|*+?{}\\' : '^.[]$*\\';
    if (specials.includes(d)) return { src: this.#literal(d.charCodeAt(0)), anchor: false, caret: false };
    switch (d) {
      case 'w':
        return { src: WORD, anchor: false, caret: false };
      case 'W':
        return { src: NOT_WORD, anchor: false, caret: false };
      case 's':
        return { src: '[\\t\\n\\v\\f\\r ]', anchor: false, caret: false };
      case 'S':
        return { src: '[^\\t\\n\\v\\f\\r ]', anchor: false, caret: false };
      case 'b':
        return { src: `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`, anchor: true, caret: false };
      case 'B':
        return { src: `(?:(?<=${WORD})(?=${WORD})|(?<!${WORD})(?!${WORD}))`, anchor: true, caret: false };
      case '<':
        return { src: `(?<!${WORD})(?=${WORD})`, anchor: true, caret: false };
      case '>':
        return { src: `(?<=${WORD})(?!${WORD})`, anchor: true, caret: false };
      case '`':
        return { src: '^', anchor: true, caret: false };
      case "'":
        return { src: '$', anchor: true, caret: false };
      default:
        throw new ExpUnsupportedError(`regex: escape \\${d}`);
    }
  }

  /** A bracket expression (after its `[`). */
  #bracket(): string {
    const set: boolean[] = new Array<boolean>(256).fill(false);
    let negate = false;
    if (this.#peek() === '^') {
      negate = true;
      this.#i++;
    }
    let first = true;
    for (;;) {
      const c = this.#peek();
      if (c === undefined) throw new ExpBuildError('regex: unmatched [');
      if (c === ']' && !first) {
        this.#i++;
        break;
      }
      first = false;
      let lo: number;
      if (c === '[' && (this.#peek(1) === ':' || this.#peek(1) === '.' || this.#peek(1) === '=')) {
        const kind = this.#peek(1) as string;
        const end = this.#p.indexOf(`${kind}]`, this.#i + 2);
        if (end < 0) throw new ExpBuildError('regex: unmatched [');
        if (kind !== ':') throw new ExpUnsupportedError('regex: collating elements');
        const name = this.#p.slice(this.#i + 2, end);
        const test = CLASSES[name];
        if (test === undefined) throw new ExpBuildError(`regex: unknown class ${name}`);
        for (let b = 0; b < 256; b++) if (test(b)) set[b] = true;
        this.#i = end + 2;
        if (this.#peek() === '-' && this.#peek(1) !== ']') throw new ExpUnsupportedError('regex: a range from a class');
        continue;
      } else {
        lo = c.charCodeAt(0);
        this.#i++;
      }
      if (this.#peek() === '-' && this.#peek(1) !== undefined && this.#peek(1) !== ']') {
        const hiCh = this.#peek(1) as string;
        if (hiCh === '[') throw new ExpUnsupportedError('regex: a range to a collating element');
        const hi = hiCh.charCodeAt(0);
        this.#i += 2;
        if (hi < lo) throw new ExpBuildError('regex: invalid range');
        for (let b = lo; b <= hi; b++) set[b] = true;
      } else {
        set[lo] = true;
      }
    }
    if (this.#icase) {
      for (let b = 65; b <= 90; b++) {
        if (set[b] === true || set[b + 32] === true) {
          set[b] = true;
          set[b + 32] = true;
        }
      }
    }
    if (negate) {
      for (let b = 0; b < 256; b++) set[b] = set[b] !== true;
      if (this.#nl) set[10] = false;
    }
    set[0] = false; // subjects end at their first NUL
    return classOf(set);
  }
}

/** The byte string up to (not including) its first NUL, as Latin-1. */
function cString(bytes: Buffer): string {
  const nul = bytes.indexOf(0);
  return (nul < 0 ? bytes : bytes.subarray(0, nul)).toString('latin1');
}

/**
 * Compiles a POSIX pattern with regcomp flags into a matcher.
 * @throws ExpBuildError when glibc would refuse the pattern
 * @throws ExpUnsupportedError for constructs not translated
 */
export function compilePosixRegex(pattern: Buffer, cflags: number): RegExp {
  const src = new Translator(cString(pattern), cflags).translate();
  try {
    return new RegExp(src);
  } catch {
    throw new ExpUnsupportedError('regex: not translatable');
  }
}

/** Whether the pattern matches somewhere in the subject (read up to its first NUL). */
export function posixRegexMatches(re: RegExp, subject: Buffer): boolean {
  return re.test(cString(subject));
}
