import { InvalidArgumentError } from '@aerospike-ts/core';

/** An HLL sketch's precision. */
export class HllConfig {
  readonly indexBitCount: number;
  readonly minHashBitCount: number;
  private constructor(indexBitCount: number, minHashBitCount: number) {
    this.indexBitCount = indexBitCount;
    this.minHashBitCount = minHashBitCount;
  }
  /** A config with `indexBitCount` (4–16) and an optional `minHashBitCount` (0 = none, or 4–51). */
  static of(indexBitCount: number, minHashBitCount = 0): HllConfig {
    if (!Number.isInteger(indexBitCount) || indexBitCount < 4 || indexBitCount > 16) throw new InvalidArgumentError(`HllConfig: indexBitCount must be 4..16, got ${indexBitCount}`);
    if (!Number.isInteger(minHashBitCount) || (minHashBitCount !== 0 && (minHashBitCount < 4 || minHashBitCount > 51))) {
      throw new InvalidArgumentError(`HllConfig: minHashBitCount must be 0 or 4..51, got ${minHashBitCount}`);
    }
    return new HllConfig(indexBitCount, minHashBitCount);
  }
}
