import { decodeParticle, packValue, type Operation } from '@aerospike-ts/core';
import type { Particle } from '../../../src/model/particle';
import { applyCdtOperation } from '../../../src/engine/cdt/index';

/**
 * A bin held in memory and driven through the CDT engine with the core client's
 * operation builders, for readable unit tests.
 */
export class BinHarness {
  value: Particle | undefined;

  /** @param initial a JS value written as the bin (list or map), or undefined for no bin */
  constructor(initial?: unknown, keyOrderedMaps = true) {
    if (initial !== undefined) this.value = { type: Array.isArray(initial) ? 20 : 19, data: packValue(initial, 'bin', { keyOrderedMaps }) };
  }

  /**
   * Runs `op`; returns the decoded reply value (null when no bin comes back) or throws
   * `{ code }` with the result code on failure. The bin keeps the new value.
   */
  run(op: Operation): unknown {
    const r = applyCdtOperation(op.op, 'b', this.value, { type: 4, data: Buffer.from(op.packed as Uint8Array) });
    if (!r.ok) throw new CodeError(r.resultCode);
    if (r.newValue !== undefined) this.value = r.newValue ?? undefined;
    return r.result === null ? null : decodeParticle(r.result.type, r.result.data, 0, r.result.data.length);
  }

  /** Result code of `op` (0 when it succeeds). */
  code(op: Operation): number {
    try {
      this.run(op);
      return 0;
    } catch (e) {
      if (e instanceof CodeError) return e.code;
      throw e;
    }
  }

  /** The reply particle of `op` as `type:hex` (or 'none'). */
  rawResult(op: Operation): string {
    const r = applyCdtOperation(op.op, 'b', this.value, { type: 4, data: Buffer.from(op.packed as Uint8Array) });
    if (!r.ok) throw new CodeError(r.resultCode);
    if (r.newValue !== undefined) this.value = r.newValue ?? undefined;
    return r.result === null ? 'none' : `${r.result.type}:${r.result.data.toString('hex')}`;
  }

  /** The decoded bin value (undefined when there is no bin). */
  get decoded(): unknown {
    return this.value === undefined ? undefined : decodeParticle(this.value.type, this.value.data, 0, this.value.data.length);
  }

  /** The bin's bytes as hex. */
  get hex(): string {
    return this.value === undefined ? '' : this.value.data.toString('hex');
  }
}

/** A failed op's result code. */
export class CodeError extends Error {
  constructor(readonly code: number) {
    super(`result code ${code}`);
  }
}
