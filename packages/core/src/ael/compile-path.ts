import { Exp, type ExpNode, ExpType } from '../exp/exp.js';
import { Ctx, type CtxItem } from '../ops/cdt-context.js';
import { ListReturnType } from '../ops/list-operations.js';
import { MapReturnType } from '../ops/map-operations.js';
import { AelError } from './ael-error.js';
import { ListExp, MapExp } from './cdt-exp.js';
import type { AelType, Ast } from './parser.js';
import type { PathPart } from './path-parser.js';

/** A `$.bin` path with collection parts or a collection function. */
export type PathAst = Extract<Ast, { k: 'cdt' }>;

/** The expression value type of each AEL type. */
export const EXP_TYPE: { readonly [k in AelType]: ExpType } = {
  int: ExpType.INT,
  float: ExpType.FLOAT,
  string: ExpType.STRING,
  bool: ExpType.BOOL,
  list: ExpType.LIST,
  map: ExpType.MAP,
  blob: ExpType.BLOB,
  geo: ExpType.GEO,
  hll: ExpType.HLL
};

const INVERTED = ListReturnType.INVERTED;

/** Parts that select one element (and can also be a context step). */
const SINGLE = new Set(['key', 'index', 'rank']);

function isMapPart(p: PathPart): boolean {
  return p.k === 'mapAny' || p.k === 'key' || p.k === 'keyRange' || p.k === 'keyList' || p.k === 'indexRel' || ('map' in p && p.map);
}

function isDesignator(p: PathPart | undefined): boolean {
  return p !== undefined && (p.k === 'listAny' || p.k === 'mapAny');
}

/** The parts that select, without `[]`/`{}` type designators, and the trailing designator if any. */
function split(a: PathAst): { sel: PathPart[]; tail: PathPart | undefined } {
  const last = a.parts[a.parts.length - 1];
  return { sel: a.parts.filter((p) => !isDesignator(p)), tail: isDesignator(last) ? last : undefined };
}

const RETURN_CODES: { readonly [r: string]: number } = {
  VALUE: ListReturnType.VALUE,
  INDEX: ListReturnType.INDEX,
  RANK: ListReturnType.RANK,
  COUNT: ListReturnType.COUNT,
  NONE: ListReturnType.COUNT,
  EXISTS: ListReturnType.EXISTS,
  REVERSE_INDEX: ListReturnType.REVERSE_INDEX,
  REVERSE_RANK: ListReturnType.REVERSE_RANK,
  KEY: MapReturnType.KEY,
  KEY_VALUE: MapReturnType.KEY_VALUE,
  UNORDERED_MAP: MapReturnType.UNORDERED_MAP,
  ORDERED_MAP: MapReturnType.ORDERED_MAP
};
const MAP_ONLY = new Set(['KEY', 'KEY_VALUE', 'UNORDERED_MAP', 'ORDERED_MAP']);

/** The type of a path fixed by its own shape (function, explicit type, selector kind); null when it is learned from use. */
export function pathStaticType(a: PathAst): AelType | null {
  const fn = a.fn;
  if (fn !== null) {
    if (fn.fn === 'count') return 'int';
    if (fn.fn === 'exists') return 'bool';
    if (fn.fn === 'asInt') return 'int';
    if (fn.fn === 'asFloat') return 'float';
    if (fn.type !== null) return fn.type.toLowerCase() as AelType;
  }
  const { sel, tail } = split(a);
  const last = sel[sel.length - 1];
  const single = last !== undefined && SINGLE.has(last.k);
  const ret = fn?.ret ?? 'VALUE';
  if (ret === 'COUNT' || ret === 'NONE') return 'int';
  if (ret === 'EXISTS') return 'bool';
  if (ret === 'KEY_VALUE' || ret === 'UNORDERED_MAP' || ret === 'ORDERED_MAP') return 'map';
  if (ret !== 'VALUE') return single ? (ret === 'KEY' ? 'string' : 'int') : 'list';
  if (tail !== undefined) return tail.k === 'mapAny' ? 'map' : 'list';
  if (last === undefined) return 'list';
  return single ? null : 'list';
}

/** What an untyped single-element path reads when nothing says otherwise: map values as strings, list values as integers. */
function defaultType(a: PathAst): AelType {
  const last = split(a).sel.at(-1);
  return last !== undefined && isMapPart(last) ? 'string' : 'int';
}

/** The context step for a part that selects one element (key, index, rank, single value); null for other parts. */
export function contextStep(p: PathPart): CtxItem | null {
  switch (p.k) {
    case 'key':
      return Ctx.mapKey(p.key);
    case 'index':
      return p.map ? Ctx.mapIndex(p.n) : Ctx.listIndex(p.n);
    case 'rank':
      return p.map ? Ctx.mapRank(p.n) : Ctx.listRank(p.n);
    case 'value':
      return p.map ? Ctx.mapValue(p.value) : Ctx.listValue(p.value);
    default:
      return null;
  }
}

function ctxOf(p: PathPart, text: string): CtxItem {
  const c = contextStep(p);
  if (c === null) throw new AelError('only a key, index, rank or single value can lead further into a path (ranges and lists must come last)', text, p.col);
  return c;
}

function cnt(count: number | null): ExpNode | undefined {
  return count === null ? undefined : Exp.val(count);
}

/** One selector applied to `bin` under context `ctx`. */
function selector(p: PathPart, rt: number, vt: ExpType, bin: ExpNode, ctx: CtxItem[], text: string): ExpNode {
  const inv = (i: boolean): number => (i ? rt | INVERTED : rt);
  switch (p.k) {
    case 'key':
      return MapExp.getByKey(rt, vt, Exp.val(p.key), bin, ctx);
    case 'index':
      return p.map ? MapExp.getByIndex(rt, vt, Exp.val(p.n), bin, ctx) : ListExp.getByIndex(rt, vt, Exp.val(p.n), bin, ctx);
    case 'rank':
      return p.map ? MapExp.getByRank(rt, vt, Exp.val(p.n), bin, ctx) : ListExp.getByRank(rt, vt, Exp.val(p.n), bin, ctx);
    case 'value':
      return p.map ? MapExp.getByValue(rt, Exp.val(p.value), bin, ctx) : ListExp.getByValue(rt, Exp.val(p.value), bin, ctx);
    case 'valueList':
      return (p.map ? MapExp : ListExp).getByValueList(inv(p.inv), Exp.val([...p.values]), bin, ctx);
    case 'valueRange':
      return (p.map ? MapExp : ListExp).getByValueRange(inv(p.inv), Exp.val(p.begin), p.end === null ? null : Exp.val(p.end), bin, ctx);
    case 'indexRange':
      return (p.map ? MapExp : ListExp).getByIndexRange(inv(p.inv), Exp.val(p.start), bin, ctx, cnt(p.count));
    case 'rankRange':
      return (p.map ? MapExp : ListExp).getByRankRange(inv(p.inv), Exp.val(p.start), bin, ctx, cnt(p.count));
    case 'rankRel':
      return (p.map ? MapExp : ListExp).getByValueRelativeRankRange(inv(p.inv), Exp.val(p.value), Exp.val(p.rank), bin, ctx, cnt(p.count));
    case 'keyRange':
      return MapExp.getByKeyRange(inv(p.inv), Exp.val(p.begin), p.end === null ? null : Exp.val(p.end), bin, ctx);
    case 'keyList':
      return MapExp.getByKeyList(inv(p.inv), Exp.val([...p.keys]), bin, ctx);
    case 'indexRel':
      return MapExp.getByKeyRelativeIndexRange(inv(p.inv), Exp.val(p.key), Exp.val(p.index), bin, ctx, cnt(p.count));
    default:
      throw new AelError('a type designator cannot select', text, p.col);
  }
}

/**
 * Builds a collection path: the parts before the last become the context, the last part
 * becomes the read; `count()` on a single element is the size of that element.
 * `learned` is the element type found from how the path is used (comparisons).
 */
export function buildPath(a: PathAst, learned: AelType | null, text: string): ExpNode {
  const { sel, tail } = split(a);
  const first = a.parts[0];
  const mapBin = first !== undefined ? isMapPart(first) : false;
  const bin = Exp.bin(a.name, mapBin ? ExpType.MAP : ExpType.LIST);
  const fn = a.fn;
  const last = sel[sel.length - 1];
  const ctx = sel.slice(0, -1).map((p) => ctxOf(p, text));

  if (fn?.ret != null && MAP_ONLY.has(fn.ret) && last !== undefined && !isMapPart(last)) {
    throw new AelError(`return type ${fn.ret} applies to maps only`, text, fn.col);
  }

  if (fn?.fn === 'count') {
    const size = tail?.k === 'mapAny' ? MapExp.size : ListExp.size;
    if (last === undefined) return size(tail?.k === 'mapAny' ? Exp.mapBin(a.name) : bin);
    if (SINGLE.has(last.k)) {
      const elem = selector(last, ListReturnType.VALUE, tail?.k === 'mapAny' ? ExpType.MAP : ExpType.LIST, bin, ctx, text);
      return size(elem);
    }
    return selector(last, ListReturnType.COUNT, ExpType.INT, bin, ctx, text);
  }
  if (last === undefined) {
    if (fn?.fn === 'get' && fn.ret !== null) throw new AelError(`return: ${fn.ret} needs a path into the ${mapBin ? 'map' : 'list'}`, text, fn.col);
    return bin;
  }
  if (fn?.fn === 'exists') return selector(last, ListReturnType.EXISTS, ExpType.BOOL, bin, ctx, text);

  const rt = RETURN_CODES[fn?.ret ?? 'VALUE'] as number;
  let vt: AelType;
  if (fn?.fn === 'asInt') vt = 'float';
  else if (fn?.fn === 'asFloat') vt = 'int';
  else vt = pathStaticType(a) ?? learned ?? defaultType(a);
  const read = selector(last, rt, EXP_TYPE[vt], bin, ctx, text);
  if (fn?.fn === 'asInt') return Exp.toInt(read);
  if (fn?.fn === 'asFloat') return Exp.toFloat(read);
  return read;
}
