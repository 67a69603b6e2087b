#!/usr/bin/env node
import { startEmulator } from './server/emulator.js';

/** Command line: `aerospike-emulator [--port 3000] [--nodes 1] [--namespaces test,bar]`. */
async function main(argv: readonly string[]): Promise<void> {
  const opt = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--help')) {
    process.stdout.write('aerospike-emulator [--port 3000] [--nodes 1] [--namespaces test,bar]\nFor tests and local development only.\n');
    return;
  }
  const port = Number(opt('port') ?? '3000');
  const nodes = Number(opt('nodes') ?? '1');
  const namespaces = (opt('namespaces') ?? 'test,bar').split(',').filter((n) => n !== '');
  const emulator = await startEmulator({ port, nodes, namespaces });
  process.stdout.write(`aerospike emulator listening on ${emulator.hosts} (namespaces: ${namespaces.join(', ')})\n`);
  const stop = (): void => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
