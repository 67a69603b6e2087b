import { AerospikeClient } from '../../src/client';
import { Key } from '../../src/keys/key';
import { TlsError } from '../../src/errors/client-errors';
import { ParticleType } from '../../src/wire/constants';
import { asMsgReply, FakeNode } from '../helpers/fake-node';
import { makeCerts, opensslAvailable, TlsProxy, type TestCerts } from '../helpers/tls-proxy';

const describeTls = opensslAvailable() ? describe : describe.skip;

describeTls('TLS (through a TLS-terminating proxy)', () => {
  let node: FakeNode;
  let proxy: TlsProxy;
  let certs: TestCerts;

  beforeAll(async () => {
    certs = makeCerts('aerospike-test');
    node = await FakeNode.start();
    node.handler = () => asMsgReply({ ops: [{ name: 'a', particle: ParticleType.STRING, value: Buffer.from('secure') }] });
    proxy = await TlsProxy.start(certs, '127.0.0.1', node.port);
  });
  afterAll(async () => {
    await proxy.stop();
    await node.stop();
  });

  it('connects when the certificate carries the configured tlsName', async () => {
    const c = new AerospikeClient({ hosts: [{ host: '127.0.0.1', port: proxy.port, tlsName: 'aerospike-test' }], tls: { ca: certs.ca } });
    await c.connect();
    try {
      expect((await c.get(new Key('test', 's', 1))).bins).toEqual({ a: 'secure' });
    } finally {
      await c.close();
    }
  });

  it('accepts the tlsName in the host string and in the TLS options', async () => {
    for (const cfg of [
      { hosts: `127.0.0.1:aerospike-test:${proxy.port}`, tls: { ca: certs.ca } },
      { hosts: `127.0.0.1:${proxy.port}`, tls: { ca: certs.ca, tlsName: 'aerospike-test' } }
    ]) {
      const c = new AerospikeClient(cfg);
      await c.connect();
      await c.close();
    }
  });

  it('refuses a certificate for another name', async () => {
    const c = new AerospikeClient({ hosts: `127.0.0.1:${proxy.port}`, tls: { ca: certs.ca, tlsName: 'other-name' } });
    const err = await c.connect().catch((e: unknown) => e);
    expect(String(err)).toMatch(/other-name/);
    expect((err as Error & { cause?: unknown }).cause).toBeInstanceOf(TlsError);
  });

  it('refuses a certificate from an unknown CA', async () => {
    const c = new AerospikeClient({ hosts: `127.0.0.1:${proxy.port}`, tls: { ca: certs.otherCa, tlsName: 'aerospike-test' } });
    const err = await c.connect().catch((e: unknown) => e);
    expect((err as Error & { cause?: unknown }).cause).toBeInstanceOf(TlsError);
  });
});
