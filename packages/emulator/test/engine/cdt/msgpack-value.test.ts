import { WILDCARD, packValue } from '@aerospike-ts/core';
import { compare, packInt, packUint } from '../../../src/engine/cdt/msgpack-value';
import { rewriteValue } from '../../../src/engine/cdt/normalize';
import { storedCdtValue } from '../../../src/engine/cdt/index';

const p = (v: unknown): Buffer => packValue(v, 'test', { allowSpecial: true });
const h = (hex: string): Buffer => Buffer.from(hex, 'hex');

describe('the server value order', () => {
  it('orders classes nil < bool < int < string < list < map < bytes < double', () => {
    const ordered = [null, false, true, -5, 0, 3, '', 'a', 'b', [], [0], new Map([['a', 1]]), Buffer.from([0]), -1.5, 2.5];
    for (let i = 1; i < ordered.length; i++) expect(compare(p(ordered[i - 1]), p(ordered[i]))).toBe(-1);
  });

  it('compares integers by value whatever their encoding, strings bytewise then by length', () => {
    expect(compare(h('d005'), h('05'))).toBe(0);
    expect(compare(h('cfffffffffffffffff'), h('ce00000001'))).toBe(1);
    expect(compare(p('ab'), p('b'))).toBe(-1);
    expect(compare(p('a'), p('ab'))).toBe(-1);
  });

  it('compares lists element by element then by length, maps by size first', () => {
    expect(compare(p([1, 2]), p([1, 2, 0]))).toBe(-1);
    expect(compare(p([2]), p([1, 9, 9]))).toBe(1);
    expect(compare(p(new Map([['z', 1]])), p(new Map([['a', 1], ['b', 1]])))).toBe(-1);
  });

  it('a wildcard matches anything, at any depth', () => {
    expect(compare(p(WILDCARD), p([1, 2]))).toBe(0);
    expect(compare(p(['a', WILDCARD]), p(['a', 5, 6]))).toBe(0);
    expect(compare(p(['a', WILDCARD]), p(['b', 5]))).toBe(-1);
  });

  it('packs integers in their smallest form', () => {
    expect(packInt(-1n).toString('hex')).toBe('ff');
    expect(packInt(-33n).toString('hex')).toBe('d0df');
    expect(packInt(200n).toString('hex')).toBe('ccc8');
    expect(packUint(2n ** 64n - 1n).toString('hex')).toBe('cfffffffffffffffff');
  });
});

describe('stored form of values', () => {
  it('compacts encodings and sorts unordered maps by key', () => {
    expect(rewriteValue(h('92d005d9020361'))?.toString('hex')).toBe('9205a20361');
    expect(rewriteValue(h('82a2036202a2036101'))?.toString('hex')).toBe('82a2036101a2036202');
  });

  it('refuses duplicate keys, bad keys, unsorted ordered containers and wildcards', () => {
    expect(rewriteValue(h('82a2036101a2036102'))).toBeUndefined();
    expect(rewriteValue(h('81c301'))).toBeUndefined();
    expect(rewriteValue(h('83c70001c0a2036202a2036101'))).toBeUndefined();
    expect(rewriteValue(h('93c700010201'))).toBeUndefined();
    expect(rewriteValue(h('91d4ff00'))).toBeUndefined();
  });

  it('storedCdtValue checks the particle type against the bytes', () => {
    expect(storedCdtValue({ type: 19, data: h('82a2036202a2036101') })?.data.toString('hex')).toBe('82a2036101a2036202');
    expect(storedCdtValue({ type: 20, data: h('80') })).toBeUndefined();
  });
});
