// @aerospike-ts/fluent, the session fast path: session.get / session.put; batches and scans
// through session.query(keys…) and session.query(dataset), the fluent API's only way to them.
import { ourPackage } from './ours.mjs';
import { binsFor } from '../data.mjs';

export async function open({ hosts, ns, set, hot, batches, slots }) {
  const { Client, Behavior, DataSet } = ourPackage('fluent');
  const client = await new Client(hosts, { maxConnectionsPerNode: Math.max(100, slots + 16) }).connect();
  const session = client.createSession(Behavior.DEFAULT);
  const ds = DataSet.of(ns, set);
  const ops = {
    async get(i) {
      await session.get(ds.id(hot[i]));
    },
    async put(i) {
      const k = hot[i];
      await session.put(ds.id(k), binsFor(k));
    },
    async batch(b) {
      const rs = await (await session.query(...batches[b].map((i) => ds.id(hot[i]))).execute()).collect();
      let n = 0;
      for (const r of rs) if (r.record !== null) n++;
      return n;
    },
    async scan() {
      let n = 0;
      for await (const r of await session.query(ds).execute()) if (r.record !== null) n++;
      return n;
    }
  };
  return { prepare() {}, slot: () => ops, close: () => client.close() };
}
