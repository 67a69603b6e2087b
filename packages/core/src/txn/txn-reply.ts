import { ParseError } from '../errors/client-errors.js';
import { FieldType, MSG_HEADER_SIZE } from '../wire/constants.js';

/** What a transaction needs from a reply: the result and the version/deadline fields. */
export interface TxnReply {
  readonly resultCode: number;
  /** RECORD_VERSION (7 bytes little-endian), or null when absent. */
  readonly version: bigint | null;
  /** TXN_DEADLINE (u32 little-endian), or null when absent. */
  readonly deadline: number | null;
}

/** The transaction fields among a message's fields, and where the fields end. */
export interface TxnReplyFields {
  readonly version: bigint | null;
  readonly deadline: number | null;
  /** Offset just after the last field. */
  readonly end: number;
}

/**
 * Walks `count` fields of a reply message starting at `off` (not beyond `end`), keeping
 * RECORD_VERSION (7 bytes little-endian) and TXN_DEADLINE (u32 little-endian).
 * @throws ParseError for a field that runs past `end`.
 */
export function readTxnFields(body: Buffer, off: number, count: number, end: number): TxnReplyFields {
  let version: bigint | null = null;
  let deadline: number | null = null;
  for (let i = 0; i < count; i++) {
    if (end - off < 5) throw new ParseError('reply truncated inside a field header');
    const size = body.readUInt32BE(off);
    if (size < 1 || size > end - off - 4) throw new ParseError(`reply field claims ${size} bytes, beyond the message`);
    const type = body[off + 4];
    const data = off + 5;
    if (type === FieldType.RECORD_VERSION && size - 1 === 7) {
      let v = 0n;
      for (let b = 6; b >= 0; b--) v = (v << 8n) | BigInt(body[data + b] as number);
      version = v;
    } else if (type === FieldType.TXN_DEADLINE && size - 1 === 4) {
      deadline = body.readUInt32LE(data);
    }
    off += 4 + size;
  }
  return { version, deadline, end: off };
}

/**
 * Reads the result code and the transaction fields of one AS_MSG reply (the body after
 * the 8-byte proto header, decompressed).
 * @throws ParseError for a truncated message.
 */
export function parseTxnReply(body: Buffer): TxnReply {
  if (body.length < MSG_HEADER_SIZE) throw new ParseError(`transaction reply of ${body.length} bytes is shorter than a message header`);
  const { version, deadline } = readTxnFields(body, MSG_HEADER_SIZE, body.readUInt16BE(18), body.length);
  return { resultCode: body[5] as number, version, deadline };
}
