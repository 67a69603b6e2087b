import { Exp } from '../../src/exp/exp';
import { InvalidArgumentError } from '../../src/errors/client-errors';

describe('Exp.and / Exp.or', () => {
  const a = Exp.eq(Exp.intBin('a'), Exp.val(1));
  const b = Exp.gt(Exp.intBin('b'), Exp.val(2));

  it('with one expression give that expression (the server refuses a one-operand and/or)', () => {
    expect(Exp.and(a)).toBe(a);
    expect(Exp.or(a)).toBe(a);
    expect(Exp.build(Exp.and(a)).toBytes()).toEqual(Exp.build(a).toBytes());
  });

  it('with two or more expressions pack the operator code and every operand', () => {
    const and = Exp.build(Exp.and(a, b)).toBytes();
    const or = Exp.build(Exp.or(a, b, a)).toBytes();
    expect(and[0]).toBe(0x93); // fixarray of 3: code, a, b
    expect(and[1]).toBe(16);
    expect(or[0]).toBe(0x94); // code and three operands
    expect(or[1]).toBe(17);
  });

  it('refuse no expression and a non-expression before anything is built', () => {
    expect(() => Exp.and()).toThrow(InvalidArgumentError);
    expect(() => Exp.or()).toThrow(InvalidArgumentError);
    expect(() => Exp.and(1 as never)).toThrow(/and argument 1 must be an expression/);
    expect(() => Exp.or(a, 'x' as never)).toThrow(/or argument 2 must be an expression/);
  });
});
