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

/**
 * Reads the result code and the transaction fields of one AS_MSG reply (the body after
 * the 8-byte proto header, decompressed).
 * @throws ParseError for a truncated message.
 */
export function parseTxnReply(body: Buffer): TxnReply {
  if (body.length < MSG_HEADER_SIZE) throw new ParseError(`transaction reply of ${body.length} bytes is shorter than a message header`);
  const resultCode = body[5] as number;
  const fieldCount = body.readUInt16BE(18);
  let off = MSG_HEADER_SIZE;
  let version: bigint | null = null;
  let deadline: number | null = null;
  for (let i = 0; i < fieldCount; i++) {
    if (body.length - off < 5) throw new ParseError('transaction reply truncated inside a field header');
    const size = body.readUInt32BE(off);
    if (size < 1 || size > body.length - off - 4) throw new ParseError(`transaction reply field claims ${size} bytes, beyond the message`);
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
  return { resultCode, version, deadline };
}
