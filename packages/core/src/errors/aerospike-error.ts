import { resultCodeMessage, resultCodeName } from './result-code.js';

const BRANDS = Symbol.for('aerospike-ts.error.brands');
const brandCache = new WeakMap<object, readonly string[]>();

/** Details every error can carry. */
export interface AerospikeErrorOptions {
  /** Server result code, or a negative client-side code. */
  readonly resultCode?: number;
  /** True when a write may have been applied even though the command failed. */
  readonly inDoubt?: boolean;
  /** Name or address of the node that produced the error. */
  readonly node?: string;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * Root of every error this client throws.
 *
 * `instanceof` works across the ESM and CJS copies of the package: classes are matched
 * by a registered brand string rather than by object identity.
 */
export class AerospikeError extends Error {
  /** Brand string used for cross-copy `instanceof`; every subclass declares its own. */
  static readonly brand: string = 'aerospike-ts:AerospikeError';

  /** Server result code (positive), or client-side code (negative). */
  readonly resultCode: number;
  /** True when a write may have been applied even though the command failed. */
  readonly inDoubt: boolean;
  /** Name or address of the node involved, when known. */
  readonly node: string | undefined;

  constructor(message: string, options: AerospikeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.resultCode = options.resultCode ?? -1;
    this.inDoubt = options.inDoubt ?? false;
    this.node = options.node;
  }

  override get name(): string {
    return this.constructor.name;
  }

  /** Symbolic name of the result code, e.g. `'KEY_NOT_FOUND_ERROR'`. */
  get resultCodeName(): string {
    return resultCodeName(this.resultCode);
  }

  /** Brands of this instance's class chain (internal, for cross-copy `instanceof`). */
  get [BRANDS](): readonly string[] {
    const ctor = this.constructor;
    let brands = brandCache.get(ctor);
    if (brands === undefined) {
      const list: string[] = [];
      for (let c: unknown = ctor; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
        if (Object.prototype.hasOwnProperty.call(c, 'brand')) {
          list.push((c as unknown as { brand: string }).brand);
        }
      }
      brands = list;
      brandCache.set(ctor, brands);
    }
    return brands;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false;
    const brands = (value as { [BRANDS]?: unknown })[BRANDS];
    if (!Array.isArray(brands)) return false;
    return brands.includes(this.brand);
  }
}

/** Builds the standard message: the code's meaning, then the detail and a hint. */
export function formatErrorMessage(code: number, detail?: string, hint?: string): string {
  let msg = resultCodeMessage(code);
  if (detail !== undefined && detail !== '') msg += `: ${detail}`;
  if (hint !== undefined && hint !== '') msg += `. ${hint}`;
  return msg;
}
