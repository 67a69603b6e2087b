import { CollectionType, IndexFilter } from '../command/index-filter.js';
import { InvalidArgumentError } from '../errors/client-errors.js';
import { Exp, type ExpNode, type Expression } from '../exp/exp.js';
import type { CdtContext, CtxItem } from '../ops/cdt-context.js';
import { packContext } from '../ops/cdt-pack.js';
import { GeoJSON } from '../values/geojson.js';
import type { AelProgram } from './compile.js';
import { contextStep } from './compile-path.js';
import type { Ast } from './parser.js';
import type { PathPart } from './path-parser.js';

/** A secondary index the planner may use. */
export interface KnownIndex {
  readonly namespace: string;
  /** The set the index covers; null: every set of the namespace. */
  readonly set: string | null;
  readonly bin: string;
  readonly name: string;
  readonly type: 'numeric' | 'string' | 'geo' | 'blob';
  readonly collection: 'default' | 'list' | 'mapkeys' | 'mapvalues';
  /**
   * The exact context of an index on a nested element, or null for a top-level bin.
   * Indexes whose context is not known exactly (see `contextText`) are never chosen.
   */
  readonly context: CdtContext | null;
  /** The packed context as the server reports it (`sindex-list:…;b64=true`), used when `context` is null. */
  readonly packedContext?: Uint8Array;
  /** The server's description of the context when only that is known (such an index is never chosen). */
  readonly contextText?: string;
}

/** Forces (`index`: an index name) or forbids (`noIndex`) a secondary index. */
export interface IndexHint {
  readonly index?: string;
  readonly noIndex?: boolean;
}

/** A query split into an index filter and the rest of the filter. */
export interface AelQueryPlan {
  /** The index filter, or null for a scan with a filter expression. */
  readonly indexFilter: IndexFilter | null;
  /** The index chosen, or null. */
  readonly index: KnownIndex | null;
  /** What is left to check on each record, or null when the index filter says it all. */
  readonly filterExpression: Expression | null;
}

type Kind = 'eq' | 'range' | 'contains' | 'geo';
type Literal = number | bigint | string;

interface Candidate {
  readonly kind: Kind;
  /** Conjuncts the candidate serves. */
  readonly conj: readonly number[];
  readonly bin: string;
  readonly ctx: CdtContext | null;
  readonly type: KnownIndex['type'];
  readonly collection: KnownIndex['collection'];
  readonly value?: Literal;
  readonly lo?: bigint;
  readonly hi?: bigint;
  readonly region?: string;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const COLLECTION = { default: CollectionType.DEFAULT, list: CollectionType.LIST, mapkeys: CollectionType.MAPKEYS, mapvalues: CollectionType.MAPVALUES } as const;
const PREFERENCE: readonly Kind[] = ['eq', 'range', 'contains', 'geo'];

function conjuncts(a: Ast): Ast[] {
  return a.k === 'binary' && a.op === 'and' ? [...conjuncts(a.left), ...conjuncts(a.right)] : [a];
}

function contextOf(parts: readonly PathPart[]): CdtContext | null {
  const out: CtxItem[] = [];
  for (const p of parts) {
    if (p.k === 'listAny' || p.k === 'mapAny') continue;
    const c = contextStep(p);
    if (c === null) return null;
    out.push(c);
  }
  return out;
}

/** The bin and context a scalar comparison reads, or null when no index could serve it. */
function target(a: Ast): { bin: string; ctx: CdtContext | null } | null {
  if (a.k === 'bin') return { bin: a.name, ctx: null };
  if (a.k === 'cdt' && (a.fn === null || (a.fn.fn === 'get' && a.fn.ret === null))) {
    const ctx = contextOf(a.parts);
    return ctx === null || ctx.length === 0 ? null : { bin: a.name, ctx };
  }
  return null;
}

function literal(a: Ast): Literal | null {
  if (a.k === 'lit' && (a.type === 'int' || a.type === 'string') && (typeof a.v === 'number' || typeof a.v === 'bigint' || typeof a.v === 'string')) return a.v;
  if (a.k === 'unary' && a.op === '-' && a.arg.k === 'lit' && a.arg.type === 'int') return typeof a.arg.v === 'bigint' ? -a.arg.v : -(a.arg.v as number);
  return null;
}

const FLIP: { readonly [op: string]: string } = { '>': '<', '>=': '<=', '<': '>', '<=': '>=', '==': '==' };

function candidateOf(a: Ast, i: number, typeOf: AelProgram['typeOf']): Candidate | null {
  if (a.k === 'binary' && FLIP[a.op] !== undefined) {
    let t = target(a.left);
    let v = literal(a.right);
    let op = a.op;
    if (t === null || v === null) {
      t = target(a.right);
      v = literal(a.left);
      op = FLIP[a.op] as string;
    }
    if (t === null || v === null) return null;
    const type = typeof v === 'string' ? 'string' : 'numeric';
    // the read must have the literal's type (an index holds integers or strings, not floats)
    if (typeOf(a.left) !== (type === 'string' ? 'string' : 'int') || typeOf(a.right) !== typeOf(a.left)) return null;
    if (op === '==') return { kind: 'eq', conj: [i], ...t, type, collection: 'default', value: v };
    if (type === 'string') return null;
    const n = BigInt(v);
    const [lo, hi] = op === '>' ? [n + 1n, INT64_MAX] : op === '>=' ? [n, INT64_MAX] : op === '<' ? [INT64_MIN, n - 1n] : [INT64_MIN, n];
    return { kind: 'range', conj: [i], ...t, type, collection: 'default', lo, hi };
  }
  if (a.k === 'in') {
    const v = literal(a.left);
    if (v === null) return null;
    if (a.list.k === 'bin') return { kind: 'contains', conj: [i], bin: a.list.name, ctx: null, type: typeof v === 'string' ? 'string' : 'numeric', collection: 'list', value: v };
    if (a.list.k === 'cdt' && a.list.fn === null) {
      const ctx = contextOf(a.list.parts);
      if (ctx !== null) return { kind: 'contains', conj: [i], bin: a.list.name, ctx, type: typeof v === 'string' ? 'string' : 'numeric', collection: 'list', value: v };
    }
    return null;
  }
  if (a.k === 'cdt' && a.fn?.fn === 'exists') {
    const last = a.parts[a.parts.length - 1];
    const ctx = contextOf(a.parts.slice(0, -1));
    if (last?.k === 'key' && ctx !== null) return { kind: 'contains', conj: [i], bin: a.name, ctx: ctx.length === 0 ? null : ctx, type: typeof last.key === 'string' ? 'string' : 'numeric', collection: 'mapkeys', value: last.key };
    return null;
  }
  if (a.k === 'call' && a.fn === 'geoCompare' && a.args.length === 2) {
    const [x, y] = a.args as [Ast, Ast];
    const [b, g] = x.k === 'bin' ? [x, y] : [y, x];
    if (b.k === 'bin' && g.k === 'lit' && GeoJSON.isGeoJSON(g.v)) return { kind: 'geo', conj: [i], bin: b.name, ctx: null, type: 'geo', collection: 'default', region: g.v.value };
  }
  return null;
}

function sameCtx(a: CdtContext | null, b: CdtContext | null): boolean {
  if (a === null || a.length === 0) return b === null || b.length === 0;
  if (b === null || b.length === 0) return false;
  return Buffer.from(packContext(a)).equals(Buffer.from(packContext(b)));
}

/** Range conditions on the same bin (`$.a >= 1 and $.a < 9`) become one range. */
function mergeRanges(cands: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of cands) {
    const prev = c.kind === 'range' ? out.find((o) => o.kind === 'range' && o.bin === c.bin && sameCtx(o.ctx, c.ctx)) : undefined;
    if (prev === undefined) {
      out.push(c);
      continue;
    }
    const lo = (prev.lo as bigint) > (c.lo as bigint) ? prev.lo : c.lo;
    const hi = (prev.hi as bigint) < (c.hi as bigint) ? prev.hi : c.hi;
    out[out.indexOf(prev)] = { ...prev, conj: [...prev.conj, ...c.conj], lo: lo as bigint, hi: hi as bigint };
  }
  return out;
}

function serves(ix: KnownIndex, c: Candidate, namespace: string, set: string | null): boolean {
  if (ix.namespace !== namespace || ix.bin !== c.bin || ix.type !== c.type || ix.collection !== c.collection) return false;
  if (ix.set !== null && ix.set !== set) return false;
  if (ix.context === null && ix.packedContext !== undefined) return c.ctx !== null && c.ctx.length > 0 && Buffer.from(packContext(c.ctx)).equals(Buffer.from(ix.packedContext));
  if (ix.context === null && ix.contextText !== undefined) return false;
  return sameCtx(ix.context, c.ctx);
}

function indexFilterOf(c: Candidate): IndexFilter | null {
  const ctx = c.ctx === null || c.ctx.length === 0 ? null : packContext(c.ctx);
  const coll = COLLECTION[c.collection];
  switch (c.kind) {
    case 'eq':
      return IndexFilter.equal(c.bin, c.value as Literal, coll, ctx);
    case 'contains':
      return IndexFilter.contains(c.bin, coll, c.value as Literal, ctx);
    case 'range':
      // an empty range ($.a > 5 and $.a < 3) selects nothing; leave it to the filter expression
      return (c.lo as bigint) > (c.hi as bigint) ? null : IndexFilter.range(c.bin, c.lo as bigint, c.hi as bigint, coll, ctx);
    default:
      return IndexFilter.geoWithinRegion(c.bin, c.region as string, coll);
  }
}

/**
 * Splits a compiled AEL filter for a query on `namespace`/`set`: one top-level `and`
 * condition that a known index serves becomes the index filter (equality first, then
 * ranges — two bounds on one bin merge — then list/map-key membership, then geo), and the
 * other conditions stay as the filter expression. Without a usable index the whole filter
 * stays an expression. Pure: no I/O.
 * @throws InvalidArgumentError when `hint.index` names an index that cannot serve any condition.
 */
export function planAelQuery(program: AelProgram, namespace: string, set: string | null, indexes: readonly KnownIndex[], hint: IndexHint = {}): AelQueryPlan {
  const parts = conjuncts(program.ast);
  const whole = (): AelQueryPlan => ({ indexFilter: null, index: null, filterExpression: Exp.build(program.build(program.ast)) });
  if (hint.noIndex === true) {
    if (hint.index !== undefined) throw new InvalidArgumentError('index hint: give either index or noIndex, not both');
    return whole();
  }
  const cands = mergeRanges(parts.map((p, i) => candidateOf(p, i, (x) => program.typeOf(x))).filter((c): c is Candidate => c !== null));
  let chosen: { c: Candidate; ix: KnownIndex; filter: IndexFilter } | null = null;
  const ordered = [...cands].sort((x, y) => PREFERENCE.indexOf(x.kind) - PREFERENCE.indexOf(y.kind));
  for (const c of ordered) {
    const ix = indexes.find((i) => (hint.index === undefined || i.name === hint.index) && serves(i, c, namespace, set));
    if (ix === undefined) continue;
    const filter = indexFilterOf(c);
    if (filter === null) continue;
    chosen = { c, ix, filter };
    break;
  }
  if (chosen === null) {
    if (hint.index !== undefined) throw new InvalidArgumentError(`index hint: index '${hint.index}' is unknown or serves no top-level 'and' condition of the filter; drop the hint or change the filter`);
    return whole();
  }
  // geo index answers are rechecked by the expression; the other kinds are exact
  const served = new Set(chosen.c.kind === 'geo' ? [] : chosen.c.conj);
  const rest: ExpNode[] = parts.filter((_, i) => !served.has(i)).map((p) => program.build(p));
  const filterExpression = rest.length === 0 ? null : Exp.build(rest.length === 1 ? (rest[0] as ExpNode) : Exp.and(...rest));
  return { indexFilter: chosen.filter, index: chosen.ix, filterExpression };
}
