import { Double, Exp, GeoJSON, packValue, type ExpNode } from '@aerospike-ts/core';
import type { Particle, StoredRecord } from '../../../src/model/particle';
import { evaluateExpression, evaluateFilter, type ExpContext } from '../../../src/engine/exp';

/** 2024-01-01T00:00:00Z in ns. */
export const NOW_NS = 1704067200n * 1_000_000_000n;
export const CTX: ExpContext = { nowNs: NOW_NS, namespace: 'test' };

/** A bin value as the client would store it. */
export function particle(v: unknown): Particle {
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(BigInt(v));
    return { type: 1, data: b };
  }
  if (typeof v === 'number') {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(v);
    return { type: 2, data: b };
  }
  if (v instanceof Double) {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(v.value);
    return { type: 2, data: b };
  }
  if (typeof v === 'string') return { type: 3, data: Buffer.from(v, 'utf8') };
  if (typeof v === 'boolean') return { type: 17, data: Buffer.from([v ? 1 : 0]) };
  if (Buffer.isBuffer(v)) return { type: 4, data: v };
  if (v instanceof GeoJSON) return { type: 23, data: Buffer.concat([Buffer.from([0, 0, 0]), Buffer.from(v.value, 'utf8')]) };
  if (Array.isArray(v)) return { type: 20, data: packValue(v, 'list') };
  return { type: 19, data: packValue(v, 'map') };
}

/** A stored record with these bins. */
export function record(bins: Record<string, unknown>, extra: Partial<StoredRecord> = {}): StoredRecord {
  const map = new Map<string, Particle>();
  for (const [k, v] of Object.entries(bins)) map.set(k, particle(v));
  return {
    bins: map,
    generation: 1,
    voidTime: 0,
    lastUpdateNs: NOW_NS - 5_000_000_000n,
    userKey: undefined,
    setName: 'demo',
    digest: Buffer.alloc(20, 7),
    ...extra
  };
}

/** The filter outcome: true / false, or the result code. */
export function filter(e: ExpNode, rec: StoredRecord | undefined = record({})): boolean | number {
  const r = evaluateFilter(Exp.build(e).toBytes(), rec, CTX);
  return r.ok ? r.value : r.resultCode;
}

/** The filter outcome of raw expression bytes. */
export function filterBytes(bytes: Buffer, rec: StoredRecord | undefined = record({})): boolean | number {
  const r = evaluateFilter(bytes, rec, CTX);
  return r.ok ? r.value : r.resultCode;
}

/** The value of an expression operation: the particle, null, or the result code. */
export function value(e: ExpNode, rec: StoredRecord | undefined = record({})): Particle | null | number {
  const r = evaluateExpression(Exp.build(e).toBytes(), rec, CTX);
  return r.ok ? r.value : r.resultCode;
}

/** The integer an expression operation returns (throws otherwise). */
export function intValue(e: ExpNode, rec?: StoredRecord): bigint {
  const p = value(e, rec);
  if (p === null || typeof p === 'number' || p.type !== 1) throw new Error(`not an integer: ${JSON.stringify(p)}`);
  return p.data.readBigInt64BE(0);
}

/** The float an expression operation returns (throws otherwise). */
export function floatValue(e: ExpNode, rec?: StoredRecord): number {
  const p = value(e, rec);
  if (p === null || typeof p === 'number' || p.type !== 2) throw new Error(`not a float: ${JSON.stringify(p)}`);
  return p.data.readDoubleBE(0);
}
