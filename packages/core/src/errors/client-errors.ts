import { AerospikeError, type AerospikeErrorOptions } from './aerospike-error.js';
import { ResultCode } from './result-code.js';

type Opts = Omit<AerospikeErrorOptions, 'resultCode'>;

/** Errors raised by the client itself, not by a server result code. */
export class ClientError extends AerospikeError {
  static override readonly brand: string = 'aerospike-ts:ClientError';
}

/** An argument was rejected before anything was sent to the server. */
export class InvalidArgumentError extends ClientError {
  static override readonly brand: string = 'aerospike-ts:InvalidArgumentError';
  constructor(message: string, options: Opts = {}) {
    super(message, { ...options, resultCode: ResultCode.INVALID_ARGUMENT });
  }
}

/** A value could not be serialized to the wire format. */
export class SerializationError extends ClientError {
  static override readonly brand: string = 'aerospike-ts:SerializationError';
  constructor(message: string, options: Opts = {}) {
    super(message, { ...options, resultCode: ResultCode.SERIALIZE_ERROR });
  }
}

/** A reply from the server was malformed or truncated; its connection was closed. */
export class ParseError extends ClientError {
  static override readonly brand: string = 'aerospike-ts:ParseError';
  constructor(message: string, options: Opts = {}) {
    super(message, { ...options, resultCode: ResultCode.PARSE_ERROR });
  }
}

/** A connection could not be opened, or failed while a command was using it. */
export class ConnectionError extends ClientError {
  static override readonly brand: string = 'aerospike-ts:ConnectionError';
  constructor(message: string, options: Opts & { resultCode?: number } = {}) {
    super(message, { ...options, resultCode: options.resultCode ?? ResultCode.CONNECTION_ERROR });
  }
}

/** The TLS handshake or the certificate check failed. */
export class TlsError extends ConnectionError {
  static override readonly brand: string = 'aerospike-ts:TlsError';
  constructor(message: string, options: Opts = {}) {
    super(message, { ...options, resultCode: ResultCode.TLS_ERROR });
  }
}

/** A client-side timeout fired: the socket idle timeout or the command's total deadline. */
export class TimeoutError extends ClientError {
  static override readonly brand: string = 'aerospike-ts:TimeoutError';
  /** Which limit fired. */
  readonly kind: 'socket' | 'total' | 'connect' | 'pool';
  constructor(message: string, kind: 'socket' | 'total' | 'connect' | 'pool', options: Opts = {}) {
    super(message, { ...options, resultCode: ResultCode.TIMEOUT_CLIENT });
    this.kind = kind;
  }
}

/** The connection pool stayed exhausted for longer than the wait allowed. */
export class NoMoreConnectionsError extends ClientError {
  static override readonly brand: string = 'aerospike-ts:NoMoreConnectionsError';
  constructor(message: string, options: Opts = {}) {
    super(message, { ...options, resultCode: ResultCode.NO_MORE_CONNECTIONS });
  }
}

/** The client was closed, or used before `connect()`. */
export class ClientClosedError extends ClientError {
  static override readonly brand: string = 'aerospike-ts:ClientClosedError';
  constructor(message = 'The client is closed; create and connect a new client', options: Opts = {}) {
    super(message, { ...options, resultCode: ResultCode.CLIENT_CLOSED });
  }
}

/** No node could serve the command (cluster not ready, namespace unknown, …). */
export class ClusterError extends ClientError {
  static override readonly brand: string = 'aerospike-ts:ClusterError';
  constructor(message: string, options: Opts & { resultCode?: number } = {}) {
    super(message, { ...options, resultCode: options.resultCode ?? ResultCode.INVALID_NODE });
  }
}

/** A node produced too many errors in the current window; commands to it fail fast until the window resets. */
export class MaxErrorRateError extends ClientError {
  static override readonly brand: string = 'aerospike-ts:MaxErrorRateError';
  constructor(message: string, options: Opts = {}) {
    super(message, { ...options, resultCode: ResultCode.MAX_ERROR_RATE });
  }
}
