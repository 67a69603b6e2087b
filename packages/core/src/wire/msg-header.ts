import { MessageType, MSG_HEADER_SIZE, PROTO_HEADER_SIZE } from './constants.js';
import { writeProtoHeader } from './proto-header.js';
import { writeU16, writeU32 } from './bytes.js';
import { InvalidArgumentError } from '../errors/client-errors.js';

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
  if (fieldCount > 0xffff || opCount > 0xffff) throw new InvalidArgumentError(`a message holds at most 65535 fields and 65535 operations, got ${fieldCount} and ${opCount}`);
  writeProtoHeader(buf, 0, MessageType.AS_MSG, buf.length - PROTO_HEADER_SIZE);
  buf[8] = MSG_HEADER_SIZE;
  buf[9] = h.info1;
  buf[10] = h.info2;
  buf[11] = h.info3;
  buf[12] = h.info4;
  buf[13] = 0;
  writeU32(buf, 14, h.generation >>> 0);
  writeU32(buf, 18, h.ttl >>> 0);
  writeU32(buf, 22, h.timeout >>> 0);
  writeU16(buf, 26, fieldCount);
  writeU16(buf, 28, opCount);
}
