/**
 * Mutators: generic byte mutations (bit flips, byte insert/delete, duplication, splicing,
 * truncation), structural ones that aim at length and count fields (a proto header
 * claiming 2^47 bytes, field/op counts of 65535, msgpack lengths of 2^32-1, depth bombs),
 * and text mutations for the info/AEL parsers.
 */
import type { Rng } from './rng.js';
import type { FrameMap, LengthField } from './structure.js';

/** What a mutation may use besides the input. */
export interface MutationContext {
  /** The structure of the input before this round of mutations (may be stale after earlier ones). */
  readonly map: FrameMap;
  /** Other inputs to splice from. */
  readonly donors: readonly Buffer[];
  /** Whether the input is text (adds text mutators). */
  readonly text: boolean;
}

/** Bytes that often matter. */
const INTERESTING8 = [0x00, 0x01, 0x02, 0x03, 0x04, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x16, 0x13, 0x14, 0x17, 0x11, 0x12, 0xc0, 0xc1, 0xd4, 0xdc, 0xdd, 0xde, 0xdf, 0xc6, 0xdb, 0x0a, 0x09];

const MAX_INPUT = 1 << 20;

function splice(buf: Buffer, at: number, del: number, ins: Uint8Array): Buffer {
  const a = Math.min(at, buf.length);
  const d = Math.min(del, buf.length - a);
  if (buf.length - d + ins.length > MAX_INPUT) return buf;
  return Buffer.concat([buf.subarray(0, a), ins, buf.subarray(a + d)]);
}

function writeUBE(buf: Buffer, off: number, width: number, v: bigint): void {
  for (let i = width - 1; i >= 0; i--) {
    buf[off + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

function readUBE(buf: Buffer, off: number, width: number): bigint {
  let v = 0n;
  for (let i = 0; i < width; i++) v = (v << 8n) | BigInt(buf[off + i] ?? 0);
  return v;
}

/** A tampered value for a `width`-byte length field whose current value is `cur`. */
function tamperedLength(rng: Rng, width: number, cur: bigint, kind: LengthField['kind']): bigint {
  const max = (1n << BigInt(width * 8)) - 1n;
  const choices: bigint[] = [0n, 1n, max, max - 1n, max >> 1n, (max >> 1n) + 1n, cur + 1n, cur - 1n, cur + BigInt(rng.range(2, 64)), cur - BigInt(rng.range(2, 64)), cur * 2n, cur >> 1n];
  if (width >= 4) choices.push(0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n);
  if (kind === 'proto' || kind === 'declared') {
    // 2^47: far beyond any sane reply; 128 MiB ± 1: at the cap.
    choices.push(1n << 47n, (1n << 48n) - 1n, 128n * 1024n * 1024n, 128n * 1024n * 1024n + 1n, 1n << 40n);
  }
  const v = rng.chance(0.85) ? rng.pick(choices) : BigInt(rng.u32()) * BigInt(rng.u32());
  return ((v % (max + 1n)) + (max + 1n)) % (max + 1n);
}

type Mutator = (rng: Rng, buf: Buffer, ctx: MutationContext) => Buffer;

const flipBit: Mutator = (rng, buf) => {
  if (buf.length === 0) return buf;
  const b = Buffer.from(buf);
  const i = rng.below(b.length);
  b[i] = (b[i] as number) ^ (1 << rng.below(8));
  return b;
};

const setByte: Mutator = (rng, buf) => {
  if (buf.length === 0) return buf;
  const b = Buffer.from(buf);
  b[rng.below(b.length)] = rng.chance(0.7) ? rng.pick(INTERESTING8) : rng.below(256);
  return b;
};

const addByte: Mutator = (rng, buf) => {
  if (buf.length === 0) return buf;
  const b = Buffer.from(buf);
  const i = rng.below(b.length);
  b[i] = ((b[i] as number) + rng.range(-16, 16)) & 0xff;
  return b;
};

const setWord: Mutator = (rng, buf) => {
  const width = rng.pick([2, 4, 8]);
  if (buf.length < width) return buf;
  const b = Buffer.from(buf);
  const off = rng.below(b.length - width + 1);
  writeUBE(b, off, width, tamperedLength(rng, width, readUBE(b, off, width), 'count'));
  return b;
};

const insertBytes: Mutator = (rng, buf) => {
  const n = rng.size(64) + 1;
  const ins = rng.chance(0.5) ? rng.bytes(n) : Buffer.alloc(n, rng.pick(INTERESTING8));
  return splice(buf, rng.below(buf.length + 1), 0, ins);
};

const deleteBytes: Mutator = (rng, buf) => {
  if (buf.length === 0) return buf;
  return splice(buf, rng.below(buf.length), rng.size(buf.length) + 1, Buffer.alloc(0));
};

const duplicate: Mutator = (rng, buf) => {
  if (buf.length === 0) return buf;
  const at = rng.below(buf.length);
  const part = buf.subarray(at, at + rng.size(buf.length - at) + 1);
  const times = rng.chance(0.9) ? 1 : rng.range(2, 64);
  const ins = Buffer.concat(Array.from({ length: times }, () => part));
  return splice(buf, rng.below(buf.length + 1), 0, ins);
};

const overwrite: Mutator = (rng, buf) => {
  if (buf.length === 0) return buf;
  const b = Buffer.from(buf);
  const at = rng.below(b.length);
  const n = Math.min(rng.size(32) + 1, b.length - at);
  rng.bytes(n).copy(b, at);
  return b;
};

const truncate: Mutator = (rng, buf, ctx) => {
  if (buf.length === 0) return buf;
  if (rng.chance(0.5) && ctx.map.boundaries.length > 0) {
    const at = rng.pick(ctx.map.boundaries) + rng.range(-2, 6);
    return buf.subarray(0, Math.max(0, Math.min(buf.length, at)));
  }
  return buf.subarray(0, rng.below(buf.length));
};

const extend: Mutator = (rng, buf) => {
  return splice(buf, buf.length, 0, rng.chance(0.5) ? rng.bytes(rng.size(64) + 1) : Buffer.alloc(rng.size(64) + 1));
};

const spliceDonor: Mutator = (rng, buf, ctx) => {
  if (ctx.donors.length === 0) return buf;
  const d = rng.pick(ctx.donors);
  if (d.length === 0) return buf;
  const at = rng.below(d.length);
  const part = d.subarray(at, at + rng.size(d.length - at) + 1);
  return splice(buf, rng.below(buf.length + 1), rng.chance(0.5) ? rng.size(part.length) : 0, part);
};

const tamperLength: Mutator = (rng, buf, ctx) => {
  const fields = ctx.map.lengths.filter((f) => f.off + f.width <= buf.length);
  if (fields.length === 0) return setWord(rng, buf, ctx);
  const f = rng.pick(fields);
  const b = Buffer.from(buf);
  writeUBE(b, f.off, f.width, tamperedLength(rng, f.width, readUBE(b, f.off, f.width), f.kind));
  return b;
};

/** The proto header claims a huge body (2^47 and friends) or exactly the wrong length. */
const tamperProto: Mutator = (rng, buf) => {
  if (buf.length < 8) return buf;
  const b = Buffer.from(buf);
  writeUBE(b, 2, 6, tamperedLength(rng, 6, readUBE(b, 2, 6), 'proto'));
  if (rng.chance(0.2)) b[1] = rng.pick([1, 2, 3, 4, 0, 5, 255]);
  if (rng.chance(0.1)) b[0] = rng.pick([0, 1, 3, 255]);
  return b;
};

/** Field or op counts (or admin field counts) set to their maximum. */
const hugeCount: Mutator = (rng, buf, ctx) => {
  const counts = ctx.map.lengths.filter((f) => (f.kind === 'count' || f.kind === 'admin-count') && f.off + f.width <= buf.length);
  if (counts.length === 0) return buf;
  const f = rng.pick(counts);
  const b = Buffer.from(buf);
  writeUBE(b, f.off, f.width, rng.chance(0.7) ? (1n << BigInt(8 * f.width)) - 1n : readUBE(b, f.off, f.width) + BigInt(rng.range(1, 3)));
  return b;
};

/** A msgpack header replaced by a wider one claiming 2^32-1 (or 2^16-1) items or bytes. */
const hugeMsgpack: Mutator = (rng, buf, ctx) => {
  const items = ctx.map.msgpackItems.filter((o) => o < buf.length);
  if (items.length === 0) return buf;
  const at = rng.pick(items);
  const forms = [
    [0xdd, 0xff, 0xff, 0xff, 0xff],
    [0xdf, 0xff, 0xff, 0xff, 0xff],
    [0xc6, 0xff, 0xff, 0xff, 0xff],
    [0xdb, 0x7f, 0xff, 0xff, 0xff],
    [0xdc, 0xff, 0xff],
    [0xde, 0xff, 0xff],
    [0xda, 0xff, 0xff],
    [0xc9, 0xff, 0xff, 0xff, 0xff, 0x01],
    [0x9f],
    [0x8f],
    [0xbf]
  ];
  const ins = Buffer.from(rng.pick(forms));
  // Replace the item's header byte (rest of the item stays as its "content").
  return splice(buf, at, rng.chance(0.5) ? 1 : 0, ins);
};

/** Deep nesting: thousands of one-element arrays or maps. */
const depthBomb: Mutator = (rng, buf, ctx) => {
  const depth = rng.pick([100, 511, 512, 513, 1000, 5000, 20000, 100000]);
  const unit = rng.pick([[0x91], [0x81, 0x01], [0xdc, 0x00, 0x01], [0xdd, 0x00, 0x00, 0x00, 0x01], [0x92, 0xc7, 0x00, 0x01]]);
  const bomb = Buffer.alloc(depth * unit.length);
  for (let i = 0; i < depth; i++) bomb.set(unit, i * unit.length);
  const targets = ctx.map.msgpackItems.filter((o) => o < buf.length);
  const at = targets.length > 0 ? rng.pick(targets) : rng.below(buf.length + 1);
  return splice(buf, at, 0, bomb);
};

// Text mutations (info replies, replicas/peers/sindex lists, AEL).

const TOKENS = [
  '(', ')', '[', ']', '{', '}', ',', ':', ';', '=', '\t', '\n', '$.', '${', '?0', '?9', '.', '..', '#', '~', '!', '-', "'", '"', '\\', ' and ', ' or ', ' in ', '==', '>=', '=>',
  'let', 'then', 'when', 'default', 'count()', 'get(', 'return:', 'KEY_VALUE', 'asInt()', 'exists()', '0x', '0b', '1e', '1_000', '9223372036854775808', '-9223372036854775809', '1.5', 'NaN',
  'ERROR:', 'FAIL:', '4096', '3000', '[::1]', '127.0.0.1:3000', 'ns=', 'indexname=', 'bin=', 'type=numeric', 'indextype=list', 'context=', 'AAAA', '====', 'null', '\u0000', '\u00e9', '\u{1f600}', '\ud800'
];

function toText(buf: Buffer): string {
  return buf.toString('utf8');
}

const textInsert: Mutator = (rng, buf) => {
  const s = toText(buf);
  const at = rng.below(s.length + 1);
  const tok = rng.pick(TOKENS).repeat(rng.chance(0.9) ? 1 : rng.range(2, 2000));
  return Buffer.from(s.slice(0, at) + tok + s.slice(at), 'utf8');
};

const textDuplicate: Mutator = (rng, buf) => {
  const s = toText(buf);
  if (s.length === 0) return buf;
  const at = rng.below(s.length);
  const part = s.slice(at, at + rng.size(s.length - at) + 1);
  const to = rng.below(s.length + 1);
  const out = s.slice(0, to) + part.repeat(rng.chance(0.9) ? 1 : rng.range(2, 50)) + s.slice(to);
  return out.length > MAX_INPUT ? buf : Buffer.from(out, 'utf8');
};

const textNest: Mutator = (rng, buf) => {
  const s = toText(buf);
  const n = rng.pick([10, 100, 500, 1000, 5000, 20000]);
  const [open, close] = rng.pick([['(', ')'], ['[', ']'], ['{', '}'], ['-', ''], ['!', ''], ['not(', ')'], ['let (x = 1) then (', ')'], ['$.a.', '']]);
  const at = rng.below(s.length + 1);
  return Buffer.from(s.slice(0, at) + (open as string).repeat(n) + s.slice(at) + (rng.chance(0.5) ? (close as string).repeat(n) : ''), 'utf8');
};

const BYTE_MUTATORS: Array<[Mutator, number]> = [
  [flipBit, 6],
  [setByte, 6],
  [addByte, 3],
  [setWord, 3],
  [insertBytes, 4],
  [deleteBytes, 4],
  [duplicate, 3],
  [overwrite, 2],
  [truncate, 4],
  [extend, 2],
  [spliceDonor, 3],
  [tamperLength, 8],
  [tamperProto, 3],
  [hugeCount, 3],
  [hugeMsgpack, 4],
  [depthBomb, 1]
];

const TEXT_MUTATORS: Array<[Mutator, number]> = [
  [textInsert, 10],
  [textDuplicate, 4],
  [textNest, 2],
  [deleteBytes, 4],
  [setByte, 3],
  [spliceDonor, 3],
  [truncate, 2],
  [flipBit, 2]
];

function weighted(rng: Rng, list: ReadonlyArray<[Mutator, number]>): Mutator {
  let total = 0;
  for (const [, w] of list) total += w;
  let r = rng.below(total);
  for (const [m, w] of list) {
    if (r < w) return m;
    r -= w;
  }
  return (list[0] as [Mutator, number])[0];
}

/** Applies 1–6 stacked mutations. */
export function mutate(rng: Rng, input: Buffer, ctx: MutationContext): Buffer {
  const rounds = rng.chance(0.5) ? 1 : rng.range(2, 6);
  let out = input;
  for (let i = 0; i < rounds; i++) {
    const list = ctx.text ? TEXT_MUTATORS : BYTE_MUTATORS;
    out = weighted(rng, list)(rng, out, ctx);
    if (out.length > MAX_INPUT) out = out.subarray(0, MAX_INPUT);
  }
  return out;
}
