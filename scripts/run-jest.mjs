// Runs jest with the given arguments, then prints one closing line CI can read:
// "Summary: N passed, N failed, N skipped". Exits non-zero when any pass failed.
//
// With --with-emulator3 (used by `npm test`), a second pass runs the integration project
// against a three-node in-process emulator cluster after the first pass, whatever server
// the first pass used; the summary line adds both passes up.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const jest = join(import.meta.dirname, '..', 'node_modules', 'jest', 'bin', 'jest.js');

/** Runs jest once; returns its exit status and counts (undefined when jest wrote none). */
function runJest(args, env) {
  const dir = mkdtempSync(join(tmpdir(), 'aerospike-ts-jest-'));
  const out = join(dir, 'results.json');
  const run = spawnSync(process.execPath, [jest, '--json', `--outputFile=${out}`, ...args], { stdio: 'inherit', env });
  let counts;
  try {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    counts = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
  } catch {
    counts = undefined;
  }
  rmSync(dir, { recursive: true, force: true });
  return { status: run.status ?? 1, counts };
}

const withEmulator3 = process.argv.includes('--with-emulator3');
const args = process.argv.slice(2).filter((a) => a !== '--with-emulator3');
const passes = [runJest(args, process.env)];
if (withEmulator3) {
  process.stderr.write('\nSecond pass: integration tests against a three-node emulator cluster.\n');
  const env = { ...process.env, AEROSPIKE_HOSTS: '', AEROSPIKE_CLUSTER_HOSTS: '', AEROSPIKE_NO_DOCKER: '1', AEROSPIKE_EMULATOR_NODES: '3' };
  passes.push(runJest(['--selectProjects', 'integration', '--forceExit'], env));
}
const total = { passed: 0, failed: 0, skipped: 0 };
let reported = true;
for (const p of passes) {
  if (p.counts === undefined) reported = false;
  else for (const k of Object.keys(total)) total[k] += p.counts[k];
}
const line = reported
  ? `Summary: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`
  : `Summary: ${total.passed} passed, ${total.failed + 1} failed (jest did not report results), ${total.skipped} skipped`;
process.stderr.write(`\n${line}\n`);
process.exit(passes.every((p) => p.status === 0) && reported ? 0 : 1);
