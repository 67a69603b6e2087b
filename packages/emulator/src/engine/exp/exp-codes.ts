/**
 * Wire codes of filter expressions, as the server reads them: instruction op codes,
 * value (result) types and CALL systems.
 */

/** Instruction op codes (the first element of an instruction array). */
export const ExpCode = {
  UNKNOWN: 0,
  EQ: 1,
  NE: 2,
  GT: 3,
  GE: 4,
  LT: 5,
  LE: 6,
  CMP_REGEX: 7,
  CMP_GEO: 8,
  IN_LIST: 9,
  AND: 16,
  OR: 17,
  NOT: 18,
  EXCLUSIVE: 19,
  ADD: 20,
  SUB: 21,
  MUL: 22,
  DIV: 23,
  POW: 24,
  LOG: 25,
  MOD: 26,
  ABS: 27,
  FLOOR: 28,
  CEIL: 29,
  TO_INT: 30,
  TO_FLOAT: 31,
  INT_AND: 32,
  INT_OR: 33,
  INT_XOR: 34,
  INT_NOT: 35,
  INT_LSHIFT: 36,
  INT_RSHIFT: 37,
  INT_ARSHIFT: 38,
  INT_COUNT: 39,
  INT_LSCAN: 40,
  INT_RSCAN: 41,
  MIN: 50,
  MAX: 51,
  META_DIGEST_MOD: 64,
  META_DEVICE_SIZE: 65,
  META_LAST_UPDATE: 66,
  META_SINCE_UPDATE: 67,
  META_VOID_TIME: 68,
  META_TTL: 69,
  META_SET_NAME: 70,
  META_KEY_EXISTS: 71,
  META_IS_TOMBSTONE: 72,
  META_MEMORY_SIZE: 73,
  META_RECORD_SIZE: 74,
  REC_KEY: 80,
  BIN: 81,
  BIN_TYPE: 82,
  RESULT_REMOVE: 100,
  MAP_KEYS: 101,
  MAP_VALUES: 102,
  VAR_BUILTIN: 122,
  COND: 123,
  VAR: 124,
  LET: 125,
  QUOTE: 126,
  CALL: 127
} as const;

/** One instruction op code. */
export type ExpCode = (typeof ExpCode)[keyof typeof ExpCode];

/**
 * Static value types the server assigns while it builds an expression. 0–9 are the wire
 * types (bin, key, call and builtin-variable types); the others exist only inside the build.
 */
export const VType = {
  NIL: 0,
  BOOL: 1,
  INT: 2,
  STR: 3,
  LIST: 4,
  MAP: 5,
  BLOB: 6,
  FLOAT: 7,
  GEO: 8,
  HLL: 9,
  /** First type code past the wire types. */
  INPUT_END: 10,
  /** The type of `result_remove`. */
  REMOVE: 11,
  /** A value whose type the build cannot tell (a raw msgpack literal such as an extension). */
  ANY: 12
} as const;

/** A static value type. */
export type VType = (typeof VType)[keyof typeof VType];

/** CALL systems (the module argument), and the flag of a local modify. */
export const CallSystem = { CDT: 0, BITS: 1, HLL: 2, MODIFY_LOCAL: 0x40 } as const;

/** Particle type codes the evaluator reads and writes. */
export const PType = {
  NULL: 0,
  INTEGER: 1,
  FLOAT: 2,
  STRING: 3,
  BLOB: 4,
  BOOL: 17,
  HLL: 18,
  MAP: 19,
  LIST: 20,
  GEOJSON: 23
} as const;

/** The particle type a static value type reads from a bin (undefined: none). */
export function particleTypeOf(type: number): number | undefined {
  switch (type) {
    case VType.BOOL:
      return PType.BOOL;
    case VType.INT:
      return PType.INTEGER;
    case VType.FLOAT:
      return PType.FLOAT;
    case VType.STR:
      return PType.STRING;
    case VType.BLOB:
      return PType.BLOB;
    case VType.GEO:
      return PType.GEOJSON;
    case VType.HLL:
      return PType.HLL;
    case VType.LIST:
      return PType.LIST;
    case VType.MAP:
      return PType.MAP;
    default:
      return undefined;
  }
}
