import { AerospikeClient } from '../../src/index';
import { FakeNode } from '../helpers/fake-node';

describe('client events for the seed nodes', () => {
  it('emits nodeAdded for every node found while connecting', async () => {
    const node = await FakeNode.start();
    const client = new AerospikeClient({ hosts: node.hosts });
    const added: Array<{ name: string; address: string }> = [];
    client.on('nodeAdded', (e) => added.push(e));
    try {
      await client.connect();
      expect(added).toEqual([{ name: client.nodes()[0]?.name, address: `127.0.0.1:${node.port}` }]);
    } finally {
      await client.close();
      await node.stop();
    }
  });
});
