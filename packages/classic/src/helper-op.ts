import type { Operation } from '@aerospike-ts/core';
import type { OperationDict } from './operations.js';

/** Wraps a core operation as an aerospike_py operation dict. */
export function dict(code: number, bin: string, operation: Operation, val?: unknown): OperationDict {
  return val === undefined ? { op: code, bin, __operation: operation } : { op: code, bin, val, __operation: operation };
}
