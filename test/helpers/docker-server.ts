import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { downAll, upAll } from 'docker-compose';

const run = promisify(execFile);
const COMPOSE_DIR = join(__dirname, '..', '..', 'docker');

/** Whether a Docker engine answers on this machine. */
export async function dockerEngineAvailable(): Promise<boolean> {
  if (!existsSync('/var/run/docker.sock') && process.env['DOCKER_HOST'] === undefined) return false;
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

/** Starts docker/docker-compose.yml and waits until port 3000 accepts connections. */
export async function startComposeServer(): Promise<void> {
  await upAll({ cwd: COMPOSE_DIR, log: false });
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (await portOpen(3000)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the Aerospike container did not open port 3000 within 60 s');
}

/** Stops the compose server started by {@link startComposeServer}. */
export async function stopComposeServer(): Promise<void> {
  await downAll({ cwd: COMPOSE_DIR, log: false });
}
