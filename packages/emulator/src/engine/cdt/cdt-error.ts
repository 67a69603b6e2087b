/** Result codes a CDT operation can fail with (the server's `AS_ERR_*` values). */
export const CdtCode = {
  /** Unexpected internal state. */
  SERVER_ERROR: 1,
  /** Malformed payload or argument. */
  PARAMETER: 4,
  /** The bin (or the element a context reaches) is not the collection type the op needs. */
  BIN_TYPE: 12,
  /** The emulator does not implement this operation. */
  UNSUPPORTED_FEATURE: 16,
  /** An update-only write found no such element. */
  ELEMENT_NOT_FOUND: 23,
  /** A create-only or unique write found the element already there. */
  ELEMENT_EXISTS: 24,
  /** Index or rank out of range, context step not found, or a return type the op cannot produce. */
  OP_NOT_APPLICABLE: 26
} as const;

/** Thrown inside the CDT engine to abort an operation with a result code. */
export class CdtError extends Error {
  override readonly name = 'CdtError';

  /** @param code the result code the operation answers */
  constructor(readonly code: number) {
    super(`CDT operation failed with result code ${code}`);
  }
}

/** Throws a {@link CdtError} with `code`. */
export function fail(code: number): never {
  throw new CdtError(code);
}
