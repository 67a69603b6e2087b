import { InvalidArgumentError } from '../errors/client-errors.js';
import { describeType } from '../util/validate.js';
import { Double } from './double.js';
import { GeoJSON } from './geojson.js';
import { HLL } from './hll.js';
import { INT64_MAX, INT64_MIN, isBN, isIntegralNumber, toInt64 } from './int64.js';
import { SpecialValue } from './special.js';

/** Options for {@link MsgPackWriter.writeValue}. */
export interface MsgPackWriteOptions {
  /** Allow `WILDCARD` / `INFINITY` (collection-operation arguments only). */
  readonly allowSpecial?: boolean;
  /** Write maps key-ordered with sorted keys, as the official clients do (default true). */
  readonly keyOrderedMaps?: boolean;
}

const STRING = 3;
const BLOB = 4;
const GEOJSON = 23;
const MAX_DEPTH = 512;
const TWO_32 = 0x100000000;

type SortedKey = { kind: 0 | 1 | 2; num: bigint; bytes: Buffer; key: unknown; value: unknown };

/**
 * Writes Aerospike's msgpack dialect into a growable buffer that is reused across
 * `reset()` calls.
 *
 * Dialect: strings and bytes use str-family headers with a particle-type prefix byte
 * (0x03 string, 0x04 bytes, 0x17 GeoJSON); maps are written key-ordered (`c7 00 01`
 * marker, keys sorted ints < strings < bytes) like the official clients; `WILDCARD` and
 * `INFINITY` are ext type 0xff.
 */
export class MsgPackWriter {
  #buf: Buffer;
  #pos = 0;
  #ancestors: object[] = [];

  constructor(initialSize = 256) {
    this.#buf = Buffer.allocUnsafe(Math.max(16, initialSize));
  }

  /** Forgets everything written, keeping the buffer. */
  reset(): void {
    this.#pos = 0;
    this.#ancestors.length = 0;
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
    return Buffer.from(this.#buf.subarray(0, this.#pos));
  }

  /** Copies the written bytes into `target` at `offset`; returns the count. */
  copyTo(target: Buffer, offset: number): number {
    return this.#buf.copy(target, offset, 0, this.#pos);
  }

  #ensure(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.#buf.copy(next, 0, 0, this.#pos);
    this.#buf = next;
  }

  /** Writes nil. */
  writeNil(): void {
    this.#ensure(1);
    this.#buf[this.#pos++] = 0xc0;
  }

  /** Writes a boolean. */
  writeBool(b: boolean): void {
    this.#ensure(1);
    this.#buf[this.#pos++] = b ? 0xc3 : 0xc2;
  }

  /**
   * Writes an integer in its smallest msgpack form.
   * @throws InvalidArgumentError outside the signed 64-bit range.
   */
  writeInt(n: number | bigint): void {
    if (typeof n === 'number' && Number.isSafeInteger(n)) {
      this.#writeSafeInt(n);
      return;
    }
    const b = typeof n === 'bigint' ? n : BigInt(n);
    if (b < INT64_MIN || b > INT64_MAX) throw new InvalidArgumentError(`integer ${b} is outside the signed 64-bit range`);
    if (b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER)) {
      this.#writeSafeInt(Number(b));
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

  #writeSafeInt(n: number): void {
    this.#ensure(9);
    const buf = this.#buf;
    let p = this.#pos;
    if (n >= 0) {
      if (n < 0x80) buf[p++] = n;
      else if (n < 0x100) {
        buf[p++] = 0xcc;
        buf[p++] = n;
      } else if (n < 0x10000) {
        buf[p++] = 0xcd;
        buf.writeUInt16BE(n, p);
        p += 2;
      } else if (n < TWO_32) {
        buf[p++] = 0xce;
        buf.writeUInt32BE(n, p);
        p += 4;
      } else {
        buf[p++] = 0xcf;
        buf.writeUInt32BE(Math.floor(n / TWO_32), p);
        buf.writeUInt32BE(n % TWO_32, p + 4);
        p += 8;
      }
    } else if (n >= -32) buf[p++] = n & 0xff;
    else if (n >= -128) {
      buf[p++] = 0xd0;
      buf.writeInt8(n, p);
      p += 1;
    } else if (n >= -32768) {
      buf[p++] = 0xd1;
      buf.writeInt16BE(n, p);
      p += 2;
    } else if (n >= -2147483648) {
      buf[p++] = 0xd2;
      buf.writeInt32BE(n, p);
      p += 4;
    } else {
      buf[p++] = 0xd3;
      const hi = Math.floor(n / TWO_32);
      buf.writeInt32BE(hi, p);
      buf.writeUInt32BE(n - hi * TWO_32, p + 4);
      p += 8;
    }
    this.#pos = p;
  }

  /** Writes a float64. */
  writeDouble(n: number): void {
    this.#ensure(9);
    this.#buf[this.#pos] = 0xcb;
    this.#buf.writeDoubleBE(n, this.#pos + 1);
    this.#pos += 9;
  }

  #writeStrHeader(len: number): void {
    this.#ensure(5 + len);
    const buf = this.#buf;
    if (len < 32) buf[this.#pos++] = 0xa0 | len;
    else if (len < 0x100) {
      buf[this.#pos++] = 0xd9;
      buf[this.#pos++] = len;
    } else if (len < 0x10000) {
      buf[this.#pos++] = 0xda;
      buf.writeUInt16BE(len, this.#pos);
      this.#pos += 2;
    } else {
      buf[this.#pos++] = 0xdb;
      buf.writeUInt32BE(len, this.#pos);
      this.#pos += 4;
    }
  }

  #writeTypedString(s: string, type: number): void {
    const len = Buffer.byteLength(s, 'utf8');
    this.#writeStrHeader(len + 1);
    this.#buf[this.#pos++] = type;
    this.#pos += this.#buf.write(s, this.#pos, len, 'utf8');
  }

  /** Writes a string: str header, 0x03, UTF-8. */
  writeString(s: string): void {
    this.#writeTypedString(s, STRING);
  }

  /** Writes a plain msgpack str without a particle prefix (bin and variable names in expressions). */
  writeRawString(s: string): void {
    const len = Buffer.byteLength(s, 'utf8');
    this.#writeStrHeader(len);
    this.#pos += this.#buf.write(s, this.#pos, len, 'utf8');
  }

  /** Writes bytes: str header, particle type byte (default 0x04), the bytes. */
  writeBytes(b: Uint8Array, particleType = BLOB): void {
    this.#writeStrHeader(b.length + 1);
    this.#buf[this.#pos++] = particleType;
    this.#buf.set(b, this.#pos);
    this.#pos += b.length;
  }

  /** Writes GeoJSON text: str header, 0x17, UTF-8. */
  writeGeoJSON(json: string): void {
    this.#writeTypedString(json, GEOJSON);
  }

  /** Writes an array header for `n` elements. */
  writeArrayHeader(n: number): void {
    this.#ensure(5);
    if (n < 16) this.#buf[this.#pos++] = 0x90 | n;
    else if (n < 0x10000) {
      this.#buf[this.#pos++] = 0xdc;
      this.#buf.writeUInt16BE(n, this.#pos);
      this.#pos += 2;
    } else {
      this.#buf[this.#pos++] = 0xdd;
      this.#buf.writeUInt32BE(n, this.#pos);
      this.#pos += 4;
    }
  }

  /** Writes a map header for `n` entries. */
  writeMapHeader(n: number): void {
    this.#ensure(5);
    if (n < 16) this.#buf[this.#pos++] = 0x80 | n;
    else if (n < 0x10000) {
      this.#buf[this.#pos++] = 0xde;
      this.#buf.writeUInt16BE(n, this.#pos);
      this.#pos += 2;
    } else {
      this.#buf[this.#pos++] = 0xdf;
      this.#buf.writeUInt32BE(n, this.#pos);
      this.#pos += 4;
    }
  }

  /** Writes the ordered-map marker entry: key `c7 00 <flags>`, value nil. */
  writeOrderedMapMarker(flags: number): void {
    this.#ensure(4);
    this.#buf[this.#pos++] = 0xc7;
    this.#buf[this.#pos++] = 0;
    this.#buf[this.#pos++] = flags;
    this.#buf[this.#pos++] = 0xc0;
  }

  /** Writes the wildcard ext value `d4 ff 00`. */
  writeWildcard(): void {
    this.#writeFixExt(0);
  }

  /** Writes the infinity ext value `d4 ff 01`. */
  writeInfinity(): void {
    this.#writeFixExt(1);
  }

  #writeFixExt(v: number): void {
    this.#ensure(3);
    this.#buf[this.#pos++] = 0xd4;
    this.#buf[this.#pos++] = 0xff;
    this.#buf[this.#pos++] = v;
  }

  /** Appends bytes as they are (already-packed msgpack). */
  writeRaw(bytes: Uint8Array): void {
    this.#ensure(bytes.length);
    this.#buf.set(bytes, this.#pos);
    this.#pos += bytes.length;
  }

  /**
   * Writes any supported value in the dialect, validating as it goes.
   * @param what where the value comes from, for error messages (e.g. `bin 'tags'`)
   * @throws InvalidArgumentError naming the path of the first unsupported value.
   */
  writeValue(v: unknown, what: string, options?: MsgPackWriteOptions): void {
    const start = this.#pos;
    try {
      this.#value(v, what, options?.allowSpecial === true, options?.keyOrderedMaps !== false, 0);
    } catch (err) {
      this.#pos = start;
      this.#ancestors.length = 0;
      throw err;
    }
  }

  #value(v: unknown, path: string, special: boolean, ordered: boolean, depth: number): void {
    switch (typeof v) {
      case 'number':
        if (isIntegralNumber(v)) this.#writeSafeInt(v);
        else this.writeDouble(v);
        return;
      case 'string':
        if (!v.isWellFormed()) throw new InvalidArgumentError(`${path}: string is not valid UTF-8 (it has a lone surrogate)`);
        this.writeString(v);
        return;
      case 'boolean':
        this.writeBool(v);
        return;
      case 'bigint':
        this.writeInt(checkedBig(v, path));
        return;
      case 'object':
        break;
      default:
        throw unsupported(path, v);
    }
    if (v === null) {
      this.writeNil();
      return;
    }
    if (v instanceof Uint8Array) {
      this.writeBytes(v);
      return;
    }
    if (Double.isDouble(v)) {
      this.writeDouble(v.value);
      return;
    }
    if (GeoJSON.isGeoJSON(v)) {
      if (!v.value.isWellFormed()) throw new InvalidArgumentError(`${path}: GeoJSON text is not valid UTF-8`);
      this.writeGeoJSON(v.value);
      return;
    }
    if (HLL.isHLL(v)) {
      this.writeBytes(v.bytes);
      return;
    }
    if (SpecialValue.isSpecial(v)) {
      if (!special) throw new InvalidArgumentError(`${path}: WILDCARD and INFINITY are only allowed in collection-operation arguments`);
      this.#writeFixExt(v.kind);
      return;
    }
    if (isBN(v)) {
      this.writeInt(toInt64(v, path));
      return;
    }
    const isArray = Array.isArray(v);
    const isMap = v instanceof Map;
    if (!isArray && !isMap && !isPlainObject(v)) throw unsupported(path, v);
    if (depth >= MAX_DEPTH) throw new InvalidArgumentError(`${path}: nested deeper than ${MAX_DEPTH} levels`);
    if (this.#ancestors.includes(v)) throw new InvalidArgumentError(`${path}: circular structure (a value contains itself)`);
    this.#ancestors.push(v);
    if (isArray) {
      const a = v as unknown[];
      this.writeArrayHeader(a.length);
      for (let i = 0; i < a.length; i++) this.#value(a[i], `${path}[${i}]`, special, ordered, depth + 1);
    } else {
      this.#map(v, isMap, path, special, ordered, depth);
    }
    this.#ancestors.pop();
  }

  #map(v: object, isMap: boolean, path: string, special: boolean, ordered: boolean, depth: number): void {
    const entries: SortedKey[] = [];
    const add = (k: unknown, value: unknown): void => {
      entries.push(normalizeKey(k, value, path));
    };
    if (isMap) for (const [k, value] of v as Map<unknown, unknown>) add(k, value);
    else for (const k of Object.keys(v)) add(k, (v as Record<string, unknown>)[k]);
    if (ordered) {
      entries.sort(compareKeys);
      for (let i = 1; i < entries.length; i++) {
        if (compareKeys(entries[i - 1] as SortedKey, entries[i] as SortedKey) === 0) {
          throw new InvalidArgumentError(`${path}: duplicate map key ${describeKey(entries[i] as SortedKey)}`);
        }
      }
      this.writeMapHeader(entries.length + 1);
      this.writeOrderedMapMarker(1);
    } else {
      this.writeMapHeader(entries.length);
    }
    for (const e of entries) {
      if (e.kind === 0) this.writeInt(e.num);
      else if (e.kind === 1) this.writeString(e.key as string);
      else this.writeBytes(e.bytes);
      this.#value(e.value, `${path}.${describeKey(e)}`, special, ordered, depth + 1);
    }
  }
}

function checkedBig(b: bigint, path: string): bigint {
  if (b < INT64_MIN || b > INT64_MAX) throw new InvalidArgumentError(`${path}: integer ${b} is outside the signed 64-bit range`);
  return b;
}

function isPlainObject(v: object): boolean {
  const p: unknown = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

function unsupported(path: string, v: unknown): InvalidArgumentError {
  return new InvalidArgumentError(
    `${path}: unsupported value type ${describeType(v)}; use null, boolean, number, bigint, string, bytes, list, map, GeoJSON or HLL`
  );
}

const EMPTY = Buffer.alloc(0);

function normalizeKey(k: unknown, value: unknown, path: string): SortedKey {
  if (typeof k === 'string') {
    if (!k.isWellFormed()) throw new InvalidArgumentError(`${path}: map key is not valid UTF-8 (it has a lone surrogate)`);
    return { kind: 1, num: 0n, bytes: Buffer.from(k, 'utf8'), key: k, value };
  }
  if (typeof k === 'number' && Number.isInteger(k)) return { kind: 0, num: checkedBig(BigInt(k), path), bytes: EMPTY, key: k, value };
  if (typeof k === 'bigint') return { kind: 0, num: checkedBig(k, path), bytes: EMPTY, key: k, value };
  if (k instanceof Uint8Array) return { kind: 2, num: 0n, bytes: Buffer.from(k.buffer, k.byteOffset, k.byteLength), key: k, value };
  if (isBN(k)) return { kind: 0, num: toInt64(k, path), bytes: EMPTY, key: k, value };
  throw new InvalidArgumentError(`${path}: map keys must be integers, strings or bytes, got ${typeof k === 'number' ? `the number ${k}` : describeType(k)}`);
}

function compareKeys(a: SortedKey, b: SortedKey): number {
  if (a.kind !== b.kind) return a.kind - b.kind;
  if (a.kind === 0) return a.num < b.num ? -1 : a.num > b.num ? 1 : 0;
  return Buffer.compare(a.bytes, b.bytes);
}

function describeKey(e: SortedKey): string {
  if (e.kind === 0) return String(e.num);
  if (e.kind === 1) return JSON.stringify(e.key);
  return `<bytes ${e.bytes.toString('hex')}>`;
}

const shared = new MsgPackWriter(1024);

/** Packs one value in the dialect and returns a copy of the bytes. */
export function packValue(v: unknown, what: string, options?: MsgPackWriteOptions): Buffer {
  shared.reset();
  shared.writeValue(v, what, options);
  return shared.toBuffer();
}
