import BN from 'bn.js';
import { InvalidArgumentError } from '../errors/client-errors.js';

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
  const hi = buf.readInt32BE(offset);
  const lo = buf.readUInt32BE(offset + 4);
  // Safe when |value| < 2^53, i.e. hi in [-2^21, 2^21).
  if (hi >= -0x200000 && hi < 0x200000) return hi * 0x100000000 + lo;
  return buf.readBigInt64BE(offset);
}

/**
 * Whether a `number` is sent as INTEGER rather than DOUBLE: it must be a safe integer
 * (and not -0). Larger integral numbers are already rounded doubles, so they stay DOUBLE,
 * as the official client sends them; use a `bigint` for exact 64-bit integers.
 */
export function isIntegralNumber(n: number): boolean {
  return Number.isSafeInteger(n) && !Object.is(n, -0);
}

/**
 * Writes a `number` known to be integral as 8 big-endian bytes.
 * @throws InvalidArgumentError outside the signed 64-bit range.
 */
export function writeIntegralNumber(buf: Buffer, n: number, offset: number, what: string): void {
  if (Number.isSafeInteger(n)) {
    const hi = Math.floor(n / 0x100000000);
    buf.writeInt32BE(hi, offset);
    buf.writeUInt32BE(n - hi * 0x100000000, offset + 4);
    return;
  }
  buf.writeBigInt64BE(toInt64(BigInt(n), what), offset);
}
