import { MAX_FRAME_BODY } from './constants.js';

/** One complete protocol frame: message type and body (without the 8-byte proto header). */
export interface Frame {
  /** Message type from the proto header. */
  readonly type: number;
  /** Body bytes. */
  readonly body: Buffer;
}

/** Why a byte stream cannot be framed; the connection must be closed. */
export class FrameError extends Error {
  override readonly name = 'FrameError';
}

/**
 * Splits a socket's byte stream into frames. Holds at most one partial frame; refuses a
 * wrong protocol version or a body over the size limit, so a peer cannot make it grow
 * without bound.
 */
export class FrameReader {
  #chunks: Buffer[] = [];
  #buffered = 0;
  readonly #maxBody: number;

  /** @param maxBody largest body accepted, in bytes. */
  constructor(maxBody: number = MAX_FRAME_BODY) {
    this.#maxBody = maxBody;
  }

  /**
   * Adds bytes and returns every frame now complete.
   * @throws FrameError on a bad version or an oversized length.
   */
  push(data: Buffer): Frame[] {
    this.#chunks.push(data);
    this.#buffered += data.length;
    const frames: Frame[] = [];
    for (;;) {
      if (this.#buffered < 8) break;
      const all = this.#chunks.length === 1 ? (this.#chunks[0] as Buffer) : Buffer.concat(this.#chunks, this.#buffered);
      this.#chunks = [all];
      const version = all[0];
      if (version !== 2) throw new FrameError(`unsupported protocol version ${String(version)}`);
      const type = all[1] as number;
      const size = all.readUIntBE(2, 6);
      if (size > this.#maxBody) throw new FrameError(`frame body of ${size} bytes exceeds ${this.#maxBody}`);
      if (this.#buffered < 8 + size) break;
      frames.push({ type, body: all.subarray(8, 8 + size) });
      const rest = all.subarray(8 + size);
      this.#chunks = rest.length > 0 ? [rest] : [];
      this.#buffered = rest.length;
    }
    return frames;
  }
}

/** Builds a proto header + body. */
export function frame(type: number, body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(8 + body.length);
  out[0] = 2;
  out[1] = type;
  out.writeUIntBE(body.length, 2, 6);
  body.copy(out, 8);
  return out;
}
