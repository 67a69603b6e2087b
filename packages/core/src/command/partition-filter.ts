import { InvalidArgumentError } from '../errors/client-errors.js';
import type { Key } from '../keys/key.js';
import { PARTITIONS } from '../wire/constants.js';

/** Where one partition of a scan or query stands. */
export interface PartitionStatus {
  readonly id: number;
  /** Resume after this digest (null = from the start of the partition). The buffer belongs to the status: a running scan overwrites it in place. */
  digest: Buffer | null;
  /** Resume bval for secondary-index queries (with `digest`). */
  bval: bigint | null;
  /** True once every record of the partition was delivered. */
  done: boolean;
}

/**
 * Which partitions a scan or query covers, and how far it got: pass the `state` of a
 * finished or stopped stream back in to resume (pagination).
 */
export class PartitionFilter {
  readonly begin: number;
  readonly count: number;
  /** Per-partition progress; undefined until a stream ran with this filter. */
  state: PartitionStatus[] | undefined;
  readonly #after: Buffer | null;

  private constructor(begin: number, count: number, after: Buffer | null) {
    if (!Number.isInteger(begin) || begin < 0 || begin >= PARTITIONS) throw new InvalidArgumentError(`partition begin must be 0..4095, got ${begin}`);
    if (!Number.isInteger(count) || count < 1 || begin + count > PARTITIONS) throw new InvalidArgumentError(`partition count must be 1..${PARTITIONS - begin}, got ${count}`);
    this.begin = begin;
    this.count = count;
    this.#after = after;
  }

  /** Every partition. */
  static all(): PartitionFilter {
    return new PartitionFilter(0, PARTITIONS, null);
  }

  /** One partition. */
  static id(id: number): PartitionFilter {
    return new PartitionFilter(id, 1, null);
  }

  /** `count` partitions from `begin`. */
  static range(begin: number, count: number): PartitionFilter {
    return new PartitionFilter(begin, count, null);
  }

  /** The records of a key's partition that come after the key. */
  static after(key: Key): PartitionFilter {
    return new PartitionFilter(key.partitionId, 1, key.digest);
  }

  /** A filter that resumes from a saved state (from `stream.partitionFilter.state`). */
  static fromState(state: readonly PartitionStatus[]): PartitionFilter {
    if (!Array.isArray(state) || state.length === 0) throw new InvalidArgumentError('partition state must be a non-empty list');
    const ids = state.map((s) => s.id);
    const f = new PartitionFilter(Math.min(...ids), Math.max(...ids) - Math.min(...ids) + 1, null);
    f.state = state.map((s) => ({ id: s.id, digest: s.digest === null ? null : Buffer.from(s.digest), bval: s.bval, done: s.done }));
    return f;
  }

  /** True once every partition is done (nothing left to page through). */
  get isDone(): boolean {
    return this.state !== undefined && this.state.every((s) => s.done);
  }

  /** The statuses a stream works with, created on first use. */
  statuses(): PartitionStatus[] {
    this.state ??= Array.from({ length: this.count }, (_, i) => ({
      id: this.begin + i,
      digest: i === 0 && this.#after !== null ? Buffer.from(this.#after) : null,
      bval: null,
      done: false
    }));
    return this.state;
  }
}
