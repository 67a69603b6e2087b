import { ParseError } from '../errors/client-errors.js';
import { decodeParticle, utf8Slice } from '../values/particle.js';
import type { DecodeOptions, DecodedBins, DecodedValue } from '../values/value-types.js';
import { decompressFrame } from '../wire/compression.js';
import { CITRUS_EPOCH_SECONDS, MessageType, MSG_HEADER_SIZE, OPERATION_HEADER_SIZE, PROTO_HEADER_SIZE } from '../wire/constants.js';
import { readU16, readU32 } from '../wire/bytes.js';

/** Header fields of one AS_MSG reply message. */
export interface ReplyHeader {
  readonly info1: number;
  readonly info2: number;
  readonly info3: number;
  readonly info4: number;
  readonly resultCode: number;
  readonly generation: number;
  /** Void time: seconds since 2010-01-01 UTC; 0 = never expires. */
  readonly voidTime: number;
  /** Bytes 14..17: the batch index in batch replies. */
  readonly batchIndex: number;
  readonly fieldCount: number;
  readonly opCount: number;
}

/** A parsed single-record reply. */
export interface SingleReply extends ReplyHeader {
  /** Bins, when the reply carried any (results for one bin repeated in operate are gathered in an array). */
  readonly bins: DecodedBins | null;
  /** Every returned op in order, as [bin name, value], when requested. */
  readonly ordered: Array<[string, DecodedValue]> | null;
}

/** Options for reply parsing. */
export interface ParseOptions extends DecodeOptions {
  /** Also return ops in order (operate_ordered). */
  readonly ordered?: boolean;
  /** Gather repeated bin names into an array (operate); otherwise the last one wins. */
  readonly gather?: boolean;
}

const GATHER: ParseOptions = Object.freeze({ gather: true });
const gatherOptions = new WeakMap<ParseOptions, ParseOptions>();

/** `options` with `gather` set (operate and batch-write replies), made once per options object. */
export function gathering(options: ParseOptions | undefined): ParseOptions {
  if (options === undefined) return GATHER;
  let g = gatherOptions.get(options);
  if (g === undefined) {
    g = Object.freeze({ ...options, gather: true });
    gatherOptions.set(options, g);
  }
  return g;
}

// Names (bins, sets, namespaces) recur in every record of a reply: a small cache keyed by
// their bytes hands out the same string again without decoding it (utf8Slice costs a
// native call and a new string per use). Same bytes always give the same string.
const INTERN_SLOTS = 512;
const INTERN_MAX = 64;
const internBytes = new Uint8Array(INTERN_SLOTS * INTERN_MAX);
const internLengths = new Int16Array(INTERN_SLOTS).fill(-1);
const internStrings: string[] = new Array<string>(INTERN_SLOTS).fill('');

/**
 * Decodes `buf[start, end)` as UTF-8 (as `buf.toString('utf8', start, end)` does), answering
 * from a cache of recently decoded names when the same bytes were seen before.
 */
export function internUtf8(buf: Buffer, start: number, end: number): string {
  const len = end - start;
  if (len > INTERN_MAX || len < 0) return buf.toString('utf8', start, end);
  let h = len;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + (buf[i] as number)) | 0;
  const slot = (h ^ (h >>> 11)) & (INTERN_SLOTS - 1);
  const base = slot * INTERN_MAX;
  if (internLengths[slot] === len) {
    let i = 0;
    while (i < len && internBytes[base + i] === buf[start + i]) i++;
    if (i === len) return internStrings[slot] as string;
  }
  const s = utf8Slice(buf, start, end);
  for (let i = 0; i < len; i++) internBytes[base + i] = buf[start + i] as number;
  internLengths[slot] = len;
  internStrings[slot] = s;
  return s;
}

/** Converts a void time to a TTL in seconds: -1 when it never expires, at least 1 otherwise. */
export function voidTimeToTtl(voidTime: number, nowMs = Date.now()): number {
  if (voidTime === 0) return -1;
  const now = Math.floor(nowMs / 1000) - CITRUS_EPOCH_SECONDS;
  const ttl = voidTime - now;
  return ttl > 0 ? ttl : 1;
}

/**
 * Returns the AS_MSG body of a type-3 frame, inflating a type-4 frame first.
 * @throws ParseError on any other type.
 */
export function messageBody(frame: Buffer): Buffer {
  let f = frame;
  let type = f[1];
  if (type === MessageType.COMPRESSED) {
    f = decompressFrame(f);
    type = f[1];
  }
  if (type !== MessageType.AS_MSG) throw new ParseError(`expected a data reply (type 3), got message type ${type}`);
  return f.subarray(PROTO_HEADER_SIZE);
}

/** Reads the 22-byte header of the message at `off`. */
export function readReplyHeader(body: Buffer, off: number): ReplyHeader {
  const h: { -readonly [K in keyof ReplyHeader]: ReplyHeader[K] } = { info1: 0, info2: 0, info3: 0, info4: 0, resultCode: 0, generation: 0, voidTime: 0, batchIndex: 0, fieldCount: 0, opCount: 0 };
  readReplyHeaderInto(body, off, h);
  return h;
}

/** Reads the 22-byte header of the message at `off` into `h` (no allocation). */
export function readReplyHeaderInto(body: Buffer, off: number, h: { -readonly [K in keyof ReplyHeader]: ReplyHeader[K] }, end = body.length): void {
  if (end - off < MSG_HEADER_SIZE) throw new ParseError('reply message shorter than its 22-byte header');
  if (body[off] !== MSG_HEADER_SIZE) throw new ParseError(`reply message header size is ${body[off]}, expected 22`);
  h.info1 = body[off + 1] as number;
  h.info2 = body[off + 2] as number;
  h.info3 = body[off + 3] as number;
  h.info4 = body[off + 4] as number;
  h.resultCode = body[off + 5] as number;
  h.generation = readU32(body, off + 6);
  h.voidTime = readU32(body, off + 10);
  h.batchIndex = readU32(body, off + 14);
  h.fieldCount = readU16(body, off + 18);
  h.opCount = readU16(body, off + 20);
}

/** Skips `n` fields starting at `off`; returns the offset after them. */
export function skipFields(body: Buffer, off: number, n: number, end: number): number {
  for (let i = 0; i < n; i++) {
    if (end - off < 4) throw new ParseError('reply truncated inside a field header');
    const size = readU32(body, off);
    if (size < 1 || size > end - off - 4) throw new ParseError(`reply field claims ${size} bytes, beyond the message`);
    off += 4 + size;
  }
  return off;
}

/**
 * Parses `n` ops at `off` into bins (and optionally an ordered list).
 * Returns the offset after them.
 */
export function parseOps(
  body: Buffer,
  off: number,
  n: number,
  end: number,
  options: ParseOptions | undefined,
  out: { bins: DecodedBins | null; ordered: Array<[string, DecodedValue]> | null }
): number {
  const gather = options?.gather === true;
  let bins: DecodedBins | null = n > 0 ? {} : null;
  let repeated: Set<string> | null = null;
  for (let i = 0; i < n; i++) {
    if (end - off < OPERATION_HEADER_SIZE) throw new ParseError('reply truncated inside an op header');
    const size = readU32(body, off);
    const particle = body[off + 5] as number;
    const nameLen = body[off + 7] as number;
    if (size < 4 + nameLen || size > end - off - 4) throw new ParseError(`reply op claims ${size} bytes, beyond the message`);
    const nameStart = off + OPERATION_HEADER_SIZE;
    const valueStart = nameStart + nameLen;
    const valueEnd = off + 4 + size;
    const name = internUtf8(body, nameStart, valueStart);
    const value = decodeParticle(particle, body, valueStart, valueEnd, options);
    if (out.ordered !== null) out.ordered.push([name, value]);
    if (bins !== null) {
      if (gather && Object.prototype.hasOwnProperty.call(bins, name)) {
        repeated ??= new Set();
        if (repeated.has(name)) (bins[name] as DecodedValue[]).push(value);
        else {
          bins[name] = [bins[name] as DecodedValue, value];
          repeated.add(name);
        }
      } else {
        setBin(bins, name, value);
      }
    }
    off = valueEnd;
  }
  out.bins = bins;
  bins = null;
  return off;
}

/** Sets `bins[name]`, defining `__proto__` as an own property rather than the prototype. */
export function setBin(bins: DecodedBins, name: string, value: DecodedValue): void {
  if (name === '__proto__') Object.defineProperty(bins, name, { value, enumerable: true, writable: true, configurable: true });
  else bins[name] = value;
}

/** A {@link SingleReply} that {@link parseSingleReplyInto} can fill. */
export type MutableSingleReply = { -readonly [K in keyof SingleReply]: SingleReply[K] };

/** A blank reply object for {@link parseSingleReplyInto}. */
export function newSingleReply(): MutableSingleReply {
  return { info1: 0, info2: 0, info3: 0, info4: 0, resultCode: 0, generation: 0, voidTime: 0, batchIndex: 0, fieldCount: 0, opCount: 0, bins: null, ordered: null };
}

/**
 * Parses a single-record reply frame (type 3 or 4) into one object.
 * @throws ParseError on malformed bytes.
 */
export function parseSingleReply(frame: Buffer, options?: ParseOptions): SingleReply {
  const r = newSingleReply();
  parseSingleReplyInto(frame, options, r);
  return r;
}

/**
 * Parses a single-record reply frame into `r` (overwriting every field): the header is
 * read straight from the frame, with no body view and no intermediate header object.
 * @throws ParseError on malformed bytes.
 */
export function parseSingleReplyInto(frame: Buffer, options: ParseOptions | undefined, r: MutableSingleReply): void {
  let f = frame;
  if (f[1] === MessageType.COMPRESSED) f = decompressFrame(f);
  if (f[1] !== MessageType.AS_MSG) throw new ParseError(`expected a data reply (type 3), got message type ${f[1]}`);
  const o = PROTO_HEADER_SIZE;
  const end = f.length;
  readReplyHeaderInto(f, o, r);
  r.bins = null;
  r.ordered = options?.ordered === true ? [] : null;
  let off = skipFields(f, o + MSG_HEADER_SIZE, r.fieldCount, end);
  off = parseOps(f, off, r.opCount, end, options, r);
  if (off !== end) throw new ParseError(`reply has ${end - off} unexpected trailing bytes`);
}
