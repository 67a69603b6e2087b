import { compileAel } from '../../src/ael/compile';
import { planAelQuery, type KnownIndex } from '../../src/ael/index-selection';
import { parseSindexList, SindexCatalog } from '../../src/ael/sindex-catalog';
import { ListExp, MapExp } from '../../src/ael/cdt-exp';
import { CollectionType, IndexFilter } from '../../src/command/index-filter';
import { InvalidArgumentError } from '../../src/errors/client-errors';
import { Exp, ExpType, type ExpNode } from '../../src/exp/exp';
import { Ctx } from '../../src/ops/cdt-context';
import { packContext } from '../../src/ops/cdt-pack';
import { ListReturnType } from '../../src/ops/list-operations';
import { MapReturnType } from '../../src/ops/map-operations';

const ix = (name: string, bin: string, type: KnownIndex['type'], collection: KnownIndex['collection'] = 'default', extra: Partial<KnownIndex> = {}): KnownIndex => ({
  namespace: 'test',
  set: 'people',
  bin,
  name,
  type,
  collection,
  context: null,
  ...extra
});
const INDEXES: KnownIndex[] = [
  ix('age_idx', 'age', 'numeric'),
  ix('name_idx', 'name', 'string'),
  ix('tags_idx', 'tags', 'string', 'list'),
  ix('attrs_keys', 'attrs', 'string', 'mapkeys'),
  ix('loc_idx', 'loc', 'geo'),
  ix('score_idx', 'm', 'numeric', 'default', { context: [Ctx.mapKey('score')] }),
  ix('other_set', 'city', 'string', 'default', { set: 'elsewhere' }),
  ix('any_set', 'zip', 'numeric', 'default', { set: null })
];
const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);
const hex = (n: ExpNode | null): string | null => (n === null ? null : Exp.build(n).toBytes().toString('hex'));

function plan(text: string, hint = {}, indexes = INDEXES) {
  const p = planAelQuery(compileAel(text), 'test', 'people', indexes, hint);
  return { index: p.index?.name ?? null, filter: p.indexFilter, rest: p.filterExpression?.toBytes().toString('hex') ?? null };
}

describe('planAelQuery splits a top-level and into an index filter and the rest', () => {
  it.each<[string, string | null, IndexFilter | null, ExpNode | null]>([
    ['$.age == 30', 'age_idx', IndexFilter.equal('age', 30), null],
    ['30 == $.age', 'age_idx', IndexFilter.equal('age', 30), null],
    ['$.age > 30', 'age_idx', IndexFilter.range('age', 31n, MAX), null],
    ['$.age >= 30', 'age_idx', IndexFilter.range('age', 30n, MAX), null],
    ['$.age < 30', 'age_idx', IndexFilter.range('age', MIN, 29n), null],
    ['$.age <= 30', 'age_idx', IndexFilter.range('age', MIN, 30n), null],
    ['18 < $.age', 'age_idx', IndexFilter.range('age', 19n, MAX), null],
    ['$.age >= 18 and $.age < 65', 'age_idx', IndexFilter.range('age', 18n, 64n), null],
    ['$.age >= 18 and $.x == 1 and $.age <= 65', 'age_idx', IndexFilter.range('age', 18n, 65n), Exp.eq(Exp.intBin('x'), Exp.val(1))],
    ["$.name == 'Tim'", 'name_idx', IndexFilter.equal('name', 'Tim'), null],
    ["$.age > 18 and $.name == 'Tim'", 'name_idx', IndexFilter.equal('name', 'Tim'), Exp.gt(Exp.intBin('age'), Exp.val(18))],
    ["$.x == 1 and $.age == 5 and $.y == 'a'", 'age_idx', IndexFilter.equal('age', 5), Exp.and(Exp.eq(Exp.intBin('x'), Exp.val(1)), Exp.eq(Exp.stringBin('y'), Exp.val('a')))],
    ["'red' in $.tags", 'tags_idx', IndexFilter.contains('tags', CollectionType.LIST, 'red'), null],
    ["'red' in $.tags and $.age != 3", 'tags_idx', IndexFilter.contains('tags', CollectionType.LIST, 'red'), Exp.ne(Exp.intBin('age'), Exp.val(3))],
    ['$.attrs.color.exists()', 'attrs_keys', IndexFilter.contains('attrs', CollectionType.MAPKEYS, 'color'), null],
    ['$.m.score == 7', 'score_idx', IndexFilter.equal('m', 7, CollectionType.DEFAULT, packContext([Ctx.mapKey('score')])), null],
    ['$.m.score > 7', 'score_idx', IndexFilter.range('m', 8n, MAX, CollectionType.DEFAULT, packContext([Ctx.mapKey('score')])), null],
    ['$.zip == 12345', 'any_set', IndexFilter.equal('zip', 12345), null],
    // not servable: stays a filter expression
    ['$.age != 30', null, null, Exp.ne(Exp.intBin('age'), Exp.val(30))],
    ['$.age == 30 or $.x == 1', null, null, Exp.or(Exp.eq(Exp.intBin('age'), Exp.val(30)), Exp.eq(Exp.intBin('x'), Exp.val(1)))],
    ['$.age == 30.5', null, null, null],
    ['$.age.asFloat() == 30', null, null, null],
    ["$.city == 'Oslo'", null, null, Exp.eq(Exp.stringBin('city'), Exp.val('Oslo'))],
    ['$.m.other == 7', null, null, Exp.eq(MapExp.getByKey(MapReturnType.VALUE, ExpType.INT, Exp.val('other'), Exp.mapBin('m')), Exp.val(7))],
    ["$.name == 5", null, null, Exp.eq(Exp.intBin('name'), Exp.val(5))],
    ['5 in $.nums', null, null, ListExp.getByValue(ListReturnType.EXISTS, Exp.val(5), Exp.listBin('nums'))],
    ['$.age > 5 and $.age < 3', null, null, Exp.and(Exp.gt(Exp.intBin('age'), Exp.val(5)), Exp.lt(Exp.intBin('age'), Exp.val(3)))]
  ])('%s', (text, index, filter, rest) => {
    const p = plan(text);
    expect(p.index).toBe(index);
    expect(p.filter).toEqual(filter);
    if (rest !== null || index !== null) expect(p.rest).toBe(hex(rest));
    else expect(p.rest).not.toBeNull();
  });

  it('keeps a geo condition in the filter expression as well (the index narrows, the expression decides)', () => {
    const text = `geoCompare($.loc, geoJson('{"type":"AeroCircle","coordinates":[[1.0,2.0],100]}'))`;
    const p = planAelQuery(compileAel(text), 'test', 'people', INDEXES);
    expect(p.index?.name).toBe('loc_idx');
    expect(p.indexFilter?.particleType).toBe(23);
    expect(p.filterExpression?.toBytes()).toEqual(Exp.build(compileAel(text).build(compileAel(text).ast)).toBytes());
  });

  it('a hint forces a named index or forbids any', () => {
    expect(plan("$.age > 18 and $.name == 'Tim'", { index: 'age_idx' }).filter).toEqual(IndexFilter.range('age', 19n, MAX));
    expect(plan("$.age > 18 and $.name == 'Tim'", { noIndex: true })).toMatchObject({ index: null, filter: null });
    expect(() => plan('$.x == 1', { index: 'age_idx' })).toThrow(InvalidArgumentError);
    expect(() => plan('$.x == 1', { index: 'nope' })).toThrow(/index 'nope' is unknown or serves no/);
    expect(() => plan('$.x == 1', { index: 'age_idx', noIndex: true })).toThrow(/either index or noIndex/);
  });

  it('ignores indexes of another namespace and nested indexes whose context is not known exactly', () => {
    expect(plan('$.age == 1', {}, [ix('a', 'age', 'numeric', 'default', { namespace: 'bar' })]).index).toBeNull();
    expect(plan('$.m.score == 1', {}, [ix('a', 'm', 'numeric', 'default', { contextText: '[map_key(<string#5>)]' })]).index).toBeNull();
    expect(plan('$.m == 1', {}, [ix('a', 'm', 'numeric', 'default', { contextText: '[map_key(<string#5>)]' })]).index).toBeNull();
  });

  it('uses a nested-element index whose packed context (from sindex-list b64) matches the path', () => {
    const packed = new Uint8Array(packContext([Ctx.mapKey('score')]));
    const known = [ix('b64', 'm', 'numeric', 'default', { packedContext: packed })];
    expect(plan('$.m.score >= 3', {}, known)).toMatchObject({ index: 'b64', filter: IndexFilter.range('m', 3n, MAX, CollectionType.DEFAULT, packContext([Ctx.mapKey('score')])) });
    expect(plan('$.m.other >= 3', {}, known).index).toBeNull();
    expect(plan('$.m >= 3', {}, known).index).toBeNull();
  });
});

describe('sindex catalog', () => {
  const reply =
    'ns=test:indexname=age_idx:set=people:bin=age:type=numeric:indextype=default:context=null:exp=null:state=RW;' +
    'ns=test:indexname=tags_idx:set=NULL:bin=tags:type=string:indextype=list:context=null:exp=null:state=RW;' +
    'ns=test:indexname=ctx_idx:set=people:bin=m:type=numeric:indextype=default:context=[map_key(<string#1>)]:exp=null:state=RW;' +
    'ns=test:indexname=ctx_b64:set=people:bin=m:type=numeric:indextype=default:context=kiKmA3Njb3Jl:exp=null:state=RW;' +
    'ns=test:indexname=geo_idx:set=people:bin=loc:type=geo2dsphere:indextype=default:context=null:exp=null:state=RW;' +
    'ns=test:indexname=building:set=people:bin=b:type=numeric:indextype=default:context=null:exp=null:state=WO;' +
    'ns=test:indexname=exp_idx:set=people:bin=null:type=numeric:indextype=default:context=null:exp=kwEC:state=RW;';

  it('parses sindex-list replies', () => {
    expect(parseSindexList(reply)).toEqual([
      { namespace: 'test', set: 'people', bin: 'age', name: 'age_idx', type: 'numeric', collection: 'default', context: null },
      { namespace: 'test', set: null, bin: 'tags', name: 'tags_idx', type: 'string', collection: 'list', context: null },
      { namespace: 'test', set: 'people', bin: 'm', name: 'ctx_idx', type: 'numeric', collection: 'default', context: null, contextText: '[map_key(<string#1>)]' },
      { namespace: 'test', set: 'people', bin: 'm', name: 'ctx_b64', type: 'numeric', collection: 'default', context: null, packedContext: new Uint8Array(packContext([Ctx.mapKey('score')])) },
      { namespace: 'test', set: 'people', bin: 'loc', name: 'geo_idx', type: 'geo', collection: 'default', context: null }
    ]);
    expect(parseSindexList('')).toEqual([]);
  });

  it('caches per namespace and refreshes lazily after the interval; concurrent askers share a request', async () => {
    let now = 0;
    const asked: string[] = [];
    const source = {
      info: async (cmd: string): Promise<Map<string, string>> => {
        asked.push(cmd);
        return new Map([[cmd, asked.length === 1 ? reply : '']]);
      }
    };
    const cat = new SindexCatalog(source, { refreshIntervalMs: 1000, now: () => now });
    const [a, b] = await Promise.all([cat.indexes('test'), cat.indexes('test')]);
    expect(a).toBe(b);
    expect(a).toHaveLength(5);
    expect(asked).toEqual(['sindex-list:ns=test;b64=true']);
    now = 999;
    expect(await cat.indexes('test')).toHaveLength(5);
    expect(asked).toHaveLength(1);
    now = 1000;
    expect(await cat.indexes('test')).toHaveLength(0);
    expect(asked).toHaveLength(2);
    await cat.indexes('bar');
    expect(asked[2]).toBe('sindex-list:ns=bar;b64=true');
    cat.invalidate('bar');
    await cat.indexes('bar');
    expect(asked).toHaveLength(4);
  });

  it('a failed read is not cached', async () => {
    let fail = true;
    const cat = new SindexCatalog({
      info: async (cmd) => {
        if (fail) throw new Error('down');
        return new Map([[cmd, reply]]);
      }
    });
    await expect(cat.indexes('test')).rejects.toThrow('down');
    fail = false;
    expect(await cat.indexes('test')).toHaveLength(5);
  });
});
