import { AerospikeClient, ClientClosedError, IndexFilter, Key, Op } from '@aerospike-ts/core';
import { Wire } from './helpers/wire';

// Core: every command of a closed client, and of a client never connected, fails with
// ClientClosedError before the wire.

let wire: Wire;
let closed: AerospikeClient;
let fresh: AerospikeClient;

beforeAll(async () => {
  wire = await Wire.start();
  closed = await new AerospikeClient({ hosts: wire.hosts }).connect();
  await closed.close();
  fresh = new AerospikeClient({ hosts: wire.hosts });
});
afterAll(async () => {
  await fresh.close();
  await wire.stop();
});

const k = new Key('test', 'bad_core_closed', 1);

type Verb = readonly [name: string, call: (c: AerospikeClient) => unknown];

const VERBS: readonly Verb[] = [
  ['put', (c) => c.put(k, { a: 1 })],
  ['get', (c) => c.get(k)],
  ['getHeader', (c) => c.getHeader(k)],
  ['exists', (c) => c.exists(k)],
  ['remove', (c) => c.remove(k)],
  ['touch', (c) => c.touch(k)],
  ['operate', (c) => c.operate(k, [Op.read('a')])],
  ['apply', (c) => c.apply(k, 'mod', 'fn')],
  ['batch', (c) => c.batch([{ type: 'read', key: k }])],
  ['batchGet', (c) => c.batchGet([k])],
  ['batchExists', (c) => c.batchExists([k])],
  ['batchOperate', (c) => c.batchOperate([k], [Op.read('a')])],
  ['batchRemove', (c) => c.batchRemove([k])],
  ['batchApply', (c) => c.batchApply([k], 'mod', 'fn')],
  ['query', (c) => c.query({ namespace: 'test', set: 'bad_core_closed', filter: IndexFilter.equal('a', 1) })],
  ['scan', (c) => c.scan('test', 'bad_core_closed')],
  ['backgroundQuery', (c) => c.backgroundQuery({ namespace: 'test', set: 'bad_core_closed' }, { ops: [Op.write('a', 1)] })],
  ['truncate', (c) => c.truncate('test', 'bad_core_closed')],
  ['info', (c) => c.info('build')],
  ['registerUdf', (c) => c.registerUdf('bad.lua', 'function f(r) return 1 end')],
  ['removeUdf', (c) => c.removeUdf('bad.lua')],
  ['listUdfs', (c) => c.listUdfs()],
  ['createIndex', (c) => c.createIndex({ namespace: 'test', set: 'bad_core_closed', name: 'idx', bin: 'a', type: 'NUMERIC' })],
  ['dropIndex', (c) => c.dropIndex('test', 'idx')],
  ['listIndexes', (c) => c.listIndexes('test')],
  ['queryUsers', (c) => c.queryUsers()],
  ['queryRoles', (c) => c.queryRoles()]
];

describe('core: a closed client', () => {
  it.each(VERBS)('%s', (_name, call) => wire.expectRejected(() => call(closed), ClientClosedError, 'The client is closed; create and connect a new client'));
  it('connect() again', () => wire.expectRejected(() => closed.connect(), ClientClosedError, 'The client is closed; create and connect a new client'));
});

describe('core: a client never connected', () => {
  it.each(VERBS)('%s', (_name, call) => wire.expectRejected(() => call(fresh), ClientClosedError, 'The client is not connected; call connect() first'));
});
