import { InvalidArgumentError } from '../errors/client-errors.js';

/** A syntax or type error in an AEL expression: says what was expected and where, with a caret. */
export class AelError extends InvalidArgumentError {
  static override readonly brand: string = 'aerospike-ts:AelError';
  /** Zero-based column of the error. */
  readonly column: number;
  constructor(problem: string, text: string, column: number) {
    super(`${problem} at column ${column + 1}\n  ${text}\n  ${' '.repeat(column)}^`);
    this.column = column;
  }
}
