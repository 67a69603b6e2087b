import { join } from 'node:path';
import { runSample, samplesOf } from '../helpers/doc-samples';
import { describeServer, HOSTS } from '../helpers/env';

const docs = ['migrating-from-aerospike-py.md', 'fluent.md', 'ael.md'].map((f) => join(__dirname, '..', '..', 'docs', f));
const samples = docs.flatMap(samplesOf);

describe('docs samples', () => {
  it('every document has runnable samples', () => {
    expect(samples.length).toBeGreaterThan(0);
  });
});

describeServer('docs samples run against the server', () => {
  it.each(samples.map((s) => [`${s.file.split('/').pop() ?? ''}:${s.line}`, s] as const))('%s', async (_name, sample) => {
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
