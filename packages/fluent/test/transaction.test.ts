import { type AerospikeError, AbortStatus, CommitError, CommitStatus, ResultCode, ServerError, serverError, type Txn, type AerospikeClient } from '@aerospike-ts/core';
import { Behavior } from '../src/behavior';
import { Session, TransactionalSession } from '../src/session';
import { isTransientTransactionError, runInTransaction, type TransactionHost } from '../src/transaction';

function client(edition: string, host?: TransactionHost): AerospikeClient {
  return { nodes: () => [{ name: 'A1', address: '127.0.0.1:3000', build: '8.1.2.0', edition, features: new Set<string>() }], info: async () => new Map(), ...host } as unknown as AerospikeClient;
}

function host(): TransactionHost & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async commitTransaction(t: Txn) {
      calls.push(`commit ${t.id === 0n ? 0 : 1}`);
      return CommitStatus.OK;
    },
    async abortTransaction() {
      calls.push('abort');
      return AbortStatus.OK;
    }
  };
}

describe('beginTransaction', () => {
  it('refuses Community Edition with ENTERPRISE_ONLY (25) before sending anything', () => {
    const s = new Session(client('Aerospike Community Edition'), Behavior.DEFAULT);
    let err: unknown;
    try {
      s.beginTransaction();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).resultCode).toBe(ResultCode.ENTERPRISE_ONLY);
    expect((err as ServerError).message).toMatch(/transactions need Aerospike Enterprise Edition/);
  });

  it('returns a session whose point and batch policies carry the transaction; commit/abort settle it', async () => {
    const h = host();
    const tx = new Session(client('Aerospike Enterprise Edition', h), Behavior.DEFAULT).beginTransaction({ timeoutSeconds: 7 });
    expect(tx).toBeInstanceOf(TransactionalSession);
    expect(tx.txn.timeoutSeconds).toBe(7);
    expect((tx.behavior.writePolicy() as { txn?: Txn }).txn).toBe(tx.txn);
    expect((tx.behavior.readPolicy('batch') as { txn?: Txn }).txn).toBe(tx.txn);
    expect((tx.behavior.batchPolicy('ap', false) as { txn?: Txn }).txn).toBe(tx.txn);
    // scans, queries and background tasks never join a transaction
    expect((tx.behavior.queryPolicy() as { txn?: Txn }).txn).toBeUndefined();
    expect((tx.behavior.writePolicy('query') as { txn?: Txn }).txn).toBeUndefined();
    expect(tx.getCurrentTransaction()).toBe(tx.txn);
    expect(new Session(client('Aerospike Enterprise Edition', h), Behavior.DEFAULT).getCurrentTransaction()).toBeNull();
    expect(tx.behavior.readPolicy().totalTimeout).toBe(30_000);
    expect((Behavior.DEFAULT.writePolicy() as { txn?: Txn }).txn).toBeUndefined();
    expect(tx.active).toBe(true);
    expect(await tx.commit()).toBe(CommitStatus.OK);
    expect(tx.active).toBe(false);
    expect(h.calls).toEqual(['commit 1']);
  });

  it('async dispose aborts an active transaction only', async () => {
    const h = host();
    const s = new Session(client('Aerospike Enterprise Edition', h), Behavior.DEFAULT);
    const a = s.beginTransaction();
    await a[Symbol.asyncDispose]();
    const b = s.beginTransaction();
    await b.commit();
    await b[Symbol.asyncDispose]();
    expect(h.calls).toEqual(['abort', 'commit 1']);
  });
});

describe('doInTransaction retries', () => {
  function fakeTx(log: string[], commitError: Error | null = null): { commit(): Promise<CommitStatus>; abort(): Promise<AbortStatus> } {
    return {
      async commit() {
        log.push('commit');
        if (commitError !== null) throw commitError;
        return CommitStatus.OK;
      },
      async abort() {
        log.push('abort');
        return AbortStatus.OK;
      }
    };
  }

  it('classifies transient failures', () => {
    expect(isTransientTransactionError(serverError(ResultCode.MRT_BLOCKED))).toBe(true);
    expect(isTransientTransactionError(serverError(ResultCode.MRT_VERSION_MISMATCH))).toBe(true);
    expect(isTransientTransactionError(serverError(ResultCode.KEY_BUSY))).toBe(true);
    expect(isTransientTransactionError(new CommitError('verifyFailed', 121, 'x'))).toBe(true);
    expect(isTransientTransactionError(new CommitError('markRollForwardFailed', 9, 'x'))).toBe(false);
    expect(isTransientTransactionError(serverError(ResultCode.ENTERPRISE_ONLY))).toBe(false);
    expect(isTransientTransactionError(new Error('x'))).toBe(false);
  });

  it('aborts and runs again after a transient failure, then commits', async () => {
    const log: string[] = [];
    let n = 0;
    const v = await runInTransaction(
      () => fakeTx(log),
      async () => {
        n++;
        log.push(`run ${n}`);
        if (n < 3) throw serverError(ResultCode.MRT_BLOCKED);
        return 'done';
      },
      { maxAttempts: 5 }
    );
    expect(v).toBe('done');
    expect(log).toEqual(['run 1', 'abort', 'run 2', 'abort', 'run 3', 'commit']);
  });

  it('gives up after maxAttempts and raises the last error', async () => {
    const log: string[] = [];
    const err = await runInTransaction(() => fakeTx(log), async () => Promise.reject(serverError(ResultCode.MRT_VERSION_MISMATCH)), { maxAttempts: 2 }).catch((e: unknown) => e);
    expect((err as AerospikeError).resultCode).toBe(ResultCode.MRT_VERSION_MISMATCH);
    expect(log).toEqual(['abort', 'abort']);
  });

  it('does not retry other failures, and does not abort after a failed commit', async () => {
    const log: string[] = [];
    await expect(runInTransaction(() => fakeTx(log), async () => Promise.reject(new Error('bug')))).rejects.toThrow('bug');
    expect(log).toEqual(['abort']);
    const log2: string[] = [];
    let begun = 0;
    await expect(
      runInTransaction(
        () => fakeTx(log2, ++begun === 1 ? new CommitError('verifyFailed', 121, 'changed') : null),
        async () => undefined,
        { maxAttempts: 3 }
      )
    ).resolves.toBeUndefined();
    expect(log2).toEqual(['commit', 'commit']);
    await expect(runInTransaction(() => fakeTx([]), async () => undefined, { maxAttempts: 0 })).rejects.toThrow(/maxAttempts/);
  });
});
