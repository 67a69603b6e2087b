// Measures how late a timeout fires against a server that never answers: each get with a
// total timeout of T ms goes to an in-process emulator whose replies are dropped, and the
// time from the call to its TimeoutError, minus T, is its lateness. Prints the lateness
// percentiles (issue 9: timeouts fire within 10 ms of the deadline).
//
//   npm run build && node bench/timeout-precision.mjs [count=500] [timeoutMs=50] [concurrent=50]
//
// Uses the built packages (packages/core/dist, packages/emulator/dist).
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { AerospikeClient, Key, TimeoutError } = require('../packages/core/dist/index.cjs');
const { startEmulator } = require('../packages/emulator/dist/index.cjs');

const count = Number(process.argv[2] ?? 500);
const timeoutMs = Number(process.argv[3] ?? 50);
const concurrent = Number(process.argv[4] ?? 50);

const emulator = await startEmulator({ nodes: 1 });
const client = new AerospikeClient({ hosts: emulator.hosts, maxConnsPerNode: concurrent * 2, maxErrorRate: 0 }) // 0: no circuit breaker (every command here times out on purpose);
await client.connect();
await client.put(new Key('test', 'tp', 1), { v: 1 });
emulator.faults.add({ match: { kind: 'read' }, action: { type: 'drop' } });

const late = [];
let next = 0;
let wrong = 0;
async function worker() {
  while (next < count) {
    next++;
    const t0 = performance.now();
    try {
      await client.get(new Key('test', 'tp', 1), undefined, { totalTimeout: timeoutMs, socketTimeout: 0, maxRetries: 0 });
      wrong++;
    } catch (e) {
      if (!(e instanceof TimeoutError)) { wrong++; if (wrong === 1) console.error(e); }
      late.push(performance.now() - t0 - timeoutMs);
    }
  }
}
await Promise.all(Array.from({ length: concurrent }, worker));
await client.close();
await emulator.stop();

late.sort((a, b) => a - b);
const pct = (p) => late[Math.min(late.length - 1, Math.floor((p / 100) * late.length))].toFixed(2);
console.log(`timeouts: ${late.length} of ${count} (other outcomes: ${wrong}); total timeout ${timeoutMs} ms, ${concurrent} in flight`);
console.log(`lateness ms: min ${late[0].toFixed(2)}  p50 ${pct(50)}  p99 ${pct(99)}  max ${late[late.length - 1].toFixed(2)}`);
