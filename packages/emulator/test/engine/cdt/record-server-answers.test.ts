import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCases, buildEdgeCases } from './cdt-cases';
import { RawConnection, RawInfo, encodeCommand } from './raw-operate';

/**
 * Records a real server's answers to the generated CDT scenarios into
 * test/fixtures/cdt-server-answers.json (replayed by server-answers.test.ts). Runs only
 * when AEROSPIKE_CDT_RECORD=host:port names a server:
 *   AEROSPIKE_CDT_RECORD=127.0.0.1:3000 node node_modules/jest/bin/jest.js packages/emulator/test/engine/cdt/record-server-answers.test.ts --selectProjects emulator
 */
const TARGET = process.env['AEROSPIKE_CDT_RECORD'];
const SEED = 20240501;

/** A bin value or result particle as recorded. */
interface RecordedParticle {
  type: number;
  hex: string;
}

(TARGET === undefined || TARGET === '' ? describe.skip : describe)('record real-server CDT answers', () => {
  it('records every generated scenario', async () => {
    const [host, portText] = (TARGET as string).split(':');
    const conn = await RawConnection.open(host ?? '127.0.0.1', Number(portText ?? '3000'));
    const ns = 'test';
    const set = 'cdt_fixture';
    const out: unknown[] = [];
    try {
      const info = await conn.send(encodeCommand(ns, set, 'probe', RawInfo.READ, 0, []));
      void info;
      for (const c of [...buildCases(SEED, 40, 14), ...buildEdgeCases()]) {
        const key = c.name;
        await conn.send(encodeCommand(ns, set, key, 0, RawInfo.WRITE | RawInfo.DELETE, []));
        const put = await conn.send(encodeCommand(ns, set, key, 0, RawInfo.WRITE, [{ opType: 2, particleType: c.initial.type, name: c.bin, value: c.initial.data }]));
        const bin = c.opsBin ?? c.bin;
        const readBin = async (): Promise<RecordedParticle | null> => {
          const r = await conn.send(encodeCommand(ns, set, key, RawInfo.READ, 0, [{ opType: 1, particleType: 0, name: bin, value: Buffer.alloc(0) }]));
          const op = r.ops[0];
          return r.resultCode === 0 && op !== undefined ? { type: op.particleType, hex: op.value.toString('hex') } : null;
        };
        const initial = await readBin();
        const ops: unknown[] = [];
        for (const op of c.ops) {
          const modify = op.opType === 4;
          const r = await conn.send(
            encodeCommand(ns, set, key, modify ? 0 : RawInfo.READ, (modify ? RawInfo.WRITE : 0) | RawInfo.RESPOND_ALL_OPS, [{ opType: op.opType, particleType: 4, name: bin, value: op.payload }])
          );
          const res = r.ops[0];
          ops.push({
            label: op.label,
            opType: op.opType,
            payload: op.payload.toString('hex'),
            resultCode: r.resultCode,
            result: res === undefined || res.particleType === 0 ? null : { type: res.particleType, hex: res.value.toString('hex') },
            after: await readBin()
          });
        }
        out.push({ name: c.name, bin, putResultCode: put.resultCode, initial, ops });
      }
    } finally {
      conn.close();
    }
    const file = join(__dirname, '..', '..', 'fixtures', 'cdt-server-answers.json');
    writeFileSync(file, `${JSON.stringify({ recordedFrom: 'Aerospike CE 8.1 (raw AS_MSG, respond-all-ops)', seed: SEED, cases: out }, null, 1)}\n`);
    expect(out.length).toBeGreaterThan(0);
  }, 600_000);
});
