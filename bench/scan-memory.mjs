// Streams a scan of N records (default 1,000,000) and reports peak RSS and heap, to show
// that a large scan runs in bounded memory. Loads the records first if the set has fewer.
//
//   npm run build && AEROSPIKE_HOSTS=127.0.0.1:3000 node bench/scan-memory.mjs [count] [recordQueueSize]
//
// Uses the built package (packages/core/dist).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { AerospikeClient, Key } = require('../packages/core/dist/index.cjs');

const hosts = process.env.AEROSPIKE_HOSTS ?? '127.0.0.1:3000';
const ns = process.env.AEROSPIKE_NAMESPACE ?? 'test';
const count = Number(process.argv[2] ?? 1_000_000);
const queue = Number(process.argv[3] ?? 5000);
const set = `scanmem_${count}`;
const mib = (b) => (b / 1048576).toFixed(1);

const client = new AerospikeClient({ hosts, maxConnsPerNode: 300 });
await client.connect();

const sets = [...(await client.info('sets')).values()][0] ?? '';
const have = Number(new RegExp(`set=${set}:objects=(\\d+)`).exec(sets)?.[1] ?? 0);
if (have < count) {
  const t0 = Date.now();
  const blob = Buffer.alloc(100, 7);
  let next = have;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await client.put(new Key(ns, set, i), { i, s: `value-${String(i).padStart(14, '0')}`, b: blob });
    }
  };
  await Promise.all(Array.from({ length: 128 }, worker));
  console.log(`loaded ${count - have} records in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

global.gc?.();
const base = process.memoryUsage();
let peakRss = base.rss;
let peakHeap = base.heapUsed;
const timer = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 50);
const t0 = Date.now();
let n = 0;
for await (const rec of client.scan(ns, set, { recordQueueSize: queue })) {
  if (rec.bins.i === undefined) throw new Error('record without bins');
  n++;
}
const secs = (Date.now() - t0) / 1000;
clearInterval(timer);
await client.close();
console.log('| records | seconds | records/s | RSS before (MiB) | peak RSS (MiB) | peak heap (MiB) | queue |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
console.log(`| ${n} | ${secs.toFixed(1)} | ${Math.round(n / secs)} | ${mib(base.rss)} | ${mib(peakRss)} | ${mib(peakHeap)} | ${queue} |`);
if (n !== count) {
  console.error(`expected ${count} records, got ${n}`);
  process.exit(1);
}
