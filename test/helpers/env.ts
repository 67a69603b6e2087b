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
