// @aerospike-ts/fluent, the builder path: session.upsert(key).bin(..).setTo(..).execute() for
// writes and session.query(key).execute() for reads.
import { ourPackage } from './ours.mjs';
import { STRING_VALUE, BLOB_VALUE } from '../data.mjs';

export async function open({ hosts, ns, set, hot, slots }) {
  const { Client, Behavior, DataSet } = ourPackage('fluent');
  const client = await new Client(hosts, { maxConnectionsPerNode: Math.max(100, slots + 16) }).connect();
  const session = client.createSession(Behavior.DEFAULT);
  const ds = DataSet.of(ns, set);
  const ops = {
    async get(i) {
      const r = await (await session.query(ds.id(hot[i])).execute()).first();
      if (r === null || r.record === null) throw new Error('record not found');
    },
    async put(i) {
      const k = hot[i];
      await session.upsert(ds.id(k)).bin('i').setTo(k).bin('s').setTo(STRING_VALUE).bin('b').setTo(BLOB_VALUE).execute();
    }
  };
  return { prepare() {}, slot: () => ops, close: () => client.close() };
}
