const BRAND = Symbol.for('aerospike-ts.Special');

/**
 * Msgpack sentinels for collection ranges: `WILDCARD` matches any value, `INFINITY`
 * sorts after every value. Valid only inside list/map operation arguments and
 * expressions, never as a bin value.
 */
export class SpecialValue {
  /** 0 = wildcard, 1 = infinity (the ext payload byte). */
  readonly kind: 0 | 1;
  private constructor(kind: 0 | 1) {
    this.kind = kind;
  }
  /** Whether a value is a sentinel (from any copy of this package). */
  static isSpecial(v: unknown): v is SpecialValue {
    return typeof v === 'object' && v !== null && (v as { [BRAND]?: true })[BRAND] === true;
  }
  /** Matches any value. */
  static readonly WILDCARD: SpecialValue = new SpecialValue(0);
  /** Greater than any value. */
  static readonly INFINITY: SpecialValue = new SpecialValue(1);
  declare readonly [BRAND]: true;
  static {
    Object.defineProperty(SpecialValue.prototype, BRAND, { value: true });
  }
}

/** Matches any value in a collection range. */
export const WILDCARD: SpecialValue = SpecialValue.WILDCARD;
/** Greater than any value in a collection range. */
export const INFINITY: SpecialValue = SpecialValue.INFINITY;
