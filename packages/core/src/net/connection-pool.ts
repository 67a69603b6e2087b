import { clearTimeout, setTimeout } from 'node:timers';
import { ClientClosedError, NoMoreConnectionsError } from '../errors/client-errors.js';
import { Channels, type ConnectionMessage } from '../diagnostics.js';
import type { Connection } from './connection.js';

/** Pool sizing and waiting limits. */
export interface PoolOptions {
  /** Most connections open at once (in use + idle). */
  readonly maxSize: number;
  /** Connections kept open even when idle. */
  readonly minSize: number;
  /** Idle connections older than this (ms) are closed instead of reused; 0 = never. */
  readonly maxIdleMs: number;
  /** Most commands that may wait for a connection when the pool is full. */
  readonly maxWaiters: number;
  /** Told about every connection the pool opens or closes (the cluster turns it into events). */
  readonly onConnection?: ((event: 'opened' | 'closed', address: string) => void) | undefined;
}

interface Waiter {
  resolve: (c: Connection) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout> | null;
  /** ms since epoch; 0 = no limit. */
  deadline: number;
}

/** Counts of a pool's connections. */
export interface PoolStats {
  readonly inUse: number;
  readonly idle: number;
  readonly opening: number;
  readonly waiting: number;
  readonly opened: number;
  readonly closed: number;
}

/**
 * Connections to one node: LIFO reuse, a hard maximum, and a bounded wait queue whose
 * waits end at the command's deadline with a clear error instead of hanging.
 */
export class ConnectionPool {
  readonly #open: () => Promise<Connection>;
  readonly #options: PoolOptions;
  readonly #label: string;
  readonly #idle: Connection[] = [];
  readonly #waiters: Waiter[] = [];
  /** Connections handed out and not yet released (close() can abort their commands). */
  readonly #inUse = new Set<Connection>();
  #opening = 0;
  #opened = 0;
  #closedCount = 0;
  #closed = false;

  constructor(label: string, open: () => Promise<Connection>, options: PoolOptions) {
    this.#label = label;
    this.#open = open;
    this.#options = options;
  }

  /** Current counts. */
  stats(): PoolStats {
    return {
      inUse: this.#inUse.size,
      idle: this.#idle.length,
      opening: this.#opening,
      waiting: this.#waiters.length,
      opened: this.#opened,
      closed: this.#closedCount
    };
  }

  /**
   * An idle, open connection when one is ready now (marked in use), else null: the
   * executor's fast path, which needs no promise. Callers then fall back to acquire().
   */
  tryAcquire(): Connection | null {
    if (this.#closed) return null;
    const now = Date.now();
    while (this.#idle.length > 0) {
      const c = this.#idle.pop() as Connection;
      if (c.isOpen && (this.#options.maxIdleMs === 0 || now - c.lastUsed < this.#options.maxIdleMs)) {
        this.#inUse.add(c);
        return c;
      }
      this.#discard(c);
    }
    return null;
  }

  /**
   * Gets a connection: an idle one, a new one if under the maximum, or the next one
   * released, waiting until `deadline` (ms since epoch; 0 = no limit).
   * @throws NoMoreConnectionsError when the wait queue is full or the deadline passes.
   */
  acquire(deadline: number): Promise<Connection> {
    if (this.#closed) return Promise.reject(new ClientClosedError());
    const ready = this.tryAcquire();
    if (ready !== null) return Promise.resolve(ready);
    if (this.#inUse.size + this.#opening < this.#options.maxSize) return this.#openNew();
    if (this.#waiters.length >= this.#options.maxWaiters) {
      return Promise.reject(new NoMoreConnectionsError(
        `all ${this.#options.maxSize} connections to ${this.#label} are busy and ${this.#waiters.length} commands are already waiting; raise maxConnsPerNode or reduce concurrency`,
        { node: this.#label }));
    }
    return new Promise<Connection>((resolve, reject) => {
      const w: Waiter = { resolve, reject, timer: null, deadline };
      if (deadline > 0) {
        w.timer = setTimeout(() => {
          const i = this.#waiters.indexOf(w);
          if (i >= 0) this.#waiters.splice(i, 1);
          reject(this.#expired());
        }, Math.max(1, deadline - Date.now()));
      }
      this.#waiters.push(w);
    });
  }

  #expired(): NoMoreConnectionsError {
    return new NoMoreConnectionsError(
      `no connection to ${this.#label} became free before the deadline (all ${this.#options.maxSize} busy); raise maxConnsPerNode or reduce concurrency`,
      { node: this.#label });
  }

  /**
   * The first waiter whose deadline has not passed, removed from the queue (its timer
   * cleared). Waiters found past their deadline (their timer not run yet) are rejected,
   * so a command is never handed a connection it no longer has time to use.
   */
  #nextWaiter(): Waiter | undefined {
    let now = 0;
    for (;;) {
      const w = this.#waiters.shift();
      if (w === undefined) return undefined;
      if (w.timer !== null) clearTimeout(w.timer);
      if (w.deadline > 0 && w.deadline <= (now ||= Date.now())) {
        w.reject(this.#expired());
        continue;
      }
      return w;
    }
  }

  /** Returns a connection after use; a closed one is dropped and its slot freed. */
  release(c: Connection): void {
    if (!this.#inUse.delete(c)) return; // not handed out by this pool (or released twice)
    if (!c.isOpen || this.#closed) {
      this.#discard(c);
      this.#serveWaiter();
      return;
    }
    const w = this.#waiters.length === 0 ? undefined : this.#nextWaiter();
    if (w !== undefined) {
      this.#inUse.add(c);
      w.resolve(c);
      return;
    }
    this.#idle.push(c);
  }

  /** Closes idle connections beyond the minimum that were idle longer than `maxIdleMs`. */
  reap(now = Date.now()): void {
    if (this.#options.maxIdleMs === 0) return;
    // Oldest idle connections are at the front (LIFO reuse from the back).
    while (this.#idle.length > this.#options.minSize) {
      const c = this.#idle[0] as Connection;
      if (now - c.lastUsed < this.#options.maxIdleMs) break;
      this.#idle.shift();
      this.#discard(c);
    }
  }

  /** Opens connections in the background until `minSize` are open (failures are ignored; the next tend retries). */
  fill(): void {
    while (!this.#closed && this.#inUse.size + this.#idle.length + this.#opening < this.#options.minSize) {
      this.#opening++;
      this.#open().then(
        (c) => {
          this.#opening--;
          this.#noteOpened();
          if (this.#closed) this.#discard(c);
          else {
            // Hand it over as if a command had just returned it: a waiter gets it, else it idles.
            c.lastUsed = Date.now();
            this.#inUse.add(c);
            this.release(c);
          }
        },
        () => {
          this.#opening--;
        }
      );
    }
  }

  /**
   * Closes every idle connection and rejects waiters with ClientClosedError. In-use
   * connections close when released, or at once with `abortInUse` (the client is closing):
   * their commands are then rejected with ClientClosedError.
   */
  close(abortInUse = false): void {
    this.#closed = true;
    for (const c of this.#idle.splice(0)) this.#discard(c);
    for (const w of this.#waiters.splice(0)) {
      if (w.timer !== null) clearTimeout(w.timer);
      w.reject(new ClientClosedError());
    }
    if (abortInUse) {
      for (const c of this.#inUse) c.close(new ClientClosedError(`the client was closed while a command was using its connection to ${this.#label}`, { node: this.#label }));
    }
  }

  async #openNew(): Promise<Connection> {
    this.#opening++;
    let c: Connection;
    try {
      c = await this.#open();
    } catch (err) {
      this.#opening--;
      this.#serveWaiter();
      throw err;
    }
    this.#opening--;
    this.#noteOpened();
    if (this.#closed) {
      this.#discard(c);
      throw new ClientClosedError();
    }
    this.#inUse.add(c);
    return c;
  }

  /** After a slot frees up, opens a connection for the first waiter. */
  #serveWaiter(): void {
    if (this.#closed || this.#waiters.length === 0) return;
    if (this.#inUse.size + this.#opening >= this.#options.maxSize) return;
    const w = this.#nextWaiter();
    if (w !== undefined) this.#openNew().then(w.resolve, w.reject);
  }

  #noteOpened(): void {
    this.#opened++;
    if (Channels.connection.hasSubscribers) Channels.connection.publish({ address: this.#label, event: 'opened' } satisfies ConnectionMessage);
    this.#options.onConnection?.('opened', this.#label);
  }

  #discard(c: Connection): void {
    this.#closedCount++;
    if (Channels.connection.hasSubscribers) Channels.connection.publish({ address: this.#label, event: 'closed' } satisfies ConnectionMessage);
    this.#options.onConnection?.('closed', this.#label);
    if (c.isOpen) c.close();
  }
}
