/**
 * `@aerospike-ts/fluent`: the session/builder API. The client surface arrives with its
 * own issue; the value types and the error root it shares with core are already here.
 * @packageDocumentation
 */
export { AerospikeError, Double, GeoJSON, HLL } from '@aerospike-ts/core';
