import { randomBytes } from 'node:crypto';
import { InvalidArgumentError } from '../errors/client-errors.js';
import { Key } from '../keys/key.js';
import type { TxnFields } from '../command/encoder.js';

/** Where a transaction stands. */
export const TxnState = Object.freeze({ OPEN: 'open', VERIFIED: 'verified', COMMITTED: 'committed', ABORTED: 'aborted' } as const);
/** A transaction state. */
export type TxnState = (typeof TxnState)[keyof typeof TxnState];

/** The set of the monitor records the server keeps for transactions. */
export const MONITOR_SET = '<ERO~MRT';

/** Most writes one transaction may make (the server refuses more with MRT_TOO_MANY_WRITES). */
export const MAX_TXN_WRITES = 4096;

function randomId(): bigint {
  for (;;) {
    const id = randomBytes(8).readBigInt64LE(0);
    if (id !== 0n) return id;
  }
}

/**
 * A multi-record transaction (server 8.0+, Enterprise Edition, strong-consistency
 * namespace): its id, the namespace its commands use, the version of every record it
 * read and the keys it wrote. Commands of the transaction send its id; commit verifies
 * the reads and rolls the writes forward, abort rolls the writes back.
 */
export class Txn {
  /** Random non-zero 64-bit id (signed, as the server's monitor stores it). */
  readonly id: bigint;
  /** Transaction timeout in seconds (0: the namespace's `mrt-duration`). */
  readonly timeoutSeconds: number;
  #namespace: string | null = null;
  #deadline = 0;
  #state: TxnState = TxnState.OPEN;
  #monitorInDoubt = false;
  #writeInDoubt = false;
  readonly #reads = new Map<string, { readonly key: Key; version: bigint }>();
  readonly #writes = new Map<string, Key>();

  constructor(options: { readonly timeoutSeconds?: number; readonly id?: bigint } = {}) {
    const t = options.timeoutSeconds ?? 0;
    if (!Number.isSafeInteger(t) || t < 0) throw new InvalidArgumentError(`transaction timeoutSeconds must be a non-negative integer, got ${String(t)}`);
    if (options.id !== undefined && (typeof options.id !== 'bigint' || options.id === 0n)) throw new InvalidArgumentError('a transaction id must be a non-zero bigint');
    this.id = options.id ?? randomId();
    this.timeoutSeconds = t;
  }

  /** The namespace of the transaction's commands, once one ran. */
  get namespace(): string | null {
    return this.#namespace;
  }
  /** The deadline the server gave the monitor record (0 until the first write). */
  get deadline(): number {
    return this.#deadline;
  }
  get state(): TxnState {
    return this.#state;
  }
  /** Keys read, with the version each was read at. */
  get reads(): ReadonlyMap<string, { readonly key: Key; readonly version: bigint }> {
    return this.#reads;
  }
  /** Keys written. */
  get writes(): ReadonlyMap<string, Key> {
    return this.#writes;
  }
  /** True when a monitor record exists or may exist (a write was attempted). */
  get hasMonitor(): boolean {
    return this.#deadline !== 0 || this.#monitorInDoubt;
  }
  /** True when a write's outcome is unknown (the monitor is then left for the server to expire). */
  get writeInDoubt(): boolean {
    return this.#writeInDoubt;
  }

  /** The monitor record's key. */
  monitorKey(): Key {
    if (this.#namespace === null) throw new InvalidArgumentError('the transaction has no namespace yet (no command ran in it)');
    return new Key(this.#namespace, MONITOR_SET, this.id);
  }

  /**
   * Binds the transaction to `namespace` on its first command.
   * @throws InvalidArgumentError when a command uses another namespace, or the transaction is closed.
   */
  setNamespace(namespace: string): void {
    this.checkOpen();
    if (this.#namespace === null) this.#namespace = namespace;
    else if (this.#namespace !== namespace) throw namespaceMismatch(this.#namespace, namespace);
  }

  /** @throws InvalidArgumentError unless the transaction is still open. */
  checkOpen(): void {
    if (this.#state !== TxnState.OPEN) throw new InvalidArgumentError(`the transaction is ${this.#state}; start a new one`);
  }

  /** The fields a command of this transaction sends for `key`. */
  fieldsFor(key: Key, isWrite: boolean): TxnFields {
    return { id: this.id, version: this.#reads.get(key.digest.toString('hex'))?.version ?? null, deadline: isWrite ? this.#deadline : 0 };
  }

  /** Records the version a read saw (none: the record did not exist). */
  onRead(key: Key, version: bigint | null): void {
    if (version !== null) this.#reads.set(key.digest.toString('hex'), { key, version });
  }

  /** Records a write's outcome: with a version it counts as a read at that version, otherwise (when OK) as a write. */
  onWrite(key: Key, version: bigint | null, ok: boolean, inDoubt = false): void {
    const id = key.digest.toString('hex');
    if (inDoubt) this.#writeInDoubt = true;
    if (version !== null) this.#reads.set(id, { key, version });
    else if (ok || inDoubt) {
      this.#reads.delete(id);
      this.#writes.set(id, key);
    }
  }

  /** Records the monitor's deadline from the server (or that the monitor write's outcome is unknown). */
  onMonitor(deadline: number | null, inDoubt: boolean): void {
    if (deadline !== null && deadline !== 0) this.#deadline = deadline;
    if (inDoubt) this.#monitorInDoubt = true;
  }

  /** True when `key` was not yet added to the monitor (its first write needs that first). */
  needsMonitorFor(key: Key): boolean {
    return !this.#writes.has(key.digest.toString('hex'));
  }

  /** Internal: moves the state (commit/abort code). */
  setState(state: TxnState): void {
    this.#state = state;
  }
}

/** The error for a command whose namespace is not its transaction's (`bound`). */
export function namespaceMismatch(bound: string, used: string): InvalidArgumentError {
  return new InvalidArgumentError(`a transaction uses one namespace: it started in '${bound}', a command used '${used}'`);
}
