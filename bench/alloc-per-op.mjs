// Heap bytes allocated per single-record command (get and put), measured between GCs:
// young-generation space is made large enough that no GC runs during a measured batch,
// so the growth of heapUsed is what the commands allocated.
//
// The floor: the same get, as recorded from the official client (test/fixtures kv.json,
// get_string), written to a bare net.Socket and its reply awaited with one promise. What
// Node itself allocates for a socket round trip (write request, read chunk, promise) is
// in that figure; the client's own cost is the difference, reported in the same run.
//
//   npm run build && AEROSPIKE_HOSTS=127.0.0.1:3000 node --expose-gc --min-semi-space-size=256 --max-semi-space-size=512 bench/alloc-per-op.mjs
import { createRequire } from 'node:module';
import { PerformanceObserver } from 'node:perf_hooks';
import { connect as netConnect } from 'node:net';

const require = createRequire(import.meta.url);
const { AerospikeClient, Key } = require('../packages/core/dist/index.cjs');

const hosts = process.env.AEROSPIKE_HOSTS ?? '127.0.0.1:3000';
const client = new AerospikeClient({ hosts });
await client.connect();
const key = new Key('test', 'alloc', 'k');
const bins = { i: 1, s: 'abcdefghijabcdefghij', b: Buffer.alloc(100, 1) };
await client.put(key, bins);

let gcs = 0;
new PerformanceObserver((list) => {
  gcs += list.getEntries().length;
  if (process.env.DEBUG_ALLOC) for (const e of list.getEntries()) console.error("gc kind", e.detail?.kind, e.duration.toFixed(2));
}).observe({ entryTypes: ['gc'] });

async function measure(name, fn, n = 2000) {
  for (let i = 0; i < 500; i++) await fn(); // warm up
  for (let attempt = 0; attempt < 10; attempt++) {
    const before = gcs;
    global.gc(); // the observer reports this one some time later: expect exactly one
    await new Promise((r) => setTimeout(r, 20));
    const h0 = process.memoryUsage().heapUsed;
    for (let i = 0; i < n; i++) await fn();
    const h1 = process.memoryUsage().heapUsed;
    await new Promise((r) => setTimeout(r, 20));
    if (gcs === before + 1) return { name, bytesPerOp: Math.round((h1 - h0) / n) };
    if (process.env.DEBUG_ALLOC) console.error(name, attempt, gcs - before - 1, h1 - h0);
  }
  console.error(`${name}: a garbage collection ran inside every measured batch; run with --min-semi-space-size=256 --max-semi-space-size=512 (see the header)`);
  return { name, bytesPerOp: NaN };
}

// get of test/wire_kv/'str', as the official client sends it
const RAW_GET = Buffer.from('02030000000000441603000000000000000000000000000003e8000300000000000500746573740000000801776972655f6b76000000150452f240e9097f0fe86a27faf1bf64e7f7a66a45be', 'hex');
const rawKey = new Key('test', 'wire_kv', 'str');
await client.put(rawKey, { s: 'hello' });

// A bare socket to the node that owns the key: one request, one awaited reply frame.
const [host, port] = hosts.split(',')[0].split(':');
const sock = netConnect({ host, port: Number(port), noDelay: true });
await new Promise((resolve, reject) => sock.once('connect', resolve).once('error', reject));
let pending = null;
let need = -1;
let have = 0;
sock.on('data', (chunk) => {
  have += chunk.length;
  if (need < 0 && have >= 8) need = 8 + chunk.readUIntBE(2, 6);
  if (need >= 0 && have >= need) {
    have = 0;
    need = -1;
    const r = pending;
    pending = null;
    r();
  }
});
function rawGet() {
  return new Promise((resolve) => {
    pending = resolve;
    sock.write(RAW_GET);
  });
}

const results = [
  await measure('raw socket get (floor)', rawGet),
  await measure('get (same record)', () => client.get(rawKey)),
  await measure('get', () => client.get(key)),
  await measure('put', () => client.put(key, bins)),
  await measure('exists', () => client.exists(key))
];
client.enableMetrics(); // latency histograms on: should add no allocation per command
results.push(await measure('get (metrics on)', () => client.get(key)));
client.disableMetrics();
sock.destroy();
await client.close();
const floor = results[0].bytesPerOp;
console.log('| command | heap bytes per op | above the raw-socket floor |');
console.log('|---|---:|---:|');
for (const r of results) console.log(`| ${r.name} | ${r.bytesPerOp} | ${r === results[0] ? '' : r.bytesPerOp - floor} |`);
