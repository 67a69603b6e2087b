import { ResultCode } from '@aerospike-ts/core';
import { InvalidArgError } from './exception.js';

// Argument checks for the aerospike_py surface: each names the method and the argument
// (aerospike_py's parameter names) and throws InvalidArgError before anything is sent.

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'number' || typeof v === 'bigint' ? `${typeof v} ${String(v)}` : typeof v;
}

/** An InvalidArgError with the client's invalid-argument code. */
export function invalidArg(message: string): InvalidArgError {
  return new InvalidArgError(message, { resultCode: ResultCode.INVALID_ARGUMENT });
}

/** `what` is `"method: argument"`. */
export function checkString(v: unknown, what: string): asserts v is string {
  if (typeof v !== 'string') throw invalidArg(`${what} must be a string, got ${describe(v)}`);
}

/** A set name: a string or null. */
export function checkStringOrNull(v: unknown, what: string): asserts v is string | null {
  if (v !== null && typeof v !== 'string') throw invalidArg(`${what} must be a string or null, got ${describe(v)}`);
}

/** A list (array). */
export function checkList(v: unknown, what: string, of = 'values'): asserts v is readonly unknown[] {
  if (!Array.isArray(v)) throw invalidArg(`${what} must be a list of ${of}, got ${describe(v)}`);
}

/** A list of strings (bin names, role names). */
export function checkStringList(v: unknown, what: string, of: string): asserts v is readonly string[] {
  checkList(v, what, of);
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'string') throw invalidArg(`${what}[${i}] must be a string, got ${describe(v[i])}`);
  }
}

/** Longest bin name, in UTF-8 bytes. */
const MAX_BIN_NAME_BYTES = 15;

/** A list of bin names: strings of 1 to 15 UTF-8 bytes (without lone surrogates). */
export function checkBinNames(v: unknown, what: string): asserts v is readonly string[] {
  checkStringList(v, what, 'bin names');
  for (let i = 0; i < v.length; i++) {
    const b = v[i] as string;
    if (!b.isWellFormed()) throw invalidArg(`${what}[${i}] ${JSON.stringify(b)} is not valid UTF-8 (it has a lone surrogate)`);
    const len = Buffer.byteLength(b, 'utf8');
    if (len === 0) throw invalidArg(`${what}[${i}] is empty; a bin name has 1 to ${MAX_BIN_NAME_BYTES} bytes`);
    if (len > MAX_BIN_NAME_BYTES) throw invalidArg(`${what}[${i}] ${JSON.stringify(b)} is ${len} bytes long; a bin name has at most ${MAX_BIN_NAME_BYTES} bytes`);
  }
}

/** A safe integer (or bigint). */
export function checkInt(v: unknown, what: string): asserts v is number | bigint {
  if (!((typeof v === 'number' && Number.isSafeInteger(v)) || typeof v === 'bigint')) throw invalidArg(`${what} must be an integer, got ${describe(v)}`);
}

/** A number (integer, float or bigint). */
export function checkNumber(v: unknown, what: string): asserts v is number | bigint {
  if (typeof v !== 'number' && typeof v !== 'bigint') throw invalidArg(`${what} must be a number, got ${describe(v)}`);
}

/** A string or bytes (append/prepend). */
export function checkStringOrBytes(v: unknown, what: string): asserts v is string | Uint8Array {
  if (typeof v !== 'string' && !(v instanceof Uint8Array)) throw invalidArg(`${what} must be a string or bytes, got ${describe(v)}`);
}

/** A dict (plain object). */
export function checkDict(v: unknown, what: string): asserts v is { [k: string]: unknown } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidArg(`${what} must be a dict, got ${describe(v)}`);
}

/** A function (callbacks). */
export function checkFunction(v: unknown, what: string): asserts v is (...args: never[]) => unknown {
  if (typeof v !== 'function') throw invalidArg(`${what} must be a function, got ${describe(v)}`);
}

/** The common arguments of the index_*_create methods. */
export function checkIndexArgs(method: string, namespace: unknown, set_name: unknown, bin_name: unknown, index_name: unknown): void {
  checkString(namespace, `${method}: namespace`);
  checkStringOrNull(set_name, `${method}: set_name`);
  checkString(bin_name, `${method}: bin_name`);
  checkString(index_name, `${method}: index_name`);
}
