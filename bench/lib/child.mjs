// Runs one configuration (implementation × workload × in-flight count) and sends its
// measurements to the parent (run.mjs) over IPC. One process per configuration, so
// CPU time and peak RSS belong to that configuration alone.
//
//   config (JSON in process.argv[2]): { impl, workload, inFlight, durationMs, warmupMs,
//     hosts, ns, set, total, hot, batchSize, batchCount, seed, cpuProfile? }
//   cpuProfile: a file to write a V8 CPU profile of the measured window to
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { implementation } from './impls/index.mjs';
import { hotKeys, makeBatches, prng } from './data.mjs';
import { newHistogram } from './histogram.mjs';

const cfg = JSON.parse(process.argv[2]);

function send(msg) {
  if (process.send) process.send(msg, () => process.exit(0));
  else {
    console.log(JSON.stringify(msg));
    process.exit(0);
  }
}

async function main() {
  const hist = newHistogram();
  const hot = hotKeys(cfg.total, cfg.hot);
  const batches = cfg.workload === 'batch' ? makeBatches(cfg.batchCount, cfg.batchSize, hot.length, cfg.seed) : [];
  const impl = implementation(cfg.impl);
  const mod = await impl.load();
  const driver = await mod.open({ hosts: cfg.hosts, ns: cfg.ns, set: cfg.set, hot, batches, slots: cfg.inFlight });
  driver.prepare(cfg.workload);
  const slots = Array.from({ length: cfg.inFlight }, (_, s) => driver.slot(s));

  let stop = false;
  let recording = false;
  let ops = 0; // operations (records for a scan)
  let calls = 0; // calls (batches, scans, single commands)
  let errors = 0;
  let firstError = null;
  let found = 0;
  const hotN = hot.length;

  const pick = prng(cfg.seed);
  const one = {
    get: (s) => s.get(pick(hotN)),
    put: (s) => s.put(pick(hotN)),
    mix: (s) => (pick(10) < 8 ? s.get(pick(hotN)) : s.put(pick(hotN))),
    batch: (s) => s.batch(pick(batches.length)),
    scan: (s) => s.scan()
  }[cfg.workload];
  if (one === undefined) throw new Error(`unknown workload ${cfg.workload}`);

  async function worker(s) {
    while (!stop) {
      const t0 = performance.now();
      let n;
      try {
        n = await one(s);
      } catch (e) {
        if (recording) {
          errors++;
          firstError ??= e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        }
        if (errors > 1000) stop = true;
        continue;
      }
      if (!recording) continue;
      hist.recordValue(Math.max(1, Math.round((performance.now() - t0) * 1000)));
      calls++;
      if (cfg.workload === 'scan') ops += n;
      else {
        ops++;
        if (cfg.workload === 'batch') found += n;
      }
    }
  }

  // warm-up: the same workload, not recorded (a scan: one full scan)
  if (cfg.warmupMs > 0) {
    if (cfg.workload === 'scan') await slots[0].scan();
    else {
      const timer = setTimeout(() => (stop = true), cfg.warmupMs);
      await Promise.all(slots.map(worker));
      clearTimeout(timer);
    }
  }
  stop = false;
  recording = true;
  global.gc?.();
  let profiler = null;
  if (cfg.cpuProfile) {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
    await profiler.post('Profiler.start');
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const timer = setTimeout(() => (stop = true), cfg.durationMs);
  await Promise.all(slots.map(worker));
  clearTimeout(timer);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (profiler !== null) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(cfg.cpuProfile, JSON.stringify(profile));
    profiler.disconnect();
  }
  await driver.close();
  const q = (p) => hist.getValueAtPercentile(p);
  send({
    ok: true,
    impl: cfg.impl,
    workload: cfg.workload,
    inFlight: cfg.inFlight,
    nodes: driver.nodes ?? null,
    seconds,
    ops,
    calls,
    errors,
    firstError,
    opsPerSec: ops / seconds,
    callsPerSec: calls / seconds,
    keysFound: cfg.workload === 'batch' ? found : undefined,
    latencyUs: { p50: q(50), p99: q(99), p999: q(99.9), max: hist.maxValue, mean: hist.mean },
    cpuUsPerOp: ops > 0 ? (cpu.user + cpu.system) / ops : null,
    // user time alone: the JavaScript (and V8) part; system time is mostly the socket calls
    cpuUserUsPerOp: ops > 0 ? cpu.user / ops : null,
    cpuUsPerCall: calls > 0 ? (cpu.user + cpu.system) / calls : null,
    cpuUtilisation: (cpu.user + cpu.system) / 1e6 / seconds,
    peakRssMiB: process.resourceUsage().maxRSS / 1024
  });
}

main().catch((e) => send({ ok: false, impl: cfg.impl, workload: cfg.workload, inFlight: cfg.inFlight, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
