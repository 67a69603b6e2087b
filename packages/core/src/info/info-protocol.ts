import { InvalidArgumentError, ParseError } from '../errors/client-errors.js';
import { MessageType, PROTO_HEADER_SIZE } from '../wire/constants.js';
import { writeProtoHeader } from '../wire/proto-header.js';

/**
 * Encodes an info request: proto type 1, body = each command followed by a newline.
 * @throws InvalidArgumentError when a command contains a newline or is not well-formed.
 */
export function encodeInfoRequest(commands: readonly string[]): Buffer {
  let len = 0;
  for (const c of commands) {
    if (typeof c !== 'string' || !c.isWellFormed() || c.includes('\n')) {
      throw new InvalidArgumentError(`info command ${JSON.stringify(c)} must be a well-formed string without newlines`);
    }
    len += Buffer.byteLength(c, 'utf8') + 1;
  }
  const buf = Buffer.allocUnsafe(PROTO_HEADER_SIZE + len);
  writeProtoHeader(buf, 0, MessageType.INFO, len);
  let off = PROTO_HEADER_SIZE;
  for (const c of commands) {
    off += buf.write(c, off, 'utf8');
    buf[off++] = 0x0a;
  }
  return buf;
}

/**
 * Parses an info reply frame into name → value, in reply order. Lines are `name\tvalue`;
 * a line without a tab maps the name to ''.
 * @throws ParseError when the frame is not an info reply.
 */
export function parseInfoReply(frame: Buffer): Map<string, string> {
  if (frame[1] !== MessageType.INFO) throw new ParseError(`expected an info reply (type 1), got message type ${frame[1]}`);
  const text = frame.toString('utf8', PROTO_HEADER_SIZE);
  const out = new Map<string, string>();
  let start = 0;
  while (start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const line = text.slice(start, nl);
    start = nl + 1;
    if (line === '') continue;
    const tab = line.indexOf('\t');
    if (tab < 0) out.set(line, '');
    else out.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return out;
}

/** An `ERROR:<code>:<message>` (or `FAIL:…`) info value, parsed. */
export interface InfoFailure {
  readonly code: number;
  readonly message: string;
}

/** Recognises an info error value; returns undefined for a normal value. */
export function parseInfoError(value: string): InfoFailure | undefined {
  const m = /^(?:ERROR|FAIL|error)[:=]?(-?\d+)?(?::(.*))?$/s.exec(value);
  if (m === null) return undefined;
  // No code, code 0, or a code no result code can be (a huge digit run): a generic server error.
  const code = m[1] === undefined ? 1 : Number(m[1]);
  return { code: code === 0 || !Number.isSafeInteger(code) ? 1 : code, message: (m[2] ?? '').trim() };
}
