/**
 * The emulator's expression engine: filter expressions (the FILTER_EXP field of record
 * commands, batches, scans and queries) and expression read/write operations, evaluated
 * the way the server evaluates them.
 *
 * Outcomes follow the server:
 * - an expression the server would refuse to build (bad arity, mismatched static types, a
 *   filter that is not boolean, invalid GeoJSON or regex…) → PARAMETER_ERROR (4);
 * - a filter that evaluates to unknown (a missing bin, a bin of another type, integer
 *   division by zero…) is false;
 * - an expression operation that evaluates to unknown (or to something that cannot be a
 *   bin) → OP_NOT_APPLICABLE (26);
 * - anything the emulator does not reproduce exactly → UNSUPPORTED_FEATURE (16), never a
 *   guessed answer.
 */
import type { Particle, StoredRecord } from '../../model/particle.js';
import { ExpBuildError, ExpUnsupportedError } from './exp-errors.js';
import { buildExpression } from './exp-build.js';
import type { BuiltExp } from './exp-tree.js';
import { VType } from './exp-codes.js';
import { evaluateTree } from './evaluate.js';
import { toParticle, UNKNOWN, type Evaluated } from './exp-values.js';

/** Context of an expression evaluation. */
export interface ExpContext {
  /** Now, in nanoseconds since the Unix epoch (the namespace's clock). */
  nowNs: bigint;
  /** The namespace of the record. */
  namespace: string;
  /**
   * The record as stored when the command began, when the record evaluated differs from it
   * (the operations of a write see the bins written before them, but `record_size` reports
   * the stored size); `null` when the command creates the record. Leave it out otherwise.
   */
  stored?: StoredRecord | null;
}

/** Outcome of a filter expression. */
export type ExpResult = { ok: true; value: boolean } | { ok: false; resultCode: number };

/** Outcome of an expression operation: the value as a bin (`null`: nil, no bin) or a result code. */
export type ExpValueResult = { ok: true; value: Particle | null } | { ok: false; resultCode: number };

/** Result codes the engine answers. */
export const ExpResultCode = { PARAMETER: 4, UNSUPPORTED_FEATURE: 16, OP_NOT_APPLICABLE: 26 } as const;

const CACHE_LIMIT = 256;
/** Built expressions by their bytes (a scan evaluates one filter per record). */
const cache = new Map<string, BuiltExp | ExpBuildError | ExpUnsupportedError>();

function build(expression: Buffer): BuiltExp {
  const key = expression.toString('base64');
  let b = cache.get(key);
  if (b === undefined) {
    try {
      b = buildExpression(expression);
    } catch (e) {
      if (!(e instanceof ExpBuildError || e instanceof ExpUnsupportedError)) throw e;
      b = e;
    }
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, b);
  }
  if (b instanceof Error) throw b;
  return b;
}

function failure(e: unknown): { ok: false; resultCode: number } {
  if (e instanceof ExpBuildError) return { ok: false, resultCode: ExpResultCode.PARAMETER };
  if (e instanceof ExpUnsupportedError) return { ok: false, resultCode: ExpResultCode.UNSUPPORTED_FEATURE };
  throw e;
}

function run(built: BuiltExp, record: StoredRecord | undefined, ctx: ExpContext): Evaluated {
  return evaluateTree(built.tree, { record, nowNs: ctx.nowNs, stored: ctx.stored, vars: new Array<Evaluated>(built.vars).fill(UNKNOWN) });
}

/**
 * Evaluates a filter expression against a record: true when the record passes.
 * Unknown counts as false; a filter that is not boolean is a parameter error.
 */
export function evaluateFilter(expression: Buffer, record: StoredRecord | undefined, ctx: ExpContext): ExpResult {
  try {
    const built = build(expression);
    if (built.type !== VType.BOOL) return { ok: false, resultCode: ExpResultCode.PARAMETER };
    const v = run(built, record, ctx);
    return { ok: true, value: v !== UNKNOWN && v.t === 'bool' && v.v };
  } catch (e) {
    return failure(e);
  }
}

/**
 * Evaluates the expression of an expression read or write operation: its value as the
 * bin it would become. Unknown (or a value that cannot be a bin) is OP_NOT_APPLICABLE.
 */
export function evaluateExpression(expression: Buffer, record: StoredRecord | undefined, ctx: ExpContext): ExpValueResult {
  try {
    const v = run(build(expression), record, ctx);
    if (v === UNKNOWN) return { ok: false, resultCode: ExpResultCode.OP_NOT_APPLICABLE };
    const p = toParticle(v);
    if (p === undefined) return { ok: false, resultCode: ExpResultCode.OP_NOT_APPLICABLE };
    return { ok: true, value: p };
  } catch (e) {
    return failure(e);
  }
}
