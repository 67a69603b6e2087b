import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import { clearTimeout, setTimeout } from 'node:timers';
import { AerospikeError } from '../errors/aerospike-error.js';
import { ConnectionError, ParseError, TimeoutError, TlsError } from '../errors/client-errors.js';
import { PROTO_HEADER_SIZE } from '../wire/constants.js';
import { FrameDecoder } from '../wire/frame-decoder.js';
import { FeedResult, MessageSplitter, type MessageSink } from '../wire/message-splitter.js';
import { checkReplyHeader } from '../wire/proto-header.js';

/** TLS settings for a connection. */
export interface TlsOptions extends Pick<TlsConnectionOptions, 'ca' | 'cert' | 'key' | 'passphrase' | 'pfx' | 'rejectUnauthorized' | 'minVersion' | 'maxVersion' | 'ciphers' | 'checkServerIdentity'> {
  /**
   * Name the server certificate must carry (and the SNI name sent). Defaults to the
   * host name.
   */
  readonly tlsName?: string;
}

/** Where and how to connect. */
export interface ConnectOptions {
  readonly host: string;
  readonly port: number;
  /** TLS settings; omit for plain TCP. */
  readonly tls?: TlsOptions | undefined;
  /** Connect timeout in ms; 0 = none. */
  readonly connectTimeout: number;
}

/**
 * Receives the frames of a multi-frame reply (batch, scan, query).
 * `onFrame` returns true when the reply is complete.
 */
export interface FrameSink {
  onFrame(frame: Buffer): boolean;
}

export type { MessageSink } from '../wire/message-splitter.js';

/** Either kind of stream sink: whole frames, or runs of whole messages as they arrive. */
export type StreamSink = FrameSink | MessageSink;

const NO_FRAME = Buffer.alloc(0);

/** Most bytes one socket read takes (Node's own default). */
const READ_SIZE = 64 * 1024;
/**
 * The buffer every connection reads into outside streams: each read is copied out of it
 * (at its exact size) before the callback returns, so nothing ever keeps a view of it.
 * Reading into buffers we provide skips Node's per-read allocation and its stream
 * machinery ('data' events): 2–3 µs of user CPU per single-record command on the
 * benchmark machine (docs/performance.md, sixth pass).
 */
const SHARED_READ = Buffer.allocUnsafeSlow(READ_SIZE);
/**
 * A stream read of at least this many bytes into a connection's own buffer is handed over
 * as it is (no copy; the socket gets a fresh buffer for its next read); a smaller one is
 * copied out so that a few kept values do not hold a whole 64 KiB buffer alive.
 */
const HAND_OVER_MIN = 16 * 1024;
/**
 * How far beyond the bytes received a long single reply's first buffer may reach: a frame
 * up to this size is read into one buffer of its size, a longer one into a buffer that
 * doubles as it fills. So a header claiming more than arrives allocates at most this much
 * (or as much as arrived) ahead of the data, never the claimed size.
 */
const FRAME_AHEAD = 1024 * 1024;

/** The whole size of the reply frame whose header starts `buf`, or -1 when the header is bad (reported by the usual path). */
function replyFrameSize(buf: Buffer): number {
  try {
    return PROTO_HEADER_SIZE + checkReplyHeader(buf, 0);
  } catch {
    return -1;
  }
}

/**
 * Receives the outcome of a request sent with {@link Connection.send}: exactly one of the
 * two methods is called, synchronously from the socket's event (data, error, close, timer)
 * and after the connection is idle again, so the handler may release or reuse it. Neither
 * may throw.
 */
export interface ReplyHandler {
  /** The single reply frame arrived. */
  onReply(frame: Buffer): void;
  /** The request failed; the connection is closed. */
  onFailure(err: Error): void;
}

const IDLE = 0;
const SINGLE = 1;
const STREAM = 2;

/**
 * One socket to one node, with one request in flight at a time (as the server
 * requires). Replies are split into frames; a request's promise settles with the reply
 * frame (single) or when its sink says the stream is complete.
 *
 * Any failure — socket error, timeout, malformed frame, unexpected bytes — destroys the
 * socket and rejects the pending request; a closed connection is never reused.
 */
export class Connection {
  readonly #socket: Socket;
  readonly #decoder = new FrameDecoder();
  // made on the first message-sink stream of this connection; #splitting while one runs
  #splitter: MessageSplitter | null = null;
  #splitting = false;
  readonly #address: string;
  #state = IDLE;
  #closed = false;
  #resolve: ((v: Buffer) => void) | null = null;
  #reject: ((e: Error) => void) | null = null;
  #handler: ReplyHandler | null = null;
  #sink: StreamSink | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /**
   * When the timer fires (ms since epoch; 0 while none is armed). A request's end leaves
   * the timer running: the next request, due no earlier, keeps it, and a timer that fires
   * on an idle connection just stops. So a busy connection sets a timer about once per
   * timeout period instead of once per request.
   */
  #timerAt = 0;
  #socketTimeout = 0;
  #deadline = 0;
  #lastActivity = 0;
  #paused = false;
  /** The buffer the socket reads into next, and whether the last read kept it. */
  #readBuffer: Buffer = SHARED_READ;
  #readKept = false;
  /**
   * A single reply longer than its first read: the buffer it is read into, how much of it
   * is filled, and the frame's size. The socket reads the rest straight into the buffer (no
   * copy per read, no join). The size comes from the server, so the buffer reaches beyond
   * what arrived by at most {@link FRAME_AHEAD} or by as much as arrived: it doubles as it fills.
   */
  #frame: Buffer | null = null;
  #frameFill = 0;
  #frameSize = 0;
  /** Time of the last completed request (ms since epoch), for idle reaping. */
  lastUsed = Date.now();
  readonly #onTimer = (): void => this.#timerFired();

  /** The socket reads into buffers the connection provides (see {@link Connection.open}). */
  private constructor(socket: Socket, address: string) {
    this.#socket = socket;
    this.#address = address;
    socket.on('error', (err: Error) => this.#fail(new ConnectionError(`connection to ${address} failed: ${err.message}`, { node: address, cause: err })));
    socket.on('close', () => this.#fail(new ConnectionError(`connection to ${address} closed by the server`, { node: address })));
  }

  /**
   * Opens a connection. Its socket (plain TCP or TLS) reads into buffers the connection
   * provides (Node's `onread`), not through 'data' events.
   * @throws ConnectionError, TlsError, or TimeoutError (kind 'connect').
   */
  static open(options: ConnectOptions): Promise<Connection> {
    const address = `${options.host}:${options.port}`;
    return new Promise<Connection>((resolve, reject) => {
      let socket: Socket;
      // the connection the socket's reads go to, made on 'connect' (reading starts after it)
      let conn: Connection | null = null;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const onError = (err: Error): void => {
        if (timer !== null) clearTimeout(timer);
        socket.destroy();
        const isTls = options.tls !== undefined && /certificate|SSL|TLS|altnames|self.signed|handshake/i.test(`${err.message} ${(err as { code?: string }).code ?? ''}`);
        reject(isTls
          ? new TlsError(`TLS connection to ${address} failed: ${err.message}`, { node: address, cause: err })
          : new ConnectionError(`cannot connect to ${address}: ${err.message}`, { node: address, cause: err }));
      };
      const onConnect = (): void => {
        if (timer !== null) clearTimeout(timer);
        socket.removeListener('error', onError);
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 60_000);
        conn = new Connection(socket, address);
        resolve(conn);
      };
      const onread = {
        buffer: (): Buffer => (conn === null ? SHARED_READ : conn.#nextReadBuffer()),
        callback: (n: number, buf: Uint8Array): boolean => {
          if (conn === null) socket.destroy(new Error(`${n} bytes from ${address} before the connection was set up`));
          else conn.#read(n, buf as Buffer);
          return true;
        }
      };
      if (options.tls !== undefined) {
        const { tlsName, ...tlsOpts } = options.tls;
        // tls.connect takes onread as net.connect does (Node's docs); @types/node omits it
        const tlsConnectOptions: TlsConnectionOptions & { onread: typeof onread } = { ...tlsOpts, host: options.host, port: options.port, servername: tlsName ?? options.host, onread };
        socket = tlsConnect(tlsConnectOptions, onConnect);
      } else {
        socket = netConnect({ host: options.host, port: options.port, onread }, onConnect);
      }
      socket.once('error', onError);
      if (options.connectTimeout > 0) {
        timer = setTimeout(() => {
          socket.destroy();
          reject(new TimeoutError(`connecting to ${address} took over ${options.connectTimeout} ms`, 'connect', { node: address }));
        }, options.connectTimeout);
      }
    });
  }

  /** `host:port` of the peer. */
  get address(): string {
    return this.#address;
  }

  /** False once the connection failed or was closed. */
  get isOpen(): boolean {
    return !this.#closed;
  }

  /** True while a request is in flight. */
  get busy(): boolean {
    return this.#state !== IDLE;
  }

  /**
   * Sends a request and resolves with the single reply frame.
   * @param socketTimeout max idle ms while waiting (0 = none)
   * @param deadline absolute ms since epoch (0 = none)
   */
  request(frame: Buffer, socketTimeout: number, deadline: number): Promise<Buffer> {
    return this.#start(frame, SINGLE, null, socketTimeout, deadline);
  }

  /**
   * Sends a request whose reply is a single frame and reports its outcome to `handler`
   * (no promise: the single-record path settles its command straight from the socket's
   * events). A connection that is closed or busy reports the failure at once.
   * @param socketTimeout max idle ms while waiting (0 = none)
   * @param deadline absolute ms since epoch (0 = none)
   */
  send(frame: Buffer, socketTimeout: number, deadline: number, handler: ReplyHandler): void {
    if (this.#closed) {
      handler.onFailure(new ConnectionError(`connection to ${this.#address} is closed`, { node: this.#address }));
      return;
    }
    if (this.#state !== IDLE) {
      handler.onFailure(new Error('internal: connection already has a request in flight'));
      return;
    }
    this.#handler = handler;
    this.#begin(frame, SINGLE, null, socketTimeout, deadline);
  }

  /**
   * Sends a request whose reply is several frames. A {@link FrameSink} gets each whole
   * frame; a {@link MessageSink} gets runs of whole messages as soon as they arrive (frames
   * are never joined). Either reports when the reply is complete.
   */
  async stream(frame: Buffer, sink: StreamSink, socketTimeout: number, deadline: number): Promise<void> {
    await this.#start(frame, STREAM, sink, socketTimeout, deadline);
  }

  /** Pauses reading from the socket (backpressure for streams); the socket timeout is suspended meanwhile. */
  pause(): void {
    this.#paused = true;
    this.#socket.pause();
  }

  /** Resumes reading from the socket. */
  resume(): void {
    this.#paused = false;
    this.#lastActivity = Date.now();
    this.#socket.resume();
  }

  /** Destroys the socket; a pending request is rejected with `reason`. */
  close(reason?: Error): void {
    this.#fail(reason ?? new ConnectionError(`connection to ${this.#address} closed by the client`, { node: this.#address }));
  }

  #start(frame: Buffer, mode: number, sink: StreamSink | null, socketTimeout: number, deadline: number): Promise<Buffer> {
    if (this.#closed) return Promise.reject(new ConnectionError(`connection to ${this.#address} is closed`, { node: this.#address }));
    if (this.#state !== IDLE) return Promise.reject(new Error('internal: connection already has a request in flight'));
    const p = new Promise<Buffer>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#begin(frame, mode, sink, socketTimeout, deadline);
    return p;
  }

  #begin(frame: Buffer, mode: number, sink: StreamSink | null, socketTimeout: number, deadline: number): void {
    this.#state = mode;
    this.#sink = sink;
    this.#splitting = sink !== null && 'onMessages' in sink;
    if (this.#splitting) this.#splitter ??= new MessageSplitter();
    this.#socketTimeout = socketTimeout;
    this.#deadline = deadline;
    this.#lastActivity = Date.now();
    this.#arm(this.#lastActivity);
    this.#socket.write(frame);
  }

  #arm(now: number): void {
    let wait = Infinity;
    if (this.#socketTimeout > 0) wait = this.#paused ? this.#socketTimeout : this.#lastActivity + this.#socketTimeout - now;
    if (this.#deadline > 0) wait = Math.min(wait, this.#deadline - now);
    if (wait === Infinity) return;
    const at = now + Math.max(1, wait);
    if (this.#timerAt !== 0 && this.#timerAt <= at) return; // fires first, then checks again
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#onTimer, at - now);
    this.#timer.unref(); // the socket keeps the process alive while a request waits
    this.#timerAt = at;
  }

  #timerFired(): void {
    this.#timer = null;
    this.#timerAt = 0;
    if (this.#state === IDLE) return;
    const now = Date.now();
    if (this.#deadline > 0 && now >= this.#deadline) {
      this.#fail(new TimeoutError(`no reply from ${this.#address} before the total timeout`, 'total', { node: this.#address }));
    } else if (this.#socketTimeout > 0 && now - this.#lastActivity >= this.#socketTimeout && !this.#paused) {
      this.#fail(new TimeoutError(`no data from ${this.#address} for ${this.#socketTimeout} ms (socket timeout)`, 'socket', { node: this.#address }));
    } else {
      this.#arm(now);
    }
  }

  /**
   * Where the socket's next read goes: the rest of a long single reply's frame, the shared
   * buffer, or during a stream a buffer of the connection's own.
   */
  #nextReadBuffer(): Buffer {
    if (this.#frame !== null) this.#readBuffer = this.#frame.subarray(this.#frameFill);
    else if (this.#state !== STREAM) this.#readBuffer = SHARED_READ;
    else if (this.#readKept || this.#readBuffer === SHARED_READ) this.#readBuffer = Buffer.allocUnsafeSlow(READ_SIZE);
    this.#readKept = false;
    return this.#readBuffer;
  }

  /** A read arrived: handled, and whatever it throws fails this connection (never the socket's read loop). */
  #read(n: number, buf: Buffer): void {
    try {
      this.#onRead(n, buf);
    } catch (err) {
      this.#fail(err instanceof AerospikeError ? err : new ParseError(`bad reply from ${this.#address}: ${(err as Error).message}`, { node: this.#address, cause: err }));
    }
  }

  /**
   * `n` bytes were read into `buf`. A whole single reply is settled with its copy; the start
   * of a long one gets a buffer the rest is read into; anything else is kept (a large
   * stream read) or copied out, then handled.
   */
  #onRead(n: number, buf: Buffer): void {
    const frame = this.#frame;
    if (frame !== null) {
      // more of a long single reply, read into its buffer (never past the frame's end)
      const fill = (this.#frameFill += n);
      const now = Date.now();
      this.#lastActivity = now;
      if (fill === this.#frameSize) {
        this.#frame = null;
        this.#settle(frame, now);
      } else if (fill === frame.length) {
        const grown = Buffer.allocUnsafe(Math.min(this.#frameSize, 2 * fill));
        frame.copy(grown, 0, 0, fill);
        this.#frame = grown;
      }
      return;
    }
    if (this.#state === SINGLE && this.#decoder.buffered === 0 && n >= PROTO_HEADER_SIZE) {
      const size = replyFrameSize(buf);
      if (size === n) {
        // the usual single reply: one whole frame in one read; settle with its copy
        const reply = Buffer.allocUnsafe(n);
        buf.copy(reply, 0, 0, n);
        const now = Date.now();
        this.#lastActivity = now;
        this.#settle(reply, now);
        return;
      }
      if (size > n) {
        const f = Buffer.allocUnsafe(Math.min(size, n + FRAME_AHEAD));
        buf.copy(f, 0, 0, n);
        this.#frame = f;
        this.#frameFill = n;
        this.#frameSize = size;
        this.#lastActivity = Date.now();
        return;
      }
    }
    let chunk: Buffer;
    if (n >= HAND_OVER_MIN && buf !== SHARED_READ) {
      chunk = buf.subarray(0, n);
      this.#readKept = true;
    } else {
      chunk = Buffer.allocUnsafe(n);
      buf.copy(chunk, 0, 0, n);
    }
    this.#onData(chunk);
  }

  #onData(chunk: Buffer): void {
    if (this.#state === IDLE) {
      this.#fail(new ParseError(`unexpected ${chunk.length} bytes from ${this.#address} with no request in flight`, { node: this.#address }));
      return;
    }
    const now = Date.now();
    this.#lastActivity = now;
    try {
      // (a whole single reply in one read, or the start of a long one, never gets here: #onRead takes it)
      if (this.#splitting) {
        const done = (this.#splitter as MessageSplitter).feed(chunk, this.#sink as MessageSink) === FeedResult.DONE;
        // the sink may have closed this connection meanwhile (a cancelled scan)
        if (done && this.#state === STREAM) this.#settle(NO_FRAME, now);
        return;
      }
      this.#decoder.push(chunk);
      for (;;) {
        const frame = this.#decoder.next();
        if (frame === undefined) return;
        if (this.#state === SINGLE) {
          if (this.#decoder.buffered > 0) {
            throw new ParseError(`${this.#decoder.buffered} unexpected bytes after the reply from ${this.#address}`);
          }
          this.#settle(frame, now);
          return;
        }
        if ((this.#sink as FrameSink).onFrame(frame)) {
          if (this.#decoder.buffered > 0) {
            throw new ParseError(`${this.#decoder.buffered} unexpected bytes after the end of a stream from ${this.#address}`);
          }
          this.#settle(frame, now);
          return;
        }
        if (this.#state === IDLE) return; // sink closed us
      }
    } catch (err) {
      this.#fail(err instanceof AerospikeError ? err : new ParseError(`bad reply from ${this.#address}: ${(err as Error).message}`, { node: this.#address, cause: err }));
    }
  }

  #settle(frame: Buffer, now: number): void {
    const handler = this.#handler;
    const resolve = this.#resolve;
    this.#clearPending();
    this.lastUsed = now;
    if (handler !== null) handler.onReply(frame);
    else (resolve as (v: Buffer) => void)(frame);
  }

  #clearPending(): void {
    this.#state = IDLE;
    this.#resolve = null;
    this.#reject = null;
    this.#handler = null;
    this.#sink = null;
    this.#splitting = false;
  }

  #fail(err: Error): void {
    const reject = this.#reject;
    const handler = this.#handler;
    this.#clearPending();
    this.#frame = null;
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
      this.#timerAt = 0;
    }
    if (!this.#closed) {
      this.#closed = true;
      this.#decoder.reset();
      this.#splitter?.reset();
      this.#socket.destroy();
    }
    if (handler !== null) handler.onFailure(err);
    else if (reject !== null) reject(err);
  }
}
