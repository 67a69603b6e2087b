import type { DecodedBins } from '@aerospike-ts/core';
import { ExistsResult, OperateOrderedResult, Record, type BinTuple, type RecordMetadata } from '../src/record';
import type { AerospikeKey, BatchRecord } from '../src/types';
import { AsyncClient } from '../src/client';

// Compile-time equality: the assignments below fail the type check when a type is wrong.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

interface User {
  name: string;
  age: number;
}

const KEY: AerospikeKey = ['test', 'users', 'u1', Buffer.alloc(20)];

describe('classic Record', () => {
  it('is a [key, meta, bins] tuple with named accessors and per-position types', () => {
    const r = new Record<User>(KEY, { gen: 2, ttl: -1 }, { name: 'Ann', age: 31 });
    const [key, meta, bins] = r;
    assertType<Equal<typeof key, AerospikeKey | null>>();
    assertType<Equal<typeof meta, RecordMetadata | null>>();
    assertType<Equal<typeof bins, User | null>>();
    assertType<Equal<typeof r.bins, User | null>>();
    expect(key).toBe(KEY);
    expect(meta).toEqual({ gen: 2, ttl: -1 });
    expect(bins?.age).toBe(31);
    expect(r.length).toBe(3);
    expect(Array.isArray(r)).toBe(true);
    expect(r).toBeInstanceOf(Record);
    expect(r.constructor.name).toBe('Record');
    expect(new ExistsResult(KEY, null).constructor.name).toBe('ExistsResult');
    expect(new OperateOrderedResult(KEY, null, []).constructor.name).toBe('OperateOrderedResult');
  });

  it('keeps the tuple and the names in step when either is written', () => {
    const r = new Record(KEY, null, { a: 1 });
    r.meta = { gen: 1, ttl: 10 };
    expect(r[1]).toEqual({ gen: 1, ttl: 10 });
    r.bins = { a: 2 };
    expect(r[2]).toEqual({ a: 2 });
  });

  it('gives plain arrays from map/filter/slice, not records', () => {
    const r = new Record(KEY, { gen: 1, ttl: 5 }, { a: 1 });
    const copy = r.slice();
    expect(copy).toEqual([KEY, { gen: 1, ttl: 5 }, { a: 1 }]);
    expect(copy).not.toBeInstanceOf(Record);
    expect(r.map((x) => x === null)).toEqual([false, false, false]);
  });

  it('defaults its bins type to the decoded bins', () => {
    const r: Record = new Record<DecodedBins>(KEY, null, null);
    assertType<Equal<Record['bins'], DecodedBins | null>>();
    expect(r.bins).toBeNull();
  });
});

describe('classic ExistsResult and OperateOrderedResult', () => {
  it('destructure with their own position types', () => {
    const e = new ExistsResult(KEY, null);
    const [k, m] = e;
    assertType<Equal<typeof m, RecordMetadata | null>>();
    expect(k).toBe(KEY);
    expect(m).toBeNull();
    expect(e.length).toBe(2);
    expect(e).toBeInstanceOf(ExistsResult);

    const o = new OperateOrderedResult(KEY, { gen: 1, ttl: -1 }, [{ name: 'n', value: 1 }]);
    const [, meta, ordered] = o;
    assertType<Equal<typeof ordered, BinTuple[]>>();
    expect(meta?.gen).toBe(1);
    expect(o.ordered_bins[0]?.name).toBe('n');
    expect(ordered).toBe(o.ordered_bins);
  });
});

describe('classic generic results', () => {
  it('types get/select/operate/batch results by the bins type given', () => {
    // Only the types are checked here; the calls are never made.
    type Get = ReturnType<typeof AsyncClient.prototype.get<User>>;
    type Batch = ReturnType<typeof AsyncClient.prototype.batch_read<User>>;
    assertType<Equal<Get, Promise<Record<User>>>>();
    assertType<Equal<Batch, Promise<BatchRecord<User>[]>>>();
    expect(typeof AsyncClient.prototype.get).toBe('function');
  });
});
