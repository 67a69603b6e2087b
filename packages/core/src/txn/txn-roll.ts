import { AerospikeError } from '../errors/aerospike-error.js';
import { InvalidArgumentError } from '../errors/client-errors.js';
import { ResultCode } from '../errors/result-code.js';
import { serverError, TransactionError } from '../errors/server-errors.js';
import type { Key } from '../keys/key.js';
import { parseTxnReply, type TxnReply } from './txn-reply.js';
import { closeMonitorRequest, markRollForwardRequest, monitorAddKeysRequest, rollRequest, verifyReadRequest } from './txn-requests.js';
import { MAX_TXN_WRITES, TxnState, type Txn } from './txn.js';

/** Sends one request for `key` to the node that masters its partition and returns the reply message (after the 8-byte proto header, decompressed). */
export interface TxnTransport {
  send(key: Key, request: Buffer, isWrite: boolean): Promise<Buffer>;
}

/** How a commit ended. */
export const CommitStatus = Object.freeze({
  OK: 'ok',
  ALREADY_COMMITTED: 'alreadyCommitted',
  /** Committed, but some records were not rolled forward yet; the server finishes them. */
  ROLL_FORWARD_ABANDONED: 'rollForwardAbandoned',
  /** Committed, but the monitor record was not removed; it expires on its own. */
  CLOSE_ABANDONED: 'closeAbandoned'
} as const);
/** A commit outcome. */
export type CommitStatus = (typeof CommitStatus)[keyof typeof CommitStatus];

/** How an abort ended. */
export const AbortStatus = Object.freeze({
  OK: 'ok',
  ALREADY_ABORTED: 'alreadyAborted',
  /** Aborted, but some records were not rolled back yet; the server finishes them. */
  ROLL_BACK_ABANDONED: 'rollBackAbandoned',
  CLOSE_ABANDONED: 'closeAbandoned'
} as const);
/** An abort outcome. */
export type AbortStatus = (typeof AbortStatus)[keyof typeof AbortStatus];

/** Why a commit failed. */
export type CommitErrorType = 'verifyFailed' | 'markRollForwardFailed' | 'aborted';

/** A commit that did not commit: `type` says why; after `verifyFailed` the transaction was rolled back. */
export class CommitError extends TransactionError {
  static override readonly brand: string = 'aerospike-ts:CommitError';
  readonly type: CommitErrorType;
  constructor(type: CommitErrorType, resultCode: number, detail: string, inDoubt = false) {
    super(resultCode, { detail: `transaction commit failed (${type}): ${detail}`, inDoubt });
    this.type = type;
  }
}

/** Default timeout (ms) of each transaction-protocol request. */
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Runs the transaction protocol over a transport: registers keys in the monitor record
 * before their first write, and commits (verify reads, mark roll-forward, roll writes
 * forward, close the monitor) or aborts (roll writes back, close the monitor).
 */
export class TxnCoordinator {
  readonly #transport: TxnTransport;
  readonly #timeoutMs: number;

  constructor(transport: TxnTransport, timeoutMs = DEFAULT_TIMEOUT_MS) {
    this.#transport = transport;
    this.#timeoutMs = timeoutMs;
  }

  async #send(key: Key, request: Buffer, isWrite: boolean): Promise<TxnReply> {
    return parseTxnReply(await this.#transport.send(key, request, isWrite));
  }

  /**
   * Call before a transaction's command writes `keys`: adds those not yet in the monitor
   * record (creating it on the first write) and keeps the deadline the server returns.
   * @throws the server's error (e.g. ENTERPRISE_ONLY on Community Edition, MRT_TOO_MANY_WRITES).
   */
  async beforeWrite(txn: Txn, keys: readonly Key[]): Promise<void> {
    txn.checkOpen();
    for (const k of keys) txn.setNamespace(k.namespace);
    const seen = new Set<string>();
    const fresh = keys.filter((k) => {
      const id = k.digest.toString('hex');
      if (seen.has(id) || !txn.needsMonitorFor(k)) return false;
      seen.add(id);
      return true;
    });
    if (fresh.length === 0) return;
    if (txn.writes.size + fresh.length > MAX_TXN_WRITES) throw new InvalidArgumentError(`a transaction writes at most ${MAX_TXN_WRITES} records`);
    const monitor = txn.monitorKey();
    let reply: TxnReply;
    try {
      reply = await this.#send(monitor, monitorAddKeysRequest(txn, fresh, this.#timeoutMs), true);
    } catch (err) {
      if (err instanceof AerospikeError && err.inDoubt) txn.onMonitor(null, true);
      throw err;
    }
    if (reply.resultCode !== ResultCode.OK) throw serverError(reply.resultCode, { detail: `adding keys to the transaction monitor ${monitor.toString()}` });
    txn.onMonitor(reply.deadline, false);
  }

  /** Makes the transaction's writes permanent, after checking its reads are still current. */
  async commit(txn: Txn): Promise<CommitStatus> {
    if (txn.state === TxnState.COMMITTED) return CommitStatus.ALREADY_COMMITTED;
    if (txn.state === TxnState.ABORTED) throw new CommitError('aborted', ResultCode.MRT_ABORTED, 'the transaction was already aborted');
    if (txn.state === TxnState.OPEN) {
      for (const { key, version } of txn.reads.values()) {
        let code: number;
        try {
          code = (await this.#send(key, verifyReadRequest(key, version, this.#timeoutMs), false)).resultCode;
        } catch (err) {
          code = err instanceof AerospikeError ? err.resultCode : ResultCode.CLIENT_ERROR;
        }
        if (code !== ResultCode.OK) {
          await this.abort(txn);
          throw new CommitError('verifyFailed', code, `record ${key.toString()} changed after the transaction read it`);
        }
      }
      txn.setState(TxnState.VERIFIED);
    }
    if (txn.hasMonitor) {
      const monitor = txn.monitorKey();
      let code: number;
      try {
        code = (await this.#send(monitor, markRollForwardRequest(txn, this.#timeoutMs), true)).resultCode;
      } catch (err) {
        throw new CommitError('markRollForwardFailed', err instanceof AerospikeError ? err.resultCode : ResultCode.CLIENT_ERROR, String(err), true);
      }
      if (code === ResultCode.MRT_ABORTED) {
        txn.setState(TxnState.ABORTED);
        throw new CommitError('aborted', code, 'the server aborted the transaction (it expired)');
      }
      if (code !== ResultCode.OK && code !== ResultCode.MRT_COMMITTED) throw new CommitError('markRollForwardFailed', code, `marking monitor ${monitor.toString()}`, true);
    }
    txn.setState(TxnState.COMMITTED);
    const rolled = await this.#rollAll(txn, true);
    if (!rolled) return CommitStatus.ROLL_FORWARD_ABANDONED;
    return (await this.#close(txn)) ? CommitStatus.OK : CommitStatus.CLOSE_ABANDONED;
  }

  /** Undoes the transaction's writes. */
  async abort(txn: Txn): Promise<AbortStatus> {
    if (txn.state === TxnState.ABORTED) return AbortStatus.ALREADY_ABORTED;
    if (txn.state === TxnState.COMMITTED) throw new TransactionError(ResultCode.MRT_COMMITTED, { detail: 'the transaction is already committed; it cannot be aborted' });
    txn.setState(TxnState.ABORTED);
    const rolled = await this.#rollAll(txn, false);
    if (!rolled) return AbortStatus.ROLL_BACK_ABANDONED;
    return (await this.#close(txn)) ? AbortStatus.OK : AbortStatus.CLOSE_ABANDONED;
  }

  async #rollAll(txn: Txn, forward: boolean): Promise<boolean> {
    let ok = true;
    for (const key of txn.writes.values()) {
      try {
        const code = (await this.#send(key, rollRequest(txn, key, forward, this.#timeoutMs), true)).resultCode;
        if (code !== ResultCode.OK) ok = false;
      } catch {
        ok = false;
      }
    }
    return ok;
  }

  async #close(txn: Txn): Promise<boolean> {
    if (txn.deadline === 0 || txn.writeInDoubt) return !txn.hasMonitor;
    const monitor = txn.monitorKey();
    try {
      const code = (await this.#send(monitor, closeMonitorRequest(txn, this.#timeoutMs), true)).resultCode;
      return code === ResultCode.OK || code === ResultCode.KEY_NOT_FOUND_ERROR;
    } catch {
      return false;
    }
  }
}
