// The markdown report, the target check and the SVG chart, from summarize()'s rows.

const LABELS = {
  raw: 'raw ceiling',
  'raw-events': "raw, 'data' events",
  classic: 'classic',
  fluent: 'fluent (get/put)',
  'fluent-builder': 'fluent (builders)',
  official: 'official client'
};
const COLORS = { raw: '#555555', 'raw-events': '#aaaaaa', classic: '#1f77b4', fluent: '#2ca02c', 'fluent-builder': '#98df8a', official: '#d62728' };
const WORKLOAD_ORDER = ['get', 'put', 'mix', 'batch', 'scan'];
const UNITS = { get: 'ops/s', put: 'ops/s', mix: 'ops/s', batch: 'batches/s', scan: 'records/s' };

const int = (x) => (x === null || x === undefined ? '–' : Math.round(x).toLocaleString('en-US'));
const fix = (x, d = 2) => (x === null || x === undefined ? '–' : x.toFixed(d));
const us = (x) => (x === null || x === undefined ? '–' : x >= 10_000 ? `${(x / 1000).toFixed(1)} ms` : `${Math.round(x)}`);

function sortRows(rows, impls) {
  return [...rows].sort(
    (a, b) =>
      WORKLOAD_ORDER.indexOf(a.workload) - WORKLOAD_ORDER.indexOf(b.workload) || a.inFlight - b.inFlight || impls.indexOf(a.impl) - impls.indexOf(b.impl)
  );
}

/** Per our implementation: each target of issue 8 that this run can check, met or not. */
export function checkTargets(rows) {
  const get = (impl, workload, inFlight) => rows.find((r) => r.impl === impl && r.workload === workload && (inFlight === undefined || r.inFlight === inFlight));
  const out = [];
  const verdict = (vals, ok) => (vals.length === 0 ? null : vals.every(ok));
  for (const impl of ['classic', 'fluent']) {
    const single = rows.filter((r) => r.impl === impl && (r.workload === 'get' || r.workload === 'put') && r.ratio !== null);
    const worst = (xs, key, hi) => (xs.length === 0 ? null : xs.reduce((m, r) => ((hi ? r[key] > m[key] : r[key] < m[key]) ? r : m)));
    const wRatio = worst(single, 'ratio', false);
    const cpuRows = single.filter((r) => r.cpuRatio !== null);
    const wCpu = worst(cpuRows, 'cpuRatio', true);
    out.push({
      impl,
      target: 'get/put at every in-flight count ≥ 0.90 of the ceiling',
      met: verdict(single, (r) => r.ratio >= 0.9),
      detail: wRatio === null ? 'not measured' : `lowest ${fix(wRatio.ratio)} (${wRatio.workload}@${wRatio.inFlight})`
    });
    out.push({
      impl,
      target: 'get/put CPU per op ≤ 1.2× the ceiling',
      met: verdict(cpuRows, (r) => r.cpuRatio <= 1.2),
      detail: wCpu === null ? 'not measured' : `highest ${fix(wCpu.cpuRatio)}× (${wCpu.workload}@${wCpu.inFlight})`
    });
    const batch = get(impl, 'batch');
    out.push({ impl, target: 'batch of 100 keys ≥ 0.70 of the ceiling', met: batch?.ratio == null ? null : batch.ratio >= 0.7, detail: batch?.ratio == null ? 'not measured' : fix(batch.ratio) });
    const scan = get(impl, 'scan');
    out.push({ impl, target: 'scan ≥ 0.60 of the ceiling', met: scan?.ratio == null ? null : scan.ratio >= 0.6, detail: scan?.ratio == null ? 'not measured' : fix(scan.ratio) });
    const tail = single.filter((r) => (r.inFlight === 64 || r.inFlight === 256) && r.p99Ratio !== null);
    const wTail = worst(tail, 'p99Ratio', true);
    out.push({
      impl,
      target: 'p99 at 64 and 256 in flight ≤ 1.2× the ceiling’s',
      met: verdict(tail, (r) => r.p99Ratio <= 1.2),
      detail: wTail === null ? 'not measured' : `highest ${fix(wTail.p99Ratio)}× (${wTail.workload}@${wTail.inFlight})`
    });
  }
  for (const [impl, limit, label] of [
    ['fluent', 0.95, 'fluent session.get/put within 5% of classic'],
    ['fluent-builder', 0.85, 'fluent builders within 15% of classic']
  ]) {
    const pairs = rows
      .filter((r) => r.impl === impl && (r.workload === 'get' || r.workload === 'put'))
      .map((r) => ({ r, c: get('classic', r.workload, r.inFlight) }))
      .filter(({ r, c }) => c?.opsPerSec > 0 && r.opsPerSec > 0)
      .map(({ r, c }) => ({ cfg: `${r.workload}@${r.inFlight}`, rel: r.opsPerSec / c.opsPerSec }));
    const w = pairs.length === 0 ? null : pairs.reduce((m, p) => (p.rel < m.rel ? p : m));
    out.push({ impl, target: label, met: verdict(pairs, (p) => p.rel >= limit), detail: w === null ? 'not measured' : `lowest ${fix(w.rel)}× classic (${w.cfg})` });
  }
  return out;
}

/** Where client and server ran: sharing every CPU, or each on the CPUs it was pinned to. */
function placement({ clientCpus = null, serverCpus = null }) {
  if (clientCpus === null && serverCpus === null) return 'client and server share the machine';
  const client = clientCpus === null ? 'the client on every CPU' : `the client pinned to CPU ${clientCpus}`;
  const server = serverCpus === null ? 'the server unpinned' : `the server to CPU ${serverCpus}`;
  return `${client}, ${server}`;
}

/** The markdown report. */
export function markdown({ meta, rows, impls }) {
  const present = impls.filter((i) => rows.some((r) => r.impl === i));
  const others = present.filter((i) => i !== 'raw');
  const L = [];
  L.push(`# Benchmark results, ${meta.date}`, '');
  L.push(`- server: ${meta.server} at \`${meta.hosts}\` (${meta.nodes} node${meta.nodes === 1 ? '' : 's'}), namespace \`${meta.ns}\`, set \`${meta.set}\``);
  L.push(`- machine: ${meta.cpu} × ${meta.cpus}, ${meta.memGiB} GiB; Node ${meta.node}; ${placement(meta)}`);
  L.push(`- data: ${int(meta.total)} records of 3 bins (integer, 20-character string, 100-byte blob); single-key and batch traffic on ${int(meta.hot)} hot keys; batches of ${meta.batchSize} keys`);
  L.push(`- each configuration ran in its own process: ${meta.warmupSec} s warm-up, ${meta.durationSec} s measured; ${meta.rounds} round${meta.rounds === 1 ? '' : 's'}, implementations interleaved; figures are medians over the rounds`);
  L.push(`- ratios (× raw) are against the raw ceiling measured in the same round, then the median is taken`);
  for (const [impl, why] of Object.entries(meta.skipped ?? {})) L.push(`- **${impl} skipped**: ${why}`);
  L.push(`- command: \`${meta.command}\``, '');

  L.push('## Throughput relative to the raw ceiling', '');
  L.push(`| workload | in flight | raw ceiling | ${others.map((i) => LABELS[i] ?? i).join(' | ')} |`);
  L.push(`|---|---:|---:|${others.map(() => '---:').join('|')}|`);
  const configs = [];
  for (const r of sortRows(rows, impls)) if (!configs.some((c) => c.workload === r.workload && c.inFlight === r.inFlight)) configs.push(r);
  for (const c of configs) {
    const find = (i) => rows.find((r) => r.impl === i && r.workload === c.workload && r.inFlight === c.inFlight);
    const raw = find('raw');
    const cells = others.map((i) => {
      const r = find(i);
      if (r === undefined) return '';
      if (r.rounds === 0) return 'failed';
      return r.ratio === null ? int(r.opsPerSec) : `${fix(r.ratio)}`;
    });
    L.push(`| ${c.workload} | ${c.inFlight} | ${raw?.rounds ? `${int(raw.opsPerSec)} ${UNITS[c.workload]}` : 'failed'} | ${cells.join(' | ')} |`);
  }
  L.push('');

  L.push('## Details', '');
  L.push('| workload | in flight | implementation | throughput | × raw | p50 µs | p99 µs | p99.9 µs | p99 × raw | CPU µs/op | CPU × raw | user CPU µs/op | peak RSS MiB |');
  L.push('|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of sortRows(rows, impls)) {
    if (r.rounds === 0) {
      L.push(`| ${r.workload} | ${r.inFlight} | ${LABELS[r.impl] ?? r.impl} | failed: ${String(r.error ?? '').split('\n')[0].replace(/\|/g, '/').slice(0, 120)} | | | | | | | | | |`);
      continue;
    }
    L.push(
      `| ${r.workload} | ${r.inFlight} | ${LABELS[r.impl] ?? r.impl} | ${int(r.opsPerSec)} ${UNITS[r.workload]} | ${r.impl === 'raw' ? '1' : fix(r.ratio)} | ${us(r.p50)} | ${us(r.p99)} | ${us(r.p999)} | ${r.impl === 'raw' ? '1' : fix(r.p99Ratio)} | ${fix(r.cpuUsPerOp, 1)} | ${r.impl === 'raw' ? '1' : fix(r.cpuRatio)} | ${r.cpuUserUsPerOp == null ? '' : fix(r.cpuUserUsPerOp, 1)} | ${fix(r.peakRssMiB, 0)} |`
    );
  }
  L.push('');
  L.push('Latency of a batch is per batch call, of a scan per full scan; CPU of a scan is per record; user CPU is the part spent outside the kernel (JavaScript, V8, libuv), the rest being mostly the socket system calls. Errors during measurement:', '');
  const errs = rows.filter((r) => r.errors > 0);
  if (errs.length === 0) L.push('none.', '');
  else for (const r of errs) L.push(`- ${r.impl} ${r.workload}@${r.inFlight}: ${r.errors} (${String(r.error ?? '').split('\n')[0]})`);
  L.push('');

  const targets = checkTargets(rows);
  if (targets.length > 0) {
    L.push('## Targets (issue 8)', '');
    L.push('| implementation | target | met | measured |');
    L.push('|---|---|---|---|');
    for (const t of targets) L.push(`| ${LABELS[t.impl] ?? t.impl} | ${t.target} | ${t.met === null ? '–' : t.met ? 'yes' : '**no**'} | ${t.detail} |`);
    L.push('');
  }
  return L.join('\n');
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

const kfmt = (v) => (v >= 1_000_000 ? `${(v / 1e6).toFixed(v % 1e6 === 0 ? 0 : 1)}M` : v >= 1000 ? `${(v / 1000).toFixed(v % 1000 === 0 ? 0 : 1)}k` : `${v}`);

/** SVG line chart: ops/s vs in-flight count for get and put, one line per implementation. */
export function chartSvg({ rows, impls, title }) {
  const panels = ['get', 'put'];
  const W = 460;
  const H = 320;
  const M = { l: 62, r: 28, t: 34, b: 44 };
  const legendH = 28;
  const width = W * panels.length;
  const height = H + legendH + 30;
  const present = impls.filter((i) => rows.some((r) => r.impl === i && panels.includes(r.workload) && r.opsPerSec > 0));
  const S = [];
  S.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  S.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  S.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>`);
  panels.forEach((wl, pi) => {
    const x0 = pi * W;
    const y0 = 30;
    const pts = rows.filter((r) => r.workload === wl && r.opsPerSec > 0);
    const xs = [...new Set(pts.map((r) => r.inFlight))].sort((a, b) => a - b);
    const ymax = niceMax(Math.max(0, ...pts.map((r) => r.opsPerSec)));
    const pw = W - M.l - M.r;
    const ph = H - M.t - M.b;
    const px = (inFlight) => x0 + M.l + (xs.length <= 1 ? pw / 2 : (xs.indexOf(inFlight) / (xs.length - 1)) * pw);
    const py = (v) => y0 + M.t + ph - (v / ymax) * ph;
    S.push(`<text x="${x0 + M.l + pw / 2}" y="${y0 + 18}" text-anchor="middle" font-size="13" font-weight="bold">${wl}</text>`);
    for (let i = 0; i <= 5; i++) {
      const v = (ymax * i) / 5;
      const y = py(v);
      S.push(`<line x1="${x0 + M.l}" y1="${y.toFixed(1)}" x2="${x0 + M.l + pw}" y2="${y.toFixed(1)}" stroke="#e0e0e0"/>`);
      S.push(`<text x="${x0 + M.l - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end" fill="#333">${kfmt(Math.round(v))}</text>`);
    }
    for (const x of xs) {
      S.push(`<line x1="${px(x).toFixed(1)}" y1="${y0 + M.t + ph}" x2="${px(x).toFixed(1)}" y2="${y0 + M.t + ph + 4}" stroke="#333"/>`);
      S.push(`<text x="${px(x).toFixed(1)}" y="${y0 + M.t + ph + 17}" text-anchor="middle" fill="#333">${x}</text>`);
    }
    S.push(`<line x1="${x0 + M.l}" y1="${y0 + M.t}" x2="${x0 + M.l}" y2="${y0 + M.t + ph}" stroke="#333"/>`);
    S.push(`<line x1="${x0 + M.l}" y1="${y0 + M.t + ph}" x2="${x0 + M.l + pw}" y2="${y0 + M.t + ph}" stroke="#333"/>`);
    S.push(`<text x="${x0 + M.l + pw / 2}" y="${y0 + H - 8}" text-anchor="middle" fill="#333">commands in flight</text>`);
    S.push(`<text transform="translate(${x0 + 14} ${y0 + M.t + ph / 2}) rotate(-90)" text-anchor="middle" fill="#333">ops/s</text>`);
    for (const impl of present) {
      const line = pts.filter((r) => r.impl === impl).sort((a, b) => a.inFlight - b.inFlight);
      if (line.length === 0) continue;
      const color = COLORS[impl] ?? '#000';
      const dash = impl === 'raw' ? ' stroke-dasharray="6 4"' : '';
      S.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${line.map((r) => `${px(r.inFlight).toFixed(1)},${py(r.opsPerSec).toFixed(1)}`).join(' ')}"/>`);
      for (const r of line) S.push(`<circle cx="${px(r.inFlight).toFixed(1)}" cy="${py(r.opsPerSec).toFixed(1)}" r="3" fill="${color}"><title>${esc(`${LABELS[impl] ?? impl} ${wl}@${r.inFlight}: ${int(r.opsPerSec)} ops/s`)}</title></circle>`);
    }
  });
  const ly = H + 40;
  let lx = 20;
  for (const impl of present) {
    const color = COLORS[impl] ?? '#000';
    const dash = impl === 'raw' ? ' stroke-dasharray="6 4"' : '';
    S.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 26}" y2="${ly}" stroke="${color}" stroke-width="2"${dash}/>`);
    S.push(`<text x="${lx + 32}" y="${ly + 4}">${esc(LABELS[impl] ?? impl)}</text>`);
    lx += 44 + 7 * (LABELS[impl] ?? impl).length;
  }
  S.push('</svg>');
  return `${S.join('\n')}\n`;
}
