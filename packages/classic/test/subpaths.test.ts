import * as aerospike from '@aerospike-ts/classic';
import * as bit_operations from '@aerospike-ts/classic/bit_operations';
import * as exp from '@aerospike-ts/classic/exp';
import * as hll_operations from '@aerospike-ts/classic/hll_operations';
import * as list_operations from '@aerospike-ts/classic/list_operations';
import * as map_operations from '@aerospike-ts/classic/map_operations';
import * as predicates from '@aerospike-ts/classic/predicates';

describe('helper modules as subpath imports', () => {
  const modules = { list_operations, map_operations, hll_operations, bit_operations, exp, predicates };

  it.each(Object.keys(modules))('%s exports exactly what the package namespace does', (name) => {
    const sub = modules[name as keyof typeof modules] as Record<string, unknown>;
    const ns = aerospike[name as keyof typeof modules] as Record<string, unknown>;
    expect(Object.keys(sub).sort()).toEqual(Object.keys(ns).sort());
    for (const k of Object.keys(sub)) expect(sub[k]).toBe(ns[k]);
  });

  it('builds the same operation either way', () => {
    expect(list_operations.list_append('l', 1)).toEqual(aerospike.list_operations.list_append('l', 1));
    expect(predicates.between('n', 1, 5)).toEqual(aerospike.predicates.between('n', 1, 5));
  });
});
