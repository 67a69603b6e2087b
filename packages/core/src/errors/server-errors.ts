import { AerospikeError, formatErrorMessage, type AerospikeErrorOptions } from './aerospike-error.js';
import { ResultCode } from './result-code.js';

/** Options for errors built from a server result code. */
export interface ServerErrorOptions extends Omit<AerospikeErrorOptions, 'resultCode'> {
  /** Extra detail appended to the standard message (a key, a bin, the server's text). */
  readonly detail?: string;
}

/** The server answered with a non-OK result code. */
export class ServerError extends AerospikeError {
  static override readonly brand: string = 'aerospike-ts:ServerError';
  constructor(resultCode: number, options: ServerErrorOptions = {}) {
    super(formatErrorMessage(resultCode, options.detail, HINTS[resultCode]), { ...options, resultCode });
  }
}

/** A record-level condition: not found, exists, generation, size, filter, bins. */
export class RecordError extends ServerError {
  static override readonly brand: string = 'aerospike-ts:RecordError';
}
/** Result 2: the record does not exist. */
export class RecordNotFoundError extends RecordError {
  static override readonly brand: string = 'aerospike-ts:RecordNotFoundError';
}
/** Result 5: the record already exists (create-only write). */
export class RecordExistsError extends RecordError {
  static override readonly brand: string = 'aerospike-ts:RecordExistsError';
}
/** Result 3: the generation check failed. */
export class GenerationError extends RecordError {
  static override readonly brand: string = 'aerospike-ts:GenerationError';
}
/** Result 13: the record does not fit in a storage write block. */
export class RecordTooBigError extends RecordError {
  static override readonly brand: string = 'aerospike-ts:RecordTooBigError';
}
/** Result 14: too many concurrent commands on one record (hot key). */
export class RecordBusyError extends RecordError {
  static override readonly brand: string = 'aerospike-ts:RecordBusyError';
}
/** Result 27: the record did not match the filter expression. */
export class FilteredOutError extends RecordError {
  static override readonly brand: string = 'aerospike-ts:FilteredOutError';
}
/** Result 19: the sent user key does not match the stored one. */
export class KeyMismatchError extends RecordError {
  static override readonly brand: string = 'aerospike-ts:KeyMismatchError';
}
/** Bin-level conditions: 6 bin exists, 12 bin type, 17 bin not found, 21 bin name too long. */
export class BinError extends RecordError {
  static override readonly brand: string = 'aerospike-ts:BinError';
}
/** Result 12: the operation does not apply to the bin's type. */
export class BinTypeError extends BinError {
  static override readonly brand: string = 'aerospike-ts:BinTypeError';
}
/** Result 21: a bin name is longer than 15 bytes. */
export class BinNameTooLongError extends BinError {
  static override readonly brand: string = 'aerospike-ts:BinNameTooLongError';
}
/** Results 23, 24, 26: a collection element was missing, present, or the op not applicable. */
export class ElementError extends RecordError {
  static override readonly brand: string = 'aerospike-ts:ElementError';
}
/** Result 9: the server's own timeout fired. */
export class ServerTimeoutError extends ServerError {
  static override readonly brand: string = 'aerospike-ts:ServerTimeoutError';
}
/** Result 4: the server rejected a parameter. */
export class ParameterError extends ServerError {
  static override readonly brand: string = 'aerospike-ts:ParameterError';
}
/** Result 20: the namespace is not configured on the server. */
export class InvalidNamespaceError extends ServerError {
  static override readonly brand: string = 'aerospike-ts:InvalidNamespaceError';
}
/** Results 16 and 25: the server does not support the feature (25: Enterprise only). */
export class UnsupportedFeatureError extends ServerError {
  static override readonly brand: string = 'aerospike-ts:UnsupportedFeatureError';
}
/** Result 25: the feature needs Aerospike Enterprise Edition. */
export class EnterpriseOnlyError extends UnsupportedFeatureError {
  static override readonly brand: string = 'aerospike-ts:EnterpriseOnlyError';
}
/** Results 10 and 22: forbidden by the server's configuration. */
export class ForbiddenError extends ServerError {
  static override readonly brand: string = 'aerospike-ts:ForbiddenError';
}
/** Results 8, 11, 18: server capacity or availability. */
export class ServerUnavailableError extends ServerError {
  static override readonly brand: string = 'aerospike-ts:ServerUnavailableError';
}
/** Results 51–83: security, authentication and authorization. */
export class SecurityError extends ServerError {
  static override readonly brand: string = 'aerospike-ts:SecurityError';
}
/** Result 51: the server has no security (Community Edition). */
export class SecurityNotSupportedError extends SecurityError {
  static override readonly brand: string = 'aerospike-ts:SecurityNotSupportedError';
}
/** Results 60–66, 80: the user or its credentials were rejected. */
export class AuthenticationError extends SecurityError {
  static override readonly brand: string = 'aerospike-ts:AuthenticationError';
}
/** Results 81–83: the user lacks a role, is not allowlisted or exceeded a quota. */
export class AuthorizationError extends SecurityError {
  static override readonly brand: string = 'aerospike-ts:AuthorizationError';
}
/** Result 100: a UDF failed. */
export class UdfError extends ServerError {
  static override readonly brand: string = 'aerospike-ts:UdfError';
}
/** Results 120–127: multi-record transaction conditions. */
export class TransactionError extends ServerError {
  static override readonly brand: string = 'aerospike-ts:TransactionError';
}
/** Results 150–152: the server refused a batch. */
export class BatchError extends ServerError {
  static override readonly brand: string = 'aerospike-ts:BatchError';
}
/** Results 200–206: secondary index conditions. */
export class IndexError extends ServerError {
  static override readonly brand: string = 'aerospike-ts:IndexError';
}
/** Result 200: the index already exists. */
export class IndexAlreadyExistsError extends IndexError {
  static override readonly brand: string = 'aerospike-ts:IndexAlreadyExistsError';
}
/** Result 201: the index does not exist. */
export class IndexNotFoundError extends IndexError {
  static override readonly brand: string = 'aerospike-ts:IndexNotFoundError';
}
/** Results 15, 210–213: a scan or query failed on the server. */
export class QueryError extends ServerError {
  static override readonly brand: string = 'aerospike-ts:QueryError';
}

type ServerErrorClass = new (resultCode: number, options?: ServerErrorOptions) => ServerError;

const BY_CODE: { readonly [code: number]: ServerErrorClass } = {
  2: RecordNotFoundError,
  3: GenerationError,
  4: ParameterError,
  5: RecordExistsError,
  6: BinError,
  8: ServerUnavailableError,
  9: ServerTimeoutError,
  10: ForbiddenError,
  11: ServerUnavailableError,
  12: BinTypeError,
  13: RecordTooBigError,
  14: RecordBusyError,
  15: QueryError,
  16: UnsupportedFeatureError,
  17: BinError,
  18: ServerUnavailableError,
  19: KeyMismatchError,
  20: InvalidNamespaceError,
  21: BinNameTooLongError,
  22: ForbiddenError,
  23: ElementError,
  24: ElementError,
  25: EnterpriseOnlyError,
  26: ElementError,
  27: FilteredOutError,
  32: RecordBusyError,
  51: SecurityNotSupportedError,
  100: UdfError,
  200: IndexAlreadyExistsError,
  201: IndexNotFoundError
};

const HINTS: { readonly [code: number]: string } = {
  [ResultCode.KEY_EXISTS_ERROR]: 'The write was create-only; use the update or replace exists action to overwrite',
  [ResultCode.GENERATION_ERROR]: 'Read the record again and retry with its current generation',
  [ResultCode.RECORD_TOO_BIG]: 'Split the record or raise the namespace write-block size',
  [ResultCode.KEY_BUSY]: 'Too many concurrent writes to one key; back off and retry',
  [ResultCode.INVALID_NAMESPACE]: 'Check the namespace name against the server configuration',
  [ResultCode.ENTERPRISE_ONLY]: 'This server is Community Edition; durable delete, transactions and compression need Enterprise Edition',
  [ResultCode.SECURITY_NOT_SUPPORTED]: 'This server has no security (Community Edition); connect without user and password',
  [ResultCode.DEVICE_OVERLOAD]: 'The server storage is overloaded; slow down writes',
  [ResultCode.BIN_TYPE_ERROR]: 'The bin holds a value of another type',
  [ResultCode.FILTERED_OUT]: 'The filter expression did not match the record',
  [ResultCode.ALWAYS_FORBIDDEN]: 'The server configuration forbids this operation',
  [ResultCode.FAIL_FORBIDDEN]: 'The server configuration forbids this operation',
  [ResultCode.PARTITION_UNAVAILABLE]: 'The cluster is re-forming; retry shortly'
};

/** Builds the error class that matches a server result code. */
export function serverError(resultCode: number, options: ServerErrorOptions = {}): ServerError {
  let cls = BY_CODE[resultCode];
  if (cls === undefined) {
    if (resultCode >= 52 && resultCode <= 53) cls = SecurityError;
    else if ((resultCode >= 60 && resultCode <= 66) || resultCode === 80) cls = AuthenticationError;
    else if (resultCode >= 70 && resultCode <= 83) cls = AuthorizationError;
    else if (resultCode >= 120 && resultCode <= 127) cls = TransactionError;
    else if (resultCode >= 150 && resultCode <= 152) cls = BatchError;
    else if (resultCode >= 202 && resultCode <= 206) cls = IndexError;
    else if (resultCode >= 210 && resultCode <= 213) cls = QueryError;
    else cls = ServerError;
  }
  return new cls(resultCode, options);
}
