import { compileAel, parseAel, planAelQuery, SindexCatalog, type AerospikeClient, type FilterExpression, type IndexFilter, type IndexHint } from '@aerospike-ts/core';

/** How a dataset query runs: an index filter (or none: a scan) and what is checked on each record. */
export interface QueryPlan {
  readonly indexFilter: IndexFilter | null;
  /** The name of the index chosen, or null for a scan. */
  readonly indexName: string | null;
  readonly filterExpression: FilterExpression | null;
}

/** Turns a `where` string into a plan for a query on `namespace`/`set`. */
export type QueryPlanner = (where: string, placeholders: readonly unknown[], namespace: string, set: string | null, hint: IndexHint) => Promise<QueryPlan>;

/** A planner that never uses an index: the whole `where` is a filter expression on a scan. */
export const scanPlanner: QueryPlanner = async (where, placeholders) => ({ indexFilter: null, indexName: null, filterExpression: parseAel(where, ...placeholders) });

const catalogs = new WeakMap<AerospikeClient, SindexCatalog>();

/**
 * A planner that reads the servers' secondary indexes (`sindex-list`, cached per client
 * for `refreshIntervalMs`) and serves one condition of the `where` with an index when it can.
 */
export function indexPlanner(client: AerospikeClient, refreshIntervalMs = 5_000): QueryPlanner {
  let catalog = catalogs.get(client);
  if (catalog === undefined) {
    catalog = new SindexCatalog({ info: (cmd) => client.info(cmd) }, { refreshIntervalMs });
    catalogs.set(client, catalog);
  }
  const cat = catalog;
  return async (where, placeholders, namespace, set, hint) => {
    const program = compileAel(where, ...placeholders);
    const plan = planAelQuery(program, namespace, set, await cat.indexes(namespace), hint);
    return { indexFilter: plan.indexFilter, indexName: plan.index?.name ?? null, filterExpression: plan.filterExpression };
  };
}

/** Forgets the cached index list of a client (after creating or dropping an index). */
export function invalidateIndexes(client: AerospikeClient, namespace: string): void {
  catalogs.get(client)?.invalidate(namespace);
}
