import type BN from 'bn.js';
import { InvalidArgumentError } from '../errors/client-errors.js';
import { describeType } from '../util/validate.js';
import { Double } from './double.js';
import { GeoJSON } from './geojson.js';
import { HLL } from './hll.js';
import { INT64_MAX, INT64_MIN, isBN } from './int64.js';
import { SpecialValue } from './special.js';

/** Options for {@link MsgPackWriter.writeValue} and {@link packValue}. */
export interface MsgPackWriteOptions {
  /** Allow the `WILDCARD` / `INFINITY` sentinels (collection-operation arguments and expressions only). */
  readonly allowSpecial?: boolean;
  /**
   * Write maps KEY_ORDERED with sorted keys, as the official clients do (default `true`).
   * `false` writes a plain map header and the entries in insertion order.
   */
  readonly keyOrderedMaps?: boolean;
}

const STRING = 3;
const BLOB = 4;
const GEOJSON = 23;
const KEY_ORDERED = 1;
const MAX_DEPTH = 512;
const TWO_32 = 0x100000000;
const TWO_63 = 2 ** 63;
const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE_BIG = -MAX_SAFE_BIG;
const MAX_STR_LEN = 0xffffffff;
/** Strings shorter than this are first tried as pure ASCII, written by a JS loop. */
const ASCII_PROBE = 64;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const ALLOWED_VALUES =
  'allowed: null, boolean, number, bigint, BN, Double, string, Buffer/Uint8Array, GeoJSON, HLL, array, Map or plain object';
const ALLOWED_KEYS = 'map keys must be integers (number, bigint or BN, signed 64-bit), strings or bytes (Buffer/Uint8Array)';

/** A map key after validation: BN keys have been turned into bigint. */
type KeyIn = number | bigint | string | Uint8Array;

/**
 * Writes Aerospike's msgpack dialect into a growable buffer that is reused across
 * `reset()` calls (it grows by doubling and never shrinks).
 *
 * Dialect (see protocol reference §10):
 * - strings, bytes and GeoJSON use **str-family** headers whose payload starts with a
 *   particle-type byte (0x03 string, 0x04 bytes, 0x17 GeoJSON); the header length counts it;
 * - integers use the smallest msgpack int form, floats are always float64 (`cb`);
 * - maps are written KEY_ORDERED like the official clients: count n+1, the marker entry
 *   `c7 00 01` → `c0`, then the entries sorted by key (integers, then strings by UTF-8
 *   bytes, then bytes);
 * - `WILDCARD` / `INFINITY` are the fixext1 items `d4 ff 00` / `d4 ff 01`.
 *
 * The low-level `write*` methods write exactly what they are given and do not validate
 * (for example, lone surrogates in `writeString` become U+FFFD); `writeValue` validates.
 */
export class MsgPackWriter {
  #buf: Buffer;
  #pos = 0;
  // State of the writeValue call in progress.
  #what = '';
  #special = false;
  #ordered = true;
  /** Containers being written, by depth (cycle detection). */
  #stack: Array<object | undefined> = [];
  /** Path segment at each depth: an array index or a map key (for error messages). */
  #seg: unknown[] = [];
  /** 0 = `#seg[d]` is an array index, 1 = a map key. */
  #segKind = new Uint8Array(MAX_DEPTH + 1);
  /** Deepest `#stack` slot used by the current call, cleared afterwards. */
  #used = 0;

  /** @param initialSize first buffer size in bytes (default 256). */
  constructor(initialSize = 256) {
    this.#buf = Buffer.allocUnsafe(Math.max(16, Math.ceil(initialSize)));
  }

  /** Forgets everything written, keeping the buffer. */
  reset(): void {
    this.#pos = 0;
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#pos;
  }

  /** A view of the written bytes, valid until the next write or reset. */
  view(): Buffer {
    return this.#buf.subarray(0, this.#pos);
  }

  /** A copy of the written bytes. */
  toBuffer(): Buffer {
    const out = Buffer.allocUnsafe(this.#pos);
    this.#buf.copy(out, 0, 0, this.#pos);
    return out;
  }

  /** Copies the written bytes into `target` at `offset`; returns the number of bytes copied. */
  copyTo(target: Buffer, offset: number): number {
    return this.#buf.copy(target, offset, 0, this.#pos);
  }

  #ensure(n: number): void {
    if (this.#pos + n > this.#buf.length) this.#grow(n);
  }

  #grow(n: number): void {
    const need = this.#pos + n;
    let size = this.#buf.length * 2;
    while (size < need) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.#buf.copy(next, 0, 0, this.#pos);
    this.#buf = next;
  }

  /** Writes nil (`c0`). */
  writeNil(): void {
    this.#ensure(1);
    this.#buf[this.#pos++] = 0xc0;
  }

  /** Writes a boolean (`c2` / `c3`). */
  writeBool(b: boolean): void {
    this.#ensure(1);
    this.#buf[this.#pos++] = b ? 0xc3 : 0xc2;
  }

  /**
   * Writes an integer in its smallest msgpack form.
   * @throws InvalidArgumentError if it is not an integer or is outside the signed 64-bit range.
   */
  writeInt(n: number | bigint): void {
    if (typeof n === 'number') {
      if (Number.isSafeInteger(n)) {
        this.#int(n);
        return;
      }
      if (!Number.isInteger(n)) throw new InvalidArgumentError(`${n} is not an integer`);
      n = BigInt(n);
    }
    if (n < INT64_MIN || n > INT64_MAX) throw new InvalidArgumentError(`integer ${n} is outside the signed 64-bit range`);
    this.#big(n);
  }

  /** Safe integer → smallest form. */
  #int(n: number): void {
    this.#ensure(9);
    const buf = this.#buf;
    let p = this.#pos;
    if (n >= 0) {
      if (n < 0x80) {
        buf[p++] = n;
      } else if (n < 0x100) {
        buf[p++] = 0xcc;
        buf[p++] = n;
      } else if (n < 0x10000) {
        buf[p++] = 0xcd;
        buf[p++] = n >>> 8;
        buf[p++] = n;
      } else if (n < TWO_32) {
        buf[p++] = 0xce;
        buf[p++] = n >>> 24;
        buf[p++] = n >>> 16;
        buf[p++] = n >>> 8;
        buf[p++] = n;
      } else {
        const hi = Math.floor(n / TWO_32);
        const lo = n >>> 0;
        buf[p++] = 0xcf;
        buf[p++] = hi >>> 24;
        buf[p++] = hi >>> 16;
        buf[p++] = hi >>> 8;
        buf[p++] = hi;
        buf[p++] = lo >>> 24;
        buf[p++] = lo >>> 16;
        buf[p++] = lo >>> 8;
        buf[p++] = lo;
      }
    } else if (n >= -32) {
      buf[p++] = n & 0xff;
    } else if (n >= -0x80) {
      buf[p++] = 0xd0;
      buf[p++] = n & 0xff;
    } else if (n >= -0x8000) {
      buf[p++] = 0xd1;
      buf[p++] = n >> 8;
      buf[p++] = n;
    } else if (n >= -0x80000000) {
      buf[p++] = 0xd2;
      buf[p++] = n >> 24;
      buf[p++] = n >> 16;
      buf[p++] = n >> 8;
      buf[p++] = n;
    } else {
      const hi = Math.floor(n / TWO_32); // negative: two's complement high word
      const lo = n >>> 0;
      buf[p++] = 0xd3;
      buf[p++] = hi >> 24;
      buf[p++] = hi >> 16;
      buf[p++] = hi >> 8;
      buf[p++] = hi;
      buf[p++] = lo >>> 24;
      buf[p++] = lo >>> 16;
      buf[p++] = lo >>> 8;
      buf[p++] = lo;
    }
    this.#pos = p;
  }

  /** In-range bigint → smallest form. */
  #big(b: bigint): void {
    if (b >= MIN_SAFE_BIG && b <= MAX_SAFE_BIG) {
      this.#int(Number(b));
      return;
    }
    this.#ensure(9);
    if (b >= 0n) {
      this.#buf[this.#pos] = 0xcf;
      this.#buf.writeBigUInt64BE(b, this.#pos + 1);
    } else {
      this.#buf[this.#pos] = 0xd3;
      this.#buf.writeBigInt64BE(b, this.#pos + 1);
    }
    this.#pos += 9;
  }

  /** Writes a float64 (`cb` + 8 bytes), whatever the value. */
  writeDouble(n: number): void {
    this.#ensure(9);
    this.#buf[this.#pos] = 0xcb;
    this.#buf.writeDoubleBE(n, this.#pos + 1);
    this.#pos += 9;
  }

  /** Writes a str-family header for a payload of `len` bytes and reserves room for the payload. */
  #strHeader(len: number): void {
    if (len > MAX_STR_LEN) throw new InvalidArgumentError(`a msgpack string or blob of ${len} bytes is longer than the 4 GiB limit`);
    this.#ensure(5 + len);
    const buf = this.#buf;
    let p = this.#pos;
    if (len < 32) {
      buf[p++] = 0xa0 | len;
    } else if (len < 0x100) {
      buf[p++] = 0xd9;
      buf[p++] = len;
    } else if (len < 0x10000) {
      buf[p++] = 0xda;
      buf[p++] = len >>> 8;
      buf[p++] = len;
    } else {
      buf[p++] = 0xdb;
      buf[p++] = len >>> 24;
      buf[p++] = len >>> 16;
      buf[p++] = len >>> 8;
      buf[p++] = len;
    }
    this.#pos = p;
  }

  /**
   * Tries to write `s` as pure ASCII with a particle prefix (or none when `type` < 0).
   * Returns false, with nothing committed, if `s` is long or not ASCII.
   */
  #asciiString(s: string, type: number): boolean {
    const n = s.length;
    if (n >= ASCII_PROBE) return false;
    this.#ensure(n + 3);
    const buf = this.#buf;
    let p = this.#pos;
    const len = type < 0 ? n : n + 1;
    if (len < 32) {
      buf[p++] = 0xa0 | len;
    } else {
      buf[p++] = 0xd9;
      buf[p++] = len;
    }
    if (type >= 0) buf[p++] = type;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) return false;
      buf[p + i] = c;
    }
    this.#pos = p + n;
    return true;
  }

  /** Writes `s` as UTF-8 with a particle prefix, the general way. */
  #utf8String(s: string, type: number): void {
    const len = Buffer.byteLength(s, 'utf8');
    this.#strHeader(len + 1);
    this.#buf[this.#pos++] = type;
    this.#pos += this.#buf.write(s, this.#pos, len, 'utf8');
  }

  /** Writes a string: str header, 0x03, UTF-8 (the header length counts the 0x03). */
  writeString(s: string): void {
    if (!this.#asciiString(s, STRING)) this.#utf8String(s, STRING);
  }

  /** Writes a plain msgpack str with no particle prefix (bin names and variable names in expressions). */
  writeRawString(s: string): void {
    if (this.#asciiString(s, -1)) return;
    const len = Buffer.byteLength(s, 'utf8');
    this.#strHeader(len);
    this.#pos += this.#buf.write(s, this.#pos, len, 'utf8');
  }

  /**
   * Writes bytes: str header, the particle type byte, the bytes.
   * @param particleType the prefix byte (default 4, BLOB)
   */
  writeBytes(b: Uint8Array, particleType: number = BLOB): void {
    const n = b.length;
    this.#strHeader(n + 1);
    const buf = this.#buf;
    let p = this.#pos;
    buf[p++] = particleType;
    if (n < 16) {
      for (let i = 0; i < n; i++) buf[p + i] = b[i] as number;
    } else {
      buf.set(b, p);
    }
    this.#pos = p + n;
  }

  /** Writes GeoJSON text: str header, 0x17, UTF-8. */
  writeGeoJSON(json: string): void {
    if (!this.#asciiString(json, GEOJSON)) this.#utf8String(json, GEOJSON);
  }

  /** Writes an array header for `n` elements. */
  writeArrayHeader(n: number): void {
    this.#header(n, 0x90, 0xdc);
  }

  /** Writes a map header for `n` entries (the ordered-map marker counts as one). */
  writeMapHeader(n: number): void {
    this.#header(n, 0x80, 0xde);
  }

  #header(n: number, fix: number, h16: number): void {
    this.#ensure(5);
    const buf = this.#buf;
    let p = this.#pos;
    if (n < 16) {
      buf[p++] = fix | n;
    } else if (n < 0x10000) {
      buf[p++] = h16;
      buf[p++] = n >>> 8;
      buf[p++] = n;
    } else {
      buf[p++] = h16 + 1;
      buf[p++] = n >>> 24;
      buf[p++] = n >>> 16;
      buf[p++] = n >>> 8;
      buf[p++] = n;
    }
    this.#pos = p;
  }

  /**
   * Writes the ordered-map marker entry: key `c7 00 <flags>` (ext8, length 0, the flags in
   * the type byte), value nil `c0`. Follow a map header that counts it.
   * @param flags 1 = KEY_ORDERED, 3 = KEY_VALUE_ORDERED
   */
  writeOrderedMapMarker(flags: number): void {
    this.#ensure(4);
    const buf = this.#buf;
    const p = this.#pos;
    buf[p] = 0xc7;
    buf[p + 1] = 0;
    buf[p + 2] = flags;
    buf[p + 3] = 0xc0;
    this.#pos = p + 4;
  }

  /** Writes the wildcard sentinel `d4 ff 00`. */
  writeWildcard(): void {
    this.#fixExt(0);
  }

  /** Writes the infinity sentinel `d4 ff 01`. */
  writeInfinity(): void {
    this.#fixExt(1);
  }

  #fixExt(v: number): void {
    this.#ensure(3);
    const buf = this.#buf;
    const p = this.#pos;
    buf[p] = 0xd4;
    buf[p + 1] = 0xff;
    buf[p + 2] = v;
    this.#pos = p + 3;
  }

  /** Appends bytes as they are (already-packed msgpack). */
  writeRaw(bytes: Uint8Array): void {
    this.#ensure(bytes.length);
    this.#buf.set(bytes, this.#pos);
    this.#pos += bytes.length;
  }

  /**
   * Writes any supported value in the dialect, validating it as it goes. On error nothing
   * is left behind: the writer is back at its length before the call.
   *
   * Numbers: safe integers (not -0) and integral numbers inside the signed 64-bit range are
   * written as integers; other numbers (fractions, -0, NaN, ±Infinity, integral values of
   * magnitude ≥ 2^63) as float64, as the official client does.
   *
   * @param what where the value comes from, for error messages (e.g. `bin 'tags'`)
   * @throws InvalidArgumentError naming the path of the first bad value (e.g.
   *   `bin 'tags'[3].color: unsupported value type function; allowed: …`).
   */
  writeValue(v: unknown, what: string, options?: MsgPackWriteOptions): void {
    const start = this.#pos;
    this.#what = what;
    this.#special = options?.allowSpecial === true;
    this.#ordered = options?.keyOrderedMaps !== false;
    try {
      this.#value(v, 0);
    } catch (err) {
      this.#pos = start;
      throw err;
    } finally {
      // Drop references to the caller's objects.
      for (let i = 0; i < this.#used; i++) {
        this.#stack[i] = undefined;
        this.#seg[i] = undefined;
      }
      this.#used = 0;
    }
  }

  #value(v: unknown, depth: number): void {
    switch (typeof v) {
      case 'number':
        this.#number(v);
        return;
      case 'string':
        this.#string(v, depth, false);
        return;
      case 'boolean':
        this.writeBool(v);
        return;
      case 'bigint':
        if (v < INT64_MIN || v > INT64_MAX) throw this.#error(depth, `integer ${v} is outside the signed 64-bit range`);
        this.#big(v);
        return;
      case 'object':
        if (v === null) this.writeNil();
        else this.#object(v, depth);
        return;
      default:
        throw this.#unsupported(v, depth);
    }
  }

  #number(n: number): void {
    if (Number.isSafeInteger(n)) {
      if (n === 0 && Object.is(n, -0)) this.writeDouble(n);
      else this.#int(n);
    } else if (Number.isInteger(n) && n >= -TWO_63 && n < TWO_63) {
      this.#big(BigInt(n));
    } else {
      this.writeDouble(n);
    }
  }

  /** A string value or key: ASCII fast path, else checked for lone surrogates. */
  #string(s: string, depth: number, isKey: boolean): void {
    if (this.#asciiString(s, STRING)) return;
    if (!s.isWellFormed()) {
      throw this.#error(depth, `${isKey ? 'map key' : 'string'} ${JSON.stringify(s)} is not valid UTF-8 (it has a lone surrogate); only well-formed strings can be stored`);
    }
    this.#utf8String(s, STRING);
  }

  #object(v: object, depth: number): void {
    if (Array.isArray(v)) {
      this.#enter(v, depth);
      this.#array(v, depth);
      return;
    }
    if (v instanceof Uint8Array) {
      this.writeBytes(v, BLOB);
      return;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto === Object.prototype || proto === null) {
      this.#enter(v, depth);
      this.#plainObject(v as Record<string, unknown>, depth);
      return;
    }
    if (v instanceof Map) {
      this.#enter(v, depth);
      this.#map(v as Map<unknown, unknown>, depth);
      return;
    }
    if (Double.isDouble(v)) {
      if (typeof v.value !== 'number') throw this.#error(depth, `Double holds ${describeType(v.value)}, not a number`);
      this.writeDouble(v.value);
      return;
    }
    if (GeoJSON.isGeoJSON(v)) {
      if (typeof v.value !== 'string' || !v.value.isWellFormed()) throw this.#error(depth, 'GeoJSON text is not a well-formed string');
      this.writeGeoJSON(v.value);
      return;
    }
    if (HLL.isHLL(v)) {
      this.writeBytes(v.bytes, BLOB);
      return;
    }
    if (SpecialValue.isSpecial(v)) {
      if (!this.#special) {
        throw this.#error(depth, `${v.kind === 0 ? 'WILDCARD' : 'INFINITY'} is only allowed in collection-operation arguments and expressions, not in stored values`);
      }
      this.#fixExt(v.kind);
      return;
    }
    if (isBN(v)) {
      this.#big(this.#bn(v, depth));
      return;
    }
    throw this.#unsupported(v, depth);
  }

  /** A BN as a range-checked bigint (the path is only built on error). */
  #bn(v: BN, depth: number): bigint {
    let b: bigint;
    try {
      b = BigInt(v.toString(10));
    } catch {
      throw this.#error(depth, 'BN value could not be converted to an integer');
    }
    if (b < INT64_MIN || b > INT64_MAX) throw this.#error(depth, `integer ${b} is outside the signed 64-bit range`);
    return b;
  }

  /** Checks depth and cycles before descending into a container. */
  #enter(v: object, depth: number): void {
    if (depth >= MAX_DEPTH) throw this.#error(depth, `nested deeper than ${MAX_DEPTH} levels; flatten the value`);
    const stack = this.#stack;
    for (let i = 0; i < depth; i++) {
      if (stack[i] === v) throw this.#error(depth, 'circular structure (the value contains itself); only trees of values can be written');
    }
    stack[depth] = v;
    if (depth >= this.#used) this.#used = depth + 1;
  }

  #array(a: readonly unknown[], depth: number): void {
    const n = a.length;
    this.writeArrayHeader(n);
    this.#segKind[depth] = 0;
    const seg = this.#seg;
    for (let i = 0; i < n; i++) {
      seg[depth] = i;
      this.#value(a[i], depth + 1);
    }
  }

  #plainObject(o: Record<string, unknown>, depth: number): void {
    const keys = Object.keys(o);
    const n = keys.length;
    if (this.#ordered) {
      if (n > 1) keys.sort(compareStrings);
      this.writeMapHeader(n + 1);
      this.writeOrderedMapMarker(KEY_ORDERED);
    } else {
      this.writeMapHeader(n);
    }
    this.#segKind[depth] = 1;
    const seg = this.#seg;
    for (let i = 0; i < n; i++) {
      const k = keys[i] as string;
      seg[depth] = k;
      this.#string(k, depth, true);
      this.#value(o[k], depth + 1);
    }
  }

  #map(m: Map<unknown, unknown>, depth: number): void {
    const n = m.size;
    let keys: KeyIn[] = [];
    let allStrings = true;
    let hasBN = false;
    for (const k of m.keys()) {
      if (typeof k !== 'string') {
        allStrings = false;
        if (isBN(k)) hasBN = true;
        else this.#checkKey(k, depth);
      }
      keys.push(k as KeyIn);
    }
    if (hasBN) {
      // Rare: rebuild with bigint keys so they sort, compare and look up like the others.
      const norm = new Map<unknown, unknown>();
      keys = [];
      for (const [k, val] of m) {
        const nk = isBN(k) ? this.#bn(k, depth) : (k as KeyIn);
        if (norm.has(nk)) throw this.#error(depth, `duplicate map key ${nk} (BN keys are compared by value)`);
        norm.set(nk, val);
        keys.push(nk);
      }
      m = norm;
    }
    if (this.#ordered) {
      if (n > 1) {
        if (allStrings) {
          (keys as string[]).sort(compareStrings);
        } else {
          keys.sort(compareKeys);
          for (let i = 1; i < n; i++) {
            if (compareKeys(keys[i - 1] as KeyIn, keys[i] as KeyIn) === 0) throw this.#duplicate(keys[i] as KeyIn, depth);
          }
        }
      }
      this.writeMapHeader(n + 1);
      this.writeOrderedMapMarker(KEY_ORDERED);
    } else {
      if (!allStrings) this.#checkUnique(keys, depth);
      this.writeMapHeader(n);
    }
    this.#segKind[depth] = 1;
    const seg = this.#seg;
    for (let i = 0; i < n; i++) {
      const k = keys[i] as KeyIn;
      seg[depth] = k;
      switch (typeof k) {
        case 'string':
          this.#string(k, depth, true);
          break;
        case 'number':
          // Validated integral and in range; -0 is the integer 0 here.
          if (Number.isSafeInteger(k)) this.#int(k === 0 ? 0 : k);
          else this.#big(BigInt(k));
          break;
        case 'bigint':
          this.#big(k);
          break;
        default:
          this.writeBytes(k, BLOB);
      }
      this.#value(m.get(k), depth + 1);
    }
  }

  /** Validates a non-string, non-BN map key. */
  #checkKey(k: unknown, depth: number): void {
    if (typeof k === 'number') {
      if (Number.isInteger(k) && k >= -TWO_63 && k < TWO_63) return;
      throw this.#error(depth, `map key ${k} is not allowed: ${ALLOWED_KEYS}`);
    }
    if (typeof k === 'bigint') {
      if (k >= INT64_MIN && k <= INT64_MAX) return;
      throw this.#error(depth, `map key ${k} is outside the signed 64-bit range: ${ALLOWED_KEYS}`);
    }
    if (k instanceof Uint8Array) return;
    throw this.#error(depth, `map key of type ${describeType(k)} is not allowed: ${ALLOWED_KEYS}`);
  }

  /** Duplicate check for unordered maps with non-string keys (1 and 1n are the same key). */
  #checkUnique(keys: readonly KeyIn[], depth: number): void {
    const seen = new Set<unknown>();
    for (const k of keys) {
      if (typeof k === 'string') continue; // unique within a Map, and never equal to an id below
      let id: unknown = k;
      if (typeof k === 'bigint') id = k >= MIN_SAFE_BIG && k <= MAX_SAFE_BIG ? Number(k) : k;
      else if (typeof k === 'number' && !Number.isSafeInteger(k)) id = BigInt(k);
      else if (typeof k === 'object') id = `bytes:${Buffer.from(k.buffer, k.byteOffset, k.byteLength).toString('hex')}`;
      if (seen.has(id)) throw this.#duplicate(k, depth);
      seen.add(id);
    }
  }

  #duplicate(k: KeyIn, depth: number): InvalidArgumentError {
    return this.#error(depth, `duplicate map key ${keyText(k)} (number, bigint and BN keys are compared by value, bytes keys by content)`);
  }

  #unsupported(v: unknown, depth: number): InvalidArgumentError {
    return this.#error(depth, `unsupported value type ${describeType(v)}; ${ALLOWED_VALUES}`);
  }

  #error(depth: number, message: string): InvalidArgumentError {
    return new InvalidArgumentError(`${this.#path(depth)}: ${message}`);
  }

  /** The path of the value at `depth`: `what`, then one segment per enclosing container. */
  #path(depth: number): string {
    let p = this.#what;
    for (let i = 0; i < depth; i++) {
      const s = this.#seg[i];
      if (this.#segKind[i] === 0) p += `[${String(s)}]`;
      else if (typeof s === 'string' && IDENTIFIER.test(s)) p += `.${s}`;
      else p += `[${keyText(s as KeyIn)}]`;
    }
    return p;
  }
}

/** A map key for messages. */
function keyText(k: KeyIn): string {
  if (typeof k === 'string') return JSON.stringify(k);
  if (typeof k === 'number' || typeof k === 'bigint') return String(k);
  const hex = Buffer.from(k.buffer, k.byteOffset, k.byteLength).toString('hex');
  return `<bytes ${hex.length > 64 ? `${hex.slice(0, 64)}…` : hex}>`;
}

/**
 * Orders well-formed strings by their UTF-8 bytes without encoding them. UTF-16 code-unit
 * order differs from code-point (= UTF-8) order only when a surrogate (part of a code
 * point ≥ U+10000) meets a unit ≥ U+E000 at the first difference.
 */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) {
      const sa = (ca & 0xf800) === 0xd800;
      const sb = (cb & 0xf800) === 0xd800;
      if (sa !== sb) return sa ? 1 : -1;
      return ca - cb;
    }
  }
  return a.length - b.length;
}

/** 0 = integer, 1 = string, 2 = bytes. */
function keyRank(k: KeyIn): number {
  const t = typeof k;
  return t === 'string' ? 1 : t === 'object' ? 2 : 0;
}

/** Key order of the official client: integers (by value), then strings (UTF-8 bytes), then bytes. */
function compareKeys(a: KeyIn, b: KeyIn): number {
  const ra = keyRank(a);
  const rb = keyRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  if (ra === 1) return compareStrings(a as string, b as string);
  return Buffer.compare(a as Uint8Array, b as Uint8Array);
}

const shared = new MsgPackWriter(1024);
let sharedBusy = false;

/**
 * Packs one value in the dialect (see {@link MsgPackWriter.writeValue}) and returns a
 * copy of the bytes.
 * @throws InvalidArgumentError naming the path of the first bad value.
 */
export function packValue(v: unknown, what: string, options?: MsgPackWriteOptions): Buffer {
  // A getter inside `v` could call packValue again: give it its own writer.
  const w = sharedBusy ? new MsgPackWriter() : shared;
  const own = w === shared;
  if (own) sharedBusy = true;
  try {
    w.reset();
    w.writeValue(v, what, options);
    return w.toBuffer();
  } finally {
    if (own) sharedBusy = false;
  }
}
