import { ParseError } from '../errors/client-errors.js';
import { MAX_REPLY_BODY, PROTO_HEADER_SIZE, PROTO_VERSION } from './constants.js';
import { readU48, writeU48 } from './bytes.js';

/**
 * Writes the 8-byte proto header: version 2, message type, 48-bit big-endian body length.
 */
export function writeProtoHeader(buf: Buffer, offset: number, type: number, bodyLength: number): void {
  buf[offset] = PROTO_VERSION;
  buf[offset + 1] = type;
  writeU48(buf, offset + 2, bodyLength);
}

/** Message type of a proto header at `offset`. */
export function protoType(buf: Buffer, offset = 0): number {
  return buf[offset + 1] ?? -1;
}

/** Body length (48-bit) of a proto header at `offset`. */
export function protoBodyLength(buf: Buffer, offset = 0): number {
  return buf.readUIntBE(offset + 2, 6);
}

/**
 * Validates a reply's proto header and returns its body length.
 * @throws ParseError on a wrong version, an unknown type or an oversized length.
 */
export function checkReplyHeader(buf: Buffer, offset: number, maxBody = MAX_REPLY_BODY): number {
  if (buf.length - offset < PROTO_HEADER_SIZE) throw new ParseError('reply shorter than the 8-byte proto header');
  const version = buf[offset];
  const type = buf[offset + 1] ?? 0;
  if (version !== PROTO_VERSION) {
    throw new ParseError(`reply has protocol version ${version}, expected ${PROTO_VERSION}`);
  }
  if (type < 1 || type > 4) throw new ParseError(`reply has unknown message type ${type}`);
  const length = readU48(buf, offset + 2);
  if (length > maxBody) {
    throw new ParseError(`reply claims a ${length}-byte body, over the ${maxBody}-byte limit`);
  }
  return length;
}
