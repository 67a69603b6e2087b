import { parseAel } from '../../src/ael/compile';
import { AelError } from '../../src/ael/ael-error';
import { Exp, ExpNode, type Expression } from '../../src/exp/exp';
import { InvalidArgumentError } from '../../src/errors/client-errors';
import { GeoJSON } from '../../src/values/geojson';
import { ListExp } from '../../src/ael/cdt-exp';
import { ListReturnType } from '../../src/ops/list-operations';

const hex = (e: Expression): string => e.toBytes().toString('hex');
const b = (n: ExpNode): string => hex(Exp.build(n));
const f = (v: number): ExpNode => new ExpNode((w) => w.writeDouble(v));

describe('AEL compiles to the same tree as the builders', () => {
  it.each<[string, ExpNode]>([
    ['$.age >= 18', Exp.ge(Exp.intBin('age'), Exp.val(18))],
    ["$.name == 'Tim'", Exp.eq(Exp.stringBin('name'), Exp.val('Tim'))],
    ['$.name == "Tim"', Exp.eq(Exp.stringBin('name'), Exp.val('Tim'))],
    ["$.age >= 18 and $.name == 'Tim'", Exp.and(Exp.ge(Exp.intBin('age'), Exp.val(18)), Exp.eq(Exp.stringBin('name'), Exp.val('Tim')))],
    ['$.a > 1 and $.b > 2 and $.c > 3', Exp.and(Exp.gt(Exp.intBin('a'), Exp.val(1)), Exp.gt(Exp.intBin('b'), Exp.val(2)), Exp.gt(Exp.intBin('c'), Exp.val(3)))],
    ['$.a > 1 or $.b > 2 and $.c > 3', Exp.or(Exp.gt(Exp.intBin('a'), Exp.val(1)), Exp.and(Exp.gt(Exp.intBin('b'), Exp.val(2)), Exp.gt(Exp.intBin('c'), Exp.val(3))))],
    ['($.a > 1 or $.b > 2) and $.c > 3', Exp.and(Exp.or(Exp.gt(Exp.intBin('a'), Exp.val(1)), Exp.gt(Exp.intBin('b'), Exp.val(2))), Exp.gt(Exp.intBin('c'), Exp.val(3)))],
    ['not $.a == 1', Exp.not(Exp.eq(Exp.intBin('a'), Exp.val(1)))],
    ['not($.a == 1)', Exp.not(Exp.eq(Exp.intBin('a'), Exp.val(1)))],
    ['$.price < 9.5', Exp.lt(Exp.floatBin('price'), f(9.5))],
    ['$.price < 10.0', Exp.lt(Exp.floatBin('price'), f(10))],
    ['$.ok == true', Exp.eq(Exp.boolBin('ok'), Exp.val(true))],
    ['$.a + 5 > 10', Exp.gt(Exp.add(Exp.intBin('a'), Exp.val(5)), Exp.val(10))],
    ['$.a + $.b * 2 == 7', Exp.eq(Exp.add(Exp.intBin('a'), Exp.mul(Exp.intBin('b'), Exp.val(2))), Exp.val(7))],
    ['$.a - 1 - 2 == 0', Exp.eq(Exp.sub(Exp.sub(Exp.intBin('a'), Exp.val(1)), Exp.val(2)), Exp.val(0))],
    ['$.a % 3 == 0', Exp.eq(Exp.mod(Exp.intBin('a'), Exp.val(3)), Exp.val(0))],
    ['2 ** 3 ** 2 == $.a', Exp.eq(Exp.pow(Exp.val(2), Exp.pow(Exp.val(3), Exp.val(2))), Exp.intBin('a'))],
    ['$.flags & 4 != 0', Exp.ne(Exp.intAnd(Exp.intBin('flags'), Exp.val(4)), Exp.val(0))],
    ['$.a << 2 == 8', Exp.eq(Exp.lshift(Exp.intBin('a'), Exp.val(2)), Exp.val(8))],
    ['$.a >> 1 == 2', Exp.eq(Exp.arshift(Exp.intBin('a'), Exp.val(1)), Exp.val(2))],
    ['$.a >>> 1 == 2', Exp.eq(Exp.rshift(Exp.intBin('a'), Exp.val(1)), Exp.val(2))],
    ['$.a == 0x1F', Exp.eq(Exp.intBin('a'), Exp.val(31))],
    ['$.a == 0b101', Exp.eq(Exp.intBin('a'), Exp.val(5))],
    ['$.a == -5', Exp.eq(Exp.intBin('a'), Exp.val(-5))],
    ['$.a == 9223372036854775807', Exp.eq(Exp.intBin('a'), Exp.val(2n ** 63n - 1n))],
    ['$.x.asFloat() > 1', Exp.gt(Exp.floatBin('x'), Exp.val(1))],
    ['$.x.get(type: STRING) == "a"', Exp.eq(Exp.stringBin('x'), Exp.val('a'))],
    ['$.x.exists()', Exp.binExists('x')],
    ['$.ttl() < 3600', Exp.lt(Exp.ttl(), Exp.val(3600))],
    ['$.sinceUpdate() > 100', Exp.gt(Exp.sinceUpdate(), Exp.val(100))],
    ["$.setName() == 'users'", Exp.eq(Exp.setName(), Exp.val('users'))],
    ['$.keyExists()', Exp.keyExists()],
    ['$.digestModulo(3) == 1', Exp.eq(Exp.digestModulo(3), Exp.val(1))],
    ['$.recordSize() > 1024', Exp.gt(Exp.recordSize(), Exp.val(1024))],
    ['$.isTombstone() == false', Exp.eq(Exp.isTombstone(), Exp.val(false))],
    ['abs($.a) > 3', Exp.gt(Exp.abs(Exp.intBin('a')), Exp.val(3))],
    ['max($.a, $.b) == 4', Exp.eq(Exp.max(Exp.intBin('a'), Exp.intBin('b')), Exp.val(4))],
    ['floor($.f) == 2.0', Exp.eq(Exp.floor(Exp.floatBin('f')), f(2))],
    ['countOneBits($.m) == 2', Exp.eq(Exp.count(Exp.intBin('m')), Exp.val(2))],
    ["$.color in ['red', 'blue']", ListExp.getByValue(ListReturnType.EXISTS, Exp.stringBin('color'), Exp.val(['red', 'blue']))],
    ['$.tags == [1, 2]', Exp.eq(Exp.listBin('tags'), Exp.val([1, 2]))],
    ['exclusive($.a == 1, $.b == 2)', Exp.exclusive(Exp.eq(Exp.intBin('a'), Exp.val(1)), Exp.eq(Exp.intBin('b'), Exp.val(2)))],
    ['$.a > $.b', Exp.gt(Exp.intBin('a'), Exp.intBin('b'))],
    [
      "when ($.a > 10 => 'big', $.a > 5 => 'mid', default => 'small') == 'big'",
      Exp.eq(Exp.cond(Exp.gt(Exp.intBin('a'), Exp.val(10)), Exp.val('big'), Exp.gt(Exp.intBin('a'), Exp.val(5)), Exp.val('mid'), Exp.val('small')), Exp.val('big'))
    ],
    // the branches share one type: $.b is read as a float because the other branch is 1.5
    ['when ($.ok == true => $.b, default => 1.5) > 1.0', Exp.gt(Exp.cond(Exp.eq(Exp.boolBin('ok'), Exp.val(true)), Exp.floatBin('b'), f(1.5)), f(1))],
    [
      `geoCompare($.loc, geoJson('{"type":"AeroCircle","coordinates":[[-122.0,37.5],50000]}'))`,
      Exp.geoCompare(Exp.geoBin('loc'), Exp.val(new GeoJSON('{"type":"AeroCircle","coordinates":[[-122.0,37.5],50000]}')))
    ],
    ['$.a == 1 && $.b == 2 || $.c == 3', Exp.or(Exp.and(Exp.eq(Exp.intBin('a'), Exp.val(1)), Exp.eq(Exp.intBin('b'), Exp.val(2))), Exp.eq(Exp.intBin('c'), Exp.val(3)))]
  ])('%s', (text, expected) => {
    expect(hex(parseAel(text))).toBe(b(expected));
  });

  it('binds placeholders', () => {
    expect(hex(parseAel('$.age >= ?0 and $.name == ?1', 21, 'Ann'))).toBe(b(Exp.and(Exp.ge(Exp.intBin('age'), Exp.val(21)), Exp.eq(Exp.stringBin('name'), Exp.val('Ann')))));
  });

  it('caches compiled text', () => {
    expect(parseAel('$.cached == 1')).toBe(parseAel('$.cached == 1'));
  });

  it('gives base64 the official clients read', () => {
    expect(parseAel('$.a == 1').toBase64()).toBe(Exp.build(Exp.eq(Exp.intBin('a'), Exp.val(1))).toBase64());
  });
});

describe('AEL errors say what was expected, where, with a caret', () => {
  it.each<[string, RegExp]>([
    ['$.a >', /expected a value but found the end at column 6/],
    ['$.a > > 1', /expected a value but found '>' at column 7/],
    ['$.a == 1 1', /expected an operator or the end but found '1' at column 10/],
    ["$.a == 'x", /unclosed string at column 8/],
    ['$.a # 1', /unexpected character '#' at column 5/],
    ['$. == 1', /expected a bin name after "\$\." at column 3/],
    ['foo(1)', /unknown name 'foo'/],
    ['$.nope() == 1', /unknown record function 'nope\(\)'/],
    ["$.a > 'x' and $.a < 5", /bin 'a' is used as string and as int/],
    ['$.a == ?1', /placeholder \?1 has no value/],
    ['($.a == 1', /expected '\)' but found the end/],
    ['when ($.a > 1 => 2)', /'when' needs a 'default => value' case last/],
    ['geoCompare($.loc, geoJson(1))', /geoJson\(\) takes one string of GeoJSON text/],
    ["geoCompare($.loc, geoJson('{nope'))", /geoJson\(\) text is not valid JSON/],
    ['when (default => 2)', /'when' needs at least one 'condition => value'/],
    ['when ($.a > 1 => 2 default => 3)', /expected ',' and more cases, ending with 'default => value' but found 'default'/]
  ])('%s', (text, msg) => {
    const err = (() => {
      try {
        parseAel(text);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(AelError);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(String((err as Error).message)).toMatch(msg);
    expect(String((err as Error).message)).toContain(`\n  ${text}\n`);
    expect(String((err as Error).message)).toMatch(/\n +\^$/);
  });
});
