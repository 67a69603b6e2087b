import type { NamespaceStore } from '../model/store.js';
import { Field, Info2, Result } from '../protocol/constants.js';
import { buildMessage, MessageError, readFieldsAndOps } from '../protocol/message.js';
import { executeRecordCommand, type RecordRequest } from './record-command.js';

/** One decoded batch entry (or the previous one repeated). */
interface BatchEntry {
  readonly index: number;
  readonly request: RecordRequest;
  readonly namespace: string;
}

/**
 * Decodes the BATCH_INDEX field into entries.
 * @throws MessageError when the payload is malformed.
 */
export function parseBatch(data: Buffer, parentFilter: Buffer | undefined): BatchEntry[] {
  if (data.length < 5) throw new MessageError('batch field too short');
  const count = data.readUInt32BE(0);
  if (count > data.length) throw new MessageError('batch count larger than the payload');
  let p = 5;
  const out: BatchEntry[] = [];
  let prev: BatchEntry | undefined;
  for (let i = 0; i < count; i++) {
    if (p + 25 > data.length) throw new MessageError('truncated batch entry');
    const index = data.readUInt32BE(p);
    const digest = data.subarray(p + 4, p + 24);
    const type = data[p + 24] as number;
    p += 25;
    if (type === 0x01) {
      if (prev === undefined) throw new MessageError('batch repeat without a previous entry');
      out.push((prev = { index, namespace: prev.namespace, request: { ...prev.request, digest } }));
      continue;
    }
    let info1 = 0;
    let info2 = 0;
    let info3 = 0;
    let info4 = 0;
    let generation = 0;
    let ttl = 0;
    if (type === 0x00) {
      info1 = data[p++] as number;
    } else {
      if ((type & 0x02) !== 0) {
        info1 = data[p++] as number;
        info2 = data[p++] as number;
        info3 = data[p++] as number;
      }
      if ((type & 0x10) !== 0) info4 = data[p++] as number;
      if ((type & 0x04) !== 0) {
        generation = data.readUInt16BE(p);
        p += 2;
      }
      if ((type & 0x08) !== 0) {
        ttl = data.readInt32BE(p);
        p += 4;
      }
    }
    if (p + 4 > data.length) throw new MessageError('truncated batch entry counts');
    const fieldCount = data.readUInt16BE(p);
    const opCount = data.readUInt16BE(p + 2);
    const body = readFieldsAndOps(data, p + 4, fieldCount, opCount);
    p = body.end;
    if (!body.fields.has(Field.FILTER_EXP) && parentFilter !== undefined) body.fields.set(Field.FILTER_EXP, parentFilter);
    const namespace = body.fields.get(Field.NAMESPACE)?.toString('utf8') ?? '';
    const set = body.fields.get(Field.SET)?.toString('utf8') ?? '';
    out.push((prev = { index, namespace, request: { info1, info2, info3, info4, generation, ttl, fields: body.fields, ops: body.ops, digest, set } }));
  }
  return out;
}

/** Runs a batch and returns the reply messages (without proto headers), ending with the LAST message. */
export function executeBatch(namespaces: ReadonlyMap<string, NamespaceStore>, data: Buffer, parentFilter: Buffer | undefined): Buffer[] {
  const entries = parseBatch(data, parentFilter);
  const out: Buffer[] = [];
  for (const e of entries) {
    const ns = namespaces.get(e.namespace);
    const reply = ns === undefined ? { resultCode: Result.NAMESPACE_NOT_FOUND } : executeRecordCommand(ns, e.request);
    // Write entries report their write result only; batch reads carry the bins.
    const isWrite = (e.request.info2 & Info2.WRITE) !== 0;
    out.push(buildMessage({ ...reply, index: e.index, ...(isWrite && reply.resultCode !== Result.OK ? { ops: [] } : {}) }));
  }
  out.push(buildMessage({ resultCode: Result.OK, info3: 0x01 }));
  return out;
}
