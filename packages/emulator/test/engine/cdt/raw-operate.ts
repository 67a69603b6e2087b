import { connect, type Socket } from 'node:net';
import { computeDigest } from '@aerospike-ts/core';

/**
 * A minimal AS_MSG client for recording a server's exact reply bytes: single-record
 * commands with namespace, set and digest fields and raw ops, answered op by op.
 */

/** One op of a request or reply. */
export interface RawOp {
  readonly opType: number;
  readonly particleType: number;
  readonly name: string;
  readonly value: Buffer;
}

/** A parsed reply: result code and ops. */
export interface RawReply {
  readonly resultCode: number;
  readonly ops: RawOp[];
}

/** Info bits used here. */
export const RawInfo = { READ: 0x01, GET_ALL: 0x02, WRITE: 0x01, DELETE: 0x02, RESPOND_ALL_OPS: 0x80 } as const;

function field(type: number, data: Buffer): Buffer {
  const h = Buffer.alloc(5);
  h.writeUInt32BE(data.length + 1, 0);
  h[4] = type;
  return Buffer.concat([h, data]);
}

function opBytes(op: RawOp): Buffer {
  const name = Buffer.from(op.name, 'utf8');
  const h = Buffer.alloc(8);
  h.writeUInt32BE(4 + name.length + op.value.length, 0);
  h[4] = op.opType;
  h[5] = op.particleType;
  h[6] = 0;
  h[7] = name.length;
  return Buffer.concat([h, name, op.value]);
}

/** Encodes a single-record AS_MSG frame. */
export function encodeCommand(ns: string, set: string, key: string, info1: number, info2: number, ops: readonly RawOp[]): Buffer {
  const fields = [field(0, Buffer.from(ns)), field(1, Buffer.from(set)), field(4, computeDigest(set, key))];
  const header = Buffer.alloc(22);
  header[0] = 22;
  header[1] = info1;
  header[2] = info2;
  header.writeUInt32BE(0, 14);
  header.writeUInt16BE(fields.length, 18);
  header.writeUInt16BE(ops.length, 20);
  const body = Buffer.concat([header, ...fields, ...ops.map(opBytes)]);
  const proto = Buffer.alloc(8);
  proto[0] = 2;
  proto[1] = 3;
  proto.writeUIntBE(body.length, 2, 6);
  return Buffer.concat([proto, body]);
}

/** Parses one AS_MSG reply frame body. */
export function parseReply(body: Buffer): RawReply {
  const resultCode = body[5] as number;
  const nFields = body.readUInt16BE(18);
  const nOps = body.readUInt16BE(20);
  let p = 22;
  for (let i = 0; i < nFields; i++) p += 4 + body.readUInt32BE(p);
  const ops: RawOp[] = [];
  for (let i = 0; i < nOps; i++) {
    const size = body.readUInt32BE(p);
    const nameLen = body[p + 7] as number;
    ops.push({
      opType: body[p + 4] as number,
      particleType: body[p + 5] as number,
      name: body.toString('utf8', p + 8, p + 8 + nameLen),
      value: Buffer.from(body.subarray(p + 8 + nameLen, p + 4 + size))
    });
    p += 4 + size;
  }
  return { resultCode, ops };
}

/** A connection that sends one command at a time and returns its reply. */
export class RawConnection {
  readonly #socket: Socket;
  #buf = Buffer.alloc(0);
  #waiter: ((b: Buffer) => void) | undefined;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (d: Buffer) => {
      this.#buf = Buffer.concat([this.#buf, d]);
      this.#drain();
    });
  }

  /** Connects to `host:port`. */
  static open(host: string, port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const s = connect({ host, port }, () => resolve(new RawConnection(s)));
      s.once('error', reject);
    });
  }

  #drain(): void {
    if (this.#buf.length < 8 || this.#waiter === undefined) return;
    const len = this.#buf.readUIntBE(2, 6);
    if (this.#buf.length < 8 + len) return;
    const body = this.#buf.subarray(8, 8 + len);
    this.#buf = this.#buf.subarray(8 + len);
    const w = this.#waiter;
    this.#waiter = undefined;
    w(Buffer.from(body));
  }

  /** Sends a frame and parses the reply. */
  send(frame: Buffer): Promise<RawReply> {
    return new Promise((resolve) => {
      this.#waiter = (body) => resolve(parseReply(body));
      this.#socket.write(frame);
      this.#drain();
    });
  }

  /** Closes the connection. */
  close(): void {
    this.#socket.destroy();
  }
}
