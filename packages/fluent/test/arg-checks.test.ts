import { Exp, InvalidArgumentError, Key as CoreKey } from '@aerospike-ts/core';
import { binEntries, checkKeyArg, checkWhereArg, describeArg, keysOf, whereFilter } from '../src/arg-checks';
import { DataSet, Key } from '../src/dataset';

const ds = DataSet.of('test', 'args');
const k1 = ds.id(1);
const k2 = ds.id(2);

describe('describeArg', () => {
  it.each<[unknown, string]>([
    [null, 'null'],
    [undefined, 'undefined'],
    [[1], 'array'],
    [{}, 'object'],
    [Object.create(null), 'object'],
    [new Map(), 'Map'],
    ['x', 'string'],
    [5, 'number'],
    [new CoreKey('test', 'args', 1), 'a Key of @aerospike-ts/core (wrap it: new Key(coreKey))']
  ])('%p is %s', (v, text) => expect(describeArg(v)).toBe(text));
});

describe('keysOf', () => {
  it('flattens keys and arrays of keys in order', () => {
    expect(keysOf<Key>('upsert', [k1, [k2, k1]])).toEqual([k1, k2, k1]);
  });
  it('returns the arguments array itself when it holds keys only (no copy per command)', () => {
    const args = [k1, k2];
    expect(keysOf<Key>('upsert', args)).toBe(args);
    expect(keysOf<Key>('upsert', [])).toEqual([]);
  });
  it('names the argument that is not a key', () => {
    expect(() => keysOf('upsert', [k1, 'x'])).toThrow(new InvalidArgumentError('upsert(): keys[1] must be a Key (DataSet.id(…)), got string'));
  });
  it('names an array holding no key as the argument (a classic tuple)', () => {
    expect(() => keysOf('delete', [['test', 'args', 1]])).toThrow(new InvalidArgumentError('delete(): keys[0] must be a Key (DataSet.id(…)), got array'));
  });
  it('names the element of an array of keys that is not one', () => {
    expect(() => keysOf('exists', [[k1, k2, 7]])).toThrow(new InvalidArgumentError('exists(): keys[0][2] must be a Key (DataSet.id(…)), got number'));
  });
  it('accepts a key made from a core key', () => {
    const k = new Key(new CoreKey('test', 'args', 3));
    expect(() => checkKeyArg('key', k)).not.toThrow();
  });
});

describe('binEntries', () => {
  it('takes plain objects, also without a prototype', () => {
    const bare = Object.create(null) as { [k: string]: number };
    bare['b'] = 2;
    expect(binEntries({ a: 1 })).toEqual([['a', 1]]);
    expect(binEntries(bare)).toEqual([['b', 2]]);
  });
  it.each<[unknown, string]>([
    [[1, 2], 'array'],
    [new Map([['a', 1]]), 'Map'],
    [new Date(0), 'Date'],
    [null, 'null'],
    ['a=1', 'string']
  ])('refuses %p', (v, type) => expect(() => binEntries(v)).toThrow(new InvalidArgumentError(`put() needs an object of bins, got ${type}`)));
});

describe('where() arguments', () => {
  it('takes AEL text, built expressions and packed bytes', () => {
    const built = Exp.build(Exp.eq(Exp.intBin('a'), Exp.val(1)));
    expect(() => checkWhereArg('$.a == 1')).not.toThrow();
    expect(whereFilter(built, [])).toBe(built);
    expect(whereFilter(built.toBytes(), [])).toEqual(built.toBytes());
    expect(Buffer.from((whereFilter('$.a == 1', []) as { toBytes(): Uint8Array }).toBytes())).toEqual(Buffer.from(built.toBytes()));
  });
  it.each<[unknown, string]>([
    [5, 'number'],
    [null, 'null'],
    [{ text: '$.a' }, 'object']
  ])('refuses %p', (v, type) => expect(() => whereFilter(v, [])).toThrow(new InvalidArgumentError(`where() needs an AEL string or a filter expression, got ${type}`)));
});
