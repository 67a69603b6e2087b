import { stopComposeServer } from './docker-server';
import { stopEmulatorServers } from './emulator-server';

/** Stops the compose server or the emulators global setup started. */
export default async function globalTeardown(): Promise<void> {
  if (process.env['AEROSPIKE_TS_STARTED_COMPOSE'] === '1') await stopComposeServer();
  await stopEmulatorServers();
}
