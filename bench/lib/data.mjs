// The benchmark's data set: integer user keys 0..total-1 in one set, each record with three
// bins (an integer, a 20-character string, a 100-byte blob); `hot` of them, spread evenly
// over the key range, take all the single-key and batch traffic.

/** The string bin's value (20 characters). */
export const STRING_VALUE = 'abcdefghij0123456789';
/** The blob bin's value (100 bytes). */
export const BLOB_VALUE = Buffer.alloc(100, 0xab);

/** The bins written for key `k`. */
export function binsFor(k) {
  return { i: k, s: STRING_VALUE, b: BLOB_VALUE };
}

/** The hot keys: `hot` integers spread over 0..total-1. */
export function hotKeys(total, hot) {
  const step = total / hot;
  return Array.from({ length: hot }, (_, i) => Math.floor(i * step));
}

/** A small, fast deterministic PRNG (xorshift32) returning integers in [0, n). */
export function prng(seed) {
  let x = seed >>> 0 || 0x9e3779b9;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

/** `count` batches of `size` distinct hot-key indexes each. */
export function makeBatches(count, size, hotCount, seed) {
  const next = prng(seed);
  const out = [];
  for (let b = 0; b < count; b++) {
    const picked = new Set();
    while (picked.size < Math.min(size, hotCount)) picked.add(next(hotCount));
    out.push([...picked]);
  }
  return out;
}
