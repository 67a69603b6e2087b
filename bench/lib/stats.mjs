// Aggregation over rounds: medians of each configuration's measurements, and ratios to the
// raw ceiling measured in the same round.

export function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 === 1 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** "workload@inFlight" */
export const configId = (r) => `${r.workload}@${r.inFlight}`;

/**
 * runs: [{ round, impl, workload, inFlight, ok, opsPerSec, latencyUs, cpuUsPerOp, peakRssMiB, … }]
 * → [{ impl, workload, inFlight, rounds, opsPerSec, ratio, p50, p99, p999, p99Ratio, cpuUsPerOp, cpuRatio, peakRssMiB, errors }]
 */
export function summarize(runs) {
  const raw = new Map();
  for (const r of runs) if (r.ok && r.impl === 'raw') raw.set(`${r.round}|${configId(r)}`, r);
  const groups = new Map();
  for (const r of runs) {
    const k = `${r.impl}|${configId(r)}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(r);
  }
  const out = [];
  for (const rs of groups.values()) {
    const ok = rs.filter((r) => r.ok && r.ops > 0);
    const first = rs[0];
    const ratios = { ops: [], p99: [], cpu: [] };
    for (const r of ok) {
      const base = raw.get(`${r.round}|${configId(r)}`);
      if (base === undefined || !(base.opsPerSec > 0)) continue;
      ratios.ops.push(r.opsPerSec / base.opsPerSec);
      if (base.latencyUs.p99 > 0) ratios.p99.push(r.latencyUs.p99 / base.latencyUs.p99);
      if (base.cpuUsPerOp > 0) ratios.cpu.push(r.cpuUsPerOp / base.cpuUsPerOp);
    }
    out.push({
      impl: first.impl,
      workload: first.workload,
      inFlight: first.inFlight,
      rounds: ok.length,
      failures: rs.length - ok.length,
      error: rs.find((r) => !r.ok)?.error ?? rs.find((r) => r.firstError)?.firstError ?? null,
      errors: rs.reduce((n, r) => n + (r.errors ?? 0), 0),
      opsPerSec: median(ok.map((r) => r.opsPerSec)),
      ratio: median(ratios.ops),
      p50: median(ok.map((r) => r.latencyUs.p50)),
      p99: median(ok.map((r) => r.latencyUs.p99)),
      p999: median(ok.map((r) => r.latencyUs.p999)),
      p99Ratio: median(ratios.p99),
      cpuUsPerOp: median(ok.map((r) => r.cpuUsPerOp)),
      // user time alone (JavaScript and V8; system time is mostly the socket calls); null for older runs
      cpuUserUsPerOp: ok.every((r) => typeof r.cpuUserUsPerOp === 'number') ? median(ok.map((r) => r.cpuUserUsPerOp)) : null,
      cpuRatio: median(ratios.cpu),
      peakRssMiB: median(ok.map((r) => r.peakRssMiB))
    });
  }
  return out;
}
