import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';

/** One ```ts code block of a markdown document. */
export interface DocSample {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

/** The ```ts blocks of a markdown file (blocks fenced as ```ts no-run are skipped). */
export function samplesOf(file: string): DocSample[] {
  const text = readFileSync(file, 'utf8');
  const out: DocSample[] = [];
  const re = /^```ts( no-run)?\n([\s\S]*?)^```$/gm;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[1] !== undefined) continue;
    out.push({ file, line: text.slice(0, m.index).split('\n').length, code: m[2] ?? '' });
  }
  return out;
}

/**
 * Runs a sample: its `import` lines stay at the top, the rest runs inside an async
 * function (so samples may use `await` at top level). `'127.0.0.1', 3000` in a sample is
 * replaced by the test server's address. Modules resolve through jest (to the sources).
 */
export async function runSample(sample: DocSample, host: string, port: number, load: (id: string) => unknown): Promise<void> {
  // Samples are written for a server on 127.0.0.1:3000; point them at the test server.
  const code = sample.code.replaceAll("'127.0.0.1', 3000", `'${host}', ${port}`).replaceAll("'127.0.0.1:3000'", `'${host}:${port}'`);
  const lines = code.split('\n');
  const imports = lines.filter((l) => /^import\s/.test(l));
  const body = lines.filter((l) => !/^import\s/.test(l)).join('\n');
  const source = `${imports.join('\n')}\nexport async function __run(): Promise<void> {\n${body}\n}\n`;
  const js = transformSync(source, { loader: 'ts', format: 'cjs', target: 'node20', sourcefile: `${sample.file}:${sample.line}` }).code;
  const mod: { exports: { __run?: () => Promise<void> } } = { exports: {} };
  new Function('require', 'module', 'exports', js)(load, mod, mod.exports);
  await (mod.exports.__run as () => Promise<void>)();
}
