/**
 * A structural form of a decoded value that keeps every type distinction and every order
 * (unlike Jest's toEqual), for comparing decoder output.
 */
import { Double } from '../../../packages/core/src/values/double.js';
import { GeoJSON } from '../../../packages/core/src/values/geojson.js';
import { HLL } from '../../../packages/core/src/values/hll.js';
import { SpecialValue } from '../../../packages/core/src/values/special.js';

/** Canonical JSON-able form of a value. */
export function canon(x: unknown): unknown {
  if (x === null) return null;
  switch (typeof x) {
    case 'number':
      return ['num', Object.is(x, -0) ? '-0' : String(x)];
    case 'bigint':
      return ['big', String(x)];
    case 'string':
      return ['str', x];
    case 'boolean':
      return ['bool', x];
    default:
  }
  if (Buffer.isBuffer(x)) return ['buf', x.toString('hex')];
  if (x instanceof Uint8Array) return ['u8', Buffer.from(x).toString('hex')];
  if (Double.isDouble(x)) return ['dbl', Object.is(x.value, -0) ? '-0' : String(x.value)];
  if (GeoJSON.isGeoJSON(x)) return ['geo', x.value];
  if (HLL.isHLL(x)) return ['hll', x.bytes.toString('hex')];
  if (SpecialValue.isSpecial(x)) return ['special', x.kind];
  if (Array.isArray(x)) return ['arr', x.map(canon)];
  if (x instanceof Map) return ['map', [...x].map(([k, y]) => [canon(k), canon(y)])];
  if (typeof x === 'object') {
    const proto: unknown = Object.getPrototypeOf(x);
    if (proto === Object.prototype || proto === null) return ['obj', Object.keys(x).map((k) => [k, canon((x as Record<string, unknown>)[k])])];
  }
  return ['other', Object.prototype.toString.call(x)];
}

/** Canonical text of a value (for equality checks). */
export function canonText(x: unknown): string {
  return JSON.stringify(canon(x));
}
