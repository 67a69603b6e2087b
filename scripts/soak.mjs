// Soak test: a mixed load (put, get, batch get, operate, small scans) for a set time
// against a server, reporting throughput, errors by class, heap and connections at
// intervals, then a summary. Exits non-zero when the post-GC heap grew by 5% or more
// after the warm-up (both measured with the load paused, after a full GC), or when
// connections leaked.
//
// Uses the built packages (run `npm run build` first; `npm run soak` does).
//
//   node scripts/soak.mjs [--minutes 10] [--interval 30] [--hosts h:p,…] [--concurrency 32]
//                         [--namespace test] [--warmup <s>] [--keys 10000]
//
// Hosts: --hosts, else AEROSPIKE_HOSTS, else an emulator started in a worker thread of
// this process (its memory is not on the client's heap; RSS covers both).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseArgs } from 'node:util';

if (!isMainThread && workerData?.role === 'emulator') {
  // Worker thread: the in-process emulator.
  const { startEmulator } = await import('@aerospike-ts/emulator');
  const emulator = await startEmulator({ nodes: workerData.nodes, namespaces: ['test', 'bar'] });
  parentPort.postMessage({ hosts: emulator.hosts });
  parentPort.on('message', async (m) => {
    if (m === 'stop') {
      await emulator.stop();
      parentPort.close();
    }
  });
} else {
  await main();
}

async function main() {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      interval: { type: 'string', default: '30' },
      hosts: { type: 'string' },
      concurrency: { type: 'string', default: '32' },
      namespace: { type: 'string', default: 'test' },
      warmup: { type: 'string' },
      keys: { type: 'string', default: '10000' },
      nodes: { type: 'string', default: '3' }
    }
  });
  const durationMs = Number(values.minutes) * 60_000;
  const intervalMs = Number(values.interval) * 1000;
  const concurrency = Number(values.concurrency);
  const keySpace = Number(values.keys);
  // Warm-up: the first minute, but at most a third of the run.
  const warmupMs = values.warmup !== undefined ? Number(values.warmup) * 1000 : Math.min(60_000, durationMs / 3);
  for (const [name, v] of [['minutes', durationMs], ['interval', intervalMs], ['concurrency', concurrency], ['keys', keySpace]]) {
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  }
  const ns = values.namespace;

  // A full GC before each heap reading makes the numbers comparable (live data only).
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');

  const { AerospikeClient, AerospikeError, Key, Op } = await import('@aerospike-ts/core');

  let hosts = values.hosts ?? (process.env.AEROSPIKE_HOSTS || undefined);
  let emulatorWorker = null;
  if (hosts === undefined) {
    emulatorWorker = new Worker(new URL(import.meta.url), { workerData: { role: 'emulator', nodes: Number(values.nodes) } });
    hosts = await new Promise((resolve, reject) => {
      emulatorWorker.once('message', (m) => resolve(m.hosts));
      emulatorWorker.once('error', reject);
    });
    log(`emulator (${values.nodes} nodes, worker thread): ${hosts}`);
  }

  const client = new AerospikeClient({ hosts });
  await client.connect();
  const maxConns = 100;
  log(`soak: ${values.minutes} min against ${hosts} (${client.nodes().length} nodes), ${concurrency} workers, ${keySpace} keys, report every ${values.interval} s, warm-up ${Math.round(warmupMs / 1000)} s`);

  const set = `soak_${process.pid}`;
  const smallSet = `soak_small_${process.pid}`;
  const key = (i) => new Key(ns, set, i);
  // The small set scanned by the scan op.
  await Promise.all(Array.from({ length: 100 }, (_, i) => client.put(new Key(ns, smallSet, i), { i })));

  const opNames = ['put', 'get', 'batch', 'operate', 'scan'];
  // Cumulative weights: put 30%, get 40%, batch 10%, operate 17%, scan 3%.
  const weights = [30, 70, 80, 97, 100];
  const ops = Object.fromEntries(opNames.map((n) => [n, 0]));
  const errors = new Map();
  let intervalOps = 0;
  let totalOps = 0;
  let totalErrors = 0;
  const errorClass = (err) => (err instanceof AerospikeError ? (err.resultCode > 0 ? `${err.constructor.name}:${err.resultCodeName}` : err.constructor.name) + (err.inDoubt ? '(inDoubt)' : '') : `untyped:${err?.name ?? typeof err}`);
  const rnd = (n) => Math.floor(Math.random() * n);

  async function one() {
    const r = rnd(100);
    const op = opNames[weights.findIndex((w) => r < w)];
    const i = rnd(keySpace);
    switch (op) {
      case 'put':
        await client.put(key(i), { i, s: `value-${i}-${Date.now()}`, l: [i, i + 1, i + 2] });
        break;
      case 'get':
        try {
          await client.get(key(i));
        } catch (err) {
          if (!(err instanceof AerospikeError && err.resultCode === 2)) throw err; // not found yet: fine
        }
        break;
      case 'batch': {
        const res = await client.batchGet(Array.from({ length: 10 }, () => key(rnd(keySpace))));
        for (const b of res) if (b.error !== undefined) throw b.error;
        break;
      }
      case 'operate':
        await client.operate(key(i), [Op.add('n', 1), Op.read('n')]);
        break;
      case 'scan': {
        const recs = await client.scan(ns, smallSet).toArray();
        if (recs.length !== 100) throw new Error(`small scan returned ${recs.length} records, expected 100`);
        break;
      }
    }
    ops[op]++;
  }

  let stop = false;
  // Pausing the load (all workers parked) for the heap baselines: the heap after warm-up
  // and at the end are both measured with nothing in flight, so they compare like with like.
  let gate = null;
  let openGate = null;
  let parked = 0;
  let allParked = null;
  async function worker() {
    while (!stop) {
      if (gate !== null) {
        if (++parked === concurrency) allParked?.();
        await gate;
        parked--;
        continue;
      }
      try {
        await one();
      } catch (err) {
        totalErrors++;
        const c = errorClass(err);
        errors.set(c, (errors.get(c) ?? 0) + 1);
      }
      totalOps++;
      intervalOps++;
    }
  }

  const conns = () => {
    const t = { inUse: 0, idle: 0, opening: 0, waiting: 0, opened: 0, closed: 0 };
    for (const n of client.stats()) for (const k of Object.keys(t)) t[k] += n.pool[k];
    return t;
  };
  const mb = (b) => (b / 1048576).toFixed(1);
  async function quiescentHeap() {
    gate = new Promise((r) => (openGate = r));
    await new Promise((r) => {
      allParked = r;
      if (parked === concurrency) r();
    });
    const heap = heapNow().heapUsed;
    const open = openGate;
    gate = null;
    allParked = null;
    open();
    return heap;
  }
  const heapNow = () => {
    gc();
    return process.memoryUsage();
  };

  const started = Date.now();
  const samples = [];
  let warmHeap = null;
  let peakHeap = 0;
  let peakRss = 0;
  let peakExternal = 0;
  let lastReport = started;
  const workers = Array.from({ length: concurrency }, worker);

  log('time    ops/s   errors  heap(MB,GC)  paused(MB,GC)  external(MB)  rss(MB)  conns inUse/idle/opened/closed  errors by class');
  while (Date.now() - started < durationMs) {
    const wait = Math.min(intervalMs, durationMs - (Date.now() - started));
    await new Promise((r) => setTimeout(r, wait));
    const now = Date.now();
    const m = heapNow();
    const elapsed = now - started;
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
    peakExternal = Math.max(peakExternal, m.external);
    // The heap with nothing in flight (load paused, full GC): the figure that shows a leak.
    const paused = await quiescentHeap();
    if (warmHeap === null && elapsed >= warmupMs) warmHeap = paused;
    const rate = Math.round(intervalOps / ((now - lastReport) / 1000));
    samples.push({ elapsed, rate, heap: m.heapUsed, rss: m.rss });
    intervalOps = 0;
    lastReport = now;
    const c = conns();
    const errs = [...errors].map(([k, v]) => `${k}=${v}`).join(' ') || '-';
    log(`${fmtTime(elapsed).padEnd(7)} ${String(rate).padStart(6)}  ${String(totalErrors).padStart(6)}  ${mb(m.heapUsed).padStart(12)}  ${mb(paused).padStart(13)}  ${mb(m.external).padStart(12)}  ${mb(m.rss).padStart(7)}  ${`${c.inUse}/${c.idle}/${c.opened}/${c.closed}`.padStart(30)}  ${errs}`);
  }
  stop = true;
  await Promise.all(workers);
  const endHeap = heapNow().heapUsed;
  warmHeap ??= endHeap;

  // Connection leak check 1: with the load stopped, nothing is in use or waiting and every
  // connection still open is idle in its pool (opened - closed = idle), within the maximum.
  const idle = conns();
  const perNodeOk = client.stats().every((n) => n.pool.inUse === 0 && n.pool.waiting === 0 && n.pool.opening === 0 && n.pool.opened - n.pool.closed === n.pool.idle && n.pool.idle <= maxConns);
  await client.truncate(ns, set).catch(() => undefined);
  await client.truncate(ns, smallSet).catch(() => undefined);
  await client.close();
  // Check 2: after close() every connection the pools opened was closed.
  const closedAll = client.stats().every((n) => n.pool.opened === n.pool.closed);
  if (emulatorWorker !== null) emulatorWorker.postMessage('stop');

  const growth = ((endHeap - warmHeap) / warmHeap) * 100;
  const elapsedS = samples.length > 0 ? samples[samples.length - 1].elapsed / 1000 : 0;
  const leak = !perNodeOk || !closedAll;
  const rows = [
    ['duration', `${fmtTime(elapsedS * 1000)} (${concurrency} workers, ${client.nodes().length || '?'} nodes)`],
    ['ops', `${totalOps} (${Math.round(totalOps / Math.max(1, elapsedS))}/s): ${opNames.map((n) => `${n} ${ops[n]}`).join(', ')}`],
    ['errors', `${totalErrors}${totalErrors > 0 ? ` (${[...errors].map(([k, v]) => `${k}=${v}`).join(', ')})` : ''}`],
    ['peak heap (post-GC)', `${mb(peakHeap)} MB`],
    ['peak external (Buffers)', `${mb(peakExternal)} MB`],
    ['peak RSS', `${mb(peakRss)} MB${emulatorWorker !== null ? ' (client and emulator)' : ''}`],
    ['heap after warm-up (load paused)', `${mb(warmHeap)} MB`],
    ['heap at end (load stopped)', `${mb(endHeap)} MB`],
    ['heap growth after warm-up', `${growth.toFixed(2)}% ${growth >= 5 ? 'FAIL (>= 5%)' : 'ok'}`],
    ['connections after load', `inUse ${idle.inUse}, waiting ${idle.waiting}, idle ${idle.idle}, opened ${idle.opened}, closed ${idle.closed}`],
    ['connection leak', leak ? 'FAIL' : 'none (all idle after load; all closed after close())']
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  log('\nsummary');
  for (const [k, v] of rows) log(`  ${k.padEnd(w)}  ${v}`);
  process.exitCode = growth >= 5 || leak ? 1 : 0;
}

function fmtTime(ms) {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function log(line) {
  process.stdout.write(`${line}\n`);
}
