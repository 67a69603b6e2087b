// Loads our packages from the workspace build (packages/*/dist), with a clear message when
// the build is missing.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** `require` of packages/<pkg>/dist/index.cjs. */
export function ourPackage(pkg) {
  const path = fileURLToPath(new URL(`../../../packages/${pkg}/dist/index.cjs`, import.meta.url));
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` at the repository root first`);
  return require(path);
}
