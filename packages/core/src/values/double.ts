const BRAND = Symbol.for('aerospike-ts.Double');

/**
 * A number that is always stored as a DOUBLE, even when it is integral.
 *
 * JavaScript has one number type, so `2` is sent as an INTEGER. Wrap it as
 * `new Double(2)` to store a float. Integral doubles read back from the server come back
 * as `Double` so a round trip keeps the type; `valueOf()` makes arithmetic work as usual.
 */
export class Double {
  /** The numeric value. */
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
  /** Number conversion, so `new Double(2) + 1 === 3`. */
  valueOf(): number {
    return this.value;
  }
  /** JSON form: the plain number. */
  toJSON(): number {
    return this.value;
  }
  /** Text form of the number. */
  toString(): string {
    return String(this.value);
  }
  /** Whether a value is a `Double` (from any copy of this package). */
  static isDouble(v: unknown): v is Double {
    return typeof v === 'object' && v !== null && (v as { [BRAND]?: true })[BRAND] === true;
  }
  declare readonly [BRAND]: true;
  static {
    Object.defineProperty(Double.prototype, BRAND, { value: true });
  }
}
