import { Exp } from '@aerospike-ts/core';
import { filter, record } from './exp-helpers';

const EXTENDED = 1;
const ICASE = 2;
/** glibc's REG_NEWLINE (the client's RegexFlag.NOSUB value). */
const NEWLINE = 4;
const UNSUPPORTED = 16;

const rec = record({ s: 'Hello World', ml: 'first\nsecond', u: 'caf\u00e9', nul: 'ab\u0000cd', n: 5, paren: 'World)' });
const re = (pattern: string, flags: number, bin = 's'): boolean | number => filter(Exp.regexCompare(pattern, flags, Exp.stringBin(bin)), rec);

describe('regex compare (POSIX, glibc, C locale)', () => {
  it('extended syntax: alternation, groups, quantifiers, classes', () => {
    expect(re('^Hello', EXTENDED)).toBe(true);
    expect(re('World$', EXTENDED)).toBe(true);
    expect(re('^World', EXTENDED)).toBe(false);
    expect(re('(Hi|Hello) W', EXTENDED)).toBe(true);
    expect(re('l{2}o', EXTENDED)).toBe(true);
    expect(re('l{3}', EXTENDED)).toBe(false);
    expect(re('o+ W?o', EXTENDED)).toBe(true);
    expect(re('[[:upper:]][[:lower:]]+ [[:alpha:]]+', EXTENDED)).toBe(true);
    expect(re('[^a-zA-Z ]', EXTENDED)).toBe(false);
    expect(re('a**', EXTENDED)).toBe(true);
  });

  it('basic syntax: + ? | ( ) { } are ordinary, \\( \\) \\{ \\} \\| are operators', () => {
    expect(re('l+', 0)).toBe(false);
    expect(re('l\\+', 0)).toBe(true);
    expect(re('\\(Hi\\|Hello\\) W', 0)).toBe(true);
    expect(re('l\\{2\\}', 0)).toBe(true);
    expect(re('(Hello)', 0)).toBe(false);
    expect(re('*Hello', 0)).toBe(false); // a leading * is an ordinary byte
  });

  it('case-insensitive for ASCII letters only', () => {
    expect(re('hello world', ICASE)).toBe(true);
    expect(re('hello world', 0)).toBe(false);
    expect(re('[a-z]+ [A-Z]orld', ICASE | EXTENDED)).toBe(true);
    expect(re('CAF\u00c9', ICASE, 'u')).toBe(false);
  });

  it('bytes, not characters: a UTF-8 é is two bytes', () => {
    expect(re('^caf.$', EXTENDED, 'u')).toBe(false);
    expect(re('^caf..$', EXTENDED, 'u')).toBe(true);
  });

  it('newline flag: . and [^…] stop at newlines, ^ and $ match at them', () => {
    expect(re('^second', EXTENDED, 'ml')).toBe(false);
    expect(re('^second', EXTENDED | NEWLINE, 'ml')).toBe(true);
    expect(re('first$', EXTENDED | NEWLINE, 'ml')).toBe(true);
    expect(re('first.second', EXTENDED, 'ml')).toBe(true);
    expect(re('first.second', EXTENDED | NEWLINE, 'ml')).toBe(false);
    expect(re('first[^x]second', EXTENDED | NEWLINE, 'ml')).toBe(false);
  });

  it('the subject ends at its first NUL byte', () => {
    expect(re('cd', EXTENDED, 'nul')).toBe(false);
    expect(re('^ab$', EXTENDED, 'nul')).toBe(true);
  });

  it('a missing or non-string bin is unknown', () => {
    expect(re('x', EXTENDED, 'missing')).toBe(false);
    expect(filter(Exp.not(Exp.regexCompare('x', 0, Exp.stringBin('n'))), rec)).toBe(false);
  });

  it('back-references to groups that always take part; others are not emulated', () => {
    expect(re('(l)\\1', EXTENDED)).toBe(true);
    expect(re('\\(o\\).*\\1', 0)).toBe(true);
    expect(re('(W)\\1', EXTENDED)).toBe(false);
    expect(re('(l)?\\1', EXTENDED)).toBe(UNSUPPORTED);
    expect(re('((l)*)\\2', EXTENDED)).toBe(UNSUPPORTED);
    expect(re('(l)\\1|x', EXTENDED)).toBe(UNSUPPORTED);
    expect(re('(l)\\1', EXTENDED | ICASE)).toBe(UNSUPPORTED);
    expect(re('(l)\\2', EXTENDED)).toBe(4);
  });

  it('readings checked on a server: stray ), empty alternatives, unknown escapes, bad intervals', () => {
    expect(re('d)', EXTENDED, 'paren')).toBe(true);
    expect(re('a|', EXTENDED)).toBe(true);
    expect(re('()', EXTENDED)).toBe(true);
    expect(re('\\H\\ello', EXTENDED)).toBe(true);
    expect(re('a{', EXTENDED)).toBe(4);
    expect(re('{x}', EXTENDED)).toBe(4);
    expect(re('l{,2}o', EXTENDED)).toBe(true);
    expect(re('^*', EXTENDED)).toBe(4);
    expect(re('\\)', 0)).toBe(4);
    expect(re('^\\+', 0)).toBe(false);
    expect(re('[[.l.]]{2}', EXTENDED)).toBe(true);
    expect(re('[[:alpha:]-z]', EXTENDED)).toBe(4);
  });
});
