import { MessageType, PROTO_HEADER_SIZE } from '../wire/constants.js';
import { writeProtoHeader } from '../wire/proto-header.js';

/** One admin field: id and data. */
export type FieldData = readonly [number, Uint8Array];

/** Size of the admin header after the proto header. */
export const ADMIN_HEADER_SIZE = 16;

/** Encodes one admin request. */
export function encodeAdmin(command: number, fields: readonly FieldData[]): Buffer {
  let size = PROTO_HEADER_SIZE + ADMIN_HEADER_SIZE;
  for (const [, d] of fields) size += 5 + d.length;
  const buf = Buffer.alloc(size);
  writeProtoHeader(buf, 0, MessageType.ADMIN, size - PROTO_HEADER_SIZE);
  buf[PROTO_HEADER_SIZE + 2] = command;
  buf[PROTO_HEADER_SIZE + 3] = fields.length;
  let off = PROTO_HEADER_SIZE + ADMIN_HEADER_SIZE;
  for (const [id, d] of fields) {
    buf.writeUInt32BE(d.length + 1, off);
    buf[off + 4] = id;
    buf.set(d, off + 5);
    off += 5 + d.length;
  }
  return buf;
}

