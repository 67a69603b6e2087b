import { randomBytes } from 'node:crypto';
import type { Cluster } from '../cluster/cluster.js';
import type { Node } from '../cluster/node.js';
import { AerospikeError } from '../errors/aerospike-error.js';
import { ClientClosedError, ClusterError, ConnectionError, MaxErrorRateError, ParseError, TimeoutError } from '../errors/client-errors.js';
import { ResultCode } from '../errors/result-code.js';
import { serverError } from '../errors/server-errors.js';
import type { Connection } from '../net/connection.js';
import { Replica, type ReadModeSC } from '../policy/constants.js';
import type { DecodeOptions } from '../values/value-types.js';
import type { Executor } from './executor.js';
import type { PartitionFilter, PartitionStatus } from './partition-filter.js';
import { encodeQuery, parseQueryMessages, type QueryRecord, type QueryRequestSpec, type QuerySink } from './query-command.js';
import { RecordStream } from './record-stream.js';

/** Settings of one scan or query run. */
export interface QueryRunOptions {
  readonly spec: QueryRequestSpec;
  readonly partitions: PartitionFilter;
  /** Stop after this many records (0 = all). */
  readonly maxRecords: number;
  readonly maxRetries: number;
  readonly totalTimeout: number;
  readonly socketTimeout: number;
  readonly replica: Replica;
  readonly readModeSC: ReadModeSC;
  /** Records buffered before the sockets are paused. */
  readonly highWater: number;
  /** Nodes queried at once (0 = all). */
  readonly maxConcurrentNodes: number;
  readonly decode: DecodeOptions | undefined;
}

function retryable(err: AerospikeError): boolean {
  const c = err.resultCode;
  return (
    err instanceof ConnectionError ||
    err instanceof MaxErrorRateError ||
    (err instanceof TimeoutError && err.kind !== 'total') ||
    (err instanceof ClusterError && c === ResultCode.PARTITION_UNAVAILABLE) ||
    c === ResultCode.TIMEOUT ||
    c === ResultCode.DEVICE_OVERLOAD ||
    c === ResultCode.PARTITION_UNAVAILABLE ||
    c === ResultCode.QUERY_QUEUEFULL
  );
}

/**
 * Runs partition-based scans and queries. Each round assigns the unfinished partitions
 * to nodes (replica policy, per-partition sequence), sends one command per node, and
 * streams records into a {@link RecordStream}. Every record moves its partition's resume
 * point, so a partition whose node fails is resumed on the next replica after the last
 * record delivered: nothing is delivered twice and nothing is skipped. When the consumer
 * falls behind, the sockets are paused.
 */
export class QueryExecutor {
  readonly #cluster: Cluster;
  readonly #executor: Executor;

  constructor(cluster: Cluster, executor: Executor) {
    this.#cluster = cluster;
    this.#executor = executor;
  }

  /** Starts a scan/query and returns its record stream. */
  start(o: QueryRunOptions): RecordStream<QueryRecord> {
    const stream = new RecordStream<QueryRecord>(o.highWater);
    const run = new QueryRun(this.#cluster, this.#executor, o, stream);
    stream.control(
      () => run.pause(),
      () => run.resume(),
      () => run.cancel()
    );
    void this.#executor.track(() => run.execute());
    return stream;
  }

  /** Runs a background query (write ops / UDF on every record): no records come back. */
  async background(o: QueryRunOptions): Promise<bigint> {
    const stream = new RecordStream<QueryRecord>(o.highWater);
    const run = new QueryRun(this.#cluster, this.#executor, o, stream);
    await this.#executor.track(() => run.execute());
    await stream.toArray();
    return run.taskId;
  }
}

/** One scan/query execution (internal). */
class QueryRun {
  readonly #cluster: Cluster;
  readonly #executor: Executor;
  readonly #o: QueryRunOptions;
  readonly #stream: RecordStream<QueryRecord>;
  readonly taskId: bigint;
  readonly #active = new Set<Connection>();
  #paused = false;
  #cancelled = false;
  #delivered = 0;

  constructor(cluster: Cluster, executor: Executor, o: QueryRunOptions, stream: RecordStream<QueryRecord>) {
    this.#cluster = cluster;
    this.#executor = executor;
    this.#o = o;
    this.#stream = stream;
    this.taskId = randomBytes(8).readBigUInt64BE(0) & 0x7fffffffffffffffn;
  }

  pause(): void {
    this.#paused = true;
    for (const c of this.#active) c.pause();
  }

  resume(): void {
    this.#paused = false;
    for (const c of this.#active) c.resume();
  }

  cancel(): void {
    this.#cancelled = true;
    for (const c of this.#active) c.close(new ClientClosedError('the scan/query stream was closed'));
  }

  async execute(): Promise<void> {
    const o = this.#o;
    const statuses = o.partitions.statuses();
    const sequence = new Map<number, number>();
    const deadline = o.totalTimeout > 0 ? Date.now() + o.totalTimeout : 0;
    let attempt = 0;
    let lastError: AerospikeError | null = null;
    try {
      for (;;) {
        const todo = statuses.filter((s) => !s.done);
        if (todo.length === 0 || this.#cancelled || (o.maxRecords > 0 && this.#delivered >= o.maxRecords)) break;
        if (attempt > o.maxRetries || (deadline > 0 && Date.now() >= deadline)) {
          throw lastError ?? new TimeoutError('scan/query did not finish before its total timeout', 'total');
        }
        const groups = new Map<Node, PartitionStatus[]>();
        for (const s of todo) {
          const node = this.#cluster.nodeForPartition(o.spec.namespace, s.id, false, { replica: o.replica === Replica.RANDOM ? Replica.SEQUENCE : o.replica, readModeSC: o.readModeSC }, sequence.get(s.id) ?? 0);
          let g = groups.get(node);
          if (g === undefined) groups.set(node, (g = []));
          g.push(s);
        }
        const nodes = [...groups];
        const remaining = o.maxRecords > 0 ? o.maxRecords - this.#delivered : 0;
        const perNode = remaining > 0 ? Math.max(1, Math.ceil(remaining / nodes.length)) : 0;
        const failed: PartitionStatus[] = [];
        const limit = o.maxConcurrentNodes > 0 ? o.maxConcurrentNodes : nodes.length;
        for (let i = 0; i < nodes.length; i += limit) {
          await Promise.all(
            nodes.slice(i, i + limit).map(async ([node, parts]) => {
              try {
                await this.#runNode(node, parts, perNode, deadline);
              } catch (err) {
                const e = err instanceof AerospikeError ? err : new ParseError(String(err), { cause: err });
                if (this.#cancelled) return;
                if (!retryable(e)) throw e;
                lastError = e;
                for (const p of parts) if (!p.done) failed.push(p);
              }
            })
          );
        }
        for (const p of failed) sequence.set(p.id, (sequence.get(p.id) ?? 0) + 1);
        if (failed.length > 0) {
          attempt++;
          void this.#cluster.requestTend();
        } else if (o.maxRecords > 0) {
          // A page is one pass (as the official clients do): a page may hold fewer than
          // maxRecords; what is left resumes from the partition state on the next page.
          break;
        }
      }
      this.#stream.end();
    } catch (err) {
      this.#stream.end(err instanceof Error ? err : new ParseError(String(err)));
    }
  }

  async #runNode(node: Node, parts: PartitionStatus[], maxRecords: number, deadline: number): Promise<void> {
    const o = this.#o;
    const request = encodeQuery(o.spec, this.taskId, parts, maxRecords);
    // partition id -> status, as an array (a record's pid is 0..4095)
    const byId: Array<PartitionStatus | undefined> = [];
    for (const p of parts) byId[p.id] = p;
    const unavailable = new Set<number>();
    let count = 0;
    let discarded = false;
    const stream = this.#stream;
    const sink: QuerySink = {
      record: (pid, digest, bval, rec) => {
        const p = byId[pid];
        if (p === undefined || this.#cancelled) return;
        if (o.maxRecords > 0 && this.#delivered >= o.maxRecords) {
          discarded = true;
          return;
        }
        // the resume point: copied into the partition's own buffer (the record's digest is a view of the frame)
        let d = p.digest;
        if (d === null) p.digest = d = Buffer.allocUnsafe(20);
        for (let b = 0; b < 20; b++) d[b] = digest[b] as number;
        p.bval = bval;
        count++;
        this.#delivered++;
        stream.push(rec);
      },
      partitionDone: (pid, code) => {
        if (code !== 0) unavailable.add(pid);
      }
    };
    const conn = await node.pool.acquire(deadline);
    this.#active.add(conn);
    if (this.#paused) conn.pause();
    let lastCode = 0;
    try {
      await conn.stream(
        request,
        {
          // records are parsed as their bytes arrive, not once per (up to 1 MiB) frame
          onMessages: (body: Buffer, start: number, end: number): boolean => {
            const code = parseQueryMessages(body, start, end, o.spec.namespace, o.decode, sink);
            if (code === undefined) return false;
            lastCode = code;
            return true;
          }
        },
        o.socketTimeout,
        deadline
      );
      this.#active.delete(conn);
      if (this.#paused) conn.resume();
      node.pool.release(conn);
    } catch (err) {
      this.#active.delete(conn);
      conn.close();
      node.pool.release(conn);
      if (err instanceof AerospikeError) this.#executor.countFailure(node, err);
      throw err;
    }
    if (lastCode !== 0 && lastCode !== ResultCode.KEY_NOT_FOUND_ERROR) {
      throw serverError(lastCode, { node: node.address, detail: `scan/query on ${node.name}` });
    }
    // The node finished its partitions, except unavailable ones. When it stopped at its
    // record limit (or records were held back for the overall limit), none of its
    // partitions is known to be finished: each resumes after its last delivered record.
    if (!(maxRecords > 0 && count >= maxRecords) && !discarded) {
      for (const p of parts) {
        if (unavailable.has(p.id)) continue;
        p.done = true;
        p.digest = null;
      }
    }
    if (unavailable.size > 0) throw new ClusterError(`${unavailable.size} partitions were unavailable on ${node.name}`, { resultCode: ResultCode.PARTITION_UNAVAILABLE, node: node.address });
  }
}
