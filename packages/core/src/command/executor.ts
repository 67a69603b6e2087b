import { setTimeout as sleep } from 'node:timers/promises';
import type { Cluster } from '../cluster/cluster.js';
import type { Node } from '../cluster/node.js';
import { AerospikeError } from '../errors/aerospike-error.js';
import { ClientClosedError, ConnectionError, ParseError, TimeoutError } from '../errors/client-errors.js';
import { keepsConnection, ResultCode } from '../errors/result-code.js';
import type { Key } from '../keys/key.js';
import type { ResolvedBasePolicy } from '../policy/policies.js';

/**
 * A single-record command: an encoded request, the key that routes it, and how to read
 * its reply. Parsing throws a ServerError for a result code the command does not accept.
 */
export interface SingleCommand<T> {
  readonly key: Key;
  /** True when the command may change the record (decides `inDoubt`). */
  readonly isWrite: boolean;
  readonly policy: ResolvedBasePolicy;
  /** The encoded request frame, reused unchanged by every attempt. */
  readonly request: Buffer;
  parse(frame: Buffer, node: Node): T;
}

function isRetryableServerCode(code: number): boolean {
  return code === ResultCode.TIMEOUT || code === ResultCode.DEVICE_OVERLOAD || code === ResultCode.KEY_BUSY;
}

function withDoubt(err: AerospikeError, inDoubt: boolean, node: string | undefined): AerospikeError {
  if (err.inDoubt === inDoubt || !inDoubt) return err;
  // Errors are immutable; mark doubt on a copy with the same class and message.
  const copy = Object.create(Object.getPrototypeOf(err) as object) as AerospikeError;
  Object.assign(copy, err);
  Object.defineProperty(copy, 'message', { value: err.message, enumerable: false, writable: true, configurable: true });
  Object.defineProperty(copy, 'stack', { value: err.stack, enumerable: false, writable: true, configurable: true });
  Object.defineProperty(copy, 'inDoubt', { value: true, enumerable: true });
  if (node !== undefined && copy.node === undefined) Object.defineProperty(copy, 'node', { value: node, enumerable: true });
  return copy;
}

/**
 * Runs commands: the only retry loop in the client.
 *
 * Per attempt: pick the node, borrow a connection, send, await the reply, parse. The
 * total timeout bounds all attempts; the socket timeout bounds each wait for data.
 * Retries happen on connection failures, client socket timeouts and the server codes
 * TIMEOUT, DEVICE_OVERLOAD and KEY_BUSY, up to `maxRetries`. A write that failed after
 * its request was sent is reported `inDoubt`.
 */
export class Executor {
  readonly #cluster: Cluster;

  constructor(cluster: Cluster) {
    this.#cluster = cluster;
  }

  /** Runs a single-record command to completion or failure. */
  async execute<T>(cmd: SingleCommand<T>): Promise<T> {
    const p = cmd.policy;
    const deadline = p.totalTimeout > 0 ? Date.now() + p.totalTimeout : 0;
    let sentCount = 0;
    let doubt = false;
    let attempt = 0;
    for (;;) {
      let node: Node | undefined;
      let sentNow = false;
      let error: AerospikeError;
      try {
        node = this.#cluster.nodeFor(cmd.key, cmd.isWrite, attempt);
        const conn = await node.pool.acquire(deadline);
        let frame: Buffer;
        try {
          sentCount++;
          sentNow = true;
          frame = await conn.request(cmd.request, p.socketTimeout, deadline);
        } catch (err) {
          node.pool.release(conn); // the connection closed itself on failure
          throw err;
        }
        try {
          const result = cmd.parse(frame, node);
          node.pool.release(conn);
          return result;
        } catch (err) {
          if (!(err instanceof AerospikeError) || !keepsConnection(err.resultCode)) conn.close();
          node.pool.release(conn);
          throw err;
        }
      } catch (err) {
        if (err instanceof ClientClosedError) throw err;
        error = err instanceof AerospikeError ? err : new ParseError(`unexpected failure: ${(err as Error).message}`, { cause: err });
      }
      const code = error.resultCode;
      const retryable =
        error instanceof ConnectionError ||
        (error instanceof TimeoutError && error.kind === 'socket') ||
        (code > 0 && isRetryableServerCode(code));
      // A write is in doubt once a sent attempt ended without a definitive answer,
      // or when it was sent more than once.
      if (sentNow && (code === ResultCode.TIMEOUT || code <= 0)) doubt = true;
      const inDoubt = cmd.isWrite && (doubt || sentCount > 1);
      const now = Date.now();
      const timeLeft = deadline === 0 || now + p.sleepBetweenRetries < deadline;
      if (!retryable || attempt >= p.maxRetries || !timeLeft) {
        throw withDoubt(error, inDoubt, node?.address);
      }
      attempt++;
      if (p.sleepBetweenRetries > 0 && !(error instanceof TimeoutError)) await sleep(p.sleepBetweenRetries, undefined, { ref: false });
    }
  }
}
