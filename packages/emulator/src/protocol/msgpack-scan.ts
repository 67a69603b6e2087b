/**
 * A small msgpack reader for what secondary-index queries need: the top-level elements of
 * a list or the keys/values of a map, as integers, strings or blobs. Anything else is
 * reported as `undefined` (not indexable).
 */

/** An indexable scalar: bigint for integers, string for strings, Buffer for blobs. */
export type IndexValue = bigint | string | Buffer | undefined;

/** Thrown on bytes that are not valid msgpack. */
export class MsgpackError extends Error {
  override readonly name = 'MsgpackError';
}

/** Cursor over msgpack bytes. */
class Cursor {
  pos = 0;
  constructor(readonly buf: Buffer) {}

  need(n: number): void {
    if (this.pos + n > this.buf.length) throw new MsgpackError('truncated msgpack');
  }

  /** Reads one value; containers are skipped (undefined), extension values too. */
  value(): IndexValue {
    this.need(1);
    const b = this.buf[this.pos++] as number;
    if (b <= 0x7f) return BigInt(b);
    if (b >= 0xe0) return BigInt(b - 0x100);
    if ((b & 0xe0) === 0xa0) return this.str(b & 0x1f);
    if ((b & 0xf0) === 0x90) return this.skipN(b & 0x0f);
    if ((b & 0xf0) === 0x80) return this.skipN((b & 0x0f) * 2);
    const u = (n: number): number => {
      this.need(n);
      const v = this.buf.readUIntBE(this.pos, n);
      this.pos += n;
      return v;
    };
    switch (b) {
      case 0xc0:
      case 0xc2:
      case 0xc3:
        return undefined;
      case 0xcc:
        return BigInt(u(1));
      case 0xcd:
        return BigInt(u(2));
      case 0xce:
        return BigInt(u(4));
      case 0xcf:
        this.need(8);
        this.pos += 8;
        return this.buf.readBigUInt64BE(this.pos - 8);
      case 0xd0:
        this.need(1);
        return BigInt(this.buf.readInt8(this.pos++));
      case 0xd1:
        this.need(2);
        this.pos += 2;
        return BigInt(this.buf.readInt16BE(this.pos - 2));
      case 0xd2:
        this.need(4);
        this.pos += 4;
        return BigInt(this.buf.readInt32BE(this.pos - 4));
      case 0xd3:
        this.need(8);
        this.pos += 8;
        return this.buf.readBigInt64BE(this.pos - 8);
      case 0xca:
        this.need(4);
        this.pos += 4;
        return undefined;
      case 0xcb:
        this.need(8);
        this.pos += 8;
        return undefined;
      case 0xd9:
        return this.str(u(1));
      case 0xda:
        return this.str(u(2));
      case 0xdb:
        return this.str(u(4));
      case 0xc4:
        return this.str(u(1));
      case 0xc5:
        return this.str(u(2));
      case 0xc6:
        return this.str(u(4));
      case 0xdc:
        return this.skipN(u(2));
      case 0xdd:
        return this.skipN(u(4));
      case 0xde:
        return this.skipN(u(2) * 2);
      case 0xdf:
        return this.skipN(u(4) * 2);
      case 0xd4:
        this.need(2);
        this.pos += 2;
        return undefined;
      case 0xd5:
        this.need(3);
        this.pos += 3;
        return undefined;
      case 0xd6:
        this.need(5);
        this.pos += 5;
        return undefined;
      case 0xd7:
        this.need(9);
        this.pos += 9;
        return undefined;
      case 0xd8:
        this.need(17);
        this.pos += 17;
        return undefined;
      case 0xc7:
        return this.skipBytes(u(1) + 1);
      case 0xc8:
        return this.skipBytes(u(2) + 1);
      case 0xc9:
        return this.skipBytes(u(4) + 1);
      default:
        throw new MsgpackError(`unknown msgpack byte 0x${b.toString(16)}`);
    }
  }

  /** Aerospike strings and blobs inside CDTs carry a leading particle-type byte. */
  str(n: number): IndexValue {
    this.need(n);
    const bytes = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    if (bytes.length === 0) return Buffer.alloc(0);
    if (bytes[0] === 3) return bytes.toString('utf8', 1);
    return Buffer.from(bytes.subarray(1));
  }

  skipBytes(n: number): IndexValue {
    this.need(n);
    this.pos += n;
    return undefined;
  }

  skipN(count: number): IndexValue {
    for (let i = 0; i < count; i++) this.value();
    return undefined;
  }

  /** Reads a container header: element count and whether it is a map; -1 when not a container. */
  header(): { count: number; map: boolean } {
    this.need(1);
    const b = this.buf[this.pos] as number;
    const u = (off: number, n: number): number => {
      this.need(off + n);
      return this.buf.readUIntBE(this.pos + off, n);
    };
    let r: { count: number; map: boolean; len: number };
    if ((b & 0xf0) === 0x90) r = { count: b & 0x0f, map: false, len: 1 };
    else if ((b & 0xf0) === 0x80) r = { count: b & 0x0f, map: true, len: 1 };
    else if (b === 0xdc) r = { count: u(1, 2), map: false, len: 3 };
    else if (b === 0xdd) r = { count: u(1, 4), map: false, len: 5 };
    else if (b === 0xde) r = { count: u(1, 2), map: true, len: 3 };
    else if (b === 0xdf) r = { count: u(1, 4), map: true, len: 5 };
    else return { count: -1, map: false };
    this.pos += r.len;
    return { count: r.count, map: r.map };
  }
}

/**
 * Top-level scalars of a packed list (`'list'`), or the keys (`'mapkeys'`) or values
 * (`'mapvalues'`) of a packed map. An ordered CDT may start with an extension header,
 * which counts as an element and is skipped.
 */
export function collectionElements(packed: Buffer, kind: 'list' | 'mapkeys' | 'mapvalues'): IndexValue[] {
  const c = new Cursor(packed);
  const { count, map } = c.header();
  if (count < 0 || map !== (kind !== 'list')) return [];
  const out: IndexValue[] = [];
  for (let i = 0; i < count; i++) {
    const k = c.value();
    if (!map) {
      out.push(k);
      continue;
    }
    const v = c.value();
    if (k === undefined) continue; // the order header of a sorted map, or a key no index can hold
    out.push(kind === 'mapkeys' ? k : v);
  }
  return out;
}

/**
 * The raw bytes of each element of a packed array (e.g. an EXP_READ op's
 * `[expression, flags]`); undefined when `packed` is not a valid array.
 */
export function arrayElements(packed: Buffer): Buffer[] | undefined {
  try {
    const c = new Cursor(packed);
    const { count, map } = c.header();
    if (count < 0 || map) return undefined;
    const out: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      const start = c.pos;
      c.value();
      out.push(packed.subarray(start, c.pos));
    }
    return out;
  } catch (e) {
    if (e instanceof MsgpackError) return undefined;
    throw e;
  }
}
