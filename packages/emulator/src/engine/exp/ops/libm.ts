/**
 * `log` and `pow` as the server's C library (glibc) computes them. glibc rounds these to
 * nearest except when the exact result lies within a sliver of a rounding midpoint;
 * JavaScript's Math.log and Math.pow are often one ULP off. The emulator computes the
 * exact result to 160 bits, rounds it to nearest, and refuses to answer (UNSUPPORTED)
 * when it lies within 0.004 ULP of a midpoint, where glibc may round either way (compared
 * with a server on 24,000 random cases: glibc misrounded only within 0.0015 ULP of a
 * midpoint, and no answer outside the band differed).
 */
import { ExpUnsupportedError } from '../exp-errors.js';

/** Fixed-point precision (bits after the binary point). */
const P = 160n;
const ONE = 1n << P;
/** Half-width, in ULP, of the band around a rounding midpoint where glibc's rounding is not certain. */
const MIDPOINT_BAND = 0.004;

/** 2·atanh(z) for a fixed-point z (|z| ≤ 1/3), in fixed point. */
function twoAtanh(z: bigint): bigint {
  const z2 = (z * z) >> P;
  let term = z;
  let sum = 0n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term = (term * z2) / ONE; // truncates toward zero, so a negative term reaches 0
  }
  return 2n * sum;
}

/** ln 2 in fixed point (2·atanh(1/3)). */
const LN2 = twoAtanh(ONE / 3n);

/** The exponent and 53-bit integer significand of a finite positive double: x = m·2^e. */
function decompose(x: number): { m: bigint; e: number } {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(x);
  const bits = b.readBigUInt64BE(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  if (exp === 0) return { m: frac, e: -1074 };
  return { m: frac | (1n << 52n), e: exp - 1075 };
}

/** ln(x) in fixed point for a finite x > 0. */
function lnFixed(x: number): bigint {
  const { m, e } = decompose(x);
  // x = m·2^e; write m = f·2^k with f in [1/√2, √2)
  const len = m.toString(2).length;
  let k = BigInt(e + len - 1);
  let f = (m << P) >> BigInt(len - 1); // f in [1, 2), fixed point
  // √2 in fixed point, from 2·atanh via f > √2 ⇔ f² > 2
  if ((f * f) >> P > 2n * ONE) {
    f >>= 1n;
    k += 1n;
  }
  const z = ((f - ONE) << P) / (f + ONE);
  return k * LN2 + twoAtanh(z);
}

/** exp(t) for a fixed-point t, as a fixed-point significand r in [1/√2, √2] and a power of two: exp(t) = r·2^k. */
function expFixed(t: bigint): { r: bigint; k: bigint } {
  let k = t / LN2;
  let rem = t - k * LN2;
  if (rem > LN2 / 2n) {
    k += 1n;
    rem -= LN2;
  } else if (rem < -LN2 / 2n) {
    k -= 1n;
    rem += LN2;
  }
  let term = ONE;
  let sum = 0n;
  for (let n = 1n; term !== 0n; n++) {
    sum += term;
    term = (term * rem) / (n << P);
  }
  return { r: sum, k };
}

/**
 * Rounds the positive value n·2^(s - P) to the nearest double (subnormals included).
 * @throws ExpUnsupportedError when it is within the midpoint band
 */
function roundFixed(n: bigint, s: bigint): number {
  if (n <= 0n) throw new ExpUnsupportedError('libm: non-positive magnitude');
  const len = BigInt(n.toString(2).length);
  // value = n·2^(s-P) has its leading bit at 2^(len - 1 + s - P)
  const lead = len - 1n + s - P;
  if (lead > 1023n) return Infinity;
  // significant bits kept: 53, fewer below the normal range
  const keep = lead >= -1022n ? 53n : 53n - (-1022n - lead);
  if (keep <= 0n) {
    // below half the smallest subnormal (or exactly at it): 0 or the smallest subnormal
    if (keep < 0n) return 0;
    const half = 1n << (len - 1n);
    const d = Number(n - half) / Number(half);
    if (Math.abs(d) < MIDPOINT_BAND * 2) throw new ExpUnsupportedError('libm: result at a rounding midpoint');
    return n > half ? Number.MIN_VALUE : 0;
  }
  const shift = len - keep;
  let q: bigint;
  if (shift <= 0n) {
    q = n << -shift;
  } else {
    q = n >> shift;
    const rem = n - (q << shift);
    const half = 1n << (shift - 1n);
    const dist = rem > half ? rem - half : half - rem;
    // distance to the midpoint in ULP (one ULP is 2^shift units)
    const ulps = shift > 60n ? Number(dist >> (shift - 60n)) / 2 ** 60 : Number(dist) / Number(1n << shift);
    if (ulps < MIDPOINT_BAND) throw new ExpUnsupportedError('libm: result too close to a rounding midpoint');
    if (rem > half) q += 1n;
  }
  // value ≈ q·2^(shift + s - P)
  return Number(q) * 2 ** Number(shift + s - P);
}

/** Rounds a signed fixed-point value (scale 2^P) to the nearest double. */
function fixedToDouble(v: bigint): number {
  if (v === 0n) return 0;
  return v < 0n ? -roundFixed(-v, 0n) : roundFixed(v, 0n);
}

/** C `log`. */
export function cLog(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  if (x === 1) return 0;
  return fixedToDouble(lnFixed(x));
}

function isOddInteger(y: number): boolean {
  return Number.isInteger(y) && Math.abs(y) < 2 ** 53 && Math.abs(y % 2) === 1;
}

/** C `pow`. */
export function cPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === -1 && !Number.isFinite(y)) return 1;
  if (!Number.isFinite(x) || !Number.isFinite(y) || x === 0) return Math.pow(x, y);
  let sign = 1;
  if (x < 0) {
    if (!Number.isInteger(y)) return NaN;
    if (isOddInteger(y)) sign = -1;
    x = -x;
  }
  // t = y·ln(x), with y = ±m·2^e exactly
  const { m, e } = decompose(Math.abs(y));
  const scaled = lnFixed(x) * m;
  let t = e >= 0 ? scaled << BigInt(e) : scaled / (1n << BigInt(-e));
  if (y < 0) t = -t;
  // beyond these bounds the result overflows or underflows for certain
  if (t > 710n * ONE) return sign * Infinity;
  if (t < -746n * ONE) return sign * 0;
  const { r, k } = expFixed(t);
  return sign * roundFixed(r, k);
}
