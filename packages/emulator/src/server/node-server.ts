import { createServer, type Server, type Socket } from 'node:net';
import type { NamespaceStore } from '../model/store.js';
import { Field, Info1, Info2, MAX_FRAME_BODY, MsgType, Result } from '../protocol/constants.js';
import { frame, FrameError, FrameReader } from '../protocol/frame-reader.js';
import { buildMessage, MessageError, parseMessage, type WireMessage } from '../protocol/message.js';
import { MsgpackError } from '../protocol/msgpack-scan.js';
import { executeBatch } from './batch-command.js';
import type { CommandFacts, CommandKind, FaultAction, FaultInjector } from './faults.js';
import { answerInfoRequest, type InfoContext } from './info.js';
import type { JobLog } from './job-log.js';
import { executeRecordCommand } from './record-command.js';
import { executeScanQuery } from './scan-query.js';

/** What a node server needs from the cluster it belongs to. */
export interface NodeHost {
  readonly namespaces: ReadonlyMap<string, NamespaceStore>;
  readonly faults: FaultInjector;
  readonly jobs: JobLog;
  /** Info view for this node. */
  infoContext(node: NodeServer): InfoContext;
  /** True when this node is master of the partition. */
  ownsMaster(node: NodeServer, pid: number): boolean;
}

/** A frame's reply, the facts faults are matched against, and the fault that applies. */
interface Answer {
  readonly reply: Buffer | null;
  readonly facts: CommandFacts;
  readonly fault: FaultAction | undefined;
}

/** Reply bytes a connection may leave unread before the emulator closes it. */
const MAX_UNREAD_REPLY_BYTES = 256 * 1024 * 1024;
/** Largest proto frame of a multi-record reply. */
const GROUP_BYTES = 128 * 1024;

/** One listening emulated node. */
export class NodeServer {
  readonly name: string;
  #port = 0;
  readonly #host: NodeHost;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();

  constructor(name: string, host: NodeHost) {
    this.name = name;
    this.#host = host;
    this.#server = createServer((s) => this.#accept(s));
  }

  /** Listening port (after start). */
  get port(): number {
    return this.#port;
  }

  /** Starts listening on 127.0.0.1 (`port` 0 = ephemeral). */
  async start(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const addr = this.#server.address();
    this.#port = typeof addr === 'object' && addr !== null ? addr.port : port;
  }

  /** Stops listening and closes every connection. */
  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    this.#sockets.clear();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: Socket): void {
    this.#sockets.add(socket);
    socket.setNoDelay(true);
    const reader = new FrameReader(MAX_FRAME_BODY);
    let chain: Promise<void> = Promise.resolve();
    socket.on('data', (data: Buffer) => {
      let frames;
      try {
        frames = reader.push(data);
      } catch (e) {
        if (!(e instanceof FrameError)) throw e;
        socket.destroy();
        return;
      }
      for (const f of frames) chain = chain.then(() => this.#serve(socket, f.type, f.body));
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.#sockets.delete(socket));
  }

  /** Answers one frame, applying any matching fault. */
  async #serve(socket: Socket, type: number, body: Buffer): Promise<void> {
    if (socket.destroyed) return;
    let answer: Answer;
    try {
      answer = this.#answer(type, body);
    } catch (e) {
      // A malformed frame closes the connection, as a server does. Anything else is an
      // emulator bug: say so, and close the connection rather than answer wrongly or crash.
      if (!(e instanceof FrameError)) process.emitWarning(`aerospike emulator: internal error answering a request: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      socket.destroy();
      return;
    }
    let reply = answer.reply;
    const { facts, fault } = answer;
    if (fault !== undefined) {
      if (fault.type === 'close') {
        socket.destroy();
        return;
      }
      if (fault.type === 'drop') return;
      if (fault.type === 'truncate') {
        if (reply === null || reply.length === 0) socket.destroy();
        else socket.write(reply.subarray(0, Math.max(0, Math.min(fault.bytes, reply.length))), () => socket.destroy());
        return;
      }
      if (fault.type === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
      if (fault.type === 'result') {
        const stream = facts.kind === 'batch' || facts.kind === 'scan' || facts.kind === 'query' || facts.kind === 'background';
        reply = frame(MsgType.AS_MSG, buildMessage({ resultCode: fault.resultCode, info3: stream && fault.resultCode === Result.OK ? 0x01 : 0 }));
      }
    }
    if (reply === null || socket.destroyed) return;
    socket.write(reply);
    // A peer that sends requests but does not read the replies is cut off rather than buffered for.
    if (socket.writableLength > MAX_UNREAD_REPLY_BYTES) socket.destroy();
  }

  /** Builds the reply bytes of a frame and picks the fault (if any) that applies to it. */
  #answer(type: number, body: Buffer): Answer {
    if (type === MsgType.AS_MSG) return this.#data(body);
    const { reply, facts } = this.#answerOther(type, body);
    return { reply, facts, fault: this.#host.faults.match(facts) };
  }

  /** Info, admin and compressed frames. */
  #answerOther(type: number, body: Buffer): { reply: Buffer | null; facts: CommandFacts } {
    const base = { node: this.name, namespace: '', set: '', info: '' };
    switch (type) {
      case MsgType.INFO: {
        const text = body.toString('utf8');
        const reply = frame(MsgType.INFO, Buffer.from(answerInfoRequest(text, this.#host.infoContext(this)), 'utf8'));
        return { reply, facts: { ...base, kind: 'info', info: text } };
      }
      case MsgType.COMPRESSED:
        // Compression is an Enterprise feature; a Community server refuses it.
        return { reply: frame(MsgType.AS_MSG, buildMessage({ resultCode: Result.ENTERPRISE_ONLY })), facts: { ...base, kind: 'write' } };
      case MsgType.ADMIN: {
        // Security is not available on the emulator (as on a Community server).
        const admin = Buffer.alloc(16);
        admin[1] = Result.SECURITY_NOT_SUPPORTED;
        return { reply: frame(MsgType.ADMIN, admin), facts: { ...base, kind: 'info', info: 'admin' } };
      }
      default:
        throw new FrameError(`unknown message type ${type}`);
    }
  }

  /** Records a scan/query job for `query-show`. */
  #logJob(msg: WireMessage, namespace: string, set: string, kind: CommandKind, records: number): void {
    const id = msg.fields.get(Field.QUERY_ID);
    const rps = msg.fields.get(Field.RECORDS_PER_SECOND);
    this.#host.jobs.add({
      trid: id !== undefined && id.length === 8 ? id.readBigUInt64BE(0) : 0n,
      namespace,
      set,
      rps: rps !== undefined && rps.length === 4 ? rps.readUInt32BE(0) : 0,
      type: kind === 'background' ? 'background-ops' : 'basic',
      records: kind === 'background' ? 0 : records
    });
  }

  #data(body: Buffer): Answer {
    let msg: WireMessage;
    try {
      msg = parseMessage(body).msg;
    } catch (e) {
      if (!(e instanceof MessageError)) throw e;
      // Like the server: a whole frame holding an inconsistent message is answered PARAMETER_ERROR.
      const facts: CommandFacts = { node: this.name, kind: 'write', namespace: '', set: '', info: '' };
      return { reply: frame(MsgType.AS_MSG, buildMessage({ resultCode: Result.PARAMETER })), facts, fault: this.#host.faults.match(facts) };
    }
    const namespace = msg.fields.get(Field.NAMESPACE)?.toString('utf8') ?? '';
    const set = msg.fields.get(Field.SET)?.toString('utf8') ?? '';
    const kind = classify(msg);
    const facts: CommandFacts = { node: this.name, kind, namespace, set, info: '' };
    // The fault is chosen before the command runs, so that it can prevent it.
    const fault = this.#host.faults.match(facts);
    if (fault?.type === 'close' && fault.beforeApply === true) return { reply: null, facts, fault };
    const one = (code: number): Answer => ({ reply: frame(MsgType.AS_MSG, buildMessage({ resultCode: code })), facts, fault });
    try {
      if (kind === 'batch') {
        const data = msg.fields.get(Field.BATCH_INDEX);
        if (data === undefined) return one(Result.PARAMETER);
        return { reply: group(executeBatch(this.#host.namespaces, data, msg.fields.get(Field.FILTER_EXP))), facts, fault };
      }
      const ns = this.#host.namespaces.get(namespace);
      if (kind === 'scan' || kind === 'query' || kind === 'background') {
        if (ns === undefined) return { reply: group([buildMessage({ resultCode: Result.NAMESPACE_NOT_FOUND })]), facts, fault };
        const replies = executeScanQuery(ns, msg, (pid) => this.#host.ownsMaster(this, pid));
        this.#logJob(msg, namespace, set, kind, replies.length - 1);
        return { reply: group(replies), facts, fault };
      }
      if (ns === undefined) return one(Result.NAMESPACE_NOT_FOUND);
      const digest = msg.fields.get(Field.DIGEST);
      if (digest === undefined || digest.length !== 20) return one(Result.PARAMETER);
      const reply = executeRecordCommand(ns, { info1: msg.info1, info2: msg.info2, info3: msg.info3, info4: msg.info4, generation: msg.generation, ttl: msg.ttl, fields: msg.fields, ops: msg.ops, digest, set });
      return { reply: frame(MsgType.AS_MSG, buildMessage(reply)), facts, fault };
    } catch (e) {
      if (e instanceof MessageError || e instanceof MsgpackError) return one(Result.PARAMETER);
      throw e;
    }
  }
}

/** Kind of a data command, for fault matching and dispatch. */
function classify(msg: WireMessage): CommandKind {
  if ((msg.info1 & Info1.BATCH) !== 0 || msg.fields.has(Field.BATCH_INDEX)) return 'batch';
  if (!msg.fields.has(Field.DIGEST)) {
    if ((msg.info2 & Info2.WRITE) !== 0) return 'background';
    return msg.fields.has(Field.INDEX_RANGE) ? 'query' : 'scan';
  }
  if (msg.fields.has(Field.UDF_FUNCTION)) return 'udf';
  if ((msg.info2 & Info2.DELETE) !== 0) return 'delete';
  return (msg.info2 & Info2.WRITE) !== 0 ? 'write' : 'read';
}

/** Packs reply messages into proto frames of bounded size; the final (LAST) message goes in a frame of its own, as the server sends it. */
function group(messages: readonly Buffer[]): Buffer {
  const frames: Buffer[] = [];
  const last = messages[messages.length - 1];
  messages = messages.slice(0, -1);
  let batch: Buffer[] = [];
  let size = 0;
  for (const m of messages) {
    if (size > 0 && size + m.length > GROUP_BYTES) {
      frames.push(frame(MsgType.AS_MSG, Buffer.concat(batch, size)));
      batch = [];
      size = 0;
    }
    batch.push(m);
    size += m.length;
  }
  if (size > 0) frames.push(frame(MsgType.AS_MSG, Buffer.concat(batch, size)));
  if (last !== undefined) frames.push(frame(MsgType.AS_MSG, last));
  return Buffer.concat(frames);
}
