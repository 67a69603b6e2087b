import { Key as CoreKey, serverError, InvalidArgumentError as CoreInvalid, TimeoutError as CoreTimeout, AerospikeError as CoreRoot } from '@aerospike-ts/core';
import { batchPolicy, readPolicy, writePolicy } from '../src/policy';
import { fromCoreKey, toCoreKey } from '../src/types';
import { Record } from '../src/record';
import { toCoreOps } from '../src/operations';
import * as aerospike from '../src/index';

describe('classic policy mapping', () => {
  it('maps aerospike_py keys and constants to core policies', () => {
    expect(writePolicy({ exists: aerospike.POLICY_EXISTS_CREATE_ONLY, gen: aerospike.POLICY_GEN_EQ, key: aerospike.POLICY_KEY_SEND, total_timeout: 250, durable_delete: true, commit_level: 1 }, { gen: 7, ttl: 60 })).toEqual({
      exists: 4,
      generationPolicy: 1,
      sendKey: true,
      totalTimeout: 250,
      durableDelete: true,
      commitLevel: 1,
      generation: 7,
      ttl: 60
    });
    expect(readPolicy({ replica: aerospike.POLICY_REPLICA_SEQUENCE, read_touch_ttl_percent: 50, key: 0 })).toEqual({ replica: 2, readTouchTtlPercent: 50, sendKey: false });
    expect(readPolicy({ replica: aerospike.POLICY_REPLICA_PREFER_RACK })).toEqual({ replica: 3 });
    expect(writePolicy(undefined, { ttl: aerospike.TTL_CLIENT_DEFAULT })).toEqual({});
    expect(batchPolicy({ allow_inline: false, respond_all_keys: true, concurrency: 1 })).toEqual({ allowInline: false, respondAllKeys: true });
  });

  it('rejects unknown keys and wrong types, naming them', () => {
    expect(() => writePolicy({ bogus: 1 } as never)).toThrow(/write policy: unknown key 'bogus'/);
    expect(() => writePolicy({ ttl: '5' } as never)).toThrow(/'ttl' must be an integer/);
    expect(() => readPolicy({ compress: 1 } as never)).toThrow(/'compress' must be a boolean/);
    expect(() => readPolicy({ replica: 9 } as never)).toThrow(/'replica' must be one of 0, 1, 2 .*got 9/);
    expect(() => writePolicy({}, 'x' as never)).toThrow(/meta must be a dict/);
  });
});

describe('classic keys, records and operations', () => {
  it('converts tuple keys both ways', () => {
    const k = toCoreKey(['test', 'demo', 'user1']);
    expect(k).toBeInstanceOf(CoreKey);
    expect(fromCoreKey(k)).toEqual(['test', 'demo', 'user1', k.digest]);
    expect(toCoreKey(['test', null, null, k.digest]).digest.equals(k.digest)).toBe(true);
    expect(() => toCoreKey(['test', 'demo'])).toThrow(/tuple \[namespace, set, userKey\]/);
    expect(() => toCoreKey('k')).toThrow(/tuple/);
    expect(() => toCoreKey(['test', 5, 1])).toThrow(/set must be a string or null/);
  });

  it('records destructure as [key, meta, bins]', () => {
    const r = new Record(['test', 's', 1, Buffer.alloc(20)], { gen: 1, ttl: -1 }, { a: 1 });
    const [key, meta, bins] = r;
    expect([key, meta, bins]).toEqual([r.key, r.meta, r.bins]);
  });

  it('maps operation dicts and rejects unknown op codes', () => {
    const ops = toCoreOps([
      { op: aerospike.OPERATOR_WRITE, bin: 'a', val: 1 },
      { op: aerospike.OPERATOR_INCR, bin: 'n', val: 2 },
      { op: aerospike.OPERATOR_READ, bin: 'n', val: null },
      { op: aerospike.OPERATOR_TOUCH },
      { op: aerospike.OPERATOR_DELETE }
    ]);
    expect(ops.map((o) => o.op)).toEqual([2, 5, 1, 11, 14]);
    expect(() => toCoreOps([{ op: 77, bin: 'a' }])).toThrow(/unknown op code 77/);
    expect(() => toCoreOps([{ op: aerospike.OPERATOR_WRITE }])).toThrow(/'bin' is required/);
  });
});

describe('classic exceptions', () => {
  it('map core errors to aerospike_py classes that keep code, msg and in_doubt', () => {
    const e = aerospike.exception.toClassicError(serverError(2, { detail: 'k' })) as aerospike.RecordNotFound;
    expect(e).toBeInstanceOf(aerospike.RecordNotFound);
    expect(e).toBeInstanceOf(aerospike.RecordError);
    expect(e).toBeInstanceOf(aerospike.AerospikeError);
    expect(e).toBeInstanceOf(CoreRoot);
    expect(e.code).toBe(2);
    expect(e.msg).toBe('Record not found: k');
    expect(e.in_doubt).toBe(false);
    expect(aerospike.exception.toClassicError(new CoreInvalid('bad'))).toBeInstanceOf(aerospike.InvalidArgError);
    expect(aerospike.exception.toClassicError(new CoreTimeout('t', 'total', { inDoubt: true }))).toMatchObject({ in_doubt: true });
    expect(aerospike.exception.toClassicError(new CoreTimeout('t', 'socket'))).toBeInstanceOf(aerospike.AerospikeTimeoutError);
    expect(aerospike.exception.toClassicError(serverError(200))).toBeInstanceOf(aerospike.IndexFoundError);
    expect(aerospike.exception.toClassicError(serverError(201))).toBeInstanceOf(aerospike.IndexNotFound);
    expect(aerospike.exception.toClassicError(serverError(100))).toBeInstanceOf(aerospike.UDFError);
    expect(aerospike.exception.toClassicError(serverError(3))).toBeInstanceOf(aerospike.RecordGenerationError);
    expect(aerospike.exception.toClassicError(serverError(25))).toBeInstanceOf(aerospike.ServerError);
  });

  it('reject calls made before connect with a classic error', async () => {
    const c = aerospike.client({ hosts: [['127.0.0.1', 1]] });
    await expect(c.get(['test', 's', 1])).rejects.toBeInstanceOf(aerospike.AerospikeError);
    expect(() => aerospike.client({ hosts: [] })).toThrow(aerospike.InvalidArgError);
  });
});
