import { stopComposeServer } from './docker-server';

/** Stops the compose server if global setup started one. */
export default async function globalTeardown(): Promise<void> {
  if (process.env['AEROSPIKE_TS_STARTED_COMPOSE'] === '1') await stopComposeServer();
}
