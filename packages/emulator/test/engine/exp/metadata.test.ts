import { Exp, ExpType, GeoJSON } from '@aerospike-ts/core';
import { evaluateExpression } from '../../../src/engine/exp';
import { CTX, filter, intValue, NOW_NS, record, value } from './exp-helpers';

const CITRUS_S = 1262304000n;
const nowCitrus = NOW_NS / 1_000_000_000n - CITRUS_S;

describe('record metadata', () => {
  it('last_update in ns (kept to the ms), since_update in ms', () => {
    const rec = record({ a: 1 }, { lastUpdateNs: NOW_NS - 1_234_567_890n });
    expect(intValue(Exp.lastUpdate(), rec)).toBe(NOW_NS - 1_235_000_000n);
    expect(intValue(Exp.sinceUpdate(), rec)).toBe(1235n);
  });

  it('void_time in ns (-1 when it never expires), ttl in seconds (-1 never, at least 1)', () => {
    const never = record({ a: 1 });
    expect(intValue(Exp.voidTime(), never)).toBe(-1n);
    expect(intValue(Exp.ttl(), never)).toBe(-1n);
    const soon = record({ a: 1 }, { voidTime: Number(nowCitrus + 100n) });
    expect(intValue(Exp.voidTime(), soon)).toBe((CITRUS_S + nowCitrus + 100n) * 1_000_000_000n);
    expect(intValue(Exp.ttl(), soon)).toBe(100n);
    const past = record({ a: 1 }, { voidTime: Number(nowCitrus - 5n) });
    expect(intValue(Exp.ttl(), past)).toBe(1n);
  });

  it('set name, key existence, tombstone, digest modulo', () => {
    const rec = record({ a: 1 }, { setName: 'users', digest: Buffer.from('000102030405060708090a0b0c0d0e0f10111213', 'hex') });
    expect(value(Exp.setName(), rec)).toEqual({ type: 3, data: Buffer.from('users') });
    expect(value(Exp.setName(), record({}, { setName: '' }))).toEqual({ type: 3, data: Buffer.alloc(0) });
    expect(filter(Exp.keyExists(), rec)).toBe(false);
    expect(filter(Exp.not(Exp.isTombstone()), rec)).toBe(true);
    // bytes 16..19 read little-endian: 0x13121110
    expect(intValue(Exp.digestModulo(1000), rec)).toBe(BigInt(0x13121110 % 1000));
    expect(intValue(Exp.digestModulo(-1000), rec)).toBe(BigInt(0x13121110 % 1000));
  });

  it('the stored key, when the record has one and of the type asked', () => {
    const intKey = Buffer.alloc(8);
    intKey.writeBigInt64BE(42n);
    const rec = record({}, { userKey: { type: 1, data: intKey } });
    expect(filter(Exp.keyExists(), rec)).toBe(true);
    expect(intValue(Exp.key(ExpType.INT), rec)).toBe(42n);
    expect(filter(Exp.eq(Exp.key(ExpType.STRING), Exp.val('42')), rec)).toBe(false);
    const strKey = record({}, { userKey: { type: 3, data: Buffer.from('k1') } });
    expect(filter(Exp.eq(Exp.key(ExpType.STRING), Exp.val('k1')), strKey)).toBe(true);
    expect(filter(Exp.eq(Exp.key(ExpType.STRING), Exp.val('k1')), record({}))).toBe(false);
  });

  it('sizes: device_size 0 (in-memory namespace), record_size and memory_size the stored size', () => {
    // header 35 + set "demo" 5 + bin count 1 + bin "a" (1 + 1) + int 7 in one byte (2 + 1) = 46,
    // + a 4-byte end mark = 50, in 16-byte blocks: 64
    const rec = record({ a: 7 });
    expect(intValue(Exp.deviceSize(), rec)).toBe(0n);
    expect(intValue(Exp.recordSize(), rec)).toBe(64n);
    expect(intValue(Exp.memorySize(), rec)).toBe(64n);
    // + void time 4, + key (1 + 1 + 8), int 70000 in 4 bytes, string "hello" 5 + 5
    const key = Buffer.alloc(8);
    const big = record({ a: 70000, s: 'hello' }, { voidTime: 5, userKey: { type: 1, data: key } });
    expect(intValue(Exp.recordSize(), big)).toBe(BigInt(Math.ceil((35 + 4 + 5 + 10 + 1 + (2 + 6) + (2 + 10) + 4) / 16) * 16));
    expect(value(Exp.recordSize(), record({ g: new GeoJSON('{"type":"AeroCircle","coordinates":[[0,0],10]}') }))).toBe(16);
  });

  it('inside a write, record_size reports the record as stored when the command began (16 for one being created)', () => {
    const size = (stored: ReturnType<typeof record> | null): unknown => {
      const r = evaluateExpression(Exp.build(Exp.recordSize()).toBytes(), record({ a: 7, s: 'x'.repeat(100) }), { ...CTX, stored });
      return r.ok ? r.value?.data.readBigInt64BE(0) : r.resultCode;
    };
    expect(size(record({ a: 7 }))).toBe(64n);
    expect(size(null)).toBe(16n);
    expect(intValue(Exp.recordSize(), record({ a: 7 }, { generation: 0 }))).toBe(16n);
  });
});
