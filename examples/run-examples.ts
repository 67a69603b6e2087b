import { startEmulator } from '@aerospike-ts/emulator';
import { main as classic } from './classic-put-get';
import { main as fluent } from './fluent-put-get';
import { main as core } from './put-get';

/**
 * Runs every example against AEROSPIKE_HOSTS, or, when it is unset, against an emulator
 * started for the run (tests and local development only; production uses a real cluster).
 */
async function run(): Promise<void> {
  const given = process.env['AEROSPIKE_HOSTS'];
  const emulator = given === undefined || given === '' ? await startEmulator({ nodes: 1 }) : undefined;
  const hosts = emulator?.hosts ?? (given as string);
  console.log(emulator === undefined ? `Using the server at ${hosts}` : `AEROSPIKE_HOSTS is unset: started the emulator at ${hosts}`);
  try {
    await core(hosts);
    await classic(hosts);
    await fluent(hosts);
  } finally {
    await emulator?.stop();
  }
}

run().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
