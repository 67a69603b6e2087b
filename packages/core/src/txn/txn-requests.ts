import { encodeOperate, type TxnExtras } from '../command/encoder.js';
import type { HeaderSpec } from '../command/header-bits.js';
import { Op, type Operation } from '../command/operation.js';
import type { Key } from '../keys/key.js';
import { ListOp, ListOrder, ListWriteFlags } from '../ops/list-operations.js';
import { Info1, Info2, Info3, Info4 } from '../wire/constants.js';
import type { Txn } from './txn.js';

/*
 * Requests of the transaction protocol (server 8.0+). Monitor commands (add keys, mark
 * roll-forward, close) address the monitor record and carry no transaction id; verify
 * carries the read version only; roll forward/back carry the id and the version.
 */

function header(timeoutMs: number, info1: number, info2: number, info3: number, info4: number, ttl = 0): HeaderSpec {
  return { info1, info2, info3, info4, generation: 0, ttl, timeout: timeoutMs };
}

function extras(txn: TxnExtras['txn']): TxnExtras {
  return { sendKey: false, filter: null, compress: false, txn };
}

const NO_OPS: readonly Operation[] = [];

/**
 * Adds keys to the transaction's monitor record before they are first written: the
 * digests are appended to the ordered list bin `keyds` (unique, no failure on
 * duplicates); the first call also writes bin `id`. The record's TTL is the transaction timeout.
 */
export function monitorAddKeysRequest(txn: Txn, keys: readonly Key[], timeoutMs: number): Buffer {
  const ops: Operation[] = [];
  if (txn.deadline === 0) ops.push(Op.write('id', txn.id));
  ops.push(ListOp.appendItems('keyds', keys.map((k) => k.digest), { order: ListOrder.ORDERED, flags: ListWriteFlags.ADD_UNIQUE | ListWriteFlags.NO_FAIL | ListWriteFlags.PARTIAL }));
  return encodeOperate(txn.monitorKey(), header(timeoutMs, 0, Info2.WRITE | Info2.RESPOND_ALL_OPS, 0, 0, txn.timeoutSeconds), extras(undefined), ops);
}

/** Marks the monitor so that a commit interrupted after this point is rolled forward by the server. */
export function markRollForwardRequest(txn: Txn, timeoutMs: number): Buffer {
  return encodeOperate(txn.monitorKey(), header(timeoutMs, 0, Info2.WRITE, 0, 0), extras(undefined), [Op.write('fwd', true)]);
}

/** Checks that a record read in the transaction still has the version it was read at (linearized read, no bins). */
export function verifyReadRequest(key: Key, version: bigint, timeoutMs: number): Buffer {
  return encodeOperate(key, header(timeoutMs, Info1.READ | Info1.NOBINDATA, 0, Info3.SC_READ_TYPE, Info4.TXN_VERIFY_READ), extras({ id: null, version, deadline: 0 }), NO_OPS);
}

/** Makes a written record's transaction changes permanent (`forward`) or undoes them. */
export function rollRequest(txn: Txn, key: Key, forward: boolean, timeoutMs: number): Buffer {
  const version = txn.reads.get(key.digest.toString('hex'))?.version ?? null;
  return encodeOperate(key, header(timeoutMs, 0, Info2.WRITE | Info2.DURABLE_DELETE, 0, forward ? Info4.TXN_ROLL_FORWARD : Info4.TXN_ROLL_BACK), extras({ id: txn.id, version, deadline: 0 }), NO_OPS);
}

/** Deletes the monitor record once the transaction is settled. */
export function closeMonitorRequest(txn: Txn, timeoutMs: number): Buffer {
  return encodeOperate(txn.monitorKey(), header(timeoutMs, 0, Info2.WRITE | Info2.DELETE | Info2.DURABLE_DELETE, 0, 0), extras(undefined), NO_OPS);
}
