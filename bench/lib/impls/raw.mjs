// The raw ceiling: pre-encoded requests written to plain sockets, one request in flight per
// socket (each slot owns one socket per node), replies parsed only as far as needed to find
// their end. Requests are routed to the master node of the key's partition.
import { RawCluster, parseHostList } from '../raw/cluster.mjs';
import { digestOf, encodeBatchRead, encodeGet, encodePut, encodeScan } from '../raw/wire.mjs';
import { binsFor } from '../data.mjs';

export async function open({ hosts, ns, set, hot, batches, slots, ownReads = true }) {
  const cluster = await RawCluster.open(parseHostList(hosts), ns);
  const digests = hot.map((k) => digestOf(set, k));
  const nodeOf = digests.map((d) => cluster.nodeOf(d));
  let gets = null;
  let puts = null;
  let batchReqs = null;
  const conns = [];
  for (let s = 0; s < slots; s++) conns.push(await Promise.all(cluster.nodes.map((_, i) => cluster.connect(i, ownReads))));
  let queryId = Date.now() * 1000;

  async function scanAll(slotConns) {
    const parts = await Promise.all(cluster.nodes.map((_, i) => slotConns[i].stream(encodeScan(ns, set, cluster.partitionsOf(i), ++queryId))));
    let n = 0;
    for (const r of parts) {
      if (r.resultCode !== 0) throw new Error(`scan failed: result code ${r.resultCode}`);
      n += r.records;
    }
    return n;
  }

  return {
    nodes: cluster.nodes.length,
    /** Pre-encodes the requests a workload needs (outside the measurement). */
    prepare(workload) {
      if ((workload === 'get' || workload === 'mix') && gets === null) gets = digests.map((d) => encodeGet(ns, set, d));
      if ((workload === 'put' || workload === 'mix') && puts === null) puts = digests.map((d, i) => encodePut(ns, set, d, binsFor(hot[i])));
      if (workload === 'batch' && batchReqs === null) {
        // one request per node the batch touches
        batchReqs = batches.map((b) => {
          const byNode = new Map();
          for (const i of b) {
            const n = nodeOf[i];
            if (!byNode.has(n)) byNode.set(n, []);
            byNode.get(n).push(digests[i]);
          }
          return [...byNode].map(([node, ds]) => ({ node, req: encodeBatchRead(ns, set, ds) }));
        });
      }
    },
    slot(s) {
      const mine = conns[s];
      return {
        async get(i) {
          const rc = await mine[nodeOf[i]].single(gets[i]);
          if (rc !== 0) throw new Error(`get: result code ${rc}`);
        },
        async put(i) {
          const rc = await mine[nodeOf[i]].single(puts[i]);
          if (rc !== 0) throw new Error(`put: result code ${rc}`);
        },
        async batch(b) {
          const parts = batchReqs[b];
          if (parts.length === 1) return (await mine[parts[0].node].stream(parts[0].req)).records;
          const rs = await Promise.all(parts.map((p) => mine[p.node].stream(p.req)));
          return rs.reduce((n, r) => n + r.records, 0);
        },
        scan: () => scanAll(mine)
      };
    },
    async close() {
      for (const cs of conns) for (const c of cs) c.close();
    }
  };
}

/** Writes every key 0..total-1 (the load phase), `concurrency` requests in flight. */
export async function load({ hosts, ns, set, total, concurrency = 64 }) {
  const cluster = await RawCluster.open(parseHostList(hosts), ns);
  let next = 0;
  const worker = async () => {
    const cs = await Promise.all(cluster.nodes.map((_, i) => cluster.connect(i)));
    try {
      while (next < total) {
        const k = next++;
        const d = digestOf(set, k);
        const rc = await cs[cluster.nodeOf(d)].single(encodePut(ns, set, d, binsFor(k)));
        if (rc !== 0) throw new Error(`load: put of key ${k} failed with result code ${rc}`);
      }
    } finally {
      for (const c of cs) c.close();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return cluster.nodes.length;
}
