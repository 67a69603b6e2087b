/**
 * Record metadata expressions: digest modulo, sizes, last update, since update, void
 * time, TTL, set name, key existence, tombstone, and the stored user key. Times follow the
 * server's units: last update and void time in nanoseconds since the Unix epoch (the last
 * update kept to the millisecond), since update in milliseconds, TTL in seconds.
 */
import type { StoredRecord } from '../../../model/particle.js';
import { ExpCode, PType } from '../exp-codes.js';
import { ExpUnsupportedError } from '../exp-errors.js';
import { bool, UNKNOWN, type Evaluated } from '../exp-values.js';
import { storedRecordSize } from './record-size.js';

/** Seconds from the Unix epoch to the Citrusleaf epoch (2010-01-01). */
const CITRUS_EPOCH_S = 1262304000n;
const CITRUS_EPOCH_NS = CITRUS_EPOCH_S * 1_000_000_000n;
const CITRUS_EPOCH_MS = CITRUS_EPOCH_S * 1000n;

/** The evaluation's clock, and the record as stored when the command began. */
export interface MetaContext {
  /** Now, in nanoseconds since the Unix epoch. */
  readonly nowNs: bigint;
  /**
   * The record as stored before the command (what `record_size` measures: a write's
   * operations see their own changes, not a new size); null when the command creates
   * the record; undefined when it is the record evaluated.
   */
  readonly stored: StoredRecord | null | undefined;
}

function int(v: bigint): Evaluated {
  return { t: 'int', v };
}

/** Milliseconds since the Citrusleaf epoch of a Unix-epoch nanosecond time (0 for anything earlier). */
function clepochMs(ns: bigint): bigint {
  const ms = ns / 1_000_000n - CITRUS_EPOCH_MS;
  return ms > 0n ? ms : 0n;
}

/** The stored size `record_size` reports: 16 (no blocks yet) for a record being created. */
function storedSize(rec: StoredRecord, ctx: MetaContext): bigint {
  const stored = ctx.stored === undefined ? (rec.generation === 0 ? null : rec) : ctx.stored;
  return BigInt(stored === null ? 16 : storedRecordSize(stored));
}

/** Evaluates a metadata instruction on `rec` (unknown when there is no record). */
export function evaluateMeta(code: number, mod: number, rec: StoredRecord | undefined, ctx: MetaContext): Evaluated {
  if (rec === undefined) return UNKNOWN;
  switch (code) {
    case ExpCode.META_DIGEST_MOD:
      return int(BigInt(rec.digest.readUInt32LE(16)) % BigInt(mod));
    case ExpCode.META_DEVICE_SIZE:
      return int(0n); // an in-memory namespace
    case ExpCode.META_MEMORY_SIZE:
    case ExpCode.META_RECORD_SIZE:
      return int(storedSize(rec, ctx));
    case ExpCode.META_LAST_UPDATE:
      return int(CITRUS_EPOCH_NS + clepochMs(rec.lastUpdateNs) * 1_000_000n);
    case ExpCode.META_SINCE_UPDATE: {
      const now = clepochMs(ctx.nowNs);
      const lut = clepochMs(rec.lastUpdateNs);
      return int(now > lut ? now - lut : 0n);
    }
    case ExpCode.META_VOID_TIME:
      return int(rec.voidTime === 0 ? -1n : CITRUS_EPOCH_NS + BigInt(rec.voidTime) * 1_000_000_000n);
    case ExpCode.META_TTL: {
      if (rec.voidTime === 0) return int(-1n);
      const now = ctx.nowNs / 1_000_000_000n - CITRUS_EPOCH_S;
      const vt = BigInt(rec.voidTime);
      return int(vt > now ? vt - now : 1n);
    }
    case ExpCode.META_SET_NAME:
      return { t: 'str', bytes: Buffer.from(rec.setName, 'utf8') };
    case ExpCode.META_KEY_EXISTS:
      return bool(rec.userKey !== undefined);
    case ExpCode.META_IS_TOMBSTONE:
      return bool(false);
    default:
      throw new ExpUnsupportedError(`metadata ${code}`);
  }
}

/** The stored user key as `type` (unknown when no key is stored or it has another type). */
export function evaluateKey(type: 'int' | 'str' | 'blob', rec: StoredRecord | undefined): Evaluated {
  const key = rec?.userKey;
  if (key === undefined) return UNKNOWN;
  switch (key.type) {
    case PType.INTEGER:
      if (type !== 'int' || key.data.length !== 8) return UNKNOWN;
      return int(key.data.readBigInt64BE(0));
    case PType.STRING:
      return type === 'str' ? { t: 'str', bytes: key.data } : UNKNOWN;
    case PType.BLOB:
      return type === 'blob' ? { t: 'blob', bytes: key.data } : UNKNOWN;
    default:
      return UNKNOWN;
  }
}
