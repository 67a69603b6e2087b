import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Particle, StoredRecord } from '../../../src/model/particle';
import { evaluateExpression, evaluateFilter } from '../../../src/engine/exp';
import { CTX, NOW_NS } from './exp-helpers';
import { tagParticle, type Tagged } from './fidelity-values';

/** Outcomes recorded on a real server by fidelity-recorder.test.ts. */
interface Fixture {
  build: string;
  records: Record<string, { key: string | number; sendKey: boolean; ttl: number; set: string; digest: string; bins: Record<string, { type: number; hex: string }> }>;
  cases: Array<{ name: string; rec: string; kind: 'f' | 'v'; exp: string; server: { code: number } | { value: Tagged } | { pass: boolean } }>;
}

const FILE = join(__dirname, '..', '..', 'fixtures', 'expressions.json');
const UNSUPPORTED = 16;

/** Cases the emulator answers UNSUPPORTED_FEATURE for, and why (never a different answer). */
const UNSUPPORTED_CASES: Readonly<Record<string, string>> = {
  'record size r1': 'the record holds a GeoJSON region, stored with the S2 cells that cover it'
};

function storedRecord(r: Fixture['records'][string]): StoredRecord {
  const bins = new Map<string, Particle>();
  for (const [name, b] of Object.entries(r.bins)) bins.set(name, { type: b.type, data: Buffer.from(b.hex, 'hex') });
  let userKey: Particle | undefined;
  if (r.sendKey) {
    if (typeof r.key === 'number') {
      const data = Buffer.alloc(8);
      data.writeBigInt64BE(BigInt(r.key));
      userKey = { type: 1, data };
    } else userKey = { type: 3, data: Buffer.from(r.key, 'utf8') };
  }
  const nowCitrus = Number(NOW_NS / 1_000_000_000n) - 1262304000;
  return {
    bins,
    generation: 1,
    voidTime: r.ttl > 0 ? nowCitrus + r.ttl : 0,
    lastUpdateNs: NOW_NS - 1_000_000_000n,
    userKey,
    setName: r.set,
    digest: Buffer.from(r.digest, 'hex')
  };
}

(existsSync(FILE) ? describe : describe.skip)('expression outcomes recorded on a real server, replayed on the emulator engine', () => {
  const fixture = (existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : { cases: [], records: {} }) as Fixture;
  const records = new Map(Object.entries(fixture.records).map(([id, r]) => [id, storedRecord(r)]));

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const rec = records.get(c.rec);
    const bytes = Buffer.from(c.exp, 'hex');
    let got: { code: number } | { value: Tagged } | { pass: boolean };
    if (c.kind === 'f') {
      const r = evaluateFilter(bytes, rec, CTX);
      got = r.ok ? { pass: r.value } : { code: r.resultCode };
    } else {
      const r = evaluateExpression(bytes, rec, CTX);
      got = r.ok ? { value: tagParticle(r.value) } : { code: r.resultCode };
    }
    if (UNSUPPORTED_CASES[c.name] !== undefined) {
      expect(got).toEqual({ code: UNSUPPORTED });
      return;
    }
    expect(got).toEqual(c.server);
  });
});
