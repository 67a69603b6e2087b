import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Particle } from '../../../src/model/particle';
import { applyCdtOperation } from '../../../src/engine/cdt/index';

/**
 * Replays a real server's recorded answers (record-server-answers.test.ts) through the
 * CDT engine: every op must give the same result code, the same reply bytes and leave
 * the same bin value behind.
 */

interface RecordedParticle {
  type: number;
  hex: string;
}

interface RecordedOp {
  label: string;
  opType: number;
  payload: string;
  resultCode: number;
  result: RecordedParticle | null;
  after: RecordedParticle | null;
}

interface RecordedCase {
  name: string;
  bin: string;
  initial: RecordedParticle | null;
  ops: RecordedOp[];
}

const FILE = join(__dirname, '..', '..', 'fixtures', 'cdt-server-answers.json');
const cases: RecordedCase[] = existsSync(FILE) ? (JSON.parse(readFileSync(FILE, 'utf8')) as { cases: RecordedCase[] }).cases : [];

function show(p: Particle | RecordedParticle | null | undefined): string {
  if (p === null || p === undefined) return 'none';
  return 'hex' in p ? `${p.type}:${p.hex}` : `${p.type}:${p.data.toString('hex')}`;
}

(cases.length === 0 ? describe.skip : describe)('the CDT engine answers as the recorded server did', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    let current: Particle | undefined = c.initial === null ? undefined : { type: c.initial.type, data: Buffer.from(c.initial.hex, 'hex') };
    const mismatches: string[] = [];
    c.ops.forEach((op, i) => {
      const r = applyCdtOperation(op.opType, c.bin, current, { type: 4, data: Buffer.from(op.payload, 'hex') });
      const where = `#${i} ${op.label} ${op.payload}`;
      if (op.resultCode !== 0) {
        if (r.ok || r.resultCode !== op.resultCode) mismatches.push(`${where}: expected code ${op.resultCode}, got ${r.ok ? `ok ${show(r.result)}` : r.resultCode}`);
        return;
      }
      if (!r.ok) {
        mismatches.push(`${where}: expected ok ${show(op.result)}, got code ${r.resultCode}`);
        return;
      }
      if (show(r.result) !== show(op.result)) mismatches.push(`${where}: result ${show(r.result)} != server ${show(op.result)}`);
      if (r.newValue !== undefined) current = r.newValue ?? undefined;
      if (show(current) !== show(op.after)) {
        mismatches.push(`${where}: bin ${show(current)} != server ${show(op.after)}`);
        current = op.after === null ? undefined : { type: op.after.type, data: Buffer.from(op.after.hex, 'hex') };
      }
    });
    expect(mismatches).toEqual([]);
  });
});
