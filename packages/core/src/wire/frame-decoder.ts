import { MAX_REPLY_BODY, PROTO_HEADER_SIZE } from './constants.js';
import { checkReplyHeader } from './proto-header.js';

/**
 * Splits a byte stream into whole proto frames (8-byte header + body).
 *
 * Chunks are kept as received and joined once per frame, only when a frame spans
 * several chunks; a frame inside one chunk is returned as a view of it.
 */
export class FrameDecoder {
  #chunks: Buffer[] = [];
  #buffered = 0;
  #need = -1; // whole frame size once the header is known
  readonly #maxBody: number;

  constructor(maxBody = MAX_REPLY_BODY) {
    this.#maxBody = maxBody;
  }

  /** Bytes received and not yet returned as a frame. */
  get buffered(): number {
    return this.#buffered;
  }

  /** Adds received bytes. */
  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
  }

  /**
   * Returns the next whole frame (header included), or `undefined` when more bytes are
   * needed.
   * @throws ParseError when the next header is invalid.
   */
  next(): Buffer | undefined {
    if (this.#need < 0) {
      if (this.#buffered < PROTO_HEADER_SIZE) return undefined;
      const head = this.#peekHeader();
      this.#need = PROTO_HEADER_SIZE + checkReplyHeader(head, 0, this.#maxBody);
    }
    if (this.#buffered < this.#need) return undefined;
    const size = this.#need;
    this.#need = -1;
    return this.#take(size);
  }

  /** Drops everything buffered (after an error). */
  reset(): void {
    this.#chunks = [];
    this.#buffered = 0;
    this.#need = -1;
  }

  #peekHeader(): Buffer {
    const first = this.#chunks[0] as Buffer;
    if (first.length >= PROTO_HEADER_SIZE) return first;
    const head = Buffer.allocUnsafe(PROTO_HEADER_SIZE);
    let off = 0;
    for (const c of this.#chunks) {
      off += c.copy(head, off, 0, Math.min(c.length, PROTO_HEADER_SIZE - off));
      if (off === PROTO_HEADER_SIZE) break;
    }
    return head;
  }

  #take(size: number): Buffer {
    const first = this.#chunks[0] as Buffer;
    this.#buffered -= size;
    if (first.length >= size) {
      if (first.length === size) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(size);
      return first.subarray(0, size);
    }
    const frame = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const c = this.#chunks[0] as Buffer;
      const n = Math.min(c.length, size - off);
      c.copy(frame, off, 0, n);
      off += n;
      if (n === c.length) this.#chunks.shift();
      else this.#chunks[0] = c.subarray(n);
    }
    return frame;
  }
}
