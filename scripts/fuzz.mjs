#!/usr/bin/env node
// Long-form fuzzer for every decoder of server replies (proto header and frame splitting,
// single/batch/scan-query/transaction replies, msgpack, particles, compression, info,
// replicas, peers, sindex-list, admin replies) and for the AEL compiler.
//
// The harness lives in test/reliability/fuzz/ (TypeScript, shared with the CI slice in
// test/reliability/fuzz-slice.test.ts); this script bundles it from the sources with
// esbuild, so it works from a fresh clone after `npm ci` (and `npm run build`).
//
//   node scripts/fuzz.mjs [--cases N] [--seed S] [--workers W] [--target a,b] [--slow-ms MS] [--hang-ms MS]
//   node scripts/fuzz.mjs --seed S --target T --case I     replay one case
//   node scripts/fuzz.mjs --target T --hex <input hex>     run one input
//
// Every case is determined by (seed, target, case index). Cases are split evenly across
// the targets and run on worker threads. A case fails when its decoder throws anything
// but the typed error it documents, returns a wrong result, allocates more than its input
// justifies, takes longer than --slow-ms, or hangs (--hang-ms without progress).
// Prints a summary table and, for each failure, the seed, case index and input hex;
// exits 1 when any case failed.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHUNK = 5000;

process.setSourceMapsEnabled(true); // stack traces point at the TypeScript sources
if (isMainThread) await main();
else workerMain();

// ---------------------------------------------------------------------------------------

function parseArgs(argv) {
  const o = { cases: 1_000_000, seed: undefined, workers: Math.max(1, Math.min(availableParallelism(), 8)), targets: undefined, slowMs: 5000, hangMs: 30_000, caseIndex: undefined, hex: undefined, keep: 10 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) usage(`${a} needs a value`);
      return x;
    };
    if (a === '--cases') o.cases = int(v(), a);
    else if (a === '--seed') o.seed = int(v(), a) >>> 0;
    else if (a === '--workers') o.workers = Math.max(1, int(v(), a));
    else if (a === '--target' || a === '--targets') o.targets = v().split(',').filter((x) => x !== '');
    else if (a === '--slow-ms') o.slowMs = int(v(), a);
    else if (a === '--hang-ms') o.hangMs = int(v(), a);
    else if (a === '--case') o.caseIndex = int(v(), a);
    else if (a === '--hex') o.hex = v();
    else if (a === '--keep') o.keep = int(v(), a);
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  return o;
}

function int(s, what) {
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n < 0) usage(`${what} must be a non-negative integer, got ${s}`);
  return n;
}

function usage(problem) {
  if (problem !== undefined) process.stderr.write(`fuzz: ${problem}\n`);
  process.stderr.write(
    'usage: node scripts/fuzz.mjs [--cases N (1000000)] [--seed S (random)] [--workers W] [--target a,b]\n' +
      '                             [--slow-ms MS (5000)] [--hang-ms MS (30000)] [--keep K (10 failures per target)]\n' +
      '       node scripts/fuzz.mjs --seed S --target T --case I   (replay one case)\n' +
      '       node scripts/fuzz.mjs --target T --hex HEX           (run one input)\n'
  );
  process.exit(problem === undefined ? 0 : 2);
}

/** Bundles the TypeScript harness into a CommonJS file and returns its path. */
async function bundle() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    process.stderr.write('fuzz: esbuild is missing; run `npm ci` first\n');
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'aerospike-ts-fuzz-'));
  const outfile = join(dir, 'harness.cjs');
  await esbuild.build({
    entryPoints: [join(ROOT, 'test', 'reliability', 'fuzz', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    sourcemap: 'inline',
    logLevel: 'error'
  });
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return outfile;
}

function load(file) {
  return createRequire(import.meta.url)(file);
}

// ---------------------------------------------------------------------------------------
// Worker: runs chunks of cases and reports their stats.
// ---------------------------------------------------------------------------------------

function workerMain() {
  const { harness, seed, slowMs, keep, progress } = workerData;
  const H = load(harness);
  const bank = new H.SeedBank(H.loadCorpus(ROOT));
  const beat = new Int32Array(progress);
  parentPort.on('message', (job) => {
    const t = H.TARGETS.find((x) => x.name === job.target);
    const stats = H.runTarget(t, bank, {
      seed,
      from: job.from,
      to: job.to,
      slowMs,
      keepFailures: keep,
      onCase: (i) => {
        Atomics.store(beat, 0, i);
        Atomics.add(beat, 1, 1);
      }
    });
    parentPort.postMessage({ job, stats });
  });
}

// ---------------------------------------------------------------------------------------
// Main: replay, or schedule chunks on workers, watch for hangs, print the summary.
// ---------------------------------------------------------------------------------------

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const harness = await bundle();
  const H = load(harness);
  const all = H.TARGETS.map((t) => t.name);
  const names = o.targets ?? all;
  for (const n of names) if (!all.includes(n)) usage(`unknown target ${n}; targets: ${all.join(', ')}`);
  const bank = new H.SeedBank(H.loadCorpus(ROOT));
  const target = (n) => H.TARGETS.find((t) => t.name === n);

  if (o.hex !== undefined || o.caseIndex !== undefined) {
    if (names.length !== 1) usage('--case and --hex need exactly one --target');
    const t = target(names[0]);
    let input;
    if (o.hex !== undefined) input = Buffer.from(o.hex, 'hex');
    else {
      if (o.seed === undefined) usage('--case needs --seed');
      input = H.caseInput(t, bank, o.seed, o.caseIndex);
    }
    process.stdout.write(`target ${t.name}, input ${input.length} bytes\n${input.toString('hex')}\n`);
    const out = H.runCase(t, input);
    process.stdout.write(out.ok ? `ok: ${out.value ? 'decoded to a value' : 'rejected with the expected typed error'}\n` : `FAILED (${out.kind}): ${out.message}\n`);
    process.exit(out.ok ? 0 : 1);
  }

  const seed = o.seed ?? (Math.floor(Math.random() * 0x100000000) >>> 0);
  const per = Math.ceil(o.cases / names.length);
  const queue = [];
  for (let from = 0; from < per; from += CHUNK) for (const n of names) queue.push({ target: n, from, to: Math.min(per, from + CHUNK) });
  const totalCases = per * names.length;
  process.stderr.write(`fuzz: seed ${seed}, ${totalCases} cases (${per} per target × ${names.length} targets), ${o.workers} workers\n`);

  const agg = new Map(names.map((n) => [n, { target: n, cases: 0, values: 0, rejected: 0, failures: [], dropped: 0, maxHeap: 0, maxAlloc: 0, maxAllocInput: 0, slowestMs: 0, ms: 0 }]));
  const merge = (s) => {
    const a = agg.get(s.target);
    a.cases += s.cases;
    a.values += s.values;
    a.rejected += s.rejected;
    for (const f of s.failures) {
      if (a.failures.length < o.keep) a.failures.push(f);
      else a.dropped++;
    }
    a.dropped += s.dropped;
    a.maxHeap = Math.max(a.maxHeap, s.maxHeap);
    if (s.maxAlloc > a.maxAlloc) {
      a.maxAlloc = s.maxAlloc;
      a.maxAllocInput = s.maxAllocInput;
    }
    a.slowestMs = Math.max(a.slowestMs, s.slowestMs);
    a.ms += s.ms;
  };

  const started = Date.now();
  let done = 0;
  let lastReport = started;
  await new Promise((resolveAll) => {
    const slots = [];
    const finishIfIdle = () => {
      if (queue.length === 0 && slots.every((s) => s.job === null)) {
        for (const s of slots) void s.worker.terminate();
        clearInterval(watchdog);
        resolveAll();
      }
    };
    const give = (slot) => {
      const job = queue.shift();
      slot.job = job ?? null;
      if (job === undefined) return finishIfIdle();
      slot.lastBeat = -1;
      slot.lastChange = Date.now();
      slot.worker.postMessage(job);
    };
    const spawn = (slot) => {
      slot.progress = new SharedArrayBuffer(8);
      slot.beat = new Int32Array(slot.progress);
      slot.worker = new Worker(fileURLToPath(import.meta.url), {
        workerData: { harness, seed, slowMs: o.slowMs, keep: o.keep, progress: slot.progress },
        // stack: about the main thread's, so depth limits are tested as users hit them;
        // heap: a runaway allocation kills the worker (reported as a failure), not the machine
        resourceLimits: { stackSizeMb: 1, maxOldGenerationSizeMb: 1024 }
      });
      slot.worker.on('message', ({ stats }) => {
        merge(stats);
        done += stats.cases;
        const now = Date.now();
        if (now - lastReport > 10_000) {
          lastReport = now;
          const failed = [...agg.values()].reduce((n, a) => n + a.failures.length + a.dropped, 0);
          process.stderr.write(`fuzz: ${done}/${totalCases} cases, ${failed} failures, ${((now - started) / 1000).toFixed(0)} s\n`);
        }
        give(slot);
      });
      slot.worker.on('error', (err) => {
        // A crash of the worker itself (not a thrown error in a case): report and continue.
        const job = slot.job;
        if (job !== null) {
          slot.job = null;
          abandon(job, Atomics.load(slot.beat, 0), 'exception', `worker crashed: ${err?.stack ?? err}`);
        }
        spawn(slot);
        give(slot);
      });
    };
    // A job whose worker died or hung at case i: that case is a failure; the cases before
    // it (whose stats died with the worker) and after it are queued again. Cases are
    // deterministic, so re-running the earlier ones gives the same results.
    const abandon = (job, i, kind, message) => {
      recordHardFailure(job.target, i, kind, message);
      done += 1;
      if (i + 1 < job.to) queue.unshift({ ...job, from: i + 1 });
      if (i > job.from) queue.unshift({ ...job, to: i });
    };
    const recordHardFailure = (name, index, kind, message) => {
      const a = agg.get(name);
      const input = H.caseInput(target(name), bank, seed, index);
      a.cases += 1;
      if (a.failures.length < o.keep) a.failures.push({ target: name, seed, index, kind, message, inputHex: input.toString('hex') });
      else a.dropped++;
    };
    const watchdog = setInterval(() => {
      const now = Date.now();
      for (const slot of slots) {
        if (slot.job === null) continue;
        const b = Atomics.load(slot.beat, 1);
        if (b !== slot.lastBeat) {
          slot.lastBeat = b;
          slot.lastChange = now;
          continue;
        }
        if (now - slot.lastChange < o.hangMs) continue;
        const job = slot.job;
        slot.job = null;
        slot.worker.removeAllListeners('error');
        slot.worker.removeAllListeners('message');
        void slot.worker.terminate();
        abandon(job, Atomics.load(slot.beat, 0), 'hang', `no progress for ${o.hangMs} ms`);
        spawn(slot);
        give(slot);
      }
    }, 1000);
    for (let w = 0; w < Math.min(o.workers, queue.length); w++) {
      const slot = { worker: null, job: null, progress: null, beat: null, lastBeat: -1, lastChange: 0 };
      slots.push(slot);
      spawn(slot);
      give(slot);
    }
  });
  const wallMs = Date.now() - started;

  // Summary.
  const mb = (b) => `${(b / 1048576).toFixed(1)} MiB`;
  const rows = [['target', 'cases', 'values', 'rejected', 'failures', 'max heap', 'max alloc', 'slowest', 'time']];
  let cases = 0;
  let failures = 0;
  for (const a of agg.values()) {
    const f = a.failures.length + a.dropped;
    cases += a.cases;
    failures += f;
    rows.push([a.target, String(a.cases), String(a.values), String(a.rejected), String(f), mb(a.maxHeap), a.maxAlloc === 0 ? '-' : `${a.maxAlloc} B`, `${a.slowestMs.toFixed(0)} ms`, `${(a.ms / 1000).toFixed(1)} s`]);
  }
  const peakRss = process.resourceUsage().maxRSS * 1024;
  rows.push(['total', String(cases), '', '', String(failures), `rss ${mb(peakRss)}`, '', '', `${(wallMs / 1000).toFixed(1)} s wall`]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) => r.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  ');
  process.stdout.write(`\nfuzz summary (seed ${seed}, ${o.workers} workers)\n${line(rows[0])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const r of rows.slice(1, -1)) process.stdout.write(`${line(r)}\n`);
  process.stdout.write(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n${line(rows[rows.length - 1])}\n`);
  process.stdout.write('(time: CPU time spent in the target, summed over workers; max heap: largest V8 heap in use seen by a worker; max alloc: largest single Buffer allocation)\n');

  if (failures > 0) {
    process.stdout.write(`\n${failures} FAILURES\n`);
    for (const a of agg.values()) {
      for (const f of a.failures) {
        const len = f.inputHex.length / 2;
        process.stdout.write(`\n[${f.target}] ${f.kind} — seed ${f.seed}, case ${f.index}, input ${len} bytes\n  ${f.message.split('\n').join('\n  ')}\n`);
        process.stdout.write(`  replay: node scripts/fuzz.mjs --seed ${f.seed} --target ${f.target} --case ${f.index}\n`);
        process.stdout.write(len <= 65536 ? `  input hex: ${f.inputHex}\n` : `  input hex: (${len} bytes; replay by seed and case)\n`);
      }
      if (a.dropped > 0) process.stdout.write(`\n[${a.target}] ${a.dropped} more failures not shown (--keep)\n`);
    }
  }
  process.exit(failures > 0 ? 1 : 0);
}
