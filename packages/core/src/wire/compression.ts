import { deflateSync, inflateSync } from 'node:zlib';
import { ParseError } from '../errors/client-errors.js';
import { COMPRESS_THRESHOLD, MAX_REPLY_BODY, MessageType, PROTO_HEADER_SIZE } from './constants.js';
import { checkReplyHeader, writeProtoHeader } from './proto-header.js';

/**
 * Compresses a whole request frame (proto header included) into a type-4 frame:
 * proto header + u64 BE original size + zlib stream. Returns the original when it is
 * small or would not shrink.
 */
export function compressRequest(frame: Buffer): Buffer {
  if (frame.length <= COMPRESS_THRESHOLD) return frame;
  const z = deflateSync(frame, { level: 1 });
  const total = PROTO_HEADER_SIZE + 8 + z.length;
  if (total >= frame.length) return frame;
  const out = Buffer.allocUnsafe(total);
  writeProtoHeader(out, 0, MessageType.COMPRESSED, 8 + z.length);
  out.writeBigUInt64BE(BigInt(frame.length), PROTO_HEADER_SIZE);
  z.copy(out, PROTO_HEADER_SIZE + 8);
  return out;
}

/**
 * Inflates a type-4 frame. The result is the inner frame, which starts with its own
 * proto header.
 * @throws ParseError when the declared size is implausible or does not match, or the
 *   inner frame is not one whole uncompressed frame.
 */
export function decompressFrame(frame: Buffer): Buffer {
  if (frame.length < PROTO_HEADER_SIZE + 8) throw new ParseError('compressed frame too short');
  const declared = frame.readBigUInt64BE(PROTO_HEADER_SIZE);
  if (declared > BigInt(MAX_REPLY_BODY + PROTO_HEADER_SIZE) || declared < BigInt(PROTO_HEADER_SIZE)) {
    throw new ParseError(`compressed frame declares an uncompressed size of ${declared} bytes`);
  }
  let inner: Buffer;
  try {
    inner = inflateSync(frame.subarray(PROTO_HEADER_SIZE + 8), { maxOutputLength: Number(declared) });
  } catch (err) {
    throw new ParseError('compressed frame does not inflate', { cause: err });
  }
  if (inner.length !== Number(declared)) {
    throw new ParseError(`compressed frame inflated to ${inner.length} bytes, declared ${declared}`);
  }
  // The inner frame must be one whole, uncompressed frame.
  const body = checkReplyHeader(inner, 0);
  if (PROTO_HEADER_SIZE + body !== inner.length) {
    throw new ParseError(`compressed frame holds a frame whose header claims ${body} body bytes, but ${inner.length - PROTO_HEADER_SIZE} follow it`);
  }
  if (inner[1] === MessageType.COMPRESSED) throw new ParseError('compressed frame holds another compressed frame');
  return inner;
}
