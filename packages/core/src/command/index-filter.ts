import { InvalidArgumentError } from '../errors/client-errors.js';
import { ParticleType } from '../wire/constants.js';
import { checkBinName, describeType } from '../util/validate.js';
import { isIntegralNumber, toInt64 } from '../values/int64.js';

/** What a secondary-index filter matches inside a collection bin. */
export const CollectionType = Object.freeze({ DEFAULT: 0, LIST: 1, MAPKEYS: 2, MAPVALUES: 3 } as const);
/** A collection type. */
export type CollectionType = (typeof CollectionType)[keyof typeof CollectionType];

/**
 * A secondary-index filter for a query: the bin, the value type, and the range of index
 * values (begin = end for equality). Build with {@link IndexFilter}'s static methods.
 */
export class IndexFilter {
  readonly bin: string;
  readonly particleType: number;
  readonly begin: Buffer;
  readonly end: Buffer;
  readonly collection: CollectionType;
  /** Packed CDT context for an index on a nested element, or null. */
  readonly context: Uint8Array | null;

  private constructor(bin: string, particleType: number, begin: Buffer, end: Buffer, collection: CollectionType, context: Uint8Array | null) {
    checkBinName(bin);
    this.bin = bin;
    this.particleType = particleType;
    this.begin = begin;
    this.end = end;
    this.collection = collection;
    this.context = context;
  }

  /** Records whose indexed value equals `value` (integer, string or bytes). */
  static equal(bin: string, value: number | bigint | string | Uint8Array, collection: CollectionType = CollectionType.DEFAULT, context: Uint8Array | null = null): IndexFilter {
    const [type, bytes] = encodeIndexValue(value, `equality filter on '${bin}'`);
    return new IndexFilter(bin, type, bytes, bytes, collection, context);
  }

  /** Records whose indexed integer is in [begin, end] (inclusive). */
  static range(bin: string, begin: number | bigint, end: number | bigint, collection: CollectionType = CollectionType.DEFAULT, context: Uint8Array | null = null): IndexFilter {
    const [, b] = encodeIndexValue(begin, `range filter on '${bin}'`, true);
    const [, e] = encodeIndexValue(end, `range filter on '${bin}'`, true);
    if (b.readBigInt64BE(0) > e.readBigInt64BE(0)) throw new InvalidArgumentError(`range filter on '${bin}': begin ${begin} is greater than end ${end}`);
    return new IndexFilter(bin, ParticleType.INTEGER, b, e, collection, context);
  }

  /** Records whose collection bin contains `value` (LIST, MAPKEYS or MAPVALUES index). */
  static contains(bin: string, collection: CollectionType, value: number | bigint | string | Uint8Array, context: Uint8Array | null = null): IndexFilter {
    if (collection === CollectionType.DEFAULT) throw new InvalidArgumentError(`contains filter on '${bin}' needs a LIST, MAPKEYS or MAPVALUES collection type`);
    return IndexFilter.equal(bin, value, collection, context);
  }

  /** Records whose GeoJSON bin lies within a region (a GeoJSON polygon). */
  static geoWithinRegion(bin: string, region: string | object, collection: CollectionType = CollectionType.DEFAULT): IndexFilter {
    const text = Buffer.from(typeof region === 'string' ? region : JSON.stringify(region), 'utf8');
    return new IndexFilter(bin, ParticleType.GEOJSON, text, text, collection, null);
  }

  /** Records whose GeoJSON bin lies within `radius` metres of (lng, lat). */
  static geoWithinRadius(bin: string, lng: number, lat: number, radius: number, collection: CollectionType = CollectionType.DEFAULT): IndexFilter {
    for (const [n, v] of [['longitude', lng], ['latitude', lat], ['radius', radius]] as const) {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidArgumentError(`geo radius filter on '${bin}': ${n} must be a finite number, got ${String(v)}`);
    }
    const doc = `{ "type": "AeroCircle", "coordinates": [[${lng.toFixed(8)}, ${lat.toFixed(8)}], ${radius}] }`;
    return IndexFilter.geoWithinRegion(bin, doc, collection);
  }

  /** Records whose GeoJSON region bin contains a point (a GeoJSON Point). */
  static geoContains(bin: string, point: string | object, collection: CollectionType = CollectionType.DEFAULT): IndexFilter {
    return IndexFilter.geoWithinRegion(bin, point, collection);
  }

  /** Size of the INDEX_RANGE field data. */
  rangeSize(): number {
    return 1 + 1 + Buffer.byteLength(this.bin, 'utf8') + 1 + 4 + this.begin.length + 4 + this.end.length;
  }

  /** Writes the INDEX_RANGE field data at `off`; returns the offset after it. */
  writeRange(buf: Buffer, off: number): number {
    buf[off++] = 1;
    const nameLen = buf.write(this.bin, off + 1, 'utf8');
    buf[off] = nameLen;
    off += 1 + nameLen;
    buf[off++] = this.particleType;
    buf.writeUInt32BE(this.begin.length, off);
    off += 4 + this.begin.copy(buf, off + 4);
    buf.writeUInt32BE(this.end.length, off);
    off += 4 + this.end.copy(buf, off + 4);
    return off;
  }
}

function encodeIndexValue(v: unknown, what: string, intOnly = false): [number, Buffer] {
  if (typeof v === 'number' || typeof v === 'bigint') {
    const b = Buffer.allocUnsafe(8);
    if (typeof v === 'number') {
      if (!isIntegralNumber(v)) throw new InvalidArgumentError(`${what}: ${v} is not an integer; index filters match integers, strings or bytes`);
      b.writeBigInt64BE(BigInt(v));
    } else b.writeBigInt64BE(toInt64(v, what));
    return [ParticleType.INTEGER, b];
  }
  if (!intOnly && typeof v === 'string') {
    if (!v.isWellFormed()) throw new InvalidArgumentError(`${what}: string is not valid UTF-8`);
    return [ParticleType.STRING, Buffer.from(v, 'utf8')];
  }
  if (!intOnly && v instanceof Uint8Array) return [ParticleType.BLOB, Buffer.from(v)];
  throw new InvalidArgumentError(`${what}: value must be ${intOnly ? 'an integer' : 'an integer, a string or bytes'}, got ${describeType(v)}`);
}
