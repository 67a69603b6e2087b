/**
 * Loader for the recorded official-client traffic in `test/fixtures/data` (a verbatim
 * copy of the shared fixtures; see `data/README.md`), typed-JSON → JS value conversion,
 * and a small frame walker that is deliberately independent of `src/command/record-parser`
 * so that tests can check our encoders and decoders against it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Double } from '../../src/values/double.js';
import { GeoJSON } from '../../src/values/geojson.js';
import { Key, type UserKey } from '../../src/keys/key.js';

// ---------------------------------------------------------------------------------------
// Recorded file shapes
// ---------------------------------------------------------------------------------------

/** Truncation record of a large frame: only `keptBytes` of `hex` are stored. */
export interface TruncationInfo {
  keptBytes: number;
  totalBytes: number;
  sha256: string;
}

/** One recorded frame. `hex` is the whole frame, proto header included. */
export interface RecordedFrame {
  type: number;
  length: number;
  hex: string;
  /** UTF-8 body of info (type 1) frames. */
  text?: string;
  truncated?: TruncationInfo;
}

/** One recorded request and every frame that answered it. */
export interface RecordedExchange {
  conn: string;
  request: RecordedFrame;
  responses: RecordedFrame[];
}

/** An info request and its replies (both carry `text`). */
export interface InfoExchange {
  conn?: string;
  request: RecordedFrame & { text: string };
  responses: Array<RecordedFrame & { text: string }>;
}

/** The official client's error, as recorded. */
export interface RecordedError {
  code: number;
  message: string;
  name: string;
  inDoubt: boolean;
}

/** What the official client returned. */
export type RecordedResult = { ok: true; value: unknown } | { ok: false; error: RecordedError };

/** One recorded step of a wire file. */
export interface RecordedStep {
  name: string;
  description: string;
  call: string;
  input: Record<string, unknown>;
  exchanges: RecordedExchange[];
  infoExchanges?: InfoExchange[];
  result: RecordedResult;
  note?: string;
  elapsedMs?: number;
}

/** The common header of every fixture file. */
export interface FixtureHeader {
  server: { build: string; edition: string };
  client: string;
  recordedAt: string;
}

/** A recorded wire file. */
export interface WireFile {
  header: FixtureHeader;
  group: string;
  namespace: string;
  steps: RecordedStep[];
}

/** A deduplicated tend exchange in `info/tend.json`. */
export interface TendExchange extends InfoExchange {
  count: number;
  conns: string[];
  firstStep: string | null;
  firstSeenMs: number;
  otherResponses?: Array<Array<RecordedFrame & { text: string }>>;
}

/** `info/tend.json`. */
export interface TendFile {
  header: FixtureHeader;
  proxy: Record<string, unknown>;
  tend: { description: string; exchanges: TendExchange[] };
  steps: Array<{ name: string; command: string; description: string; call: string; exchanges: InfoExchange[]; result: RecordedResult }>;
}

/** `info/cluster3.json`. */
export interface Cluster3File {
  header: FixtureHeader;
  cluster: Record<string, unknown>;
  nodes: Array<{ address: string; nodeName: string; exchanges: Array<InfoExchange & { command: string }> }>;
}

const DATA = join(__dirname, '..', 'fixtures', 'data');

/** The names of every wire file. */
export const WIRE_FILES = ['kv', 'operate-cdt', 'batch', 'query-scan-sindex', 'udf', 'misc'] as const;
/** A wire file name. */
export type WireFileName = (typeof WIRE_FILES)[number];

const wireCache = new Map<string, WireFile>();

/** Loads `wire/<name>.json` (parsed once per test file). */
export function loadWire(name: string): WireFile {
  let f = wireCache.get(name);
  if (f === undefined) {
    f = JSON.parse(readFileSync(join(DATA, 'wire', `${name}.json`), 'utf8')) as WireFile;
    wireCache.set(name, f);
  }
  return f;
}

/** Loads `info/<name>.json`. */
export function loadInfo<T>(name: string): T {
  return JSON.parse(readFileSync(join(DATA, 'info', `${name}.json`), 'utf8')) as T;
}

/** Bytes of a recorded frame as stored (only the kept prefix of a truncated frame). */
export function frameBytes(f: RecordedFrame): Buffer {
  return Buffer.from(f.hex, 'hex');
}

/** sha256 of some bytes, in hex. */
export function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

// ---------------------------------------------------------------------------------------
// Large blobs (misc.json)
// ---------------------------------------------------------------------------------------

/** The recorder's blob pattern: `byte[j] = (j*31 + 7) & 0xff`. */
export function patternBytes(length: number): Buffer {
  const b = Buffer.allocUnsafe(length);
  for (let j = 0; j < length; j++) b[j] = (j * 31 + 7) & 0xff;
  return b;
}

/**
 * Rebuilds the whole frame of a truncated recording (README "Truncated frames"). The kept
 * prefix is walked independently: header, fields, then ops until the one whose value runs
 * past the kept bytes. That value must be the blob pattern, the last thing in the frame.
 * Throws if the kept bytes contradict that; the caller checks the sha256.
 * Untruncated frames are returned as stored.
 */
export function rebuildFrame(f: RecordedFrame): Buffer {
  const kept = frameBytes(f);
  const t = f.truncated;
  if (t === undefined) return kept;
  if (kept.length !== t.keptBytes) throw new Error(`truncated frame keeps ${kept.length} bytes, says ${t.keptBytes}`);
  if (kept.readUIntBE(2, 6) !== t.totalBytes - 8) throw new Error('truncated frame: proto length does not match totalBytes');
  if (kept[1] !== 3) throw new Error('truncated frame is not an AS_MSG frame');
  const body = kept.subarray(8);
  const bodyTotal = t.totalBytes - 8;
  const nFields = body.readUInt16BE(18);
  const nOps = body.readUInt16BE(20);
  let p = 22;
  for (let i = 0; i < nFields; i++) {
    const size = body.readUInt32BE(p);
    p += 4 + size;
    if (p > body.length) throw new Error('truncated frame cut inside a field');
  }
  for (let i = 0; i < nOps; i++) {
    const size = body.readUInt32BE(p);
    const nameLen = body[p + 7] as number;
    const valueStart = p + 8 + nameLen;
    const valueEnd = p + 4 + size;
    if (valueEnd <= body.length) {
      p = valueEnd;
      continue;
    }
    if (i !== nOps - 1 || valueEnd !== bodyTotal) throw new Error('truncated frame: the cut value is not the last bytes of the frame');
    const blob = patternBytes(valueEnd - valueStart);
    const keptPart = body.subarray(valueStart);
    if (!keptPart.equals(blob.subarray(0, keptPart.length))) throw new Error('truncated frame: kept value bytes are not the blob pattern');
    const out = Buffer.allocUnsafe(t.totalBytes);
    kept.copy(out, 0, 0, 8 + valueStart);
    blob.copy(out, 8 + valueStart);
    return out;
  }
  throw new Error('truncated frame: no op runs past the kept bytes');
}

// ---------------------------------------------------------------------------------------
// Typed JSON
// ---------------------------------------------------------------------------------------

/** An official-client class instance from the recording (`$class` plus its own fields). */
export type ClassObject = { $class: string } & Record<string, unknown>;

/**
 * Converts the fixtures' typed JSON into JS values the way our client represents them:
 * `$bigint` → bigint, `$bytes` → Buffer, `$double` → `Double`, `$geojson` → `GeoJSON`,
 * `$map` → `Map` (typed keys, insertion order), `$key` → `Key` (digest computed by us;
 * a key without a user key is built from the recorded digest), `$number` → -0/NaN/±Infinity,
 * `$undefined` → undefined, `$bytesPattern` → the rebuilt blob. `$class` objects become
 * plain objects that keep their `$class` field; `$bytesSummary`, `$function` and
 * `$circular` placeholders are returned as they are.
 */
export function typed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(typed);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (typeof o['$bigint'] === 'string') return BigInt(o['$bigint']);
  if (typeof o['$bytes'] === 'string') return Buffer.from(o['$bytes'], 'hex');
  if (typeof o['$double'] === 'number') return new Double(o['$double']);
  if (typeof o['$geojson'] === 'string') return new GeoJSON(o['$geojson']);
  if (Array.isArray(o['$map'])) {
    return new Map((o['$map'] as Array<[unknown, unknown]>).map(([k, val]) => [typed(k), typed(val)]));
  }
  if (o['$undefined'] === true) return undefined;
  if (typeof o['$number'] === 'string') {
    const n = o['$number'];
    if (n === '-0') return -0;
    if (n === 'NaN') return NaN;
    if (n === 'Infinity') return Infinity;
    if (n === '-Infinity') return -Infinity;
    throw new Error(`unknown $number ${n}`);
  }
  if (o['$key'] !== undefined) return typedKey(o['$key']);
  if (typeof o['$bytesPattern'] === 'string' && typeof o['length'] === 'number') {
    const b = patternBytes(o['length']);
    if (typeof o['sha256'] === 'string' && sha256(b) !== o['sha256']) throw new Error('$bytesPattern does not match its sha256');
    return b;
  }
  if (o['$bytesSummary'] === true || o['$function'] !== undefined || o['$circular'] === true) return o;
  return Object.fromEntries(Object.entries(o).map(([k, val]) => [k, typed(val)]));
}

/** The recorded parts of a `$key`. */
export interface RecordedKey {
  ns: string;
  set: string | null;
  key: unknown;
  digest: string;
}

function typedKey(raw: unknown): Key {
  const k = raw as RecordedKey;
  const userKey = typed(k.key) as UserKey | undefined;
  if (userKey === undefined) return Key.fromDigest(k.ns, k.set, Buffer.from(k.digest, 'hex'));
  return new Key(k.ns, k.set, userKey);
}

/** The recorded digest of a `$key` typed-JSON value. */
export function recordedDigest(v: unknown): Buffer {
  return Buffer.from(((v as { $key: RecordedKey }).$key).digest, 'hex');
}

// ---------------------------------------------------------------------------------------
// Independent frame walker
// ---------------------------------------------------------------------------------------

/** A field of an AS_MSG, split independently of the client's parser. */
export interface WalkedField {
  type: number;
  data: Buffer;
}
/** An op of an AS_MSG, split independently of the client's parser. */
export interface WalkedOp {
  op: number;
  particle: number;
  name: string;
  value: Buffer;
}
/** One AS_MSG message. */
export interface WalkedMessage {
  /** The 22 header bytes. */
  header: Buffer;
  info1: number;
  info2: number;
  info3: number;
  info4: number;
  resultCode: number;
  generation: number;
  /** TTL slot (request) or void time (reply). */
  ttl: number;
  /** Server timeout (request) or batch index (batch reply): bytes 14..17. */
  timeout: number;
  nFields: number;
  nOps: number;
  fields: WalkedField[];
  ops: WalkedOp[];
  /** Offsets of this message in the body it was walked from: [start, end). */
  start: number;
  end: number;
}

/** The proto header of a frame. */
export interface WalkedProto {
  version: number;
  type: number;
  length: number;
}

function need(body: Buffer, off: number, n: number, what: string): void {
  if (off + n > body.length) throw new Error(`walker: ${what} at ${off} needs ${n} bytes, body has ${body.length - off}`);
}

/**
 * Splits an AS_MSG body (after the proto header) into back-to-back messages, checking
 * every length against the bytes present. An independent reading of the layout
 * (protocol.md §3–§4), used to check our encoder and decoders.
 */
export function walkMessages(body: Buffer): WalkedMessage[] {
  const out: WalkedMessage[] = [];
  let off = 0;
  while (off < body.length) {
    need(body, off, 22, 'message header');
    const h = body.subarray(off, off + 22);
    if (h[0] !== 22) throw new Error(`walker: message header size byte is ${h[0]}, expected 22`);
    const nFields = h.readUInt16BE(18);
    const nOps = h.readUInt16BE(20);
    let p = off + 22;
    const fields: WalkedField[] = [];
    for (let i = 0; i < nFields; i++) {
      need(body, p, 5, 'field header');
      const size = body.readUInt32BE(p);
      if (size < 1) throw new Error(`walker: field of size ${size}`);
      need(body, p + 4, size, 'field data');
      fields.push({ type: body[p + 4] as number, data: body.subarray(p + 5, p + 4 + size) });
      p += 4 + size;
    }
    const ops: WalkedOp[] = [];
    for (let i = 0; i < nOps; i++) {
      need(body, p, 8, 'op header');
      const size = body.readUInt32BE(p);
      const nameLen = body[p + 7] as number;
      if (size < 4 + nameLen) throw new Error(`walker: op of size ${size} with a ${nameLen}-byte name`);
      need(body, p + 4, size, 'op');
      if (body[p + 6] !== 0) throw new Error(`walker: op flags byte is ${body[p + 6]}, expected 0`);
      ops.push({
        op: body[p + 4] as number,
        particle: body[p + 5] as number,
        name: body.toString('utf8', p + 8, p + 8 + nameLen),
        value: body.subarray(p + 8 + nameLen, p + 4 + size)
      });
      p += 4 + size;
    }
    out.push({
      header: h,
      info1: h[1] as number,
      info2: h[2] as number,
      info3: h[3] as number,
      info4: h[4] as number,
      resultCode: h[5] as number,
      generation: h.readUInt32BE(6),
      ttl: h.readUInt32BE(10),
      timeout: h.readUInt32BE(14),
      nFields,
      nOps,
      fields,
      ops,
      start: off,
      end: p
    });
    off = p;
  }
  return out;
}

/** Reads and checks a proto header. */
export function walkProto(frame: Buffer): WalkedProto {
  if (frame.length < 8) throw new Error('walker: frame shorter than the proto header');
  return { version: frame[0] as number, type: frame[1] as number, length: frame.readUIntBE(2, 6) };
}

/**
 * Splits a whole type-3 frame into its proto header and messages.
 * @throws Error when the frame's length does not match its header.
 */
export function walkFrame(frame: Buffer): { proto: WalkedProto; messages: WalkedMessage[] } {
  const proto = walkProto(frame);
  if (proto.version !== 2) throw new Error(`walker: proto version ${proto.version}`);
  if (proto.type !== 3) throw new Error(`walker: proto type ${proto.type}, expected 3`);
  if (proto.length !== frame.length - 8) throw new Error(`walker: proto length ${proto.length}, frame body ${frame.length - 8}`);
  return { proto, messages: walkMessages(frame.subarray(8)) };
}
