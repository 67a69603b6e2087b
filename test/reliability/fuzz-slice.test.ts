/**
 * The CI slice of the fuzzer (scripts/fuzz.mjs runs the long form): a fixed seed and a
 * few thousand cases per decoder. Every case must end in a value or the decoder's typed
 * error, with no allocation beyond what its input justifies.
 */
import { join } from 'node:path';
import { loadCorpus } from './fuzz/corpus';
import { SeedBank, runTarget, type TargetStats } from './fuzz/engine';
import { TARGETS } from './fuzz/targets';

const SEED = 20260101;
/** Cases per target; the AEL compiler is the slowest per case. */
const CASES: { readonly [target: string]: number } = { ael: 1000, 'frame-decoder': 1500 };
const DEFAULT_CASES = 2000;

const bank = new SeedBank(loadCorpus(join(__dirname, '..', '..')));

function report(s: TargetStats): string {
  return s.failures
    .map((f) => `[${f.target}] ${f.kind} at case ${f.index} (seed ${f.seed}; replay: node scripts/fuzz.mjs --seed ${f.seed} --target ${f.target} --case ${f.index})\n${f.message}\ninput: ${f.inputHex.slice(0, 2000)}`)
    .join('\n\n');
}

describe('fuzz slice: every input ends in a value or a typed error', () => {
  it.each(TARGETS.map((t) => [t.name, t] as const))('%s', (_, t) => {
    const s = runTarget(t, bank, { seed: SEED, from: 0, to: CASES[t.name] ?? DEFAULT_CASES });
    expect(report(s)).toBe('');
    expect(s.failures.length + s.dropped).toBe(0);
    // the slice must reach both outcomes, or it tests little
    expect(s.values).toBeGreaterThan(0);
    if (t.name !== 'sindex-list') expect(s.rejected).toBeGreaterThan(0);
  });
});
