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

  it('writes and reads over TLS when the certificate carries the tlsName', async () => {
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
      const key = new Key(NAMESPACE, uniqueSet('tls'), 'k');
      await c.put(key, { secret: 'over tls' });
      expect((await c.get(key)).bins).toEqual({ secret: 'over tls' });
      await c.remove(key);
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
