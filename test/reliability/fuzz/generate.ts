/**
 * Random well-formed (or nearly well-formed) inputs for every decoder: msgpack values,
 * particles, AS_MSG replies (single, batch, scan/query), compressed frames, info replies,
 * replicas/peers/sindex-list texts, admin replies and AEL expressions. Mutations start
 * from these and from the recorded frames.
 */
import { deflateSync } from 'node:zlib';
import { Double } from '../../../packages/core/src/values/double.js';
import { GeoJSON } from '../../../packages/core/src/values/geojson.js';
import { packValue } from '../../../packages/core/src/values/msgpack-writer.js';
import type { Rng } from './rng.js';

const INT_EDGES = [0n, 1n, -1n, 127n, 128n, -32n, -33n, 255n, 256n, 65535n, 65536n, 2n ** 31n - 1n, -(2n ** 31n), 2n ** 32n, 2n ** 53n, -(2n ** 53n), 2n ** 63n - 1n, -(2n ** 63n)];
const DOUBLES = [0, -0, 1.5, -2.25, NaN, Infinity, -Infinity, 1e300, 5e-324, 2 ** 53, 0.1];
const STRINGS = ['', 'a', 'bin', 'héllo', '日本語', '\u{1f600}\u{1f4a9}', 'x'.repeat(31), 'y'.repeat(32), 'z'.repeat(300), '\u0000', 'ERROR'];

/** A random string: ASCII, BMP or astral. */
export function randomString(rng: Rng, max = 24): string {
  if (rng.chance(0.3)) return rng.pick(STRINGS);
  const n = rng.size(max);
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = rng.float();
    if (r < 0.7) s += String.fromCharCode(rng.range(0x20, 0x7e));
    else if (r < 0.9) s += String.fromCharCode(rng.range(0xa0, 0xd7ff));
    else s += String.fromCodePoint(rng.range(0x10000, 0x10ffff));
  }
  return s;
}

/** A random value the msgpack writer accepts. */
export function randomValue(rng: Rng, depth = 0): unknown {
  const r = rng.below(depth > 3 ? 9 : 12);
  switch (r) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.chance(0.5) ? rng.range(-1000, 1000) : rng.u32() - 0x80000000;
    case 3: {
      const b = rng.chance(0.5) ? rng.pick(INT_EDGES) : rng.int64();
      return b >= -(2n ** 53n) + 1n && b <= 2n ** 53n - 1n ? Number(b) : b;
    }
    case 4:
      return rng.chance(0.5) ? rng.pick(DOUBLES) : (rng.float() - 0.5) * 10 ** rng.range(-10, 30);
    case 5:
      return new Double(rng.chance(0.5) ? rng.range(-100, 100) : rng.pick(DOUBLES));
    case 6:
    case 7:
      return randomString(rng);
    case 8:
      return rng.bytes(rng.size(40));
    case 9:
      return Array.from({ length: rng.size(6) }, () => randomValue(rng, depth + 1));
    case 10: {
      const m = new Map<unknown, unknown>();
      const n = rng.size(6);
      for (let i = 0; i < n; i++) {
        const kr = rng.below(3);
        const k = kr === 0 ? rng.range(-50, 50) : kr === 1 ? randomString(rng, 6) : rng.bytes(rng.range(0, 4));
        if (typeof k === 'object' && [...m.keys()].some((x) => Buffer.isBuffer(x) && x.equals(k))) continue;
        m.set(k, randomValue(rng, depth + 1));
      }
      return m;
    }
    default:
      return new GeoJSON({ type: 'Point', coordinates: [rng.range(-180, 180), rng.range(-90, 90)] });
  }
}

/** Packs a random value (maps key-ordered or not). */
export function randomPacked(rng: Rng): Buffer {
  return packValue(randomValue(rng), 'fuzz', { keyOrderedMaps: rng.chance(0.7) });
}

/**
 * Raw msgpack with any item kind, including ext items, non-canonical widths, the
 * ordered-map/list markers and the wildcard/infinity sentinels.
 */
export function randomRawMsgpack(rng: Rng, depth = 0): Buffer {
  const parts: Buffer[] = [];
  const u = (n: number, v: number): Buffer => {
    const b = Buffer.alloc(n);
    b.writeUIntBE(v, 0, n);
    return b;
  };
  const r = rng.below(depth > 4 ? 14 : 18);
  switch (r) {
    case 0:
      return Buffer.from([rng.below(0x80)]);
    case 1:
      return Buffer.from([0xe0 + rng.below(32)]);
    case 2:
      return Buffer.from([rng.pick([0xc0, 0xc2, 0xc3, 0xc1])]);
    case 3: {
      // uint8..64, int8..64, float32, float64
      const [t, w] = rng.pick([[0xcc, 1], [0xcd, 2], [0xce, 4], [0xcf, 8], [0xd0, 1], [0xd1, 2], [0xd2, 4], [0xd3, 8], [0xca, 4], [0xcb, 8]] as const);
      return Buffer.concat([Buffer.from([t]), rng.bytes(w)]);
    }
    case 4:
    case 5: {
      const type = rng.pick([3, 3, 4, 23, 0, 1, 0x11, 0xff]);
      const body = type === 3 || type === 23 ? Buffer.from(randomString(rng), 'utf8') : rng.bytes(rng.size(40));
      const len = body.length + 1;
      const hdr = len < 32 && rng.chance(0.7) ? Buffer.from([0xa0 | len]) : rng.pick([Buffer.concat([Buffer.from([rng.pick([0xd9, 0xc4])]), u(1, len & 0xff)]), Buffer.concat([Buffer.from([rng.pick([0xda, 0xc5])]), u(2, len)]), Buffer.concat([Buffer.from([rng.pick([0xdb, 0xc6])]), u(4, len)])]);
      return Buffer.concat([hdr, Buffer.from([type]), body]);
    }
    case 6:
      return Buffer.from([0xa0]);
    case 7:
      return Buffer.from([0xd4, 0xff, rng.below(3)]);
    case 8: {
      // fixext1..16 (d4..d8) carry 1, 2, 4, 8, 16 data bytes; ext8/16/32 (c7..c9) a length
      const t = rng.pick([0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xc7, 0xc8, 0xc9]);
      if (t >= 0xd4) return Buffer.concat([Buffer.from([t, rng.below(256)]), rng.bytes(1 << (t - 0xd4))]);
      const n = rng.size(20);
      const w = t === 0xc7 ? 1 : t === 0xc8 ? 2 : 4;
      return Buffer.concat([Buffer.from([t]), u(w, n), Buffer.from([rng.below(256)]), rng.bytes(n)]);
    }
    case 9:
      return randomPacked(rng);
    default: {
      if (depth > 4) return randomPacked(rng);
      const isMap = rng.chance(0.5);
      const n = rng.size(8);
      const hdr = n < 16 && rng.chance(0.7) ? Buffer.from([(isMap ? 0x80 : 0x90) | n]) : rng.chance(0.5) ? Buffer.concat([Buffer.from([isMap ? 0xde : 0xdc]), u(2, n)]) : Buffer.concat([Buffer.from([isMap ? 0xdf : 0xdd]), u(4, n)]);
      parts.push(hdr);
      for (let i = 0; i < n * (isMap ? 2 : 1); i++) {
        if (i === 0 && rng.chance(0.2)) parts.push(Buffer.from([0xc7, 0x00, rng.pick([1, 3, 0xff])]));
        else parts.push(randomRawMsgpack(rng, depth + 1));
      }
      return Buffer.concat(parts);
    }
  }
}

/** A particle: [type, value bytes]. */
export function randomParticle(rng: Rng): [number, Buffer] {
  const t = rng.pick([0, 1, 1, 2, 3, 3, 4, 7, 17, 18, 19, 20, 23, 5, 99]);
  switch (t) {
    case 0:
      return [0, Buffer.alloc(rng.chance(0.9) ? 0 : rng.size(8))];
    case 1: {
      const b = Buffer.alloc(rng.chance(0.9) ? 8 : rng.range(0, 9));
      if (b.length === 8) b.writeBigInt64BE(rng.chance(0.5) ? rng.pick(INT_EDGES) : rng.int64());
      else rng.bytes(b.length).copy(b);
      return [1, b];
    }
    case 2: {
      const b = Buffer.alloc(rng.chance(0.9) ? 8 : rng.range(0, 9));
      if (b.length === 8) b.writeDoubleBE(rng.pick(DOUBLES));
      return [2, b];
    }
    case 3:
      return [3, Buffer.from(randomString(rng, 64), 'utf8')];
    case 17:
      return [17, Buffer.from(rng.chance(0.9) ? [rng.below(2)] : rng.bytes(rng.below(3)))];
    case 19:
    case 20:
      return [t, rng.chance(0.7) ? randomPacked(rng) : randomRawMsgpack(rng)];
    case 23: {
      const text = Buffer.from(JSON.stringify({ type: 'Point', coordinates: [rng.range(-180, 180), rng.range(-90, 90)] }));
      const cells = rng.chance(0.8) ? rng.below(3) : rng.below(0x10000);
      const hdr = Buffer.alloc(3);
      hdr.writeUInt16BE(cells, 1);
      return [23, Buffer.concat([hdr, rng.bytes(Math.min(cells, 4) * 8), text])];
    }
    default:
      return [t, rng.bytes(rng.size(64))];
  }
}

/** One field: u32 size (type byte included), u8 type, data. */
export function field(type: number, data: Uint8Array): Buffer {
  const b = Buffer.alloc(5 + data.length);
  b.writeUInt32BE(data.length + 1, 0);
  b[4] = type;
  b.set(data, 5);
  return b;
}

/** One op: u32 size, op type, particle type, 0, name length, name, value. */
export function op(opType: number, particle: number, name: string, value: Uint8Array): Buffer {
  const nm = Buffer.from(name, 'utf8').subarray(0, 255);
  const b = Buffer.alloc(8 + nm.length + value.length);
  b.writeUInt32BE(4 + nm.length + value.length, 0);
  b[4] = opType;
  b[5] = particle;
  b[7] = nm.length;
  nm.copy(b, 8);
  b.set(value, 8 + nm.length);
  return b;
}

/** The 22-byte AS_MSG header. */
export function msgHeader(h: { info1?: number; info2?: number; info3?: number; info4?: number; result?: number; generation?: number; voidTime?: number; index?: number; fields: number; ops: number }): Buffer {
  const b = Buffer.alloc(22);
  b[0] = 22;
  b[1] = h.info1 ?? 0;
  b[2] = h.info2 ?? 0;
  b[3] = h.info3 ?? 0;
  b[4] = h.info4 ?? 0;
  b[5] = h.result ?? 0;
  b.writeUInt32BE(h.generation ?? 0, 6);
  b.writeUInt32BE(h.voidTime ?? 0, 10);
  b.writeUInt32BE(h.index ?? 0, 14);
  b.writeUInt16BE(h.fields, 18);
  b.writeUInt16BE(h.ops, 20);
  return b;
}

/** Proto header + body. */
export function frame(type: number, body: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h[0] = 2;
  h[1] = type;
  h.writeUIntBE(body.length, 2, 6);
  return Buffer.concat([h, body]);
}

const BIN_NAMES = ['a', 'b', 'bin', 'SUCCESS', 'FAILURE', '__proto__', 'constructor', 'x'.repeat(15), '', 'é'];

function randomOps(rng: Rng, n: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const [pt, v] = randomParticle(rng);
    out.push(op(rng.pick([1, 2, 3, 4, 7, 12, 15]), pt, rng.chance(0.8) ? rng.pick(BIN_NAMES) : randomString(rng, 14), v));
  }
  return out;
}

/** A record message: header, some fields (namespace, set, digest, key, bval, others), ops. */
export function recordMessage(rng: Rng, opts: { index?: number; info3?: number; result?: number; withKeyFields?: boolean } = {}): Buffer {
  const fields: Buffer[] = [];
  if (opts.withKeyFields !== false && rng.chance(0.8)) {
    fields.push(field(0, Buffer.from(rng.chance(0.9) ? 'test' : randomString(rng, 40))));
    if (rng.chance(0.8)) fields.push(field(1, Buffer.from(rng.chance(0.8) ? 'set' : randomString(rng, 70))));
    fields.push(field(4, rng.bytes(rng.chance(0.95) ? 20 : rng.below(30))));
    if (rng.chance(0.5)) {
      const [pt, v] = randomParticle(rng);
      fields.push(field(2, Buffer.concat([Buffer.from([pt]), v])));
    }
    if (rng.chance(0.2)) fields.push(field(15, rng.bytes(rng.chance(0.9) ? 8 : rng.below(12))));
  }
  if (rng.chance(0.1)) fields.push(field(rng.below(256), rng.bytes(rng.size(20))));
  if (rng.chance(0.1)) fields.push(field(rng.pick([3, 6]), rng.bytes(rng.pick([7, 4, 3]))));
  const ops = randomOps(rng, rng.size(8));
  const hdr = msgHeader({
    info1: rng.below(256) & (rng.chance(0.5) ? 0 : 0xff),
    info3: opts.info3 ?? 0,
    result: opts.result ?? (rng.chance(0.8) ? 0 : rng.pick([2, 27, 1, 4, 201, 255])),
    generation: rng.chance(0.8) ? rng.range(0, 10) : rng.u32(),
    voidTime: rng.chance(0.7) ? 0 : rng.u32(),
    index: opts.index ?? rng.u32(),
    fields: fields.length,
    ops: ops.length
  });
  return Buffer.concat([hdr, ...fields, ...ops]);
}

/** A single-record reply frame (type 3). */
export function singleReply(rng: Rng): Buffer {
  return frame(3, recordMessage(rng, { info3: rng.chance(0.9) ? 0 : rng.below(256), withKeyFields: rng.chance(0.2) }));
}

/** A batch reply frame: record messages, then (often) the LAST message. */
export function batchReply(rng: Rng): Buffer {
  const msgs: Buffer[] = [];
  const n = rng.size(12);
  for (let i = 0; i < n; i++) msgs.push(recordMessage(rng, { index: rng.chance(0.9) ? i : rng.u32(), withKeyFields: rng.chance(0.1) }));
  if (rng.chance(0.6)) msgs.push(msgHeader({ info3: 1, result: rng.chance(0.8) ? 0 : rng.below(256), fields: 0, ops: 0 }));
  return frame(3, Buffer.concat(msgs));
}

/** A scan/query reply frame: records, partition-done markers and (often) LAST. */
export function queryReply(rng: Rng): Buffer {
  const msgs: Buffer[] = [];
  const n = rng.size(12);
  for (let i = 0; i < n; i++) {
    if (rng.chance(0.15)) msgs.push(msgHeader({ info3: 4, result: rng.pick([0, 0, 11]), generation: rng.below(4096), fields: 0, ops: 0 }));
    else msgs.push(recordMessage(rng, { info3: 0, result: rng.chance(0.9) ? 0 : rng.pick([2, 27]) }));
  }
  if (rng.chance(0.6)) msgs.push(msgHeader({ info3: 1, result: rng.chance(0.8) ? 0 : rng.pick([201, 4]), fields: 0, ops: 0 }));
  return frame(3, Buffer.concat(msgs));
}

/** A transaction reply message body (no proto header) with version/deadline fields. */
export function txnReply(rng: Rng): Buffer {
  const fields: Buffer[] = [];
  if (rng.chance(0.7)) fields.push(field(3, rng.bytes(rng.chance(0.9) ? 7 : rng.below(10))));
  if (rng.chance(0.7)) fields.push(field(6, rng.bytes(rng.chance(0.9) ? 4 : rng.below(8))));
  return frame(3, Buffer.concat([msgHeader({ result: rng.below(256), fields: fields.length, ops: 0 }), ...fields]));
}

/** A type-4 frame wrapping `inner` (declared size usually right). */
export function compressed(rng: Rng, inner: Buffer): Buffer {
  const z = deflateSync(inner, { level: rng.range(0, 9) });
  const size = Buffer.alloc(8);
  size.writeBigUInt64BE(BigInt(rng.chance(0.9) ? inner.length : rng.below(inner.length * 2 + 2)));
  return frame(4, Buffer.concat([size, z]));
}

/** An info reply frame. */
export function infoReply(rng: Rng): Buffer {
  const lines: string[] = [];
  const n = rng.size(6);
  for (let i = 0; i < n; i++) {
    const name = rng.pick(['node', 'build', 'partition-generation', 'replicas', 'peers-clear-std', 'sets', randomString(rng, 10)]);
    const code = rng.chance(0.9) ? String(rng.range(-5, 300)) : `${rng.pick(['', '-'])}${'9'.repeat(rng.range(15, 400))}`;
    const value = rng.chance(0.2) ? `${rng.pick(['ERROR', 'FAIL', 'error'])}${rng.pick([':', '=', ''])}${code}:${randomString(rng, 20)}` : randomString(rng, 40);
    lines.push(rng.chance(0.9) ? `${name}\t${value}` : name);
  }
  return frame(1, Buffer.from(lines.join('\n') + (rng.chance(0.8) ? '\n' : ''), 'utf8'));
}

/** A `replicas` / `replicas-all` / `replicas-master` text. */
export function replicasText(rng: Rng): string {
  const parts: string[] = [];
  const n = rng.range(1, 3);
  const form = rng.below(3);
  for (let i = 0; i < n; i++) {
    const count = rng.range(0, 3);
    const bms = Array.from({ length: form === 2 ? 1 : count }, () => (rng.chance(0.9) ? rng.bytes(512) : rng.bytes(rng.below(600))).toString('base64'));
    const ns = rng.chance(0.9) ? rng.pick(['test', 'bar']) : randomString(rng, 40);
    if (form === 0) parts.push(`${ns}:${rng.below(3)},${count},${bms.join(',')}`);
    else if (form === 1) parts.push(`${ns}:${count},${bms.join(',')}`);
    else parts.push(`${ns}:${bms.join(',')}`);
  }
  return parts.join(';');
}

/** A `peers-*` text. */
export function peersText(rng: Rng): string {
  const peers: string[] = [];
  const n = rng.size(4);
  for (let i = 0; i < n; i++) {
    const hosts: string[] = [];
    const h = rng.range(0, 3);
    for (let j = 0; j < h; j++) {
      const host = rng.pick(['127.0.0.1', '[::1]', '[fe80::1%eth0]', 'host.example', '10.0.0.' + rng.below(256)]);
      hosts.push(rng.chance(0.7) ? `${host}:${rng.pick([3000, 3100, 0, 65535, 65536, rng.below(70000)])}` : host);
    }
    peers.push(`[${rng.pick(['A1', 'BB9020011AC4202', randomString(rng, 8)])},${rng.chance(0.8) ? '' : 'tls-name'},[${hosts.join(',')}]]`);
  }
  return `${rng.below(100)},${rng.chance(0.9) ? 3000 : ''},[${peers.join(',')}]`;
}

/** A `sindex-list` text. */
export function sindexText(rng: Rng): string {
  const entries: string[] = [];
  const n = rng.size(4);
  for (let i = 0; i < n; i++) {
    const f = [
      `ns=${rng.pick(['test', 'bar'])}`,
      `indexname=idx${i}`,
      `set=${rng.pick(['null', 's', 'NULL'])}`,
      `bin=${rng.pick(['a', 'b', 'null'])}`,
      `type=${rng.pick(['numeric', 'string', 'geo2dsphere', 'blob', 'other'])}`,
      `indextype=${rng.pick(['default', 'list', 'mapkeys', 'mapvalues', 'x'])}`,
      `context=${rng.pick(['null', 'kQOhYQ==', '[map_key(<string#1>)]', rng.bytes(rng.size(20)).toString('base64')])}`,
      `state=${rng.pick(['RW', 'WO'])}`
    ];
    if (rng.chance(0.1)) f.push('exp=AAAA');
    entries.push(f.join(':'));
  }
  return entries.join(';');
}

/** An admin reply frame: one or more 16-byte admin headers with fields. */
export function adminReply(rng: Rng): Buffer {
  const blocks: Buffer[] = [];
  const n = rng.range(1, 4);
  for (let i = 0; i < n; i++) {
    const fields: Buffer[] = [];
    const nf = rng.size(6);
    for (let j = 0; j < nf; j++) {
      const id = rng.pick([0, 5, 6, 10, 11, 12, 13, 14, 15, 16, 17, 18, rng.below(256)]);
      let data: Buffer;
      if (id === 10) {
        const roles = Array.from({ length: rng.size(4) }, () => Buffer.from(randomString(rng, 10)));
        data = Buffer.concat([Buffer.from([roles.length]), ...roles.flatMap((r) => [Buffer.from([r.length]), r])]);
      } else if (id === 16 || id === 17) {
        const k = rng.size(4);
        data = Buffer.alloc(1 + 4 * k);
        data[0] = k;
        for (let q = 0; q < k; q++) data.writeUInt32BE(rng.u32(), 1 + 4 * q);
      } else if (id === 12) {
        const k = rng.size(4);
        const parts: Buffer[] = [Buffer.from([k])];
        for (let q = 0; q < k; q++) {
          const code = rng.pick([0, 1, 10, 11, 13]);
          parts.push(Buffer.from([code]));
          if (code >= 10) {
            const ns = Buffer.from(rng.pick(['', 'test']));
            const set = Buffer.from(rng.pick(['', 's']));
            parts.push(Buffer.from([ns.length]), ns, Buffer.from([set.length]), set);
          }
        }
        data = Buffer.concat(parts);
      } else if (id === 6 || id === 14 || id === 15 || id === 18) {
        data = rng.bytes(rng.chance(0.9) ? 4 : rng.below(6));
      } else data = Buffer.from(randomString(rng, 16));
      fields.push(field(id, data));
    }
    const h = Buffer.alloc(16);
    h[1] = rng.chance(0.8) ? 0 : rng.pick([50, 52, 60, 65]);
    h[3] = fields.length;
    blocks.push(h, ...fields);
  }
  if (rng.chance(0.5)) {
    const end = Buffer.alloc(16);
    end[1] = 50;
    blocks.push(end);
  }
  return frame(2, Buffer.concat(blocks));
}

const AEL_ATOMS = ['{1.5: 2}', '[1.0, -2.0]', 'max()', '$.""', '$.digestModulo(99999999999999999999)', '[[9223372036854775808]]', '$.a', '$.b', '$.name', '$."my bin"', '1', '-7', '0x1f', '0b101', '1.5', '.5', '1e3', '9223372036854775807', "'s'", '"t"', 'true', 'false', '[1, 2]', '{1: 2}', '${x}', '?0', '?1', '?2', '$.ttl()', '$.digestModulo(3)', '$.a.exists()', '$.l.[0]', '$.l.[#-1]', '$.m.{a}', '$.m.{=5:}', '$.l.[=1:3].count()', '$.m.{!a-c}.get(return: KEY_VALUE)', '$.h.hllCount()', '$.a.asFloat()', '$.a.get(type: INT)', 'abs($.a)', 'max($.a, 2)', "geoJson('{\"type\":\"Point\",\"coordinates\":[1,2]}')"];
const AEL_BIN = ['==', '!=', '>', '>=', '<', '<=', 'and', 'or', '+', '-', '*', '/', '%', '**', '&', '|', '^', '<<', '>>', '>>>', 'in'];

/** A random AEL expression (mostly grammatical, often ill-typed). */
export function aelText(rng: Rng, depth = 0): string {
  const r = rng.below(depth > 3 ? 2 : 7);
  switch (r) {
    case 0:
    case 1:
      return rng.pick(AEL_ATOMS);
    case 2:
    case 3:
      return `${aelText(rng, depth + 1)} ${rng.pick(AEL_BIN)} ${aelText(rng, depth + 1)}`;
    case 4:
      return `(${aelText(rng, depth + 1)})`;
    case 5:
      return `${rng.pick(['not', '!', '-', '~'])}${rng.chance(0.5) ? ' ' : ''}${aelText(rng, depth + 1)}`;
    default:
      return rng.chance(0.5)
        ? `let (x = ${aelText(rng, depth + 1)}) then (${aelText(rng, depth + 1)})`
        : `when (${aelText(rng, depth + 1)} => ${aelText(rng, depth + 1)}, default => ${aelText(rng, depth + 1)})`;
  }
}

/**
 * AEL input bytes: mostly UTF-8 text; sometimes 0xfe + UTF-16LE text with a lone
 * surrogate spliced in (the only way to reach strings that have no UTF-8 form).
 */
export function aelInput(rng: Rng): Buffer {
  const text = aelText(rng);
  if (!rng.chance(0.1)) return Buffer.from(text, 'utf8');
  const at = rng.below(text.length + 1);
  const odd = String.fromCharCode(rng.range(0xd800, 0xdfff));
  return Buffer.concat([Buffer.from([0xfe]), Buffer.from(text.slice(0, at) + odd + text.slice(at), 'utf16le')]);
}
