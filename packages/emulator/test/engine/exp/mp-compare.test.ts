import { INFINITY, packValue, WILDCARD } from '@aerospike-ts/core';
import { mpCompare } from '../../../src/engine/exp/mp-compare';

const pack = (v: unknown): Buffer => packValue(v, 'value', { allowSpecial: true, keyOrderedMaps: false });
const order = (a: unknown, b: unknown): string => mpCompare(pack(a), pack(b)).order;

describe('the server ordering of msgpack values', () => {
  it('orders types: nil < bool < int < string < list < map < blob < double', () => {
    const ladder: unknown[] = [null, false, true, -5, 3, 'a', [1], new Map([[1, 1]]), Buffer.from([1]), 1.5];
    for (let i = 0; i + 1 < ladder.length; i++) {
      expect(order(ladder[i], ladder[i + 1])).toBe('less');
      expect(order(ladder[i + 1], ladder[i])).toBe('greater');
    }
  });

  it('compares within a type', () => {
    expect(order(-10, -2)).toBe('less');
    expect(order(2 ** 40, 7)).toBe('greater');
    expect(order('ab', 'abc')).toBe('less');
    expect(order('b', 'abc')).toBe('greater');
    expect(order(0.5, 0.25)).toBe('greater');
    expect(order([1, 2], [1, 2])).toBe('equal');
    expect(order([1, 2], [1, 2, 0])).toBe('less');
    expect(order([[1, 9]], [[2]])).toBe('less');
  });

  it('a wildcard ends the comparison as equal; infinity is above everything', () => {
    expect(order([1, WILDCARD], [1, 'x', 3])).toBe('equal');
    expect(order([0, WILDCARD], [1, 'x'])).toBe('less');
    expect(order(INFINITY, [1e9])).toBe('greater');
  });

  it('flags maps without key order, which expressions then treat as incomparable', () => {
    expect(mpCompare(pack(new Map([['a', 1]])), pack(new Map([['a', 1]]))).unorderedMap).toBe(true);
    expect(mpCompare(packValue({ a: 1 }, 'map'), packValue({ a: 1 }, 'map')).unorderedMap).toBe(false);
    expect(mpCompare(packValue({ a: 1 }, 'map'), packValue({ a: 1 }, 'map')).order).toBe('equal');
    expect(mpCompare(Buffer.from([0x92, 0x01]), pack([1])).order).toBe('error');
  });
});
