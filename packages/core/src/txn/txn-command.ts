import type { SingleCommand } from '../command/executor.js';
import { ParseError } from '../errors/client-errors.js';
import type { Key } from '../keys/key.js';
import { DEFAULT_READ_POLICY, type ResolvedBasePolicy } from '../policy/policies.js';
import { decompressFrame } from '../wire/compression.js';
import { MessageType, PROTO_HEADER_SIZE } from '../wire/constants.js';
import type { TxnTransport } from './txn-roll.js';

/** A transaction-protocol request run by the executor; its result is the reply message (after the proto header). */
export class TxnCommand implements SingleCommand<Buffer> {
  readonly key: Key;
  /** Counted with writes in metrics. */
  readonly kind = 2;
  readonly isWrite: boolean;
  readonly policy: ResolvedBasePolicy;
  readonly request: Buffer;

  constructor(key: Key, request: Buffer, isWrite: boolean, policy: ResolvedBasePolicy) {
    this.key = key;
    this.request = request;
    this.isWrite = isWrite;
    this.policy = policy;
  }

  parse(frame: Buffer): Buffer {
    const f = frame[1] === MessageType.COMPRESSED ? decompressFrame(frame) : frame;
    if (f[1] !== MessageType.AS_MSG) throw new ParseError(`expected a data reply (type 3), got message type ${f[1]}`);
    return f.subarray(PROTO_HEADER_SIZE);
  }
}

/**
 * Policy of verify/roll/close requests, as the reference clients set it: master replica,
 * 5 retries 1 s apart, 3 s socket and 10 s total timeout.
 */
export const TXN_REQUEST_POLICY: ResolvedBasePolicy = Object.freeze({ ...DEFAULT_READ_POLICY, replica: 0, maxRetries: 5, sleepBetweenRetries: 1000, socketTimeout: 3000, totalTimeout: 10_000 });

/** A transport that runs transaction requests through the client's single-record executor. */
export function executorTransport(executor: { execute<T>(cmd: SingleCommand<T>): Promise<T> }, policy: ResolvedBasePolicy = TXN_REQUEST_POLICY): TxnTransport {
  return { send: (key, request, isWrite) => executor.execute(new TxnCommand(key, request, isWrite, policy)) };
}
