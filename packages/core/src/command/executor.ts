import { setTimeout } from 'node:timers';
import type { Cluster } from '../cluster/cluster.js';
import { performance } from 'node:perf_hooks';
import type { CommandMetrics } from '../metrics/command-metrics.js';
import type { Node } from '../cluster/node.js';
import { AerospikeError } from '../errors/aerospike-error.js';
import { ClientClosedError, ClusterError, ConnectionError, MaxErrorRateError, ParseError, TimeoutError } from '../errors/client-errors.js';
import { keepsConnection, ResultCode } from '../errors/result-code.js';
import type { Key } from '../keys/key.js';
import type { Connection, ReplyHandler } from '../net/connection.js';
import { Channels, type CommandMessage } from '../diagnostics.js';
import { ReadModeSC } from '../policy/constants.js';
import type { ResolvedBasePolicy } from '../policy/policies.js';
import type { ResultAdapter } from './result-adapter.js';

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
   * Runs a single-record command to completion or failure. One promise per command: the
   * attempts are driven by the connection's reply callbacks (see {@link SingleRun}), and
   * the promise settles from the socket's event that ends the last attempt. With an
   * `adapter`, it settles with the adapter's value or error instead of the command's own.
   */
  execute<T, R = T>(cmd: SingleCommand<T>, adapter: ResultAdapter<T, R> | null = null): Promise<R> {
    this.#inFlight++;
    return new Promise<R>((resolve, reject) => {
      try {
        new SingleRun<T, R>(this.#cluster, cmd, this.metrics, this.#finished, this.#countBound, adapter, resolve, reject).next();
      } catch (err) {
        // not reachable in practice: every attempt's failure is handled inside the run
        this.#finished();
        reject(err as Error);
      }
    });
  }

  readonly #finished = (): void => {
    if (--this.#inFlight === 0 && this.#idle !== null) {
      const f = this.#idle;
      this.#idle = null;
      f();
    }
  };

  readonly #countBound = (node: Node, err: AerospikeError): void => this.#count(node, err);

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

/**
 * One single-record command in progress: the executor's retry loop written as callbacks.
 *
 * Per attempt: route the key (replica sequence), check the node's error window, borrow a
 * connection (an idle one without a promise; otherwise the pool's wait), send, and take
 * the outcome from the connection's {@link ReplyHandler} calls. The command's promise is
 * settled once, when the last attempt ends.
 */
class SingleRun<T, R> implements ReplyHandler {
  readonly #cluster: Cluster;
  readonly #cmd: SingleCommand<T>;
  readonly #metrics: CommandMetrics | null;
  readonly #finished: () => void;
  readonly #count: (node: Node, err: AerospikeError) => void;
  readonly #adapter: ResultAdapter<T, R> | null;
  readonly #resolve: (v: R) => void;
  readonly #reject: (e: Error) => void;
  readonly #t0: number;
  readonly #start: number;
  readonly #trace: { node: string | undefined; attempts: number } | null;
  readonly #deadline: number;
  #sentCount = 0;
  #doubt = false;
  #attempt = 0;
  #sequence = 0;
  /** This attempt's node and connection, and whether its request was sent. */
  #node: Node | undefined = undefined;
  #conn: Connection | null = null;
  #sentNow = false;

  constructor(
    cluster: Cluster,
    cmd: SingleCommand<T>,
    metrics: CommandMetrics | null,
    finished: () => void,
    count: (node: Node, err: AerospikeError) => void,
    adapter: ResultAdapter<T, R> | null,
    resolve: (v: R) => void,
    reject: (e: Error) => void
  ) {
    this.#cluster = cluster;
    this.#cmd = cmd;
    this.#metrics = metrics;
    this.#finished = finished;
    this.#count = count;
    this.#adapter = adapter;
    this.#resolve = resolve;
    this.#reject = reject;
    const observe = Channels.command.hasSubscribers;
    this.#start = observe ? Date.now() : 0;
    this.#trace = observe ? { node: undefined, attempts: 0 } : null;
    this.#t0 = metrics === null ? 0 : performance.now();
    const total = cmd.policy.totalTimeout;
    this.#deadline = total > 0 ? Date.now() + total : 0;
  }

  /** Starts the next attempt. */
  next(): void {
    const cmd = this.#cmd;
    this.#node = undefined;
    this.#sentNow = false;
    let conn: Connection | null;
    try {
      const node = this.#cluster.nodeFor(cmd.key, cmd.isWrite, cmd.policy, this.#sequence);
      this.#node = node;
      if (this.#trace !== null) {
        this.#trace.node = node.name;
        this.#trace.attempts = this.#attempt + 1;
      }
      const maxErrorRate = this.#cluster.options.maxErrorRate;
      if (maxErrorRate > 0 && node.windowErrors > maxErrorRate) {
        throw new MaxErrorRateError(`node ${node.name} (${node.address}) exceeded ${maxErrorRate} errors in the current window; failing fast until it recovers`, { node: node.address });
      }
      conn = node.pool.tryAcquire();
      if (conn === null) {
        node.pool.acquire(this.#deadline).then(
          (c) => this.#send(c),
          (err: unknown) => this.#failed(err)
        );
        return;
      }
    } catch (err) {
      this.#failed(err);
      return;
    }
    this.#send(conn);
  }

  #send(conn: Connection): void {
    this.#conn = conn;
    this.#sentCount++;
    this.#sentNow = true;
    conn.send(this.#cmd.request, this.#cmd.policy.socketTimeout, this.#deadline, this);
  }

  /** The reply arrived (called by the connection, which is idle again). */
  onReply(frame: Buffer): void {
    const node = this.#node as Node;
    const conn = this.#conn as Connection;
    this.#conn = null;
    let result: T;
    try {
      result = this.#cmd.parse(frame, node);
    } catch (err) {
      if (!(err instanceof AerospikeError) || !keepsConnection(err.resultCode)) conn.close();
      node.pool.release(conn);
      this.#failed(err);
      return;
    }
    try {
      node.pool.release(conn);
      if (this.#trace !== null) publish(this.#cmd, this.#trace, this.#start);
      if (this.#metrics !== null) this.#metrics.record(this.#cmd.key.namespace, this.#cmd.kind, (performance.now() - this.#t0) / 1000, false);
    } catch (err) {
      this.#failed(err);
      return;
    }
    this.#finished();
    this.#deliver(true, result);
  }

  /** The request failed (called by the connection, which closed itself). */
  onFailure(err: Error): void {
    const conn = this.#conn;
    this.#conn = null;
    if (conn !== null) (this.#node as Node).pool.release(conn);
    this.#failed(err);
  }

  /** An attempt failed: retry it, or end the command with the error. */
  #failed(err: unknown): void {
    try {
      this.#afterFailure(err);
    } catch (unexpected) {
      this.#end(unexpected as Error);
    }
  }

  #afterFailure(err: unknown): void {
    const cmd = this.#cmd;
    const p = cmd.policy;
    const node = this.#node;
    const sentNow = this.#sentNow;
    // Closing the client ends the command at once; a write already on the wire may have been applied.
    if (err instanceof ClientClosedError) {
      this.#end(withDoubt(err, cmd.isWrite && (sentNow || this.#doubt || this.#sentCount > 1), node?.address));
      return;
    }
    const error = err instanceof AerospikeError ? err : new ParseError(`unexpected failure: ${(err as Error).message}`, { cause: err });
    const code = error.resultCode;
    if (node !== undefined) this.#count(node, error);
    const connectionFailure = isConnectionFailure(error);
    if (connectionFailure || code === ResultCode.PARTITION_UNAVAILABLE || (error instanceof ClusterError && code === ResultCode.PARTITION_UNAVAILABLE)) {
      void this.#cluster.requestTend();
    }
    const retryable =
      connectionFailure ||
      (error instanceof TimeoutError && error.kind === 'socket') ||
      (code > 0 && isRetryableServerCode(code)) ||
      (error instanceof ClusterError && code === ResultCode.PARTITION_UNAVAILABLE);
    // A write is in doubt once a sent attempt ended without a definitive answer,
    // or when it was sent more than once.
    if (sentNow && (code === ResultCode.TIMEOUT || code <= 0)) this.#doubt = true;
    const inDoubt = cmd.isWrite && (this.#doubt || this.#sentCount > 1);
    const deadline = this.#deadline;
    const timeLeft = deadline === 0 || Date.now() + p.sleepBetweenRetries < deadline;
    if (!retryable || this.#attempt >= p.maxRetries || !timeLeft) {
      const failure = withDoubt(error, inDoubt, node?.address);
      if (this.#cluster.listenerCount('commandFailed') > 0) notifyFailure(this.#cluster, cmd, node, this.#attempt + 1, failure);
      this.#end(failure);
      return;
    }
    this.#attempt++;
    // Reads walk the replica sequence on every retry (SC linearize only after a
    // connection failure); writes move on only when the node could not be used.
    const linearize = p.readModeSC === ReadModeSC.LINEARIZE;
    if (cmd.isWrite || linearize ? connectionFailure : true) this.#sequence++;
    if (p.sleepBetweenRetries > 0 && !(error instanceof TimeoutError)) {
      setTimeout(() => this.next(), p.sleepBetweenRetries).unref();
      return;
    }
    this.next();
  }

  /** Ends the command with `err`. */
  #end(err: Error): void {
    let failure = err;
    try {
      if (this.#trace !== null) publish(this.#cmd, this.#trace, this.#start, err);
      if (this.#metrics !== null) this.#metrics.record(this.#cmd.key.namespace, this.#cmd.kind, (performance.now() - this.#t0) / 1000, true);
    } catch (unexpected) {
      failure = unexpected as Error;
    }
    this.#finished();
    this.#deliver(false, failure);
  }

  /** Settles the command's promise with its result or failure, through the adapter when there is one. */
  #deliver(ok: boolean, outcome: unknown): void {
    const adapter = this.#adapter;
    if (adapter === null) {
      if (ok) this.#resolve(outcome as R);
      else this.#reject(outcome as Error);
      return;
    }
    let value: R;
    try {
      value = ok ? adapter.value(outcome as T) : adapter.failure(outcome as Error);
    } catch (thrown) {
      this.#reject(thrown as Error); // what the adapter threw: its value failed, or the front end's error
      return;
    }
    this.#resolve(value);
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
