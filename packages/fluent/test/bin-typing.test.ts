import { ExpOp, ExpReadFlags, ExpWriteFlags, InvalidArgumentError, ListOp, Op, parseAel, type AerospikeClient } from '@aerospike-ts/core';
import { Behavior } from '../src/behavior';
import { BatchBinBuilder, BatchBuilder } from '../src/batch-builder';
import { BinOps } from '../src/bin-ops';
import { DataSet } from '../src/dataset';
import { Session } from '../src/session';
import { BinBuilder, WriteSegmentBuilder } from '../src/write-builder';

interface User {
  name: string;
  age: number;
  tags: string[];
}

// The builders only store the client until execute(); these tests never execute.
const client = {} as AerospikeClient;
const users = DataSet.of<User>('test', 'users');
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
