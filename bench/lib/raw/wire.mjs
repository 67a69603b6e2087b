// The raw ceiling's message encoder: just enough of the Aerospike wire protocol to
// pre-encode the benchmark's requests (single-record get/put, batch read, partition scan,
// info). Written for the bench alone; it shares no code with the client under test.
import { createHash } from 'node:crypto';

const PROTO_VERSION = 2;
const TYPE_INFO = 1;
const TYPE_MSG = 3;

export const INFO1_READ = 0x01;
export const INFO1_GET_ALL = 0x02;
export const INFO1_BATCH = 0x08;
export const INFO2_WRITE = 0x01;
export const INFO3_LAST = 0x01;
export const INFO3_PARTITION_DONE = 0x04;

const F_NAMESPACE = 0;
const F_SET = 1;
const F_DIGEST = 4;
const F_SOCKET_TIMEOUT = 9;
const F_QUERY_ID = 7;
const F_PID_ARRAY = 11;
const F_BATCH_INDEX = 41;

const OP_WRITE = 2;
const P_INTEGER = 1;
const P_STRING = 3;
const P_BLOB = 4;

/** RIPEMD-160 of set name, key particle type and key bytes (integer keys only). */
export function digestOf(set, intKey) {
  const k = Buffer.alloc(9);
  k[0] = P_INTEGER;
  k.writeBigInt64BE(BigInt(intKey), 1);
  return createHash('ripemd160').update(set).update(k).digest();
}

/** Partition id of a digest: its first 12 bits, little-endian. */
export function partitionOf(digest) {
  return (digest[0] | (digest[1] << 8)) & 4095;
}

function field(type, data) {
  const b = Buffer.alloc(5 + data.length);
  b.writeUInt32BE(data.length + 1, 0);
  b[4] = type;
  data.copy(b, 5);
  return b;
}

function op(opType, particle, name, value) {
  const n = Buffer.from(name, 'utf8');
  const b = Buffer.alloc(8 + n.length + value.length);
  b.writeUInt32BE(4 + n.length + value.length, 0);
  b[4] = opType;
  b[5] = particle;
  b[6] = 0;
  b[7] = n.length;
  n.copy(b, 8);
  value.copy(b, 8 + n.length);
  return b;
}

function binOp(name, v) {
  if (typeof v === 'number') {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(BigInt(v));
    return op(OP_WRITE, P_INTEGER, name, b);
  }
  if (typeof v === 'string') return op(OP_WRITE, P_STRING, name, Buffer.from(v, 'utf8'));
  return op(OP_WRITE, P_BLOB, name, Buffer.from(v));
}

/** Proto header + AS_MSG header + fields + ops. */
function message({ info1 = 0, info2 = 0, info3 = 0, timeout = 0, fields = [], ops = [] }) {
  const body = Buffer.concat([...fields, ...ops]);
  const b = Buffer.alloc(30 + body.length);
  b[0] = PROTO_VERSION;
  b[1] = TYPE_MSG;
  b.writeUIntBE(22 + body.length, 2, 6);
  b[8] = 22;
  b[9] = info1;
  b[10] = info2;
  b[11] = info3;
  b.writeUInt32BE(timeout >>> 0, 22);
  b.writeUInt16BE(fields.length, 26);
  b.writeUInt16BE(ops.length, 28);
  body.copy(b, 30);
  return b;
}

const str = (s) => Buffer.from(s, 'utf8');

/** Read all bins of one record. */
export function encodeGet(ns, set, digest) {
  return message({ info1: INFO1_READ | INFO1_GET_ALL, fields: [field(F_NAMESPACE, str(ns)), field(F_SET, str(set)), field(F_DIGEST, digest)] });
}

/** Write `bins` (integers, strings, Buffers) to one record (create or update). */
export function encodePut(ns, set, digest, bins) {
  return message({
    info2: INFO2_WRITE,
    fields: [field(F_NAMESPACE, str(ns)), field(F_SET, str(set)), field(F_DIGEST, digest)],
    ops: Object.entries(bins).map(([name, v]) => binOp(name, v))
  });
}

/** Batch read of all bins of `digests` (one namespace and set), in the batch-index format. */
export function encodeBatchRead(ns, set, digests) {
  const nsField = field(F_NAMESPACE, str(ns));
  const setField = field(F_SET, str(set));
  const parts = [];
  const head = Buffer.alloc(5);
  head.writeUInt32BE(digests.length, 0);
  head[4] = 0x01; // allow inline
  parts.push(head);
  digests.forEach((d, i) => {
    const e = Buffer.alloc(25);
    e.writeUInt32BE(i, 0);
    d.copy(e, 4);
    if (i > 0) {
      e[24] = 1; // same namespace, set and ops as the previous entry
      parts.push(e);
      return;
    }
    e[24] = 0;
    const attrs = Buffer.alloc(5);
    attrs[0] = INFO1_READ | INFO1_GET_ALL;
    attrs.writeUInt16BE(2, 1);
    attrs.writeUInt16BE(0, 3);
    parts.push(e, attrs, nsField, setField);
  });
  return message({ info1: INFO1_BATCH, fields: [field(F_BATCH_INDEX, Buffer.concat(parts))] });
}

/** Scan of `set` on the partitions `pids` (all bins). */
export function encodeScan(ns, set, pids, queryId) {
  const pidBytes = Buffer.alloc(pids.length * 2);
  pids.forEach((p, i) => pidBytes.writeUInt16LE(p, i * 2));
  const timeout = Buffer.alloc(4);
  timeout.writeUInt32BE(30_000);
  const id = Buffer.alloc(8);
  id.writeBigUInt64BE(BigInt(queryId));
  return message({
    info1: INFO1_READ,
    info3: INFO3_PARTITION_DONE,
    fields: [field(F_NAMESPACE, str(ns)), field(F_SET, str(set)), field(F_SOCKET_TIMEOUT, timeout), field(F_QUERY_ID, id), field(F_PID_ARRAY, pidBytes)]
  });
}

/** An info request for `names` (one per line). */
export function encodeInfo(names) {
  const body = Buffer.from(names.map((n) => `${n}\n`).join(''), 'utf8');
  const b = Buffer.alloc(8 + body.length);
  b[0] = PROTO_VERSION;
  b[1] = TYPE_INFO;
  b.writeUIntBE(body.length, 2, 6);
  body.copy(b, 8);
  return b;
}

/** name → value of an info reply body. */
export function parseInfo(body) {
  const out = new Map();
  for (const line of body.toString('utf8').split('\n')) {
    if (line === '') continue;
    const tab = line.indexOf('\t');
    out.set(tab < 0 ? line : line.slice(0, tab), tab < 0 ? '' : line.slice(tab + 1));
  }
  return out;
}
