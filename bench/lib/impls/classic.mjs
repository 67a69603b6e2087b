// @aerospike-ts/classic: put/get with tuple keys, batch_read, scan().foreach().
import { ourPackage } from './ours.mjs';
import { binsFor } from '../data.mjs';
import { parseHostList } from '../raw/cluster.mjs';

export async function open({ hosts, ns, set, hot, batches, slots }) {
  const aerospike = ourPackage('classic');
  const client = await aerospike
    .client({ hosts: parseHostList(hosts).map((h) => [h.host, h.port]), max_conns_per_node: Math.max(100, slots + 16) })
    .connect();
  const ops = {
    async get(i) {
      await client.get([ns, set, hot[i]]);
    },
    async put(i) {
      const k = hot[i];
      await client.put([ns, set, k], binsFor(k));
    },
    async batch(b) {
      const rs = await client.batch_read(batches[b].map((i) => [ns, set, hot[i]]));
      let n = 0;
      for (const r of rs) if (r.record !== null) n++;
      return n;
    },
    async scan() {
      let n = 0;
      await client.scan(ns, set).foreach(() => {
        n++;
      });
      return n;
    }
  };
  return { prepare() {}, slot: () => ops, close: () => client.close() };
}
