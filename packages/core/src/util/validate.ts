import { InvalidArgumentError } from '../errors/client-errors.js';

/** Longest namespace name, in UTF-8 bytes. */
export const MAX_NAMESPACE_BYTES = 31;
/** Longest set name, in UTF-8 bytes. */
export const MAX_SET_BYTES = 63;
/** Longest bin name, in UTF-8 bytes. */
export const MAX_BIN_NAME_BYTES = 15;

/**
 * Checks a name and returns its UTF-8 length.
 * @throws InvalidArgumentError if it is not a string, not well-formed, empty when not allowed, or too long.
 */
export function checkName(kind: string, name: unknown, maxBytes: number, allowEmpty: boolean): number {
  if (typeof name !== 'string') {
    throw new InvalidArgumentError(`${kind} must be a string, got ${describeType(name)}`);
  }
  if (!name.isWellFormed()) {
    throw new InvalidArgumentError(`${kind} ${JSON.stringify(name)} is not valid UTF-8 (it has a lone surrogate)`);
  }
  const len = Buffer.byteLength(name, 'utf8');
  if (len === 0 && !allowEmpty) throw new InvalidArgumentError(`${kind} must not be empty`);
  if (len > maxBytes) {
    throw new InvalidArgumentError(`${kind} ${JSON.stringify(name)} is ${len} bytes long; the limit is ${maxBytes} bytes`);
  }
  return len;
}

/** Checks a namespace name (1..31 bytes). */
export function checkNamespace(ns: unknown): number {
  return checkName('namespace', ns, MAX_NAMESPACE_BYTES, false);
}

/** Checks a set name (0..63 bytes; empty means no set). */
export function checkSetName(set: unknown): number {
  return checkName('set name', set, MAX_SET_BYTES, true);
}

/** Checks a bin name (1..15 bytes). */
export function checkBinName(bin: unknown): number {
  return checkName('bin name', bin, MAX_BIN_NAME_BYTES, false);
}

/** A short description of a value's type for error messages. */
export function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') {
    const ctor = (v as { constructor?: { name?: string } }).constructor;
    return ctor?.name !== undefined && ctor.name !== 'Object' ? ctor.name : 'object';
  }
  return typeof v;
}

/**
 * Checks an optional non-negative integer option.
 * @throws InvalidArgumentError if it is present and not a non-negative safe integer ≤ max.
 */
export function checkUint(what: string, v: unknown, max = Number.MAX_SAFE_INTEGER): void {
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
    throw new InvalidArgumentError(`${what} must be an integer from 0 to ${max}, got ${String(v)}`);
  }
}
