import { AerospikeClient, type ClientConfig } from '@aerospike-ts/core';

/** Seed hosts of the real server, or undefined when integration tests are skipped. */
export const HOSTS: string | undefined = process.env['AEROSPIKE_HOSTS'] === '' ? undefined : process.env['AEROSPIKE_HOSTS'];
/** Namespace used by the integration tests. */
export const NAMESPACE: string = process.env['AEROSPIKE_NAMESPACE'] ?? 'test';

/** `describe` when a server is configured, `describe.skip` otherwise. */
export const describeServer: typeof describe = HOSTS === undefined ? describe.skip : describe;

/** A connected core client for the configured server. */
export async function connectCore(extra: Partial<ClientConfig> = {}): Promise<AerospikeClient> {
  if (HOSTS === undefined) throw new Error('AEROSPIKE_HOSTS is not set');
  const client = new AerospikeClient({ hosts: HOSTS, ...extra });
  await client.connect();
  return client;
}

/** A set name unique to one suite and run, so runs never collide. */
export function uniqueSet(suite: string): string {
  return `${suite}_${process.pid % 100000}_${Date.now() % 1_000_000}`.slice(0, 63);
}

/** Seeds of a real multi-node cluster (e.g. `127.0.0.1:3100`), or undefined. */
export const CLUSTER_HOSTS: string | undefined = process.env['AEROSPIKE_CLUSTER_HOSTS'] === '' ? undefined : process.env['AEROSPIKE_CLUSTER_HOSTS'];
/** Shell commands that kill and restart one node of that cluster, for failover tests. */
export const KILL_NODE_CMD: string | undefined = process.env['AEROSPIKE_KILL_NODE_CMD'];
export const RESTART_NODE_CMD: string | undefined = process.env['AEROSPIKE_RESTART_NODE_CMD'];
/** `describe` when a multi-node cluster is configured. */
export const describeCluster: typeof describe = CLUSTER_HOSTS === undefined ? describe.skip : describe;

/** True when the run's server is the in-process emulator (set by global setup). */
export const ON_EMULATOR: boolean = process.env['AEROSPIKE_EMULATOR'] === '1';

/**
 * Features the emulator does not implement (each listed in docs/emulator.md). A test that
 * needs one skips with `(emulatorLacks('udf') ? it.skip : it)(…)` — only on the emulator.
 */
export type EmulatorGap = 'udf' | 'bit-hll' | 'persisted-map-index' | 'geo' | 'tls' | 'security' | 'throttle' | 'cdt-index' | 'transactions' | 'failover-commands';

/** True when running on the emulator, which lacks `feature` (every gap listed is one it lacks). */
export function emulatorLacks(feature: EmulatorGap): boolean {
  return ON_EMULATOR && feature.length > 0;
}

/** `it`, or `it.skip` when running on the emulator, which lacks `feature`. */
export function itUnlessEmulatorLacks(feature: EmulatorGap): typeof it {
  return emulatorLacks(feature) ? it.skip : it;
}

/** `describe` when a server is configured and it is not an emulator lacking `feature`. */
export function describeUnlessEmulatorLacks(feature: EmulatorGap): typeof describe {
  return emulatorLacks(feature) ? describe.skip : describeServer;
}
