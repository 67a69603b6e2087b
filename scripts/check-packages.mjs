// Packs every published package and checks it with publint and @arethetypeswrong/cli,
// so ESM, CJS and bundler users all get working code and types.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const packages = ['core', 'classic', 'fluent'];
const root = join(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'aerospike-ts-pack-'));
let failed = false;
try {
  for (const p of packages) {
    const dir = join(root, 'packages', p);
    const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop();
    const file = join(out, tgz);
    for (const [bin, args] of [
      ['publint', ['run', '--strict', file]],
      ['attw', [file, '--format', 'table-flipped']]
    ]) {
      try {
        const text = execFileSync(join(root, 'node_modules', '.bin', bin), args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        process.stdout.write(`${p} ${bin}: ok\n${text}`);
      } catch (err) {
        failed = true;
        process.stdout.write(`${p} ${bin}: FAILED\n${err.stdout ?? ''}${err.stderr ?? ''}\n`);
      }
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
