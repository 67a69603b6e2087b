import { createServer, type Server, type Socket } from 'node:net';
import { FrameDecoder } from '../../src/wire/frame-decoder';
import { MessageType, PROTO_HEADER_SIZE } from '../../src/wire/constants';
import { writeProtoHeader } from '../../src/wire/proto-header';

/** What a handler does with one request frame. */
export type Reply = Buffer | Buffer[] | 'close' | 'silent' | { delayMs: number; reply: Buffer | Buffer[] | 'close' };

/** Handles one request; returns the reply. */
export type Handler = (frame: Buffer, info: { socket: Socket; index: number }) => Reply;

/** A `replicas` bitmap owning every partition. */
export const ALL_PARTITIONS = Buffer.alloc(512, 0xff).toString('base64');
/** A `replicas` bitmap owning no partition. */
export const NO_PARTITIONS = Buffer.alloc(512, 0).toString('base64');

/** Default info answers that let a client validate the node and tend a one-node cluster. */
export const DEFAULT_INFO: Readonly<Record<string, string>> = {
  node: 'BB9000000000001',
  'partition-generation': '1',
  'peers-generation': '1',
  'peers-clear-std': '1,3000,[]',
  replicas: `test:0,1,${ALL_PARTITIONS};bar:0,1,${ALL_PARTITIONS}`,
  features: 'batch-any;pscans;pquery;query-show',
  build: '8.1.1.2',
  edition: 'Aerospike Community Edition',
  'cluster-name': 'fake'
};

/** Builds an info reply frame for the given commands. */
export function infoReply(commands: string[], answers: Readonly<Record<string, string>>): Buffer {
  const text = commands.map((c) => `${c}\t${answers[c] ?? ''}\n`).join('');
  const body = Buffer.from(text, 'utf8');
  const out = Buffer.allocUnsafe(PROTO_HEADER_SIZE + body.length);
  writeProtoHeader(out, 0, MessageType.INFO, body.length);
  body.copy(out, PROTO_HEADER_SIZE);
  return out;
}

/** Builds an AS_MSG reply frame. */
export function asMsgReply(opts: {
  resultCode?: number;
  generation?: number;
  voidTime?: number;
  info3?: number;
  ops?: Array<{ name: string; particle: number; value: Buffer }>;
}): Buffer {
  const ops = opts.ops ?? [];
  let size = 22;
  for (const o of ops) size += 8 + Buffer.byteLength(o.name) + o.value.length;
  const buf = Buffer.alloc(PROTO_HEADER_SIZE + size);
  writeProtoHeader(buf, 0, MessageType.AS_MSG, size);
  buf[8] = 22;
  buf[11] = opts.info3 ?? 0;
  buf[13] = opts.resultCode ?? 0;
  buf.writeUInt32BE(opts.generation ?? 1, 14);
  buf.writeUInt32BE(opts.voidTime ?? 0, 18);
  buf.writeUInt16BE(ops.length, 28);
  let off = 30;
  for (const o of ops) {
    const nameLen = Buffer.byteLength(o.name);
    buf.writeUInt32BE(4 + nameLen + o.value.length, off);
    buf[off + 4] = 1;
    buf[off + 5] = o.particle;
    buf[off + 7] = nameLen;
    buf.write(o.name, off + 8);
    o.value.copy(buf, off + 8 + nameLen);
    off += 8 + nameLen + o.value.length;
  }
  return buf;
}

/**
 * An in-process fake node on 127.0.0.1: answers info requests from a table and AS_MSG
 * requests through a handler, with hooks to misbehave.
 */
export class FakeNode {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  info: Record<string, string> = { ...DEFAULT_INFO };
  handler: Handler = () => asMsgReply({});
  /** Every AS_MSG/admin request frame received, in order. */
  readonly requests: Buffer[] = [];
  connections = 0;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<FakeNode> {
    const holder: { node?: FakeNode } = {};
    const server = createServer((socket) => (holder.node as FakeNode).#accept(socket));
    const node = new FakeNode(server);
    holder.node = node;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return node;
  }

  get port(): number {
    const a = this.#server.address();
    if (a === null || typeof a === 'string') throw new Error('not listening');
    return a.port;
  }

  get hosts(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Closes the server and every open socket. */
  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Destroys every open client socket (simulates a node dropping connections). */
  dropConnections(): void {
    for (const s of this.#sockets) s.destroy();
  }

  #accept(socket: Socket): void {
    this.connections++;
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => undefined);
    const decoder = new FrameDecoder(1 << 30);
    socket.on('data', (chunk: Buffer) => {
      decoder.push(chunk);
      for (;;) {
        let frame: Buffer | undefined;
        try {
          frame = decoder.next();
        } catch {
          socket.destroy();
          return;
        }
        if (frame === undefined) return;
        this.#handle(Buffer.from(frame), socket);
      }
    });
  }

  #handle(frame: Buffer, socket: Socket): void {
    if (frame[1] === MessageType.INFO) {
      const commands = frame.toString('utf8', PROTO_HEADER_SIZE).split('\n').filter((c) => c !== '');
      socket.write(infoReply(commands, this.info));
      return;
    }
    const index = this.requests.length;
    this.requests.push(frame);
    this.#send(this.handler(frame, { socket, index }), socket);
  }

  #send(reply: Reply, socket: Socket): void {
    if (reply === 'silent') return;
    if (reply === 'close') {
      socket.destroy();
      return;
    }
    if (Buffer.isBuffer(reply)) {
      socket.write(reply);
      return;
    }
    if (Array.isArray(reply)) {
      for (const b of reply) socket.write(b);
      return;
    }
    const r = reply.reply;
    setTimeout(() => {
      if (!socket.destroyed) this.#send(r, socket);
    }, reply.delayMs);
  }
}

/** The batch indexes and digests in a batch-index request (field 41). */
export function batchEntries(frame: Buffer): Array<{ index: number; digest: Buffer }> {
  const nFields = frame.readUInt16BE(26);
  let off = 30;
  for (let i = 0; i < nFields; i++) {
    const size = frame.readUInt32BE(off);
    if (frame[off + 4] === 41) {
      const data = frame.subarray(off + 5, off + 4 + size);
      const count = data.readUInt32BE(0);
      let p = 5;
      const out: Array<{ index: number; digest: Buffer }> = [];
      for (let r = 0; r < count; r++) {
        out.push({ index: data.readUInt32BE(p), digest: data.subarray(p + 4, p + 24) });
        p += 24;
        const type = data[p] as number;
        if (type === 1) {
          p += 1;
          continue;
        }
        p += 1 + 3 + (type === 0x0e ? 2 : 0) + 4;
        const nf = data.readUInt16BE(p);
        const no = data.readUInt16BE(p + 2);
        p += 4;
        for (let f = 0; f < nf + no; f++) p += 4 + data.readUInt32BE(p);
      }
      return out;
    }
    off += 4 + size;
  }
  throw new Error('not a batch request');
}

/** A batch reply: one message per row (batch index in bytes 14..17), then LAST. */
export function batchReply(rows: Array<{ index: number; resultCode?: number; generation?: number; ops?: Array<{ name: string; particle: number; value: Buffer }> }>, lastCode = 0): Buffer[] {
  const msgs = rows.map((r) => {
    const f = asMsgReply({ resultCode: r.resultCode ?? 0, generation: r.generation ?? 1, ops: r.ops ?? [] });
    f.writeUInt32BE(r.index, 22);
    return f.subarray(8);
  });
  const body = Buffer.concat(msgs);
  const frame = Buffer.alloc(8 + body.length);
  writeProtoHeader(frame, 0, MessageType.AS_MSG, body.length);
  body.copy(frame, 8);
  const last = asMsgReply({ resultCode: lastCode, info3: 1 });
  return [frame, last];
}

/** Partitions a scan/query request asks for: full ones (PID_ARRAY) and resumed ones (DIGEST_ARRAY). */
export function scanRequest(frame: Buffer): { pids: number[]; resume: Buffer[]; maxRecords: number } {
  const nFields = frame.readUInt16BE(26);
  let off = 30;
  const out = { pids: [] as number[], resume: [] as Buffer[], maxRecords: 0 };
  for (let i = 0; i < nFields; i++) {
    const size = frame.readUInt32BE(off);
    const data = frame.subarray(off + 5, off + 4 + size);
    if (frame[off + 4] === 11) for (let p = 0; p < data.length; p += 2) out.pids.push(data.readUInt16LE(p));
    if (frame[off + 4] === 12) for (let p = 0; p < data.length; p += 20) out.resume.push(data.subarray(p, p + 20));
    if (frame[off + 4] === 13) out.maxRecords = Number(data.readBigUInt64BE(0));
    off += 4 + size;
  }
  return out;
}

/** One scan record message (namespace, digest and set fields; one integer bin). */
export function scanRecord(ns: string, set: string, digest: Buffer, bin: string, value: number): Buffer {
  const f = asMsgReply({ ops: [{ name: bin, particle: 1, value: Buffer.from(BigInt.asUintN(64, BigInt(value)).toString(16).padStart(16, '0'), 'hex') }] });
  const body = f.subarray(8 + 22);
  const fields = Buffer.concat([field(0, Buffer.from(ns)), field(4, digest), field(1, Buffer.from(set))]);
  const head = Buffer.from(f.subarray(8, 30));
  head.writeUInt16BE(3, 18);
  return Buffer.concat([head, fields, body]);
}

function field(type: number, data: Buffer): Buffer {
  const b = Buffer.alloc(5 + data.length);
  b.writeUInt32BE(data.length + 1, 0);
  b[4] = type;
  data.copy(b, 5);
  return b;
}

/** Wraps AS_MSG messages into one proto frame. */
export function frameOf(messages: Buffer[]): Buffer {
  const body = Buffer.concat(messages);
  const f = Buffer.alloc(8 + body.length);
  writeProtoHeader(f, 0, MessageType.AS_MSG, body.length);
  body.copy(f, 8);
  return f;
}
