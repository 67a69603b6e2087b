import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePeers } from '../../src/cluster/peers-parser';
import { ownsPartition, parseReplicas } from '../../src/cluster/partition-parser';
import { ParseError } from '../../src/errors/client-errors';

interface Exchange {
  command: string;
  responses: Array<{ text: string }>;
}
interface Cluster3 {
  nodes: Array<{ address: string; nodeName: string; exchanges: Exchange[] }>;
}

const cluster3 = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'data', 'info', 'cluster3.json'), 'utf8')) as Cluster3;

function reply(node: Cluster3['nodes'][number], command: string): string {
  const text = node.exchanges.find((e) => e.command === command)?.responses[0]?.text ?? '';
  const line = text.split('\n').find((l) => l.startsWith(`${command}\t`)) ?? '';
  return line.slice(command.length + 1);
}

describe('peers parser', () => {
  it('parses the recorded 3-node replies', () => {
    const byName = new Map(cluster3.nodes.map((n) => [n.nodeName, n]));
    const a1 = parsePeers(reply(byName.get('A1') as Cluster3['nodes'][number], 'peers-clear-std'));
    expect(a1.generation).toBeGreaterThan(0);
    expect(a1.peers).toEqual([
      { nodeName: 'A2', tlsName: undefined, hosts: [{ host: '127.0.0.1', port: 3110 }] },
      { nodeName: 'A3', tlsName: undefined, hosts: [{ host: '127.0.0.1', port: 3120 }] }
    ]);
    for (const n of cluster3.nodes) {
      const names = parsePeers(reply(n, 'peers-clear-std')).peers.map((p) => p.nodeName).sort();
      expect(names).toEqual(['A1', 'A2', 'A3'].filter((x) => x !== n.nodeName));
    }
  });

  it('handles default ports, TLS names, IPv6 and empty lists', () => {
    expect(parsePeers('7,3000,[]')).toEqual({ generation: 7, peers: [] });
    expect(parsePeers('1,4333,[[BB9,tls1,[10.0.0.1,[2001:db8::1]:4000]]]').peers).toEqual([
      { nodeName: 'BB9', tlsName: 'tls1', hosts: [{ host: '10.0.0.1', port: 4333 }, { host: '2001:db8::1', port: 4000 }] }
    ]);
  });

  it.each(['', 'x,3000,[]', '1,3000,[[A,,[h:99999]]]', '1,3000,[[A,,[h:1]]', '1,3000,[]junk'])('rejects %p', (t) => {
    expect(() => parsePeers(t)).toThrow(ParseError);
  });
});

describe('replicas parser', () => {
  it('gives every partition exactly one master and one prole across the recorded 3-node cluster', () => {
    const maps = cluster3.nodes.map((n) => parseReplicas(reply(n, 'replicas')).get('test'));
    for (const m of maps) {
      expect(m?.regime).toBe(0);
      expect(m?.bitmaps.length).toBe(2);
    }
    for (let pid = 0; pid < 4096; pid++) {
      for (let r = 0; r < 2; r++) {
        const owners = maps.filter((m) => ownsPartition(m?.bitmaps[r] as Buffer, pid)).length;
        expect(owners).toBe(1);
      }
    }
  });

  it('reads the legacy replicas-all and replicas-master forms the same way', () => {
    for (const n of cluster3.nodes) {
      const cur = parseReplicas(reply(n, 'replicas')).get('test');
      const all = parseReplicas(reply(n, 'replicas-all'), 'replicas-all').get('test');
      const master = parseReplicas(reply(n, 'replicas-master'), 'replicas-master').get('test');
      expect(all?.bitmaps).toEqual(cur?.bitmaps);
      expect(master?.bitmaps[0]).toEqual(cur?.bitmaps[0]);
    }
  });

  it.each(['test', 'test:0,2,AAAA', 'test:0,1,' + Buffer.alloc(511).toString('base64'), 'test:x,1,AA==', 'n'.repeat(32) + ':0,0'])('rejects %p', (t) => {
    expect(() => parseReplicas(t)).toThrow(ParseError);
  });
});
