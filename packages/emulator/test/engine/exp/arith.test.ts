import { Double, Exp } from '@aerospike-ts/core';
import { filter, floatValue, intValue, record, value } from './exp-helpers';

const OP_NOT_APPLICABLE = 26;
const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);
const d = (n: number): Double => new Double(n);
const rec = record({ i: 7, f: 2.5, big: MAX, small: MIN });

describe('integer arithmetic is 64-bit and wraps', () => {
  it('add, sub, mul, negation', () => {
    expect(intValue(Exp.add(Exp.intBin('i'), Exp.val(3), Exp.val(-20)), rec)).toBe(-10n);
    expect(intValue(Exp.sub(Exp.val(10), Exp.val(3), Exp.val(2)), rec)).toBe(5n);
    expect(intValue(Exp.sub(Exp.intBin('i')), rec)).toBe(-7n);
    expect(intValue(Exp.mul(Exp.val(3), Exp.val(-4)), rec)).toBe(-12n);
    expect(intValue(Exp.add(Exp.intBin('big'), Exp.val(1)), rec)).toBe(MIN);
    expect(intValue(Exp.sub(Exp.intBin('small'), Exp.val(1)), rec)).toBe(MAX);
    expect(intValue(Exp.mul(Exp.intBin('big'), Exp.val(2)), rec)).toBe(-2n);
    expect(intValue(Exp.sub(Exp.intBin('small')), rec)).toBe(MIN);
  });

  it('div truncates toward zero and divides once by the product of the divisors; by zero it is unknown', () => {
    expect(intValue(Exp.div(Exp.val(7), Exp.val(2)), rec)).toBe(3n);
    expect(intValue(Exp.div(Exp.val(-7), Exp.val(2)), rec)).toBe(-3n);
    expect(intValue(Exp.div(Exp.val(100), Exp.val(3), Exp.val(3)), rec)).toBe(11n);
    expect(intValue(Exp.div(Exp.val(2)), rec)).toBe(0n);
    expect(intValue(Exp.div(Exp.val(1)), rec)).toBe(1n);
    expect(value(Exp.div(Exp.val(1), Exp.val(0)), rec)).toBe(OP_NOT_APPLICABLE);
    expect(value(Exp.div(Exp.val(0)), rec)).toBe(OP_NOT_APPLICABLE);
    expect(filter(Exp.not(Exp.eq(Exp.div(Exp.intBin('i'), Exp.val(0)), Exp.val(0))), rec)).toBe(false);
  });

  it('mod keeps the sign of the dividend; by zero it is unknown', () => {
    expect(intValue(Exp.mod(Exp.val(-7), Exp.val(3)), rec)).toBe(-1n);
    expect(intValue(Exp.mod(Exp.val(7), Exp.val(-3)), rec)).toBe(1n);
    expect(value(Exp.mod(Exp.val(7), Exp.val(0)), rec)).toBe(OP_NOT_APPLICABLE);
  });

  it('abs, min, max', () => {
    expect(intValue(Exp.abs(Exp.val(-5)), rec)).toBe(5n);
    expect(intValue(Exp.abs(Exp.intBin('small')), rec)).toBe(MIN);
    expect(intValue(Exp.min(Exp.val(4), Exp.intBin('i'), Exp.val(-2)), rec)).toBe(-2n);
    expect(intValue(Exp.max(Exp.val(4), Exp.intBin('i'), Exp.val(-2)), rec)).toBe(7n);
  });

  it('an unknown argument makes the operation unknown', () => {
    expect(value(Exp.add(Exp.val(1), Exp.intBin('missing')), rec)).toBe(OP_NOT_APPLICABLE);
    expect(value(Exp.max(Exp.intBin('missing'), Exp.val(1)), rec)).toBe(OP_NOT_APPLICABLE);
  });
});

describe('float arithmetic', () => {
  it('add, sub, mul, div, with IEEE infinities', () => {
    expect(floatValue(Exp.add(Exp.floatBin('f'), Exp.val(0.25)), rec)).toBe(2.75);
    expect(floatValue(Exp.sub(Exp.floatBin('f')), rec)).toBe(-2.5);
    expect(floatValue(Exp.mul(Exp.floatBin('f'), Exp.val(d(4))), rec)).toBe(10);
    expect(floatValue(Exp.div(Exp.val(d(1)), Exp.val(d(0))), rec)).toBe(Infinity);
    expect(floatValue(Exp.div(Exp.floatBin('f')), rec)).toBe(0.4);
    expect(floatValue(Exp.div(Exp.val(d(1)), Exp.val(0.1), Exp.val(0.1)), rec)).toBe(1 / (0.1 * 0.1));
  });

  it('pow and log take floats; C pow rules for a base of 1', () => {
    expect(floatValue(Exp.pow(Exp.val(d(2)), Exp.val(d(10))), rec)).toBe(1024);
    expect(floatValue(Exp.pow(Exp.val(d(1)), Exp.val(d(Number.NaN))), rec)).toBe(1);
    expect(floatValue(Exp.pow(Exp.val(d(-1)), Exp.val(d(Infinity))), rec)).toBe(1);
    expect(floatValue(Exp.log(Exp.val(d(8)), Exp.val(d(2))), rec)).toBe(Math.log(8) / Math.log(2));
  });

  it('floor, ceil, abs, min, max', () => {
    expect(floatValue(Exp.floor(Exp.val(-2.5)), rec)).toBe(-3);
    expect(floatValue(Exp.ceil(Exp.val(-2.5)), rec)).toBe(-2);
    expect(floatValue(Exp.abs(Exp.val(-2.5)), rec)).toBe(2.5);
    expect(floatValue(Exp.min(Exp.val(1.5), Exp.floatBin('f')), rec)).toBe(1.5);
    expect(floatValue(Exp.max(Exp.val(1.5), Exp.floatBin('f')), rec)).toBe(2.5);
  });

  it('to_int truncates (NaN and out-of-range give INT64_MIN, as on x86-64); to_float rounds', () => {
    expect(intValue(Exp.toInt(Exp.val(-2.9)), rec)).toBe(-2n);
    expect(intValue(Exp.toInt(Exp.val(d(Number.NaN))), rec)).toBe(MIN);
    expect(intValue(Exp.toInt(Exp.val(d(1e300))), rec)).toBe(MIN);
    expect(intValue(Exp.toInt(Exp.val(d(-1e300))), rec)).toBe(MIN);
    expect(floatValue(Exp.toFloat(Exp.intBin('i')), rec)).toBe(7);
    expect(floatValue(Exp.toFloat(Exp.intBin('big')), rec)).toBe(2 ** 63);
  });
});

describe('integer bit operations', () => {
  it('and, or, xor, not', () => {
    expect(intValue(Exp.intAnd(Exp.val(0b1100), Exp.val(0b1010)), rec)).toBe(0b1000n);
    expect(intValue(Exp.intOr(Exp.val(0b1100), Exp.val(0b1010), Exp.val(1)), rec)).toBe(0b1111n);
    expect(intValue(Exp.intXor(Exp.val(0b1100), Exp.val(0b1010)), rec)).toBe(0b0110n);
    expect(intValue(Exp.intNot(Exp.val(0)), rec)).toBe(-1n);
  });

  it('shifts take the count modulo 64; rshift is logical, arshift arithmetic', () => {
    expect(intValue(Exp.lshift(Exp.val(1), Exp.val(62)), rec)).toBe(2n ** 62n);
    expect(intValue(Exp.lshift(Exp.val(1), Exp.val(63)), rec)).toBe(MIN);
    expect(intValue(Exp.lshift(Exp.val(1), Exp.val(64)), rec)).toBe(1n);
    expect(intValue(Exp.rshift(Exp.val(-1), Exp.val(60)), rec)).toBe(15n);
    expect(intValue(Exp.arshift(Exp.val(-16), Exp.val(2)), rec)).toBe(-4n);
    expect(intValue(Exp.rshift(Exp.val(256), Exp.val(-62)), rec)).toBe(64n);
  });

  it('count, lscan, rscan', () => {
    expect(intValue(Exp.count(Exp.val(-1)), rec)).toBe(64n);
    expect(intValue(Exp.count(Exp.val(0b1011)), rec)).toBe(3n);
    expect(intValue(Exp.lscan(Exp.val(1), Exp.val(true)), rec)).toBe(63n);
    expect(intValue(Exp.lscan(Exp.val(-1), Exp.val(true)), rec)).toBe(0n);
    expect(intValue(Exp.lscan(Exp.val(0), Exp.val(true)), rec)).toBe(-1n);
    expect(intValue(Exp.lscan(Exp.val(-1), Exp.val(false)), rec)).toBe(-1n);
    expect(intValue(Exp.lscan(Exp.val(1), Exp.val(false)), rec)).toBe(0n);
    expect(intValue(Exp.rscan(Exp.val(1), Exp.val(true)), rec)).toBe(63n);
    expect(intValue(Exp.rscan(Exp.val(2), Exp.val(true)), rec)).toBe(62n);
    expect(intValue(Exp.rscan(Exp.val(0), Exp.val(true)), rec)).toBe(-1n);
    expect(intValue(Exp.rscan(Exp.val(-2), Exp.val(false)), rec)).toBe(63n);
  });
});
