import { setTimeout as sleep } from 'node:timers/promises';
import type { Cluster } from '../cluster/cluster.js';
import { performance } from 'node:perf_hooks';
import type { CommandMetrics } from '../metrics/command-metrics.js';
import type { Node } from '../cluster/node.js';
import { AerospikeError } from '../errors/aerospike-error.js';
import { ClientClosedError, ClusterError, ConnectionError, MaxErrorRateError, ParseError, TimeoutError } from '../errors/client-errors.js';
import { keepsConnection, ResultCode } from '../errors/result-code.js';
import type { Key } from '../keys/key.js';
import { Channels, type CommandMessage } from '../diagnostics.js';
import { ReadModeSC } from '../policy/constants.js';
import type { ResolvedBasePolicy } from '../policy/policies.js';

/**
 * A single-record command: an encoded request, the key that routes it, and how to read
 * its reply. Parsing throws a ServerError for a result code the command does not accept.
 */
export interface SingleCommand<T> {
  readonly key: Key;
  /** A `CommandKind` value: names the operation in metrics. */
  readonly kind: number;
  /** True when the command may change the record (decides `inDoubt` and routing). */
  readonly isWrite: boolean;
  readonly policy: ResolvedBasePolicy;
  /** The encoded request frame, reused unchanged by every attempt. */
  readonly request: Buffer;
  parse(frame: Buffer, node: Node): T;
}

function isRetryableServerCode(code: number): boolean {
  return code === ResultCode.TIMEOUT || code === ResultCode.DEVICE_OVERLOAD || code === ResultCode.KEY_BUSY || code === ResultCode.PARTITION_UNAVAILABLE;
}

/** Whether the failure means the node could not be used at all (so a write moves on). */
function isConnectionFailure(err: AerospikeError): boolean {
  return err instanceof ConnectionError || err instanceof MaxErrorRateError || (err instanceof TimeoutError && err.kind === 'connect');
}

/** Returns the same error marked in doubt (errors are immutable, so a copy of the same class). */
export function withDoubt(err: AerospikeError, inDoubt: boolean, node: string | undefined): AerospikeError {
  if (!inDoubt || err.inDoubt) return err;
  const copy = Object.create(Object.getPrototypeOf(err) as object) as AerospikeError;
  Object.assign(copy, err);
  Object.defineProperty(copy, 'message', { value: err.message, enumerable: false, writable: true, configurable: true });
  Object.defineProperty(copy, 'stack', { value: err.stack, enumerable: false, writable: true, configurable: true });
  Object.defineProperty(copy, 'cause', { value: (err as { cause?: unknown }).cause, enumerable: false, writable: true, configurable: true });
  Object.defineProperty(copy, 'inDoubt', { value: true, enumerable: true });
  if (node !== undefined && copy.node === undefined) Object.defineProperty(copy, 'node', { value: node, enumerable: true });
  return copy;
}

/**
 * Runs commands: the only retry loop in the client.
 *
 * Per attempt: route the key (replica sequence), check the node's error window, borrow
 * a connection, send, await the reply, parse. The total timeout bounds all attempts; the
 * socket timeout bounds each wait for data. Retries happen on connection failures,
 * client socket timeouts, a node over its error rate, and the server codes TIMEOUT,
 * DEVICE_OVERLOAD, KEY_BUSY and PARTITION_UNAVAILABLE, up to `maxRetries`. Reads move to
 * the next replica on every retry; writes stay on the master unless the node could not
 * be used. A write that failed after its request was sent is reported `inDoubt`.
 */
export class Executor {
  readonly #cluster: Cluster;
  #inFlight = 0;
  /** Latency histograms; null (the default) records nothing and costs nothing. */
  metrics: CommandMetrics | null = null;
  #idle: (() => void) | null = null;

  constructor(cluster: Cluster) {
    this.#cluster = cluster;
  }

  /** Commands currently running. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Resolves when no command is running. */
  drained(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const prev = this.#idle;
      this.#idle = () => {
        prev?.();
        resolve();
      };
    });
  }

  /** Counts `fn` as an in-flight command (batch, scan) so close() waits for it. */
  async track<T>(fn: () => Promise<T>): Promise<T> {
    this.#inFlight++;
    try {
      return await fn();
    } finally {
      if (--this.#inFlight === 0 && this.#idle !== null) {
        const f = this.#idle;
        this.#idle = null;
        f();
      }
    }
  }

  /**
   * Runs a single-record command to completion or failure. One async frame per command:
   * the retry loop lives here rather than in a helper so no second promise is made.
   */
  async execute<T>(cmd: SingleCommand<T>): Promise<T> {
    this.#inFlight++;
    const observe = Channels.command.hasSubscribers;
    const start = observe ? Date.now() : 0;
    const trace = observe ? { node: undefined as string | undefined, attempts: 0 } : null;
    const metrics = this.metrics;
    const t0 = metrics === null ? 0 : performance.now();
    try {
      const p = cmd.policy;
      const cluster = this.#cluster;
      const maxErrorRate = cluster.options.maxErrorRate;
      const deadline = p.totalTimeout > 0 ? Date.now() + p.totalTimeout : 0;
      let sentCount = 0;
      let doubt = false;
      let attempt = 0;
      let sequence = 0;
      for (;;) {
        let node: Node | undefined;
        let sentNow = false;
        let error: AerospikeError;
        try {
          node = cluster.nodeFor(cmd.key, cmd.isWrite, p, sequence);
          if (trace !== null) {
            trace.node = node.name;
            trace.attempts = attempt + 1;
          }
          if (maxErrorRate > 0 && node.windowErrors > maxErrorRate) {
            throw new MaxErrorRateError(`node ${node.name} (${node.address}) exceeded ${maxErrorRate} errors in the current window; failing fast until it recovers`, { node: node.address });
          }
          const conn = node.pool.tryAcquire() ?? (await node.pool.acquire(deadline));
          let frame: Buffer;
          try {
            sentCount++;
            sentNow = true;
            frame = await conn.request(cmd.request, p.socketTimeout, deadline);
          } catch (err) {
            node.pool.release(conn); // the connection closed itself on failure
            throw err;
          }
          let result: T;
          try {
            result = cmd.parse(frame, node);
          } catch (err) {
            if (!(err instanceof AerospikeError) || !keepsConnection(err.resultCode)) conn.close();
            node.pool.release(conn);
            throw err;
          }
          node.pool.release(conn);
          if (trace !== null) publish(cmd, trace, start);
          if (metrics !== null) metrics.record(cmd.key.namespace, cmd.kind, (performance.now() - t0) / 1000, false);
          return result;
        } catch (err) {
          // Closing the client ends the command at once; a write already on the wire may have been applied.
          if (err instanceof ClientClosedError) throw withDoubt(err, cmd.isWrite && (sentNow || doubt || sentCount > 1), node?.address);
          error = err instanceof AerospikeError ? err : new ParseError(`unexpected failure: ${(err as Error).message}`, { cause: err });
        }
        const code = error.resultCode;
        if (node !== undefined) this.#count(node, error);
        const connectionFailure = isConnectionFailure(error);
        if (connectionFailure || code === ResultCode.PARTITION_UNAVAILABLE || (error instanceof ClusterError && code === ResultCode.PARTITION_UNAVAILABLE)) {
          void cluster.requestTend();
        }
        const retryable =
          connectionFailure ||
          (error instanceof TimeoutError && error.kind === 'socket') ||
          (code > 0 && isRetryableServerCode(code)) ||
          (error instanceof ClusterError && code === ResultCode.PARTITION_UNAVAILABLE);
        // A write is in doubt once a sent attempt ended without a definitive answer,
        // or when it was sent more than once.
        if (sentNow && (code === ResultCode.TIMEOUT || code <= 0)) doubt = true;
        const inDoubt = cmd.isWrite && (doubt || sentCount > 1);
        const now = Date.now();
        const timeLeft = deadline === 0 || now + p.sleepBetweenRetries < deadline;
        if (!retryable || attempt >= p.maxRetries || !timeLeft) {
          const failure = withDoubt(error, inDoubt, node?.address);
          if (cluster.listenerCount('commandFailed') > 0) notifyFailure(cluster, cmd, node, attempt + 1, failure);
          throw failure;
        }
        attempt++;
        // Reads walk the replica sequence on every retry (SC linearize only after a
        // connection failure); writes move on only when the node could not be used.
        const linearize = p.readModeSC === ReadModeSC.LINEARIZE;
        if (cmd.isWrite || linearize ? connectionFailure : true) sequence++;
        if (p.sleepBetweenRetries > 0 && !(error instanceof TimeoutError)) await sleep(p.sleepBetweenRetries, undefined, { ref: false });
      }
    } catch (err) {
      if (trace !== null) publish(cmd, trace, start, err as Error);
      if (metrics !== null) metrics.record(cmd.key.namespace, cmd.kind, (performance.now() - t0) / 1000, true);
      throw err;
    } finally {
      if (--this.#inFlight === 0 && this.#idle !== null) {
        const f = this.#idle;
        this.#idle = null;
        f();
      }
    }
  }

  /** Updates a node's counters for a failure (also used by the batch and scan engines). */
  countFailure(node: Node, err: AerospikeError): void {
    this.#count(node, err);
  }

  #count(node: Node, err: AerospikeError): void {
    if (err instanceof TimeoutError) {
      node.counters.timeouts++;
      node.windowErrors++;
    } else if (err instanceof ConnectionError || err instanceof ParseError) {
      node.counters.connectionErrors++;
      node.windowErrors++;
    } else if (err.resultCode > 0) {
      node.counters.serverErrors++;
      if (err.resultCode === ResultCode.DEVICE_OVERLOAD) node.windowErrors++;
    }
  }
}

function publish(cmd: SingleCommand<unknown>, trace: { node: string | undefined; attempts: number }, start: number, error?: Error): void {
  const msg: CommandMessage = {
    node: trace.node,
    namespace: cmd.key.namespace,
    digest: cmd.key.digest.toString('hex'),
    isWrite: cmd.isWrite,
    attempts: trace.attempts,
    durationMs: Date.now() - start,
    ...(error === undefined ? {} : { error })
  };
  Channels.command.publish(msg);
}

/** Emits `commandFailed`; a listener that throws cannot replace the command's own error. */
function notifyFailure(cluster: Cluster, cmd: SingleCommand<unknown>, node: Node | undefined, attempts: number, error: Error): void {
  try {
    cluster.emit('commandFailed', { node: node?.name, namespace: cmd.key.namespace, isWrite: cmd.isWrite, attempts, error });
  } catch (listenerError) {
    queueMicrotask(() => {
      throw listenerError;
    });
  }
}
