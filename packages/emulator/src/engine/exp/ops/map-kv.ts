/**
 * `map_keys` / `map_values`: the keys or the values of a map, in stored order, as a list.
 */
import { UNKNOWN, type Evaluated, type ExpValue } from '../exp-values.js';
import { MpCursor } from '../mp-cursor.js';
import { packListHeader } from '../mp-pack.js';

/** The keys (or values) of the packed map `map`; unknown when it is not a map. */
export function mapKeysOrValues(map: ExpValue, values: boolean): Evaluated {
  if (map.t !== 'msgpack') return UNKNOWN;
  const c = new MpCursor(map.bytes);
  let n = c.mapCount();
  if (n === undefined) return UNKNOWN;
  if (n > 0 && c.peekIsExt()) {
    if (!c.skip(2)) return UNKNOWN; // the order header and its nil value
    n--;
  }
  const out: Buffer[] = [packListHeader(n)];
  for (let i = 0; i < n; i++) {
    const k = c.element();
    const v = c.element();
    if (k === undefined || v === undefined) return UNKNOWN;
    out.push(values ? v : k);
  }
  return { t: 'msgpack', bytes: Buffer.concat(out) };
}
