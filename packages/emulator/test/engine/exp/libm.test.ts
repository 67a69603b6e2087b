import { cLog, cPow } from '../../../src/engine/exp/ops/libm';
import { ExpUnsupportedError } from '../../../src/engine/exp/exp-errors';

describe('log and pow as glibc rounds them', () => {
  it('rounds to nearest where Math.log and Math.pow are one ULP off (values a server returned)', () => {
    expect(cPow(1.37, 2.63)).toBe(2.2886273921376845);
    expect(cPow(3.59, 2.5)).toBe(24.419463683297796);
    expect(cPow(9.14, 2.63)).toBe(336.7351828159032);
    expect(cLog(28.047)).toBe(3.3338816743772886);
    expect(cLog(10)).toBe(2.302585092994046);
  });

  it('exact results and C special cases', () => {
    expect(cPow(2, 10)).toBe(1024);
    expect(cPow(2, 0.5)).toBe(Math.SQRT2);
    expect(cPow(0.5, -3)).toBe(8);
    expect(cPow(-2, 3)).toBe(-8);
    expect(cPow(-2, 0.5)).toBeNaN();
    expect(cPow(1, Number.NaN)).toBe(1);
    expect(cPow(Number.NaN, 0)).toBe(1);
    expect(cPow(-1, Infinity)).toBe(1);
    expect(cPow(2, -1074)).toBe(Number.MIN_VALUE);
    expect(cPow(10, 309)).toBe(Infinity);
    expect(cPow(10, -400)).toBe(0);
    expect(cLog(1)).toBe(0);
    expect(cLog(0)).toBe(-Infinity);
    expect(cLog(-1)).toBeNaN();
  });

  it('refuses results within 0.004 ULP of a rounding midpoint, where glibc may round either way', () => {
    expect(() => cPow(-9, 17)).toThrow(ExpUnsupportedError); // exactly a midpoint
    expect(() => cPow(27.518346905708313, 7.30149507522583)).toThrow(ExpUnsupportedError);
  });
});
