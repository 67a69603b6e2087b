/**
 * An `AsyncIterable` fed by a producer, with a bounded buffer: when more than
 * `highWater` items wait, `onPause` is called (the producer pauses its sockets); when the
 * consumer has drained them to `lowWater`, `onResume`. `close()` stops the producer.
 */
export class RecordStream<T> implements AsyncIterable<T> {
  #items: T[] = [];
  #head = 0;
  #ended = false;
  #error: Error | null = null;
  #waiter: ((v: IteratorResult<T>) => void) | null = null;
  #waiterReject: ((e: Error) => void) | null = null;
  #paused = false;
  readonly #highWater: number;
  readonly #lowWater: number;
  #onPause: () => void = () => undefined;
  #onResume: () => void = () => undefined;
  #onClose: () => void = () => undefined;
  #onEnd: ((error: Error | null) => void) | null = null;

  constructor(highWater = 5000) {
    this.#highWater = Math.max(1, highWater);
    this.#lowWater = Math.floor(this.#highWater / 2);
  }

  /** Wires the producer's flow control (internal). */
  control(onPause: () => void, onResume: () => void, onClose: () => void): void {
    this.#onPause = onPause;
    this.#onResume = onResume;
    this.#onClose = onClose;
  }

  /** Items waiting to be consumed. */
  get buffered(): number {
    return this.#items.length - this.#head;
  }

  /** True while the producer is told to pause. */
  get paused(): boolean {
    return this.#paused;
  }

  /** Adds an item (producer side). */
  push(item: T): void {
    if (this.#ended) return;
    if (this.#waiter !== null) {
      const w = this.#waiter;
      this.#waiter = null;
      this.#waiterReject = null;
      w({ value: item, done: false });
      return;
    }
    this.#items.push(item);
    if (!this.#paused && this.buffered >= this.#highWater) {
      this.#paused = true;
      this.#onPause();
    }
  }

  /** Calls `cb` once when the producer ends the stream (with its error, or null), at once if it has ended; internal. */
  onEnd(cb: (error: Error | null) => void): void {
    if (this.#ended) cb(this.#error);
    else this.#onEnd = cb;
  }

  /** Ends the stream, with an error when the producer failed (producer side). */
  end(error?: Error): void {
    if (this.#ended) return;
    this.#ended = true;
    if (error !== undefined) this.#error = error;
    if (this.#onEnd !== null) {
      const cb = this.#onEnd;
      this.#onEnd = null;
      cb(this.#error);
    }
    if (this.#waiter !== null && this.buffered === 0) {
      const w = this.#waiter;
      const r = this.#waiterReject as (e: Error) => void;
      this.#waiter = null;
      this.#waiterReject = null;
      if (this.#error !== null) r(this.#error);
      else w({ value: undefined, done: true });
    }
  }

  /**
   * The next buffered item, taken at once, or undefined when none is buffered (then
   * `next()` waits for one). Lets a consumer drain what has arrived without a promise per
   * item; flow control is the same as `next()`'s.
   */
  read(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const value = this.#items[this.#head] as T;
    this.#items[this.#head++] = undefined as T;
    if (this.#head === this.#items.length) {
      // drained: start the array again rather than let it grow
      this.#items.length = 0;
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    if (this.#paused && this.buffered <= this.#lowWater) {
      this.#paused = false;
      this.#onResume();
    }
    return value;
  }

  /** The next item. */
  next(): Promise<IteratorResult<T>> {
    if (this.buffered > 0) return Promise.resolve({ value: this.read() as T, done: false });
    if (this.#ended) return this.#error !== null ? Promise.reject(this.#error) : Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.#waiter = resolve;
      this.#waiterReject = reject;
    });
  }

  /** Stops the producer and drops what is buffered. */
  close(): void {
    if (!this.#ended) this.#onClose();
    this.#items = [];
    this.#head = 0;
    this.end();
  }

  /** Collects every item. */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const x of this) out.push(x);
    return out;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.next(),
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      }
    };
  }
}
