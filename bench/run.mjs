// The benchmark: our client (classic; fluent fast path and builders), the official
// `aerospike` client and a raw-socket ceiling, against the same server.
//
//   npm run bench                      (root: builds, installs bench deps, runs this)
//   node bench/run.mjs [--smoke] [--rounds 3] [--duration 3] [--warmup 1]
//                      [--only raw,classic,...] [--workloads get,put,mix,batch,scan]
//                      [--in-flight 1,16,64,256] [--out DIR] [--chart FILE]
//                      [--no-load] [--cpu-prof DIR] [--server-label TEXT]
//
// AEROSPIKE_HOSTS (default 127.0.0.1:3000) names the server; AEROSPIKE_NAMESPACE (default
// test) the namespace. Writes <out>/<YYYY-MM-DD>.json and .md (default out: bench/results)
// and the chart (default docs/performance-chart.svg; <out>/performance-chart.svg when --out
// is given). Every configuration (implementation × workload × in-flight count) runs in its
// own child process (lib/child.mjs); implementations are interleaved and each round
// measures the raw ceiling again, so ratios compare runs made minutes apart at most.
import { fork, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    only: { type: 'string' },
    workloads: { type: 'string' },
    'in-flight': { type: 'string' },
    out: { type: 'string' },
    chart: { type: 'string' },
    'no-load': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    'server-label': { type: 'string' },
    'server-cpus': { type: 'string' },
    records: { type: 'string' },
    hot: { type: 'string' },
    help: { type: 'boolean', default: false }
  }
});

if (args.help) {
  console.log(
    'node bench/run.mjs [--smoke] [--rounds N] [--duration SEC] [--warmup SEC] [--only impl,...] [--workloads get,put,mix,batch,scan] [--in-flight 1,16,64,256] [--records N] [--hot N] [--out DIR] [--chart FILE] [--no-load] [--cpu-prof DIR] [--server-label TEXT] [--server-cpus TEXT]'
  );
  process.exit(0);
}

if (!existsSync(join(here, 'node_modules', 'hdr-histogram-js'))) {
  console.error('bench dependencies are missing: run `npm --prefix bench ci` at the repository root first');
  process.exit(2);
}
for (const pkg of ['core', 'classic', 'fluent']) {
  if (!existsSync(join(root, 'packages', pkg, 'dist', 'index.cjs'))) {
    console.error(`packages/${pkg}/dist is missing: run \`npm run build\` at the repository root first`);
    process.exit(2);
  }
}

const { IMPLEMENTATIONS } = await import('./lib/impls/index.mjs');
const { load } = await import('./lib/impls/raw.mjs');
const { RawCluster, parseHostList } = await import('./lib/raw/cluster.mjs');
const { summarize, configId } = await import('./lib/stats.mjs');
const { markdown, chartSvg, checkTargets } = await import('./lib/report.mjs');
const { restrictedCpus } = await import('./lib/affinity.mjs');

const smoke = args.smoke;
const list = (s) => s.split(',').map((x) => x.trim()).filter((x) => x !== '');
const num = (s, d) => (s === undefined ? d : Number(s));
const opts = {
  hosts: process.env.AEROSPIKE_HOSTS || '127.0.0.1:3000',
  ns: process.env.AEROSPIKE_NAMESPACE || 'test',
  rounds: num(args.rounds, smoke ? 1 : 3),
  durationSec: num(args.duration, smoke ? 0.2 : 3),
  warmupSec: num(args.warmup, smoke ? 0.05 : 1),
  total: num(args.records, smoke ? 2000 : 100_000),
  hot: num(args.hot, smoke ? 200 : 10_000),
  batchSize: 100,
  batchCount: smoke ? 16 : 256,
  inFlight: args['in-flight'] ? list(args['in-flight']).map(Number) : smoke ? [16] : [1, 16, 64, 256],
  workloads: args.workloads ? list(args.workloads) : ['get', 'put', 'mix', 'batch', 'scan'],
  only: args.only ? list(args.only) : IMPLEMENTATIONS.filter((i) => i.optional !== true).map((i) => i.name)
};
const MIX_IN_FLIGHT = smoke ? 16 : 64;
const BATCH_IN_FLIGHT = 8;
const set = `bench_${opts.total}`;
for (const n of opts.only) if (!IMPLEMENTATIONS.some((i) => i.name === n)) throw new Error(`unknown implementation ${n}`);
for (const w of opts.workloads) if (!['get', 'put', 'mix', 'batch', 'scan'].includes(w)) throw new Error(`unknown workload ${w}`);

// can the official client load here?
const skipped = {};
if (opts.only.includes('official')) {
  const probe = spawnSync(process.execPath, ['-e', "require('aerospike')"], { cwd: join(here, 'lib', 'impls'), encoding: 'utf8', timeout: 30_000 });
  if (probe.status !== 0) {
    const why = (probe.stderr || probe.error?.message || 'unknown error').split('\n').find((l) => /Error|Cannot/.test(l)) ?? 'cannot load';
    skipped.official = `the official \`aerospike\` client cannot load on this machine (${why.trim()})`;
    console.log(`official client: skipped — ${skipped.official}`);
  }
}
const impls = IMPLEMENTATIONS.filter((i) => opts.only.includes(i.name) && skipped[i.name] === undefined);

// server facts
const cluster = await RawCluster.open(parseHostList(opts.hosts), opts.ns);
const conn = await cluster.connect(0);
const facts = await conn.info(['build', 'edition']);
conn.close();
const server = args['server-label'] ?? `${facts.get('edition') || 'Aerospike'} ${facts.get('build') || '?'}`;
console.log(`server: ${server} at ${opts.hosts}, ${cluster.nodes.length} node(s); namespace ${opts.ns}, set ${set}`);

if (!args['no-load']) {
  const t0 = Date.now();
  await load({ hosts: opts.hosts, ns: opts.ns, set, total: opts.total });
  console.log(`load: ${opts.total.toLocaleString('en-US')} records in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

// the configurations, in run order
const configs = [];
for (const w of opts.workloads) {
  const counts = w === 'get' || w === 'put' ? opts.inFlight : w === 'mix' ? [MIX_IN_FLIGHT] : w === 'batch' ? [BATCH_IN_FLIGHT] : [1];
  for (const n of counts) configs.push({ workload: w, inFlight: n });
}
const planned = opts.rounds * configs.reduce((n, c) => n + impls.filter((i) => i.workloads.includes(c.workload)).length, 0);
console.log(`${planned} runs of ${opts.warmupSec} + ${opts.durationSec} s (${opts.rounds} round(s) × ${configs.length} configurations × ${impls.length} implementations)`);

if (args['cpu-prof']) mkdirSync(resolve(args['cpu-prof']), { recursive: true });

function runChild(impl, c, round) {
  const cfg = {
    impl: impl.name,
    workload: c.workload,
    inFlight: c.inFlight,
    durationMs: Math.round(opts.durationSec * 1000),
    warmupMs: Math.round(opts.warmupSec * 1000),
    hosts: opts.hosts,
    ns: opts.ns,
    set,
    total: opts.total,
    hot: opts.hot,
    batchSize: opts.batchSize,
    batchCount: opts.batchCount,
    seed: 0x5eed + round * 7919 + c.inFlight
  };
  if (args['cpu-prof']) cfg.cpuProfile = join(resolve(args['cpu-prof']), `${impl.name}-${c.workload}-${c.inFlight}-r${round}.cpuprofile`);
  return new Promise((done) => {
    const child = fork(join(here, 'lib', 'child.mjs'), [JSON.stringify(cfg)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result = null;
    const limit = setTimeout(() => child.kill('SIGKILL'), (opts.durationSec + opts.warmupSec) * 1000 + 120_000);
    child.on('message', (m) => (result = m));
    child.on('exit', (code, signal) => {
      clearTimeout(limit);
      done(
        result ?? { ok: false, impl: impl.name, workload: c.workload, inFlight: c.inFlight, error: `child exited with ${signal ?? `code ${code}`} without a result` }
      );
    });
  });
}

const runs = [];
const started = Date.now();
for (let round = 1; round <= opts.rounds; round++) {
  for (const c of configs) {
    const order = impls.filter((i) => i.workloads.includes(c.workload));
    // rotate the order every round so no implementation always runs first
    const rotated = order.map((_, k) => order[(k + round - 1) % order.length]);
    for (const impl of rotated) {
      const r = { ...(await runChild(impl, c, round)), round };
      runs.push(r);
      const label = `[${round}/${opts.rounds}] ${impl.name.padEnd(14)} ${configId(c).padEnd(9)}`;
      if (!r.ok) console.log(`${label} FAILED: ${String(r.error).split('\n')[0]}`);
      else
        console.log(
          `${label} ${Math.round(r.opsPerSec).toLocaleString('en-US').padStart(10)} ${c.workload === 'scan' ? 'rec' : 'ops'}/s  p50 ${r.latencyUs.p50} µs  p99 ${r.latencyUs.p99} µs  cpu ${r.cpuUsPerOp?.toFixed(1)} µs/op  rss ${r.peakRssMiB.toFixed(0)} MiB${r.errors ? `  errors ${r.errors} (${r.firstError})` : ''}`
        );
    }
  }
}

const rows = summarize(runs);
const date = new Date().toISOString().slice(0, 10);
const clientCpus = restrictedCpus();
const command = `AEROSPIKE_HOSTS=${opts.hosts} ${clientCpus === null ? '' : `taskset -c ${clientCpus} `}node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim();
const meta = {
  date,
  hosts: opts.hosts,
  ns: opts.ns,
  set,
  nodes: cluster.nodes.length,
  server,
  node: process.version,
  cpu: cpus()[0]?.model ?? '?',
  cpus: cpus().length,
  clientCpus,
  serverCpus: args['server-cpus'] ?? null,
  memGiB: Math.round(totalmem() / 2 ** 30),
  rounds: opts.rounds,
  durationSec: opts.durationSec,
  warmupSec: opts.warmupSec,
  total: opts.total,
  hot: opts.hot,
  batchSize: opts.batchSize,
  smoke,
  skipped,
  command,
  elapsedSec: Math.round((Date.now() - started) / 1000)
};
const implNames = IMPLEMENTATIONS.map((i) => i.name);
const outDir = resolve(args.out ?? join(here, 'results'));
mkdirSync(outDir, { recursive: true });
const jsonPath = join(outDir, `${date}.json`);
const mdPath = join(outDir, `${date}.md`);
writeFileSync(jsonPath, `${JSON.stringify({ meta, summary: rows, targets: checkTargets(rows), runs }, null, 2)}\n`);
writeFileSync(mdPath, `${markdown({ meta, rows, impls: implNames })}\n`);
const chartPath = resolve(args.chart ?? (args.out ? join(outDir, 'performance-chart.svg') : join(root, 'docs', 'performance-chart.svg')));
mkdirSync(dirname(chartPath), { recursive: true });
writeFileSync(chartPath, chartSvg({ rows, impls: implNames, title: `ops/s by commands in flight — ${server}, ${cluster.nodes.length} node(s), ${date}` }));
console.log(`wrote ${jsonPath}, ${mdPath} and ${chartPath} (${meta.elapsedSec} s)`);
const failed = runs.filter((r) => !r.ok).length;
if (failed > 0) {
  console.error(`${failed} run(s) failed`);
  process.exitCode = 1;
}
