const BRAND = Symbol.for('aerospike-ts.HLL');

/** A HyperLogLog value (particle type 18): the server's opaque HLL bytes. */
export class HLL {
  /** The raw HLL bytes. */
  readonly bytes: Buffer;
  constructor(bytes: Uint8Array) {
    this.bytes = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  /** Whether a value is an `HLL` (from any copy of this package). */
  static isHLL(v: unknown): v is HLL {
    return typeof v === 'object' && v !== null && (v as { [BRAND]?: true })[BRAND] === true;
  }
  declare readonly [BRAND]: true;
  static {
    Object.defineProperty(HLL.prototype, BRAND, { value: true });
  }
}
