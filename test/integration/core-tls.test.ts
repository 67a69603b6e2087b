import { AerospikeClient, Key } from '@aerospike-ts/core';
import { makeCerts, opensslAvailable, TlsProxy, type TestCerts } from '../../packages/core/test/helpers/tls-proxy';
import { describeServer, HOSTS, NAMESPACE, uniqueSet } from '../helpers/env';

// Community Edition has no TLS: a TLS-terminating proxy with a CA made for the test sits
// in front of the real server.
const describeTls = opensslAvailable() ? describeServer : describe.skip;

describeTls('TLS to a real server through a TLS-terminating proxy', () => {
  let proxy: TlsProxy;
  let certs: TestCerts;

  beforeAll(async () => {
    certs = makeCerts('aerospike-test');
    const [host, port] = (HOSTS as string).split(',')[0]?.split(':') ?? [];
    proxy = await TlsProxy.start(certs, host as string, Number(port ?? 3000));
  });
  afterAll(async () => {
    await proxy?.stop();
  });

  it('writes, reads, batch-reads and scans over TLS when the certificate carries the tlsName', async () => {
    // The proxy fronts one node; in a multi-node cluster the client would go on to the
    // peers' plain addresses, so this check needs a single-node server.
    const probe = new AerospikeClient({ hosts: HOSTS as string });
    await probe.connect();
    const size = probe.nodes().length;
    await probe.close();
    if (size > 1) return;
    const c = new AerospikeClient({ hosts: [{ host: '127.0.0.1', port: proxy.port, tlsName: 'aerospike-test' }], tls: { ca: certs.ca } });
    await c.connect();
    try {
      const set = uniqueSet('tls');
      const key = new Key(NAMESPACE, set, 'k');
      await c.put(key, { secret: 'over tls' });
      expect((await c.get(key)).bins).toEqual({ secret: 'over tls' });
      await c.remove(key);
      // multi-message replies (batch, scan) large enough to arrive in many TLS reads
      const keys = Array.from({ length: 300 }, (_, i) => new Key(NAMESPACE, set, i));
      for (const k of keys) await c.put(k, { i: k.userKey as number, blob: Buffer.alloc(1000, (k.userKey as number) % 251) });
      const batch = await c.batchGet(keys);
      expect(batch.map((r) => r.record?.bins.i)).toEqual(keys.map((k) => k.userKey));
      const seen = (await c.scan(NAMESPACE, set).toArray()).map((r) => {
        const blob = r.bins.blob as Buffer;
        expect(blob.equals(Buffer.alloc(1000, (r.bins.i as number) % 251))).toBe(true);
        return r.bins.i as number;
      });
      expect(seen.sort((x, y) => x - y)).toEqual(keys.map((k) => k.userKey));
      for (const k of keys) await c.remove(k);
    } finally {
      await c.close();
    }
  });

  it('refuses a server whose certificate does not carry the tlsName', async () => {
    const c = new AerospikeClient({ hosts: `127.0.0.1:wrong-name:${proxy.port}`, tls: { ca: certs.ca } });
    await expect(c.connect()).rejects.toThrow(/wrong-name/);
    await c.close();
  });
});
