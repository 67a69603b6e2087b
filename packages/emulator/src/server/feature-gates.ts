import type { Particle, StoredRecord } from '../model/particle.js';
import { Result } from '../protocol/constants.js';

/**
 * Stand-ins for the CDT and expression engines until those modules land: every call
 * answers UNSUPPORTED_FEATURE, so the emulator never gives a wrong answer.
 */

/** Outcome of a CDT/bit/HLL operation. */
export type CdtResult = { ok: true; result: Particle | null; newValue?: Particle | null } | { ok: false; resultCode: number };
/** Context of an expression evaluation. */
export interface ExpContext {
  nowNs: bigint;
  namespace: string;
}
/** Outcome of a filter expression. */
export type ExpResult = { ok: true; value: boolean } | { ok: false; resultCode: number };

/** Applies a CDT/bit/HLL operation (not available yet: unsupported). */
export function applyCdtOperation(_opType: number, _binName: string, _current: Particle | undefined, _payload: Particle): CdtResult {
  return { ok: false, resultCode: Result.UNSUPPORTED_FEATURE };
}

/** Evaluates a filter expression (not available yet: unsupported). */
export function evaluateFilter(_expression: Buffer, _record: StoredRecord | undefined, _ctx: ExpContext): ExpResult {
  return { ok: false, resultCode: Result.UNSUPPORTED_FEATURE };
}

/** Evaluates a value expression (not available yet: unsupported). */
export function evaluateExpression(_expression: Buffer, _record: StoredRecord | undefined, _ctx: ExpContext): { ok: true; value: Particle | null } | { ok: false; resultCode: number } {
  return { ok: false, resultCode: Result.UNSUPPORTED_FEATURE };
}
