// aerospike_py's constants, same names and values.

/** Send only the digest (default). */
export const POLICY_KEY_DIGEST = 0 as const;
/** Send and store the user key. */
export const POLICY_KEY_SEND = 1 as const;

/** Create or update (default). */
export const POLICY_EXISTS_IGNORE = 0 as const;
/** Update only: fail if the record does not exist. */
export const POLICY_EXISTS_UPDATE = 1 as const;
/** Update only: fail if the record does not exist. */
export const POLICY_EXISTS_UPDATE_ONLY = 1 as const;
/** Create or replace all bins. */
export const POLICY_EXISTS_REPLACE = 2 as const;
/** Replace all bins; fail if the record does not exist. */
export const POLICY_EXISTS_REPLACE_ONLY = 3 as const;
/** Create only: fail if the record exists. */
export const POLICY_EXISTS_CREATE_ONLY = 4 as const;

/** No generation check. */
export const POLICY_GEN_IGNORE = 0 as const;
/** Write only when the generation equals `meta.gen`. */
export const POLICY_GEN_EQ = 1 as const;
/** Write only when `meta.gen` is greater than the record's generation. */
export const POLICY_GEN_GT = 2 as const;

/** Read from the master only. */
export const POLICY_REPLICA_MASTER = 0 as const;
/** Master first, then replicas on retry (default). */
export const POLICY_REPLICA_SEQUENCE = 1 as const;
/** Prefer a replica on the client's rack. */
export const POLICY_REPLICA_PREFER_RACK = 2 as const;

/** Wait for every replica (default). */
export const POLICY_COMMIT_LEVEL_ALL = 0 as const;
/** Wait for the master only. */
export const POLICY_COMMIT_LEVEL_MASTER = 1 as const;

/** AP reads consult one copy (default). */
export const POLICY_READ_MODE_AP_ONE = 0 as const;
/** AP reads consult every duplicate during migrations. */
export const POLICY_READ_MODE_AP_ALL = 1 as const;

/** Batch concurrency (the engine always runs nodes in parallel). */
export const BATCH_CONCURRENCY_SEQUENTIAL = 0 as const;
/** Batch concurrency (the engine always runs nodes in parallel). */
export const BATCH_CONCURRENCY_PARALLEL = 1 as const;

/** Use the namespace's default-read-touch-ttl-pct. */
export const READ_TOUCH_TTL_PERCENT_SERVER_DEFAULT = 0 as const;
/** Never reset the TTL on read. */
export const READ_TOUCH_TTL_PERCENT_DONT_RESET = -1 as const;

/** Namespace default TTL. */
export const TTL_NAMESPACE_DEFAULT = 0 as const;
/** The record never expires. */
export const TTL_NEVER_EXPIRE = -1 as const;
/** Keep the record's TTL. */
export const TTL_DONT_UPDATE = -2 as const;
/** Use the client's default write policy TTL. */
export const TTL_CLIENT_DEFAULT = -3 as const;

/** Internal authentication. */
export const AUTH_INTERNAL = 0 as const;
/** External (LDAP) authentication. */
export const AUTH_EXTERNAL = 1 as const;
/** PKI authentication. */
export const AUTH_PKI = 2 as const;

/** Read a bin (`val` ignored; no bin = all bins). */
export const OPERATOR_READ = 1 as const;
/** Write a bin. */
export const OPERATOR_WRITE = 2 as const;
/** Add to a number bin. */
export const OPERATOR_INCR = 5 as const;
/** Append to a string/bytes bin. */
export const OPERATOR_APPEND = 9 as const;
/** Prepend to a string/bytes bin. */
export const OPERATOR_PREPEND = 10 as const;
/** Reset the record's TTL. */
export const OPERATOR_TOUCH = 11 as const;
/** Delete the record. */
export const OPERATOR_DELETE = 12 as const;

/** Index value types. */
export const INDEX_NUMERIC = 0 as const;
export const INDEX_STRING = 1 as const;
export const INDEX_BLOB = 2 as const;
export const INDEX_GEO2DSPHERE = 3 as const;
/** Index collection types. */
export const INDEX_TYPE_DEFAULT = 0 as const;
export const INDEX_TYPE_LIST = 1 as const;
export const INDEX_TYPE_MAPKEYS = 2 as const;
export const INDEX_TYPE_MAPVALUES = 3 as const;

/** Status codes (result codes), aerospike_py names. */
export const AEROSPIKE_OK = 0 as const;
export const ERR_SERVER = 1 as const;
export const ERR_RECORD_NOT_FOUND = 2 as const;
export const ERR_RECORD_GENERATION = 3 as const;
export const ERR_PARAM = 4 as const;
export const ERR_RECORD_EXISTS = 5 as const;
export const ERR_BIN_EXISTS = 6 as const;
export const ERR_CLUSTER_KEY_MISMATCH = 7 as const;
export const ERR_SERVER_MEM = 8 as const;
export const ERR_TIMEOUT = 9 as const;
export const ERR_ALWAYS_FORBIDDEN = 10 as const;
export const ERR_PARTITION_UNAVAILABLE = 11 as const;
export const ERR_BIN_TYPE = 12 as const;
export const ERR_RECORD_TOO_BIG = 13 as const;
export const ERR_KEY_BUSY = 14 as const;
export const ERR_SCAN_ABORT = 15 as const;
export const ERR_UNSUPPORTED_FEATURE = 16 as const;
export const ERR_BIN_NOT_FOUND = 17 as const;
export const ERR_DEVICE_OVERLOAD = 18 as const;
export const ERR_KEY_MISMATCH = 19 as const;
export const ERR_INVALID_NAMESPACE = 20 as const;
export const ERR_BIN_NAME = 21 as const;
export const ERR_FAIL_FORBIDDEN = 22 as const;
export const ERR_ELEMENT_NOT_FOUND = 23 as const;
export const ERR_ELEMENT_EXISTS = 24 as const;
export const ERR_ENTERPRISE_ONLY = 25 as const;
export const ERR_OP_NOT_APPLICABLE = 26 as const;
export const ERR_FILTERED_OUT = 27 as const;
export const ERR_LOST_CONFLICT = 28 as const;
export const QUERY_END = 50 as const;
export const SECURITY_NOT_SUPPORTED = 51 as const;
export const SECURITY_NOT_ENABLED = 52 as const;
export const ERR_INVALID_USER = 60 as const;
export const ERR_NOT_AUTHENTICATED = 80 as const;
export const ERR_ROLE_VIOLATION = 81 as const;
export const ERR_UDF = 100 as const;
export const ERR_BATCH_DISABLED = 150 as const;
export const ERR_INDEX_FOUND = 200 as const;
export const ERR_INDEX_NOT_FOUND = 201 as const;
export const ERR_QUERY_ABORTED = 210 as const;
export const ERR_CLIENT = -1 as const;
export const ERR_INVALID_HOST = -4 as const;
export const ERR_NO_MORE_CONNECTIONS = -7 as const;
export const ERR_CONNECTION = -10 as const;
export const ERR_CLUSTER = -11 as const;

/** Policy value types. */
export type PolicyKey = typeof POLICY_KEY_DIGEST | typeof POLICY_KEY_SEND;
export type PolicyExists = 0 | 1 | 2 | 3 | 4;
export type PolicyGen = 0 | 1 | 2;
export type PolicyReplica = 0 | 1 | 2;
export type PolicyCommitLevel = 0 | 1;
export type PolicyReadModeAP = 0 | 1;

/** Logging off (the default). */
export const LOG_LEVEL_OFF = -1 as const;
/** Errors only. */
export const LOG_LEVEL_ERROR = 0 as const;
/** Warnings and errors. */
export const LOG_LEVEL_WARN = 1 as const;
/** Cluster changes, warnings and errors. */
export const LOG_LEVEL_INFO = 2 as const;
/** Also connections and partition-map updates. */
export const LOG_LEVEL_DEBUG = 3 as const;
/** Everything, including every tend pass. */
export const LOG_LEVEL_TRACE = 4 as const;

/** Privilege `user-admin`. */
export const PRIV_USER_ADMIN = 0 as const;
/** Privilege `sys-admin`. */
export const PRIV_SYS_ADMIN = 1 as const;
/** Privilege `data-admin`. */
export const PRIV_DATA_ADMIN = 2 as const;
/** Privilege `udf-admin`. */
export const PRIV_UDF_ADMIN = 3 as const;
/** Privilege `sindex-admin`. */
export const PRIV_SINDEX_ADMIN = 4 as const;
/** Privilege `read`. */
export const PRIV_READ = 10 as const;
/** Privilege `read-write`. */
export const PRIV_READ_WRITE = 11 as const;
/** Privilege `read-write-udf`. */
export const PRIV_READ_WRITE_UDF = 12 as const;
/** Privilege `write`. */
export const PRIV_WRITE = 13 as const;
/** Privilege `truncate`. */
export const PRIV_TRUNCATE = 14 as const;

/** Regex flag `NONE`: POSIX basic syntax. */
export const REGEX_NONE = 0 as const;
/** Regex flag `EXTENDED`. */
export const REGEX_EXTENDED = 1 as const;
/** Regex flag `ICASE`. */
export const REGEX_ICASE = 2 as const;
/** Regex flag `NOSUB`. */
export const REGEX_NOSUB = 4 as const;
/** Regex flag `NEWLINE`. */
export const REGEX_NEWLINE = 8 as const;
