import { InvalidArgumentError, PartitionFilter, type AerospikeClient, type QueryRecord, type RecordStream } from '@aerospike-ts/core';
import { checkFunction } from './args.js';
import { toClassicError } from './exception.js';
import { queryPolicy, type QueryPolicy } from './policy.js';
import type { Predicate } from './predicates.js';
import { Record } from './record.js';
import { fromCoreKey } from './types.js';

/** aerospike_py's partition-filter dict, also the resumable state of a paginated query. */
export interface PartitionFilterDict {
  begin?: number;
  count?: number;
  /** Resume state from a previous page (`query.partition_filter` after `results()`). */
  filter?: PartitionFilter;
}

/** A query (with `where`) or scan (without) over a namespace and set. */
export class Query {
  readonly #core: () => AerospikeClient;
  readonly namespace: string;
  readonly set_name: string | null;
  #bins: string[] | null = null;
  #predicate: Predicate | null = null;
  /** The partition state after the last run; pass it back with `policy.partition_filter` to resume. */
  partition_filter: PartitionFilter | null = null;

  constructor(core: () => AerospikeClient, namespace: string, set_name: string | null) {
    this.#core = core;
    this.namespace = namespace;
    this.set_name = set_name;
  }

  /** Bins to return (default all). */
  select(...bins: string[]): void {
    if (!bins.every((b) => typeof b === 'string')) throw toClassicError(new InvalidArgumentError('select() takes bin names'));
    this.#bins = bins;
  }

  /** A secondary-index predicate from `predicates`. */
  where(predicate: Predicate): void {
    if (!Array.isArray(predicate) || predicate.length !== 2) throw toClassicError(new InvalidArgumentError('where() takes a predicate from aerospike.predicates'));
    this.#predicate = predicate;
  }

  /** Starts the core scan/query (errors as aerospike_py's classes). */
  #start(policy: (QueryPolicy & { partition_filter?: PartitionFilterDict | PartitionFilter }) | null | undefined): RecordStream<QueryRecord> {
    try {
      const { partition_filter, ...rest } = policy ?? {};
      const partitions = toPartitionFilter(partition_filter);
      this.partition_filter = partitions;
      return this.#core().query({ namespace: this.namespace, set: this.set_name, bins: this.#bins, filter: this.#predicate?.[1] ?? null, partitions }, queryPolicy(rest));
    } catch (err) {
      throw toClassicError(err);
    }
  }

  /** Streams the records. */
  async *stream(policy?: (QueryPolicy & { partition_filter?: PartitionFilterDict | PartitionFilter }) | null): AsyncGenerator<Record> {
    const stream = this.#start(policy);
    try {
      for (let r = await nextRecord(stream); r !== undefined; r = await nextRecord(stream)) yield toRecord(r);
    } finally {
      stream.close();
    }
  }

  /** Every record. */
  async results(policy?: (QueryPolicy & { partition_filter?: PartitionFilterDict | PartitionFilter }) | null): Promise<Record[]> {
    const stream = this.#start(policy);
    const out: Record[] = [];
    try {
      for (;;) {
        // what has arrived is taken without a promise per record
        const r = stream.read() ?? (await nextRecord(stream));
        if (r === undefined) break;
        out.push(toRecord(r));
      }
    } finally {
      stream.close();
    }
    return out;
  }

  /** Calls `callback` per record; returning `false` stops the query. */
  async foreach(callback: (record: Record) => boolean | void | Promise<boolean | void>, policy?: (QueryPolicy & { partition_filter?: PartitionFilterDict | PartitionFilter }) | null): Promise<void> {
    checkFunction(callback, 'foreach: callback');
    const stream = this.#start(policy);
    try {
      for (;;) {
        // what has arrived is handed out without a promise per record; a callback that
        // returns a promise is awaited before the next record
        const r = stream.read() ?? (await nextRecord(stream));
        if (r === undefined) break;
        const res = callback(toRecord(r));
        if (res === false) break;
        if (isThenable(res) && (await res) === false) break;
      }
    } finally {
      stream.close();
    }
  }
}

/** True for a promise or any other thenable (what `await` would wait for). */
function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/** The next record of a core stream (waiting for one), or undefined at its end; errors as aerospike_py's classes. */
async function nextRecord(stream: RecordStream<QueryRecord>): Promise<QueryRecord | undefined> {
  try {
    const it = await stream.next();
    return it.done === true ? undefined : it.value;
  } catch (err) {
    throw toClassicError(err);
  }
}

function toRecord(r: QueryRecord): Record {
  return new Record(fromCoreKey(r.key), { gen: r.generation, ttl: r.ttl }, r.bins);
}

function toPartitionFilter(p: PartitionFilterDict | PartitionFilter | undefined): PartitionFilter {
  if (p === undefined) return PartitionFilter.all();
  if (p instanceof PartitionFilter) return p;
  if (p.filter !== undefined) return p.filter;
  return PartitionFilter.range(p.begin ?? 0, p.count ?? 4096 - (p.begin ?? 0));
}

/** Every partition. */
export function partition_filter_all(): PartitionFilter {
  return PartitionFilter.all();
}
/** One partition. */
export function partition_filter_by_id(partition_id: number): PartitionFilter {
  return PartitionFilter.id(partition_id);
}
/** `count` partitions from `begin`. */
export function partition_filter_by_range(begin: number, count: number): PartitionFilter {
  return PartitionFilter.range(begin, count);
}
