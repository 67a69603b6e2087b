import { channel } from 'node:diagnostics_channel';

/**
 * `node:diagnostics_channel` channels. Publishing is skipped entirely when nobody
 * subscribes, so they cost nothing in normal operation.
 *
 * - `aerospike-ts:command` — one message per finished single-record command:
 *   {@link CommandMessage}.
 * - `aerospike-ts:connection` — a pooled connection opened or closed:
 *   {@link ConnectionMessage}.
 */
export const Channels = Object.freeze({
  command: channel('aerospike-ts:command'),
  connection: channel('aerospike-ts:connection')
});

/** Published on `aerospike-ts:command`. */
export interface CommandMessage {
  /** Name of the node that served the last attempt (undefined if none was reached). */
  readonly node: string | undefined;
  readonly namespace: string;
  /** Hex digest of the key. */
  readonly digest: string;
  readonly isWrite: boolean;
  /** Attempts made (1 = no retry). */
  readonly attempts: number;
  readonly durationMs: number;
  /** The error, when the command failed. */
  readonly error?: Error;
}

/** Published on `aerospike-ts:connection`. */
export interface ConnectionMessage {
  readonly address: string;
  readonly event: 'opened' | 'closed';
}
