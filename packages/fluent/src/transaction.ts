import { setTimeout as sleep } from 'node:timers/promises';
import { AerospikeError, CommitError, InvalidArgumentError, ResultCode, serverError, TransactionError, Txn, type AbortStatus, type AerospikeClient, type CommitStatus } from '@aerospike-ts/core';

/** Options of `doInTransaction`. */
export interface TransactionRetryOptions {
  /** Attempts in all (default 5). */
  readonly maxAttempts?: number;
  /** Pause between attempts in ms (default 0). */
  readonly sleepBetweenRetries?: number;
}

/** Options of `beginTransaction`. */
export interface TransactionOptions {
  /** Seconds the server keeps the transaction open (0: the namespace's `mrt-duration`). */
  readonly timeoutSeconds?: number;
}

/** What `doInTransaction` drives: a transaction that can be committed or aborted. */
export interface TransactionHandle {
  commit(): Promise<CommitStatus>;
  abort(): Promise<AbortStatus>;
}

/** Result codes after which a whole transaction is worth running again. */
const TRANSIENT = new Set<number>([ResultCode.MRT_BLOCKED, ResultCode.MRT_VERSION_MISMATCH, ResultCode.MRT_EXPIRED, ResultCode.KEY_BUSY]);

/** True when a transaction failed for a reason a new attempt may not meet (a conflict, a blocked or expired transaction). */
export function isTransientTransactionError(err: unknown): boolean {
  if (err instanceof CommitError) return err.type === 'verifyFailed' || err.type === 'aborted';
  return err instanceof AerospikeError && (err instanceof TransactionError || err.resultCode === ResultCode.KEY_BUSY) && TRANSIENT.has(err.resultCode);
}

/**
 * Runs `fn` in a fresh transaction from `begin()`, commits, and on a transient failure
 * (see {@link isTransientTransactionError}) aborts and runs it again, up to `maxAttempts`.
 * Other failures abort and are raised at once.
 */
export async function runInTransaction<S extends TransactionHandle, T>(begin: () => S, fn: (tx: S) => Promise<T>, options: TransactionRetryOptions = {}): Promise<T> {
  const attempts = options.maxAttempts ?? 5;
  const pause = options.sleepBetweenRetries ?? 0;
  if (!Number.isSafeInteger(attempts) || attempts < 1) throw new InvalidArgumentError(`doInTransaction: maxAttempts must be a positive integer, got ${String(attempts)}`);
  if (!Number.isFinite(pause) || pause < 0) throw new InvalidArgumentError(`doInTransaction: sleepBetweenRetries must be a non-negative number of ms, got ${String(pause)}`);
  for (let attempt = 1; ; attempt++) {
    const tx = begin();
    try {
      const value = await fn(tx);
      await tx.commit();
      return value;
    } catch (err) {
      // a failed commit has already settled the transaction; otherwise undo what ran
      if (!(err instanceof CommitError)) await tx.abort().catch(() => undefined);
      if (attempt >= attempts || !isTransientTransactionError(err)) throw err;
      if (pause > 0) await sleep(pause);
    }
  }
}

/**
 * @throws ServerError ENTERPRISE_ONLY (25) when a node of the cluster runs Community
 * Edition, which has no multi-record transactions; nothing is sent.
 */
export function assertTransactionsSupported(client: AerospikeClient): void {
  const ce = client.nodes().find((n) => /community/i.test(n.edition));
  if (ce !== undefined) {
    throw serverError(ResultCode.ENTERPRISE_ONLY, {
      node: ce.address,
      detail: `transactions need Aerospike Enterprise Edition 8.0 or later; node ${ce.name} runs ${ce.edition} ${ce.build}`
    });
  }
}

/** A new transaction for a session (checks the edition first). */
export function newTxn(client: AerospikeClient, options: TransactionOptions): Txn {
  assertTransactionsSupported(client);
  return new Txn(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds });
}

/** What settles a transaction: the core client (`commitTransaction` / `abortTransaction`). */
export type TransactionHost = Pick<AerospikeClient, 'commitTransaction' | 'abortTransaction'>;
