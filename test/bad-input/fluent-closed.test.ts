import { ClientClosedError } from '@aerospike-ts/core';
import { Behavior, Client, DataSet, type Session } from '@aerospike-ts/fluent';
import { Wire } from './helpers/wire';

// Fluent front end: every command of a closed client, and of a client never connected,
// fails with ClientClosedError before the wire.

let wire: Wire;
let closed: Client;
let fresh: Client;

beforeAll(async () => {
  wire = await Wire.start();
  closed = await new Client(wire.hosts).connect();
  await closed.close();
  fresh = new Client(wire.hosts);
});
afterAll(async () => {
  await wire.stop();
});

const ds = DataSet.of('test', 'bad_fluent_closed');
const k = ds.id(1);

type Verb = readonly [name: string, call: (c: Client, s: Session) => unknown];

const VERBS: readonly Verb[] = [
  ['get', (_c, s) => s.get(k)],
  ['put', (_c, s) => s.put(k, { a: 1 })],
  ['upsert', (_c, s) => s.upsert(k).bin('a').setTo(1).execute()],
  ['insert', (_c, s) => s.insert(k).bin('a').setTo(1).execute()],
  ['update', (_c, s) => s.update(k).bin('a').setTo(1).execute()],
  ['replace', (_c, s) => s.replace(k).bin('a').setTo(1).execute()],
  ['replaceIfExists', (_c, s) => s.replaceIfExists(k).bin('a').setTo(1).execute()],
  ['delete', (_c, s) => s.delete(k).execute()],
  ['touch', (_c, s) => s.touch(k).execute()],
  ['exists', (_c, s) => s.exists(k).execute()],
  ['query(key)', (_c, s) => s.query(k).execute()],
  ['upsert of two keys', (_c, s) => s.upsert(k, ds.id(2)).bin('a').setTo(1).execute()],
  ['query(keys)', (_c, s) => s.query(k, ds.id(2)).execute()],
  [
    'query(dataset)',
    async (_c, s) => {
      for await (const r of await s.query(ds).execute()) void r;
    }
  ],
  ['batch', (_c, s) => s.batch().upsert(k).bin('a').setTo(1).read(ds.id(2)).execute()],
  ['executeUdf', (_c, s) => s.executeUdf(k).function('mod', 'fn').execute()],
  ['truncate', (_c, s) => s.truncate(ds)],
  ['info', (_c, s) => s.info('build')],
  ['isNamespaceSc', (_c, s) => s.isNamespaceSc('test')],
  ['index create', (_c, s) => s.index(ds).onBin('a').named('idx').numeric().create()],
  ['index drop', (_c, s) => s.index(ds).named('idx').drop()],
  ['background delete', (_c, s) => s.backgroundTask().delete(ds).execute()],
  ['background update', (_c, s) => s.backgroundTask().update(ds).bin('a').setTo(1).execute()],
  ['registerUdf', (c) => c.registerUdf('bad_closed.lua', 'function f(r) return 1 end')],
  ['removeUdf', (c) => c.removeUdf('bad_closed.lua')]
];

describe('fluent: a closed client', () => {
  it.each(VERBS)('%s', (_name, call) => wire.expectRejected(() => call(closed, closed.createSession(Behavior.DEFAULT)), ClientClosedError, 'The client is closed; create and connect a new client'));
  it('connect() again', () => wire.expectRejected(() => closed.connect(), ClientClosedError, 'The client is closed; create and connect a new client'));
});

describe('fluent: a client never connected', () => {
  it.each(VERBS)('%s', (_name, call) => wire.expectRejected(() => call(fresh, fresh.createSession(Behavior.DEFAULT)), ClientClosedError, 'The client is not connected; call connect() first'));
});
