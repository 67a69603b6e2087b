import { Double } from './double.js';
import { GeoJSON } from './geojson.js';
import { HLL } from './hll.js';
import { readInt64 } from './int64.js';
import { unpackValue } from './msgpack-reader.js';
import type { DecodeOptions, DecodedValue } from './value-types.js';
import { ParseError } from '../errors/client-errors.js';
import { ParticleType } from '../wire/constants.js';

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
      return buf.toString('utf8', start, end);
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
      return buf.subarray(start, end);
  }
}
