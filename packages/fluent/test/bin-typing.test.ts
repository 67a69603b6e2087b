import { ExpOp, ExpReadFlags, ExpWriteFlags, InvalidArgumentError, ListOp, Op, parseAel, type AerospikeClient } from '@aerospike-ts/core';
import { Behavior } from '../src/behavior';
import { BatchBinBuilder, BatchBuilder } from '../src/batch-builder';
import { BinOps } from '../src/bin-ops';
import { DataSet, type Key } from '../src/dataset';
import type { FluentRecord, RecordStream } from '../src/record-result';
import { Session } from '../src/session';
import { BinBuilder, WriteSegmentBuilder } from '../src/write-builder';

interface User {
  name: string;
  age: number;
  tags: string[];
}

// The builders only store the client until execute(); these tests never execute.
const client = {} as AerospikeClient;
interface Order {
  total: number;
}

const users = DataSet.of<User>('test', 'users');
const orders = DataSet.of<Order>('test', 'orders');
const plain = DataSet.of('test', 'plain');

describe('typed bin builders', () => {
  it('check setTo against the dataset type at compile time', () => {
    const w = new WriteSegmentBuilder<User>(client, Behavior.DEFAULT, 'upsert', [users.id(1)]);
    expect(w.bin('age').setTo(30).bin('name').setTo('Alice').bin('tags').setTo(['a'])).toBe(w);
    // @ts-expect-error age is a number
    w.bin('age').setTo('thirty');
    // @ts-expect-error name is a string
    w.bin('name').setTo(1);
    // @ts-expect-error tags is a string[]
    w.bin('tags').setTo([1, 2]);
    // @ts-expect-error no such bin in User
    w.bin('nmae');
    expect(w.bin('age')).toBeInstanceOf(BinOps);
  });

  it('check list element types on typed list bins', () => {
    const w = new WriteSegmentBuilder<User>(client, Behavior.DEFAULT, 'upsert', [users.id(1)]);
    expect(w.bin('tags').listAppend('a').bin('tags').listAppendItems(['b', 'c']).bin('tags').listInsert(0, 'z').bin('tags').listSet(1, 'y')).toBe(w);
    // @ts-expect-error tags holds strings
    w.bin('tags').listAppend(1);
    // @ts-expect-error tags holds strings
    w.bin('tags').listAddItems([1, 2]);
    // @ts-expect-error tags holds strings
    w.bin('tags').listInsert(0, true);
    // nested paths take any collection value
    expect(w.bin('tags').onListIndex(0).setTo(5)).toBe(w);
  });

  it('flow through session verbs given the bins type', () => {
    const session = new Session(client, Behavior.DEFAULT);
    const w = session.upsert<User>(users.id(1));
    w.bin('age').setTo(31);
    // @ts-expect-error age is a number
    w.bin('age').setTo(true);
    expect(w.bin('name')).toBeInstanceOf(BinBuilder);
  });

  it('leave untyped datasets open to any bin and value', () => {
    const w = new WriteSegmentBuilder(client, Behavior.DEFAULT, 'upsert', [plain.id(1)]);
    expect(w.bin('anything').setTo('x').bin('other').setTo(5).bin('list').setTo([1, 'a']).bin('m').onMapKey('k').setTo(1)).toBe(w);
    const s = new Session(client, Behavior.DEFAULT).upsert(plain.id(2));
    expect(s.bin('free').listAppend(1)).toBe(s);
  });
});

describe('record-level shortcuts', () => {
  it('emit the same operations as the bin builder', () => {
    const w = new WriteSegmentBuilder<User>(client, Behavior.DEFAULT, 'upsert', [users.id(1)]);
    const ops: unknown[] = [];
    jest.spyOn(w, 'op').mockImplementation((o) => {
      ops.push(o);
      return w;
    });
    w.setTo('age', 3).add('age', 1).incrementBy('age', 2).append('name', 'x').prepend('name', 'y').get('tags').removeBin('tags');
    w.selectFrom('calc', '$.age + 1', { ignoreEvalFailure: true }).insertFrom('age', '$.age').updateFrom('age', '$.age').upsertFrom('age', '$.age').addOperation(Op.touch());
    expect(ops).toEqual([
      Op.write('age', 3),
      Op.add('age', 1),
      Op.add('age', 2),
      Op.append('name', 'x'),
      Op.prepend('name', 'y'),
      Op.read('tags'),
      Op.write('tags', null),
      ExpOp.read('calc', parseAel('$.age + 1'), ExpReadFlags.EVAL_NO_FAIL),
      ExpOp.write('age', parseAel('$.age'), ExpWriteFlags.CREATE_ONLY),
      ExpOp.write('age', parseAel('$.age'), ExpWriteFlags.UPDATE_ONLY),
      ExpOp.write('age', parseAel('$.age'), ExpWriteFlags.DEFAULT),
      Op.touch()
    ]);
    // @ts-expect-error age is a number
    w.setTo('age', 'old');
    // @ts-expect-error no such bin
    w.add('agee', 1);
  });
});

describe('query(key) builders', () => {
  it('accept reads and reject writes at the call site', () => {
    const q = new Session(client, Behavior.DEFAULT).query(plain.id(1));
    expect(q.bin('l').listSize().bin('m').onMapKey('a').getValues().bin('x').selectFrom('$.a + 1').bin('h').hllGetCount().bin('b').bitCount(0, 8)).toBe(q);
    expect(() => q.bin('l').listAppend(1)).toThrow(/query\(\) only reads; bin 'l' has a write operation/);
    expect(() => q.bin('m').onMapKey('a').setTo(1)).toThrow(InvalidArgumentError);
    expect(() => q.bin('n').setTo(1)).toThrow(InvalidArgumentError);
    expect(() => q.bin('h').hllAdd(['x'])).toThrow(InvalidArgumentError);
  });
});

describe('batch entries share the bin builder', () => {
  it('offers the same operations and returns the batch builder', () => {
    const batch = new BatchBuilder(client, Behavior.DEFAULT);
    const bin = batch.upsert(plain.id(1)).bin('l');
    expect(bin).toBeInstanceOf(BatchBinBuilder);
    expect(bin).toBeInstanceOf(BinOps);
    expect(bin.listAppend(1)).toBe(batch);
    expect(batch.bin('m').onMapKey('a').onListIndex(0).getValues()).toBe(batch);
    expect(batch.bin('h').hllGetCount().bin('b').bitCount(0, 8)).toBe(batch);
  });

  it('adds the operations to the current entry', () => {
    const ops: unknown[] = [];
    const batch = new BatchBuilder(client, Behavior.DEFAULT).upsert(plain.id(1));
    const spy = jest.spyOn(batch, 'op').mockImplementation((o) => {
      ops.push(o);
      return batch;
    });
    batch.bin('l').listAppendItems([1, 2]);
    expect(ops).toEqual([ListOp.appendItems('l', [1, 2])]);
    spy.mockRestore();
  });

  it('keeps read entries read-only', () => {
    const batch = new BatchBuilder(client, Behavior.DEFAULT).read(plain.id(1));
    expect(batch.bin('l').onListIndex(0).getValues()).toBe(batch);
    expect(() => batch.bin('l').listAppend(1)).toThrow(/a batch read\(\) entry only reads/);
  });

  it('rejects bin operations on verbs that take none', () => {
    const batch = new BatchBuilder(client, Behavior.DEFAULT).delete(plain.id(1));
    expect(() => batch.bin('l').listAppend(1)).toThrow(/takes no bin operations/);
  });
});

describe('the bins type flows from DataSet.of<User>()', () => {
  const session = new Session(client, Behavior.DEFAULT);

  it('makes typed keys', () => {
    const k: Key<User> = users.id(1);
    const ks: Key<User>[] = users.ids(1, 2);
    const d: Key<User> = users.idFromDigest(k.digest);
    expect([k.value, ks.length, d.digest]).toEqual([1, 2, k.digest]);
    // @ts-expect-error a users key is not an orders key
    const wrong: Key<Order> = users.id(1);
    expect(wrong.setName).toBe('users');
  });

  it('types the builder of every verb from its keys, without naming the type', () => {
    expect(session.upsert(users.id(1)).bin('age').setTo(30)).toBeInstanceOf(WriteSegmentBuilder);
    session.update(...users.ids(1, 2)).bin('name').setTo('x');
    session.insert(users.ids(1, 2)).bin('tags').listAppend('t');
    session.replace(users.id(1)).put({ name: 'n', age: 1 });
    session.replaceIfExists(users.id(1)).setTo('age', 2);
    // @ts-expect-error age is a number
    session.upsert(users.id(1)).bin('age').setTo('thirty');
    // @ts-expect-error age is a number (varargs)
    session.update(...users.ids(1, 2)).bin('age').setTo(false);
    // @ts-expect-error tags holds strings (an array of keys)
    session.insert(users.ids(1, 2)).bin('tags').listAppend(7);
    // @ts-expect-error no such bin in User
    session.upsert(users.id(1)).bin('nmae');
    // @ts-expect-error put() takes User's bins
    session.replace(users.id(1)).put({ age: 'old' });
    // @ts-expect-error put() takes User's bins only
    session.upsert(users.id(1)).put({ shoeSize: 44 });
  });

  it('lets an untyped key take a named type, and refuses a key of another type', () => {
    session.upsert<User>(plain.id(1)).bin('age').setTo(3);
    // @ts-expect-error age is a number
    session.upsert<User>(plain.id(1)).bin('age').setTo('3');
    // @ts-expect-error an Order key for a User command
    session.upsert<User>(orders.id(1));
    // untyped keys stay open
    session.upsert(plain.id(1)).bin('anything').setTo({ x: [1] });
  });

  it('types batch entries one by one', () => {
    const b = session.batch();
    expect(b.upsert(users.id(1)).bin('age').setTo(1).upsert(orders.id(2)).bin('total').add(5).read(plain.id(3)).bin('free').get()).toBe(b);
    // @ts-expect-error total is a number
    b.upsert(orders.id(2)).bin('total').setTo('x');
    // @ts-expect-error the current entry is an Order: no bin 'age'
    b.upsert(users.id(1)).bin('age').setTo(1).update(orders.id(2)).bin('age');
    // @ts-expect-error put() takes the current entry's bins
    b.upsert(users.id(1)).put({ total: 1 });
  });

  it('types the records that come back', () => {
    // never run: the compiler checks the types of what these calls resolve to
    const checks = async (): Promise<void> => {
      const rec: FluentRecord<User> | null = await session.get(users.id(1));
      const age: number | undefined = rec?.bins.age;
      // @ts-expect-error no such bin in User
      void rec?.bins.nmae;
      const stream: RecordStream<User> = await session.query(users.id(1)).bin('age').get().execute();
      const first = await stream.firstOrRaise();
      const tags: string[] | undefined = first.record?.bins.tags;
      const k: Key<User> = first.key;
      const scanned: RecordStream<User> = await session.query(users).execute();
      const written: RecordStream<User> = await session.upsert(...users.ids(1, 2)).bin('age').setTo(1).execute();
      await session.put(users.id(1), { age: 3 });
      // @ts-expect-error age is a number
      await session.put(users.id(1), { age: '3' });
      void [age, tags, k, scanned, written];
    };
    expect(typeof checks).toBe('function');
  });
});
