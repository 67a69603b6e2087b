/**
 * Packs single msgpack values the way the server packs expression results (integers in
 * their shortest form, doubles as float64, strings and blobs with their particle-type byte).
 */

/** msgpack nil. */
export function packNil(): Buffer {
  return Buffer.from([0xc0]);
}

/** msgpack boolean. */
export function packBool(v: boolean): Buffer {
  return Buffer.from([v ? 0xc3 : 0xc2]);
}

/** A signed 64-bit integer in its shortest msgpack form. */
export function packInt(v: bigint): Buffer {
  if (v >= 0n) {
    if (v < 0x80n) return Buffer.from([Number(v)]);
    if (v < 0x100n) return Buffer.from([0xcc, Number(v)]);
    if (v < 0x10000n) {
      const b = Buffer.alloc(3);
      b[0] = 0xcd;
      b.writeUInt16BE(Number(v), 1);
      return b;
    }
    if (v < 0x100000000n) {
      const b = Buffer.alloc(5);
      b[0] = 0xce;
      b.writeUInt32BE(Number(v), 1);
      return b;
    }
    const b = Buffer.alloc(9);
    b[0] = 0xcf;
    b.writeBigUInt64BE(v, 1);
    return b;
  }
  if (v >= -32n) return Buffer.from([Number(v) & 0xff]);
  if (v >= -128n) return Buffer.from([0xd0, Number(v) & 0xff]);
  if (v >= -32768n) {
    const b = Buffer.alloc(3);
    b[0] = 0xd1;
    b.writeInt16BE(Number(v), 1);
    return b;
  }
  if (v >= -2147483648n) {
    const b = Buffer.alloc(5);
    b[0] = 0xd2;
    b.writeInt32BE(Number(v), 1);
    return b;
  }
  const b = Buffer.alloc(9);
  b[0] = 0xd3;
  b.writeBigInt64BE(v, 1);
  return b;
}

/** A float64. */
export function packDouble(v: number): Buffer {
  const b = Buffer.alloc(9);
  b[0] = 0xcb;
  b.writeDoubleBE(v, 1);
  return b;
}

/** A str-family element holding the particle type byte and `bytes`. */
export function packTyped(particleType: number, bytes: Buffer): Buffer {
  const len = bytes.length + 1;
  let hdr: Buffer;
  if (len < 32) hdr = Buffer.from([0xa0 | len]);
  else if (len < 0x100) hdr = Buffer.from([0xd9, len]);
  else if (len < 0x10000) {
    hdr = Buffer.alloc(3);
    hdr[0] = 0xda;
    hdr.writeUInt16BE(len, 1);
  } else {
    hdr = Buffer.alloc(5);
    hdr[0] = 0xdb;
    hdr.writeUInt32BE(len, 1);
  }
  return Buffer.concat([hdr, Buffer.from([particleType]), bytes]);
}

/** A list header for `n` elements. */
export function packListHeader(n: number): Buffer {
  if (n < 16) return Buffer.from([0x90 | n]);
  if (n < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = 0xdc;
    b.writeUInt16BE(n, 1);
    return b;
  }
  const b = Buffer.alloc(5);
  b[0] = 0xdd;
  b.writeUInt32BE(n, 1);
  return b;
}
