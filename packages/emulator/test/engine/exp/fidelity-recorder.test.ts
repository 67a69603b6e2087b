import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AerospikeClient, AerospikeError, Exp, ExpOp, ExpReadFlags, Key } from '@aerospike-ts/core';
import { FIDELITY_CASES, FIDELITY_RECORDS } from './fidelity-cases';
import { tag, type Tagged } from './fidelity-values';
import { particle } from './exp-helpers';

/**
 * Records what a real server answers for the fidelity cases into
 * `test/fixtures/expressions.json`. Runs only with EXP_RECORD_HOSTS set, e.g.
 * `EXP_RECORD_HOSTS=127.0.0.1:3000 node node_modules/jest/bin/jest.js packages/emulator/test/engine/exp/fidelity-recorder --selectProjects emulator`.
 */
const HOSTS = process.env['EXP_RECORD_HOSTS'];
const SET = 'exp_fidelity';

(HOSTS === undefined || HOSTS === '' ? describe.skip : describe)('record expression outcomes on a real server', () => {
  it('records every case', async () => {
    const client = await new AerospikeClient({ hosts: HOSTS ?? '' }).connect();
    try {
      const build = (await client.info('build')).get('build');
      const records: Record<string, unknown> = {};
      for (const [id, r] of Object.entries(FIDELITY_RECORDS)) {
        const key = new Key('test', SET, r.key);
        await client.remove(key).catch(() => false);
        await client.put(key, r.bins as never, { sendKey: r.sendKey, ttl: r.ttl });
        const bins: Record<string, { type: number; hex: string }> = {};
        for (const [name, value] of Object.entries(r.bins)) {
          const p = particle(value);
          bins[name] = { type: p.type, hex: p.data.toString('hex') };
        }
        records[id] = { key: r.key, sendKey: r.sendKey, ttl: r.ttl, set: SET, digest: key.digest.toString('hex'), bins };
      }
      const cases: unknown[] = [];
      for (const c of FIDELITY_CASES) {
        const r = FIDELITY_RECORDS[c.rec];
        if (r === undefined) throw new Error(`no record ${c.rec}`);
        const key = new Key('test', SET, r.key);
        const exp = Exp.build(c.exp);
        let server: { code: number } | { value: Tagged } | { pass: boolean };
        try {
          if (c.kind === 'f') {
            await client.get(key, null, { filterExpression: exp });
            server = { pass: true };
          } else {
            const rec = await client.operate(key, [ExpOp.read('v', exp, ExpReadFlags.DEFAULT)]);
            server = { value: tag(rec.bins['v']) };
          }
        } catch (e) {
          if (!(e instanceof AerospikeError) || typeof e.resultCode !== 'number') throw e;
          server = e.resultCode === 27 ? { pass: false } : { code: e.resultCode };
        }
        cases.push({ name: c.name, rec: c.rec, kind: c.kind, exp: exp.toBytes().toString('hex'), server });
      }
      const out = { build, recorded: new Date().toISOString().slice(0, 10), records, cases };
      writeFileSync(join(__dirname, '..', '..', 'fixtures', 'expressions.json'), `${JSON.stringify(out, null, 1)}\n`);
    } finally {
      await client.close();
    }
  }, 60_000);
});
