import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

/** The parts of a running emulator global setup and teardown use. */
interface RunningEmulator {
  readonly hosts: string;
  stop(): Promise<void>;
}

type StartEmulator = (options: { nodes?: number }) => Promise<RunningEmulator>;

const started: RunningEmulator[] = [];

/**
 * Loads the emulator from its sources. Jest's global setup resolves modules with Node's
 * own resolver, which cannot follow the sources' `.js` import specifiers, so the package
 * (with core, from its sources too) is bundled to one CommonJS file first (esbuild).
 */
function loadEmulator(): StartEmulator {
  const dir = mkdtempSync(join(tmpdir(), 'aerospike-ts-emulator-'));
  const out = join(dir, 'emulator.cjs');
  try {
    const packages = join(__dirname, '..', '..', 'packages');
    buildSync({
      entryPoints: [join(packages, 'emulator', 'src', 'index.ts')],
      alias: { '@aerospike-ts/core': join(packages, 'core', 'src', 'index.ts') },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: out,
      logLevel: 'error'
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(out) as { startEmulator: StartEmulator }).startEmulator;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts an emulated cluster of `nodes` nodes in this process; returns its seed list. */
export async function startEmulatorServer(nodes: number): Promise<string> {
  const emulator = await loadEmulator()({ nodes });
  started.push(emulator);
  return emulator.hosts;
}

/** Stops every emulator this process started. */
export async function stopEmulatorServers(): Promise<void> {
  await Promise.all(started.splice(0).map((e) => e.stop()));
}
