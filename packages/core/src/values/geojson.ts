const BRAND = Symbol.for('aerospike-ts.GeoJSON');

/**
 * A GeoJSON value (particle type 23). Built from JSON text or an object; `value` is the
 * JSON text as stored.
 */
export class GeoJSON {
  /** The GeoJSON document as JSON text. */
  readonly value: string;
  constructor(json: string | object) {
    this.value = typeof json === 'string' ? json : JSON.stringify(json);
  }
  /** Parses the JSON text. */
  toObject(): unknown {
    return JSON.parse(this.value) as unknown;
  }
  /** JSON form: the parsed document. */
  toJSON(): unknown {
    return this.toObject();
  }
  /** The JSON text. */
  toString(): string {
    return this.value;
  }
  /** Whether a value is a `GeoJSON` (from any copy of this package). */
  static isGeoJSON(v: unknown): v is GeoJSON {
    return typeof v === 'object' && v !== null && (v as { [BRAND]?: true })[BRAND] === true;
  }
  declare readonly [BRAND]: true;
  static {
    Object.defineProperty(GeoJSON.prototype, BRAND, { value: true });
  }
}
