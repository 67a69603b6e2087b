/** AS_MSG parsing and building (header, fields, operations). */

/** One operation of a request or reply. */
export interface WireOp {
  /** Op type. */
  readonly opType: number;
  /** Particle type of the value. */
  readonly particleType: number;
  /** Bin name ('' when absent). */
  readonly binName: string;
  /** Value bytes. */
  readonly value: Buffer;
}

/** A parsed AS_MSG. */
export interface WireMessage {
  readonly info1: number;
  readonly info2: number;
  readonly info3: number;
  readonly info4: number;
  readonly resultCode: number;
  readonly generation: number;
  /** Record TTL (signed) on requests. */
  readonly ttl: number;
  /** Server-side timeout in ms. */
  readonly timeout: number;
  /** Fields by type id (the last one wins when repeated). */
  readonly fields: Map<number, Buffer>;
  /** Operations in request order. */
  readonly ops: WireOp[];
}

/** Thrown when an AS_MSG is truncated or inconsistent. */
export class MessageError extends Error {
  override readonly name = 'MessageError';
}

/**
 * Parses one AS_MSG starting at `offset` of `buf`.
 * @returns the message and the offset just after it.
 * @throws MessageError when the bytes do not hold a whole, consistent message.
 */
export function parseMessage(buf: Buffer, offset = 0): { msg: WireMessage; end: number } {
  if (buf.length - offset < 22) throw new MessageError('message shorter than its 22-byte header');
  const fieldCount = buf.readUInt16BE(offset + 18);
  const opCount = buf.readUInt16BE(offset + 20);
  const { fields, ops, end } = readFieldsAndOps(buf, offset + 22, fieldCount, opCount);
  return {
    msg: {
      info1: buf[offset + 1] as number,
      info2: buf[offset + 2] as number,
      info3: buf[offset + 3] as number,
      info4: buf[offset + 4] as number,
      resultCode: buf[offset + 5] as number,
      generation: buf.readUInt32BE(offset + 6),
      ttl: buf.readInt32BE(offset + 10),
      timeout: buf.readUInt32BE(offset + 14),
      fields,
      ops
    },
    end
  };
}

/**
 * Reads `fieldCount` fields then `opCount` operations starting at `p` (the layout shared by
 * AS_MSG bodies and batch entries).
 * @throws MessageError when a length runs past the end of `buf`.
 */
export function readFieldsAndOps(buf: Buffer, p: number, fieldCount: number, opCount: number): { fields: Map<number, Buffer>; ops: WireOp[]; end: number } {
  const fields = new Map<number, Buffer>();
  for (let i = 0; i < fieldCount; i++) {
    if (p + 5 > buf.length) throw new MessageError('truncated field header');
    const size = buf.readUInt32BE(p);
    if (size < 1 || p + 4 + size > buf.length) throw new MessageError('field length out of range');
    fields.set(buf[p + 4] as number, buf.subarray(p + 5, p + 4 + size));
    p += 4 + size;
  }
  const ops: WireOp[] = [];
  for (let i = 0; i < opCount; i++) {
    if (p + 8 > buf.length) throw new MessageError('truncated operation header');
    const size = buf.readUInt32BE(p);
    const nameLen = buf[p + 7] as number;
    if (size < 4 + nameLen || p + 4 + size > buf.length) throw new MessageError('operation length out of range');
    ops.push({
      opType: buf[p + 4] as number,
      particleType: buf[p + 5] as number,
      binName: buf.toString('utf8', p + 8, p + 8 + nameLen),
      value: buf.subarray(p + 8 + nameLen, p + 4 + size)
    });
    p += 4 + size;
  }
  return { fields, ops, end: p };
}

/** What a reply message carries. */
export interface ReplySpec {
  resultCode: number;
  info1?: number;
  info3?: number;
  generation?: number;
  voidTime?: number;
  /** Bytes 14..17: the batch index in batch replies. */
  index?: number;
  fields?: ReadonlyArray<readonly [number, Buffer]>;
  ops?: readonly WireOp[];
}

/** Size of a reply message built from `spec`. */
function replySize(spec: ReplySpec): number {
  let n = 22;
  for (const [, data] of spec.fields ?? []) n += 5 + data.length;
  for (const op of spec.ops ?? []) n += 8 + Buffer.byteLength(op.binName) + op.value.length;
  return n;
}

/** Builds one AS_MSG (without proto header). */
export function buildMessage(spec: ReplySpec): Buffer {
  const out = Buffer.alloc(replySize(spec));
  out[0] = 22;
  out[1] = spec.info1 ?? 0;
  out[3] = spec.info3 ?? 0;
  out[5] = spec.resultCode;
  out.writeUInt32BE((spec.generation ?? 0) >>> 0, 6);
  out.writeUInt32BE((spec.voidTime ?? 0) >>> 0, 10);
  out.writeUInt32BE((spec.index ?? 0) >>> 0, 14);
  const fields = spec.fields ?? [];
  const ops = spec.ops ?? [];
  out.writeUInt16BE(fields.length, 18);
  out.writeUInt16BE(ops.length, 20);
  let p = 22;
  for (const [type, data] of fields) {
    out.writeUInt32BE(data.length + 1, p);
    out[p + 4] = type;
    data.copy(out, p + 5);
    p += 5 + data.length;
  }
  for (const op of ops) {
    const nameLen = out.write(op.binName, p + 8, 'utf8');
    out.writeUInt32BE(4 + nameLen + op.value.length, p);
    out[p + 4] = op.opType;
    out[p + 5] = op.particleType;
    out[p + 6] = 0;
    out[p + 7] = nameLen;
    op.value.copy(out, p + 8 + nameLen);
    p += 8 + nameLen + op.value.length;
  }
  return out;
}
