import { AerospikeClient } from '../../src/client';
import type { ResultAdapter } from '../../src/command/result-adapter';
import type { AerospikeRecord, RecordMetadata } from '../../src/command/single-command';
import { InvalidArgumentError, TimeoutError } from '../../src/errors/client-errors';
import { RecordNotFoundError } from '../../src/errors/server-errors';
import { Op } from '../../src/command/operation';
import { Key } from '../../src/keys/key';
import { ParticleType } from '../../src/wire/constants';
import { asMsgReply, FakeNode } from '../helpers/fake-node';

const key = new Key('test', 'demo', 'k1');

/** A front end's error type, to see that the adapter's error is the one rejected with. */
class FrontEndError extends Error {
  constructor(readonly original: Error) {
    super(`front end: ${original.message}`);
  }
}

const toFrontEnd: ResultAdapter<AerospikeRecord, { tag: string; bins: unknown }> = {
  value: (r) => ({ tag: 'adapted', bins: r.bins }),
  failure: (err) => {
    throw new FrontEndError(err);
  }
};

describe('ResultAdapter: a command settles with the front end’s value or error', () => {
  let node: FakeNode;
  let client: AerospikeClient;

  beforeEach(async () => {
    node = await FakeNode.start();
    client = new AerospikeClient({ hosts: node.hosts });
    await client.connect();
  });
  afterEach(async () => {
    await client.close();
    await node.stop();
  });

  it('get resolves with the adapter’s value built from the parsed record', async () => {
    node.handler = () => asMsgReply({ generation: 3, ops: [{ name: 'a', particle: ParticleType.INTEGER, value: Buffer.from('0000000000000007', 'hex') }] });
    await expect(client.get(key, null, undefined, toFrontEnd)).resolves.toEqual({ tag: 'adapted', bins: { a: 7 } });
  });

  it('a server error goes through failure(): rejected with what it throws', async () => {
    node.handler = () => asMsgReply({ resultCode: 2 });
    const err = (await client.get(key, null, undefined, toFrontEnd).catch((e: unknown) => e)) as FrontEndError;
    expect(err).toBeInstanceOf(FrontEndError);
    expect(err.original).toBeInstanceOf(RecordNotFoundError);
  });

  it('failure() may turn an error into a value (not found → null)', async () => {
    node.handler = () => asMsgReply({ resultCode: 2 });
    const orNull: ResultAdapter<AerospikeRecord, AerospikeRecord | null> = {
      value: (r) => r,
      failure: (err) => {
        if (err instanceof RecordNotFoundError) return null;
        throw err;
      }
    };
    await expect(client.get(key, null, undefined, orNull)).resolves.toBeNull();
  });

  it('a value() that throws rejects the command with that error, and the connection stays usable', async () => {
    node.handler = () => asMsgReply({});
    const boom = new Error('shaping failed');
    const throwing: ResultAdapter<RecordMetadata, never> = {
      value: () => {
        throw boom;
      },
      failure: (err) => {
        throw err;
      }
    };
    await expect(client.put(key, { a: 1 }, undefined, throwing)).rejects.toBe(boom);
    await expect(client.put(key, { a: 1 })).resolves.toMatchObject({ generation: 1 });
  });

  it('bad input fails before the wire through failure() too', async () => {
    const before = node.requests.length;
    const err = (await client.put(key, { a: Symbol('x') as never }, undefined, { value: () => 'ok', failure: (e) => { throw new FrontEndError(e); } }).catch((e: unknown) => e)) as FrontEndError;
    expect(err).toBeInstanceOf(FrontEndError);
    expect(err.original).toBeInstanceOf(InvalidArgumentError);
    expect(node.requests.length).toBe(before);
  });

  it('a client timeout goes through failure() with inDoubt kept', async () => {
    node.handler = () => 'silent';
    const err = (await client.put(key, { a: 1 }, { totalTimeout: 50, socketTimeout: 0, maxRetries: 0 }, { value: () => 'ok', failure: (e) => { throw new FrontEndError(e); } }).catch((e: unknown) => e)) as FrontEndError;
    expect(err).toBeInstanceOf(FrontEndError);
    expect(err.original).toBeInstanceOf(TimeoutError);
    expect((err.original as TimeoutError).inDoubt).toBe(true);
  });

  it('exists, remove, touch and operate take an adapter as well', async () => {
    node.handler = () => asMsgReply({ resultCode: 2 });
    const tag = <T>(name: string): ResultAdapter<T, string> => ({ value: (v) => `${name}:${JSON.stringify(v)}`, failure: (e) => `${name} failed: ${e.constructor.name}` });
    await expect(client.exists(key, undefined, tag('exists'))).resolves.toBe('exists:null');
    await expect(client.remove(key, undefined, tag('remove'))).resolves.toBe('remove:false');
    await expect(client.touch(key, undefined, tag('touch'))).resolves.toBe('touch failed: RecordNotFoundError');
    await expect(client.operate(key, [Op.read('a')], undefined, undefined, tag('operate'))).resolves.toBe('operate failed: RecordNotFoundError');
    node.handler = () => asMsgReply({ generation: 5 });
    await expect(client.touch(key, { ttl: 60 }, tag('touch'))).resolves.toMatch(/^touch:\{"generation":5,/);
  });
});
