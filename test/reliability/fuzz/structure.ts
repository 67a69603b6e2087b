/**
 * Finds the length and count fields of a frame (proto header, AS_MSG messages, fields,
 * ops, msgpack headers inside op values, admin blocks) so mutations can tamper with them
 * on purpose. Tolerant: it stops at the first inconsistency and returns what it found.
 */

/** One length or count field. */
export interface LengthField {
  readonly off: number;
  /** Width in bytes (big-endian). */
  readonly width: number;
  readonly kind: 'proto' | 'declared' | 'count' | 'field' | 'op' | 'name' | 'msgpack' | 'admin-count';
}

/** What the structural mutators can aim at. */
export interface FrameMap {
  readonly lengths: LengthField[];
  /** Offsets where a message, field or op starts (good truncation points). */
  readonly boundaries: number[];
  /** [start, end) ranges holding msgpack data (list/map op values, or the whole input). */
  readonly msgpack: Array<[number, number]>;
  /** Offsets of msgpack item headers (where a depth bomb or a wider header can be spliced in). */
  readonly msgpackItems: number[];
}

const LIST = 20;
const MAP = 19;

/** Maps an AS_MSG / compressed / info / admin frame (proto header included). */
export function mapFrame(buf: Buffer): FrameMap {
  const m: FrameMap = { lengths: [], boundaries: [0], msgpack: [], msgpackItems: [] };
  if (buf.length < 8) return m;
  m.lengths.push({ off: 2, width: 6, kind: 'proto' });
  m.boundaries.push(8);
  const type = buf[1];
  if (type === 4 && buf.length >= 16) {
    m.lengths.push({ off: 8, width: 8, kind: 'declared' });
    m.boundaries.push(16);
  } else if (type === 3) {
    mapMessages(buf, 8, buf.length, m);
  } else if (type === 2) {
    mapAdmin(buf, 8, buf.length, m);
  }
  return m;
}

/** Maps raw msgpack (the whole buffer). */
export function mapMsgpack(buf: Buffer): FrameMap {
  const m: FrameMap = { lengths: [], boundaries: [0], msgpack: [[0, buf.length]], msgpackItems: [] };
  walkMsgpack(buf, 0, buf.length, m, 0);
  return m;
}

function mapMessages(buf: Buffer, off: number, end: number, m: FrameMap): void {
  while (end - off >= 22) {
    m.boundaries.push(off);
    m.lengths.push({ off: off + 18, width: 2, kind: 'count' }, { off: off + 20, width: 2, kind: 'count' });
    const nFields = buf.readUInt16BE(off + 18);
    const nOps = buf.readUInt16BE(off + 20);
    off += 22;
    for (let i = 0; i < nFields; i++) {
      if (end - off < 5) return;
      const size = buf.readUInt32BE(off);
      if (size < 1 || size > end - off - 4) return;
      m.boundaries.push(off);
      m.lengths.push({ off, width: 4, kind: 'field' });
      off += 4 + size;
    }
    for (let i = 0; i < nOps; i++) {
      if (end - off < 8) return;
      const size = buf.readUInt32BE(off);
      const nameLen = buf[off + 7] as number;
      if (size < 4 + nameLen || size > end - off - 4) return;
      m.boundaries.push(off);
      m.lengths.push({ off, width: 4, kind: 'op' }, { off: off + 7, width: 1, kind: 'name' });
      const particle = buf[off + 5];
      const vs = off + 8 + nameLen;
      const ve = off + 4 + size;
      if ((particle === LIST || particle === MAP) && ve > vs) {
        m.msgpack.push([vs, ve]);
        walkMsgpack(buf, vs, ve, m, 0);
      }
      off = ve;
    }
  }
  if (off < end) m.boundaries.push(off);
}

function mapAdmin(buf: Buffer, off: number, end: number, m: FrameMap): void {
  while (end - off >= 16) {
    m.boundaries.push(off);
    m.lengths.push({ off: off + 3, width: 1, kind: 'admin-count' });
    const n = buf[off + 3] as number;
    off += 16;
    for (let i = 0; i < n; i++) {
      if (end - off < 5) return;
      const size = buf.readUInt32BE(off);
      if (size < 1 || size > end - off - 4) return;
      m.boundaries.push(off);
      m.lengths.push({ off, width: 4, kind: 'field' });
      off += 4 + size;
    }
  }
}

/** Walks one msgpack item, recording headers; returns the offset after it, or -1. */
function walkMsgpack(buf: Buffer, off: number, end: number, m: FrameMap, depth: number): number {
  if (off >= end || depth > 64 || m.msgpackItems.length > 4096) return -1;
  const t = buf[off] as number;
  m.msgpackItems.push(off);
  const items = (n: number, per: number, at: number): number => {
    let p = at;
    for (let i = 0; i < n * per && p >= 0; i++) p = walkMsgpack(buf, p, end, m, depth + 1);
    return p;
  };
  const bytes = (n: number, at: number): number => (at + n <= end ? at + n : -1);
  if (t < 0x80 || t >= 0xe0 || t === 0xc0 || t === 0xc2 || t === 0xc3) return off + 1;
  if (t < 0x90) return items(t & 0x0f, 2, off + 1);
  if (t < 0xa0) return items(t & 0x0f, 1, off + 1);
  if (t < 0xc0) return bytes(t & 0x1f, off + 1);
  const need = (n: number): boolean => off + 1 + n <= end;
  switch (t) {
    case 0xc4:
    case 0xd9:
      if (!need(1)) return -1;
      m.lengths.push({ off: off + 1, width: 1, kind: 'msgpack' });
      return bytes(buf[off + 1] as number, off + 2);
    case 0xc5:
    case 0xda:
      if (!need(2)) return -1;
      m.lengths.push({ off: off + 1, width: 2, kind: 'msgpack' });
      return bytes(buf.readUInt16BE(off + 1), off + 3);
    case 0xc6:
    case 0xdb:
      if (!need(4)) return -1;
      m.lengths.push({ off: off + 1, width: 4, kind: 'msgpack' });
      return bytes(buf.readUInt32BE(off + 1), off + 5);
    case 0xdc:
    case 0xde:
      if (!need(2)) return -1;
      m.lengths.push({ off: off + 1, width: 2, kind: 'msgpack' });
      return items(buf.readUInt16BE(off + 1), t === 0xde ? 2 : 1, off + 3);
    case 0xdd:
    case 0xdf:
      if (!need(4)) return -1;
      m.lengths.push({ off: off + 1, width: 4, kind: 'msgpack' });
      return items(buf.readUInt32BE(off + 1), t === 0xdf ? 2 : 1, off + 5);
    case 0xcc:
    case 0xd0:
      return bytes(1, off + 1);
    case 0xcd:
    case 0xd1:
      return bytes(2, off + 1);
    case 0xca:
    case 0xce:
    case 0xd2:
      return bytes(4, off + 1);
    case 0xcb:
    case 0xcf:
    case 0xd3:
      return bytes(8, off + 1);
    case 0xd4:
      return bytes(2, off + 1);
    case 0xd5:
      return bytes(3, off + 1);
    case 0xd6:
      return bytes(5, off + 1);
    case 0xd7:
      return bytes(9, off + 1);
    case 0xd8:
      return bytes(17, off + 1);
    case 0xc7:
      if (!need(1)) return -1;
      m.lengths.push({ off: off + 1, width: 1, kind: 'msgpack' });
      return bytes((buf[off + 1] as number) + 1, off + 2);
    default:
      return -1;
  }
}
