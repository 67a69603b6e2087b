import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Double } from '../../src/values/double';
import { GeoJSON } from '../../src/values/geojson';
import { Key } from '../../src/keys/key';

/** One recorded frame. */
export interface RecordedFrame {
  type: number;
  length: number;
  hex: string;
  text?: string;
  truncated?: { keptBytes: number; totalBytes: number; sha256: string };
}

/** One recorded request and its replies. */
export interface RecordedExchange {
  conn: string;
  request: RecordedFrame;
  responses: RecordedFrame[];
}

/** One recorded step of a wire file. */
export interface RecordedStep {
  name: string;
  description: string;
  call: string;
  input: Record<string, unknown>;
  exchanges: RecordedExchange[];
  infoExchanges?: RecordedExchange[];
  result: { ok: true; value: unknown } | { ok: false; error: { code: number; message: string; name: string; inDoubt: boolean } };
  note?: string;
}

/** A recorded wire file. */
export interface WireFile {
  group: string;
  namespace: string;
  steps: RecordedStep[];
}

const DATA = join(__dirname, '..', 'fixtures', 'data');

/** Loads `wire/<name>.json`. */
export function loadWire(name: string): WireFile {
  return JSON.parse(readFileSync(join(DATA, 'wire', `${name}.json`), 'utf8')) as WireFile;
}

/** Loads `info/<name>.json`. */
export function loadInfo<T>(name: string): T {
  return JSON.parse(readFileSync(join(DATA, 'info', `${name}.json`), 'utf8')) as T;
}

/** The names of every wire file. */
export const WIRE_FILES = ['kv', 'operate-cdt', 'batch', 'query-scan-sindex', 'udf', 'misc'] as const;

/** Bytes of a recorded frame. */
export function frameBytes(f: RecordedFrame): Buffer {
  return Buffer.from(f.hex, 'hex');
}

/**
 * Converts the fixtures' typed JSON into JS values the way our client represents them:
 * `$bigint` → bigint, `$bytes` → Buffer, `$double` → Double, `$geojson` → GeoJSON,
 * `$map` → Map, `$key` → Key, `$number` → the special number, `$undefined` → undefined.
 */
export function typed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(typed);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if ('$bigint' in o) return BigInt(o['$bigint'] as string);
  if ('$bytes' in o) return Buffer.from(o['$bytes'] as string, 'hex');
  if ('$double' in o) return new Double(o['$double'] as number);
  if ('$geojson' in o) return new GeoJSON(o['$geojson'] as string);
  if ('$map' in o) return new Map((o['$map'] as Array<[unknown, unknown]>).map(([k, val]) => [typed(k), typed(val)]));
  if ('$undefined' in o) return undefined;
  if ('$number' in o) return Number(o['$number'] === '-0' ? -0 : o['$number']);
  if ('$key' in o) {
    const k = o['$key'] as { ns: string; set: string | null; key: unknown; digest: string };
    const userKey = typed(k.key) as string | number | bigint | Buffer | undefined;
    return userKey === undefined ? Key.fromDigest(k.ns, k.set, Buffer.from(k.digest, 'hex')) : new Key(k.ns, k.set, userKey);
  }
  return Object.fromEntries(Object.entries(o).map(([k, val]) => [k, typed(val)]));
}

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
  header: Buffer;
  info1: number;
  info2: number;
  info3: number;
  info4: number;
  resultCode: number;
  generation: number;
  ttl: number;
  timeout: number;
  fields: WalkedField[];
  ops: WalkedOp[];
}

/**
 * Splits an AS_MSG body (after the proto header) into back-to-back messages. This is an
 * independent reading of the layout, used to check our encoder and decoders.
 */
export function walkMessages(body: Buffer): WalkedMessage[] {
  const out: WalkedMessage[] = [];
  let off = 0;
  while (off < body.length) {
    const h = body.subarray(off, off + 22);
    const nFields = h.readUInt16BE(18);
    const nOps = h.readUInt16BE(20);
    let p = off + 22;
    const fields: WalkedField[] = [];
    for (let i = 0; i < nFields; i++) {
      const size = body.readUInt32BE(p);
      fields.push({ type: body[p + 4] as number, data: body.subarray(p + 5, p + 4 + size) });
      p += 4 + size;
    }
    const ops: WalkedOp[] = [];
    for (let i = 0; i < nOps; i++) {
      const size = body.readUInt32BE(p);
      const nameLen = body[p + 7] as number;
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
      fields,
      ops
    });
    off = p;
  }
  return out;
}
