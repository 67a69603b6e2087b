import { ResultCode } from '@aerospike-ts/core';
import { BackpressureError } from './exception.js';

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

/**
 * aerospike_py's `max_concurrent_operations`: at most `max` operations of a client run at
 * once; the next ones wait for a free slot, up to `queueTimeoutMs` (0: as long as it takes —
 * running operations end by their own timeouts), then fail with BackpressureError.
 */
export class OperationGate {
  readonly #max: number;
  readonly #queueTimeoutMs: number;
  #active = 0;
  readonly #waiters: Waiter[] = [];

  constructor(max: number, queueTimeoutMs: number) {
    this.#max = max;
    this.#queueTimeoutMs = queueTimeoutMs;
  }

  /** Operations running now. */
  get active(): number {
    return this.#active;
  }

  /** Operations waiting for a slot. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /** Takes a slot at once when one is free. */
  tryEnter(): boolean {
    if (this.#active >= this.#max) return false;
    this.#active++;
    return true;
  }

  /** Waits for a slot; rejects with BackpressureError after the queue timeout. */
  enter(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, timer: undefined };
      if (this.#queueTimeoutMs > 0) {
        waiter.timer = setTimeout(() => {
          const i = this.#waiters.indexOf(waiter);
          if (i >= 0) this.#waiters.splice(i, 1);
          reject(
            new BackpressureError(`no operation slot freed within operation_queue_timeout_ms (${this.#queueTimeoutMs} ms; max_concurrent_operations ${this.#max}): raise the limit or slow down`, {
              resultCode: ResultCode.NO_MORE_CONNECTIONS
            })
          );
        }, this.#queueTimeoutMs);
        waiter.timer.unref();
      }
      this.#waiters.push(waiter);
    });
  }

  /** Frees a slot, handing it to the oldest waiter. */
  leave(): void {
    const next = this.#waiters.shift();
    if (next === undefined) {
      this.#active--;
      return;
    }
    if (next.timer !== undefined) clearTimeout(next.timer);
    next.resolve(); // the slot passes to the waiter: #active stays the same
  }

  /** Fails every waiter (the client is closing). */
  rejectAll(err: Error): void {
    for (const w of this.#waiters.splice(0)) {
      if (w.timer !== undefined) clearTimeout(w.timer);
      w.reject(err);
    }
  }
}
