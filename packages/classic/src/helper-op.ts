import type { Operation } from '@aerospike-ts/core';
import { toClassicError } from './exception.js';
import type { OperationDict } from './operations.js';

/** Wraps a core operation as an aerospike_py operation dict. */
export function dict(code: number, bin: string, operation: Operation, val?: unknown): OperationDict {
  return val === undefined ? { op: code, bin, __operation: operation } : { op: code, bin, val, __operation: operation };
}

/**
 * Wraps a helper-module function so that bad input surfaces as aerospike_py's
 * InvalidArgError (core raises its own InvalidArgumentError).
 */
export function guarded<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    try {
      return fn(...args);
    } catch (err) {
      throw toClassicError(err);
    }
  };
}
