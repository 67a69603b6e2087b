import { MessageType, MSG_HEADER_SIZE, PROTO_HEADER_SIZE } from './constants.js';
import { writeProtoHeader } from './proto-header.js';

/** The variable parts of a request's 22-byte AS_MSG header. */
export interface MsgHeaderFields {
  readonly info1: number;
  readonly info2: number;
  readonly info3: number;
  readonly info4: number;
  readonly generation: number;
  /** Record TTL slot (expiration for writes, readTouchTtlPercent for reads). */
  readonly ttl: number;
  /** Server-side timeout in ms. */
  readonly timeout: number;
}

/**
 * Writes the proto header (type AS_MSG, body = the rest of `buf`) and the AS_MSG header
 * at the start of a request buffer sized for the whole message.
 */
export function writeMsgHeader(buf: Buffer, h: MsgHeaderFields, fieldCount: number, opCount: number): void {
  writeProtoHeader(buf, 0, MessageType.AS_MSG, buf.length - PROTO_HEADER_SIZE);
  buf[8] = MSG_HEADER_SIZE;
  buf[9] = h.info1;
  buf[10] = h.info2;
  buf[11] = h.info3;
  buf[12] = h.info4;
  buf[13] = 0;
  buf.writeUInt32BE(h.generation >>> 0, 14);
  buf.writeUInt32BE(h.ttl >>> 0, 18);
  buf.writeUInt32BE(h.timeout >>> 0, 22);
  buf.writeUInt16BE(fieldCount, 26);
  buf.writeUInt16BE(opCount, 28);
}
