import { Ctx, Double, Exp, ExpModule, ExpNode, ExpType, GeoJSON, ListExp, ListReturnType, MapExp, MapReturnType, type MsgPackWriter } from '@aerospike-ts/core';

/**
 * Expressions whose outcomes were recorded on a real Aerospike 8.1 CE server
 * (`fidelity-recorder.test.ts`, fixture `test/fixtures/expressions.json`) and are replayed
 * against the emulator's engine (`fidelity-replay.test.ts`).
 */

/** Records the cases run against (all in one set; `key` stored only when `sendKey`). */
export const FIDELITY_RECORDS: Readonly<Record<string, { key: string | number; sendKey: boolean; ttl: number; bins: Record<string, unknown> }>> = {
  r1: {
    key: 'r1',
    sendKey: true,
    ttl: -1,
    bins: {
      i: 10,
      neg: -3,
      big: 2n ** 63n - 1n,
      small: -(2n ** 63n),
      f: 2.5,
      s: 'Hello World',
      ml: 'first\nsecond',
      u: 'caf\u00e9',
      rx: 'Hello World) {x} a|b\\d1 tab\tend',
      b: Buffer.from([1, 2, 3]),
      t: true,
      l: [1, 'two', [3]],
      m: { a: 1, b: 2, n: { x: [0, 4] } },
      g: new GeoJSON('{"type":"Point","coordinates":[0.5,0.5]}'),
      reg: new GeoJSON('{"type":"Polygon","coordinates":[[[-1,-1],[1,-1],[1,1],[-1,1],[-1,-1]]]}')
    }
  },
  r2: { key: 42, sendKey: false, ttl: 1000, bins: { i: 7, s: 'x' } },
  r3: { key: 43, sendKey: true, ttl: -1, bins: { a: 70000, s: 'hello', f: 1.25, t: false } },
  r4: { key: 'r4', sendKey: false, ttl: -1, bins: { l: [5, 1, 4], tags: ['red', 'blue'] } },
  r5: { key: Buffer.from([0xde, 0xad]).toString('hex'), sendKey: true, ttl: -1, bins: { m: { z: 1, a: 2 }, e: [] } },
  r6: { key: 'r6', sendKey: false, ttl: -1, bins: { n: -1, big: 300, huge: 5_000_000_000, s: 'x'.repeat(40) } }
};

const d = (n: number): Double => new Double(n);

/** Hand-written instructions (ints, booleans, raw strings, raw bytes, nested arrays). */
function raw(v: unknown): ExpNode {
  return new ExpNode((w: MsgPackWriter) => {
      const put = (x: unknown): void => {
        if (Array.isArray(x)) {
          w.writeArrayHeader(x.length);
          for (const y of x) put(y);
        } else if (typeof x === 'number') w.writeInt(x);
        else if (typeof x === 'boolean') w.writeBool(x);
        else if (typeof x === 'string') w.writeRawString(x);
        else if (Buffer.isBuffer(x)) w.writeRaw(x);
        else if (x !== null && typeof x === 'object' && 'write' in x) (x as ExpNode).write(w);
        else throw new Error(`cannot write ${String(x)}`);
      };
      put(v);
  });
}

const i = Exp.intBin('i');
const known = Exp.eq(i, Exp.val(10));
const unknown = Exp.eq(Exp.intBin('missing'), Exp.val(1));
const falsy = Exp.eq(i, Exp.val(11));
const point = (lng: number, lat: number): GeoJSON => new GeoJSON(JSON.stringify({ type: 'Point', coordinates: [lng, lat] }));

/** Points on vertices and edges, across the antimeridian, at the poles, in large polygons and circles. */
const GEO_SAMPLES: readonly (readonly [readonly [number, number], string])[] = (() => {
  const regions = [
    '{"type":"Polygon","coordinates":[[[10,10],[20,10],[20,20],[10,20],[10,10]]]}',
    '{"type":"Polygon","coordinates":[[[170,-10],[-170,-10],[-170,10],[170,10],[170,-10]]]}',
    '{"type":"Polygon","coordinates":[[[-120,-60],[120,-60],[0,60],[-120,-60]]]}',
    '{"type":"Polygon","coordinates":[[[0,80],[90,80],[180,80],[-90,80],[0,80]]]}',
    '{"type":"Polygon","coordinates":[[[48.45,-90],[2.66,-72.48],[15.37,-19.7],[77.47,-54.11],[48.45,-90]]]}',
    '{"type":"AeroCircle","coordinates":[[15,15],25000000]}'
  ];
  const points: [number, number][] = [[10, 10], [15, 10], [20, 15], [15, 15], [180, 0], [-180, 0], [175, 0], [0, 90], [0, -90], [45, -90], [45, 85], [0, 0], [-100, 40]];
  return regions.flatMap((r) => points.map((p) => [p, r] as const));
})();

/** Deterministic pseudo-random operands of pow (even entries) and log (odd entries). */
const LIBM_SAMPLES: readonly (readonly [number, number])[] = (() => {
  let seed = 20240601;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const out: [number, number][] = [];
  for (let n = 0; n < 120; n++) {
    const a = n % 3 === 0 ? next() * 1000 : Math.exp(next() * 60 - 30);
    out.push(n % 2 === 0 ? [a, next() * 16 - 8] : [a, 1.5 + next() * 30]);
  }
  return out;
})();

/** One case: a filter (`f`) or an expression read (`v`) on a record. */
export interface FidelityCase {
  readonly name: string;
  readonly rec: string;
  readonly kind: 'f' | 'v';
  readonly exp: ExpNode;
}

const f = (rec: string, name: string, exp: ExpNode): FidelityCase => ({ name, rec, kind: 'f', exp });
const v = (rec: string, name: string, exp: ExpNode): FidelityCase => ({ name, rec, kind: 'v', exp });

/** The recorded cases. */
export const FIDELITY_CASES: readonly FidelityCase[] = [
  // logic and unknown
  f('r1', 'known', known),
  f('r1', 'unknown bin', unknown),
  f('r1', 'not unknown', Exp.not(unknown)),
  f('r1', 'and unknown false', Exp.and(unknown, falsy)),
  f('r1', 'not and unknown false', Exp.not(Exp.and(unknown, falsy))),
  f('r1', 'not and unknown true', Exp.not(Exp.and(unknown, known))),
  f('r1', 'or unknown true', Exp.or(unknown, known)),
  f('r1', 'not or unknown false', Exp.not(Exp.or(unknown, falsy))),
  f('r1', 'exclusive one', Exp.exclusive(known, falsy)),
  f('r1', 'exclusive two', Exp.exclusive(known, known)),
  f('r1', 'not exclusive two then unknown', Exp.not(Exp.exclusive(known, known, unknown))),
  f('r1', 'not exclusive unknown first', Exp.not(Exp.exclusive(unknown, known))),
  f('r1', 'and of one', Exp.and(known)),
  f('r1', 'or of int', Exp.or(i, known)),
  f('r1', 'unknown()', Exp.unknown()),
  f('r1', 'literal true', Exp.val(true)),
  f('r1', 'filter of int', i),
  f('r1', 'cond unknown condition', Exp.not(Exp.cond(unknown, Exp.val(true), Exp.val(true)))),
  f('r1', 'cond picks', Exp.cond(falsy, Exp.val(false), known, Exp.val(true), Exp.val(false))),
  v('r1', 'cond unknown branch type', Exp.cond(known, Exp.unknown(), Exp.val('x'))),
  v('r1', 'cond mixed types', Exp.cond(known, Exp.val(1), Exp.val('x'))),
  v('r1', 'let', Exp.let(Exp.def('x', Exp.mul(i, Exp.val(2))), Exp.def('y', Exp.add(Exp.var('x'), Exp.val(1))), Exp.var('y'))),
  v('r1', 'let redefinition', Exp.let(Exp.def('x', Exp.val(1)), Exp.let(Exp.def('x', Exp.val(2)), Exp.var('x')))),
  v('r1', 'let bad name', Exp.let(Exp.def('1x', Exp.val(1)), Exp.var('1x'))),
  v('r1', 'let unknown def unused', Exp.let(Exp.def('x', Exp.intBin('missing')), Exp.val(5))),
  // comparisons
  f('r1', 'int gt', Exp.gt(i, Exp.val(9))),
  f('r1', 'int vs string', Exp.eq(i, Exp.val('10'))),
  f('r1', 'int vs nil', Exp.eq(i, Exp.nil())),
  f('r1', 'nil eq nil', Exp.eq(Exp.nil(), Exp.nil())),
  f('r1', 'nil lt nil', Exp.lt(Exp.nil(), Exp.nil())),
  f('r1', 'float eq', Exp.eq(Exp.floatBin('f'), Exp.val(2.5))),
  f('r1', 'int bin read as float', Exp.eq(Exp.floatBin('i'), Exp.val(d(10)))),
  f('r1', 'not int bin read as float', Exp.not(Exp.eq(Exp.floatBin('i'), Exp.val(d(10))))),
  f('r1', 'string gt prefix', Exp.gt(Exp.stringBin('s'), Exp.val('Hello'))),
  f('r1', 'string lt lowercase', Exp.lt(Exp.stringBin('s'), Exp.val('h'))),
  f('r1', 'blob lt', Exp.lt(Exp.blobBin('b'), Exp.val(Buffer.from([1, 3])))),
  f('r1', 'bool gt', Exp.gt(Exp.boolBin('t'), Exp.val(false))),
  f('r1', 'list eq', Exp.eq(Exp.listBin('l'), Exp.val([1, 'two', [3]]))),
  f('r1', 'list lt longer', Exp.lt(Exp.listBin('l'), Exp.val([1, 'two', [3], 0]))),
  f('r1', 'list gt int first', Exp.gt(Exp.listBin('l'), Exp.val([0, 'zzz']))),
  f('r1', 'list int before string', Exp.lt(Exp.val([5]), Exp.val(['a']))),
  f('r1', 'map eq', Exp.eq(Exp.mapBin('m'), Exp.val({ a: 1, b: 2, n: { x: [0, 4] } }))),
  f('r1', 'map lt', Exp.lt(Exp.mapBin('m'), Exp.val({ a: 1, b: 3 }))),
  f('r1', 'map ne', Exp.ne(Exp.mapBin('m'), Exp.val({ a: 1 }))),
  f('r1', 'geo eq', Exp.eq(Exp.geoBin('g'), Exp.geoBin('g'))),
  f('r1', 'inf eq inf', Exp.eq(Exp.inf(), Exp.inf())),
  // bins and metadata
  v('r1', 'bin_type i', Exp.binType('i')),
  v('r1', 'bin_type m', Exp.binType('m')),
  v('r1', 'bin_type g', Exp.binType('g')),
  v('r1', 'bin_type missing', Exp.binType('missing')),
  f('r1', 'bin exists', Exp.binExists('s')),
  v('r1', 'set name', Exp.setName()),
  f('r1', 'key exists (sent)', Exp.keyExists()),
  f('r2', 'key exists (not sent)', Exp.keyExists()),
  v('r1', 'string key', Exp.key(ExpType.STRING)),
  v('r1', 'string key read as int', Exp.key(ExpType.INT)),
  v('r3', 'int key', Exp.key(ExpType.INT)),
  v('r2', 'key not stored', Exp.key(ExpType.INT)),
  v('r5', 'string key of hex', Exp.key(ExpType.STRING)),
  v('r1', 'key of list type', Exp.key(ExpType.LIST)),
  v('r1', 'digest modulo 3', Exp.digestModulo(3)),
  v('r1', 'digest modulo 1000', Exp.digestModulo(1000)),
  v('r2', 'digest modulo -7', Exp.digestModulo(-7)),
  v('r1', 'digest modulo 0', Exp.digestModulo(0)),
  v('r1', 'void time never', Exp.voidTime()),
  v('r1', 'ttl never', Exp.ttl()),
  f('r2', 'ttl about 1000', Exp.and(Exp.ge(Exp.ttl(), Exp.val(900)), Exp.le(Exp.ttl(), Exp.val(1000)))),
  f('r2', 'void time after last update', Exp.gt(Exp.voidTime(), Exp.lastUpdate())),
  f('r1', 'since update small', Exp.and(Exp.ge(Exp.sinceUpdate(), Exp.val(0)), Exp.lt(Exp.sinceUpdate(), Exp.val(600_000)))),
  f('r1', 'last update is ms', Exp.eq(Exp.mod(Exp.lastUpdate(), Exp.val(1_000_000)), Exp.val(0))),
  f('r1', 'not tombstone', Exp.not(Exp.isTombstone())),
  v('r1', 'device size', Exp.deviceSize()),
  v('r1', 'record size r1', Exp.recordSize()),
  v('r2', 'record size r2', Exp.recordSize()),
  v('r3', 'record size r3', Exp.recordSize()),
  v('r3', 'memory size r3', Exp.memorySize()),
  v('r4', 'record size r4', Exp.recordSize()),
  v('r5', 'record size r5', Exp.recordSize()),
  v('r6', 'record size r6', Exp.recordSize()),
  // arithmetic
  v('r1', 'add', Exp.add(i, Exp.val(3), Exp.val(-20))),
  v('r1', 'sub negate', Exp.sub(i)),
  v('r1', 'overflow add', Exp.add(Exp.intBin('big'), Exp.val(1))),
  v('r1', 'overflow mul', Exp.mul(Exp.intBin('big'), Exp.val(2))),
  v('r1', 'negate min', Exp.sub(Exp.intBin('small'))),
  v('r1', 'abs min', Exp.abs(Exp.intBin('small'))),
  v('r1', 'div trunc', Exp.div(Exp.val(-7), Exp.val(2))),
  v('r1', 'div product', Exp.div(Exp.val(100), Exp.val(3), Exp.val(3))),
  v('r1', 'div one arg', Exp.div(Exp.val(2))),
  v('r1', 'div by zero', Exp.div(i, Exp.val(0))),
  v('r1', 'float div one arg', Exp.div(Exp.floatBin('f'))),
  v('r1', 'float div product', Exp.div(Exp.val(d(1)), Exp.val(0.1), Exp.val(0.1))),
  v('r1', 'float div by zero', Exp.div(Exp.val(d(1)), Exp.val(d(0)))),
  v('r1', 'mod negative', Exp.mod(Exp.val(-7), Exp.val(3))),
  v('r1', 'mod by zero', Exp.mod(i, Exp.val(0))),
  v('r1', 'mixed add', Exp.add(i, Exp.floatBin('f'))),
  v('r1', 'pow', Exp.pow(Exp.val(d(2)), Exp.val(d(0.5)))),
  v('r1', 'pow 1 nan', Exp.pow(Exp.val(d(1)), Exp.val(d(Number.NaN)))),
  v('r1', 'pow -1 inf', Exp.pow(Exp.val(d(-1)), Exp.val(d(Infinity)))),
  v('r1', 'pow int', Exp.pow(Exp.val(2), Exp.val(3))),
  v('r1', 'log', Exp.log(Exp.val(d(1000)), Exp.val(d(10)))),
  v('r1', 'log negative', Exp.log(Exp.val(d(-1)), Exp.val(d(10)))),
  v('r1', 'floor', Exp.floor(Exp.val(-2.5))),
  v('r1', 'ceil', Exp.ceil(Exp.val(-2.5))),
  v('r1', 'to_int', Exp.toInt(Exp.val(-2.9))),
  v('r1', 'to_int nan', Exp.toInt(Exp.val(d(Number.NaN)))),
  v('r1', 'to_int huge', Exp.toInt(Exp.val(d(1e300)))),
  v('r1', 'to_int -huge', Exp.toInt(Exp.val(d(-1e300)))),
  v('r1', 'to_int 2^63', Exp.toInt(Exp.val(d(2 ** 63)))),
  v('r1', 'to_float big', Exp.toFloat(Exp.intBin('big'))),
  v('r1', 'min float nan first', Exp.min(Exp.val(d(Number.NaN)), Exp.val(1.5))),
  v('r1', 'min float nan last', Exp.min(Exp.val(1.5), Exp.val(d(Number.NaN)))),
  v('r1', 'max ints', Exp.max(Exp.val(4), i, Exp.val(-2))),
  v('r1', 'int and', Exp.intAnd(Exp.val(12), Exp.val(10))),
  v('r1', 'int xor', Exp.intXor(Exp.val(12), Exp.val(10))),
  v('r1', 'int not', Exp.intNot(Exp.val(0))),
  v('r1', 'lshift 63', Exp.lshift(Exp.val(1), Exp.val(63))),
  v('r1', 'lshift 64', Exp.lshift(Exp.val(1), Exp.val(64))),
  v('r1', 'lshift 65', Exp.lshift(Exp.val(1), Exp.val(65))),
  v('r1', 'rshift -1 60', Exp.rshift(Exp.val(-1), Exp.val(60))),
  v('r1', 'rshift negative count', Exp.rshift(Exp.val(256), Exp.val(-62))),
  v('r1', 'arshift', Exp.arshift(Exp.val(-16), Exp.val(2))),
  v('r1', 'arshift 64', Exp.arshift(Exp.val(-16), Exp.val(64))),
  v('r1', 'count', Exp.count(Exp.val(-1))),
  v('r1', 'lscan 1', Exp.lscan(Exp.val(1), Exp.val(true))),
  v('r1', 'lscan 0', Exp.lscan(Exp.val(0), Exp.val(true))),
  v('r1', 'lscan -1 false', Exp.lscan(Exp.val(-1), Exp.val(false))),
  v('r1', 'rscan 2', Exp.rscan(Exp.val(2), Exp.val(true))),
  v('r1', 'rscan 0', Exp.rscan(Exp.val(0), Exp.val(true))),
  v('r1', 'rscan -2 false', Exp.rscan(Exp.val(-2), Exp.val(false))),
  v('r1', 'pow where Math.pow is off 1', Exp.pow(Exp.val(1.37), Exp.val(2.63))),
  v('r1', 'pow where Math.pow is off 2', Exp.pow(Exp.val(3.59), Exp.val(2.5))),
  v('r1', 'pow where Math.pow is off 3', Exp.pow(Exp.val(9.14), Exp.val(2.63))),
  v('r1', 'log where Math.log is off', Exp.log(Exp.val(28.047), Exp.val(d(2)))),
  v('r1', 'log base 10', Exp.log(Exp.val(d(12345)), Exp.val(d(10)))),
  v('r1', 'pow negative base odd', Exp.pow(Exp.val(d(-3)), Exp.val(d(5)))),
  v('r1', 'pow negative base fraction', Exp.pow(Exp.val(d(-3)), Exp.val(0.5))),
  v('r1', 'pow zero negative', Exp.pow(Exp.val(d(0)), Exp.val(d(-1)))),
  v('r1', 'pow underflow', Exp.pow(Exp.val(d(10)), Exp.val(d(-320)))),
  v('r1', 'pow overflow', Exp.pow(Exp.val(d(10)), Exp.val(d(309)))),
  ...LIBM_SAMPLES.map(([a, b], n) => v('r1', `libm sample ${n}`, n % 2 === 0 ? Exp.pow(Exp.val(d(a)), Exp.val(d(b))) : Exp.log(Exp.val(d(a)), Exp.val(d(b))))),
  // values of expression reads
  v('r1', 'bool value', known),
  v('r1', 'unknown value', unknown),
  v('r1', 'nil value', Exp.nil()),
  v('r1', 'string value', Exp.stringBin('s')),
  v('r1', 'blob value', Exp.blobBin('b')),
  v('r1', 'list value', Exp.listBin('l')),
  v('r1', 'list literal', Exp.val([1, 'x', [2.5]])),
  v('r1', 'map value', Exp.mapBin('m')),
  v('r1', 'map literal', Exp.val({ k: 'v' })),
  v('r1', 'geo value', Exp.geoBin('g')),
  v('r1', 'geo literal', Exp.val(point(1, 2))),
  v('r1', 'float value', Exp.floatBin('f')),
  v('r1', 'result remove', raw([100])),
  // regex
  f('r1', 'regex ere anchors', Exp.regexCompare('^Hello.*d$', 1, Exp.stringBin('s'))),
  f('r1', 'regex ere alternation', Exp.regexCompare('(Hi|Hello) W', 1, Exp.stringBin('s'))),
  f('r1', 'regex bre plus literal', Exp.regexCompare('l+', 0, Exp.stringBin('s'))),
  f('r1', 'regex bre escaped plus', Exp.regexCompare('l\\+', 0, Exp.stringBin('s'))),
  f('r1', 'regex bre group', Exp.regexCompare('\\(Hi\\|Hello\\) W', 0, Exp.stringBin('s'))),
  f('r1', 'regex bre interval', Exp.regexCompare('l\\{2\\}', 0, Exp.stringBin('s'))),
  f('r1', 'regex icase', Exp.regexCompare('hello world', 2, Exp.stringBin('s'))),
  f('r1', 'regex case', Exp.regexCompare('hello world', 0, Exp.stringBin('s'))),
  f('r1', 'regex classes', Exp.regexCompare('[[:upper:]][[:lower:]]+ [[:alpha:]]+', 1, Exp.stringBin('s'))),
  f('r1', 'regex bytes one', Exp.regexCompare('^caf.$', 1, Exp.stringBin('u'))),
  f('r1', 'regex bytes two', Exp.regexCompare('^caf..$', 1, Exp.stringBin('u'))),
  f('r1', 'regex icase latin1', Exp.regexCompare('CAF\u00c9', 3, Exp.stringBin('u'))),
  f('r1', 'regex caret second line, no flag', Exp.regexCompare('^second', 1, Exp.stringBin('ml'))),
  f('r1', 'regex caret second line, flag 4', Exp.regexCompare('^second', 1 | 4, Exp.stringBin('ml'))),
  f('r1', 'regex caret second line, flag 8', Exp.regexCompare('^second', 1 | 8, Exp.stringBin('ml'))),
  f('r1', 'regex dot newline, no flag', Exp.regexCompare('first.second', 1, Exp.stringBin('ml'))),
  f('r1', 'regex dot newline, flag 4', Exp.regexCompare('first.second', 1 | 4, Exp.stringBin('ml'))),
  f('r1', 'regex unbalanced', Exp.regexCompare('(a', 1, Exp.stringBin('s'))),
  f('r1', 'regex bad range', Exp.regexCompare('[z-a]', 0, Exp.stringBin('s'))),
  f('r1', 'regex leading star ere', Exp.regexCompare('*a', 1, Exp.stringBin('s'))),
  f('r1', 'regex leading star bre', Exp.regexCompare('*a', 0, Exp.stringBin('s'))),
  f('r1', 'regex on int', Exp.regexCompare('a', 0, Exp.intBin('i'))),
  f('r1', 'regex star star', Exp.regexCompare('Hel**o', 1, Exp.stringBin('s'))),
  f('r1', 'regex word', Exp.regexCompare('\\bWorld\\b', 1, Exp.stringBin('s'))),
  f('r1', 'regex word start', Exp.regexCompare('\\<Wor', 1, Exp.stringBin('s'))),
  f('r1', 'regex empty', Exp.regexCompare('', 1, Exp.stringBin('s'))),
  // regex readings (subject: rx)
  f('r1', "regex probe ) /1", Exp.regexCompare(")", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe o) /1", Exp.regexCompare("o)", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe a| /1", Exp.regexCompare("a|", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe |a /1", Exp.regexCompare("|a", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe (|a) /1", Exp.regexCompare("(|a)", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe () /1", Exp.regexCompare("()", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe a{ /1", Exp.regexCompare("a{", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe {x} /1", Exp.regexCompare("{x}", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe x{ /0", Exp.regexCompare("x{", 0, Exp.stringBin('rx'))),
  f('r1', "regex probe { /1", Exp.regexCompare("{", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe a{,2} /1", Exp.regexCompare("a{,2}", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe l{1,2} /1", Exp.regexCompare("l{1,2}", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe \\d /1", Exp.regexCompare("\\d", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe \\d1 /1", Exp.regexCompare("\\d1", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe \\t /1", Exp.regexCompare("\\t", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe \\n /1", Exp.regexCompare("\\n", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe \\) /0", Exp.regexCompare("\\)", 0, Exp.stringBin('rx'))),
  f('r1', "regex probe \\} /1", Exp.regexCompare("\\}", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe [\\d] /1", Exp.regexCompare("[\\d]", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe ^* /1", Exp.regexCompare("^*", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe x|* /1", Exp.regexCompare("x|*", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe (*a) /1", Exp.regexCompare("(*a)", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe a** /1", Exp.regexCompare("a**", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe a+? /1", Exp.regexCompare("a+?", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe l+?o /1", Exp.regexCompare("l+?o", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe \\( /0", Exp.regexCompare("\\(", 0, Exp.stringBin('rx'))),
  f('r1', "regex probe a\\| /0", Exp.regexCompare("a\\|", 0, Exp.stringBin('rx'))),
  f('r1', "regex probe \\|b /0", Exp.regexCompare("\\|b", 0, Exp.stringBin('rx'))),
  f('r1', "regex probe \\{ /0", Exp.regexCompare("\\{", 0, Exp.stringBin('rx'))),
  f('r1', "regex probe x\\{1\\} /0", Exp.regexCompare("x\\{1\\}", 0, Exp.stringBin('rx'))),
  f('r1', "regex probe H\\?e /0", Exp.regexCompare("H\\?e", 0, Exp.stringBin('rx'))),
  f('r1', "regex probe \\+ /0", Exp.regexCompare("\\+", 0, Exp.stringBin('rx'))),
  f('r1', "regex probe ^\\+ /0", Exp.regexCompare("^\\+", 0, Exp.stringBin('rx'))),
  f('r1', "regex probe ^*H /0", Exp.regexCompare("^*H", 0, Exp.stringBin('rx'))),
  f('r1', "regex probe \\(*H\\) /0", Exp.regexCompare("\\(*H\\)", 0, Exp.stringBin('rx'))),
  f('r1', "regex probe \\(^H\\) /0", Exp.regexCompare("\\(^H\\)", 0, Exp.stringBin('rx'))),
  f('r1', "regex probe a^ /0", Exp.regexCompare("a^", 0, Exp.stringBin('rx'))),
  f('r1', "regex probe ^^H /0", Exp.regexCompare("^^H", 0, Exp.stringBin('rx'))),
  f('r1', "regex probe d$$ /0", Exp.regexCompare("d$$", 0, Exp.stringBin('rx'))),
  f('r1', "regex probe $d /0", Exp.regexCompare("$d", 0, Exp.stringBin('rx'))),
  f('r1', "regex probe [[.a.]] /1", Exp.regexCompare("[[.a.]]", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe [[=a=]] /1", Exp.regexCompare("[[=a=]]", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe [a-] /1", Exp.regexCompare("[a-]", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe []a] /1", Exp.regexCompare("[]a]", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe [^]a] /1", Exp.regexCompare("[^]a]", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe (l)\\1 /1", Exp.regexCompare("(l)\\1", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe \\(l\\)\\1 /0", Exp.regexCompare("\\(l\\)\\1", 0, Exp.stringBin('rx'))),
  f('r1', "regex probe (o).*\\1 /1", Exp.regexCompare("(o).*\\1", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe (W)\\1 /1", Exp.regexCompare("(W)\\1", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe (l)\\2 /1", Exp.regexCompare("(l)\\2", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe \\w+ /1", Exp.regexCompare("\\w+", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe \\W /1", Exp.regexCompare("\\W", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe \\s /1", Exp.regexCompare("\\s", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe \\Sx /1", Exp.regexCompare("\\Sx", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe \\`H /1", Exp.regexCompare("\\`H", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe d\\' /1", Exp.regexCompare("d\\\'", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe \\Bor /1", Exp.regexCompare("\\Bor", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe [[:alpha:]-z] /1", Exp.regexCompare("[[:alpha:]-z]", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe [a-[:alpha:]] /1", Exp.regexCompare("[a-[:alpha:]]", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe \\e /1", Exp.regexCompare("\\e", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe \\. /1", Exp.regexCompare("\\.", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe x\\ /1", Exp.regexCompare("x\\", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe l{3,2} /1", Exp.regexCompare("l{3,2}", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe l{99999} /1", Exp.regexCompare("l{99999}", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe .{0} /1", Exp.regexCompare(".{0}", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe x{0,} /1", Exp.regexCompare("x{0,}", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe [[:digit:]]1 /1", Exp.regexCompare("[[:digit:]]1", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe \\\\d /1", Exp.regexCompare("\\\\d", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe [[:space:]]end /1", Exp.regexCompare("[[:space:]]end", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe \\{x\\} /1", Exp.regexCompare("\\{x\\}", 1, Exp.stringBin('rx'))),
  f('r1', "regex probe b\\\\ /1", Exp.regexCompare("b\\\\", 1, Exp.stringBin('rx'))),
  // geo
  f('r1', 'geo point in square', Exp.geoCompare(Exp.geoBin('g'), Exp.geoBin('reg'))),
  f('r1', 'geo region contains point', Exp.geoCompare(Exp.geoBin('reg'), Exp.val(point(0, 0)))),
  f('r1', 'geo region not containing point', Exp.geoCompare(Exp.geoBin('reg'), Exp.val(point(3, 0)))),
  f('r1', 'geo point point', Exp.geoCompare(Exp.geoBin('g'), Exp.val(point(0.5, 0.5)))),
  f('r1', 'geo region region', Exp.geoCompare(Exp.geoBin('reg'), Exp.geoBin('reg'))),
  f('r1', 'geo circle in', Exp.geoCompare(Exp.geoBin('g'), Exp.val(new GeoJSON('{"type":"AeroCircle","coordinates":[[0.5,0],55608]}')))),
  f('r1', 'geo circle out', Exp.geoCompare(Exp.geoBin('g'), Exp.val(new GeoJSON('{"type":"AeroCircle","coordinates":[[0.5,0],55588]}')))),
  f(
    'r1',
    'geo great circle',
    Exp.geoCompare(Exp.val(point(0, 61)), Exp.val(new GeoJSON('{"type":"Polygon","coordinates":[[[-80,60],[80,60],[80,70],[-80,70],[-80,60]]]}')))
  ),
  f('r1', 'geo clockwise', Exp.geoCompare(Exp.geoBin('g'), Exp.val(new GeoJSON('{"type":"Polygon","coordinates":[[[-1,-1],[-1,1],[1,1],[1,-1],[-1,-1]]]}')))),
  f(
    'r1',
    'geo hole',
    Exp.geoCompare(Exp.geoBin('g'), Exp.val(new GeoJSON('{"type":"Polygon","coordinates":[[[-10,-10],[10,-10],[10,10],[-10,10],[-10,-10]],[[-1,-1],[1,-1],[1,1],[-1,1],[-1,-1]]]}')))
  ),
  f('r1', 'geo bad literal', Exp.geoCompare(Exp.geoBin('g'), Exp.val(new GeoJSON('{"type":"Point","coordinates":[0,91]}')))),
  f('r1', 'geo line string', Exp.geoCompare(Exp.geoBin('g'), Exp.val(new GeoJSON('{"type":"LineString","coordinates":[[0,0],[1,1]]}')))),
  f('r1', 'geo feature', Exp.geoCompare(Exp.geoBin('g'), Exp.val(new GeoJSON('{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[-1,-1],[1,-1],[1,1],[-1,1],[-1,-1]]]}}')))),
  ...GEO_SAMPLES.map(([pt, region], n) => f('r1', `geo sample ${n}`, Exp.geoCompare(Exp.val(point(pt[0], pt[1])), Exp.val(new GeoJSON(region))))),
  // collections
  v('r1', 'list size', ListExp.size(Exp.listBin('l'))),
  v('r1', 'list last', ListExp.getByIndex(ListReturnType.VALUE, ExpType.STRING, Exp.val(1), Exp.listBin('l'))),
  v('r1', 'list index wrong type', ListExp.getByIndex(ListReturnType.VALUE, ExpType.INT, Exp.val(1), Exp.listBin('l'))),
  v('r1', 'list index out of range', ListExp.getByIndex(ListReturnType.VALUE, ExpType.INT, Exp.val(9), Exp.listBin('l'))),
  v('r4', 'list by value count', ListExp.getByValue(ListReturnType.COUNT, Exp.val(4), Exp.listBin('l'))),
  v('r4', 'list by value range', ListExp.getByValueRange(ListReturnType.VALUE, Exp.val(2), Exp.val(6), Exp.listBin('l'))),
  v('r4', 'list by rank', ListExp.getByRank(ListReturnType.VALUE, ExpType.INT, Exp.val(0), Exp.listBin('l'))),
  v('r4', 'list of literal', ListExp.size(Exp.val([1, 2, 3]))),
  f('r4', 'tag exists', ListExp.getByValue(ListReturnType.EXISTS, Exp.val('blue'), Exp.listBin('tags'))),
  v('r1', 'map by key', MapExp.getByKey(MapReturnType.VALUE, ExpType.INT, Exp.val('b'), Exp.mapBin('m'))),
  v('r1', 'map nested', MapExp.getByKey(MapReturnType.VALUE, ExpType.LIST, Exp.val('x'), Exp.mapBin('m'), [Ctx.mapKey('n')])),
  v('r1', 'map size', MapExp.size(Exp.mapBin('m'))),
  v('r1', 'map on list', MapExp.size(Exp.listBin('l'))),
  v('r1', 'list size of int bin', ListExp.size(i)),
  v('r1', 'list size missing', ListExp.size(Exp.listBin('missing'))),
  v('r1', 'list append local', Exp.call(ExpType.LIST, ExpModule.CDT | ExpModule.MODIFY, Buffer.from([0x92, 0x01, 0x05]), Exp.listBin('l'))),
  v('r5', 'map keys', raw([101, [81, 5, 'm']])),
  v('r5', 'map values', raw([102, [81, 5, 'm']])),
  f('r4', 'in_list true', raw([9, Buffer.from([0xa4, 0x03, 0x72, 0x65, 0x64]), [81, 4, 'tags']])),
  f('r4', 'in_list false', raw([9, 7, [81, 4, 'tags']])),
  // build errors
  f('r1', 'unknown op 10', raw([10])),
  f('r1', 'unknown op 200', raw([200])),
  f('r1', 'empty instruction', raw([])),
  f('r1', 'arity', raw([72, 1])),
  f('r1', 'bin type 10', raw([1, [81, 10, 'i'], 1])),
  f('r1', 'bin name 16', raw([1, [81, 2, 'abcdefghijklmnop'], 1])),
  f('r1', 'blob type byte 9', raw([1, Buffer.from([0xc4, 0x02, 0x09, 0x01]), Buffer.from([0xc4, 0x02, 0x09, 0x01])])),
  f('r1', 'raw string literal', raw([1, [81, 3, 's'], 'Hello World'])),
  v('r1', 'builtin var', raw([122, 2, 2])),
  v('r1', 'builtin var bad index', raw([122, 2, 3]))
];
