/**
 * Big-endian integer reads and writes by bytes, for the hot encode and decode paths.
 *
 * Buffer's own `readUInt32BE`/`writeUInt32BE`… validate their arguments on every call,
 * which showed in the profiles of single-record, batch and scan commands. These do no
 * checking at all: every caller has already checked that the bytes lie inside the buffer
 * (a reply's sizes are checked against its end before they are read; a request is
 * written into a buffer sized for it first, and its final length is checked).
 */

/** Unsigned 16-bit big-endian integer at `o`. */
export function readU16(b: Uint8Array, o: number): number {
  return ((b[o] as number) << 8) | (b[o + 1] as number);
}

/** Unsigned 32-bit big-endian integer at `o`. */
export function readU32(b: Uint8Array, o: number): number {
  return (b[o] as number) * 0x1000000 + (((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number));
}

/** Unsigned 48-bit big-endian integer at `o` (the proto header's length). */
export function readU48(b: Uint8Array, o: number): number {
  return readU16(b, o) * 0x100000000 + readU32(b, o + 2);
}

/** Writes `v` (0 ≤ v < 2^16) as 2 big-endian bytes at `o`. */
export function writeU16(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 8;
  b[o + 1] = v;
}

/** Writes `v` (0 ≤ v < 2^32) as 4 big-endian bytes at `o`. */
export function writeU32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24;
  b[o + 1] = v >>> 16;
  b[o + 2] = v >>> 8;
  b[o + 3] = v;
}

/** Writes `v` (0 ≤ v < 2^48) as 6 big-endian bytes at `o`. */
export function writeU48(b: Uint8Array, o: number, v: number): void {
  writeU16(b, o, Math.floor(v / 0x100000000));
  writeU32(b, o + 2, v >>> 0);
}
