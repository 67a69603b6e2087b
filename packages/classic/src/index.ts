/**
 * `@aerospike-ts/classic`: the aerospike_py API in TypeScript. Port Python code by
 * changing syntax only: same method names, tuple keys, policy dicts, constants and
 * exception names; every call returns a Promise.
 *
 * ```ts
 * import * as aerospike from '@aerospike-ts/classic';
 * const client = await aerospike.client({ hosts: [['127.0.0.1', 3000]] }).connect();
 * await client.put(['test', 'demo', 'user1'], { name: 'Alice' });
 * ```
 * @packageDocumentation
 */
import { AsyncClient, type ClientConfig } from './client.js';
import * as exception from './exception.js';

export { AsyncClient, type ClientConfig, type InfoNodeResult } from './client.js';
export * from './constants.js';
export * from './exception.js';
export { exception };
export { Record, ExistsResult, OperateOrderedResult, type RecordMetadata, type BinTuple } from './record.js';
export type { Key, AerospikeKey, BatchRecord, UserKey } from './types.js';
export type { ReadPolicy, WritePolicy, BatchPolicy, QueryPolicy, AdminPolicy, WriteMeta, BasePolicy } from './policy.js';
export type { OperationDict } from './operations.js';
export { Query, partition_filter_all, partition_filter_by_id, partition_filter_by_range, type PartitionFilterDict } from './query.js';
import * as predicates from './predicates.js';
import * as list_operations from './list-operations.js';
import * as map_operations from './map-operations.js';
import * as hll_operations from './hll-operations.js';
import * as bit_operations from './bit-operations.js';
import * as exp from './exp.js';
export { list_operations, map_operations, hll_operations, bit_operations, exp };
export { predicates };
export type { Predicate } from './predicates.js';
export { Double, GeoJSON, HLL } from '@aerospike-ts/core';
export { set_log_level, dropped_log_count, get_metrics, set_metrics_enabled, is_metrics_enabled, start_metrics_server, stop_metrics_server } from './runtime.js';

/** A client for `config`, not connected yet: call `.connect()`. */
export function client(config: ClientConfig): AsyncClient {
  return new AsyncClient(config);
}

/** Same as {@link client} (aerospike_py's async factory). */
export function async_client(config: ClientConfig): AsyncClient {
  return new AsyncClient(config);
}
