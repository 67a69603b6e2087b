// Packs every published package and checks it with publint and @arethetypeswrong/cli,
// so ESM, CJS and bundler users all get working code and types.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const packages = ['core', 'classic', 'fluent', 'emulator'];
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
  // The subpath entry points load from the built files under both module systems and
  // hand out the very functions the package's namespaces do (one copy, shared chunks).
  const subpaths = ['list_operations', 'map_operations', 'hll_operations', 'bit_operations', 'exp', 'predicates'];
  const probe = `
    const cjsMain = require('@aerospike-ts/classic');
    const names = ${JSON.stringify(subpaths)};
    (async () => {
      const esmMain = await import('@aerospike-ts/classic');
      for (const n of names) {
        const cjs = require('@aerospike-ts/classic/' + n);
        const esm = await import('@aerospike-ts/classic/' + n);
        const keys = Object.keys(cjs).filter((k) => k !== 'default' && k !== '__esModule');
        if (keys.length === 0) throw new Error(n + ': nothing exported');
        for (const k of keys) {
          if (cjs[k] !== cjsMain[n][k]) throw new Error('cjs ' + n + '.' + k + ' differs from the namespace export');
          if (esm[k] !== esmMain[n][k]) throw new Error('esm ' + n + '.' + k + ' differs from the namespace export');
        }
      }
      console.log('classic subpaths: ok (' + names.join(', ') + ')');
    })().catch((e) => { console.error(e.message); process.exit(1); });`;
  try {
    process.stdout.write(execFileSync(process.execPath, ['-e', probe], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (err) {
    failed = true;
    process.stdout.write(`classic subpaths: FAILED\n${err.stdout ?? ''}${err.stderr ?? ''}\n`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
