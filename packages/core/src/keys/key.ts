import type BN from 'bn.js';
import { InvalidArgumentError } from '../errors/client-errors.js';
import { isBN, toInt64, writeIntegralNumber } from '../values/int64.js';
import { ParticleType } from '../wire/constants.js';
import { ripemd160 } from './ripemd160.js';
import { checkNamespace, checkSetName, describeType } from '../util/validate.js';

/** A user key: string, integer (signed 64-bit) or bytes. */
export type UserKey = string | number | bigint | BN | Buffer | Uint8Array;

/** Length of a RIPEMD-160 digest. */
export const DIGEST_SIZE = 20;

/** The namespace and set name of the last key made: already checked (a hot-path shortcut). */
let lastNamespace: string | null = null;
let lastSet: string | null = null;

/**
 * The address of a record: namespace, set, and the user key or its digest.
 *
 * The digest is RIPEMD-160 over the set name, the key's particle type and the key bytes;
 * the namespace is not hashed. It decides the record's partition.
 */
export class Key {
  /** Namespace name. */
  readonly namespace: string;
  /** Set name, or `null` for records without a set. */
  readonly set: string | null;
  /** The user key, or `null` when the key was made from a digest or not stored. */
  readonly userKey: string | number | bigint | Buffer | null;
  /** 20-byte RIPEMD-160 digest. */
  readonly digest: Buffer;

  /**
   * @param namespace namespace name (1–31 bytes)
   * @param set set name (up to 63 bytes); `null`, `undefined` or `''` for no set
   * @param userKey string, integer or bytes; may be `null` when `digest` is given
   * @param digest a precomputed 20-byte digest
   * @throws InvalidArgumentError on any invalid part
   */
  constructor(namespace: string, set: string | null | undefined, userKey: UserKey | null | undefined, digest?: Uint8Array) {
    // the names of the previous key were valid: skip re-checking the same strings
    if (namespace !== lastNamespace) {
      checkNamespace(namespace);
      lastNamespace = namespace;
    }
    if (set != null && set !== lastSet) {
      checkSetName(set);
      lastSet = set;
    }
    this.namespace = namespace;
    this.set = set == null || set === '' ? null : set;
    this.userKey = userKey == null ? null : normalizeUserKey(userKey);
    if (digest !== undefined) {
      if (!(digest instanceof Uint8Array) || digest.length !== DIGEST_SIZE) {
        throw new InvalidArgumentError(`digest must be ${DIGEST_SIZE} bytes, got ${describeType(digest)}${digest instanceof Uint8Array ? ` of ${digest.length} bytes` : ''}`);
      }
      this.digest = Buffer.from(digest);
    } else if (this.userKey === null) {
      throw new InvalidArgumentError('a key needs a user key or a digest');
    } else {
      this.digest = computeDigest(this.set, this.userKey);
    }
  }

  /** Builds a key from a digest alone. */
  static fromDigest(namespace: string, set: string | null | undefined, digest: Uint8Array): Key {
    return new Key(namespace, set, null, digest);
  }

  /** Partition id (0–4095) the record lives in. */
  get partitionId(): number {
    return partitionIdOf(this.digest);
  }

  /** Text form for logs: `ns:set:key` (or the digest in hex). */
  toString(): string {
    const k = this.userKey === null ? `<digest ${this.digest.toString('hex')}>` : Buffer.isBuffer(this.userKey) ? `<bytes ${this.userKey.toString('hex')}>` : String(this.userKey);
    return `${this.namespace}:${this.set ?? ''}:${k}`;
  }
}

type KeyFields = { -readonly [K in 'namespace' | 'set' | 'userKey' | 'digest']: Key[K] };

/**
 * Internal (not exported by the package): a key from parts the caller has already checked
 * — a namespace and set validated for an earlier key, a 20-byte digest it owns, and a
 * user key in its normal form (a string decoded from UTF-8, an integer as `readInt64`
 * returns it, or a Buffer) — built
 * without validating them again or copying the digest. For hot decode paths such as
 * scan/query replies; it lives here so the fields of a `Key` are set in one module.
 */
export function trustedKey(namespace: string, set: string | null, digest: Buffer, userKey: string | number | bigint | Buffer | null = null): Key {
  const k = Object.create(Key.prototype) as KeyFields;
  k.namespace = namespace;
  k.set = set;
  k.userKey = userKey;
  k.digest = digest;
  return k as unknown as Key;
}

/** Partition id of a digest: low 12 bits of its first two bytes, little-endian. */
export function partitionIdOf(digest: Uint8Array): number {
  return ((digest[0] as number) | ((digest[1] as number) << 8)) & 0x0fff;
}

/**
 * True when `k` is already what {@link normalizeUserKey} would return for it (or null):
 * a string, a Buffer, a safe integer as a number, an integer outside the safe range as a
 * bigint. A key built by {@link trustedKey} must hold such a user key. (A string is taken
 * as well formed: reply decoding never makes lone surrogates.)
 */
export function isNormalUserKey(k: unknown): k is string | number | bigint | Buffer | null {
  if (k === null || typeof k === 'string') return true;
  if (typeof k === 'number') return Number.isSafeInteger(k);
  if (typeof k === 'bigint') return !Number.isSafeInteger(Number(k));
  return Buffer.isBuffer(k);
}

function normalizeUserKey(k: UserKey): string | number | bigint | Buffer {
  if (typeof k === 'string') {
    if (!k.isWellFormed()) throw new InvalidArgumentError('user key string is not valid UTF-8 (it has a lone surrogate)');
    return k;
  }
  if (typeof k === 'number') {
    if (!Number.isInteger(k)) {
      throw new InvalidArgumentError(`user key must be an integer, a string or bytes; got the number ${k}`);
    }
    if (!Number.isSafeInteger(k)) {
      const b = toInt64(BigInt(k), 'user key');
      return b;
    }
    return k;
  }
  if (typeof k === 'bigint') {
    const b = toInt64(k, 'user key');
    return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
  }
  if (Buffer.isBuffer(k)) return k;
  if (k instanceof Uint8Array) return Buffer.from(k.buffer, k.byteOffset, k.byteLength);
  if (isBN(k)) {
    const b = toInt64(k, 'user key');
    return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
  }
  throw new InvalidArgumentError(`user key must be a string, an integer or bytes; got ${describeType(k)}`);
}

/** Particle type of a normalised user key. */
export function userKeyParticleType(k: string | number | bigint | Buffer): number {
  return typeof k === 'string' ? ParticleType.STRING : Buffer.isBuffer(k) ? ParticleType.BLOB : ParticleType.INTEGER;
}

/** Byte length of a normalised user key's value (without the particle byte). */
export function userKeyByteLength(k: string | number | bigint | Buffer): number {
  return typeof k === 'string' ? Buffer.byteLength(k, 'utf8') : Buffer.isBuffer(k) ? k.length : 8;
}

/** Writes a normalised user key's value bytes at `offset`; returns the new offset. */
export function writeUserKeyValue(buf: Buffer, offset: number, k: string | number | bigint | Buffer): number {
  if (typeof k === 'string') return offset + buf.write(k, offset, 'utf8');
  if (Buffer.isBuffer(k)) return offset + k.copy(buf, offset);
  if (typeof k === 'bigint') buf.writeBigInt64BE(k, offset);
  else writeIntegralNumber(buf, k, offset, 'user key');
  return offset + 8;
}

/** Set name, particle type and key bytes, laid out for hashing (grown for long keys). */
let scratch = Buffer.allocUnsafeSlow(256);
/** The set name whose UTF-8 bytes start `scratch` (consecutive keys of one set skip re-encoding it), and their length. */
let scratchSet: string | null = null;
let scratchSetLength = 0;

/** RIPEMD-160(set ‖ particle type ‖ key bytes). */
export function computeDigest(set: string | null, k: string | number | bigint | Buffer): Buffer {
  // UTF-8 takes at most 3 bytes per UTF-16 unit: room for both strings, the type byte and an integer
  const most = (set === null ? 0 : set.length * 3) + 9 + (typeof k === 'string' ? k.length * 3 : Buffer.isBuffer(k) ? k.length : 0);
  if (most > scratch.length) {
    scratch = Buffer.allocUnsafeSlow(Math.max(most, scratch.length * 2));
    scratchSet = null;
  }
  const buf = scratch;
  let off = 0;
  if (set !== null && set !== '') {
    if (set !== scratchSet) {
      scratchSetLength = buf.write(set, 0, 'utf8');
      scratchSet = set;
    }
    off = scratchSetLength;
  } else {
    scratchSet = null; // the key bytes go where the set name was
  }
  const type = userKeyParticleType(k);
  buf[off++] = type;
  off = writeUserKeyValue(buf, off, k);
  return ripemd160(buf, 0, off);
}
