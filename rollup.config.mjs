// One rollup factory for every package: ESM (.mjs) + CJS (.cjs) bundles from the
// sources, and one bundled declaration file per module format, built from the
// declarations that `tsc -b` emits into the package's `.tsbuild/` folder.
// Run from a package folder: `rollup -c ../../rollup.config.mjs --environment PKG:core`.
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';

const pkgDir = process.cwd();
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const external = [
  /^node:/,
  ...builtinModules,
  ...deps.map((d) => new RegExp(`^${d.replace('/', '\\/')}(\\/.*)?$`)),
  /^@aerospike-ts\//
];
// Entry points: "." plus any subpath listed in package.json "aerospike-ts.entries".
const entries = { index: 'src/index.ts', ...(pkg['aerospike-ts']?.entries ?? {}) };

export default [
  {
    input: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, join(pkgDir, v)])),
    external,
    plugins: [esbuild({ target: 'node20', tsconfig: join(pkgDir, 'tsconfig.json') })],
    output: [
      { dir: join(pkgDir, 'dist'), format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs', sourcemap: true },
      { dir: join(pkgDir, 'dist'), format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs', exports: 'named', sourcemap: true }
    ]
  },
  ...Object.entries(entries).flatMap(([name, src]) =>
    ['d.mts', 'd.cts'].map((ext) => ({
      input: join(pkgDir, '.tsbuild', src.replace(/\.ts$/, '.d.ts')),
      external,
      plugins: [dts()],
      output: { file: join(pkgDir, 'dist', `${name}.${ext}`), format: 'es' }
    }))
  )
];
