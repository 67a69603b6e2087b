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

describeServer('core truncate', () => {
  it('removes the records of a set and refuses non-UTF-8 names before sending', async () => {
    const { Key } = await import('@aerospike-ts/core');
    const client = await connectCore();
    try {
      const set = `trunc_${process.pid % 10000}`;
      const ns = process.env['AEROSPIKE_NAMESPACE'] ?? 'test';
      for (let i = 0; i < 5; i++) await client.put(new Key(ns, set, i), { v: i });
      // The server removes records whose last update is strictly before the truncate time
      // (millisecond resolution): let the clock pass the last write's millisecond first.
      const written = Date.now();
      while (Date.now() <= written + 1) {
        // wait for the next millisecond
      }
      await client.truncate(ns, set);
      for (let i = 0; i < 5; i++) expect(await client.exists(new Key(ns, set, i))).toBeNull();
      await expect(client.truncate(ns, 'bad\ud800')).rejects.toThrow(/not valid UTF-8/);
      await expect(client.truncate('', set)).rejects.toThrow(/namespace must not be empty/);
      await expect(client.truncate(ns, set, -1)).rejects.toThrow(/non-negative/);
    } finally {
      await client.close();
    }
  });
});
