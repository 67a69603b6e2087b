import { ParseError } from '../errors/client-errors.js';
import { Double } from './double.js';
import { GeoJSON } from './geojson.js';
import { SpecialValue } from './special.js';
import type { DecodeOptions, DecodedMapKey, DecodedValue } from './value-types.js';

const STRING = 3;
const GEOJSON = 23;
const MAX_DEPTH = 512;
/** Payloads up to this many bytes (prefix included) try the JS ASCII decoder. */
const SHORT_STRING = 16;
const TWO_32 = 0x100000000;

/** Whether a type byte starts an ext item (fixext1..16, ext8/16/32). */
function isExt(t: number): boolean {
  return (t >= 0xd4 && t <= 0xd8) || (t >= 0xc7 && t <= 0xc9);
}

/**
 * Reads Aerospike's msgpack dialect from `buf[offset, end)`. Built for untrusted network
 * bytes: every read is bounds-checked against `end`, declared lengths and counts are
 * checked against the bytes left before anything is allocated, nesting is capped at 512
 * levels, and every malformed input throws {@link ParseError} (never a RangeError or
 * TypeError, never a hang).
 *
 * Decoding:
 * - integers are `number` when safe, else `bigint` (uint64 above 2^63-1 included);
 * - floats (`ca`/`cb`) are `number`, except integral ones, which are `Double` so a round
 *   trip keeps the DOUBLE type (NaN and ±Infinity are plain numbers);
 * - str (`a0`–`bf`, `d9`–`db`) and bin (`c4`–`c6`) items are read alike: empty → `''`,
 *   else the first byte is the particle type: 3 → string, 23 → `GeoJSON`, anything else →
 *   a `Buffer` that is a view of the input (no copy);
 * - arrays → arrays, skipping ext elements (the ordered-list marker); maps → `Map`,
 *   skipping entries whose key is an ext item (the ordered-map marker); with
 *   `maps: 'object'`, a map whose keys are all strings becomes a plain object;
 * - `d4 ff 00` / `d4 ff 01` → `SpecialValue.WILDCARD` / `INFINITY`; any other ext item
 *   where a value is expected → ParseError.
 *
 * `readValue` returns `DecodedValue | SpecialValue`: the sentinels only appear where a
 * peer sent them (collection-operation arguments), never in record data, so record
 * parsers may narrow to `DecodedValue`.
 */
export class MsgPackReader {
  readonly #buf: Buffer;
  readonly #end: number;
  readonly #objects: boolean;
  #pos: number;
  #depth = 0;

  /**
   * @param buf the bytes
   * @param offset where to start (default 0)
   * @param end where the msgpack data ends (default `buf.length`)
   * @param options how to return maps
   * @throws ParseError if `[offset, end)` is not a range inside `buf`.
   */
  constructor(buf: Buffer, offset = 0, end: number = buf.length, options?: DecodeOptions) {
    if (!Number.isInteger(offset) || !Number.isInteger(end) || offset < 0 || end > buf.length || offset > end) {
      throw new ParseError(`msgpack range [${offset}, ${end}) is outside the ${buf.length}-byte buffer`);
    }
    this.#buf = buf;
    this.#pos = offset;
    this.#end = end;
    this.#objects = options?.maps === 'object';
  }

  /** The current read position in the buffer. */
  get offset(): number {
    return this.#pos;
  }

  /**
   * Reads an array header and returns its element count.
   * @throws ParseError if the next item is not an array, or claims more elements than bytes left.
   */
  readArrayHeader(): number {
    const start = this.#pos;
    const t = this.#u8();
    let n: number;
    if (t >= 0x90 && t <= 0x9f) n = t & 0x0f;
    else if (t === 0xdc) n = this.#u16();
    else if (t === 0xdd) n = this.#u32();
    else {
      this.#pos = start;
      throw new ParseError(`expected a msgpack array at offset ${start}, got type byte 0x${hex(t)}`);
    }
    this.#fits(n, 1, 'array');
    return n;
  }

  /**
   * Reads a map header and returns its entry count (an ordered-map marker counts as one).
   * @throws ParseError if the next item is not a map, or claims more entries than bytes left.
   */
  readMapHeader(): number {
    const start = this.#pos;
    const t = this.#u8();
    let n: number;
    if (t >= 0x80 && t <= 0x8f) n = t & 0x0f;
    else if (t === 0xde) n = this.#u16();
    else if (t === 0xdf) n = this.#u32();
    else {
      this.#pos = start;
      throw new ParseError(`expected a msgpack map at offset ${start}, got type byte 0x${hex(t)}`);
    }
    this.#fits(n, 2, 'map');
    return n;
  }

  /**
   * Reads one value.
   * @throws ParseError on malformed or truncated input.
   */
  readValue(): DecodedValue | SpecialValue {
    this.#depth = 0;
    return this.#value();
  }

  /**
   * Skips one value (any msgpack item, ext items included) without decoding it.
   * @throws ParseError on malformed or truncated input.
   */
  skipValue(): void {
    this.#depth = 0;
    this.#skip();
  }

  #truncated(n: number): ParseError {
    return new ParseError(`msgpack truncated: ${n} more bytes needed at offset ${this.#pos}, ${this.#end - this.#pos} left`);
  }

  #u8(): number {
    const p = this.#pos;
    if (p >= this.#end) throw this.#truncated(1);
    this.#pos = p + 1;
    return this.#buf[p] as number;
  }

  #u16(): number {
    const p = this.#pos;
    if (p + 2 > this.#end) throw this.#truncated(2);
    this.#pos = p + 2;
    const buf = this.#buf;
    return ((buf[p] as number) << 8) | (buf[p + 1] as number);
  }

  #u32(): number {
    const p = this.#pos;
    if (p + 4 > this.#end) throw this.#truncated(4);
    this.#pos = p + 4;
    const buf = this.#buf;
    return (buf[p] as number) * 0x1000000 + (((buf[p + 1] as number) << 16) | ((buf[p + 2] as number) << 8) | (buf[p + 3] as number));
  }

  /** Checks that `n` items of at least `min` bytes each can fit in what is left. */
  #fits(n: number, min: number, what: string): void {
    if (n * min > this.#end - this.#pos) {
      throw new ParseError(`msgpack ${what} claims ${n} ${what === 'map' ? 'entries' : 'elements'} at offset ${this.#pos}, only ${this.#end - this.#pos} bytes left`);
    }
  }

  #enter(): void {
    if (++this.#depth > MAX_DEPTH) throw new ParseError(`msgpack nested deeper than ${MAX_DEPTH} levels at offset ${this.#pos}`);
  }

  #value(): DecodedValue | SpecialValue {
    const buf = this.#buf;
    const p = this.#pos;
    if (p >= this.#end) throw this.#truncated(1);
    const t = buf[p] as number;
    this.#pos = p + 1;
    if (t < 0x80) return t;
    if (t >= 0xe0) return t - 0x100;
    if (t < 0x90) return this.#map(t & 0x0f);
    if (t < 0xa0) return this.#array(t & 0x0f);
    if (t < 0xc0) return this.#blob(t & 0x1f);
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
        const q = this.#take(8);
        const hi = buf.readUInt32BE(q);
        // < 2^53: a safe number; above: bigint (including values above 2^63-1).
        if (hi < 0x200000) return hi * TWO_32 + buf.readUInt32BE(q + 4);
        return buf.readBigUInt64BE(q);
      }
      case 0xd0:
        return buf.readInt8(this.#take(1));
      case 0xd1:
        return buf.readInt16BE(this.#take(2));
      case 0xd2:
        return buf.readInt32BE(this.#take(4));
      case 0xd3: {
        const q = this.#take(8);
        const hi = buf.readInt32BE(q);
        const lo = buf.readUInt32BE(q + 4);
        // Safe when -2^53 < v < 2^53.
        if (hi < 0x200000 && (hi > -0x200000 || (hi === -0x200000 && lo !== 0))) return hi * TWO_32 + lo;
        return buf.readBigInt64BE(q);
      }
      case 0xca: {
        const v = buf.readFloatBE(this.#take(4));
        return Number.isInteger(v) ? new Double(v) : v;
      }
      case 0xcb: {
        const v = buf.readDoubleBE(this.#take(8));
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
        const q = this.#take(2);
        const type = buf[q] as number;
        const data = buf[q + 1] as number;
        if (type === 0xff && data === 0) return SpecialValue.WILDCARD;
        if (type === 0xff && data === 1) return SpecialValue.INFINITY;
        throw new ParseError(`unsupported msgpack ext type ${type} (fixext1, data ${data}) at offset ${p}`);
      }
      default:
        if (isExt(t)) {
          this.#pos = p;
          throw new ParseError(`unsupported msgpack ext item 0x${hex(t)} at offset ${p} where a value was expected`);
        }
        throw new ParseError(`invalid msgpack type byte 0x${hex(t)} at offset ${p}`);
    }
  }

  /** Consumes `n` bytes and returns where they start. */
  #take(n: number): number {
    const p = this.#pos;
    if (p + n > this.#end) throw this.#truncated(n);
    this.#pos = p + n;
    return p;
  }

  #blob(len: number): DecodedValue {
    const start = this.#take(len);
    if (len === 0) return '';
    const buf = this.#buf;
    const type = buf[start] as number;
    const end = start + len;
    if (type === STRING) return len <= SHORT_STRING ? shortUtf8(buf, start + 1, end) : buf.toString('utf8', start + 1, end);
    if (type === GEOJSON) return new GeoJSON(buf.toString('utf8', start + 1, end));
    return buf.subarray(start + 1, end);
  }

  /** Whether the next item is an ext item to skip as an array element (anything but `d4 ff`). */
  #atSkippableExt(): boolean {
    const p = this.#pos;
    if (p >= this.#end) return false;
    const t = this.#buf[p] as number;
    if (!isExt(t)) return false;
    return !(t === 0xd4 && p + 1 < this.#end && this.#buf[p + 1] === 0xff);
  }

  /** Elements may include WILDCARD/INFINITY; typed as `DecodedValue[]` like the rest of a decoded tree. */
  #array(n: number): DecodedValue[] {
    this.#fits(n, 1, 'array');
    this.#enter();
    const out: DecodedValue[] = [];
    for (let i = 0; i < n; i++) {
      if (this.#atSkippableExt()) this.#skip(); // ordered-list marker
      else out.push(this.#value() as DecodedValue);
    }
    this.#depth--;
    return out;
  }

  /** Whether the next item is an ext item (a map key to skip with its value). */
  #atExt(): boolean {
    const p = this.#pos;
    return p < this.#end && isExt(this.#buf[p] as number);
  }

  #key(): DecodedMapKey {
    const p = this.#pos;
    const t = p < this.#end ? (this.#buf[p] as number) : 0;
    const k = this.#value();
    if (typeof k === 'string' || typeof k === 'bigint' || Buffer.isBuffer(k)) return k;
    if (typeof k === 'number' && t !== 0xca && t !== 0xcb) return k;
    throw new ParseError(`unsupported msgpack map key (${describe(k)}) at offset ${p}; keys are integers, strings or bytes`);
  }

  #map(n: number): Map<DecodedMapKey, DecodedValue> | { [key: string]: DecodedValue } {
    this.#fits(n, 2, 'map');
    this.#enter();
    const out = this.#objects ? this.#object(n) : this.#entries(new Map<DecodedMapKey, DecodedValue>(), 0, n);
    this.#depth--;
    return out;
  }

  /** Reads entries `i..n-1` into `m`. */
  #entries(m: Map<DecodedMapKey, DecodedValue>, i: number, n: number): Map<DecodedMapKey, DecodedValue> {
    for (; i < n; i++) {
      if (this.#atExt()) {
        this.#skip(); // ordered-map marker
        this.#skip(); // and its nil value
        continue;
      }
      const k = this.#key();
      m.set(k, this.#value() as DecodedValue);
    }
    return m;
  }

  /** `maps: 'object'`: a plain object while keys are strings, switching to a Map at the first other key. */
  #object(n: number): Map<DecodedMapKey, DecodedValue> | { [key: string]: DecodedValue } {
    const o: { [key: string]: DecodedValue } = {};
    const order: string[] = [];
    for (let i = 0; i < n; i++) {
      if (this.#atExt()) {
        this.#skip();
        this.#skip();
        continue;
      }
      const k = this.#key();
      const v = this.#value() as DecodedValue;
      if (typeof k !== 'string') {
        // Keep the wire order (object key order would move integer-like keys first).
        const m = new Map<DecodedMapKey, DecodedValue>();
        for (const s of order) m.set(s, o[s] as DecodedValue);
        m.set(k, v);
        return this.#entries(m, i + 1, n);
      }
      if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      else o[k] = v;
      order.push(k);
    }
    return o;
  }

  /** Skips one item of any kind. */
  #skip(): void {
    const t = this.#u8();
    if (t < 0x80 || t >= 0xe0 || t === 0xc0 || t === 0xc2 || t === 0xc3) return;
    if (t < 0x90) return this.#skipItems(t & 0x0f, 2);
    if (t < 0xa0) return this.#skipItems(t & 0x0f, 1);
    if (t < 0xc0) return void this.#take(t & 0x1f);
    switch (t) {
      case 0xcc:
      case 0xd0:
        return void this.#take(1);
      case 0xcd:
      case 0xd1:
        return void this.#take(2);
      case 0xca:
      case 0xce:
      case 0xd2:
        return void this.#take(4);
      case 0xcb:
      case 0xcf:
      case 0xd3:
        return void this.#take(8);
      case 0xc4:
      case 0xd9:
        return void this.#take(this.#u8());
      case 0xc5:
      case 0xda:
        return void this.#take(this.#u16());
      case 0xc6:
      case 0xdb:
        return void this.#take(this.#u32());
      case 0xdc:
        return this.#skipItems(this.#u16(), 1);
      case 0xdd:
        return this.#skipItems(this.#u32(), 1);
      case 0xde:
        return this.#skipItems(this.#u16(), 2);
      case 0xdf:
        return this.#skipItems(this.#u32(), 2);
      case 0xd4:
        return void this.#take(2);
      case 0xd5:
        return void this.#take(3);
      case 0xd6:
        return void this.#take(5);
      case 0xd7:
        return void this.#take(9);
      case 0xd8:
        return void this.#take(17);
      case 0xc7:
        return void this.#take(this.#u8() + 1);
      case 0xc8:
        return void this.#take(this.#u16() + 1);
      case 0xc9:
        return void this.#take(this.#u32() + 1);
      default:
        throw new ParseError(`invalid msgpack type byte 0x${hex(t)} at offset ${this.#pos - 1}`);
    }
  }

  /** Skips `n` containers' worth of items (`per` = 1 for arrays, 2 for maps). */
  #skipItems(n: number, per: number): void {
    this.#fits(n, per, per === 2 ? 'map' : 'array');
    this.#enter();
    const items = n * per;
    for (let i = 0; i < items; i++) this.#skip();
    this.#depth--;
  }
}

/**
 * Decodes a short UTF-8 run: pure ASCII is built in JS, which beats the native call's
 * overhead at this size; anything else goes to `toString`.
 */
function shortUtf8(buf: Buffer, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) {
    const c = buf[i] as number;
    if (c > 0x7f) return buf.toString('utf8', start, end);
    s += String.fromCharCode(c);
  }
  return s;
}

function hex(t: number): string {
  return t.toString(16).padStart(2, '0');
}

function describe(v: unknown): string {
  if (v === null) return 'nil';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Map) return 'map';
  if (Double.isDouble(v) || typeof v === 'number') return 'float';
  if (GeoJSON.isGeoJSON(v)) return 'GeoJSON';
  if (SpecialValue.isSpecial(v)) return 'wildcard/infinity';
  return typeof v;
}

/**
 * Decodes exactly one value from `buf[offset, end)` (see {@link MsgPackReader} for the
 * mapping; the result is `DecodedValue | SpecialValue`).
 * @throws ParseError on malformed or truncated input, or if bytes follow the value.
 */
export function unpackValue(buf: Buffer, offset = 0, end: number = buf.length, options?: DecodeOptions): DecodedValue | SpecialValue {
  const r = new MsgPackReader(buf, offset, end, options);
  const v = r.readValue();
  if (r.offset !== end) throw new ParseError(`msgpack value at offset ${offset} is followed by ${end - r.offset} unexpected bytes`);
  return v;
}
