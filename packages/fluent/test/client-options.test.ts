import { InvalidArgumentError } from '@aerospike-ts/core';
import { Client, ClusterDefinition } from '../src/client';

describe('connection pool settings', () => {
  it('ClusterDefinition passes maxConnectionsPerNode and minConnectionsPerNode to the core client', () => {
    const config = ClusterDefinition.of('127.0.0.1:3000').maxConnectionsPerNode(300).minConnectionsPerNode(4).toConfig();
    expect(config.maxConnsPerNode).toBe(300);
    expect(config.minConnsPerNode).toBe(4);
  });

  it('leaves the core defaults when not set', () => {
    const config = ClusterDefinition.of('127.0.0.1:3000').toConfig();
    expect(config.maxConnsPerNode).toBeUndefined();
    expect(config.minConnsPerNode).toBeUndefined();
  });

  it.each([0, -1, 1.5, 100_001, NaN, '10' as unknown as number])('maxConnectionsPerNode(%p) is refused', (n) => {
    expect(() => ClusterDefinition.of('127.0.0.1:3000').maxConnectionsPerNode(n)).toThrow(InvalidArgumentError);
  });

  it('minConnectionsPerNode accepts 0 and refuses a negative count', () => {
    expect(ClusterDefinition.of('h:3000').minConnectionsPerNode(0).toConfig().minConnsPerNode).toBe(0);
    expect(() => ClusterDefinition.of('h:3000').minConnectionsPerNode(-1)).toThrow('minConnectionsPerNode() needs an integer from 0 to 100000, got -1');
  });

  it('Client takes the same settings as options, checked before connecting', () => {
    expect(() => new Client('127.0.0.1:3000', { maxConnectionsPerNode: 256 })).not.toThrow();
    expect(() => new Client('127.0.0.1:3000', { maxConnectionsPerNode: 0 })).toThrow('maxConnectionsPerNode needs an integer from 1 to 100000, got 0');
    expect(() => new Client('127.0.0.1:3000', { minConnectionsPerNode: 2.5 })).toThrow(InvalidArgumentError);
    expect(() => new Client('127.0.0.1:3000', null as never)).toThrow('Client options must be an object, got null');
  });
});
