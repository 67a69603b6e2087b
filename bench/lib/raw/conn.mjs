// One socket with at most one request in flight. Replies are parsed as little as
// possible: single-record replies by their 8-byte proto header (plus the result code byte);
// multi-record streams (batch, scan) by walking the AS_MSG headers to find the LAST flag.
//
// By default the socket reads into buffers it is given (Node's `onread`), the cheapest way a
// Node program can read: no stream machinery per read. Single replies are read into one
// buffer shared by every connection (nothing is kept); during a stream every read gets a
// fresh buffer, whose pieces are kept until their frame is whole. `ownReads = false` reads
// through 'data' events instead (the ceiling's read path until 2026-12-03: impl `raw-events`).
import { connect as netConnect } from 'node:net';
import { INFO3_LAST, INFO3_PARTITION_DONE, encodeInfo, parseInfo } from './wire.mjs';

const IDLE = 0;
const SINGLE = 1;
const STREAM = 2;
const FRAME = 3;

/** The buffer every own-reads connection reads into; nothing keeps a view of it past a read. */
const SHARED_READ = Buffer.allocUnsafeSlow(64 * 1024);

export class RawConn {
  #sock;
  #ownReads;
  #mode = IDLE;
  #resolve = null;
  #reject = null;
  #hdr = Buffer.alloc(8);
  #hdrHave = 0;
  #need = -1;
  #bodyPos = 0;
  #rc = 0;
  #parts = [];
  #count = 0;
  #error = null;

  constructor(sock, ownReads) {
    this.#sock = sock;
    this.#ownReads = ownReads;
    if (!ownReads) sock.on('data', (chunk) => this.#onData(chunk));
    sock.on('error', (e) => this.#fail(e));
    sock.on('close', () => this.#fail(new Error('raw connection closed')));
  }

  /** Opens a connection to host:port; `ownReads`: read into the shared buffer (else 'data' events). */
  static connect(host, port, ownReads = true) {
    return new Promise((resolve, reject) => {
      let conn = null;
      const onread = {
        buffer: () => (conn === null || conn.#mode === SINGLE || conn.#mode === IDLE ? SHARED_READ : Buffer.allocUnsafeSlow(64 * 1024)),
        callback: (n, buf) => conn.#onData(buf.subarray(0, n))
      };
      const sock = netConnect(ownReads ? { host, port, noDelay: true, onread } : { host, port, noDelay: true });
      sock.once('connect', () => {
        sock.removeListener('error', reject);
        conn = new RawConn(sock, ownReads);
        resolve(conn);
      });
      sock.once('error', reject);
    });
  }

  #fail(e) {
    this.#error ??= e;
    const rej = this.#reject;
    this.#mode = IDLE;
    this.#resolve = this.#reject = null;
    if (rej !== null) rej(e);
  }

  #start(mode, req) {
    if (this.#error !== null) return Promise.reject(this.#error);
    this.#mode = mode;
    this.#rc = 0;
    this.#count = 0;
    return new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
      this.#sock.write(req);
    });
  }

  /** Sends a single-record request; resolves with the reply's result code. */
  single(req) {
    return this.#start(SINGLE, req);
  }

  /** Sends a batch or scan request; resolves with { records, resultCode } at the LAST message. */
  stream(req) {
    return this.#start(STREAM, req);
  }

  /** Info names → values. */
  async info(names) {
    return parseInfo(await this.#start(FRAME, encodeInfo(names)));
  }

  close() {
    this.#error ??= new Error('closed');
    this.#sock.destroy();
  }

  #done(value) {
    const res = this.#resolve;
    this.#mode = IDLE;
    this.#resolve = this.#reject = null;
    res(value);
  }

  #onData(chunk) {
    const len = chunk.length;
    let p = 0;
    while (p < len) {
      if (this.#need < 0) {
        const take = Math.min(8 - this.#hdrHave, len - p);
        if (take === 8) {
          this.#need = chunk.readUIntBE(p + 2, 6);
        } else {
          chunk.copy(this.#hdr, this.#hdrHave, p, p + take);
          this.#hdrHave += take;
          if (this.#hdrHave === 8) this.#need = this.#hdr.readUIntBE(2, 6);
        }
        p += take;
        if (this.#need >= 0) {
          this.#hdrHave = 0;
          this.#bodyPos = 0;
        }
        continue;
      }
      const take = Math.min(this.#need, len - p);
      if (this.#mode === SINGLE) {
        if (this.#bodyPos <= 5 && this.#bodyPos + take > 5) this.#rc = chunk[p + 5 - this.#bodyPos];
      } else {
        // a stream's reads each have a buffer of their own (kept), but the first one of a
        // stream may still be the shared buffer
        const piece = take === len && p === 0 ? chunk : chunk.subarray(p, p + take);
        this.#parts.push(this.#ownReads && piece.buffer === SHARED_READ.buffer ? Buffer.from(piece) : piece);
      }
      this.#bodyPos += take;
      this.#need -= take;
      p += take;
      if (this.#need === 0) {
        this.#need = -1;
        this.#frameEnd();
      }
    }
  }

  #frameEnd() {
    const mode = this.#mode;
    if (mode === SINGLE) {
      this.#done(this.#rc);
      return;
    }
    const body = this.#parts.length === 1 ? this.#parts[0] : Buffer.concat(this.#parts);
    this.#parts = [];
    if (mode === FRAME) {
      this.#done(body);
      return;
    }
    // walk the messages of a stream frame
    let o = 0;
    const n = body.length;
    while (o < n) {
      const info3 = body[o + 3];
      const rc = body[o + 5];
      const nf = body.readUInt16BE(o + 18);
      const no = body.readUInt16BE(o + 20);
      o += body[o];
      for (let i = 0; i < nf; i++) o += 4 + body.readUInt32BE(o);
      for (let i = 0; i < no; i++) o += 4 + body.readUInt32BE(o);
      if ((info3 & INFO3_LAST) !== 0) {
        this.#done({ records: this.#count, resultCode: rc });
        return;
      }
      if ((info3 & INFO3_PARTITION_DONE) === 0 && rc === 0) this.#count++;
    }
  }
}
