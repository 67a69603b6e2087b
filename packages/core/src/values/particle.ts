import { Double } from './double.js';
import { GeoJSON } from './geojson.js';
import { HLL } from './hll.js';
import { readInt64 } from './int64.js';
import { unpackValue } from './msgpack-reader.js';
import type { DecodeOptions, DecodedValue } from './value-types.js';
import { ParseError } from '../errors/client-errors.js';
import { ParticleType } from '../wire/constants.js';

/** Node's Buffer has native slicers that `toString(encoding, start, end)` dispatches to. */
interface NativeSlices {
  utf8Slice(start: number, end: number): string;
}

/**
 * Decodes `buf[start, end)` as UTF-8 (`buf.toString('utf8', start, end)` for in-range
 * offsets, without its argument checks and encoding lookup).
 */
export function utf8Slice(buf: Buffer, start: number, end: number): string {
  return end > start ? (buf as unknown as NativeSlices).utf8Slice(start, end) : '';
}

// A Buffer over part of another one, built as Node builds its own (a Uint8Array subclass
// whose prototype chain is Buffer's): `buf.subarray()` looks up the species constructor
// on every call, which costs more than the view itself. Instances are Buffers in every
// respect (`Buffer.isBuffer`, `instanceof Buffer`, `.constructor === Buffer`, all methods).
class BufferView extends Uint8Array {}
Object.setPrototypeOf(BufferView.prototype, Buffer.prototype);
Object.defineProperty(BufferView.prototype, 'constructor', { value: Buffer, writable: true, configurable: true, enumerable: false });

/** A Buffer viewing `buf[start, end)` (no copy), as `buf.subarray(start, end)` for in-range offsets. */
export function bufferView(buf: Buffer, start: number, end: number): Buffer {
  return new BufferView(buf.buffer as ArrayBuffer, buf.byteOffset + start, end - start) as unknown as Buffer;
}

/**
 * Decodes one bin value from its particle type and bytes `buf[start, end)`.
 * Blobs are returned as views of `buf` (no copy).
 * @throws ParseError on a malformed value.
 */
export function decodeParticle(type: number, buf: Buffer, start: number, end: number, options?: DecodeOptions): DecodedValue {
  const len = end - start;
  switch (type) {
    case ParticleType.NULL:
      return null;
    case ParticleType.INTEGER: {
      if (len === 8) return readInt64(buf, start);
      if (len > 8) throw new ParseError(`integer value of ${len} bytes`);
      let v = 0;
      for (let i = start; i < end; i++) v = v * 256 + (buf[i] as number);
      return v;
    }
    case ParticleType.DOUBLE: {
      if (len !== 8) throw new ParseError(`double value of ${len} bytes`);
      const d = buf.readDoubleBE(start);
      return Number.isInteger(d) ? new Double(d) : d;
    }
    case ParticleType.STRING:
      return utf8Slice(buf, start, end);
    case ParticleType.BOOL:
      if (len !== 1) throw new ParseError(`boolean value of ${len} bytes`);
      return buf[start] !== 0;
    case ParticleType.HLL:
      return new HLL(buf.subarray(start, end));
    case ParticleType.LIST:
    case ParticleType.MAP:
      return unpackValue(buf, start, end, options) as DecodedValue;
    case ParticleType.GEOJSON: {
      if (len < 3) throw new ParseError('GeoJSON value shorter than its 3-byte header');
      const cells = buf.readUInt16BE(start + 1);
      const textStart = start + 3 + cells * 8;
      if (textStart > end) throw new ParseError(`GeoJSON value claims ${cells} cells beyond its length`);
      return new GeoJSON(buf.toString('utf8', textStart, end));
    }
    default:
      // BLOB, JBLOB and any unknown type: raw bytes.
      return bufferView(buf, start, end);
  }
}
