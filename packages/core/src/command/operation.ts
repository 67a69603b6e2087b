import { InvalidArgumentError } from '../errors/client-errors.js';
import type { Value } from '../values/value-types.js';
import { OpType } from '../wire/constants.js';
import { checkBinName, describeType } from '../util/validate.js';

/**
 * One operation of an operate command.
 *
 * Scalar ops carry a bin `value`; collection, bit, HLL and expression ops carry their
 * `packed` msgpack payload, which is sent with particle type BLOB.
 */
export interface Operation {
  /** Operation type (see {@link OpType}). */
  readonly op: OpType;
  /** Bin name, or `null` for record-level ops (touch, delete, read header, read all). */
  readonly bin: string | null;
  /** Value for write, add, append and prepend. */
  readonly value?: Value;
  /** Packed payload for collection, bit, HLL and expression ops. */
  readonly packed?: Uint8Array;
  /** The server must answer this op even when it returns nothing (map ops); forces RESPOND_ALL_OPS. */
  readonly respondAll?: boolean;
}

/** Builders for the scalar operations. */
export const Op = Object.freeze({
  /** Read one bin; `Op.read()` with no bin reads all bins. */
  read(bin?: string): Operation {
    if (bin !== undefined) checkBinName(bin);
    return { op: OpType.READ, bin: bin ?? null };
  },
  /** Read the record's metadata only (generation, TTL). */
  readHeader(): Operation {
    return READ_HEADER;
  },
  /** Set a bin; `null` removes it. */
  write(bin: string, value: Value): Operation {
    checkBinName(bin);
    return { op: OpType.WRITE, bin, value };
  },
  /** Add to an integer or float bin (creates it when missing). */
  add(bin: string, value: number | bigint | Value): Operation {
    checkBinName(bin);
    if (typeof value !== 'number' && typeof value !== 'bigint' && !(typeof value === 'object' && value !== null)) {
      throw new InvalidArgumentError(`increment of bin '${bin}' needs a number, got ${describeType(value)}`);
    }
    return { op: OpType.ADD, bin, value };
  },
  /** Append to a string or blob bin. */
  append(bin: string, value: string | Uint8Array): Operation {
    checkBinName(bin);
    checkStringOrBytes('append', bin, value);
    return { op: OpType.APPEND, bin, value };
  },
  /** Prepend to a string or blob bin. */
  prepend(bin: string, value: string | Uint8Array): Operation {
    checkBinName(bin);
    checkStringOrBytes('prepend', bin, value);
    return { op: OpType.PREPEND, bin, value };
  },
  /** Reset the record's TTL (the TTL comes from the write policy). */
  touch(): Operation {
    return TOUCH;
  },
  /** Delete the record. */
  delete(): Operation {
    return DELETE;
  }
});

const READ_HEADER: Operation = Object.freeze({ op: OpType.READ, bin: null, headerOnly: true }) as Operation;
const TOUCH: Operation = Object.freeze({ op: OpType.TOUCH, bin: null });
const DELETE: Operation = Object.freeze({ op: OpType.DELETE, bin: null });

/** Whether an operation is the read-header marker. */
export function isReadHeader(op: Operation): boolean {
  return op === READ_HEADER || (op as { headerOnly?: boolean }).headerOnly === true;
}

function checkStringOrBytes(what: string, bin: string, v: unknown): void {
  if (typeof v !== 'string' && !(v instanceof Uint8Array)) {
    throw new InvalidArgumentError(`${what} to bin '${bin}' needs a string or bytes, got ${describeType(v)}`);
  }
}
