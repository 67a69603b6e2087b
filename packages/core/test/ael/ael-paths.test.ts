import { parseAel } from '../../src/ael/compile';
import { AelError } from '../../src/ael/ael-error';
import { HllExp, ListExp, MapExp } from '../../src/ael/cdt-exp';
import { Exp, ExpNode, ExpType } from '../../src/exp/exp';
import { Ctx } from '../../src/ops/cdt-context';
import { ListReturnType as L } from '../../src/ops/list-operations';
import { MapReturnType as M } from '../../src/ops/map-operations';

const hex = (n: ExpNode): string => Exp.build(n).toBytes().toString('hex');
const lb = Exp.listBin('l');
const mb = Exp.mapBin('m');
const v = Exp.val;
const INV = L.INVERTED;

/** [AEL text, expected tree] — facts from the reference grammar and its test expectations. */
const cases: Array<[string, ExpNode]> = [
  // list single elements, type from the compared literal
  ['$.l.[0] == 100', Exp.eq(ListExp.getByIndex(L.VALUE, ExpType.INT, v(0), lb), v(100))],
  ['$.l.[0] == "s"', Exp.eq(ListExp.getByIndex(L.VALUE, ExpType.STRING, v(0), lb), v('s'))],
  ['$.l.[0] == true', Exp.eq(ListExp.getByIndex(L.VALUE, ExpType.BOOL, v(0), lb), v(true))],
  ['$.l.[0].get(type: INT) == 100', Exp.eq(ListExp.getByIndex(L.VALUE, ExpType.INT, v(0), lb), v(100))],
  ['$.l.[0].get(type: INT, return: VALUE) == 100', Exp.eq(ListExp.getByIndex(L.VALUE, ExpType.INT, v(0), lb), v(100))],
  ['$.l.[0].get(type: STRING) == "s"', Exp.eq(ListExp.getByIndex(L.VALUE, ExpType.STRING, v(0), lb), v('s'))],
  ['$.l.[-1] == 5', Exp.eq(ListExp.getByIndex(L.VALUE, ExpType.INT, v(-1), lb), v(5))],
  ['$.l.[#-1] == 100', Exp.eq(ListExp.getByRank(L.VALUE, ExpType.INT, v(-1), lb), v(100))],
  ['$.l.[#0] < 3', Exp.lt(ListExp.getByRank(L.VALUE, ExpType.INT, v(0), lb), v(3))],
  ['$.l.[=100] == 100', Exp.eq(ListExp.getByValue(L.VALUE, v(100), lb), v(100))],
  ['$.l.[=100].count() > 0', Exp.gt(ListExp.getByValue(L.COUNT, v(100), lb), v(0))],
  ['$.l.[=-2147483648] == 100', Exp.eq(ListExp.getByValue(L.VALUE, v(-2147483648), lb), v(100))],
  ['$.l.[0].[0].[0] == 100', Exp.eq(ListExp.getByIndex(L.VALUE, ExpType.INT, v(0), lb, [Ctx.listIndex(0), Ctx.listIndex(0)]), v(100))],
  ['$.l.[5].[1].get(type: STRING) == "s"', Exp.eq(ListExp.getByIndex(L.VALUE, ExpType.STRING, v(1), lb, [Ctx.listIndex(5)]), v('s'))],
  ['$.l.[5].[#-1] == "s"', Exp.eq(ListExp.getByRank(L.VALUE, ExpType.STRING, v(-1), lb, [Ctx.listIndex(5)]), v('s'))],
  ['$.l.[5].[#-1].[=100] == 200', Exp.eq(ListExp.getByValue(L.VALUE, v(100), lb, [Ctx.listIndex(5), Ctx.listRank(-1)]), v(200))],
  ['$.l.[=7].[0] == 1', Exp.eq(ListExp.getByIndex(L.VALUE, ExpType.INT, v(0), lb, [Ctx.listValue(7)]), v(1))],
  // size / count
  ['$.l.[].count() == 1', Exp.eq(ListExp.size(lb), v(1))],
  ['$.l.count() == 1', Exp.eq(ListExp.size(lb), v(1))],
  ['$.m.{}.count() == 2', Exp.eq(MapExp.size(mb), v(2))],
  ['$.l.[1].[].count() == 100', Exp.eq(ListExp.size(ListExp.getByIndex(L.VALUE, ExpType.LIST, v(1), lb)), v(100))],
  ['$.l.[1].count() == 100', Exp.eq(ListExp.size(ListExp.getByIndex(L.VALUE, ExpType.LIST, v(1), lb)), v(100))],
  ['$.l.[1].[2].count() == 100', Exp.eq(ListExp.size(ListExp.getByIndex(L.VALUE, ExpType.LIST, v(2), lb, [Ctx.listIndex(1)])), v(100))],
  ['$.l.[0].{}.count() == 3', Exp.eq(MapExp.size(ListExp.getByIndex(L.VALUE, ExpType.MAP, v(0), lb)), v(3))],
  ['$.m.a.count() == 3', Exp.eq(ListExp.size(MapExp.getByKey(M.VALUE, ExpType.LIST, v('a'), mb)), v(3))],
  ['$.m.a.{}.count() == 3', Exp.eq(MapExp.size(MapExp.getByKey(M.VALUE, ExpType.MAP, v('a'), mb)), v(3))],
  ['$.l.[1:3].count() == 2', Exp.eq(ListExp.getByIndexRange(L.COUNT, v(1), lb, [], v(2)), v(2))],
  // designators
  ['$.l.[] == [1, 2]', Exp.eq(lb, v([1, 2]))],
  ['$.l.[0].[] == [1]', Exp.eq(ListExp.getByIndex(L.VALUE, ExpType.LIST, v(0), lb), v([1]))],
  ['$.m.a.{} == {"x": 1}', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.MAP, v('a'), mb), v(new Map([['x', 1]])))],
  // list ranges (end is exclusive: count = end - start)
  ['$.l.[1:3]', ListExp.getByIndexRange(L.VALUE, v(1), lb, [], v(2))],
  ['$.l.[-3:1]', ListExp.getByIndexRange(L.VALUE, v(-3), lb, [], v(4))],
  ['$.l.[!2:4]', ListExp.getByIndexRange(L.VALUE | INV, v(2), lb, [], v(2))],
  ['$.l.[1:]', ListExp.getByIndexRange(L.VALUE, v(1), lb)],
  ['$.l.[=a,b,c]', ListExp.getByValueList(L.VALUE, v(['a', 'b', 'c']), lb)],
  ['$.l.["a","b","c"]'.replace('["', '[="'), ListExp.getByValueList(L.VALUE, v(['a', 'b', 'c']), lb)],
  ['$.l.[=1,2,3]', ListExp.getByValueList(L.VALUE, v([1, 2, 3]), lb)],
  ['$.l.[!=a,b,c]', ListExp.getByValueList(L.VALUE | INV, v(['a', 'b', 'c']), lb)],
  ['$.l.[=111:334]', ListExp.getByValueRange(L.VALUE, v(111), v(334), lb)],
  ['$.l.[!=10:20]', ListExp.getByValueRange(L.VALUE | INV, v(10), v(20), lb)],
  ['$.l.[=111:]', ListExp.getByValueRange(L.VALUE, v(111), null, lb)],
  ['$.l.[#0:3]', ListExp.getByRankRange(L.VALUE, v(0), lb, [], v(3))],
  ['$.l.[!#0:3]', ListExp.getByRankRange(L.VALUE | INV, v(0), lb, [], v(3))],
  ['$.l.[#-3:]', ListExp.getByRankRange(L.VALUE, v(-3), lb)],
  ['$.l.[5].[#-3:]', ListExp.getByRankRange(L.VALUE, v(-3), lb, [Ctx.listIndex(5)])],
  ['$.l.[#-3:-1~b]', ListExp.getByValueRelativeRankRange(L.VALUE, v('b'), v(-3), lb, [], v(2))],
  ['$.l.[!#-3:-1~b]', ListExp.getByValueRelativeRankRange(L.VALUE | INV, v('b'), v(-3), lb, [], v(2))],
  ['$.l.[#-3:~b]', ListExp.getByValueRelativeRankRange(L.VALUE, v('b'), v(-3), lb)],
  ['$.l.[#0:~10]', ListExp.getByValueRelativeRankRange(L.VALUE, v(10), v(0), lb)],
  // return types
  ['$.l.[0].get(return: COUNT) == 5', Exp.eq(ListExp.getByIndex(L.COUNT, ExpType.INT, v(0), lb), v(5))],
  ['$.l.[0].get(return: EXISTS) == true', Exp.eq(ListExp.getByIndex(L.EXISTS, ExpType.BOOL, v(0), lb), v(true))],
  ['$.l.[0].get(return: INDEX) == 1', Exp.eq(ListExp.getByIndex(L.INDEX, ExpType.INT, v(0), lb), v(1))],
  ['$.l.[#0].get(return: RANK) == 0', Exp.eq(ListExp.getByRank(L.RANK, ExpType.INT, v(0), lb), v(0))],
  ['$.l.[=5].get(return: INDEX) == [0]', Exp.eq(ListExp.getByValue(L.INDEX, v(5), lb), v([0]))],
  ['$.l.[0:2].get(return: REVERSE_INDEX) == [1, 0]', Exp.eq(ListExp.getByIndexRange(L.REVERSE_INDEX, v(0), lb, [], v(2)), v([1, 0]))],
  ['$.l.[0:2].get(return: NONE) == 2', Exp.eq(ListExp.getByIndexRange(L.COUNT, v(0), lb, [], v(2)), v(2))],
  ['$.l.[0].exists()', ListExp.getByIndex(L.EXISTS, ExpType.BOOL, v(0), lb)],
  ['$.m.a.exists()', MapExp.getByKey(M.EXISTS, ExpType.BOOL, v('a'), mb)],
  // casts
  ['$.l.[0].asInt() == 2', Exp.eq(Exp.toInt(ListExp.getByIndex(L.VALUE, ExpType.FLOAT, v(0), lb)), v(2))],
  ['$.m.a.asFloat() > 1.5', Exp.gt(Exp.toFloat(MapExp.getByKey(M.VALUE, ExpType.INT, v('a'), mb)), new ExpNode((w) => w.writeDouble(1.5)))],
  // maps
  ['$.m.a == 200', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.INT, v('a'), mb), v(200))],
  ['$.m.a == "x"', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.STRING, v('a'), mb), v('x'))],
  ["$.m.'a b' == 1", Exp.eq(MapExp.getByKey(M.VALUE, ExpType.INT, v('a b'), mb), v(1))],
  ['$.m."1" == 1', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.INT, v('1'), mb), v(1))],
  ['$.m.in == 1', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.INT, v('in'), mb), v(1))],
  ['$.m.a.b.c == 1', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.INT, v('c'), mb, [Ctx.mapKey('a'), Ctx.mapKey('b')]), v(1))],
  ['$.m.a.[0] == 1', Exp.eq(ListExp.getByIndex(L.VALUE, ExpType.INT, v(0), mb, [Ctx.mapKey('a')]), v(1))],
  ['$.m.a.[0].b == "q"', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.STRING, v('b'), mb, [Ctx.mapKey('a'), Ctx.listIndex(0)]), v('q'))],
  ['$.l.[0].a == 1', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.INT, v('a'), lb, [Ctx.listIndex(0)]), v(1))],
  ['$.m.{0} == 1', Exp.eq(MapExp.getByIndex(M.VALUE, ExpType.INT, v(0), mb), v(1))],
  ['$.m.{-1} == "z"', Exp.eq(MapExp.getByIndex(M.VALUE, ExpType.STRING, v(-1), mb), v('z'))],
  ['$.m.{#-1} == 9', Exp.eq(MapExp.getByRank(M.VALUE, ExpType.INT, v(-1), mb), v(9))],
  ['$.m.{=5} == [5]', Exp.eq(MapExp.getByValue(M.VALUE, v(5), mb), v([5]))],
  ['$.m.{=5}.get(return: KEY) == ["a"]', Exp.eq(MapExp.getByValue(M.KEY, v(5), mb), v(['a']))],
  ['$.m.{0}.get(return: KEY) == "a"', Exp.eq(MapExp.getByIndex(M.KEY, ExpType.STRING, v(0), mb), v('a'))],
  ['$.m.{0}.get(type: INT) == 1', Exp.eq(MapExp.getByIndex(M.VALUE, ExpType.INT, v(0), mb), v(1))],
  ['$.m.{1}.{#0} == 1', Exp.eq(MapExp.getByRank(M.VALUE, ExpType.INT, v(0), mb, [Ctx.mapIndex(1)]), v(1))],
  ['$.m.{#0}.a == 1', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.INT, v('a'), mb, [Ctx.mapRank(0)]), v(1))],
  ['$.m.{=5}.a == 1', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.INT, v('a'), mb, [Ctx.mapValue(5)]), v(1))],
  ['$.m.{a-c}', MapExp.getByKeyRange(M.VALUE, v('a'), v('c'), mb)],
  ['$.m.{!a-c}', MapExp.getByKeyRange(M.VALUE | INV, v('a'), v('c'), mb)],
  ['$.m.{a-}', MapExp.getByKeyRange(M.VALUE, v('a'), null, mb)],
  ['$.m.{"a"-"c"}', MapExp.getByKeyRange(M.VALUE, v('a'), v('c'), mb)],
  ['$.m.{a,b,c}', MapExp.getByKeyList(M.VALUE, v(['a', 'b', 'c']), mb)],
  ['$.m.{a}', MapExp.getByKeyList(M.VALUE, v(['a']), mb)],
  ['$.m.{!a,b,c}', MapExp.getByKeyList(M.VALUE | INV, v(['a', 'b', 'c']), mb)],
  ['$.m.{1:3}', MapExp.getByIndexRange(M.VALUE, v(1), mb, [], v(2))],
  ['$.m.{!1:3}', MapExp.getByIndexRange(M.VALUE | INV, v(1), mb, [], v(2))],
  ['$.m.{-1:}', MapExp.getByIndexRange(M.VALUE, v(-1), mb)],
  ['$.m.{=a,b}', MapExp.getByValueList(M.VALUE, v(['a', 'b']), mb)],
  ['$.m.{!=a,b}', MapExp.getByValueList(M.VALUE | INV, v(['a', 'b']), mb)],
  ['$.m.{=1:5}', MapExp.getByValueRange(M.VALUE, v(1), v(5), mb)],
  ['$.m.{!=1:5}', MapExp.getByValueRange(M.VALUE | INV, v(1), v(5), mb)],
  ['$.m.{=1:}', MapExp.getByValueRange(M.VALUE, v(1), null, mb)],
  ['$.m.{#0:2}', MapExp.getByRankRange(M.VALUE, v(0), mb, [], v(2))],
  ['$.m.{!#0:2}', MapExp.getByRankRange(M.VALUE | INV, v(0), mb, [], v(2))],
  ['$.m.{#-2:}', MapExp.getByRankRange(M.VALUE, v(-2), mb)],
  ['$.m.{#-1:1~10}', MapExp.getByValueRelativeRankRange(M.VALUE, v(10), v(-1), mb, [], v(2))],
  ['$.m.{!#-1:1~10}', MapExp.getByValueRelativeRankRange(M.VALUE | INV, v(10), v(-1), mb, [], v(2))],
  ['$.m.{#-1:~10}', MapExp.getByValueRelativeRankRange(M.VALUE, v(10), v(-1), mb)],
  ['$.m.{0:1~a}', MapExp.getByKeyRelativeIndexRange(M.VALUE, v('a'), v(0), mb, [], v(1))],
  ['$.m.{!0:1~a}', MapExp.getByKeyRelativeIndexRange(M.VALUE | INV, v('a'), v(0), mb, [], v(1))],
  ['$.m.{0:~a}', MapExp.getByKeyRelativeIndexRange(M.VALUE, v('a'), v(0), mb)],
  ['$.m.{a-c}.count() > 1', Exp.gt(MapExp.getByKeyRange(M.COUNT, v('a'), v('c'), mb), v(1))],
  ['$.m.{a,b}.get(return: KEY_VALUE) == {}', Exp.eq(MapExp.getByKeyList(M.KEY_VALUE, v(['a', 'b']), mb), v(new Map()))],
  ['$.m.{a,b}.get(return: UNORDERED_MAP) == {}', Exp.eq(MapExp.getByKeyList(M.UNORDERED_MAP, v(['a', 'b']), mb), v(new Map()))],
  ['$.m.{a,b}.get(return: ORDERED_MAP) == {}', Exp.eq(MapExp.getByKeyList(M.ORDERED_MAP, v(['a', 'b']), mb), v(new Map()))],
  ['$.m.x.{a-c}.count() == 0', Exp.eq(MapExp.getByKeyRange(M.COUNT, v('a'), v('c'), mb, [Ctx.mapKey('x')]), v(0))],
  // spacing inside parts
  ['$.l.[ 0 ] == 1', Exp.eq(ListExp.getByIndex(L.VALUE, ExpType.INT, v(0), lb), v(1))],
  ['$.m.{ a , b }', MapExp.getByKeyList(M.VALUE, v(['a', 'b']), mb)],
  // paths in larger expressions
  ['$.l.[0] + $.l.[1] == 3', Exp.eq(Exp.add(ListExp.getByIndex(L.VALUE, ExpType.INT, v(0), lb), ListExp.getByIndex(L.VALUE, ExpType.INT, v(1), lb)), v(3))],
  ['$.m.a > 1 and $.m.b == "x"', Exp.and(Exp.gt(MapExp.getByKey(M.VALUE, ExpType.INT, v('a'), mb), v(1)), Exp.eq(MapExp.getByKey(M.VALUE, ExpType.STRING, v('b'), mb), v('x')))],
  ['$.l.[0] > 1.5', Exp.gt(ListExp.getByIndex(L.VALUE, ExpType.FLOAT, v(0), lb), new ExpNode((w) => w.writeDouble(1.5)))],
  ['$.l.count() > 2 and $.a == 1', Exp.and(Exp.gt(ListExp.size(lb), v(2)), Exp.eq(Exp.intBin('a'), v(1)))],
  ['not($.m.a.exists())', Exp.not(MapExp.getByKey(M.EXISTS, ExpType.BOOL, v('a'), mb))],
  ['$.m.a == ?0', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.INT, v('a'), mb), v(3))],
  // in
  ['5 in $.l', ListExp.getByValue(L.EXISTS, v(5), lb)],
  ['$.a in $.l', ListExp.getByValue(L.EXISTS, Exp.intBin('a'), lb)],
  ['"gold" in ["gold", "silver"]', ListExp.getByValue(L.EXISTS, v('gold'), v(['gold', 'silver']))],
  ['100 in [100, 200, 300]', ListExp.getByValue(L.EXISTS, v(100), v([100, 200, 300]))],
  ['true in [true, false]', ListExp.getByValue(L.EXISTS, v(true), v([true, false]))],
  ['$.s in ["a", "b"]', ListExp.getByValue(L.EXISTS, Exp.stringBin('s'), v(['a', 'b']))],
  ['$.m.a in [1, 2]', ListExp.getByValue(L.EXISTS, MapExp.getByKey(M.VALUE, ExpType.INT, v('a'), mb), v([1, 2]))],
  ['$.a in ?0', ListExp.getByValue(L.EXISTS, Exp.intBin('a'), v([3]))],
  // let
  ['let (x = 1, y = ${x} + 1) then (${x} + ${y})', Exp.let(Exp.def('x', v(1)), Exp.def('y', Exp.add(Exp.var('x'), v(1))), Exp.add(Exp.var('x'), Exp.var('y')))],
  ['let(x = 1, y = ${x} + 1) then(${x} + ${y})', Exp.let(Exp.def('x', v(1)), Exp.def('y', Exp.add(Exp.var('x'), v(1))), Exp.add(Exp.var('x'), Exp.var('y')))],
  ['let (a = $.n * 2) then (${a} > 10)', Exp.let(Exp.def('a', Exp.mul(Exp.intBin('n'), v(2))), Exp.gt(Exp.var('a'), v(10)))],
  ['let (c = $.l.count()) then (${c} >= 1 and ${c} <= 3)', Exp.let(Exp.def('c', ListExp.size(lb)), Exp.and(Exp.ge(Exp.var('c'), v(1)), Exp.le(Exp.var('c'), v(3))))],
  // literal casts
  ['28.asFloat() == 28.0', Exp.eq(Exp.toFloat(v(28)), new ExpNode((w) => w.writeDouble(28)))],
  ['27.5.asInt() == 27', Exp.eq(Exp.toInt(new ExpNode((w) => w.writeDouble(27.5))), v(27))],
  // integer map keys (bare digits), string keys when quoted
  ['$.m.42 == 100', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.INT, v(42), mb), v(100))],
  ['$.m.0xff == 100', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.INT, v(255), mb), v(100))],
  ['$.m.0b101 == 100', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.INT, v(5), mb), v(100))],
  ['$.m.+5 == 100', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.INT, v(5), mb), v(100))],
  ['$.m.-3 == 100', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.INT, v(-3), mb), v(100))],
  ['$.m."42" == "x"', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.STRING, v('42'), mb), v('x'))],
  ['$.m.1abc == 1', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.INT, v('1abc'), mb), v(1))],
  ['$.m.{1-5}', MapExp.getByKeyRange(M.VALUE, v(1), v(5), mb)],
  ['$.m.{1-}', MapExp.getByKeyRange(M.VALUE, v(1), null, mb)],
  ['$.m.{1,2,3}', MapExp.getByKeyList(M.VALUE, v([1, 2, 3]), mb)],
  ['$.m.{!1,2}', MapExp.getByKeyList(M.VALUE | INV, v([1, 2]), mb)],
  ['$.m.7.x == 1', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.INT, v('x'), mb, [Ctx.mapKey(7)]), v(1))],
  ['$.m.{0:2~7}', MapExp.getByKeyRelativeIndexRange(M.VALUE, v(7), v(0), mb, [], v(2))],
  // bin names: @ and quoted names
  ['$.name@host == 1', Exp.eq(Exp.intBin('name@host'), v(1))],
  ['$."my-bin" == "x"', Exp.eq(Exp.stringBin('my-bin'), v('x'))],
  ["$.'my bin'.[0] == 1", Exp.eq(ListExp.getByIndex(L.VALUE, ExpType.INT, v(0), Exp.listBin('my bin')), v(1))],
  // HyperLogLog read functions
  ['$.h.hllCount() > 1000', Exp.gt(HllExp.getCount(Exp.hllBin('h')), v(1000))],
  ['$.h.hllDescribe() == [14, 0]', Exp.eq(HllExp.describe(Exp.hllBin('h')), v([14, 0]))],
  ["$.h.hllMayContain(['alice', 'bob']) == 1", Exp.eq(HllExp.mayContain(v(['alice', 'bob']), Exp.hllBin('h')), v(1))],
  ['$.h.hllMayContain($.names) == 1', Exp.eq(HllExp.mayContain(Exp.listBin('names'), Exp.hllBin('h')), v(1))],
  ['$.h.hllUnionCount($.a) > 50', Exp.gt(HllExp.getUnionCount(Exp.hllBin('a'), Exp.hllBin('h')), v(50))],
  ['$.h.hllIntersectCount($.a) > 100', Exp.gt(HllExp.getIntersectCount(Exp.hllBin('a'), Exp.hllBin('h')), v(100))],
  ['$.h.hllSimilarity($.a) >= 0.8', Exp.ge(HllExp.getSimilarity(Exp.hllBin('a'), Exp.hllBin('h')), new ExpNode((w) => w.writeDouble(0.8)))],
  ['$.h.hllUnion($.a) == $.b', Exp.eq(HllExp.getUnion(Exp.hllBin('a'), Exp.hllBin('h')), Exp.hllBin('b'))],
  ['$.h.hllUnionCount(?0) > 5', Exp.gt(HllExp.getUnionCount(v([3]), Exp.hllBin('h')), v(5))],
  // unknown / error, unary plus, leading-dot floats, signed casts
  ["when ($.r == 'admin' => $.t, default => unknown) == 1", Exp.eq(Exp.cond(Exp.eq(Exp.stringBin('r'), v('admin')), Exp.intBin('t'), Exp.unknown()), v(1))],
  ["when ($.r == 'admin' => $.t, default => error) == 1", Exp.eq(Exp.cond(Exp.eq(Exp.stringBin('r'), v('admin')), Exp.intBin('t'), Exp.unknown()), v(1))],
  ['+$.a == 1', Exp.eq(Exp.intBin('a'), v(1))],
  ['$.f > .5', Exp.gt(Exp.floatBin('f'), new ExpNode((w) => w.writeDouble(0.5)))],
  ['.37.asInt() == 0', Exp.eq(Exp.toInt(new ExpNode((w) => w.writeDouble(0.37))), v(0))],
  ['-5.asFloat() == -5.0', Exp.eq(Exp.toFloat(v(-5)), new ExpNode((w) => w.writeDouble(-5)))],
  ['-5.5.asInt() == -5', Exp.eq(Exp.toInt(new ExpNode((w) => w.writeDouble(-5.5))), v(-5))],
  ['0.asFloat() == 0.0', Exp.eq(Exp.toFloat(v(0)), new ExpNode((w) => w.writeDouble(0)))],
  // more facts from the reference tests
  ['$.m.a.get(type: INT, return: VALUE) == 200', Exp.eq(MapExp.getByKey(M.VALUE, ExpType.INT, v('a'), mb), v(200))],
  ['$.m.a.bb.bcc > 200', Exp.gt(MapExp.getByKey(M.VALUE, ExpType.INT, v('bcc'), mb, [Ctx.mapKey('a'), Ctx.mapKey('bb')]), v(200))],
  ['$.m.a."bb".bcc.get(type: INT) > 200', Exp.gt(MapExp.getByKey(M.VALUE, ExpType.INT, v('bcc'), mb, [Ctx.mapKey('a'), Ctx.mapKey('bb')]), v(200))],
  ["$.m.a.'bb'.bcc.get(type: INT) > 200", Exp.gt(MapExp.getByKey(M.VALUE, ExpType.INT, v('bcc'), mb, [Ctx.mapKey('a'), Ctx.mapKey('bb')]), v(200))],
  ['$.m.count() > 200', Exp.gt(ListExp.size(Exp.listBin('m')), v(200))],
  ['$.m.a.b.{}.count() == 200', Exp.eq(MapExp.size(MapExp.getByKey(M.VALUE, ExpType.MAP, v('b'), mb, [Ctx.mapKey('a')])), v(200))],
  ['$.m.a.b.count() == 200', Exp.eq(ListExp.size(MapExp.getByKey(M.VALUE, ExpType.LIST, v('b'), mb, [Ctx.mapKey('a')])), v(200))],
  ['$.m.{0}.get(type: INT, return: VALUE) == 100', Exp.eq(MapExp.getByIndex(M.VALUE, ExpType.INT, v(0), mb), v(100))],
  ['$.m.{=100}.get(type: INT) == 100', Exp.eq(MapExp.getByValue(M.VALUE, v(100), mb), v(100))],
  ['$.m.{=100}.count() > 0', Exp.gt(MapExp.getByValue(M.COUNT, v(100), mb), v(0))],
  ['$.m.{=100}.{}.count() > 0', Exp.gt(MapExp.getByValue(M.COUNT, v(100), mb), v(0))],
  ['$.l.[=100].[].count() > 0', Exp.gt(ListExp.getByValue(L.COUNT, v(100), lb), v(0))],
  ['$.m.{#-2147483648} == 100', Exp.eq(MapExp.getByRank(M.VALUE, ExpType.INT, v(-2147483648), mb), v(100))],
  ['$.m.a.{#-1}.get(type: INT) == 100', Exp.eq(MapExp.getByRank(M.VALUE, ExpType.INT, v(-1), mb, [Ctx.mapKey('a')]), v(100))],
  ['$.m.{5}.{#-1} == "s"', Exp.eq(MapExp.getByRank(M.VALUE, ExpType.STRING, v(-1), mb, [Ctx.mapIndex(5)]), v('s'))],
  ['$.s.get(type: STRING, return: VALUE) == "x"', Exp.eq(Exp.stringBin('s'), v('x'))],
  ['$.name IN ["Bob"]', ListExp.getByValue(L.EXISTS, Exp.stringBin('name'), v(['Bob']))],
  ['$.name In ["Bob"]', ListExp.getByValue(L.EXISTS, Exp.stringBin('name'), v(['Bob']))],
  ['-9223372036854775808 == $.a', Exp.eq(v(-(2n ** 63n)), Exp.intBin('a'))],
  ['-9223372036854775808.asFloat() < 0.0', Exp.lt(Exp.toFloat(v(-(2n ** 63n))), new ExpNode((w) => w.writeDouble(0)))],
  // explicit HLL / BLOB types
  ['$.h.get(type: HLL) == $.h2.get(type: HLL)', Exp.eq(Exp.hllBin('h'), Exp.hllBin('h2'))],
  ['$.l.[0].get(type: BLOB) == $.b.get(type: BLOB)', Exp.eq(ListExp.getByIndex(L.VALUE, ExpType.BLOB, v(0), lb), Exp.blobBin('b'))]
];

/** Generated: every comparison operator × list/map single-element selector × literal type. */
const OPS: Array<[string, (a: ExpNode, b: ExpNode) => ExpNode]> = [
  ['==', Exp.eq],
  ['!=', Exp.ne],
  ['>', Exp.gt],
  ['>=', Exp.ge],
  ['<', Exp.lt],
  ['<=', Exp.le]
];
const LITS: Array<[string, ExpType, ExpNode]> = [
  ['7', ExpType.INT, v(7)],
  ["'t'", ExpType.STRING, v('t')],
  ['2.5', ExpType.FLOAT, new ExpNode((w) => w.writeDouble(2.5))]
];
const SELECTORS: Array<[string, (t: ExpType) => ExpNode]> = [
  ['$.l.[2]', (t) => ListExp.getByIndex(L.VALUE, t, v(2), lb)],
  ['$.l.[#1]', (t) => ListExp.getByRank(L.VALUE, t, v(1), lb)],
  ['$.m.k', (t) => MapExp.getByKey(M.VALUE, t, v('k'), mb)],
  ['$.m.{3}', (t) => MapExp.getByIndex(M.VALUE, t, v(3), mb)],
  ['$.m.{#-2}', (t) => MapExp.getByRank(M.VALUE, t, v(-2), mb)],
  ['$.m.k.[1]', (t) => ListExp.getByIndex(L.VALUE, t, v(1), mb, [Ctx.mapKey('k')])],
  ['$.l.[1].k', (t) => MapExp.getByKey(M.VALUE, t, v('k'), lb, [Ctx.listIndex(1)])]
];
for (const [sel, mk] of SELECTORS) for (const [op, f] of OPS) for (const [lit, t, ln] of LITS) cases.push([`${sel} ${op} ${lit}`, f(mk(t), ln)]);

describe('AEL collection paths compile to the builders’ trees', () => {
  it.each(cases)('%s', (text, expected) => {
    const args = text.includes('?0') ? [text.includes(' in ') || text.includes('.hll') ? [3] : 3] : [];
    expect(parseAel(text, ...args).toBytes().toString('hex')).toBe(hex(expected));
  });
});

/** [text, message pattern, zero-based column]. */
const errors: Array<[string, RegExp, number]> = [
  ['$.l.[stringValue] == 100', /expected an index, #rank or =value/, 5],
  ['$.l.[0 == 1', /expected '\]'/, 7],
  ['$.m.{a == 1', /expected '\}'/, 7],
  ['$.l.[#] == 1', /expected a rank/, 6],
  ['$.l.[!0] == 1', /inverted index selector needs a range/, 7],
  ['$.l.[!#0] == 1', /inverted rank selector needs a range/, 8],
  ['$.l.[!=0] == 1', /inverted value selector needs a list or a range/, 8],
  ['$.l.[#0x1] == 1', /only decimal integers/, 6],
  ['$.l.[1:3].[0] == 1', /ranges and lists must come last/, 4],
  ['$.m.{a,b}.x == 1', /ranges and lists must come last/, 4],
  ['$.l.[0].get(type: NUMBER) == 1', /unknown type 'NUMBER'/, 18],
  ['$.l.[0].get(return: ALL) == 1', /unknown return type 'ALL'/, 20],
  ['$.l.[0].get(kind: INT) == 1', /expected 'type' or 'return'/, 12],
  ['$.l.[0].remove() == 1', /unsupported path function 'remove\(\)'/, 8],
  ['$.l.[0].get(return: KEY) == 1', /return type KEY applies to maps only/, 8],
  ['$.l.get(return: COUNT) == 1', /needs a path into the list/, 4],
  ['$.l. == 1', /expected a map key/, 5],
  ["$.m.'a == 1", /unclosed string/, 4],
  ['$.l.[99999999999999999999] == 1', /out of range/, 5],
  ['9223372036854775808 == 0', /outside the signed 64-bit range/, 0],
  ['-9223372036854775809 == 0', /outside the signed 64-bit range/, 0],
  ['0x8000000000000001 == 0', /outside the signed 64-bit range/, 0],
  ['$.m == {[1]: 2}', /a map key must be an integer or a string/, 8],
  ['$.l.[0].hllCount() > 1', /applies to an HLL bin itself/, 8],
  ['$.h.hllCount(1) > 1', /hllCount\(\) takes no arguments/, 0],
  ['$.h.hllUnion() == $.b', /hllUnion\(\) takes one argument/, 0],
  ['${x} == 1', /variable 'x' is not defined/, 0],
  ['let (x = 1) then (${y} == 1)', /variable 'y' is not defined/, 18],
  ['let (x = 1) (${x} == 1)', /expected 'then'/, 12],
  ['let (1 = 1) then (1)', /expected a variable name/, 5],
  ['$.a in 5', /'in' needs a list on its right/, 4],
  ['$.m.a > "x" and $.m.a < 5', /bin 'm.a' is used as string and as int/, 16],
  ['$.l.[0] == 1 and $.l.[0] == "x"', /is used as int and as string/, 17]
];

describe('AEL path errors give what was expected and the column', () => {
  it.each(errors)('%s', (text, msg, col) => {
    let err: unknown;
    try {
      parseAel(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AelError);
    expect((err as AelError).message).toMatch(msg);
    expect((err as AelError).column).toBe(col);
    expect((err as AelError).message).toContain(`\n  ${text}\n  ${' '.repeat(col)}^`);
  });
});
