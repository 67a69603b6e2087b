import BN from 'bn.js';
import { InvalidArgumentError } from '../errors/client-errors.js';
import { writeU32 } from '../wire/bytes.js';

const TWO_63 = 2 ** 63;

/** Smallest signed 64-bit integer. */
export const INT64_MIN = -(2n ** 63n);
/** Largest signed 64-bit integer. */
export const INT64_MAX = 2n ** 63n - 1n;

/** Whether a value is a bn.js `BN` (from any copy of bn.js). */
export function isBN(v: unknown): v is BN {
  if (typeof v !== 'object' || v === null) return false;
  if (v instanceof BN) return true;
  // BN.isBN reads v.constructor.wordSize, which throws for null-prototype objects.
  const ctor = (v as { constructor?: unknown }).constructor;
  return typeof ctor === 'function' && BN.isBN(v);
}

/**
 * Converts an integer given as a `bigint` or a `BN` to a range-checked `bigint`.
 * @throws InvalidArgumentError outside the signed 64-bit range.
 */
export function toInt64(v: bigint | BN, what: string): bigint {
  const b = typeof v === 'bigint' ? v : BigInt(v.toString(10));
  if (b < INT64_MIN || b > INT64_MAX) {
    throw new InvalidArgumentError(`${what}: integer ${b} is outside the signed 64-bit range`);
  }
  return b;
}

/**
 * Decodes 8 big-endian bytes as a signed 64-bit integer: a `number` when it is a safe
 * integer, else a `bigint`.
 */
export function readInt64(buf: Buffer, offset: number): number | bigint {
  // byte loads (Buffer's readers validate their arguments on every call); same bounds rule
  if (!(offset >= 0 && offset + 8 <= buf.length)) throw new RangeError(`readInt64: offset ${offset} is outside a buffer of ${buf.length} bytes`);
  const hi = ((buf[offset] as number) << 24) | ((buf[offset + 1] as number) << 16) | ((buf[offset + 2] as number) << 8) | (buf[offset + 3] as number);
  const lo = (buf[offset + 4] as number) * 0x1000000 + (((buf[offset + 5] as number) << 16) | ((buf[offset + 6] as number) << 8) | (buf[offset + 7] as number));
  // Exact whenever the result is a safe integer (|value| < 2^53); -2^53 itself is not safe.
  const v = hi * 0x100000000 + lo;
  return Number.isSafeInteger(v) ? v : buf.readBigInt64BE(offset);
}

/**
 * Whether a `number` is sent as INTEGER rather than DOUBLE: an integral value (not -0)
 * inside the signed 64-bit range, the same rule inside lists and maps. Integral numbers
 * at or beyond ±2^63 (e.g. 1e300) are sent as DOUBLE, as the official client sends them.
 */
export function isIntegralNumber(n: number): boolean {
  return Number.isInteger(n) && !Object.is(n, -0) && n >= -TWO_63 && n < TWO_63;
}

/**
 * Writes a `number` known to be integral as 8 big-endian bytes.
 * @throws InvalidArgumentError outside the signed 64-bit range.
 */
export function writeIntegralNumber(buf: Buffer, n: number, offset: number, what: string): void {
  if (Number.isSafeInteger(n)) {
    // two's complement halves, stored byte by byte (Buffer's writers validate on every call)
    const hi = Math.floor(n / 0x100000000);
    const lo = n - hi * 0x100000000;
    writeU32(buf, offset, hi >>> 0);
    writeU32(buf, offset + 4, lo);
    return;
  }
  buf.writeBigInt64BE(toInt64(BigInt(n), what), offset);
}
