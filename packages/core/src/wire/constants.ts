/** Protocol version byte of the 8-byte proto header. */
export const PROTO_VERSION = 2;

/** Proto message types (byte 1 of the proto header). */
export const MessageType = Object.freeze({
  INFO: 1,
  ADMIN: 2,
  AS_MSG: 3,
  COMPRESSED: 4
} as const);
/** A proto message type. */
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Size of the proto header. */
export const PROTO_HEADER_SIZE = 8;
/** Size of the AS_MSG header that follows the proto header. */
export const MSG_HEADER_SIZE = 22;
/** Proto + AS_MSG headers. */
export const MSG_TOTAL_HEADER_SIZE = 30;
/** Field header: u32 size + u8 type. */
export const FIELD_HEADER_SIZE = 5;
/** Operation header: u32 size + op + particle + 0 + name length. */
export const OPERATION_HEADER_SIZE = 8;
/** Largest body length a reply may claim before it is rejected as corrupt (128 MiB). */
export const MAX_REPLY_BODY = 128 * 1024 * 1024;
/** Requests larger than this are compressed when the policy asks for compression. */
export const COMPRESS_THRESHOLD = 128;

/** info1 bits. */
export const Info1 = Object.freeze({
  READ: 0x01,
  GET_ALL: 0x02,
  SHORT_QUERY: 0x04,
  BATCH: 0x08,
  XDR: 0x10,
  NOBINDATA: 0x20,
  READ_MODE_AP_ALL: 0x40,
  COMPRESS_RESPONSE: 0x80
} as const);

/** info2 bits. */
export const Info2 = Object.freeze({
  WRITE: 0x01,
  DELETE: 0x02,
  GENERATION: 0x04,
  GENERATION_GT: 0x08,
  DURABLE_DELETE: 0x10,
  CREATE_ONLY: 0x20,
  RELAX_AP_LONG_QUERY: 0x40,
  RESPOND_ALL_OPS: 0x80
} as const);

/** info3 bits. */
export const Info3 = Object.freeze({
  LAST: 0x01,
  COMMIT_MASTER: 0x02,
  PARTITION_DONE: 0x04,
  UPDATE_ONLY: 0x08,
  CREATE_OR_REPLACE: 0x10,
  REPLACE_ONLY: 0x20,
  SC_READ_TYPE: 0x40,
  SC_READ_RELAX: 0x80
} as const);

/** info4 bits (transactions). */
export const Info4 = Object.freeze({
  TXN_VERIFY_READ: 0x01,
  TXN_ROLL_FORWARD: 0x02,
  TXN_ROLL_BACK: 0x04,
  TXN_ON_LOCKING_ONLY: 0x10
} as const);

/** Field types. */
export const FieldType = Object.freeze({
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
  INDEX_NAME: 21,
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
} as const);
/** A field type. */
export type FieldType = (typeof FieldType)[keyof typeof FieldType];

/** Operation types. */
export const OpType = Object.freeze({
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
} as const);
/** An operation type. */
export type OpType = (typeof OpType)[keyof typeof OpType];

/** Particle (value) types. */
export const ParticleType = Object.freeze({
  NULL: 0,
  INTEGER: 1,
  DOUBLE: 2,
  STRING: 3,
  BLOB: 4,
  JBLOB: 7,
  BOOL: 17,
  HLL: 18,
  MAP: 19,
  LIST: 20,
  GEOJSON: 23
} as const);
/** A particle type. */
export type ParticleType = (typeof ParticleType)[keyof typeof ParticleType];

/** Number of partitions in every namespace. */
export const PARTITIONS = 4096;
/** Seconds between the Unix epoch and the Aerospike (citrus) epoch, 2010-01-01T00:00:00Z. */
export const CITRUS_EPOCH_SECONDS = 1262304000;
