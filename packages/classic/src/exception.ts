import {
  AerospikeError as CoreAerospikeError,
  ClientClosedError as CoreClientClosedError,
  ClusterError as CoreClusterError,
  ConnectionError as CoreConnectionError,
  InvalidArgumentError as CoreInvalidArgumentError,
  NoMoreConnectionsError as CoreNoMoreConnectionsError,
  TimeoutError as CoreTimeoutError,
  type AerospikeErrorOptions
} from '@aerospike-ts/core';

/**
 * Root of aerospike_py-named errors. It extends core's `AerospikeError`, so
 * `instanceof` checks against either root work. Carries aerospike_py's attribute names:
 * `code`, `msg`, `in_doubt`.
 */
export class AerospikeError extends CoreAerospikeError {
  static override readonly brand: string = 'aerospike-ts:classic:AerospikeError';
  /** Result code (aerospike_py: `code`). */
  get code(): number {
    return this.resultCode;
  }
  /** Message (aerospike_py: `msg`). */
  get msg(): string {
    return this.message;
  }
  /** Whether a write may have been applied (aerospike_py: `in_doubt`). */
  get in_doubt(): boolean {
    return this.inDoubt;
  }
}

/** Errors raised by the client itself. */
export class ClientError extends AerospikeError {
  static override readonly brand: string = 'aerospike-ts:classic:ClientError';
}
/** Too many concurrent operations. */
export class BackpressureError extends ClientError {
  static override readonly brand: string = 'aerospike-ts:classic:BackpressureError';
}
/** Errors answered by the server. */
export class ServerError extends AerospikeError {
  static override readonly brand: string = 'aerospike-ts:classic:ServerError';
}
/** Secondary index errors. */
export class AerospikeIndexError extends ServerError {
  static override readonly brand: string = 'aerospike-ts:classic:AerospikeIndexError';
}
/** 201: the index does not exist. */
export class IndexNotFound extends AerospikeIndexError {
  static override readonly brand: string = 'aerospike-ts:classic:IndexNotFound';
}
/** 200: the index already exists. */
export class IndexFoundError extends AerospikeIndexError {
  static override readonly brand: string = 'aerospike-ts:classic:IndexFoundError';
}
/** Scan/query errors. */
export class QueryError extends ServerError {
  static override readonly brand: string = 'aerospike-ts:classic:QueryError';
}
/** 210 (and 15): the query or scan was aborted. */
export class QueryAbortedError extends QueryError {
  static override readonly brand: string = 'aerospike-ts:classic:QueryAbortedError';
}
/** Security and user administration errors. */
export class AdminError extends ServerError {
  static override readonly brand: string = 'aerospike-ts:classic:AdminError';
}
/** 100: a UDF failed. */
export class UDFError extends ServerError {
  static override readonly brand: string = 'aerospike-ts:classic:UDFError';
}
/** Record-level errors. */
export class RecordError extends AerospikeError {
  static override readonly brand: string = 'aerospike-ts:classic:RecordError';
}
/** 2: the record does not exist. */
export class RecordNotFound extends RecordError {
  static override readonly brand: string = 'aerospike-ts:classic:RecordNotFound';
}
/** 5: the record already exists. */
export class RecordExistsError extends RecordError {
  static override readonly brand: string = 'aerospike-ts:classic:RecordExistsError';
}
/** 3: the generation check failed. */
export class RecordGenerationError extends RecordError {
  static override readonly brand: string = 'aerospike-ts:classic:RecordGenerationError';
}
/** 13: the record is too big. */
export class RecordTooBig extends RecordError {
  static override readonly brand: string = 'aerospike-ts:classic:RecordTooBig';
}
/** 21: a bin name is too long. */
export class BinNameError extends RecordError {
  static override readonly brand: string = 'aerospike-ts:classic:BinNameError';
}
/** 6: the bin already exists. */
export class BinExistsError extends RecordError {
  static override readonly brand: string = 'aerospike-ts:classic:BinExistsError';
}
/** 17: the bin does not exist. */
export class BinNotFound extends RecordError {
  static override readonly brand: string = 'aerospike-ts:classic:BinNotFound';
}
/** 12: the bin holds another type. */
export class BinTypeError extends RecordError {
  static override readonly brand: string = 'aerospike-ts:classic:BinTypeError';
}
/** 27: the filter expression did not match. */
export class FilteredOut extends RecordError {
  static override readonly brand: string = 'aerospike-ts:classic:FilteredOut';
}
/** Connection, node and cluster errors. */
export class ClusterError extends AerospikeError {
  static override readonly brand: string = 'aerospike-ts:classic:ClusterError';
}
/** A timeout (client or server side). */
export class AerospikeTimeoutError extends AerospikeError {
  static override readonly brand: string = 'aerospike-ts:classic:AerospikeTimeoutError';
}
/** Bad argument, rejected before anything was sent. */
export class InvalidArgError extends AerospikeError {
  static override readonly brand: string = 'aerospike-ts:classic:InvalidArgError';
}

type ErrorClass = new (message: string, options?: AerospikeErrorOptions) => AerospikeError;

const BY_CODE: { readonly [code: number]: ErrorClass } = {
  2: RecordNotFound,
  3: RecordGenerationError,
  5: RecordExistsError,
  6: BinExistsError,
  9: AerospikeTimeoutError,
  12: BinTypeError,
  13: RecordTooBig,
  15: QueryAbortedError,
  17: BinNotFound,
  21: BinNameError,
  23: RecordError,
  24: RecordError,
  27: FilteredOut,
  51: AdminError,
  52: AdminError,
  60: AdminError,
  80: AdminError,
  81: AdminError,
  100: UDFError,
  200: IndexFoundError,
  201: IndexNotFound,
  210: QueryAbortedError
};

/** Converts any error from core into the matching aerospike_py-named error (the original is its `cause`). */
export function toClassicError(err: unknown): unknown {
  if (err instanceof AerospikeError || !(err instanceof CoreAerospikeError)) return err;
  const code = err.resultCode;
  let cls: ErrorClass;
  if (err instanceof CoreInvalidArgumentError) cls = InvalidArgError;
  else if (err instanceof CoreTimeoutError) cls = AerospikeTimeoutError;
  else if (err instanceof CoreNoMoreConnectionsError || err instanceof CoreConnectionError || err instanceof CoreClusterError || err instanceof CoreClientClosedError) cls = ClusterError;
  else if (code > 0) cls = BY_CODE[code] ?? (code >= 200 && code < 210 ? AerospikeIndexError : code >= 210 && code < 220 ? QueryError : code >= 50 && code < 90 ? AdminError : ServerError);
  else cls = ClientError;
  const e = new cls(err.message, { resultCode: code, inDoubt: err.inDoubt, ...(err.node === undefined ? {} : { node: err.node }), cause: err });
  return e;
}
