import { parseAel } from '../../src/ael/compile';
import { AelError } from '../../src/ael/ael-error';

const TEXTS = [
  "$.age >= 18 and $.name == 'Tim'",
  '$.l.[#-3:-1~b].count() > 0 or $.m.{!a-c}.get(return: KEY_VALUE) == {}',
  '$.m.a.[0].b.{=5:}.count() >= 2',
  "let (x = $.l.[0], y = ${x} * 2) then (${y} > 3 and $.h.hllMayContain(['a']) == 1)",
  "when ($.a > 10 => 'big', default => 'small') == 'big' and 7 in $.l",
  '$.m.{0:2~k}.count() == 2 and $."my bin".{1,2}.count() == 1 and -5.asFloat() < .5',
  `geoCompare($.loc, geoJson('{"type":"Point","coordinates":[1.0,2.0]}')) and $.ttl() > 10 and $.digestModulo(3) == 1`
];

describe('every prefix of a valid filter either compiles or fails with an AelError (never another exception)', () => {
  it.each(TEXTS)('%s', (text) => {
    expect(() => parseAel(text)).not.toThrow();
    for (let n = 0; n < text.length; n++) {
      const prefix = text.slice(0, n);
      try {
        parseAel(prefix);
      } catch (e) {
        if (!(e instanceof AelError)) throw new Error(`prefix ${JSON.stringify(prefix)} threw ${String(e)}`);
        expect(e.column).toBeGreaterThanOrEqual(0);
        expect(e.column).toBeLessThanOrEqual(prefix.length);
      }
    }
  });

  it.each(TEXTS)('single-character substitutions of %s compile or fail with an AelError', (text) => {
    const odd = ['[', ']', '{', '}', '(', ')', '.', ',', ':', '=', '!', '#', '~', "'", '"', '-', '$', '?', '0', 'x', ' '];
    for (let i = 0; i < text.length; i++) {
      for (const c of odd) {
        const t = text.slice(0, i) + c + text.slice(i + 1);
        try {
          parseAel(t);
        } catch (e) {
          if (!(e instanceof AelError)) throw new Error(`${JSON.stringify(t)} threw ${String(e)}`);
        }
      }
    }
  });

  it('rejects a non-string input with an AelError', () => {
    expect(() => parseAel(42 as unknown as string)).toThrow(AelError);
  });
});

describe('hostile AEL texts (fuzz regressions)', () => {
  const expectAelError = (text: string, pattern: RegExp): void => {
    let err: unknown;
    try {
      parseAel(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AelError);
    expect((err as Error).message).toMatch(pattern);
  };

  it.each([
    ['parentheses', '('.repeat(20000) + '$.a > 1' + ')'.repeat(20000)],
    ['unary minus', '-'.repeat(50000) + '$.a > 1'],
    ['not', 'not '.repeat(5000) + '($.a > 1)'],
    ['list literal', '$.l == ' + '['.repeat(20000)],
    ['map literal', '$.m == ' + '{1:'.repeat(20000)],
    ['let', 'let (x = 1) then ('.repeat(5000)],
    ['when', 'when ($.a > 1 => '.repeat(5000)],
    ['calls', 'abs('.repeat(5000) + '$.a' + ')'.repeat(5000) + ' > 1'],
    ['right-associative power', '2' + ' ** 2'.repeat(5000) + ' > $.a']
  ])('deep nesting (%s) is an AelError, not a stack overflow', (_, text) => {
    expectAelError(text, /nested more than 256 levels deep/);
  });

  it('deep left-nested chains are an AelError, not a stack overflow', () => {
    expectAelError('$.a' + ' + 1'.repeat(3000) + ' > 0', /nested more than 1000 levels deep/);
    expectAelError(Array.from({ length: 3000 }, (_, i) => `$.a == ${i}`).join(' or '), /nested more than 1000 levels deep/);
  });

  it('nesting up to the limits still compiles', () => {
    expect(() => parseAel('('.repeat(250) + '$.a > 1' + ')'.repeat(250))).not.toThrow();
    expect(() => parseAel('$.l == ' + '['.repeat(250) + ']'.repeat(250))).not.toThrow();
    expect(() => parseAel(Array.from({ length: 990 }, (_, i) => `$.a == ${i}`).join(' or '))).not.toThrow();
    expect(() => parseAel('$.a' + ' + 1'.repeat(990) + ' > 0')).not.toThrow();
  });

  it('a long and/or chain builds each operand once (was quadratic: 1000 terms took seconds)', () => {
    // Structural check instead of timing: the compiled bytes hold each comparison once.
    const text = Array.from({ length: 900 }, (_, i) => `$.a == ${i}`).join(' or ');
    const bytes = Buffer.from(parseAel(text).toBytes());
    // [OR(17), eq, eq, …]: one array header with 901 items, then 900 comparisons
    expect(bytes.subarray(0, 3).toString('hex')).toBe('dc0385');
    expect(bytes[3]).toBe(0x11);
  });

  it('a bin name over 15 bytes is an AelError pointing at the name (was an InvalidArgumentError)', () => {
    let err: unknown;
    try {
      parseAel('$.a > 1 and $.abcdefghijklmnop == 2');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AelError);
    expect((err as AelError).message).toMatch(/bin name 'abcdefghijklmnop' is 16 bytes long; the limit is 15 bytes/);
    expect((err as AelError).column).toBe(14);
    expectAelError('$.abcdefghijklmnop.exists()', /16 bytes long/);
    expectAelError('$.abcdefghijklmnop.[0] == 1', /16 bytes long/);
    expect(() => parseAel('$.abcdefghijklmno == 2')).not.toThrow();
  });

  it('an integer outside int64 inside a list or map literal is an AelError at its column (was an InvalidArgumentError)', () => {
    let err: unknown;
    try {
      parseAel('{-92233720368547758091: 2} > $.l.[0]');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AelError);
    expect((err as AelError).message).toMatch(/integer -92233720368547758091 is outside the signed 64-bit range/);
    expect((err as AelError).column).toBe(1);
    expectAelError('$.l == [[9223372036854775808]]', /9223372036854775808 is outside/);
    expectAelError('$.l == [1, -9223372036854775809]', /-9223372036854775809 is outside/);
    expectAelError('$.m == {0x8000000000000000: 1}', /9223372036854775808 is outside/);
    expect(() => parseAel('$.l == [-9223372036854775808, 9223372036854775807]')).not.toThrow();
  });

  it.each([
    ['a float map key', '{1.51: 2} == $.m', /a map key must be an integer or a string/, 1],
    ['an integral float map key', '{1.0: 2} == $.m', /a map key must be an integer or a string/, 1],
    ['digestModulo beyond int64', '$.digestModulo(92233720368547758083) == 1', /92233720368547758083 is outside the signed 64-bit range/, 15],
    ['max() without arguments', '$.a <= max()', /max\(\) takes at least one argument/, 7],
    ['min() without arguments', 'min() > 1', /min\(\) takes at least one argument/, 0],
    ['an empty quoted bin name', '$."".{1,2}.count() == 1', /a bin name must not be empty/, 2],
    ['a lone surrogate in a string', "$.a == 'x\ud800'", /string is not valid UTF-8/, 7],
    ['a lone surrogate in a bin name', '$."\ud800" == 1', /string is not valid UTF-8/, 2],
    ['a lone surrogate in a path key', "$.m.{'\ud800'}.count() == 1", /string is not valid UTF-8/, 5],
    ['a lone surrogate in a path value', '$.l.[="\udc00"].count() == 1', /string is not valid UTF-8/, 6]
  ])('%s is an AelError at its column (fuzz regression: was an InvalidArgumentError from the expression builders)', (_, text, pattern, column) => {
    let err: unknown;
    try {
      parseAel(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AelError);
    expect((err as AelError).message).toMatch(pattern);
    expect((err as AelError).column).toBe(column);
  });

  it('integral float literals inside list and map literals stay floats (were written as integers)', () => {
    const hex = (t: string): string => Buffer.from(parseAel(t).toBytes()).toString('hex');
    expect(hex('$.l == [1.0]')).toContain('91cb3ff0000000000000');
    expect(hex('$.l == [-2.0, 3]')).toContain('92cbc00000000000000003');
    expect(hex('$.m == {1: 2.0}')).toContain('01cb4000000000000000');
    expect(hex('$.l == [1]')).toContain('9101');
  });
});
