import { ParseError } from '../errors/client-errors.js';
import { Double } from './double.js';
import { GeoJSON } from './geojson.js';
import { SpecialValue } from './special.js';
import type { DecodeOptions, DecodedMapKey, DecodedValue } from './value-types.js';

const STRING = 3;
const GEOJSON = 23;
const MAX_DEPTH = 512;

/**
 * Reads Aerospike's msgpack dialect from a buffer range, bounds-checking every read.
 *
 * Strings and bytes (str or bin family) carry a particle-type prefix: 0x03 string,
 * 0x17 GeoJSON, anything else bytes (returned as a view of the input). Integral floats
 * decode as `Double` so their type survives a round trip. Ext items used as markers
 * (ordered map/list flags) are skipped; `d4 ff 00/01` decode as WILDCARD/INFINITY.
 * Malformed input throws ParseError; declared lengths are checked before any allocation.
 */
export class MsgPackReader {
  readonly #buf: Buffer;
  readonly #end: number;
  readonly #objects: boolean;
  #pos: number;
  #depth = 0;

  constructor(buf: Buffer, offset = 0, end = buf.length, options?: DecodeOptions) {
    if (offset < 0 || end > buf.length || offset > end) throw new ParseError('msgpack range outside the buffer');
    this.#buf = buf;
    this.#pos = offset;
    this.#end = end;
    this.#objects = options?.maps === 'object';
  }

  /** Current read position. */
  get offset(): number {
    return this.#pos;
  }

  #need(n: number): void {
    if (n > this.#end - this.#pos) throw new ParseError(`msgpack value needs ${n} bytes at offset ${this.#pos}, only ${this.#end - this.#pos} left`);
  }

  #u8(): number {
    this.#need(1);
    return this.#buf[this.#pos++] as number;
  }

  #u16(): number {
    this.#need(2);
    const v = this.#buf.readUInt16BE(this.#pos);
    this.#pos += 2;
    return v;
  }

  #u32(): number {
    this.#need(4);
    const v = this.#buf.readUInt32BE(this.#pos);
    this.#pos += 4;
    return v;
  }

  /** Reads an array header; throws if the next item is not an array. */
  readArrayHeader(): number {
    const t = this.#u8();
    if ((t & 0xf0) === 0x90) return t & 0x0f;
    if (t === 0xdc) return this.#u16();
    if (t === 0xdd) return this.#u32();
    this.#pos--;
    throw new ParseError(`expected a msgpack array, got type byte 0x${t.toString(16)}`);
  }

  /** Reads a map header; throws if the next item is not a map. */
  readMapHeader(): number {
    const t = this.#u8();
    if ((t & 0xf0) === 0x80) return t & 0x0f;
    if (t === 0xde) return this.#u16();
    if (t === 0xdf) return this.#u32();
    this.#pos--;
    throw new ParseError(`expected a msgpack map, got type byte 0x${t.toString(16)}`);
  }

  /** Reads one value. */
  readValue(): DecodedValue {
    return this.#value() as DecodedValue;
  }

  /** Skips one value. */
  skipValue(): void {
    const t = this.#u8();
    if (t < 0x80 || t >= 0xe0 || t === 0xc0 || t === 0xc2 || t === 0xc3) return;
    if ((t & 0xe0) === 0xa0) return this.#skip(t & 0x1f);
    if ((t & 0xf0) === 0x90) return this.#skipItems(t & 0x0f);
    if ((t & 0xf0) === 0x80) return this.#skipItems((t & 0x0f) * 2);
    switch (t) {
      case 0xcc:
      case 0xd0:
        return this.#skip(1);
      case 0xcd:
      case 0xd1:
        return this.#skip(2);
      case 0xca:
      case 0xce:
      case 0xd2:
        return this.#skip(4);
      case 0xcb:
      case 0xcf:
      case 0xd3:
        return this.#skip(8);
      case 0xc4:
      case 0xd9:
        return this.#skip(this.#u8());
      case 0xc5:
      case 0xda:
        return this.#skip(this.#u16());
      case 0xc6:
      case 0xdb:
        return this.#skip(this.#u32());
      case 0xdc:
        return this.#skipItems(this.#u16());
      case 0xdd:
        return this.#skipItems(this.#u32());
      case 0xde:
        return this.#skipItems(this.#u16() * 2);
      case 0xdf:
        return this.#skipItems(this.#u32() * 2);
      case 0xd4:
        return this.#skip(2);
      case 0xd5:
        return this.#skip(3);
      case 0xd6:
        return this.#skip(5);
      case 0xd7:
        return this.#skip(9);
      case 0xd8:
        return this.#skip(17);
      case 0xc7:
        return this.#skip(this.#u8() + 1);
      case 0xc8:
        return this.#skip(this.#u16() + 1);
      case 0xc9:
        return this.#skip(this.#u32() + 1);
      default:
        throw new ParseError(`invalid msgpack type byte 0x${t.toString(16)} at offset ${this.#pos - 1}`);
    }
  }

  #skip(n: number): void {
    this.#need(n);
    this.#pos += n;
  }

  #skipItems(n: number): void {
    // Every item takes at least one byte: reject absurd counts up front.
    this.#need(n);
    if (++this.#depth > MAX_DEPTH) throw new ParseError(`msgpack nested deeper than ${MAX_DEPTH} levels`);
    for (let i = 0; i < n; i++) this.skipValue();
    this.#depth--;
  }

  #isExt(t: number): boolean {
    return (t >= 0xd4 && t <= 0xd8) || (t >= 0xc7 && t <= 0xc9);
  }

  #value(): DecodedValue | SpecialValue {
    const t = this.#u8();
    if (t < 0x80) return t;
    if (t >= 0xe0) return t - 0x100;
    if ((t & 0xe0) === 0xa0) return this.#blob(t & 0x1f);
    if ((t & 0xf0) === 0x90) return this.#array(t & 0x0f);
    if ((t & 0xf0) === 0x80) return this.#map(t & 0x0f);
    const buf = this.#buf;
    switch (t) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xcc:
        return this.#u8();
      case 0xcd:
        return this.#u16();
      case 0xce:
        return this.#u32();
      case 0xcf: {
        this.#need(8);
        const hi = buf.readUInt32BE(this.#pos);
        const lo = buf.readUInt32BE(this.#pos + 4);
        const v = hi < 0x200000 ? hi * 0x100000000 + lo : buf.readBigUInt64BE(this.#pos);
        this.#pos += 8;
        return v;
      }
      case 0xd0:
        this.#need(1);
        return buf.readInt8(this.#pos++);
      case 0xd1: {
        this.#need(2);
        const v = buf.readInt16BE(this.#pos);
        this.#pos += 2;
        return v;
      }
      case 0xd2: {
        this.#need(4);
        const v = buf.readInt32BE(this.#pos);
        this.#pos += 4;
        return v;
      }
      case 0xd3: {
        this.#need(8);
        const hi = buf.readInt32BE(this.#pos);
        const lo = buf.readUInt32BE(this.#pos + 4);
        const v = hi >= -0x200000 && hi < 0x200000 ? hi * 0x100000000 + lo : buf.readBigInt64BE(this.#pos);
        this.#pos += 8;
        return v;
      }
      case 0xca: {
        this.#need(4);
        const v = buf.readFloatBE(this.#pos);
        this.#pos += 4;
        return Number.isInteger(v) ? new Double(v) : v;
      }
      case 0xcb: {
        this.#need(8);
        const v = buf.readDoubleBE(this.#pos);
        this.#pos += 8;
        return Number.isInteger(v) ? new Double(v) : v;
      }
      case 0xc4:
      case 0xd9:
        return this.#blob(this.#u8());
      case 0xc5:
      case 0xda:
        return this.#blob(this.#u16());
      case 0xc6:
      case 0xdb:
        return this.#blob(this.#u32());
      case 0xdc:
        return this.#array(this.#u16());
      case 0xdd:
        return this.#array(this.#u32());
      case 0xde:
        return this.#map(this.#u16());
      case 0xdf:
        return this.#map(this.#u32());
      case 0xd4: {
        this.#need(2);
        const type = buf[this.#pos] as number;
        const data = buf[this.#pos + 1] as number;
        this.#pos += 2;
        if (type === 0xff && data === 0) return SpecialValue.WILDCARD;
        if (type === 0xff && data === 1) return SpecialValue.INFINITY;
        throw new ParseError(`unsupported msgpack ext type ${type} as a value`);
      }
      default:
        if (this.#isExt(t)) throw new ParseError(`unsupported msgpack ext (0x${t.toString(16)}) as a value`);
        throw new ParseError(`invalid msgpack type byte 0x${t.toString(16)} at offset ${this.#pos - 1}`);
    }
  }

  #blob(len: number): DecodedValue {
    this.#need(len);
    if (len === 0) return '';
    const start = this.#pos;
    const type = this.#buf[start] as number;
    this.#pos += len;
    if (type === STRING) return this.#buf.toString('utf8', start + 1, start + len);
    if (type === GEOJSON) return new GeoJSON(this.#buf.toString('utf8', start + 1, start + len));
    return this.#buf.subarray(start + 1, start + len);
  }

  #array(n: number): DecodedValue[] {
    this.#need(n);
    if (++this.#depth > MAX_DEPTH) throw new ParseError(`msgpack nested deeper than ${MAX_DEPTH} levels`);
    const out: DecodedValue[] = [];
    for (let i = 0; i < n; i++) {
      const t = this.#buf[this.#pos] as number;
      if (this.#isExt(t) && this.#pos < this.#end && !(t === 0xd4 && this.#buf[this.#pos + 1] === 0xff)) {
        this.skipValue(); // ordered-list marker
        continue;
      }
      out.push(this.#value() as DecodedValue);
    }
    this.#depth--;
    return out;
  }

  #map(n: number): Map<DecodedMapKey, DecodedValue> | { [k: string]: DecodedValue } {
    this.#need(n * 2);
    if (++this.#depth > MAX_DEPTH) throw new ParseError(`msgpack nested deeper than ${MAX_DEPTH} levels`);
    const m = new Map<DecodedMapKey, DecodedValue>();
    let allStrings = true;
    for (let i = 0; i < n; i++) {
      const t = this.#buf[this.#pos] as number;
      if (this.#isExt(t)) {
        this.skipValue(); // ordered-map marker key
        this.skipValue(); // its nil value
        continue;
      }
      const k = this.#value();
      if (typeof k === 'string') {
        // ok
      } else if (typeof k === 'number' || typeof k === 'bigint' || Buffer.isBuffer(k)) {
        allStrings = false;
      } else {
        throw new ParseError(`unsupported msgpack map key of type ${k === null ? 'nil' : typeof k}`);
      }
      m.set(k, this.#value() as DecodedValue);
    }
    this.#depth--;
    if (this.#objects && allStrings) {
      const o: { [k: string]: DecodedValue } = {};
      for (const [k, v] of m) {
        if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
        else o[k as string] = v;
      }
      return o;
    }
    return m;
  }
}

/**
 * Decodes exactly one value from `buf[offset, end)`.
 * @throws ParseError on malformed input or trailing bytes.
 */
export function unpackValue(buf: Buffer, offset = 0, end = buf.length, options?: DecodeOptions): DecodedValue {
  const r = new MsgPackReader(buf, offset, end, options);
  const v = r.readValue();
  if (r.offset !== end) throw new ParseError(`msgpack value followed by ${end - r.offset} unexpected bytes`);
  return v;
}
