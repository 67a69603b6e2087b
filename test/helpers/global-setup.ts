import { dockerEngineAvailable, startComposeServer } from './docker-server';
import { startEmulatorServer } from './emulator-server';

/**
 * Integration tests run against AEROSPIKE_HOSTS. When it is unset, a server is started
 * from docker/docker-compose.yml when a Docker engine exists; otherwise the in-process
 * emulator (@aerospike-ts/emulator) serves the run: AEROSPIKE_EMULATOR_NODES nodes (default
 * one) for AEROSPIKE_HOSTS and a three-node cluster for AEROSPIKE_CLUSTER_HOSTS, with
 * AEROSPIKE_EMULATOR=1 so tests of features the emulator lacks skip (see
 * test/helpers/env.ts and docs/emulator.md). AEROSPIKE_NO_DOCKER=1 skips the Docker check.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env['AEROSPIKE_HOSTS'] !== undefined && process.env['AEROSPIKE_HOSTS'] !== '') return;
  if (process.env['AEROSPIKE_NO_DOCKER'] !== '1' && (await dockerEngineAvailable())) {
    await startComposeServer();
    process.env['AEROSPIKE_HOSTS'] = '127.0.0.1:3000';
    process.env['AEROSPIKE_TS_STARTED_COMPOSE'] = '1';
    return;
  }
  const nodes = Number(process.env['AEROSPIKE_EMULATOR_NODES'] ?? '1');
  process.env['AEROSPIKE_HOSTS'] = await startEmulatorServer(Number.isInteger(nodes) && nodes > 0 ? nodes : 1);
  if (process.env['AEROSPIKE_CLUSTER_HOSTS'] === undefined || process.env['AEROSPIKE_CLUSTER_HOSTS'] === '') {
    process.env['AEROSPIKE_CLUSTER_HOSTS'] = (await startEmulatorServer(3)).split(',')[0] ?? '';
  }
  process.env['AEROSPIKE_EMULATOR'] = '1';
  process.stdout.write(`\nIntegration tests run against the emulator: ${process.env['AEROSPIKE_HOSTS']} (cluster ${process.env['AEROSPIKE_CLUSTER_HOSTS']}).\n`);
}
