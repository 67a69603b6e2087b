/**
 * Runs fuzz cases. A case is fully determined by (run seed, target name, case index):
 * `caseInput` rebuilds its input, so a failure can be replayed from the seed or from the
 * printed hex alone.
 */
import { getHeapStatistics } from 'node:v8';
import { performance } from 'node:perf_hooks';
import type { Corpus } from './corpus.js';
import { mutate } from './mutate.js';
import { hashString, Rng } from './rng.js';
import type { FrameMap } from './structure.js';
import { OracleFailure, type FuzzTarget } from './targets.js';

/** Why a case failed. */
export type FailureKind = 'exception' | 'oracle' | 'alloc' | 'slow' | 'hang';

/** One failed case. */
export interface CaseFailure {
  readonly target: string;
  readonly seed: number;
  readonly index: number;
  readonly kind: FailureKind;
  readonly message: string;
  readonly inputHex: string;
}

/** Result of running a range of cases of one target. */
export interface TargetStats {
  readonly target: string;
  cases: number;
  /** Cases that decoded to a value. */
  values: number;
  /** Cases rejected with the expected typed error. */
  rejected: number;
  failures: CaseFailure[];
  /** Failures beyond the kept ones (counted, not kept). */
  dropped: number;
  /** Largest V8 used heap seen (sampled), in bytes. */
  maxHeap: number;
  /** Largest single allocation seen, in bytes, and the input size it came from. */
  maxAlloc: number;
  maxAllocInput: number;
  /** Slowest case, ms. */
  slowestMs: number;
  ms: number;
}

/** How to run. */
export interface RunOptions {
  readonly seed: number;
  readonly from: number;
  readonly to: number;
  /** A case slower than this fails (0 = no limit). */
  readonly slowMs?: number;
  /** Called before each case (the CLI's hang watchdog). */
  readonly onCase?: (index: number) => void;
  /** Keep at most this many failures (default 20); the rest are only counted. */
  readonly keepFailures?: number;
}

/** Seeds of each target, with their structure maps, built once per corpus. */
export class SeedBank {
  readonly #corpus: Corpus;
  readonly #seeds = new Map<string, Buffer[]>();
  readonly #maps = new WeakMap<Buffer, FrameMap>();

  constructor(corpus: Corpus) {
    this.#corpus = corpus;
  }

  /** The seeds of a target. */
  seeds(t: FuzzTarget): Buffer[] {
    let s = this.#seeds.get(t.name);
    if (s === undefined) {
      s = t.seeds(this.#corpus);
      this.#seeds.set(t.name, s);
    }
    return s;
  }

  /** The structure map of a seed (cached) or of a fresh input. */
  map(t: FuzzTarget, b: Buffer, cache: boolean): FrameMap {
    if (!cache) return t.map(b);
    let m = this.#maps.get(b);
    if (m === undefined) {
      m = t.map(b);
      this.#maps.set(b, m);
    }
    return m;
  }
}

/** The input of case `index`. */
export function caseInput(t: FuzzTarget, bank: SeedBank, seed: number, index: number): Buffer {
  const rng = new Rng(seed, hashString(t.name), index);
  const seeds = bank.seeds(t);
  const r = rng.float();
  let out: Buffer;
  if (r < 0.15 || (seeds.length === 0 && r < 0.3)) out = t.generate(rng);
  else if (r < 0.2) out = rng.bytes(rng.size(512));
  else {
    const fromSeed = seeds.length > 0 && r >= 0.35;
    const base = fromSeed ? rng.pick(seeds) : t.generate(rng);
    out = mutate(rng, base, { map: bank.map(t, base, fromSeed), donors: seeds, text: t.text });
  }
  return Buffer.from(out); // a private copy: decoders get bytes nobody else holds
}

// ---------------------------------------------------------------------------------------
// Allocation guard: Buffer allocations above what the input justifies are failures.
// ---------------------------------------------------------------------------------------

type Alloc = (size: number, ...rest: never[]) => Buffer;
let allocLimit = Infinity;
let allocViolation = 0;
let allocMax = 0;
let guardDepth = 0;
let originals: { alloc: Alloc; allocUnsafe: Alloc; allocUnsafeSlow: Alloc } | null = null;

function guarded(orig: Alloc): Alloc {
  return function (this: unknown, size: number, ...rest: never[]): Buffer {
    if (typeof size === 'number') {
      if (size > allocMax) allocMax = size;
      if (size > allocLimit) {
        if (size > allocViolation) allocViolation = size;
        throw new RangeError(`fuzz allocation guard: ${size} bytes requested`);
      }
    }
    return orig.call(Buffer, size, ...rest);
  };
}

function installGuard(): void {
  if (guardDepth++ > 0) return;
  originals = { alloc: Buffer.alloc as Alloc, allocUnsafe: Buffer.allocUnsafe as Alloc, allocUnsafeSlow: Buffer.allocUnsafeSlow as Alloc };
  Buffer.alloc = guarded(originals.alloc) as typeof Buffer.alloc;
  Buffer.allocUnsafe = guarded(originals.allocUnsafe) as typeof Buffer.allocUnsafe;
  Buffer.allocUnsafeSlow = guarded(originals.allocUnsafeSlow) as typeof Buffer.allocUnsafeSlow;
}

function removeGuard(): void {
  if (--guardDepth > 0 || originals === null) return;
  Buffer.alloc = originals.alloc as typeof Buffer.alloc;
  Buffer.allocUnsafe = originals.allocUnsafe as typeof Buffer.allocUnsafe;
  Buffer.allocUnsafeSlow = originals.allocUnsafeSlow as typeof Buffer.allocUnsafeSlow;
  originals = null;
}

/** An Error from any realm (Node's internal errors are not `instanceof Error` inside Jest's sandbox). */
function isErrorLike(e: unknown): e is { name: string; message: string; stack?: string } {
  return typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string' && typeof (e as { name?: unknown }).name === 'string';
}

function describeError(e: unknown): string {
  if (isErrorLike(e)) return `${e.name}: ${e.message.slice(0, 300)}${e.stack !== undefined ? `\n${e.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
  return `non-error thrown: ${String(e).slice(0, 300)}`;
}

/** Outcome of one case. */
export type CaseOutcome = { readonly ok: true; readonly value: boolean } | { readonly ok: false; readonly kind: FailureKind; readonly message: string };

/** Runs one input through a target, with the allocation guard on. */
export function runCase(t: FuzzTarget, input: Buffer): CaseOutcome {
  installGuard();
  allocLimit = 64 * 1024 + (t.allocFactor ?? 16) * input.length;
  allocViolation = 0;
  try {
    let value = true;
    try {
      t.run(input);
    } catch (e) {
      if (allocViolation > 0) throw e;
      if (!t.accepts(e)) throw e;
      if (!isErrorLike(e)) throw e;
      value = false;
    }
    if (allocViolation > 0) return { ok: false, kind: 'alloc', message: `allocated ${allocViolation} bytes for a ${input.length}-byte input` };
    return { ok: true, value };
  } catch (e) {
    if (allocViolation > 0) return { ok: false, kind: 'alloc', message: `allocated ${allocViolation} bytes for a ${input.length}-byte input (${describeError(e)})` };
    return { ok: false, kind: e instanceof OracleFailure ? 'oracle' : 'exception', message: describeError(e) };
  } finally {
    allocLimit = Infinity;
    removeGuard();
  }
}

/** Runs cases [from, to) of a target. */
export function runTarget(t: FuzzTarget, bank: SeedBank, o: RunOptions): TargetStats {
  const stats: TargetStats = { target: t.name, cases: 0, values: 0, rejected: 0, failures: [], dropped: 0, maxHeap: 0, maxAlloc: 0, maxAllocInput: 0, slowestMs: 0, ms: 0 };
  const keep = o.keepFailures ?? 20;
  const start = performance.now();
  const fail = (index: number, kind: FailureKind, message: string, input: Buffer): void => {
    if (stats.failures.length < keep) stats.failures.push({ target: t.name, seed: o.seed, index, kind, message, inputHex: input.toString('hex') });
    else stats.dropped++;
  };
  for (let i = o.from; i < o.to; i++) {
    o.onCase?.(i);
    const input = caseInput(t, bank, o.seed, i);
    allocMax = 0;
    const t0 = performance.now();
    const out = runCase(t, input);
    const dt = performance.now() - t0;
    if (allocMax > stats.maxAlloc) {
      stats.maxAlloc = allocMax;
      stats.maxAllocInput = input.length;
    }
    stats.cases++;
    if (dt > stats.slowestMs) stats.slowestMs = dt;
    if (!out.ok) fail(i, out.kind, out.message, input);
    else if (out.value) stats.values++;
    else stats.rejected++;
    if (out.ok && o.slowMs !== undefined && o.slowMs > 0 && dt > o.slowMs) fail(i, 'slow', `took ${dt.toFixed(0)} ms`, input);
    if ((i & 1023) === 0) {
      const h = getHeapStatistics().used_heap_size;
      if (h > stats.maxHeap) stats.maxHeap = h;
    }
  }
  const h = getHeapStatistics().used_heap_size;
  if (h > stats.maxHeap) stats.maxHeap = h;
  stats.ms = performance.now() - start;
  return stats;
}
