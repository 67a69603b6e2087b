import { CommitLevel, InvalidArgumentError, ReadModeSC, Replica } from '@aerospike-ts/core';
import { Behavior, scopeChain } from '../src/behavior';

describe('Behavior presets (values of the SDK)', () => {
  it('DEFAULT sets the general values and the per-scope patches', () => {
    const d = Behavior.DEFAULT;
    expect(d.getSettings('read', 'point')).toMatchObject({ totalTimeout: 30_000, socketTimeout: 5_000, maxRetries: 2, sleepBetweenRetries: 0, sendKey: true, replica: Replica.SEQUENCE, durableDelete: false, maxConcurrentNodes: 1, readTouchTtlPercent: 0 });
    expect(d.getSettings('read', 'batch')).toMatchObject({ allowInline: true, allowInlineSsd: false, maxRetries: 2 });
    expect(d.getSettings('read', 'query')).toMatchObject({ maxRetries: 5, recordQueueSize: 5000 });
    expect(d.getSettings('writeNonRetryable', 'point')).toMatchObject({ maxRetries: 0, commitLevel: CommitLevel.COMMIT_ALL, durableDelete: false });
    expect(d.getSettings('writeRetryable', 'point')).toMatchObject({ maxRetries: 2 });
    expect(d.getSettings('writeRetryable', 'point', 'sc')).toMatchObject({ durableDelete: true });
    expect(d.getSettings('writeRetryable', 'point', 'sc').commitLevel).toBeUndefined();
    expect(d.getSettings('writeRetryable', 'batch')).toMatchObject({ allowInline: true, allowInlineSsd: false });
  });

  it('READ_FAST shortens reads only', () => {
    expect(Behavior.READ_FAST.parent).toBe(Behavior.DEFAULT);
    expect(Behavior.READ_FAST.readPolicy()).toMatchObject({ socketTimeout: 50, totalTimeout: 200, maxRetries: 3 });
    expect(Behavior.READ_FAST.writePolicy()).toMatchObject({ socketTimeout: 5_000, totalTimeout: 30_000, maxRetries: 0 });
  });

  it('STRICTLY_CONSISTENT linearizes SC reads and leaves AP reads alone', () => {
    expect(Behavior.STRICTLY_CONSISTENT.readPolicy('point', 'sc').readModeSC).toBe(ReadModeSC.LINEARIZE);
    expect(Behavior.STRICTLY_CONSISTENT.readPolicy('point', 'ap').readModeSC).toBeUndefined();
  });

  it('FAST_RACK_AWARE is READ_FAST with rack-preferring reads and SESSION SC reads', () => {
    const b = Behavior.FAST_RACK_AWARE;
    expect(b.parent).toBe(Behavior.READ_FAST);
    expect(b.readPolicy()).toMatchObject({ replica: Replica.PREFER_RACK, totalTimeout: 200 });
    expect(b.readPolicy('point', 'sc').readModeSC).toBe(ReadModeSC.SESSION);
    expect(b.writePolicy().replica).toBe(Replica.SEQUENCE);
  });
});

describe('Behavior resolution order', () => {
  it('lists the scopes from general to specific', () => {
    expect(scopeChain('read', 'batch', 'sc')).toEqual(['all', 'reads', 'readsSc', 'readsBatch']);
    expect(scopeChain('writeRetryable', 'query', 'ap')).toEqual(['all', 'writes', 'writesAp', 'writesRetryable', 'writesQuery']);
  });

  it('applies the more specific scope last, and the child after the parent', () => {
    const b = Behavior.DEFAULT.deriveWithChanges('res1', {
      totalTimeout: 1,
      reads: { totalTimeout: 2 },
      readsAp: { totalTimeout: 3 },
      readsPoint: { totalTimeout: 4 },
      writes: { totalTimeout: 5 },
      writesRetryable: { totalTimeout: 6, maxRetries: 9 },
      writesQuery: { totalTimeout: 7 }
    });
    expect(b.getSettings('read', 'point').totalTimeout).toBe(4);
    expect(b.getSettings('read', 'batch').totalTimeout).toBe(3);
    expect(b.getSettings('read', 'batch', 'sc').totalTimeout).toBe(2);
    expect(b.getSettings('writeRetryable', 'point').totalTimeout).toBe(6);
    expect(b.getSettings('writeRetryable', 'query').totalTimeout).toBe(7);
    expect(b.getSettings('writeNonRetryable', 'point').totalTimeout).toBe(5);
    // the parent's specific scope (DEFAULT writesNonRetryable maxRetries 0) still applies
    expect(b.getSettings('writeNonRetryable', 'point').maxRetries).toBe(0);
    expect(b.getSettings('writeRetryable', 'point').maxRetries).toBe(9);
  });

  it("a child's general setting overrides the parent's specific one", () => {
    const b = Behavior.READ_FAST.deriveWithChanges('res2', { totalTimeout: 900 });
    expect(b.readPolicy().totalTimeout).toBe(900);
    expect(Behavior.READ_FAST.readPolicy().totalTimeout).toBe(200);
  });

  it('registers behaviors by name', () => {
    const b = Behavior.DEFAULT.deriveWithChanges('res3', { sendKey: false });
    expect(Behavior.find('res3')).toBe(b);
    expect(Behavior.find('READ_FAST')).toBe(Behavior.READ_FAST);
  });

  it('explain() shows the chain, the patches and the resolved settings', () => {
    const text = Behavior.FAST_RACK_AWARE.explain();
    expect(text).toContain('DEFAULT → READ_FAST → FAST_RACK_AWARE');
    expect(text).toContain('FAST_RACK_AWARE.reads: {"replica":3}');
    expect(text).toContain('all → reads|writes → AP|SC');
    expect(text).toMatch(/read point SC: .*"readModeSC":0/);
  });

  it('rejects unknown settings and bad values', () => {
    expect(() => Behavior.DEFAULT.deriveWithChanges('bad1', { timeout: 5 } as never)).toThrow(InvalidArgumentError);
    expect(() => Behavior.DEFAULT.deriveWithChanges('bad2', { reads: { totalTimeout: -1 } })).toThrow(/reads.totalTimeout/);
    expect(() => Behavior.DEFAULT.deriveWithChanges('bad3', { sendKey: 'yes' as never })).toThrow(/boolean/);
  });
});
