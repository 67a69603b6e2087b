import { Double, GeoJSON, HLL, decodeParticle } from '@aerospike-ts/core';
import type { Particle } from '../../../src/model/particle';

/** A decoded value in a JSON form that keeps integer/float and container kinds apart. */
export type Tagged = null | { readonly [kind: string]: unknown };

/** Tags a value as the client decodes it. */
export function tag(v: unknown): Tagged {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return { b: v };
  if (typeof v === 'bigint') return { i: v.toString() };
  if (typeof v === 'number') return Number.isInteger(v) ? { i: String(v) } : { f: String(v) };
  if (v instanceof Double) return { f: String(v.value) };
  if (typeof v === 'string') return { s: v };
  if (v instanceof GeoJSON) return { geo: v.value };
  if (v instanceof HLL) return { hll: Buffer.from(v.bytes).toString('hex') };
  if (v instanceof Uint8Array) return { x: Buffer.from(v).toString('hex') };
  if (Array.isArray(v)) return { l: v.map(tag) };
  if (v instanceof Map) return { m: [...v.entries()].map(([k, x]) => [tag(k), tag(x)]) };
  if (typeof v === 'object') return { m: Object.entries(v as Record<string, unknown>).map(([k, x]) => [tag(k), tag(x)]) };
  return { other: String(v) };
}

/** Tags a particle the way the client would decode it. */
export function tagParticle(p: Particle | null): Tagged {
  if (p === null) return null;
  return tag(decodeParticle(p.type, p.data, 0, p.data.length));
}
