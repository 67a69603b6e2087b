import { type AerospikeClient, ServerError } from '@aerospike-ts/core';
import { connectCore, describeServer } from '../helpers/env';

describeServer('core info commands', () => {
  let client: AerospikeClient;
  beforeAll(async () => {
    client = await connectCore();
  });
  afterAll(async () => {
    await client?.close();
  });

  it('reads node identity and several commands in one request', async () => {
    const m = await client.info(['node', 'build', 'edition', 'namespaces']);
    expect([...m.keys()]).toEqual(['node', 'build', 'edition', 'namespaces']);
    expect(m.get('node')).toBe(client.nodes()[0]?.name);
    expect(m.get('build')).toMatch(/^\d+\.\d+\.\d+/);
    expect(m.get('namespaces')?.split(';')).toContain(process.env['AEROSPIKE_NAMESPACE'] ?? 'test');
  });

  it('returns error replies as text, or throws them as typed errors when asked', async () => {
    const m = await client.info('nosuchcommand');
    expect(m.get('nosuchcommand')).toMatch(/^ERROR/);
    await expect(client.info('nosuchcommand', { throwOnError: true })).rejects.toBeInstanceOf(ServerError);
  });

  it('rejects an info command with a lone surrogate before sending it', async () => {
    await expect(client.info('truncate:namespace=test;set=\ud800')).rejects.toThrow(/well-formed/);
  });
});
