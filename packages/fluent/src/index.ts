/**
 * `@aerospike-ts/fluent`: sessions and builders in the style of Aerospike's developer SDK.
 *
 * ```ts
 * import { Client, Behavior, DataSet } from '@aerospike-ts/fluent';
 * const client = await new Client('127.0.0.1:3000').connect();
 * const session = client.createSession(Behavior.DEFAULT);
 * const users = DataSet.of('test', 'users');
 * await session.upsert(users.id(1)).bin('name').setTo('Alice').execute();
 * ```
 * @packageDocumentation
 */
export { Client, ClusterDefinition, type ClientOptions } from './client.js';
export { Behavior, type BehaviorSettings } from './behavior.js';
export { DataSet, Key, type AnyBins, type KeyOf, type KeysOf } from './dataset.js';
export { WriteOptions, type WriteOverrides } from './write-options.js';
export { UdfCall, type UdfSpec } from './udf-call.js';
export { Session } from './session.js';
export { WriteSegmentBuilder, BinBuilder, HllConfig, type HllFlags, type WriteVerb } from './write-builder.js';
export { RecordResult, RecordStream, type FluentRecord } from './record-result.js';
export { BatchBuilder, BatchBinBuilder } from './batch-builder.js';
export { UdfBuilder } from './udf-builder.js';
export { AerospikeError, Double, GeoJSON, HLL } from '@aerospike-ts/core';
export { type BinName, type BinType } from './write-builder.js';
export { BinOps, type BinValue, type ExpInput, type HllAddOptions, type ListElement } from './bin-ops.js';
export { CollectionOps, CdtBuilder, CdtInvertableBuilder, type OpSink, type MapItems, type RemoveOptions, type ListCreateOptions, type ListIndexOptions, type MapKeyOptions } from './cdt-builder.js';
export type { BitFlags, ListWriteOptions, MapWriteOptions, SelectFromOptions, WriteFromOptions } from './bin-flags.js';
export { ListOrder, MapOrder, ListReturnType, MapReturnType, ListSortFlags, BitResizeFlags, BitOverflowAction, Exp } from '@aerospike-ts/core';
export { Ctx, ExpOp, ListWriteFlags, MapWriteFlags, BitWriteFlags, HllWriteFlags } from '@aerospike-ts/core';
export { QueryBuilder, type QueryExecuteOptions, type ErrorHandler } from './query-builder.js';
export { indexPlanner, scanPlanner, type QueryPlan, type QueryPlanner } from './query-planner.js';
export { IndexBuilder, type CollectionIndex } from './index-builder.js';
export { BackgroundTask, BackgroundTaskSession, BackgroundOperationBuilder, BackgroundUdfBuilder } from './background-task.js';
export { InfoCommands } from './info-commands.js';
export { SCOPES, scopeChain, type Settings, type Scope, type OpKind, type OpShape, type Mode } from './behavior.js';
export type { RecordSource, OnError, ExecuteOptions } from './record-result.js';
export { TransactionalSession } from './session.js';
export { runInTransaction, isTransientTransactionError, assertTransactionsSupported, type TransactionHost, type TransactionOptions, type TransactionRetryOptions } from './transaction.js';
export { Txn, TxnState, CommitStatus, AbortStatus, CommitError } from '@aerospike-ts/core';
