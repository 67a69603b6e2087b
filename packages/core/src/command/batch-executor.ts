import { setTimeout as sleep } from 'node:timers/promises';
import type { Cluster } from '../cluster/cluster.js';
import type { Node } from '../cluster/node.js';
import { AerospikeError } from '../errors/aerospike-error.js';
import { ClientClosedError, ClusterError, ConnectionError, MaxErrorRateError, ParseError, TimeoutError } from '../errors/client-errors.js';
import { ResultCode } from '../errors/result-code.js';
import { serverError } from '../errors/server-errors.js';
import type { FilterExpression, ResolvedBasePolicy } from '../policy/policies.js';
import type { DecodeOptions, DecodedBins, DecodedValue } from '../values/value-types.js';
import { OpType } from '../wire/constants.js';
import type { Operation } from './operation.js';
import { BatchRowMode, encodeBatch, parseBatchReply, type BatchReplySink } from './batch-command.js';
import type { BatchRecord, BatchResult } from './batch-records.js';
import { withDoubt, type Executor } from './executor.js';
import { setBin } from './record-parser.js';
import { observeTxnResult } from '../txn/txn-observe.js';

/** A fully defaulted batch policy. */
export interface ResolvedBatchPolicy extends ResolvedBasePolicy {
  readonly allowInline: boolean;
  readonly allowInlineSSD: boolean;
  readonly respondAllKeys: boolean;
  readonly maxRecordsPerCommand: number;
}

function filterBytes(f: FilterExpression | null): Uint8Array | null {
  if (f === null) return null;
  return f instanceof Uint8Array ? f : f.toBytes();
}

function retryable(err: AerospikeError): boolean {
  const code = err.resultCode;
  return (
    err instanceof ConnectionError ||
    err instanceof MaxErrorRateError ||
    (err instanceof TimeoutError && err.kind !== 'total') ||
    (err instanceof ClusterError && code === ResultCode.PARTITION_UNAVAILABLE) ||
    code === ResultCode.TIMEOUT ||
    code === ResultCode.DEVICE_OVERLOAD ||
    code === ResultCode.BATCH_QUEUES_FULL
  );
}

/**
 * Runs a batch: groups the records by node (replica-aware, as single commands route),
 * sends one batch-index command per node (split at `maxRecordsPerCommand`) in parallel,
 * and merges the rows back in input order. When a node command fails with a retryable
 * error, only that node's records are routed again (next replica for reads) and re-sent.
 * Writes that were sent and not answered are reported `inDoubt`.
 */
export class BatchExecutor {
  readonly #cluster: Cluster;
  readonly #executor: Executor;

  constructor(cluster: Cluster, executor: Executor) {
    this.#cluster = cluster;
    this.#executor = executor;
  }

  /** Runs the batch; never rejects for per-record failures, only for a closed client. */
  execute(records: readonly BatchRecord[], p: ResolvedBatchPolicy, decode: DecodeOptions | undefined): Promise<BatchResult[]> {
    return this.#executor.track(() => this.#run(records, p, decode));
  }

  async #run(records: readonly BatchRecord[], p: ResolvedBatchPolicy, decode: DecodeOptions | undefined): Promise<BatchResult[]> {
    const n = records.length;
    const results: Array<BatchResult | undefined> = new Array<BatchResult | undefined>(n);
    const sent = new Uint8Array(n);
    const deadline = p.totalTimeout > 0 ? Date.now() + p.totalTimeout : 0;
    const filter = filterBytes(p.filterExpression);
    let pending = records.map((_, i) => i);
    let attempt = 0;
    let lastError = new Map<number, AerospikeError>();
    // The client closing ends the batch at once; writes sent and not answered may have been applied.
    const closed = (err: ClientClosedError): AerospikeError => withDoubt(err, records.some((r, i) => r.type !== 'read' && sent[i] === 1 && results[i] === undefined), err.node);
    for (;;) {
      const groups = new Map<Node, number[]>();
      for (const i of pending) {
        const rec = records[i] as BatchRecord;
        try {
          const node = this.#cluster.nodeFor(rec.key, rec.type !== 'read', p, attempt);
          let g = groups.get(node);
          if (g === undefined) groups.set(node, (g = []));
          g.push(i);
        } catch (err) {
          if (err instanceof ClientClosedError) throw closed(err);
          lastError.set(i, err as AerospikeError);
        }
      }
      const retry: number[] = [];
      const errors = new Map<number, AerospikeError>();
      // every node command is encoded before any is sent: an invalid record fails the whole call, nothing sent
      const commands: Array<[Node, number[], Buffer]> = [];
      for (const [node, idxs] of groups) {
        for (let s = 0; s < idxs.length; s += p.maxRecordsPerCommand) {
          const chunk = idxs.length <= p.maxRecordsPerCommand ? idxs : idxs.slice(s, s + p.maxRecordsPerCommand);
          commands.push([node, chunk, encode(records, chunk, p, filter)]);
        }
      }
      const tasks: Array<Promise<void>> = [];
      for (const [node, chunk, request] of commands) {
        tasks.push(
          this.#runNode(node, records, chunk, request, p, deadline, decode, results, sent).catch((err: unknown) => {
            const e = err instanceof AerospikeError ? err : new ParseError(String(err), { cause: err });
            if (e instanceof ClientClosedError) throw e;
            for (const i of chunk) {
              if (results[i] !== undefined) continue;
              errors.set(i, e);
              if (retryable(e)) retry.push(i);
            }
          })
        );
      }
      try {
        await Promise.all(tasks);
      } catch (err) {
        throw err instanceof ClientClosedError ? closed(err) : err;
      }
      for (const [i, e] of errors) lastError.set(i, e);
      if (lastError.size > 0) {
        for (const i of pending) if (results[i] === undefined && lastError.get(i) instanceof ClusterError && lastError.get(i)?.resultCode === ResultCode.PARTITION_UNAVAILABLE) retry.push(i);
      }
      const timeLeft = deadline === 0 || Date.now() + p.sleepBetweenRetries < deadline;
      if (retry.length === 0 || attempt >= p.maxRetries || !timeLeft) break;
      pending = [...new Set(retry)];
      for (const i of pending) lastError.delete(i);
      attempt++;
      void this.#cluster.requestTend();
      if (p.sleepBetweenRetries > 0) await sleep(p.sleepBetweenRetries, undefined, { ref: false });
    }
    let complete = true;
    for (let i = 0; i < n && complete; i++) complete = results[i] !== undefined;
    if (complete) return results as BatchResult[]; // every record answered: the results are the answer
    const out: BatchResult[] = new Array<BatchResult>(n);
    for (let i = 0; i < n; i++) {
      const r = results[i];
      if (r !== undefined) {
        out[i] = r;
        continue;
      }
      const rec = records[i] as BatchRecord;
      const isWrite = rec.type !== 'read';
      const inDoubt = isWrite && sent[i] === 1;
      const err = lastError.get(i) ?? new ParseError(`no reply for batch record ${i} (${rec.key.toString()})`);
      out[i] = { key: rec.key, resultCode: err.resultCode, record: null, inDoubt, error: withDoubt(err, inDoubt, err.node) };
    }
    lastError = new Map();
    return out;
  }

  async #runNode(
    node: Node,
    records: readonly BatchRecord[],
    idxs: number[],
    request: Buffer,
    p: ResolvedBatchPolicy,
    deadline: number,
    decode: DecodeOptions | undefined,
    results: Array<BatchResult | undefined>,
    sent: Uint8Array
  ): Promise<void> {
    const maxErrorRate = this.#cluster.options.maxErrorRate;
    if (maxErrorRate > 0 && node.windowErrors > maxErrorRate) {
      throw new MaxErrorRateError(`node ${node.name} (${node.address}) exceeded ${maxErrorRate} errors in the current window`, { node: node.address });
    }
    const conn = await node.pool.acquire(deadline);
    let lastCode = 0;
    const mine = new Uint8Array(records.length);
    for (const i of idxs) mine[i] = 1;
    const txn = p.txn;
    // rows go straight into `results`, by index
    const rows: BatchReplySink = {
      mode(i: number): BatchRowMode {
        const rec = records[i];
        if (rec === undefined || mine[i] !== 1) throw new ParseError(`batch reply names record ${i}, which was not sent to ${node.address}`, { node: node.address });
        return rec.type !== 'read' ? BatchRowMode.ORDERED : rec.ops !== undefined ? BatchRowMode.GATHER : BatchRowMode.BINS;
      },
      row(i, resultCode, generation, ttl, bins, ordered, version): void {
        const rec = records[i] as BatchRecord;
        if (txn !== null) observeTxnResult(txn, rec.key, rec.type !== 'read', resultCode, version);
        results[i] = toResult(rec, resultCode, generation, ttl, bins, ordered, node);
      }
    };
    const sink = {
      onFrame(frame: Buffer): boolean {
        const code = parseBatchReply(frame, decode, rows);
        if (code === undefined) return false;
        lastCode = code;
        return true;
      }
    };
    try {
      for (const i of idxs) sent[i] = 1;
      await conn.stream(request, sink, p.socketTimeout, deadline);
      node.pool.release(conn);
    } catch (err) {
      conn.close();
      node.pool.release(conn);
      if (err instanceof AerospikeError) this.#executor.countFailure(node, err);
      throw err;
    }
    if (lastCode !== 0) throw serverError(lastCode, { node: node.address, detail: `batch command to ${node.name}` });
  }
}

/** Encodes the batch command of one node for the records `idxs`. */
function encode(records: readonly BatchRecord[], idxs: readonly number[], p: ResolvedBatchPolicy, filter: Uint8Array | null): Buffer {
  return encodeBatch(records, idxs, {
    totalTimeout: p.totalTimeout,
    filter,
    compress: p.compress,
    allowInline: p.allowInline,
    allowInlineSSD: p.allowInlineSSD,
    respondAllKeys: p.respondAllKeys,
    readModeAP: p.readModeAP,
    readModeSC: p.readModeSC,
    txn: p.txn
  });
}

const READ_OPS = new Set<number>([OpType.READ, OpType.CDT_READ, OpType.BIT_READ, OpType.EXP_READ, OpType.HLL_READ]);

/**
 * Bins of a batch write's reply: the server answers every op in order (writes with nil),
 * so only the results of read ops are kept; several reads of one bin are gathered.
 */
function writeBins(ops: readonly Operation[], bins: DecodedBins | null, ordered: Array<[string, DecodedValue]>): DecodedBins {
  if (ordered.length !== ops.length) return bins ?? {};
  const values = new Map<string, DecodedValue[]>();
  for (let i = 0; i < ops.length; i++) {
    if (!READ_OPS.has((ops[i] as Operation).op)) continue;
    const [name, value] = ordered[i] as [string, DecodedValue];
    const list = values.get(name);
    if (list === undefined) values.set(name, [value]);
    else list.push(value);
  }
  const out: DecodedBins = {};
  for (const [name, list] of values) setBin(out, name, list.length === 1 ? (list[0] as DecodedValue) : list);
  return out;
}

function toResult(rec: BatchRecord, code: number, generation: number, ttl: number, bins: DecodedBins | null, ordered: Array<[string, DecodedValue]> | null, node: Node): BatchResult {
  if (code === ResultCode.OK) {
    const b = rec.type === 'write' ? writeBins(rec.ops, bins, ordered ?? []) : (bins ?? {});
    return { key: rec.key, resultCode: 0, record: { key: rec.key, bins: b, generation, ttl }, inDoubt: false };
  }
  if (code === ResultCode.KEY_NOT_FOUND_ERROR && rec.type === 'read') return { key: rec.key, resultCode: code, record: null, inDoubt: false };
  let detail = rec.key.toString();
  const failure = bins?.['FAILURE'];
  if (rec.type === 'udf' && typeof failure === 'string') detail += `: ${failure}`;
  return { key: rec.key, resultCode: code, record: null, inDoubt: false, error: serverError(code, { node: node.address, detail }) };
}
