/**
 * A msgpack cursor with the server's reading of Aerospike msgpack: strings and blobs carry
 * a leading particle-type byte (3 string, 23 GeoJSON, anything else bytes), and the
 * extension `ff 00` / `ff 01` is the wildcard / infinity of collection ranges.
 */

import { MpType, CMP_EXT_TYPE, bytesType } from '../msgpack/mp-type.js';

export { MpType, CMP_EXT_TYPE, bytesType } from '../msgpack/mp-type.js';

const U64 = (1n << 64n) - 1n;

/** A read position over msgpack bytes `buf[pos, end)`. */
export class MpCursor {
  readonly buf: Buffer;
  readonly end: number;
  pos: number;

  constructor(buf: Buffer, pos = 0, end = buf.length) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  /** True when every byte has been read. */
  atEnd(): boolean {
    return this.pos >= this.end;
  }

  #byte(at: number): number {
    return at < this.end ? (this.buf[at] as number) : 0;
  }

  #uint(at: number, n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + this.#byte(at + i);
    return v;
  }

  /** The type of the next element, without moving (ERROR when there is none). */
  peekType(): MpType {
    if (this.pos >= this.end) return MpType.ERROR;
    const p = this.pos;
    const b = this.#byte(p);
    switch (b) {
      case 0xc0:
        return MpType.NIL;
      case 0xc2:
        return MpType.FALSE;
      case 0xc3:
        return MpType.TRUE;
      case 0xd0:
      case 0xd1:
      case 0xd2:
      case 0xd3:
        return (this.#byte(p + 1) & 0x80) === 0 ? MpType.INT : MpType.NEGINT;
      case 0xcc:
      case 0xcd:
      case 0xce:
      case 0xcf:
        return MpType.INT;
      case 0xca:
      case 0xcb:
        return MpType.DOUBLE;
      case 0xc4:
      case 0xd9:
        return bytesType(this.#byte(p + 2), this.#byte(p + 1));
      case 0xc5:
      case 0xda:
        return bytesType(this.#byte(p + 3), this.#uint(p + 1, 2));
      case 0xc6:
      case 0xdb:
        return bytesType(this.#byte(p + 5), this.#uint(p + 1, 4));
      case 0xdc:
      case 0xdd:
        return MpType.LIST;
      case 0xde:
      case 0xdf:
        return MpType.MAP;
      case 0xd4:
        if (this.#byte(p + 1) === CMP_EXT_TYPE) {
          if (this.#byte(p + 2) === 0) return MpType.WILDCARD;
          if (this.#byte(p + 2) === 1) return MpType.INF;
        }
        return MpType.ERROR;
      case 0xd5:
      case 0xd6:
      case 0xd7:
      case 0xd8:
        return MpType.EXT;
      case 0xc7:
        if (this.#byte(p + 1) === 1 && this.#byte(p + 2) === CMP_EXT_TYPE) {
          if (this.#byte(p + 3) === 0) return MpType.WILDCARD;
          if (this.#byte(p + 3) === 1) return MpType.INF;
        }
        return MpType.EXT;
      case 0xc8:
      case 0xc9:
        return MpType.EXT;
      default:
        break;
    }
    if (b < 0x80) return MpType.INT;
    if (b >= 0xe0) return MpType.NEGINT;
    if ((b & 0xe0) === 0xa0) return bytesType(this.#byte(p + 1), b & 0x1f);
    if ((b & 0xf0) === 0x80) return MpType.MAP;
    if ((b & 0xf0) === 0x90) return MpType.LIST;
    return MpType.ERROR;
  }

  /**
   * Skips `count` whole elements (containers with their contents); returns false, leaving
   * the cursor where it was, when the bytes are not valid msgpack or run short.
   */
  skip(count = 1): boolean {
    const start = this.pos;
    let p = this.pos;
    let remaining = count;
    while (remaining > 0) {
      remaining--;
      if (p >= this.end) {
        this.pos = start;
        return false;
      }
      const b = this.buf[p++] as number;
      let n = 0;
      if (b < 0x80 || b >= 0xe0 || b === 0xc0 || b === 0xc2 || b === 0xc3) n = 0;
      else if ((b & 0xe0) === 0xa0) n = b & 0x1f;
      else if ((b & 0xf0) === 0x80) remaining += 2 * (b & 0x0f);
      else if ((b & 0xf0) === 0x90) remaining += b & 0x0f;
      else {
        switch (b) {
          case 0xcc:
          case 0xd0:
            n = 1;
            break;
          case 0xcd:
          case 0xd1:
            n = 2;
            break;
          case 0xca:
          case 0xce:
          case 0xd2:
            n = 4;
            break;
          case 0xcb:
          case 0xcf:
          case 0xd3:
            n = 8;
            break;
          case 0xc4:
          case 0xd9:
            n = 1 + this.#uint(p, 1);
            if (p + 1 > this.end) n = Infinity;
            break;
          case 0xc5:
          case 0xda:
            n = 2 + this.#uint(p, 2);
            if (p + 2 > this.end) n = Infinity;
            break;
          case 0xc6:
          case 0xdb:
            n = 4 + this.#uint(p, 4);
            if (p + 4 > this.end) n = Infinity;
            break;
          case 0xdc:
            if (p + 2 > this.end) n = Infinity;
            else {
              remaining += this.#uint(p, 2);
              n = 2;
            }
            break;
          case 0xdd:
            if (p + 4 > this.end) n = Infinity;
            else {
              remaining += this.#uint(p, 4);
              n = 4;
            }
            break;
          case 0xde:
            if (p + 2 > this.end) n = Infinity;
            else {
              remaining += 2 * this.#uint(p, 2);
              n = 2;
            }
            break;
          case 0xdf:
            if (p + 4 > this.end) n = Infinity;
            else {
              remaining += 2 * this.#uint(p, 4);
              n = 4;
            }
            break;
          case 0xd4:
            n = 2;
            break;
          case 0xd5:
            n = 3;
            break;
          case 0xd6:
            n = 5;
            break;
          case 0xd7:
            n = 9;
            break;
          case 0xd8:
            n = 17;
            break;
          case 0xc7:
            n = 2 + this.#uint(p, 1);
            if (p + 2 > this.end) n = Infinity;
            break;
          case 0xc8:
            n = 3 + this.#uint(p, 2);
            if (p + 3 > this.end) n = Infinity;
            break;
          case 0xc9:
            n = 5 + this.#uint(p, 4);
            if (p + 5 > this.end) n = Infinity;
            break;
          default:
            n = Infinity; // 0xc1 is never valid
        }
      }
      p += n;
      if (p > this.end) {
        this.pos = start;
        return false;
      }
    }
    this.pos = p;
    return true;
  }

  /** The bytes of the next whole element (advancing past it), or undefined when malformed. */
  element(): Buffer | undefined {
    const start = this.pos;
    if (!this.skip()) return undefined;
    return this.buf.subarray(start, this.pos);
  }

  /**
   * Reads an integer as the server's `msgpack_get_uint64` does: any msgpack integer, as
   * its 64-bit two's-complement pattern (0 … 2^64-1); undefined (not moving) otherwise.
   */
  getUint64(): bigint | undefined {
    if (this.pos >= this.end) return undefined;
    const p = this.pos;
    const b = this.buf[p] as number;
    let n: number;
    let signed: boolean;
    if (b < 0x80) {
      this.pos = p + 1;
      return BigInt(b);
    }
    if (b >= 0xe0) {
      this.pos = p + 1;
      return BigInt(b - 0x100) & U64;
    }
    switch (b) {
      case 0xcc:
      case 0xcd:
      case 0xce:
      case 0xcf:
        n = 1 << (b - 0xcc);
        signed = false;
        break;
      case 0xd0:
      case 0xd1:
      case 0xd2:
      case 0xd3:
        n = 1 << (b - 0xd0);
        signed = true;
        break;
      default:
        return undefined;
    }
    if (p + 1 + n > this.end) return undefined;
    let v = 0n;
    for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(this.buf[p + 1 + i] as number);
    if (signed && ((this.buf[p + 1] as number) & 0x80) !== 0) v = (v - (1n << BigInt(8 * n))) & U64;
    this.pos = p + 1 + n;
    return v;
  }

  /** An integer as a signed 64-bit value (the server's `msgpack_get_int64`). */
  getInt64(): bigint | undefined {
    const u = this.getUint64();
    return u === undefined ? undefined : BigInt.asIntN(64, u);
  }

  /** A float32 or float64 as a double; undefined (not moving) otherwise. */
  getDouble(): number | undefined {
    if (this.pos >= this.end) return undefined;
    const b = this.buf[this.pos];
    if (b === 0xca && this.pos + 5 <= this.end) {
      const v = this.buf.readFloatBE(this.pos + 1);
      this.pos += 5;
      return v;
    }
    if (b === 0xcb && this.pos + 9 <= this.end) {
      const v = this.buf.readDoubleBE(this.pos + 1);
      this.pos += 9;
      return v;
    }
    return undefined;
  }

  /** A boolean; undefined (not moving) otherwise. */
  getBool(): boolean | undefined {
    if (this.pos >= this.end) return undefined;
    const b = this.buf[this.pos];
    if (b !== 0xc2 && b !== 0xc3) return undefined;
    this.pos++;
    return b === 0xc3;
  }

  /** The payload of a str or bin element (particle-type byte included); undefined (not moving) otherwise. */
  getBin(): Buffer | undefined {
    if (this.pos >= this.end) return undefined;
    const p = this.pos;
    const b = this.buf[p] as number;
    let hdr: number;
    let len: number;
    if ((b & 0xe0) === 0xa0) {
      hdr = 1;
      len = b & 0x1f;
    } else if (b === 0xc4 || b === 0xd9) {
      hdr = 2;
      len = this.#uint(p + 1, 1);
    } else if (b === 0xc5 || b === 0xda) {
      hdr = 3;
      len = this.#uint(p + 1, 2);
    } else if (b === 0xc6 || b === 0xdb) {
      hdr = 5;
      len = this.#uint(p + 1, 4);
    } else return undefined;
    if (p + hdr > this.end || p + hdr + len > this.end) return undefined;
    this.pos = p + hdr + len;
    return this.buf.subarray(p + hdr, p + hdr + len);
  }

  /** A list header's element count; undefined (not moving) when the next element is not a list. */
  listCount(): number | undefined {
    return this.#header(0x90, 0xdc);
  }

  /** A map header's entry count; undefined (not moving) when the next element is not a map. */
  mapCount(): number | undefined {
    return this.#header(0x80, 0xde);
  }

  #header(fix: number, h16: number): number | undefined {
    if (this.pos >= this.end) return undefined;
    const p = this.pos;
    const b = this.buf[p] as number;
    if ((b & 0xf0) === fix) {
      this.pos = p + 1;
      return b & 0x0f;
    }
    if (b === h16 && p + 3 <= this.end) {
      this.pos = p + 3;
      return this.#uint(p + 1, 2);
    }
    if (b === h16 + 1 && p + 5 <= this.end) {
      this.pos = p + 5;
      return this.#uint(p + 1, 4);
    }
    return undefined;
  }

  /** True when the next element is an extension (of any size). */
  peekIsExt(): boolean {
    if (this.pos >= this.end) return false;
    const b = this.buf[this.pos] as number;
    return (b >= 0xc7 && b <= 0xc9) || (b >= 0xd4 && b <= 0xd8);
  }
}
