/**
 * Checks of the fuzz harness itself: cases are reproducible, failures are classified
 * (crash, wrong result, oversized allocation), and the mutators do reach the hostile
 * shapes the fuzzer is meant to try (2^47-byte lengths, 65535 counts, 2^32-1 msgpack
 * lengths, depth bombs).
 */
import { join } from 'node:path';
import { ParseError } from '../../packages/core/src/errors/client-errors';
import { loadCorpus } from './fuzz/corpus';
import { SeedBank, caseInput, runCase, runTarget } from './fuzz/engine';
import { OracleFailure, TARGETS, type FuzzTarget } from './fuzz/targets';

const bank = new SeedBank(loadCorpus(join(__dirname, '..', '..')));
const target = (name: string): FuzzTarget => TARGETS.find((t) => t.name === name) as FuzzTarget;

function fake(run: (b: Buffer) => void): FuzzTarget {
  return { name: 'fake', text: false, seeds: () => [], generate: (rng) => rng.bytes(8), map: () => ({ lengths: [], boundaries: [], msgpack: [], msgpackItems: [] }), run, accepts: (e) => e instanceof ParseError };
}

describe('fuzz engine', () => {
  it('rebuilds the same input from (seed, target, case index)', () => {
    for (const t of TARGETS) {
      for (const i of [0, 1, 977]) expect(caseInput(t, bank, 5, i).equals(caseInput(t, bank, 5, i))).toBe(true);
    }
    const distinct = new Set(Array.from({ length: 50 }, (_, i) => caseInput(target('single-reply'), bank, 5, i).toString('hex')));
    expect(distinct.size).toBeGreaterThan(40);
  });

  it('classifies outcomes', () => {
    const input = Buffer.alloc(10);
    expect(runCase(fake(() => undefined), input)).toEqual({ ok: true, value: true });
    expect(runCase(fake(() => { throw new ParseError('bad'); }), input)).toEqual({ ok: true, value: false });
    expect(runCase(fake((b) => void b.readUInt32BE(20)), input)).toMatchObject({ ok: false, kind: 'exception', message: expect.stringMatching(/^RangeError/) });
    expect(runCase(fake(() => { throw new OracleFailure('wrong'); }), input)).toMatchObject({ ok: false, kind: 'oracle' });
  });

  it('fails a case that allocates more than its input justifies, even when the decoder hides the error', () => {
    const original = Buffer.allocUnsafe;
    expect(runCase(fake(() => void Buffer.allocUnsafe(2 ** 30)), Buffer.alloc(10))).toMatchObject({ ok: false, kind: 'alloc' });
    const hiding = fake(() => {
      try {
        Buffer.alloc(2 ** 30);
      } catch (e) {
        throw new ParseError('wrapped', { cause: e });
      }
    });
    expect(runCase(hiding, Buffer.alloc(10))).toMatchObject({ ok: false, kind: 'alloc' });
    expect(runCase(fake(() => void Buffer.alloc(64 * 1024 + 16 * 100)), Buffer.alloc(100))).toEqual({ ok: true, value: true });
    expect(Buffer.allocUnsafe).toBe(original); // the guard is removed after each case
  });

  it('counts failures and keeps their inputs', () => {
    const t: FuzzTarget = { ...target('msgpack'), name: 'msgpack-broken', run: (b) => { if (b.length % 3 === 0) throw new TypeError('boom'); } };
    const s = runTarget(t, bank, { seed: 1, from: 0, to: 300, keepFailures: 5 });
    expect(s.cases).toBe(300);
    expect(s.failures).toHaveLength(5);
    expect(s.failures.length + s.dropped + s.values).toBe(300);
    for (const f of s.failures) expect(Buffer.from(f.inputHex, 'hex').equals(caseInput(t, bank, 1, f.index))).toBe(true);
  });

  it('mutations reach hostile lengths, counts and depths', () => {
    const seen = { proto2pow47: false, count65535: false, msgpackHuge: false, depthBomb: false, truncated: false };
    const bomb = Buffer.alloc(513, 0x91);
    for (let i = 0; i < 4000; i++) {
      const b = caseInput(target('single-reply'), bank, 3, i);
      if (b.length >= 8 && b.readUIntBE(2, 6) === 2 ** 47) seen.proto2pow47 = true;
      if (b.length >= 30 && (b.readUInt16BE(26) === 0xffff || b.readUInt16BE(28) === 0xffff)) seen.count65535 = true;
      if (b.includes(Buffer.from('ddffffffff', 'hex')) || b.includes(Buffer.from('dfffffffff', 'hex'))) seen.msgpackHuge = true;
      if (b.includes(bomb)) seen.depthBomb = true;
      if (b.length >= 8 && b.readUIntBE(2, 6) > b.length - 8 && b.readUIntBE(2, 6) < 2 ** 20) seen.truncated = true;
    }
    expect(seen).toEqual({ proto2pow47: true, count65535: true, msgpackHuge: true, depthBomb: true, truncated: true });
  });
});
