import type { Node } from '../cluster/node.js';
import { ParseError } from '../errors/client-errors.js';
import { ResultCode } from '../errors/result-code.js';
import { serverError } from '../errors/server-errors.js';
import type { Key } from '../keys/key.js';
import type { ResolvedBasePolicy } from '../policy/policies.js';
import { observeTxnReply } from '../txn/txn-observe.js';
import type { DecodeOptions, DecodedBins, DecodedValue } from '../values/value-types.js';
import type { SingleCommand } from './executor.js';
import { gathering, newSingleReply, parseSingleReplyInto, voidTimeToTtl, type MutableSingleReply } from './record-parser.js';

/** Parsing is synchronous, so one reply object serves every single-record command. */
const REPLY: MutableSingleReply = newSingleReply();

/** Generation and TTL of a record. */
export interface RecordMetadata {
  /** Record generation (number of writes, wrapping at 65535 on the server). */
  readonly generation: number;
  /** Seconds until expiry; -1 when the record never expires. */
  readonly ttl: number;
}

/** A record as read back. */
export interface AerospikeRecord<B = DecodedBins> extends RecordMetadata {
  readonly key: Key;
  readonly bins: B;
  /** Operate results in request order, as [bin, value], when asked for. */
  readonly ordered?: Array<[string, DecodedValue]>;
}

/** What a single-record command returns. */
export const CommandKind = Object.freeze({
  /** A record; not found throws. */
  READ: 0,
  /** Metadata, or null when not found. */
  EXISTS: 1,
  /** Metadata of the written record. */
  WRITE: 2,
  /** true when deleted, false when not found. */
  DELETE: 3,
  /** Metadata; not found throws. */
  TOUCH: 4,
  /** A record with gathered results (and the ordered list when asked). */
  OPERATE: 5,
  /** The UDF's return value. */
  UDF: 6
} as const);
/** A command kind. */
export type CommandKind = (typeof CommandKind)[keyof typeof CommandKind];

/** Options for turning a reply into a result. */
export interface ResultOptions extends DecodeOptions {
  /** Operate: also return results in order. */
  readonly ordered?: boolean;
}

/** One single-record command; the executor runs it and calls {@link parse} on the reply. */
export class SingleRecordCommand implements SingleCommand<unknown> {
  readonly key: Key;
  readonly isWrite: boolean;
  readonly policy: ResolvedBasePolicy;
  readonly request: Buffer;
  readonly #kind: CommandKind;
  /** What the command does (a `CommandKind`), for metrics. */
  readonly kind: CommandKind;
  readonly #options: ResultOptions | undefined;

  constructor(kind: CommandKind, key: Key, isWrite: boolean, policy: ResolvedBasePolicy, request: Buffer, options?: ResultOptions) {
    this.#kind = kind;
    this.kind = kind;
    this.key = key;
    this.isWrite = isWrite;
    this.policy = policy;
    this.request = request;
    this.#options = options;
  }

  parse(frame: Buffer, node: Node): unknown {
    const kind = this.#kind;
    const r = REPLY;
    // a transaction learns the version each record was read at, and which records it wrote
    const txn = this.policy.txn;
    if (txn != null) observeTxnReply(txn, this.key, this.isWrite, frame);
    try {
      parseSingleReplyInto(frame, kind === CommandKind.OPERATE ? gathering(this.#options) : this.#options, r);
      return this.#result(r, node);
    } finally {
      r.bins = null; // the shared reply object must not keep the caller's values alive
      r.ordered = null;
    }
  }

  #result(r: MutableSingleReply, node: Node): unknown {
    const kind = this.#kind;
    const code = r.resultCode;
    if (code !== ResultCode.OK) {
      if (code === ResultCode.KEY_NOT_FOUND_ERROR) {
        if (kind === CommandKind.EXISTS) return null;
        if (kind === CommandKind.DELETE) return false;
      }
      if (code === ResultCode.UDF_BAD_RESPONSE && kind === CommandKind.UDF) {
        const failure = r.bins?.['FAILURE'];
        throw serverError(code, { node: node.address, detail: `${this.key.toString()}: ${typeof failure === 'string' ? failure : 'UDF failed'}` });
      }
      throw serverError(code, { node: node.address, detail: this.key.toString() });
    }
    switch (kind) {
      case CommandKind.READ:
      case CommandKind.OPERATE: {
        const rec: { key: Key; bins: DecodedBins; generation: number; ttl: number; ordered?: Array<[string, DecodedValue]> } = {
          key: this.key,
          bins: r.bins ?? {},
          generation: r.generation,
          ttl: voidTimeToTtl(r.voidTime)
        };
        if (r.ordered !== null) rec.ordered = r.ordered;
        return rec;
      }
      case CommandKind.DELETE:
        return true;
      case CommandKind.UDF: {
        const bins = r.bins;
        if (bins === null) return null;
        if ('SUCCESS' in bins) return bins['SUCCESS'];
        if ('FAILURE' in bins) throw serverError(ResultCode.UDF_BAD_RESPONSE, { node: node.address, detail: String(bins['FAILURE']) });
        throw new ParseError('UDF reply has neither SUCCESS nor FAILURE bin', { node: node.address });
      }
      default:
        return { generation: r.generation, ttl: voidTimeToTtl(r.voidTime) };
    }
  }
}
