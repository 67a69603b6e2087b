import { packValue } from '@aerospike-ts/core';
import { arrayElements, collectionElements } from '../../src/protocol/msgpack-scan';

describe('msgpack scanning for indexes and expression ops', () => {
  it('lists the indexable scalars of a list, and the keys or values of a map', () => {
    const list = packValue([1, 'a', [2, 3], -5, Buffer.from([9])], 'list');
    expect(collectionElements(list, 'list')).toEqual([1n, 'a', undefined, -5n, Buffer.from([9])]);
    const map = packValue(new Map<string, number | string>([['k', 7], ['s', 'v']]), 'map');
    expect(collectionElements(map, 'mapkeys')).toEqual(['k', 's']);
    expect(collectionElements(map, 'mapvalues')).toEqual([7n, 'v']);
    expect(collectionElements(list, 'mapkeys')).toEqual([]);
  });

  it('splits an array into the raw bytes of its elements', () => {
    const expression = Buffer.from('93039351' + '02' + 'a16e' + 'cd0121', 'hex');
    const op = Buffer.concat([Buffer.from([0x92]), expression, Buffer.from([0x10])]);
    expect(arrayElements(op)).toEqual([expression, Buffer.from([0x10])]);
    expect(arrayElements(Buffer.from([0x92, 0x01]))).toBeUndefined();
  });
});
