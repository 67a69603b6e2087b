/**
 * Aerospike result codes.
 *
 * Positive codes come from the server (byte 5 of an AS_MSG reply); negative codes are
 * produced by this client and never appear on the wire.
 */
export const ResultCode = Object.freeze({
  // client-side
  /** The client was closed while the command was pending, or was never connected. */
  CLIENT_CLOSED: -20,
  /** The reply could not be parsed (truncated, malformed or unexpected bytes). */
  PARSE_ERROR: -2,
  /** An argument was rejected before anything was sent. */
  INVALID_ARGUMENT: -3,
  /** A value could not be serialized. */
  SERIALIZE_ERROR: -10,
  /** A client-side timeout (socket idle timeout or total deadline) fired. */
  TIMEOUT_CLIENT: -9,
  /** No connection could be made, or it failed while in use. */
  CONNECTION_ERROR: -8,
  /** The connection pool is exhausted and the wait for a connection timed out. */
  NO_MORE_CONNECTIONS: -7,
  /** No node is available for the command. */
  INVALID_NODE: -11,
  /** A node answered too many errors in the current window; commands fail fast. */
  MAX_ERROR_RATE: -12,
  /** A TLS handshake or certificate check failed. */
  TLS_ERROR: -13,
  /** Generic client error. */
  CLIENT_ERROR: -1,

  // server
  OK: 0,
  SERVER_ERROR: 1,
  KEY_NOT_FOUND_ERROR: 2,
  GENERATION_ERROR: 3,
  PARAMETER_ERROR: 4,
  KEY_EXISTS_ERROR: 5,
  BIN_EXISTS_ERROR: 6,
  CLUSTER_KEY_MISMATCH: 7,
  SERVER_MEM_ERROR: 8,
  TIMEOUT: 9,
  ALWAYS_FORBIDDEN: 10,
  PARTITION_UNAVAILABLE: 11,
  BIN_TYPE_ERROR: 12,
  RECORD_TOO_BIG: 13,
  KEY_BUSY: 14,
  SCAN_ABORT: 15,
  UNSUPPORTED_FEATURE: 16,
  BIN_NOT_FOUND: 17,
  DEVICE_OVERLOAD: 18,
  KEY_MISMATCH: 19,
  INVALID_NAMESPACE: 20,
  BIN_NAME_TOO_LONG: 21,
  FAIL_FORBIDDEN: 22,
  ELEMENT_NOT_FOUND: 23,
  ELEMENT_EXISTS: 24,
  ENTERPRISE_ONLY: 25,
  OP_NOT_APPLICABLE: 26,
  FILTERED_OUT: 27,
  LOST_CONFLICT: 28,
  XDR_KEY_BUSY: 32,
  QUERY_END: 50,
  SECURITY_NOT_SUPPORTED: 51,
  SECURITY_NOT_ENABLED: 52,
  SECURITY_SCHEME_NOT_SUPPORTED: 53,
  INVALID_COMMAND: 54,
  INVALID_FIELD: 55,
  ILLEGAL_STATE: 56,
  INVALID_USER: 60,
  USER_ALREADY_EXISTS: 61,
  INVALID_PASSWORD: 62,
  EXPIRED_PASSWORD: 63,
  FORBIDDEN_PASSWORD: 64,
  INVALID_CREDENTIAL: 65,
  EXPIRED_SESSION: 66,
  INVALID_ROLE: 70,
  ROLE_ALREADY_EXISTS: 71,
  INVALID_PRIVILEGE: 72,
  INVALID_WHITELIST: 73,
  QUOTAS_NOT_ENABLED: 74,
  INVALID_QUOTA: 75,
  NOT_AUTHENTICATED: 80,
  ROLE_VIOLATION: 81,
  NOT_WHITELISTED: 82,
  QUOTA_EXCEEDED: 83,
  UDF_BAD_RESPONSE: 100,
  MRT_BLOCKED: 120,
  MRT_VERSION_MISMATCH: 121,
  MRT_EXPIRED: 122,
  MRT_TOO_MANY_WRITES: 123,
  MRT_COMMITTED: 124,
  MRT_ABORTED: 125,
  MRT_ALREADY_LOCKED: 126,
  MRT_MONITOR_EXISTS: 127,
  BATCH_DISABLED: 150,
  BATCH_MAX_REQUESTS_EXCEEDED: 151,
  BATCH_QUEUES_FULL: 152,
  INDEX_ALREADY_EXISTS: 200,
  INDEX_NOTFOUND: 201,
  INDEX_OOM: 202,
  INDEX_NOTREADABLE: 203,
  INDEX_GENERIC: 204,
  INDEX_NAME_MAXLEN: 205,
  INDEX_MAXCOUNT: 206,
  QUERY_ABORTED: 210,
  QUERY_QUEUEFULL: 211,
  QUERY_TIMEOUT: 212,
  QUERY_GENERIC: 213
} as const);

/** A result code value. */
export type ResultCode = (typeof ResultCode)[keyof typeof ResultCode];

const MESSAGES: { readonly [code: number]: string } = {
  [-20]: 'Client is closed',
  [-13]: 'TLS error',
  [-12]: 'Node error rate exceeded; commands to it fail fast until the next window',
  [-11]: 'No node available for the command',
  [-10]: 'Serialization error',
  [-9]: 'Client-side timeout',
  [-8]: 'Connection error',
  [-7]: 'No more connections available in the pool',
  [-3]: 'Invalid argument',
  [-2]: 'Malformed reply from server',
  [-1]: 'Client error',
  0: 'OK',
  1: 'Server error',
  2: 'Record not found',
  3: 'Generation error: the record was modified since it was read',
  4: 'Parameter error',
  5: 'Record already exists',
  6: 'Bin already exists',
  7: 'Cluster key mismatch',
  8: 'Server out of memory',
  9: 'Server-side timeout',
  10: 'Operation not allowed (always forbidden)',
  11: 'Partition unavailable',
  12: 'Bin type error: the operation does not apply to the bin\'s type',
  13: 'Record too big',
  14: 'Hot key: the record is busy',
  15: 'Scan aborted',
  16: 'Unsupported feature',
  17: 'Bin not found',
  18: 'Device overload',
  19: 'Key mismatch',
  20: 'Invalid namespace',
  21: 'Bin name too long (the limit is 15 bytes)',
  22: 'Operation forbidden by server configuration',
  23: 'Element not found',
  24: 'Element already exists',
  25: 'Enterprise-only feature (not available in Community Edition)',
  26: 'Operation not applicable',
  27: 'Record filtered out by the filter expression',
  28: 'Write lost a conflict (XDR)',
  32: 'XDR key busy',
  50: 'Query end',
  51: 'Security not supported (Community Edition has no security)',
  52: 'Security not enabled',
  53: 'Security scheme not supported',
  54: 'Invalid command',
  55: 'Invalid field',
  56: 'Illegal state',
  60: 'Invalid user',
  61: 'User already exists',
  62: 'Invalid password',
  63: 'Password expired',
  64: 'Forbidden password',
  65: 'Invalid credential',
  66: 'Session expired',
  70: 'Invalid role',
  71: 'Role already exists',
  72: 'Invalid privilege',
  73: 'Invalid allowlist',
  74: 'Quotas not enabled',
  75: 'Invalid quota',
  80: 'Not authenticated',
  81: 'Role violation',
  82: 'Client address not on the allowlist',
  83: 'Quota exceeded',
  100: 'UDF returned an error',
  120: 'Transaction: record blocked by another transaction',
  121: 'Transaction: record version mismatch',
  122: 'Transaction expired',
  123: 'Transaction: too many writes',
  124: 'Transaction already committed',
  125: 'Transaction already aborted',
  126: 'Transaction: record already locked',
  127: 'Transaction monitor already exists',
  150: 'Batch disabled on the server',
  151: 'Batch: too many requests',
  152: 'Batch queues full',
  200: 'Index already exists',
  201: 'Index not found',
  202: 'Index out of memory',
  203: 'Index not readable yet',
  204: 'Index error',
  205: 'Index name too long',
  206: 'Too many indexes',
  210: 'Query aborted',
  211: 'Query queue full',
  212: 'Query timeout',
  213: 'Query error'
};

const NAMES: { readonly [code: number]: string } = Object.fromEntries(
  Object.entries(ResultCode).map(([name, code]) => [code, name])
);

/** A short English description of a result code. */
export function resultCodeMessage(code: number): string {
  return MESSAGES[code] ?? `Unknown result code ${code}`;
}

/** The symbolic name of a result code (`'KEY_NOT_FOUND_ERROR'`), or `'UNKNOWN_<code>'`. */
export function resultCodeName(code: number): string {
  return NAMES[code] ?? `UNKNOWN_${code}`;
}

/**
 * Whether a server result code leaves the connection usable. Codes at or below 0 and
 * scan/query aborts mean the stream state is unknown, so the connection is closed.
 */
export function keepsConnection(code: number): boolean {
  return code > 0 && code !== ResultCode.SCAN_ABORT && code !== ResultCode.QUERY_ABORTED;
}
