import { join } from 'node:path';
import { runSample, samplesOf, type DocSample } from '../helpers/doc-samples';
import { describeServer, emulatorLacks, HOSTS, type EmulatorGap } from '../helpers/env';

const docs = ['migrating-from-aerospike-py.md', 'fluent.md', 'ael.md'].map((f) => join(__dirname, '..', '..', 'docs', f));
const samples = docs.flatMap(samplesOf);

/** The emulator feature a sample needs, judged from its code (UDFs, bit and HLL operations). */
function gapOf(code: string): EmulatorGap | undefined {
  if (!/connect\(/.test(code)) return undefined; // no server involved
  if (/\budf|\.lua\b|executeUdf|\bapply\(/i.test(code)) return 'udf';
  if (/hll_operations|bit_operations|\.(hll|bit)[A-Z]\w*\(|\bHLL\b|HllConfig/.test(code)) return 'bit-hll';
  return undefined;
}

describe('docs samples', () => {
  it('every document has runnable samples', () => {
    expect(samples.length).toBeGreaterThan(0);
  });
});

describeServer('docs samples run against the server', () => {
  const lacking = (s: DocSample): boolean => {
    const gap = gapOf(s.code);
    return gap !== undefined && emulatorLacks(gap);
  };
  const gated = samples.filter(lacking);
  if (gated.length > 0) it.skip.each(gated.map((s) => [`${s.file.split('/').pop() ?? ''}:${s.line} (emulator lacks ${gapOf(s.code) ?? ''})`]))('%s', () => undefined);
  it.each(samples.filter((s) => !lacking(s)).map((s) => [`${s.file.split('/').pop() ?? ''}:${s.line}`, s] as const))('%s', async (_name, sample) => {
    const [host, port] = (HOSTS as string).split(',')[0]?.split(':') ?? [];
    const logs: unknown[][] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
      logs.push(a);
    });
    try {
      // jest's require resolves the packages to their sources (moduleNameMapper)
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      await runSample(sample, host as string, Number(port), (id) => require(id) as unknown);
    } finally {
      spy.mockRestore();
    }
    expect(logs.length).toBeGreaterThan(0);
  });
});
