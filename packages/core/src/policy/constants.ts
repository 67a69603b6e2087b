/** What a write does when the record exists (or not). */
export const RecordExistsAction = Object.freeze({
  /** Create or merge bins into an existing record (default). */
  UPDATE: 0,
  /** Merge bins; fail with RECORD_NOT_FOUND if the record does not exist. */
  UPDATE_ONLY: 1,
  /** Create, or replace all bins of an existing record. */
  REPLACE: 2,
  /** Replace all bins; fail if the record does not exist. */
  REPLACE_ONLY: 3,
  /** Create; fail with KEY_EXISTS if the record exists. */
  CREATE_ONLY: 4
} as const);
/** A record-exists action. */
export type RecordExistsAction = (typeof RecordExistsAction)[keyof typeof RecordExistsAction];

/** Generation check on writes. */
export const GenerationPolicy = Object.freeze({
  /** No check (default). */
  NONE: 0,
  /** Write only if the record's generation equals the expected one. */
  EXPECT_GEN_EQUAL: 1,
  /** Write only if the expected generation is greater than the record's. */
  EXPECT_GEN_GT: 2
} as const);
/** A generation policy. */
export type GenerationPolicy = (typeof GenerationPolicy)[keyof typeof GenerationPolicy];

/** Which replicas must commit a write before it is acknowledged. */
export const CommitLevel = Object.freeze({
  /** Master and replicas (default). */
  COMMIT_ALL: 0,
  /** Master only. */
  COMMIT_MASTER: 1
} as const);
/** A commit level. */
export type CommitLevel = (typeof CommitLevel)[keyof typeof CommitLevel];

/** AP read mode: how many duplicates a read consults during migrations. */
export const ReadModeAP = Object.freeze({ ONE: 0, ALL: 1 } as const);
/** An AP read mode. */
export type ReadModeAP = (typeof ReadModeAP)[keyof typeof ReadModeAP];

/** Strong-consistency read mode. */
export const ReadModeSC = Object.freeze({ SESSION: 0, LINEARIZE: 1, ALLOW_REPLICA: 2, ALLOW_UNAVAILABLE: 3 } as const);
/** A strong-consistency read mode. */
export type ReadModeSC = (typeof ReadModeSC)[keyof typeof ReadModeSC];

/** Which replica a command goes to. */
export const Replica = Object.freeze({ MASTER: 0, MASTER_PROLES: 1, SEQUENCE: 2, PREFER_RACK: 3, RANDOM: 4 } as const);
/** A replica policy. */
export type Replica = (typeof Replica)[keyof typeof Replica];

/** Special TTL values for writes (seconds otherwise). */
export const Ttl = Object.freeze({
  /** Use the namespace's default-ttl. */
  NAMESPACE_DEFAULT: 0,
  /** The record never expires. */
  NEVER_EXPIRE: -1,
  /** Keep the record's current TTL (server 3.10.1+). */
  DONT_UPDATE: -2
} as const);
