import type { ResolvedBatchPolicy } from '../command/batch-executor.js';
import type { Txn } from '../txn/txn.js';
import type { CommitLevel, GenerationPolicy, ReadModeAP, ReadModeSC, RecordExistsAction, Replica } from './constants.js';

/** Anything that yields packed filter-expression bytes. */
export type FilterExpression = Uint8Array | { toBytes(): Uint8Array };

/** Settings every command shares. Times are in milliseconds. */
export interface BasePolicy {
  /** Whole-command deadline including retries; 0 = none. Default 1000. */
  readonly totalTimeout?: number;
  /** Idle time allowed while waiting on the socket; 0 = none. Default 30000. */
  readonly socketTimeout?: number;
  /** Retries after the first attempt. Reads default 2, writes 0. */
  readonly maxRetries?: number;
  /** Pause between retries. Default 0. */
  readonly sleepBetweenRetries?: number;
  /** Compress requests over 128 bytes and ask for compressed replies (Enterprise only). */
  readonly compress?: boolean;
  /** Server-side filter: the command applies only when the record matches. */
  readonly filterExpression?: FilterExpression | null;
  /** AP read mode. */
  readonly readModeAP?: ReadModeAP;
  /** SC read mode. */
  readonly readModeSC?: ReadModeSC;
  /** Replica choice. */
  readonly replica?: Replica;
  /** Send the user key with the command and, on writes, store it. Default false. */
  readonly sendKey?: boolean;
  /**
   * The multi-record transaction the command joins (server 8.0+, Enterprise Edition).
   * Single-record commands and batches join it; scans and queries refuse it.
   */
  readonly txn?: Txn | null;
}

/** Settings for reads. */
export interface ReadPolicy extends BasePolicy {
  /**
   * Reset the record's TTL on read when it is within this percentage of its last write
   * TTL: 0 = namespace default, -1 = never, 1–100. Default 0.
   */
  readonly readTouchTtlPercent?: number;
}

/** Settings for writes, deletes, touches and operates. */
export interface WritePolicy extends BasePolicy {
  /** Behaviour when the record exists or not. Default UPDATE. */
  readonly exists?: RecordExistsAction;
  /** Generation check. Default NONE. */
  readonly generationPolicy?: GenerationPolicy;
  /** Expected generation for the check. */
  readonly generation?: number;
  /** TTL in seconds: 0 namespace default, -1 never expire, -2 keep current. Default 0. */
  readonly ttl?: number;
  /** Leave a tombstone on delete (Enterprise only). */
  readonly durableDelete?: boolean;
  /** Commit level. Default COMMIT_ALL. */
  readonly commitLevel?: CommitLevel;
  /** Return one result per operation in operate (also forced by map/bit/HLL/expression ops). */
  readonly respondAllOps?: boolean;
  /** Used by operate when no op writes: see {@link ReadPolicy.readTouchTtlPercent}. */
  readonly readTouchTtlPercent?: number;
  /** Mark the write as coming from XDR. */
  readonly xdr?: boolean;
}

/** A fully defaulted base policy. */
export interface ResolvedBasePolicy {
  readonly totalTimeout: number;
  readonly socketTimeout: number;
  readonly maxRetries: number;
  readonly sleepBetweenRetries: number;
  readonly compress: boolean;
  readonly filterExpression: FilterExpression | null;
  readonly readModeAP: ReadModeAP;
  readonly readModeSC: ReadModeSC;
  readonly replica: Replica;
  readonly sendKey: boolean;
  readonly txn: Txn | null;
}

/** A fully defaulted read policy. */
export interface ResolvedReadPolicy extends ResolvedBasePolicy {
  readonly readTouchTtlPercent: number;
}

/** A fully defaulted write policy. */
export interface ResolvedWritePolicy extends ResolvedBasePolicy {
  readonly exists: RecordExistsAction;
  readonly generationPolicy: GenerationPolicy;
  readonly generation: number;
  readonly ttl: number;
  readonly durableDelete: boolean;
  readonly commitLevel: CommitLevel;
  readonly respondAllOps: boolean;
  readonly readTouchTtlPercent: number;
  readonly xdr: boolean;
}

/** Defaults every kind of command shares (as the official clients). */
const BASE_DEFAULTS: ResolvedBasePolicy = {
  totalTimeout: 1000,
  socketTimeout: 30000,
  maxRetries: 2,
  sleepBetweenRetries: 0,
  compress: false,
  filterExpression: null,
  readModeAP: 0,
  readModeSC: 0,
  replica: 2,
  sendKey: false,
  txn: null
};

/** Defaults for reads (as the official clients). */
export const DEFAULT_READ_POLICY: ResolvedReadPolicy = Object.freeze({ ...BASE_DEFAULTS, readTouchTtlPercent: 0 });

/** Defaults for writes (as the official clients: no retries). */
export const DEFAULT_WRITE_POLICY: ResolvedWritePolicy = Object.freeze({
  ...DEFAULT_READ_POLICY,
  maxRetries: 0,
  exists: 0,
  generationPolicy: 0,
  generation: 0,
  ttl: 0,
  durableDelete: false,
  commitLevel: 0,
  respondAllOps: false,
  xdr: false
});

/** Defaults for batches (reads retry twice; a batch with writes defaults to no retries). */
export const DEFAULT_BATCH_POLICY: ResolvedBatchPolicy = Object.freeze({
  ...BASE_DEFAULTS,
  allowInline: true,
  allowInlineSSD: false,
  respondAllKeys: true,
  maxRecordsPerCommand: 5000
});

/** Settings for scans and queries. */
export interface QueryPolicy extends BasePolicy {
  /** Stop after this many records (0 = all). The stream's partition state allows resuming. */
  readonly maxRecords?: number;
  /** Server-side throttle per node (0 = none). */
  readonly recordsPerSecond?: number;
  /** Return bins (default true); false returns keys and metadata only. */
  readonly includeBinData?: boolean;
  /** Records buffered before the sockets are paused. Default 5000. */
  readonly recordQueueSize?: number;
  /** Nodes queried at once (0 = all). Default 0. */
  readonly maxConcurrentNodes?: number;
  /** Hint that the query returns few records (server 6.0+). */
  readonly shortQuery?: boolean;
}

/** A fully defaulted query policy. */
export interface ResolvedQueryPolicy extends ResolvedBasePolicy {
  readonly maxRecords: number;
  readonly recordsPerSecond: number;
  readonly includeBinData: boolean;
  readonly recordQueueSize: number;
  readonly maxConcurrentNodes: number;
  readonly shortQuery: boolean;
}

/** Defaults for scans and queries: no total timeout, five retries of unfinished partitions. */
export const DEFAULT_QUERY_POLICY: ResolvedQueryPolicy = Object.freeze({
  ...DEFAULT_READ_POLICY,
  totalTimeout: 0,
  maxRetries: 5,
  maxRecords: 0,
  recordsPerSecond: 0,
  includeBinData: true,
  recordQueueSize: 5000,
  maxConcurrentNodes: 0,
  shortQuery: false
});
