import type { Particle, StoredRecord } from '../model/particle.js';
import { partitionOf, type NamespaceStore, type SecondaryIndex } from '../model/store.js';
import { Field, Info1, Info2, Info3, Op, Particle as PT, PARTITIONS, Result } from '../protocol/constants.js';
import { buildMessage, MessageError, type WireMessage, type WireOp } from '../protocol/message.js';
import { collectionElements, MsgpackError, type IndexValue } from '../protocol/msgpack-scan.js';
import { evaluateFilter } from './feature-gates.js';
import { parseRegion, pointInRegion, storedPoint, type GeoRegion } from './geo.js';
import { executeRecordCommand } from './record-command.js';

/** A secondary-index predicate from INDEX_RANGE. */
interface IndexPredicate {
  readonly bin: string;
  readonly particleType: number;
  readonly begin: Buffer;
  readonly end: Buffer;
  readonly collection: string;
}

const COLLECTION_NAMES = ['default', 'list', 'mapkeys', 'mapvalues'] as const;
const INDEX_TYPE_OF: Readonly<Record<number, string>> = { [PT.INTEGER]: 'numeric', [PT.STRING]: 'string', [PT.BLOB]: 'blob', [PT.GEOJSON]: 'geo2dsphere' };

/** Parses INDEX_RANGE (+ INDEX_TYPE). */
function parsePredicate(range: Buffer, type: Buffer | undefined): IndexPredicate {
  let p = 0;
  const need = (n: number): void => {
    if (p + n > range.length) throw new MessageError('truncated index range');
  };
  need(2);
  p++;
  const nameLen = range[p++] as number;
  need(nameLen + 5);
  const bin = range.toString('utf8', p, p + nameLen);
  p += nameLen;
  const particleType = range[p++] as number;
  const beginLen = range.readUInt32BE(p);
  p += 4;
  need(beginLen + 4);
  const begin = range.subarray(p, p + beginLen);
  p += beginLen;
  const endLen = range.readUInt32BE(p);
  p += 4;
  need(endLen);
  const end = range.subarray(p, p + endLen);
  const collection = COLLECTION_NAMES[type?.[0] ?? 0];
  if (collection === undefined) throw new MessageError('unknown index collection type');
  return { bin, particleType, begin, end, collection };
}

/** True when one scalar satisfies the predicate. */
function valueMatches(pred: IndexPredicate, v: IndexValue): boolean {
  if (pred.particleType === PT.INTEGER) {
    if (typeof v !== 'bigint' || pred.begin.length !== 8 || pred.end.length !== 8) return false;
    return v >= pred.begin.readBigInt64BE(0) && v <= pred.end.readBigInt64BE(0);
  }
  if (pred.particleType === PT.STRING) return typeof v === 'string' && v === pred.begin.toString('utf8');
  if (pred.particleType === PT.BLOB) return Buffer.isBuffer(v) && v.equals(pred.begin);
  return false;
}

/** The scalar of a bin particle, as an index sees it. */
function scalarOf(p: Particle): IndexValue {
  if (p.type === PT.INTEGER && p.data.length === 8) return p.data.readBigInt64BE(0);
  if (p.type === PT.STRING) return p.data.toString('utf8');
  if (p.type === PT.BLOB) return p.data;
  return undefined;
}

/** The matching value (for the bval) when the record satisfies the predicate, else undefined. */
function recordMatch(pred: IndexPredicate, rec: StoredRecord, region: GeoRegion | undefined): { bval: bigint } | undefined {
  const bin = rec.bins.get(pred.bin);
  if (bin === undefined) return undefined;
  if (region !== undefined) {
    const p = bin.type === PT.GEOJSON ? storedPoint(bin.data) : undefined;
    return p !== undefined && pointInRegion(p, region) ? { bval: 0n } : undefined;
  }
  let values: IndexValue[];
  if (pred.collection === 'default') values = [scalarOf(bin)];
  else if (pred.collection === 'list' ? bin.type === PT.LIST : bin.type === PT.MAP) {
    try {
      values = collectionElements(bin.data, pred.collection as 'list' | 'mapkeys' | 'mapvalues');
    } catch (e) {
      if (e instanceof MsgpackError) return undefined;
      throw e;
    }
  } else return undefined;
  for (const v of values) if (valueMatches(pred, v)) return { bval: typeof v === 'bigint' ? v : 0n };
  return undefined;
}

/** Finds the index that serves the predicate. */
function findIndex(ns: NamespaceStore, set: string, pred: IndexPredicate): SecondaryIndex | undefined {
  const type = INDEX_TYPE_OF[pred.particleType];
  for (const ix of ns.indexes.values()) {
    if (ix.bin === pred.bin && ix.type === type && ix.collection === pred.collection && ix.context === undefined && (ix.set === '' || ix.set === set)) return ix;
  }
  return undefined;
}

/** Per-partition record lists, sorted by digest so a digest resume point is well defined. */
function byPartition(ns: NamespaceStore, set: string | undefined): Map<number, StoredRecord[]> {
  const out = new Map<number, StoredRecord[]>();
  for (const rec of ns.records.values()) {
    if (set !== undefined && rec.setName !== set) continue;
    if (ns.expired(rec)) continue;
    const pid = partitionOf(rec.digest);
    let list = out.get(pid);
    if (list === undefined) out.set(pid, (list = []));
    list.push(rec);
  }
  for (const list of out.values()) list.sort((a, b) => Buffer.compare(a.digest, b.digest));
  return out;
}

/** Reply message of one record in a scan/query stream. */
function recordMessage(ns: NamespaceStore, rec: StoredRecord, msg: WireMessage, bval: bigint | undefined): Buffer {
  const fields: Array<readonly [number, Buffer]> = [
    [Field.NAMESPACE, Buffer.from(ns.name)],
    [Field.DIGEST, rec.digest],
    [Field.SET, Buffer.from(rec.setName)]
  ];
  if (rec.userKey !== undefined) fields.push([Field.KEY, Buffer.concat([Buffer.from([rec.userKey.type]), rec.userKey.data])]);
  if (bval !== undefined) {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(bval);
    fields.push([Field.BVAL_ARRAY, b]);
  }
  const ops: WireOp[] = [];
  if ((msg.info1 & Info1.NOBINDATA) === 0) {
    const names = msg.ops.filter((o) => o.opType === Op.READ && o.binName !== '').map((o) => o.binName);
    for (const [name, p] of rec.bins) {
      if (names.length === 0 || names.includes(name)) ops.push({ opType: Op.READ, particleType: p.type, binName: name, value: p.data });
    }
  }
  return buildMessage({ resultCode: Result.OK, info1: msg.info1 & Info1.NOBINDATA, generation: rec.generation, voidTime: rec.voidTime, fields, ops });
}

/** Partitions to serve and the resume digest of partial ones. */
function partitionsOf(msg: WireMessage, ownedByNode: (pid: number) => boolean): Array<{ pid: number; after: Buffer | undefined }> {
  const out: Array<{ pid: number; after: Buffer | undefined }> = [];
  const pids = msg.fields.get(Field.PID_ARRAY);
  const digests = msg.fields.get(Field.DIGEST_ARRAY);
  if (pids !== undefined) {
    if (pids.length % 2 !== 0) throw new MessageError('PID_ARRAY length is not a multiple of 2');
    for (let i = 0; i < pids.length; i += 2) {
      const pid = pids.readUInt16LE(i);
      if (pid >= PARTITIONS) throw new MessageError('partition id out of range');
      out.push({ pid, after: undefined });
    }
  }
  if (digests !== undefined) {
    if (digests.length % 20 !== 0) throw new MessageError('DIGEST_ARRAY length is not a multiple of 20');
    for (let i = 0; i < digests.length; i += 20) {
      const d = digests.subarray(i, i + 20);
      out.push({ pid: partitionOf(d), after: d });
    }
  }
  if (pids === undefined && digests === undefined) for (let pid = 0; pid < PARTITIONS; pid++) if (ownedByNode(pid)) out.push({ pid, after: undefined });
  return out;
}

/**
 * Runs a scan, a secondary-index query or a background query and returns the reply
 * messages (without proto headers), ending with the LAST message.
 */
export function executeScanQuery(ns: NamespaceStore, msg: WireMessage, ownedByNode: (pid: number) => boolean): Buffer[] {
  // The server ends a stream with LAST; a stream that fails ends with the error code and no LAST bit.
  const last = (code: number): Buffer => buildMessage({ resultCode: code, info3: code === Result.OK ? Info3.LAST : 0 });
  if (msg.fields.has(Field.UDF_OP) || msg.fields.has(Field.UDF_FUNCTION)) return [last(Result.UNSUPPORTED_FEATURE)];
  if (msg.fields.has(Field.INDEX_CONTEXT)) return [last(Result.UNSUPPORTED_FEATURE)];
  const setField = msg.fields.get(Field.SET);
  const set = setField === undefined || setField.length === 0 ? undefined : setField.toString('utf8');
  const range = msg.fields.get(Field.INDEX_RANGE);
  const pred = range === undefined ? undefined : parsePredicate(range, msg.fields.get(Field.INDEX_TYPE));
  if (pred !== undefined) {
    if (findIndex(ns, set ?? '', pred) === undefined) return [last(Result.INDEX_NOT_FOUND)];
    if (pred.particleType === PT.GEOJSON && (pred.collection !== 'default' || parseRegion(pred.begin.toString('utf8')) === undefined)) return [last(Result.UNSUPPORTED_FEATURE)];
  }
  const maxField = msg.fields.get(Field.MAX_RECORDS);
  const maxRecords = maxField !== undefined && maxField.length === 8 ? maxField.readBigUInt64BE(0) : 0n;
  const filter = msg.fields.get(Field.FILTER_EXP);
  const background = (msg.info2 & Info2.WRITE) !== 0;
  const region = pred?.particleType === PT.GEOJSON ? parseRegion(pred.begin.toString('utf8')) : undefined;
  const records = byPartition(ns, set);
  const out: Buffer[] = [];
  let sent = 0n;
  for (const { pid, after } of partitionsOf(msg, ownedByNode)) {
    for (const rec of records.get(pid) ?? []) {
      if (after !== undefined && Buffer.compare(rec.digest, after) <= 0) continue;
      const match = pred === undefined ? { bval: undefined } : recordMatch(pred, rec, region);
      if (match === undefined) continue;
      if (filter !== undefined) {
        const r = evaluateFilter(filter, rec, { nowNs: ns.nowNs(), namespace: ns.name });
        if (!r.ok) return [last(r.resultCode)];
        if (!r.value) continue;
      }
      if (background) {
        executeRecordCommand(ns, { info1: 0, info2: msg.info2 & ~Info2.RESPOND_ALL_OPS, info3: msg.info3 & Info3.UPDATE_ONLY, info4: 0, generation: 0, ttl: msg.ttl, fields: new Map(), ops: msg.ops, digest: rec.digest, set: rec.setName });
        continue;
      }
      out.push(recordMessage(ns, rec, msg, pred === undefined ? undefined : match.bval));
      sent++;
      if (maxRecords > 0n && sent >= maxRecords) {
        out.push(last(Result.OK));
        return out;
      }
    }
  }
  out.push(last(Result.OK));
  return out;
}
