import type { StoredRecord } from './particle.js';
import type { Clock } from './clock.js';
import { CITRUS_EPOCH_SECONDS } from '../protocol/constants.js';

/** A secondary index definition. */
export interface SecondaryIndex {
  readonly namespace: string;
  readonly name: string;
  /** Set the index covers ('' = all sets). */
  readonly set: string;
  readonly bin: string;
  /** 'numeric' | 'string' | 'blob' | 'geo2dsphere'. */
  readonly type: string;
  /** 'default' | 'list' | 'mapkeys' | 'mapvalues'. */
  readonly collection: string;
  /** Base64 packed CDT context, or undefined. */
  readonly context: string | undefined;
}

/** Records of one namespace. */
export class NamespaceStore {
  readonly name: string;
  readonly records = new Map<string, StoredRecord>();
  readonly indexes = new Map<string, SecondaryIndex>();
  /** Namespace default-ttl in seconds (0 = never expire). */
  readonly defaultTtl: number;
  readonly #clock: Clock;

  constructor(name: string, clock: Clock, defaultTtl = 0) {
    this.name = name;
    this.#clock = clock;
    this.defaultTtl = defaultTtl;
  }

  /** Current time in seconds since the Citrus epoch. */
  nowCitrus(): number {
    return Math.floor(this.#clock.nowMs() / 1000) - CITRUS_EPOCH_SECONDS;
  }

  /** Current time in ns since the Unix epoch. */
  nowNs(): bigint {
    return BigInt(this.#clock.nowMs()) * 1_000_000n;
  }

  /** True when the record's void time has passed. */
  expired(rec: StoredRecord): boolean {
    return rec.voidTime !== 0 && rec.voidTime <= this.nowCitrus();
  }

  /** The live record for a digest; expired records are dropped on access. */
  get(digest: Buffer): StoredRecord | undefined {
    const key = digest.toString('hex');
    const rec = this.records.get(key);
    if (rec === undefined) return undefined;
    if (this.expired(rec)) {
      this.records.delete(key);
      return undefined;
    }
    return rec;
  }

  /** Stores (or replaces) a record. */
  put(rec: StoredRecord): void {
    this.records.set(rec.digest.toString('hex'), rec);
  }

  /** Removes a record; true when one was there. */
  delete(digest: Buffer): boolean {
    return this.records.delete(digest.toString('hex'));
  }

  /** Removes the records of a set (or all when set is undefined) last updated before `lutNs`. */
  truncate(set: string | undefined, lutNs: bigint): void {
    for (const [k, rec] of this.records) {
      if ((set === undefined || rec.setName === set) && rec.lastUpdateNs <= lutNs) this.records.delete(k);
    }
  }

  /** Void time for a write with wire TTL `ttl` (0 default, -1 never, -2 keep). */
  voidTimeFor(ttl: number, existing: StoredRecord | undefined): number {
    if (ttl === -2) return existing?.voidTime ?? this.voidTimeFor(0, undefined);
    if (ttl === -1) return 0;
    const seconds = ttl === 0 ? this.defaultTtl : ttl >>> 0;
    return seconds === 0 ? 0 : this.nowCitrus() + seconds;
  }
}

/** Partition id of a digest. */
export function partitionOf(digest: Buffer): number {
  return ((digest[0] as number) | ((digest[1] as number) << 8)) & 0x0fff;
}
