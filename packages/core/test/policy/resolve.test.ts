import { InvalidArgumentError } from '../../src/errors/client-errors';
import { DEFAULT_READ_POLICY, DEFAULT_WRITE_POLICY } from '../../src/policy/policies';
import { resolveReadPolicy, resolveWritePolicy } from '../../src/policy/resolve';

describe('policy resolution', () => {
  it('no policy, an empty one or one of only undefined options is the defaults object itself', () => {
    expect(resolveReadPolicy(DEFAULT_READ_POLICY)).toBe(DEFAULT_READ_POLICY);
    expect(resolveReadPolicy(DEFAULT_READ_POLICY, {})).toBe(DEFAULT_READ_POLICY);
    expect(resolveWritePolicy(DEFAULT_WRITE_POLICY, { ttl: undefined } as never)).toBe(DEFAULT_WRITE_POLICY);
  });

  it('applies the set options over a copy of the defaults', () => {
    const p = resolveWritePolicy(DEFAULT_WRITE_POLICY, { ttl: 60, sendKey: true });
    expect(p).not.toBe(DEFAULT_WRITE_POLICY);
    expect(p).toEqual({ ...DEFAULT_WRITE_POLICY, ttl: 60, sendKey: true });
    expect(DEFAULT_WRITE_POLICY.ttl).not.toBe(60);
  });

  it('a frozen policy is resolved once per defaults object and the result reused', () => {
    const policy = Object.freeze({ totalTimeout: 1234 });
    const a = resolveReadPolicy(DEFAULT_READ_POLICY, policy);
    expect(a.totalTimeout).toBe(1234);
    expect(resolveReadPolicy(DEFAULT_READ_POLICY, policy)).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    const otherDefaults = { ...DEFAULT_READ_POLICY, maxRetries: 7 };
    const b = resolveReadPolicy(otherDefaults, policy);
    expect(b).not.toBe(a);
    expect(b).toMatchObject({ totalTimeout: 1234, maxRetries: 7 });
  });

  it('an unfrozen policy is read again on every call (it may have changed)', () => {
    const policy: { totalTimeout: number } = { totalTimeout: 100 };
    expect(resolveReadPolicy(DEFAULT_READ_POLICY, policy).totalTimeout).toBe(100);
    policy.totalTimeout = 200;
    expect(resolveReadPolicy(DEFAULT_READ_POLICY, policy).totalTimeout).toBe(200);
  });

  it('an invalid frozen policy throws on every call', () => {
    const bad = Object.freeze({ totalTimeout: -1 });
    expect(() => resolveReadPolicy(DEFAULT_READ_POLICY, bad)).toThrow(InvalidArgumentError);
    expect(() => resolveReadPolicy(DEFAULT_READ_POLICY, bad)).toThrow(InvalidArgumentError);
    expect(() => resolveWritePolicy(DEFAULT_WRITE_POLICY, Object.freeze({ nope: 1 }) as never)).toThrow(/unknown option 'nope'/);
  });

  it('inherited properties are not options', () => {
    const policy = Object.create({ totalTimeout: 5 }) as object;
    expect(resolveReadPolicy(DEFAULT_READ_POLICY, policy)).toBe(DEFAULT_READ_POLICY);
  });
});
