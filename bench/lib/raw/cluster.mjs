// Node discovery and key routing for the raw ceiling: the seeds and their peers
// (peers-clear-std), each node's master partitions (info `replicas`, replica 0), and the
// partition id of a digest. The map is read once at start; it is not re-tended.
import { RawConn } from './conn.mjs';
import { partitionOf } from './wire.mjs';

/** "h1:3000,h2:3000" → [{ host, port }]. */
export function parseHostList(text) {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => endpoint(s, 3000));
}

function endpoint(s, defaultPort) {
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    return { host: s.slice(1, end), port: s[end + 1] === ':' ? Number(s.slice(end + 2)) : defaultPort };
  }
  const i = s.lastIndexOf(':');
  return i < 0 ? { host: s, port: defaultPort } : { host: s.slice(0, i), port: Number(s.slice(i + 1)) };
}

/** Peers of a `peers-clear-std` reply: `gen,port,[[name,tls,[h:p,…]],…]` → [{ name, host, port }]. */
function parsePeers(text) {
  const m = /^(\d+),(\d*),\[(.*)\]$/.exec(text.trim());
  if (m === null) return [];
  const defaultPort = m[2] === '' ? 3000 : Number(m[2]);
  const out = [];
  for (const p of m[3].matchAll(/\[([^,[\]]+),[^,[\]]*,\[([^\]]*)\]\]/g)) {
    const first = (p[2] ?? '').split(',')[0];
    if (first === undefined || first === '') continue;
    out.push({ name: p[1], ...endpoint(first, defaultPort) });
  }
  return out;
}

/** The master bitmap of `ns` in a `replicas` reply (`ns:regime,count,b64,…;…`). */
function masterBitmap(text, ns) {
  for (const part of text.split(';')) {
    const colon = part.indexOf(':');
    if (part.slice(0, colon) !== ns) continue;
    const items = part.slice(colon + 1).split(',');
    return Buffer.from(items[2] ?? '', 'base64');
  }
  return null;
}

export class RawCluster {
  /** [{ name, host, port }] */
  nodes = [];
  /** partition id → node index */
  #owner = new Int16Array(4096).fill(-1);

  /** Discovers the cluster from `seeds` and reads the partition map of `ns`. */
  static async open(seeds, ns) {
    const c = new RawCluster();
    const seen = new Map();
    const queue = [...seeds];
    while (queue.length > 0) {
      const s = queue.shift();
      const conn = await RawConn.connect(s.host, s.port);
      try {
        const info = await conn.info(['node', 'peers-clear-std', 'replicas']);
        const name = info.get('node') ?? `${s.host}:${s.port}`;
        if (seen.has(name)) continue;
        const bitmap = masterBitmap(info.get('replicas') ?? '', ns);
        if (bitmap === null || bitmap.length !== 512) throw new Error(`node ${name} (${s.host}:${s.port}) has no namespace ${ns}`);
        const index = c.nodes.length;
        seen.set(name, index);
        c.nodes.push({ name, host: s.host, port: s.port });
        for (let pid = 0; pid < 4096; pid++) if ((bitmap[pid >> 3] & (0x80 >> (pid & 7))) !== 0) c.#owner[pid] = index;
        for (const p of parsePeers(info.get('peers-clear-std') ?? '')) if (!seen.has(p.name)) queue.push(p);
      } finally {
        conn.close();
      }
    }
    const orphans = c.#owner.filter((o) => o < 0).length;
    if (orphans > 0) throw new Error(`${orphans} partitions of ${ns} have no master (cluster migrating?)`);
    return c;
  }

  /** Index in `nodes` of the node that masters `digest`. */
  nodeOf(digest) {
    return this.#owner[partitionOf(digest)];
  }

  /** Partition ids mastered by node `index`. */
  partitionsOf(index) {
    const out = [];
    for (let pid = 0; pid < 4096; pid++) if (this.#owner[pid] === index) out.push(pid);
    return out;
  }

  /** A new connection to node `index` (`ownReads`: see RawConn.connect). */
  connect(index, ownReads = true) {
    const n = this.nodes[index];
    return RawConn.connect(n.host, n.port, ownReads);
  }
}
