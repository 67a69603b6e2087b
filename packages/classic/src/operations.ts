import { InvalidArgumentError, Op, type Operation, type Value } from '@aerospike-ts/core';
import { OPERATOR_APPEND, OPERATOR_DELETE, OPERATOR_INCR, OPERATOR_PREPEND, OPERATOR_READ, OPERATOR_TOUCH, OPERATOR_WRITE } from './constants.js';

/** An aerospike_py operation dict: `{ op, bin, val }` (helper modules build the others). */
export interface OperationDict {
  op: number;
  bin?: string | null;
  val?: unknown;
  /** A prepared core operation (from the helper modules). */
  readonly __operation?: Operation;
}

/** Converts aerospike_py operation dicts to core operations. */
export function toCoreOps(ops: readonly OperationDict[]): Operation[] {
  if (!Array.isArray(ops)) throw new InvalidArgumentError(`ops must be a list of operation dicts, got ${typeof ops}`);
  return ops.map((o, i) => {
    try {
      return toCoreOp(o, i);
    } catch (err) {
      if (err instanceof InvalidArgumentError && !err.message.startsWith('ops[')) throw new InvalidArgumentError(`ops[${i}]: ${err.message}`);
      throw err;
    }
  });
}

function toCoreOp(o: OperationDict, i: number): Operation {
  if (typeof o !== 'object' || o === null) throw new InvalidArgumentError(`ops[${i}] must be an operation dict`);
  if (o.__operation !== undefined) return o.__operation;
  const bin = o.bin ?? undefined;
  const need = (): string => {
    if (typeof bin !== 'string') throw new InvalidArgumentError(`ops[${i}]: 'bin' is required for op ${o.op}`);
    return bin;
  };
  switch (o.op) {
    case OPERATOR_READ:
      return Op.read(bin ?? undefined);
    case OPERATOR_WRITE:
      return Op.write(need(), (o.val ?? null) as Value);
    case OPERATOR_INCR:
      return Op.add(need(), o.val as number);
    case OPERATOR_APPEND:
      return Op.append(need(), o.val as string);
    case OPERATOR_PREPEND:
      return Op.prepend(need(), o.val as string);
    case OPERATOR_TOUCH:
      return Op.touch();
    case OPERATOR_DELETE:
      return Op.delete();
    default:
      throw new InvalidArgumentError(`ops[${i}]: unknown op code ${String(o.op)}`);
  }
}
