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
