// Heap bytes allocated per single-record command (get and put), measured between GCs:
// young-generation space is made large enough that no GC runs during a measured batch,
// so the growth of heapUsed is what the commands allocated.
//
//   npm run build && AEROSPIKE_HOSTS=127.0.0.1:3000 node --expose-gc --max-semi-space-size=512 bench/alloc-per-op.mjs
import { createRequire } from 'node:module';
import { PerformanceObserver } from 'node:perf_hooks';

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
}).observe({ entryTypes: ['gc'] });

async function measure(name, fn, n = 2000) {
  for (let i = 0; i < 500; i++) await fn(); // warm up
  for (let attempt = 0; attempt < 10; attempt++) {
    global.gc();
    await new Promise((r) => setTimeout(r, 20)); // let the observer see that GC
    const before = gcs;
    const h0 = process.memoryUsage().heapUsed;
    for (let i = 0; i < n; i++) await fn();
    const h1 = process.memoryUsage().heapUsed;
    await new Promise((r) => setTimeout(r, 20));
    if (gcs === before) return { name, bytesPerOp: Math.round((h1 - h0) / n) };
  }
  return { name, bytesPerOp: NaN };
}

const results = [await measure('get', () => client.get(key)), await measure('put', () => client.put(key, bins)), await measure('exists', () => client.exists(key))];
await client.close();
console.log('| command | heap bytes per op |');
console.log('|---|---:|');
for (const r of results) console.log(`| ${r.name} | ${r.bytesPerOp} |`);
