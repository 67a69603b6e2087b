/**
 * The size the server stores a record in (its "flat" form and an end mark, rounded up to
 * 16-byte blocks), which `record_size` (and `memory_size` on an in-memory namespace) reports: a 35-byte
 * header, the void time, set name and stored key when present, the bin count, then each
 * bin's name and value. Integers are stored in 1, 2, 4 or 8 bytes; strings, blobs, HLLs,
 * lists and maps as 5 bytes plus their bytes; GeoJSON points carry one 8-byte cell.
 */
import type { StoredRecord } from '../../../model/particle.js';
import { PType } from '../exp-codes.js';
import { ExpUnsupportedError } from '../exp-errors.js';
import { geoJsonText } from '../exp-values.js';
import { parseGeoJson } from './geo-shape.js';

const HEADER = 35;
const RBLOCK = 16;
/** The end mark written after each record in a write block. */
const END_MARK = 4;

/** Bytes of a "uintvar" (7 bits per byte). */
function uintvarSize(v: number): number {
  if (v < 0x80) return 1;
  if (v < 0x4000) return 2;
  if (v < 0x200000) return 3;
  if (v < 0x10000000) return 4;
  return 5;
}

function integerSize(data: Buffer): number {
  const u = data.length === 8 ? data.readBigUInt64BE(0) : BigInt(`0x${data.toString('hex') || '0'}`);
  if (u > 0xffffffffn) return 2 + 8;
  if (u > 0xffffn) return 2 + 4;
  if (u > 0xffn) return 2 + 2;
  return 2 + 1;
}

function particleSize(type: number, data: Buffer): number {
  switch (type) {
    case PType.INTEGER:
      return integerSize(data);
    case PType.FLOAT:
      return 9;
    case PType.BOOL:
      return 2;
    case PType.STRING:
    case PType.BLOB:
    case PType.HLL:
      return 5 + data.length;
    case PType.LIST:
    case PType.MAP:
      return 5 + data.length;
    case PType.GEOJSON: {
      const json = geoJsonText(data);
      const shape = parseGeoJson(json);
      if (shape?.kind !== 'point') throw new ExpUnsupportedError('record size of a record with a GeoJSON region (its cell covering)');
      return 5 + 3 + 8 + json.length;
    }
    default:
      throw new ExpUnsupportedError(`record size of a particle of type ${type}`);
  }
}

/** The size of a record's flat form (before the end mark and the rounding to blocks). */
export function flatRecordSize(rec: StoredRecord): number {
  let size = HEADER;
  if (rec.voidTime !== 0) size += 4;
  if (rec.setName !== '') size += 1 + Buffer.byteLength(rec.setName, 'utf8');
  if (rec.userKey !== undefined) {
    const keySize = 1 + rec.userKey.data.length;
    size += uintvarSize(keySize) + keySize;
  }
  if (rec.bins.size > 0) size += uintvarSize(rec.bins.size);
  for (const [name, p] of rec.bins) size += 1 + Buffer.byteLength(name, 'utf8') + particleSize(p.type, p.data);
  return size;
}

/** The stored size of a record that exists: its flat form and a 4-byte end mark, in 16-byte blocks. */
export function storedRecordSize(rec: StoredRecord): number {
  return Math.ceil((flatRecordSize(rec) + END_MARK) / RBLOCK) * RBLOCK;
}
