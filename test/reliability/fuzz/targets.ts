/**
 * The decoders under fuzz. Each target turns one input (bytes) into a call of the real
 * decoder and checks what it can: the decoder must return a value or throw the typed
 * error its documentation names (ParseError for server replies, AelError for AEL text);
 * some targets also check the value (frame sizes add up, skip and read agree, decoding
 * is a fixpoint of encode∘decode, compression round-trips).
 */
import { AelError } from '../../../packages/core/src/ael/ael-error.js';
import { compileAel, parseAel } from '../../../packages/core/src/ael/compile.js';
import { planAelQuery, type KnownIndex } from '../../../packages/core/src/ael/index-selection.js';
import { parseSindexList } from '../../../packages/core/src/ael/sindex-catalog.js';
import { parseReplicas } from '../../../packages/core/src/cluster/partition-parser.js';
import { parsePeers } from '../../../packages/core/src/cluster/peers-parser.js';
import { parseBatchFrame } from '../../../packages/core/src/command/batch-command.js';
import { parseQueryFrame } from '../../../packages/core/src/command/query-command.js';
import { parseSingleReply, type ParseOptions } from '../../../packages/core/src/command/record-parser.js';
import { ParseError } from '../../../packages/core/src/errors/client-errors.js';
import { parseInfoError, parseInfoReply } from '../../../packages/core/src/info/info-protocol.js';
import { decodeRoleFields, decodeUserFields, parseAdminQueryFrame, parseAdminReply } from '../../../packages/core/src/net/admin-frame.js';
import { parseTxnReply } from '../../../packages/core/src/txn/txn-reply.js';
import { MsgPackReader, unpackValue } from '../../../packages/core/src/values/msgpack-reader.js';
import { packValue } from '../../../packages/core/src/values/msgpack-writer.js';
import { decodeParticle } from '../../../packages/core/src/values/particle.js';
import { compressRequest, decompressFrame } from '../../../packages/core/src/wire/compression.js';
import { MAX_REPLY_BODY } from '../../../packages/core/src/wire/constants.js';
import { FrameDecoder } from '../../../packages/core/src/wire/frame-decoder.js';
import { FeedResult, MessageSplitter, wholeMessagesEnd } from '../../../packages/core/src/wire/message-splitter.js';
import { checkReplyHeader, protoBodyLength, protoType } from '../../../packages/core/src/wire/proto-header.js';
import { InvalidArgumentError } from '../../../packages/core/src/errors/client-errors.js';
import { canonText } from './canon.js';
import type { Corpus } from './corpus.js';
import * as gen from './generate.js';
import { hashBytes, Rng } from './rng.js';
import { mapFrame, mapMsgpack, type FrameMap } from './structure.js';

/** A wrong result (as opposed to a crash): the decoder returned something it should not have. */
export class OracleFailure extends Error {
  override get name(): string {
    return 'OracleFailure';
  }
}

/** One decoder under fuzz. */
export interface FuzzTarget {
  readonly name: string;
  /** Mutate as text (token insertions, nesting) rather than as a binary frame. */
  readonly text: boolean;
  /** Allocations up to `64 KiB + allocFactor × input length` are justified (default 16). */
  readonly allocFactor?: number;
  /** Recorded seeds (built once). */
  seeds(c: Corpus): Buffer[];
  /** A fresh random input. */
  generate(rng: Rng): Buffer;
  /** Where the length fields are (for structural mutations). */
  map(b: Buffer): FrameMap;
  /** Runs the decoder(s) on one input. Throws on rejection (typed error) or failure. */
  run(input: Buffer): void;
  /** Whether an error thrown by `run` is a clean, typed rejection. */
  accepts(e: unknown): boolean;
}

const isParseError = (e: unknown): boolean => e instanceof ParseError;
const textMap = (b: Buffer): FrameMap => ({ lengths: [], boundaries: [0, b.length], msgpack: [], msgpackItems: [] });

function check(ok: boolean, what: string): void {
  if (!ok) throw new OracleFailure(what);
}

/** Options derived from the input bytes, so a hex dump alone reproduces the case. */
function parseOptions(b: Buffer): ParseOptions {
  const h = hashBytes(b);
  return { ordered: (h & 1) !== 0, gather: (h & 2) !== 0, ...((h & 4) !== 0 ? { maps: 'object' as const } : {}) };
}

const FIXED_NOW = Date.UTC(2026, 0, 1);

const KNOWN_INDEXES: KnownIndex[] = [
  { namespace: 'test', set: null, bin: 'a', name: 'ia', type: 'numeric', collection: 'default', context: null },
  { namespace: 'test', set: null, bin: 'name', name: 'in', type: 'string', collection: 'default', context: null },
  { namespace: 'test', set: null, bin: 'l', name: 'il', type: 'numeric', collection: 'list', context: null },
  { namespace: 'test', set: null, bin: 'm', name: 'im', type: 'string', collection: 'mapkeys', context: null },
  { namespace: 'test', set: null, bin: 'loc', name: 'ig', type: 'geo', collection: 'default', context: null }
];

function withCompressed(rng: Rng, f: Buffer): Buffer {
  return rng.chance(0.1) ? gen.compressed(rng, f) : f;
}

/** Every target. */
export const TARGETS: readonly FuzzTarget[] = [
  {
    name: 'proto-header',
    text: false,
    seeds: (c) => [...c.single, ...c.info, ...c.batch.slice(0, 20)].map((f) => f.subarray(0, 8)),
    generate: (rng) => {
      const b = rng.bytes(8);
      b[0] = 2;
      b[1] = rng.range(0, 5);
      return b;
    },
    map: mapFrame,
    run: (b) => {
      const len = checkReplyHeader(b, 0);
      check(len <= MAX_REPLY_BODY && len === protoBodyLength(b, 0) && protoType(b, 0) >= 1 && protoType(b, 0) <= 4, 'accepted header out of range');
      const small = checkReplyHeader(b, 0, 1024);
      check(small <= 1024, 'accepted a body above the given limit');
    },
    accepts: isParseError
  },
  {
    name: 'frame-decoder',
    text: false,
    seeds: (c) => [...c.single, ...c.info.slice(0, 30), Buffer.concat(c.batch.slice(0, 6)), Buffer.concat(c.query.slice(0, 4))],
    generate: (rng) => Buffer.concat(Array.from({ length: rng.range(1, 4) }, () => rng.pick([gen.singleReply, gen.batchReply, gen.infoReply, gen.adminReply])(rng))),
    map: mapFrame,
    run: (b) => {
      const rng = new Rng(hashBytes(b));
      const maxBody = rng.chance(0.7) ? MAX_REPLY_BODY : rng.pick([0, 22, 1024, 65536]);
      const d = new FrameDecoder(maxBody);
      let pushed = 0;
      let got = 0;
      while (pushed < b.length) {
        const n = Math.min(b.length - pushed, rng.size(b.length) + 1);
        d.push(b.subarray(pushed, pushed + n));
        pushed += n;
        for (let f = d.next(); f !== undefined; f = d.next()) {
          check(f.length >= 8 && f[0] === 2 && f.readUIntBE(2, 6) === f.length - 8 && f.length - 8 <= maxBody, 'frame does not match its header');
          got += f.length;
        }
        check(got + d.buffered === pushed, `frames (${got}) + buffered (${d.buffered}) != pushed (${pushed})`);
      }
    },
    accepts: isParseError
  },
  {
    name: 'message-splitter',
    text: false,
    seeds: (c) => [Buffer.concat(c.query.slice(0, 4)), ...c.query.slice(0, 20)],
    generate: (rng) => Buffer.concat(Array.from({ length: rng.range(1, 4) }, () => withCompressed(rng, gen.queryReply(rng)))),
    map: mapFrame,
    run: (b) => {
      // fed in random chunks: every run handed out is whole messages inside its buffer,
      // and nothing is handed out after the end
      const rng = new Rng(hashBytes(b));
      const s = new MessageSplitter(rng.chance(0.8) ? MAX_REPLY_BODY : rng.pick([22, 1024, 65536]));
      let fed = 0;
      let done = false;
      const sink = {
        onMessages: (body: Buffer, start: number, end: number): boolean => {
          check(!done, 'messages handed out after the end');
          check(start >= 0 && end > start && end <= body.length, 'run outside its buffer');
          check(wholeMessagesEnd(body, start, end) === end, 'run is not whole messages');
          return rng.chance(0.05);
        }
      };
      while (fed < b.length && !done) {
        const n = Math.min(b.length - fed, rng.size(b.length) + 1);
        fed += n;
        done = s.feed(b.subarray(fed - n, fed), sink) === FeedResult.DONE;
      }
    },
    accepts: isParseError
  },
  {
    name: 'single-reply',
    text: false,
    seeds: (c) => c.single,
    generate: (rng) => withCompressed(rng, gen.singleReply(rng)),
    map: mapFrame,
    run: (b) => {
      const r = parseSingleReply(b, parseOptions(b));
      check(r.bins === null || Object.keys(r.bins).length <= r.opCount, 'more bins than ops');
    },
    accepts: isParseError
  },
  {
    name: 'batch-reply',
    text: false,
    seeds: (c) => c.batch,
    generate: (rng) => withCompressed(rng, gen.batchReply(rng)),
    map: mapFrame,
    run: (b) => {
      let rows = 0;
      const code = parseBatchFrame(b, parseOptions(b), (row) => {
        rows++;
        check(Number.isInteger(row.index) && row.index >= 0 && row.index <= 0xffffffff, 'bad batch index');
      });
      check(code === undefined || (code >= 0 && code <= 255), 'bad LAST result code');
      check(rows <= b.length / 22, 'more rows than messages fit');
    },
    accepts: isParseError
  },
  {
    name: 'query-reply',
    text: false,
    seeds: (c) => c.query,
    generate: (rng) => withCompressed(rng, gen.queryReply(rng)),
    map: mapFrame,
    run: (b) => {
      parseQueryFrame(b, 'test', parseOptions(b), {
        record: (pid, digest) => check(pid >= 0 && pid < 4096 && digest.length === 20, 'bad record partition or digest'),
        partitionDone: (pid) => check(Number.isInteger(pid), 'bad partition id')
      }, FIXED_NOW);
    },
    accepts: isParseError
  },
  {
    name: 'txn-reply',
    text: false,
    seeds: (c) => c.single.slice(0, 40),
    generate: (rng) => gen.txnReply(rng),
    map: mapFrame,
    run: (b) => {
      const r = parseTxnReply(b.subarray(Math.min(8, b.length)));
      check(r.version === null || (r.version >= 0n && r.version < 1n << 56n), 'bad record version');
    },
    accepts: isParseError
  },
  {
    name: 'msgpack',
    text: false,
    seeds: (c) => {
      const out: Buffer[] = [];
      for (const f of [...c.single, ...c.batch]) {
        const m = mapFrame(f);
        for (const [s, e] of m.msgpack) out.push(f.subarray(s, e));
      }
      return out;
    },
    generate: (rng) => (rng.chance(0.5) ? gen.randomPacked(rng) : gen.randomRawMsgpack(rng)),
    map: mapMsgpack,
    run: (b) => {
      const objects = (hashBytes(b) & 1) === 1;
      const opts = objects ? { maps: 'object' as const } : undefined;
      const v = unpackValue(b, 0, b.length, opts);
      const r = new MsgPackReader(b, 0, b.length, opts);
      r.skipValue();
      check(r.offset === b.length, `skipValue stopped at ${r.offset}, readValue at ${b.length}`);
      // decode ∘ encode ∘ decode = decode (values the writer refuses, e.g. equal bytes keys, are skipped).
      let again: Buffer;
      try {
        again = packValue(v, 'decoded', { keyOrderedMaps: false, allowSpecial: true });
      } catch (e) {
        if (e instanceof InvalidArgumentError) return;
        throw e;
      }
      const v2 = unpackValue(again, 0, again.length, opts);
      check(canonText(v2) === canonText(v), 're-encoding the decoded value does not decode to the same value');
    },
    accepts: isParseError
  },
  {
    name: 'particle',
    text: false,
    seeds: () => [],
    generate: (rng) => {
      const [t, v] = gen.randomParticle(rng);
      return Buffer.concat([Buffer.from([t]), v]);
    },
    map: (b) => {
      const m = mapMsgpack(b.subarray(1));
      return { lengths: m.lengths.map((l) => ({ ...l, off: l.off + 1 })), boundaries: [0, 1, b.length], msgpack: [[1, b.length]], msgpackItems: m.msgpackItems.map((o) => o + 1) };
    },
    run: (b) => {
      if (b.length === 0) return;
      decodeParticle(b[0] as number, b, 1, b.length, (b.length & 1) === 1 ? { maps: 'object' } : undefined);
    },
    accepts: isParseError
  },
  {
    name: 'compression',
    text: false,
    allocFactor: 1100, // zlib can legitimately expand ~1032:1
    seeds: (c) => {
      const rng = new Rng(7);
      return [...c.single.slice(0, 60), ...c.batch.slice(0, 10)].map((f) => gen.compressed(rng, f));
    },
    generate: (rng) => gen.compressed(rng, rng.pick([gen.singleReply, gen.batchReply])(rng)),
    map: mapFrame,
    run: (b) => {
      // compressRequest ∘ decompressFrame is the identity on any frame.
      const c = compressRequest(b);
      if (c !== b) check(decompressFrame(c).equals(b), 'compress → decompress changed the bytes');
      const inner = decompressFrame(b);
      check(inner.length === Number(b.readBigUInt64BE(8)), 'inflated size differs from the declared size');
      if (inner[1] === 3) parseSingleReply(inner);
    },
    accepts: isParseError
  },
  {
    name: 'info-reply',
    text: true,
    seeds: (c) => c.info,
    generate: (rng) => gen.infoReply(rng),
    map: mapFrame,
    run: (b) => {
      for (const v of parseInfoReply(b).values()) {
        const e = parseInfoError(v);
        check(e === undefined || (Number.isSafeInteger(e.code) && e.code !== 0), `bad info error code ${e?.code}`);
      }
    },
    accepts: isParseError
  },
  {
    name: 'replicas',
    text: true,
    seeds: (c) => c.replicas.map((r) => Buffer.concat([Buffer.from([['replicas', 'replicas-all', 'replicas-master'].indexOf(r.form)]), Buffer.from(r.text)])),
    generate: (rng) => Buffer.concat([Buffer.from([rng.below(3)]), Buffer.from(gen.replicasText(rng))]),
    map: textMap,
    run: (b) => {
      if (b.length === 0) return;
      const form = (['replicas', 'replicas-all', 'replicas-master'] as const)[(b[0] as number) % 3] as 'replicas';
      for (const r of parseReplicas(b.toString('utf8', 1), form).values()) {
        check(r.bitmaps.every((m) => m.length === 512), 'bitmap not 512 bytes');
      }
    },
    accepts: isParseError
  },
  {
    name: 'peers',
    text: true,
    seeds: (c) => c.peers.map((p) => Buffer.from(p)),
    generate: (rng) => Buffer.from(gen.peersText(rng)),
    map: textMap,
    run: (b) => {
      for (const p of parsePeers(b.toString('utf8')).peers) {
        for (const h of p.hosts) check(h.host !== '' && Number.isInteger(h.port) && h.port >= 1 && h.port <= 65535, 'bad peer host');
      }
    },
    accepts: isParseError
  },
  {
    name: 'sindex-list',
    text: true,
    seeds: (c) => c.sindex.map((s) => Buffer.from(s)),
    generate: (rng) => Buffer.from(gen.sindexText(rng)),
    map: textMap,
    run: (b) => {
      parseSindexList(b.toString('utf8'));
    },
    accepts: isParseError
  },
  {
    name: 'admin-reply',
    text: false,
    seeds: () => {
      const rng = new Rng(11);
      return Array.from({ length: 40 }, () => gen.adminReply(rng));
    },
    generate: (rng) => gen.adminReply(rng),
    map: mapFrame,
    run: (b) => {
      const first = parseAdminReply(b);
      decodeUserFields(first.fields);
      decodeRoleFields(first.fields);
      parseAdminQueryFrame(b, (fields) => {
        decodeUserFields(fields);
        decodeRoleFields(fields);
      });
    },
    accepts: isParseError
  },
  {
    name: 'ael',
    text: true,
    seeds: (c) => c.ael.map((t) => Buffer.from(t)),
    generate: (rng) => gen.aelInput(rng),
    map: textMap,
    run: (b) => {
      // A leading 0xfe selects UTF-16 (lone surrogates included); otherwise UTF-8.
      const text = b[0] === 0xfe ? b.toString('utf16le', 1) : b.toString('utf8');
      const args = [5, 'str', [1, 2], 1.5];
      const program = compileAel(text, ...args);
      parseAel(text, ...args);
      planAelQuery(program, 'test', null, KNOWN_INDEXES);
    },
    accepts: (e) => e instanceof AelError
  }
];
