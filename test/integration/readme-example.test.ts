import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main as classicMain } from '../../examples/classic-put-get';
import { main as fluentMain } from '../../examples/fluent-put-get';
import { main } from '../../examples/put-get';
import { describeServer, HOSTS } from '../helpers/env';

const root = join(__dirname, '..', '..');

describe('README example', () => {
  it('is the same code as examples/put-get.ts', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const example = readFileSync(join(root, 'examples', 'put-get.ts'), 'utf8');
    const body = example.slice(0, example.indexOf('\nif (require.main === module)')).trimEnd();
    expect(readme).toContain('```ts\n' + body + '\n```');
  });
});

describeServer('README example against a server', () => {
  it('runs', async () => {
    const lines: unknown[][] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args);
    });
    try {
      await main(HOSTS as string);
    } finally {
      spy.mockRestore();
    }
    expect(lines[0]?.[0]).toEqual({ name: 'Alice', age: 30, tags: ['admin', 'ops'] });
    expect(String(lines[0]?.[1])).toMatch(/^generation 1, ttl 3[56]\d\ds$/);
  });
});

describeServer('classic and fluent examples against a server', () => {
  it('run and print the record they wrote', async () => {
    const lines: unknown[][] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args);
    });
    try {
      await classicMain(HOSTS as string);
      await fluentMain(HOSTS as string);
    } finally {
      spy.mockRestore();
    }
    expect(lines).toEqual([
      ['classic:', { name: 'Bob', age: 41 }, 'generation 1'],
      ['fluent:', { name: 'Carol', age: 35 }]
    ]);
  });
});
