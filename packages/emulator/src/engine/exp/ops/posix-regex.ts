/**
 * POSIX regular expressions as the server's `regcomp`/`regexec` read them (glibc, "C"
 * locale: bytes, not characters), translated to JavaScript RegExp. Patterns and subjects
 * are handled as Latin-1 strings so that one byte is one character.
 *
 * Only whether a pattern matches somewhere is asked, so POSIX's leftmost-longest rule
 * never matters. Readings checked on a server: an ERE `)` with no open group is a byte,
 * empty alternatives and groups match the empty string, a `{` that does not start a valid
 * interval is an error, an unknown escape stands for its byte, a BRE `*` (or `\+`, `\?`)
 * at the start of an expression is a byte. Constructs whose reading is uncertain (a
 * back-reference to a group that may not take part, or with alternation or case folding,
 * a repeated assertion, multi-character collating elements) are refused as unsupported
 * rather than guessed; patterns glibc rejects (unbalanced groups or `[`, a trailing `\`,
 * a reversed range, a class as a range end, an unknown class, a leading ERE quantifier)
 * are build errors.
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

/** A translated atom: its JS source, whether it is an assertion, whether it is a `^`, its group number. */
interface Atom {
  readonly src: string;
  readonly anchor: boolean;
  readonly caret: boolean;
  readonly group: number | undefined;
}

/** A capturing group's state, for back-references. */
interface Group {
  closed: boolean;
  /** Quantified, or inside a quantified group: it may not take part in a match. */
  conditional: boolean;
  /** Number of the last group opened inside it (itself when none). */
  last: number;
}

class Translator {
  readonly #p: string;
  #i = 0;
  readonly #ext: boolean;
  readonly #icase: boolean;
  readonly #nl: boolean;
  readonly #groups: Group[] = [];
  #alternations = false;
  #backrefs = false;

  constructor(pattern: string, cflags: number) {
    this.#p = pattern;
    this.#ext = (cflags & RegexCFlag.EXTENDED) !== 0;
    this.#icase = (cflags & RegexCFlag.ICASE) !== 0;
    this.#nl = (cflags & RegexCFlag.NEWLINE) !== 0;
  }

  translate(): string {
    const src = this.#alternation(0);
    if (this.#i < this.#p.length) throw new ExpBuildError('regex: unmatched \\)');
    if (this.#backrefs && this.#alternations) throw new ExpUnsupportedError('regex: back-references with alternation');
    return src;
  }

  #peek(off = 0): string | undefined {
    return this.#p[this.#i + off];
  }

  /** True at `|` (ERE) or `\|` (BRE). */
  #atBar(): boolean {
    return this.#ext ? this.#peek() === '|' : this.#peek() === '\\' && this.#peek(1) === '|';
  }

  /** True at `\)` (BRE), or at `)` closing an open ERE group. */
  #atClose(depth: number): boolean {
    return this.#ext ? depth > 0 && this.#peek() === ')' : this.#peek() === '\\' && this.#peek(1) === ')';
  }

  #alternation(depth: number): string {
    const branches: string[] = [this.#branch(depth)];
    while (this.#atBar()) {
      this.#alternations = true;
      this.#i += this.#ext ? 1 : 2;
      branches.push(this.#branch(depth));
    }
    return branches.join('|');
  }

  #branch(depth: number): string {
    let out = '';
    let first = true;
    let afterCaret = false;
    while (this.#i < this.#p.length && !this.#atBar() && !this.#atClose(depth)) {
      const atom = this.#atom(depth, first, first || afterCaret);
      afterCaret = atom.caret;
      let piece = atom.src;
      // In BRE a `*`, `\+` or `\?` right after a leading `^` is an ordinary byte.
      let q = !this.#ext && atom.caret ? undefined : this.#quantifier();
      if (q !== undefined) {
        if (atom.anchor) {
          if (this.#ext && atom.caret) throw new ExpBuildError('regex: repeated ^');
          throw new ExpUnsupportedError('regex: a repeated anchor');
        }
        if (atom.group !== undefined) this.#markConditional(atom.group);
      }
      while (q !== undefined) {
        piece = `(?:${piece})${q}`;
        q = this.#quantifier();
      }
      out += piece;
      first = false;
    }
    return out;
  }

  #markConditional(group: number): void {
    const g = this.#groups[group - 1];
    if (g === undefined) return;
    for (let n = group; n <= g.last; n++) {
      const inner = this.#groups[n - 1];
      if (inner !== undefined) inner.conditional = true;
    }
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

  /** An interval after its `{`: `{m}`, `{m,}`, `{m,n}` or `{,n}`, counts up to RE_DUP_MAX. */
  #interval(close: string): string {
    const rest = this.#p.slice(this.#i);
    const m = /^(\d*)(,(\d*))?/.exec(rest);
    const after = m === null ? rest : rest.slice(m[0].length);
    if (m === null || (m[1] === '' && m[2] === undefined) || !after.startsWith(close)) throw new ExpBuildError('regex: invalid interval');
    const lo = m[1] === '' ? 0 : Number(m[1]);
    const hi = m[2] === undefined ? lo : m[3] === '' || m[3] === undefined ? undefined : Number(m[3]);
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
   * quantifier has nothing to repeat); `plain`: where a BRE `*`, `\+`, `\?` are ordinary bytes.
   */
  #atom(depth: number, first: boolean, plain: boolean): Atom {
    const c = this.#p[this.#i] as string;
    const code = c.charCodeAt(0);
    if (this.#ext) {
      switch (c) {
        case '*':
        case '+':
        case '?':
        case '{':
          if (first) throw new ExpBuildError('regex: nothing to repeat');
          throw new ExpUnsupportedError('regex: a quantifier after an assertion');
        case '(':
          return this.#group(depth, 1);
        case '^':
          this.#i++;
          return atom(this.#bol(), { anchor: true, caret: true });
        case '$':
          this.#i++;
          return atom(this.#eol(), { anchor: true });
        default:
          break;
      }
    } else {
      const d = this.#peek(1);
      if (c === '*' && plain) {
        this.#i++;
        return atom(this.#literal(code));
      }
      if (c === '\\' && (d === '+' || d === '?') && plain) {
        this.#i += 2;
        return atom(this.#literal(d.charCodeAt(0)));
      }
      if (c === '\\' && (d === '{' || d === '+' || d === '?')) {
        if (first && d === '{') throw new ExpBuildError('regex: nothing to repeat');
        throw new ExpUnsupportedError('regex: a quantifier after an assertion');
      }
      if (c === '^' && first) {
        this.#i++;
        return atom(this.#bol(), { anchor: true, caret: true });
      }
      if (c === '$' && this.#bre$IsAnchor()) {
        this.#i++;
        return atom(this.#eol(), { anchor: true });
      }
      if (c === '\\' && d === '(') return this.#group(depth, 2);
      if (c === '\\' && d === ')') throw new ExpBuildError('regex: unmatched \\)');
    }
    if (c === '.') {
      this.#i++;
      return atom(this.#nl ? '[^\\n]' : '[\\s\\S]');
    }
    if (c === '[') {
      this.#i++;
      return atom(this.#bracket());
    }
    if (c === '\\') return this.#escape();
    this.#i++;
    return atom(this.#literal(code));
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

  #group(depth: number, openLen: number): Atom {
    this.#i += openLen;
    const n = this.#groups.length + 1;
    const g: Group = { closed: false, conditional: false, last: n };
    this.#groups.push(g);
    const inner = this.#alternation(depth + 1);
    if (!this.#atClose(depth + 1)) throw new ExpBuildError('regex: unmatched parenthesis');
    this.#i += this.#ext ? 1 : 2;
    g.closed = true;
    g.last = this.#groups.length;
    return atom(`(${inner})`, { group: n });
  }

  #escape(): Atom {
    const d = this.#peek(1);
    if (d === undefined) throw new ExpBuildError('regex: trailing backslash');
    this.#i += 2;
    switch (d) {
      case 'w':
        return atom(WORD);
      case 'W':
        return atom(NOT_WORD);
      case 's':
        return atom('[\\t\\n\\v\\f\\r ]');
      case 'S':
        return atom('[^\\t\\n\\v\\f\\r ]');
      case 'b':
        return atom(`(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`, { anchor: true });
      case 'B':
        return atom(`(?:(?<=${WORD})(?=${WORD})|(?<!${WORD})(?!${WORD}))`, { anchor: true });
      case '<':
        return atom(`(?<!${WORD})(?=${WORD})`, { anchor: true });
      case '>':
        return atom(`(?<=${WORD})(?!${WORD})`, { anchor: true });
      case '`':
        return atom('^', { anchor: true });
      case "'":
        return atom('$', { anchor: true });
      default:
        break;
    }
    if (d >= '1' && d <= '9') return atom(this.#backref(Number(d)));
    // Any other escaped byte stands for itself.
    return atom(this.#literal(d.charCodeAt(0)));
  }

  /** A back-reference, when JavaScript matches it exactly as glibc does. */
  #backref(n: number): string {
    const g = this.#groups[n - 1];
    if (g === undefined) throw new ExpBuildError('regex: invalid back reference');
    if (!g.closed || g.conditional) throw new ExpUnsupportedError('regex: a back-reference to a group that may not take part');
    if (this.#icase) throw new ExpUnsupportedError('regex: a case-insensitive back-reference');
    this.#backrefs = true;
    return `(?:\\${n})`;
  }

  /** One bracket item (after its `[`): a byte, or undefined for a class (added to `set`). */
  #bracketItem(set: boolean[]): number | undefined {
    const c = this.#peek() as string;
    if (c === '[' && (this.#peek(1) === ':' || this.#peek(1) === '.' || this.#peek(1) === '=')) {
      const kind = this.#peek(1) as string;
      const end = this.#p.indexOf(`${kind}]`, this.#i + 2);
      if (end < 0) throw new ExpBuildError('regex: unmatched [');
      const name = this.#p.slice(this.#i + 2, end);
      this.#i = end + 2;
      if (kind !== ':') {
        if (name.length !== 1) throw new ExpUnsupportedError('regex: multi-character collating elements');
        return name.charCodeAt(0);
      }
      const test = CLASSES[name];
      if (test === undefined) throw new ExpBuildError(`regex: unknown class ${name}`);
      for (let b = 0; b < 256; b++) if (test(b)) set[b] = true;
      return undefined;
    }
    this.#i++;
    return c.charCodeAt(0);
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
      const lo = this.#bracketItem(set);
      const isRange = this.#peek() === '-' && this.#peek(1) !== undefined && this.#peek(1) !== ']';
      if (!isRange) {
        if (lo !== undefined) set[lo] = true;
        continue;
      }
      if (lo === undefined) throw new ExpBuildError('regex: a range from a class');
      this.#i++;
      const hi = this.#bracketItem(set);
      if (hi === undefined) throw new ExpBuildError('regex: a range to a class');
      if (hi < lo) throw new ExpBuildError('regex: invalid range');
      for (let b = lo; b <= hi; b++) set[b] = true;
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

function atom(src: string, extra: { anchor?: boolean; caret?: boolean; group?: number } = {}): Atom {
  return { src, anchor: extra.anchor === true, caret: extra.caret === true, group: extra.group };
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
