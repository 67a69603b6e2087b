// The official `aerospike` npm client (C client binding), from bench/node_modules.
import { createRequire } from 'node:module';
import { binsFor } from '../data.mjs';

const require = createRequire(import.meta.url);

/** The loaded module, or throws with the reason it cannot load here. */
export function loadOfficial() {
  return require('aerospike');
}

export async function open({ hosts, ns, set, hot, batches, slots }) {
  const Aerospike = loadOfficial();
  Aerospike.setDefaultLogging({ level: Aerospike.log.OFF });
  const client = await Aerospike.connect({
    hosts,
    maxConnsPerNode: Math.max(100, slots + 16),
    log: { level: Aerospike.log.OFF }
  });
  const { Key } = Aerospike;
  const BATCH_READ = Aerospike.batchType.BATCH_READ;
  const ops = {
    async get(i) {
      await client.get(new Key(ns, set, hot[i]));
    },
    async put(i) {
      const k = hot[i];
      await client.put(new Key(ns, set, k), binsFor(k));
    },
    async batch(b) {
      const rs = await client.batchRead(batches[b].map((i) => ({ type: BATCH_READ, key: new Key(ns, set, hot[i]), readAllBins: true })));
      let n = 0;
      for (const r of rs) if (r.status === 0) n++;
      return n;
    },
    scan() {
      return new Promise((resolve, reject) => {
        let n = 0;
        const stream = client.scan(ns, set).foreach();
        stream.on('data', () => {
          n++;
        });
        stream.on('error', reject);
        stream.on('end', () => resolve(n));
      });
    }
  };
  return { prepare() {}, slot: () => ops, close: () => client.close() };
}
