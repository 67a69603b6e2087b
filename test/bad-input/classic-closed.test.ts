import * as aerospike from '@aerospike-ts/classic';
import { ClusterError, InvalidArgError, OPERATOR_READ, type AsyncClient, type Key } from '@aerospike-ts/classic';
import { Wire } from './helpers/wire';

// Classic front end: every verb of a closed client fails with ClusterError (client
// closed), and of a client never connected with InvalidArgError, before the wire.

let wire: Wire;
let closed: AsyncClient;
let fresh: AsyncClient;

beforeAll(async () => {
  wire = await Wire.start();
  closed = await aerospike.client({ hosts: [['127.0.0.1', wire.port]] }).connect();
  await closed.close();
  fresh = aerospike.client({ hosts: [['127.0.0.1', wire.port]] });
});
afterAll(async () => {
  await wire.stop();
});

const K: Key = ['test', 'bad_closed', 1];
const CLOSED = 'The client is closed; create and connect a new client';

type Verb = readonly [name: string, call: (c: AsyncClient) => unknown];

const VERBS: readonly Verb[] = [
  ['put', (c) => c.put(K, { a: 1 })],
  ['get', (c) => c.get(K)],
  ['select', (c) => c.select(K, ['a'])],
  ['exists', (c) => c.exists(K)],
  ['remove', (c) => c.remove(K)],
  ['remove_bin', (c) => c.remove_bin(K, ['a'])],
  ['touch', (c) => c.touch(K, 10)],
  ['append', (c) => c.append(K, 's', 'x')],
  ['prepend', (c) => c.prepend(K, 's', 'x')],
  ['increment', (c) => c.increment(K, 'n', 1)],
  ['operate', (c) => c.operate(K, [{ op: OPERATOR_READ, bin: 'a' }])],
  ['operate_ordered', (c) => c.operate_ordered(K, [{ op: OPERATOR_READ, bin: 'a' }])],
  ['batch_read', (c) => c.batch_read([K])],
  ['batch_operate', (c) => c.batch_operate([K], [{ op: OPERATOR_READ, bin: 'a' }])],
  ['batch_write', (c) => c.batch_write([[K, { a: 1 }]])],
  ['batch_remove', (c) => c.batch_remove([K])],
  ['batch_apply', (c) => c.batch_apply([K], 'mod', 'fn')],
  ['apply', (c) => c.apply(K, 'mod', 'fn')],
  ['truncate', (c) => c.truncate('test', 'bad_closed')],
  ['index_integer_create', (c) => c.index_integer_create('test', 'bad_closed', 'n', 'idx')],
  ['index_remove', (c) => c.index_remove('test', 'idx')],
  ['udf_remove', (c) => c.udf_remove('mod')],
  ['udf_list', (c) => c.udf_list()],
  ['info_all', (c) => c.info_all('build')],
  ['info_random_node', (c) => c.info_random_node('build')],
  ['info_single_node', (c) => c.info_single_node('build', 'BB9000000000001')],
  ['query().results()', (c) => c.query('test', 'bad_closed').results()],
  ['scan().results()', (c) => c.scan('test', 'bad_closed').results()],
  ['query().foreach()', (c) => c.query('test', 'bad_closed').foreach(() => undefined)],
  ['admin_query_users_info', (c) => c.admin_query_users_info()],
  ['admin_query_roles', (c) => c.admin_query_roles()],
  ['get_node_names', (c) => c.get_node_names()]
];

describe('classic: a closed client', () => {
  it.each(VERBS)('%s', (_name, call) => wire.expectRejected(() => call(closed), ClusterError, CLOSED));
  it('reports that it is not connected', () => {
    expect(closed.is_connected()).toBe(false);
  });
});

describe('classic: a client never connected', () => {
  it.each(VERBS)('%s', (_name, call) => wire.expectRejected(() => call(fresh), InvalidArgError, 'the client is not connected; call connect() first'));
});
