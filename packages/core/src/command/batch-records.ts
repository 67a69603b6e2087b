import type { Key } from '../keys/key.js';
import type { BasePolicy, ReadPolicy, WritePolicy } from '../policy/policies.js';
import type { AerospikeError } from '../errors/aerospike-error.js';
import type { DecodedBins, Value } from '../values/value-types.js';
import type { Operation } from './operation.js';
import type { AerospikeRecord } from './single-command.js';

/** Per-record settings of a batch read (as in a read policy). */
export type BatchReadPolicy = Pick<ReadPolicy, 'filterExpression' | 'readModeAP' | 'readTouchTtlPercent'>;

/** Per-record settings of a batch write, delete or UDF call (as in a write policy). */
export type BatchWritePolicy = Pick<WritePolicy, 'filterExpression' | 'exists' | 'generationPolicy' | 'generation' | 'ttl' | 'durableDelete' | 'commitLevel' | 'sendKey'>;

/** Read a record: all bins (`bins` omitted or null), the named bins, header only, or read ops. */
export interface BatchRead {
  readonly type: 'read';
  readonly key: Key;
  readonly bins?: readonly string[] | null;
  /** Metadata only (exists). */
  readonly headerOnly?: boolean;
  /** Read operations (instead of `bins`). */
  readonly ops?: readonly Operation[];
  readonly policy?: BatchReadPolicy;
}

/** Apply operations (writes, and reads of the result) to a record. */
export interface BatchWrite {
  readonly type: 'write';
  readonly key: Key;
  readonly ops: readonly Operation[];
  readonly policy?: BatchWritePolicy;
}

/** Delete a record. */
export interface BatchDelete {
  readonly type: 'delete';
  readonly key: Key;
  readonly policy?: BatchWritePolicy;
}

/** Call a record UDF. */
export interface BatchUdf {
  readonly type: 'udf';
  readonly key: Key;
  readonly module: string;
  readonly fn: string;
  readonly args?: readonly Value[];
  readonly policy?: BatchWritePolicy;
}

/** One entry of a mixed batch. */
export type BatchRecord = BatchRead | BatchWrite | BatchDelete | BatchUdf;

/** Settings of a whole batch. */
export interface BatchPolicy extends BasePolicy {
  /** Let the server process in-memory records on its receiving thread. Default true. */
  readonly allowInline?: boolean;
  /** Same for records on SSD. Default false. */
  readonly allowInlineSSD?: boolean;
  /** Return a result for every key, even when some fail. Default true. */
  readonly respondAllKeys?: boolean;
  /** Most records per node command; larger node groups are split. Default 5000. */
  readonly maxRecordsPerCommand?: number;
}

/** The outcome for one batch entry, in input order. */
export interface BatchResult {
  readonly key: Key;
  /** Server result code (0 OK, 2 not found, …) or a negative client code. */
  readonly resultCode: number;
  /** The record (bins empty for header-only reads, deletes), or null when not OK. */
  readonly record: AerospikeRecord<DecodedBins> | null;
  /** True when a write may have been applied although it did not report success. */
  readonly inDoubt: boolean;
  /** The error, when the entry failed (not-found reads carry none). */
  readonly error?: AerospikeError;
}
