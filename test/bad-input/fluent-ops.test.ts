import { AelError, InvalidArgumentError } from '@aerospike-ts/core';
import { Behavior, Client, DataSet, Exp, type Session } from '@aerospike-ts/fluent';
import { bad, useFluent } from './helpers/setup';

// Fluent front end: AEL strings and expressions, operation chains, batches, UDF calls and
// indexes that cannot work.

const env = useFluent();
const rejects = (call: () => unknown, message: string | RegExp): Promise<Error> => env.wire.expectRejected(call, InvalidArgumentError, message);
const aelRejects = (call: () => unknown, message: RegExp): Promise<Error> => env.wire.expectRejected(call, AelError, message);
const ds = DataSet.of('test', 'bad_fluent_ops');
const k = ds.id(1);
const session = (): Session => env.client.createSession(Behavior.DEFAULT);
const LONG = 'b'.repeat(16);

describe('fluent: invalid AEL in where()', () => {
  it('a write chain', () => aelRejects(() => session().upsert(k).where('$.a >>= 1'), /^expected a value but found '=' at column 7\n {2}\$\.a >>= 1\n {8}\^$/));
  it('a write chain, missing placeholder value', () => aelRejects(() => session().update(k).where('$.a == ?0'), /^placeholder \?0 has no value \(0 given\) at column 8\n/));
  it('a read of keys', () => aelRejects(() => session().query(k).where('and'), /^unknown name 'and' at column 1\n/));
  it('a dataset query, cut short', () => aelRejects(() => session().query(ds).where('$.age =='), /^expected a value but found the end at column 9\n/));
  it('a dataset query, unbalanced parenthesis', () => aelRejects(() => session().query(ds).where('($.a > 1'), /^expected '\)'/));
  it('a batch entry', () => aelRejects(() => session().batch().upsert(k).where('$.a <').bin('a').setTo(1), /^expected a value but found the end at column 6\n/));
  it('a dataset query given a number', () => rejects(() => session().query(ds).where(bad(5)), 'where() needs an AEL string or a filter expression, got number'));
  it('a dataset query given a plain object', () => rejects(() => session().query(ds).where(bad({ text: '$.a > 1' })), 'where() needs an AEL string or a filter expression, got object'));
  it('a background task', () => aelRejects(() => session().backgroundTask().update(ds).bin('a').setTo(1).where('$.a ==').execute(), /^expected a value but found the end at column 7\n/));
  it('a background task, at the where() call', () => aelRejects(() => session().backgroundTask().update(ds).where('$.a =='), /^expected a value but found the end at column 7\n/));
  it('a background UDF task given a number', () => rejects(() => session().backgroundTask().executeUdf(ds).where(bad(5)), 'where() needs an AEL string or a filter expression, got number'));
  it('a read of several keys given a number', () => rejects(() => session().query(k, ds.id(2)).where(bad(5)), 'where() needs an AEL string or a filter expression, got number'));
  it('a batch entry given null', () => rejects(() => session().batch().upsert(k).where(bad(null)), 'where() needs an AEL string or a filter expression, got null'));
});

describe('fluent: invalid expressions', () => {
  it('selectFrom of AEL cut short', () => aelRejects(() => session().query(k).bin('x').selectFrom('$.a +'), /^expected a value but found the end at column 6\n/));
  it('selectFrom of a number', () => rejects(() => session().query(k).bin('x').selectFrom(bad(5)), 'selectFrom: pass an AEL string, an Expression or an Exp node'));
  it('upsertFrom of AEL cut short', () => aelRejects(() => session().upsert(k).bin('a').upsertFrom('$.a *'), /^expected a value but found the end at column 6\n/));
  it('an Exp on a bin name too long', () => rejects(() => session().query(k).bin('x').selectFrom(Exp.intBin(LONG)), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('an Exp value containing itself', () => {
    const l: unknown[] = [];
    l.push(l);
    return rejects(() => session().query(k).bin('x').selectFrom(Exp.val(bad(l))), 'expression value[0]: circular structure (the value contains itself); only trees of values can be written');
  });
  it('where(5) on a write chain', () => rejects(() => session().upsert(k).where(bad(5)), 'where() needs an AEL string or a filter expression, got number'));
});

describe('fluent: operation chains', () => {
  it('upsert without operations', () => rejects(() => session().upsert(k).execute(), 'upsert(test:bad_fluent_ops:1) has no bin operations; add .bin(...) or .put({...})'));
  it('update of two keys without operations', () => rejects(() => session().update(k, ds.id(2)).execute(), 'update() has no bin operations; add .bin(...) or .put({...})'));
  it('delete with a bin operation', () => rejects(() => session().delete(k).bin('a').setTo(1), 'delete() takes no bin operations'));
  it('exists with a bin operation', () => rejects(() => session().exists(k).bin('a').get(), 'exists() takes no bin operations'));
  it('a read chain with a write', () => rejects(() => session().query(k).bin('a').setTo(1), "query() only reads; bin 'a' has a write operation — start the chain with update() or upsert() to write"));
  it('listAppendItems of nothing', () => rejects(() => session().upsert(k).bin('l').listAppendItems([]), 'listAppendItems: items is empty; pass at least one element'));
  it('mapUpsertItems of nothing', () => rejects(() => session().upsert(k).bin('m').mapUpsertItems({}), 'mapUpsertItems: items is empty; pass at least one entry'));
  it('hllAdd of nothing', () => rejects(() => session().upsert(k).bin('h').hllAdd([]), 'hllAdd: values is empty; pass at least one element'));
  it('listInsert at index 1.5', () => rejects(() => session().upsert(k).bin('l').listInsert(1.5, 1), 'listInsert: index must be an integer, got 1.5'));
  it('onListIndex(NaN)', () => rejects(() => session().query(k).bin('l').onListIndex(NaN).getValues(), 'onListIndex: index must be an integer, got NaN'));
  it('getKeys() on a list selection', () => rejects(() => session().query(k).bin('l').onListIndex(0).getKeys(), 'getKeys: keys exist only in maps; this selection is in a list'));
  it('setTo() after a range selection', () => rejects(() => session().upsert(k).bin('l').onListIndexRange(0, 2).setTo(1), 'setTo: navigate with onMapKey or onListIndex first (the selection is listIndexRange)'));
});

describe('fluent: batches', () => {
  it('an empty batch', () => rejects(() => session().batch().execute(), 'an empty batch: add entries with upsert/insert/…'));
  it('a bin operation before any entry', () => rejects(() => session().batch().bin('a').setTo(1), 'bin(): start an entry with upsert/insert/update/replace/delete/touch/exists/read first'));
  it('an entry without operations', () => rejects(() => session().batch().upsert(k).execute(), 'batch entry upsert(test:bad_fluent_ops:1) has no bin operations'));
  it('a delete entry with a bin operation', () => rejects(() => session().batch().delete(k).bin('a').setTo(1), 'delete() takes no bin operations'));
  it('a read entry with a write', () => rejects(() => session().batch().read(k).bin('a').setTo(1), "a batch read() entry only reads; bin 'a' has a write operation — start the chain with update() or upsert() to write"));
});

describe('fluent: UDF calls and indexes', () => {
  it('no function', () => rejects(() => session().executeUdf(k).execute(), 'executeUdf(): call .function(module, fn) before execute()'));
  it('an empty module name', () => rejects(() => session().executeUdf(k).function('', 'fn'), 'function(module, fn) needs the UDF module and function names'));
  it('an empty function name', () => rejects(() => session().executeUdf(k).function('mod', ''), 'function(module, fn) needs the UDF module and function names'));
  it('a module name that is a number', () => rejects(() => session().executeUdf(k).function(bad(1), 'fn'), 'function(module, fn) needs the UDF module and function names'));
  it('an index on a bin name too long', () => rejects(() => session().index(ds).onBin(LONG).named('idx').numeric().create(), `bin name "${LONG}" is 16 bytes long; the limit is 15 bytes`));
  it('an index without a name', () => rejects(() => session().index(ds).onBin('a').named(''), 'named() needs an index name'));
  it('an index without a bin', () => rejects(() => session().index(ds).named('idx').numeric().create(), 'create(): choose the bin with onBin(...) first'));
  it('dataset query bins() of nothing', () => rejects(() => session().query(ds).bins(), 'bins() needs one or more bin names'));
  it('truncate before a negative time', () => rejects(() => session().truncate(ds, -1n), 'truncate: beforeNanos must be a non-negative integer (nanoseconds since 1970), got -1'));
  it('registerUdf with an empty name', () => rejects(() => env.client.registerUdf('', 'function f(r) end'), 'UDF module name must not be empty'));
  it('new Client(5)', () => rejects(() => new Client(bad(5)), 'Client needs a seed list "host:port,…" or a ClusterDefinition, got number'));
  it('new Client of a core client config', () => rejects(() => new Client(bad({ hosts: '127.0.0.1:3000' })), 'Client needs a seed list "host:port,…" or a ClusterDefinition, got object'));
});
