/** Time source of the emulator; TTL expiry reads it, so tests can move time by hand. */
export interface Clock {
  /** Current time in milliseconds since the Unix epoch. */
  nowMs(): number;
}

/** The wall clock. */
export const realClock: Clock = { nowMs: () => Date.now() };

/** A clock that only moves when told to (for TTL tests without waiting). */
export class VirtualClock implements Clock {
  #now: number;

  /** @param startMs initial time, ms since the Unix epoch (default: now). */
  constructor(startMs: number = Date.now()) {
    this.#now = startMs;
  }

  /** Current virtual time. */
  nowMs(): number {
    return this.#now;
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.#now += ms;
  }
}
