import { ParseError } from '../errors/client-errors.js';
import { readU16, readU32 } from './bytes.js';
import { decompressFrame } from './compression.js';
import { MAX_REPLY_BODY, MessageType, MSG_HEADER_SIZE, PROTO_HEADER_SIZE } from './constants.js';
import { checkReplyHeader } from './proto-header.js';

/**
 * Receives the messages of a multi-message reply (scan, query) as they arrive: each call
 * hands over `body[start, end)`, one or more whole AS_MSG messages (22-byte header,
 * fields, ops), never a part of one. Returns true when the reply is complete (its last
 * message was in this range).
 */
export interface MessageSink {
  onMessages(body: Buffer, start: number, end: number): boolean;
}

/** What a feed did: the reply is still going, it ended, or the splitter was reset by the sink (the rest of the chunk is dropped). */
export const FeedResult = { MORE: 0, DONE: 1, STOPPED: 2 } as const;

// bytes of a chunk joined past the end of a split unit, so the walk can go on in the copy
// for a while before it returns to the chunk itself
const PROBE = 512;

// what #run returns when the sink reset the splitter
const STOPPED = Number.MIN_SAFE_INTEGER;

const EMPTY = Buffer.alloc(0);

/**
 * Splits the byte stream of a scan/query reply into runs of whole messages, without
 * waiting for whole frames: the server sends frames of up to a megabyte, and a message
 * can be decoded as soon as its own bytes are in. Messages are handed out as views of
 * the socket's chunks; a message split across chunks is copied once, when it is whole
 * (with a few hundred bytes after it), so no frame is ever joined.
 *
 * Compressed frames (type 4) cannot be read in pieces: they are gathered whole,
 * inflated, and their messages handed out from the inflated copy.
 */
export class MessageSplitter {
  // received bytes of a unit (proto header or message) that is not whole yet
  #parts: Buffer[] = [];
  #partsLen = 0;
  // body bytes of the current uncompressed frame still to come (0 between frames)
  #frameLeft = 0;
  // a compressed frame being gathered whole: its pieces, whole size, bytes so far
  #packed: Buffer[] | null = null;
  #packedSize = 0;
  #packedAt = 0;
  // counts resets, so a walk notices that the sink reset the splitter (closed its connection)
  #epoch = 0;
  readonly #maxBody: number;

  constructor(maxBody = MAX_REPLY_BODY) {
    this.#maxBody = maxBody;
  }

  /** Bytes received and not yet handed out. */
  get buffered(): number {
    return this.#partsLen + (this.#packed === null ? 0 : this.#packedAt);
  }

  /** Drops everything buffered (after an error, or before a new reply). */
  reset(): void {
    this.#epoch++;
    this.#parts = [];
    this.#partsLen = 0;
    this.#frameLeft = 0;
    this.#packed = null;
    this.#packedAt = 0;
  }

  /**
   * Hands the whole messages now available to `sink`.
   * @returns {@link FeedResult.DONE} when the sink reported the end of the reply,
   *   {@link FeedResult.STOPPED} when it reset the splitter (nothing more is handed out).
   * @throws ParseError on a malformed header or message, or on bytes after the end.
   */
  feed(chunk: Buffer, sink: MessageSink): number {
    let pos = 0;
    if (this.#partsLen > 0) {
      // A unit (proto header or message) is split: read its length through the kept pieces
      // and the chunk, and join it only once it is whole (one copy, however many chunks
      // it spans), with a margin after it (the walk may go on past the unit: those bytes
      // are the chunk's own, at the same place).
      const carried = this.#partsLen;
      const need = unitNeed(this.#parts, chunk, carried + chunk.length, this.#frameLeft);
      if (this.#frameLeft !== 0 && need > this.#frameLeft) this.#pastFrame();
      if (need > carried + chunk.length) {
        this.#keep(chunk);
        return FeedResult.MORE;
      }
      const take = Math.min(chunk.length, need - carried + PROBE);
      this.#parts.push(take === chunk.length ? chunk : chunk.subarray(0, take));
      const joined = Buffer.concat(this.#parts);
      this.#parts = [];
      this.#partsLen = 0;
      const used = this.#run(joined, 0, sink);
      if (used === STOPPED) return FeedResult.STOPPED;
      if (used < 0) return this.#finish(joined.length - (-used - 1) + chunk.length - take);
      // the unit was whole, so the walk went past it: on from there, in the chunk itself
      pos = used - carried;
    }
    const used = this.#run(chunk, pos, sink);
    if (used === STOPPED) return FeedResult.STOPPED;
    if (used < 0) return this.#finish(chunk.length - (-used - 1));
    if (used < chunk.length) this.#keep(chunk.subarray(used));
    return FeedResult.MORE;
  }

  /** Keeps bytes of a unit that is not whole yet; rejects a message that cannot fit its frame. */
  #keep(bytes: Buffer): void {
    this.#parts.push(bytes);
    this.#partsLen += bytes.length;
    if (this.#frameLeft !== 0 && unitNeed(this.#parts, EMPTY, this.#partsLen, this.#frameLeft) > this.#frameLeft) this.#pastFrame();
  }

  /**
   * Walks `buf` from `pos`: proto headers, runs of whole messages, compressed frames.
   * Returns the offset of the first byte not consumed, `-(end + 1)` when the sink
   * reported the end of the reply at offset `end`, or {@link STOPPED} when the sink reset
   * the splitter.
   */
  #run(buf: Buffer, pos: number, sink: MessageSink): number {
    const len = buf.length;
    const epoch = this.#epoch;
    while (pos < len) {
      if (this.#packed !== null) {
        // a compressed frame: its bytes are kept as they come (never allocated from the
        // size its header claims) and joined once it is whole
        const n = Math.min(this.#packedSize - this.#packedAt, len - pos);
        this.#packed.push(buf.subarray(pos, pos + n));
        this.#packedAt += n;
        pos += n;
        if (this.#packedAt < this.#packedSize) return pos;
        const inner = decompressFrame(Buffer.concat(this.#packed));
        this.#packed = null;
        this.#packedAt = 0;
        if (inner[1] !== MessageType.AS_MSG) throw new ParseError(`expected a data reply (type 3), got message type ${inner[1]}`);
        if (wholeMessagesEnd(inner, PROTO_HEADER_SIZE, inner.length) !== inner.length) throw new ParseError('a message runs past the end of its compressed frame');
        if (inner.length > PROTO_HEADER_SIZE && sink.onMessages(inner, PROTO_HEADER_SIZE, inner.length)) return -(pos + 1);
        if (this.#epoch !== epoch) return STOPPED;
        continue;
      }
      if (this.#frameLeft === 0) {
        if (len - pos < PROTO_HEADER_SIZE) return pos;
        const size = checkReplyHeader(buf, pos, this.#maxBody);
        const type = buf[pos + 1];
        pos += PROTO_HEADER_SIZE;
        if (type === MessageType.COMPRESSED) {
          this.#packed = [buf.subarray(pos - PROTO_HEADER_SIZE, pos)];
          this.#packedSize = PROTO_HEADER_SIZE + size;
          this.#packedAt = PROTO_HEADER_SIZE;
        } else if (type === MessageType.AS_MSG) {
          this.#frameLeft = size;
        } else {
          throw new ParseError(`expected a data reply (type 3), got message type ${type}`);
        }
        continue;
      }
      const limit = len - pos < this.#frameLeft ? len : pos + this.#frameLeft;
      const end = wholeMessagesEnd(buf, pos, limit);
      if (end === pos) {
        if (limit - pos === this.#frameLeft) this.#pastFrame();
        return pos;
      }
      this.#frameLeft -= end - pos;
      const start = pos;
      pos = end;
      if (sink.onMessages(buf, start, end)) return -(end + 1);
      if (this.#epoch !== epoch) return STOPPED;
    }
    return pos;
  }

  #pastFrame(): never {
    throw new ParseError(`a message runs past the end of its frame (${this.#frameLeft} bytes left in the frame)`);
  }

  /** The sink reported the end of the reply with `extra` received bytes after it. */
  #finish(extra: number): number {
    if (this.#frameLeft !== 0 || this.#packed !== null) throw new ParseError('the reply ended inside a frame');
    if (extra > 0) throw new ParseError(`${extra} unexpected bytes after the end of the reply`);
    this.reset();
    return FeedResult.DONE;
  }
}

/**
 * The length of the unit at the start of `parts` followed by `tail` (`total` bytes in
 * all): a proto header between frames, else a message, whose length is read from its
 * header and each field and op size. When those sizes run past `total`, a lower bound
 * above `total`.
 */
function unitNeed(parts: readonly Buffer[], tail: Buffer, total: number, frameLeft: number): number {
  if (frameLeft === 0) return PROTO_HEADER_SIZE;
  if (total < MSG_HEADER_SIZE) return MSG_HEADER_SIZE;
  let n = uintAt(parts, tail, 18, 2) + uintAt(parts, tail, 20, 2);
  let q = MSG_HEADER_SIZE;
  while (n > 0) {
    if (total - q < 4) return q + 4;
    q += 4 + uintAt(parts, tail, q, 4);
    if (q > total) return q;
    n--;
  }
  return q;
}

/** The `n`-byte big-endian unsigned integer at `at` of `parts` followed by `tail` (in range). */
function uintAt(parts: readonly Buffer[], tail: Buffer, at: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    let i = at + k;
    let b = -1;
    for (const p of parts) {
      if (i < p.length) {
        b = p[i] as number;
        break;
      }
      i -= p.length;
    }
    v = v * 256 + (b >= 0 ? b : (tail[i] as number));
  }
  return v;
}

/**
 * Returns the end of the last whole message in `buf[pos, limit)` that starts a run of
 * whole messages at `pos` (`pos` itself when not even the first is whole).
 * @throws ParseError on a message header whose size byte is not 22.
 */
export function wholeMessagesEnd(buf: Buffer, pos: number, limit: number): number {
  let end = pos;
  let p = pos;
  while (limit - p >= MSG_HEADER_SIZE) {
    if (buf[p] !== MSG_HEADER_SIZE) throw new ParseError(`reply message header size is ${buf[p]}, expected 22`);
    let n = readU16(buf, p + 18) + readU16(buf, p + 20);
    let q = p + MSG_HEADER_SIZE;
    while (n > 0) {
      if (limit - q < 4) return end;
      q += 4 + readU32(buf, q);
      if (q > limit) return end;
      n--;
    }
    end = p = q;
  }
  return end;
}
