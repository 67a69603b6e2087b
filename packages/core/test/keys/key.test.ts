import { isNormalUserKey, Key, partitionIdOf } from '../../src/keys/key';
import { InvalidArgumentError } from '../../src/errors/client-errors';
import BN from 'bn.js';

const hex = (k: Key): string => k.digest.toString('hex');

describe('Key', () => {
  // Vectors from the Go client's key tests (namespace is not hashed).
  it.each([
    [0, '93d943aae37b017ad7e011b0c1d2e2143c2fb37d'],
    [-1, '22116d253745e29fc63fdf760b6e26f7e197e01d'],
    [-(2n ** 63n), '7185c2a47fb02c996daed26b4e01b83240aee9d4'],
    ['', '2819b1ff6e346a43b4f5f6b77a88bc3eaac22a83'],
    ['aaaaaaaaaa', '5979fb32a80da070ff356f7695455592272e36c2'],
    [Buffer.alloc(0), '327e2877b8815c7aeede0d5a8620d4ef8df4a4b4'],
    [Buffer.from('s'), 'ca2d96dc9a184d15a7fa2927565e844e9254e001']
  ] as const)('digest of %p', (userKey, digest) => {
    expect(hex(new Key('namespace', 'set', userKey))).toBe(digest);
  });

  it('computes the partition id from the digest', () => {
    const k = new Key('test', 'set', 0);
    expect(k.partitionId).toBe(2451);
    expect(partitionIdOf(Buffer.from([0xff, 0xff]))).toBe(4095);
  });

  it('gives the same digest for number, bigint and BN keys', () => {
    const a = new Key('test', 's', 123456789);
    expect(hex(new Key('test', 's', 123456789n))).toBe(hex(a));
    expect(hex(new Key('test', 's', new BN(123456789)))).toBe(hex(a));
    expect(new Key('test', 's', 5n).userKey).toBe(5);
    expect(new Key('test', 's', 2n ** 62n).userKey).toBe(2n ** 62n);
  });

  it('accepts a digest alone and treats empty set as none', () => {
    const d = new Key('test', 'set', 'x').digest;
    const k = Key.fromDigest('test', 'set', d);
    expect(k.userKey).toBeNull();
    expect(k.digest.equals(d)).toBe(true);
    expect(new Key('test', '', 'x').set).toBeNull();
  });

  it.each([
    [() => new Key('', 's', 1), /namespace must not be empty/],
    [() => new Key('n'.repeat(32), 's', 1), /namespace .* 32 bytes long; the limit is 31/],
    [() => new Key('test', 's'.repeat(64), 1), /set name .* 64 bytes long; the limit is 63/],
    [() => new Key('te\ud800st', 's', 1), /not valid UTF-8/],
    [() => new Key('test', 's\udc00', 1), /not valid UTF-8/],
    [() => new Key('test', 's', NaN), /must be an integer/],
    [() => new Key('test', 's', 1.5), /must be an integer/],
    [() => new Key('test', 's', 2n ** 63n), /outside the signed 64-bit range/],
    [() => new Key('test', 's', 2 ** 64), /outside the signed 64-bit range/],
    [() => new Key('test', 's', 'a\ud800'), /not valid UTF-8/],
    [() => new Key('test', 's', null), /needs a user key or a digest/],
    [() => new Key('test', 's', null, Buffer.alloc(19)), /digest must be 20 bytes/],
    [() => new Key('test', 's', {} as unknown as string), /must be a string, an integer or bytes/]
  ] as const)('rejects bad input %#', (fn, msg) => {
    expect(fn).toThrow(InvalidArgumentError);
    expect(fn).toThrow(msg);
  });
});

describe('isNormalUserKey', () => {
  it('holds exactly for user keys the constructor keeps as they are', () => {
    for (const k of [null, 'a', '', 7, -(2 ** 53) + 1, 2n ** 60n, -(2n ** 63n), Buffer.from('ab')]) {
      expect(isNormalUserKey(k)).toBe(true);
      if (k !== null) expect(new Key('test', 's', k).userKey).toBe(k);
    }
    // the constructor would convert these (or reject them)
    for (const k of [1.5, 2 ** 60, 5n, new Uint8Array([1]), undefined, {}]) expect(isNormalUserKey(k)).toBe(false);
  });
});
