import { dockerEngineAvailable, startComposeServer } from './docker-server';

/**
 * Integration tests run against AEROSPIKE_HOSTS. When it is unset and a Docker engine
 * exists, a server is started from docker/docker-compose.yml for the run.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env['AEROSPIKE_HOSTS'] !== undefined && process.env['AEROSPIKE_HOSTS'] !== '') return;
  if (await dockerEngineAvailable()) {
    await startComposeServer();
    process.env['AEROSPIKE_HOSTS'] = '127.0.0.1:3000';
    process.env['AEROSPIKE_TS_STARTED_COMPOSE'] = '1';
    return;
  }
  process.stdout.write('\nIntegration tests skipped: AEROSPIKE_HOSTS is not set and no Docker engine is available.\n');
}
