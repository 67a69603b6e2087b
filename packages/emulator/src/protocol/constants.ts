/** Wire constants of the emulator: the protocol's own come from core, the server-side ones live here. */
export {
  MessageType as MsgType,
  Info1,
  Info2,
  Info3,
  FieldType as Field,
  OpType as Op,
  ParticleType as Particle,
  PARTITIONS,
  CITRUS_EPOCH_SECONDS,
  MAX_REPLY_BODY as MAX_FRAME_BODY
} from '@aerospike-ts/core';

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
  OP_NOT_APPLICABLE: 26,
  FILTERED_OUT: 27,
  SECURITY_NOT_SUPPORTED: 51,
  INVALID_FIELD: 55,
  INDEX_FOUND: 200,
  INDEX_NOT_FOUND: 201
} as const;

/** Largest record the emulator stores (namespace write-block-size of 1 MiB, as on the reference server). */
export const MAX_RECORD_SIZE = 1024 * 1024;
