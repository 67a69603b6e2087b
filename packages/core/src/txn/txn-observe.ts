import type { Key } from '../keys/key.js';
import { decompressFrame } from '../wire/compression.js';
import { MessageType, PROTO_HEADER_SIZE } from '../wire/constants.js';
import { ResultCode } from '../errors/result-code.js';
import type { TxnFields } from '../command/encoder.js';
import { parseTxnReply } from './txn-reply.js';
import type { Txn } from './txn.js';

/**
 * The transaction fields a command of `txn` sends for `key` (binds the transaction to the
 * key's namespace on first use), or undefined outside a transaction.
 * @throws InvalidArgumentError when the key is in another namespace or the transaction is closed.
 */
export function txnFieldsFor(txn: Txn | null | undefined, key: Key, isWrite: boolean): TxnFields | undefined {
  if (txn == null) return undefined;
  txn.setNamespace(key.namespace);
  return txn.fieldsFor(key, isWrite);
}

/**
 * Records what a reply to a transaction's command tells the transaction: the version a
 * read saw, or that a write took effect. Call with the whole reply frame (proto header
 * included, possibly compressed) before parsing the record.
 */
export function observeTxnReply(txn: Txn, key: Key, isWrite: boolean, frame: Buffer): void {
  const f = frame[1] === MessageType.COMPRESSED ? decompressFrame(frame) : frame;
  const r = parseTxnReply(f.subarray(PROTO_HEADER_SIZE));
  observeTxnResult(txn, key, isWrite, r.resultCode, r.version);
}

/**
 * Records one command's outcome for `key` in the transaction: a read's version (when it
 * found the record), or a write's version or success. Batch rows use it directly.
 */
export function observeTxnResult(txn: Txn, key: Key, isWrite: boolean, resultCode: number, version: bigint | null): void {
  if (isWrite) txn.onWrite(key, version, resultCode === ResultCode.OK);
  else if (resultCode === ResultCode.OK) txn.onRead(key, version);
}
