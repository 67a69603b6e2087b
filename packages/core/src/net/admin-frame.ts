import { ParseError } from '../errors/client-errors.js';
import { MessageType, PROTO_HEADER_SIZE } from '../wire/constants.js';
import { writeProtoHeader } from '../wire/proto-header.js';
import type { Privilege, RoleInfo, UserInfo } from './admin.js';

/** One admin field: id and data. */
export type FieldData = readonly [number, Uint8Array];

/** Size of the admin header after the proto header. */
export const ADMIN_HEADER_SIZE = 16;

/** Result code of the message that ends a user/role query stream. */
export const ADMIN_QUERY_END = 50;

/** Admin field ids of user and role query replies. */
const ReplyField = Object.freeze({ USER: 0, ROLES: 10, ROLE: 11, PRIVILEGES: 12, WHITELIST: 13, READ_QUOTA: 14, WRITE_QUOTA: 15, READ_INFO: 16, WRITE_INFO: 17, CONNECTIONS: 18 } as const);

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

/** One admin message of a reply. */
export interface AdminMessage {
  readonly resultCode: number;
  /** Field id → data (views of the frame; a repeated id keeps the last). */
  readonly fields: Map<number, Buffer>;
  /** Offset just after the message. */
  readonly end: number;
}

/**
 * Reads the admin message at `offset` of an admin frame: the 16-byte header and its
 * fields.
 * @throws ParseError when the header or a field runs past the frame.
 */
export function readAdminMessage(frame: Buffer, offset: number): AdminMessage {
  if (frame.length - offset < ADMIN_HEADER_SIZE) throw new ParseError('admin reply shorter than its 16-byte header');
  const resultCode = frame[offset + 1] as number;
  const n = frame[offset + 3] as number;
  const fields = new Map<number, Buffer>();
  let off = offset + ADMIN_HEADER_SIZE;
  for (let i = 0; i < n; i++) {
    if (frame.length - off < 5) throw new ParseError('admin reply truncated inside a field header');
    const len = frame.readUInt32BE(off);
    if (len < 1 || len > frame.length - off - 4) throw new ParseError(`admin reply field claims ${len} bytes, beyond the frame`);
    fields.set(frame[off + 4] as number, frame.subarray(off + 5, off + 4 + len));
    off += 4 + len;
  }
  return { resultCode, fields, end: off };
}

/**
 * Parses a single admin reply frame (login, authenticate, user/role commands): its first
 * message.
 * @throws ParseError when the frame is not an admin reply or is malformed.
 */
export function parseAdminReply(frame: Buffer): AdminMessage {
  if (frame[1] !== MessageType.ADMIN) throw new ParseError(`expected an admin reply (type 2), got message type ${frame[1]}`);
  return readAdminMessage(frame, PROTO_HEADER_SIZE);
}

/**
 * Parses one frame of a user/role query reply, passing each record's fields to `onBlock`.
 * Returns 0 when the frame ends the stream (QUERY_END), the result code when the server
 * reported an error, or undefined when more frames follow.
 * @throws ParseError when the frame is not an admin reply or is malformed.
 */
export function parseAdminQueryFrame(frame: Buffer, onBlock: (fields: Map<number, Buffer>) => void): number | undefined {
  if (frame[1] !== MessageType.ADMIN) throw new ParseError(`expected an admin reply (type 2), got message type ${frame[1]}`);
  let off = PROTO_HEADER_SIZE;
  while (off < frame.length) {
    const m = readAdminMessage(frame, off);
    if (m.resultCode === ADMIN_QUERY_END) return 0;
    if (m.resultCode !== 0) return m.resultCode;
    onBlock(m.fields);
    off = m.end;
  }
  return undefined;
}

/** Reads a u32 field; `dflt` when absent. @throws ParseError when shorter than 4 bytes. */
function u32Field(b: Buffer | undefined, what: string, dflt = 0): number {
  if (b === undefined) return dflt;
  if (b.length < 4) throw new ParseError(`admin reply ${what} field of ${b.length} bytes, expected 4`);
  return b.readUInt32BE(0);
}

/** `count, (len, name)…` role list. */
function roleList(b: Buffer | undefined): string[] {
  if (b === undefined || b.length === 0) return [];
  const out: string[] = [];
  const n = b[0] as number;
  let off = 1;
  for (let i = 0; i < n; i++) {
    if (off >= b.length) throw new ParseError(`admin reply role list announces ${n} roles, holds ${i}`);
    const len = b[off] as number;
    if (off + 1 + len > b.length) throw new ParseError('admin reply role name runs past its field');
    out.push(b.toString('utf8', off + 1, off + 1 + len));
    off += 1 + len;
  }
  return out;
}

/** `count, u32…` read/write statistics. */
function u32List(b: Buffer | undefined, what: string): number[] {
  if (b === undefined || b.length === 0) return [];
  const n = b[0] as number;
  if (1 + n * 4 > b.length) throw new ParseError(`admin reply ${what} announces ${n} values in ${b.length - 1} bytes`);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(b.readUInt32BE(1 + i * 4));
  return out;
}

/** `count, (code[, nsLen, ns, setLen, set])…` privileges. */
function privilegeList(p: Buffer | undefined): Privilege[] {
  const out: Privilege[] = [];
  if (p === undefined || p.length === 0) return out;
  const n = p[0] as number;
  let off = 1;
  const str = (): string => {
    if (off >= p.length) throw new ParseError('admin reply privilege list is truncated');
    const len = p[off] as number;
    if (off + 1 + len > p.length) throw new ParseError('admin reply privilege scope runs past its field');
    const s = p.toString('utf8', off + 1, off + 1 + len);
    off += 1 + len;
    return s;
  };
  for (let i = 0; i < n; i++) {
    if (off >= p.length) throw new ParseError(`admin reply privilege list announces ${n} privileges, holds ${i}`);
    const code = p[off++] as number;
    if (code >= 10) {
      const namespace = str();
      const set = str();
      out.push({ code, ...(namespace === '' ? {} : { namespace }), ...(set === '' ? {} : { set }) });
    } else out.push({ code });
  }
  return out;
}

/**
 * Decodes the fields of one QUERY_USERS record.
 * @throws ParseError when a field is shorter than its contents claim.
 */
export function decodeUserFields(fields: ReadonlyMap<number, Buffer>): UserInfo {
  return {
    user: fields.get(ReplyField.USER)?.toString('utf8') ?? '',
    roles: roleList(fields.get(ReplyField.ROLES)),
    readInfo: u32List(fields.get(ReplyField.READ_INFO), 'read statistics'),
    writeInfo: u32List(fields.get(ReplyField.WRITE_INFO), 'write statistics'),
    connsInUse: u32Field(fields.get(ReplyField.CONNECTIONS), 'connections')
  };
}

/**
 * Decodes the fields of one QUERY_ROLES record.
 * @throws ParseError when a field is shorter than its contents claim.
 */
export function decodeRoleFields(fields: ReadonlyMap<number, Buffer>): RoleInfo {
  const wl = fields.get(ReplyField.WHITELIST)?.toString('utf8') ?? '';
  return {
    name: fields.get(ReplyField.ROLE)?.toString('utf8') ?? '',
    privileges: privilegeList(fields.get(ReplyField.PRIVILEGES)),
    whitelist: wl === '' ? [] : wl.split(','),
    readQuota: u32Field(fields.get(ReplyField.READ_QUOTA), 'read quota'),
    writeQuota: u32Field(fields.get(ReplyField.WRITE_QUOTA), 'write quota')
  };
}
