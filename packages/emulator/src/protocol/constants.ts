/** Wire constants the emulator needs (values from the protocol reference). */

/** Proto header message types. */
export const MsgType = { INFO: 1, ADMIN: 2, AS_MSG: 3, COMPRESSED: 4 } as const;

/** AS_MSG info1 bits. */
export const Info1 = { READ: 0x01, GET_ALL: 0x02, SHORT_QUERY: 0x04, BATCH: 0x08, NOBINDATA: 0x20, COMPRESS_RESPONSE: 0x80 } as const;
/** AS_MSG info2 bits. */
export const Info2 = { WRITE: 0x01, DELETE: 0x02, GENERATION: 0x04, GENERATION_GT: 0x08, DURABLE_DELETE: 0x10, CREATE_ONLY: 0x20, RESPOND_ALL_OPS: 0x80 } as const;
/** AS_MSG info3 bits. */
export const Info3 = { LAST: 0x01, PARTITION_DONE: 0x04, UPDATE_ONLY: 0x08, CREATE_OR_REPLACE: 0x10, REPLACE_ONLY: 0x20 } as const;

/** Field type ids. */
export const Field = {
  NAMESPACE: 0,
  SET: 1,
  KEY: 2,
  RECORD_VERSION: 3,
  DIGEST: 4,
  TXN_ID: 5,
  TXN_DEADLINE: 6,
  QUERY_ID: 7,
  SOCKET_TIMEOUT: 9,
  RECORDS_PER_SECOND: 10,
  PID_ARRAY: 11,
  DIGEST_ARRAY: 12,
  MAX_RECORDS: 13,
  BVAL_ARRAY: 15,
  INDEX_RANGE: 22,
  INDEX_CONTEXT: 23,
  INDEX_TYPE: 26,
  UDF_PACKAGE_NAME: 30,
  UDF_FUNCTION: 31,
  UDF_ARGLIST: 32,
  UDF_OP: 33,
  QUERY_BINLIST: 40,
  BATCH_INDEX: 41,
  FILTER_EXP: 43
} as const;

/** Operation type ids. */
export const Op = {
  READ: 1,
  WRITE: 2,
  CDT_READ: 3,
  CDT_MODIFY: 4,
  ADD: 5,
  EXP_READ: 7,
  EXP_MODIFY: 8,
  APPEND: 9,
  PREPEND: 10,
  TOUCH: 11,
  BIT_READ: 12,
  BIT_MODIFY: 13,
  DELETE: 14,
  HLL_READ: 15,
  HLL_MODIFY: 16
} as const;

/** Particle type ids. */
export const Particle = { NULL: 0, INTEGER: 1, DOUBLE: 2, STRING: 3, BLOB: 4, BOOL: 17, HLL: 18, MAP: 19, LIST: 20, GEOJSON: 23 } as const;

/** Result codes the emulator returns. */
export const Result = {
  OK: 0,
  SERVER_ERROR: 1,
  KEY_NOT_FOUND: 2,
  GENERATION: 3,
  PARAMETER: 4,
  KEY_EXISTS: 5,
  BIN_EXISTS: 6,
  CLUSTER_KEY_MISMATCH: 7,
  TIMEOUT: 9,
  PARTITION_UNAVAILABLE: 11,
  BIN_TYPE: 12,
  RECORD_TOO_BIG: 13,
  KEY_BUSY: 14,
  UNSUPPORTED_FEATURE: 16,
  BIN_NOT_FOUND: 17,
  KEY_MISMATCH: 19,
  NAMESPACE_NOT_FOUND: 20,
  BIN_NAME_TOO_LONG: 21,
  FORBIDDEN: 22,
  ENTERPRISE_ONLY: 25,
  FILTERED_OUT: 27,
  SECURITY_NOT_SUPPORTED: 51,
  INVALID_FIELD: 55,
  INDEX_FOUND: 200,
  INDEX_NOT_FOUND: 201
} as const;

/** Largest proto body the emulator accepts; larger frames close the connection (the server's limit is 128 MiB). */
export const MAX_FRAME_BODY = 128 * 1024 * 1024;
/** Largest record the emulator stores (namespace write-block-size of 1 MiB, as on the reference server). */
export const MAX_RECORD_SIZE = 1024 * 1024;
/** Number of partitions in a namespace. */
export const PARTITIONS = 4096;
/** Seconds between the Unix epoch and the Citrus epoch (2010-01-01T00:00:00Z). */
export const CITRUS_EPOCH_SECONDS = 1262304000;
