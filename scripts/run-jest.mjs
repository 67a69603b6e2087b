// Runs jest with the given arguments, then prints one closing line CI can read:
// "Summary: N passed, N failed, N skipped". Exits with jest's exit code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'aerospike-ts-jest-'));
const out = join(dir, 'results.json');
const jest = join(import.meta.dirname, '..', 'node_modules', 'jest', 'bin', 'jest.js');
const run = spawnSync(process.execPath, [jest, '--json', `--outputFile=${out}`, ...process.argv.slice(2)], { stdio: 'inherit' });
let line = 'Summary: 0 passed, 1 failed (jest did not report results)';
try {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  line = `Summary: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`;
} catch {
  // keep the fallback line
}
rmSync(dir, { recursive: true, force: true });
process.stderr.write(`\n${line}\n`);
process.exit(run.status ?? 1);
