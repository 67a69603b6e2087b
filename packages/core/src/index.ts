/**
 * `@aerospike-ts/core`: the wire protocol, values, keys, connections and the command
 * engine shared by the classic and fluent front ends.
 * @packageDocumentation
 */
export * from './errors/index.js';
export { AerospikeClient, type ClientConfig, type OperateOptions, type CloseOptions, type QuerySpec } from './client.js';
export type { ClusterEvents, NodeRemovedReason } from './cluster/cluster.js';
export type { NodeStats } from './cluster/node.js';
export { PartitionMap } from './cluster/partition-map.js';
export { parsePeers, type Peer, type PeersReply } from './cluster/peers-parser.js';
export { parseReplicas, ownsPartition, type NamespaceReplicas } from './cluster/partition-parser.js';
export { Key, DIGEST_SIZE, partitionIdOf, computeDigest, type UserKey } from './keys/key.js';
export { Double } from './values/double.js';
export { GeoJSON } from './values/geojson.js';
export { HLL } from './values/hll.js';
export { SpecialValue, WILDCARD, INFINITY } from './values/special.js';
export { INT64_MAX, INT64_MIN } from './values/int64.js';
export type { Value, CdtValue, MapKey, DecodedValue, DecodedMapKey, Bins, DecodedBins, DecodeOptions } from './values/value-types.js';
export { MsgPackWriter, packValue, type MsgPackWriteOptions } from './values/msgpack-writer.js';
export { MsgPackReader, unpackValue } from './values/msgpack-reader.js';
export { decodeParticle } from './values/particle.js';
export { Op, type Operation } from './command/operation.js';
export type { AerospikeRecord, RecordMetadata } from './command/single-command.js';
export { voidTimeToTtl, parseSingleReply, type SingleReply, type ReplyHeader } from './command/record-parser.js';
export * from './policy/constants.js';
export type { BasePolicy, ReadPolicy, WritePolicy, FilterExpression } from './policy/policies.js';
export { DEFAULT_READ_POLICY, DEFAULT_WRITE_POLICY } from './policy/policies.js';
export { parseHosts, parseHost, type Host, type HostsInput } from './cluster/host.js';
export type { TlsOptions } from './net/connection.js';
export type { PoolStats } from './net/connection-pool.js';
export { encodeInfoRequest, parseInfoReply, parseInfoError, type InfoFailure } from './info/info-protocol.js';
export * from './wire/constants.js';
export { FrameDecoder } from './wire/frame-decoder.js';
export { compressRequest, decompressFrame } from './wire/compression.js';
export { CommandMetrics, LATENCY_BUCKETS_SECONDS } from './metrics/command-metrics.js';
export { Channels, type CommandMessage, type ConnectionMessage } from './diagnostics.js';
export type { BatchRecord, BatchRead, BatchWrite, BatchDelete, BatchUdf, BatchPolicy, BatchReadPolicy, BatchWritePolicy, BatchResult } from './command/batch-records.js';
export { DEFAULT_BATCH_POLICY } from './policy/policies.js';
export { IndexType, IndexCollectionType, type IndexSpec, type UdfModule } from './cluster/info-tasks.js';
export { IndexFilter, CollectionType } from './command/index-filter.js';
export { PartitionFilter, type PartitionStatus } from './command/partition-filter.js';
export { RecordStream } from './command/record-stream.js';
export type { QueryRecord } from './command/query-command.js';
export { QueryTask, type QueryTaskStatus } from './cluster/query-task.js';
export { DEFAULT_QUERY_POLICY, type QueryPolicy } from './policy/policies.js';
export { Ctx, ListOrderFlag, MapOrderFlag, type CdtContext, type CtxItem } from './ops/cdt-context.js';
export { packContext } from './ops/cdt-pack.js';
export { ListOp, ListReturnType, ListOrder, ListWriteFlags, ListSortFlags, type ListPolicy } from './ops/list-operations.js';
export { MapOp, MapReturnType, MapOrder, MapWriteFlags, type MapPolicy } from './ops/map-operations.js';
export { BitOp, BitWriteFlags, BitResizeFlags, BitOverflowAction } from './ops/bit-operations.js';
export { HllOp, HllWriteFlags } from './ops/hll-operations.js';
export { Exp, ExpOp, ExpNode, Expression, ExpType, ExpModule, ExpReadFlags, ExpWriteFlags, RegexFlag } from './exp/exp.js';
export { PrivilegeCode, type Privilege, type UserInfo, type RoleInfo } from './net/admin.js';
export { parseAel } from './ael/compile.js';
export { AelError } from './ael/ael-error.js';
export { ListExp, MapExp } from './ael/cdt-exp.js';
