import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../src/index';
import { rawExchange } from '../helpers';

/** Recorded official-client traffic with a real 8.1 CE server (copied from the shared fixtures). */
interface Fixture {
  steps: Array<{ name: string; exchanges: Array<{ request: { type: number; hex: string }; responses: Array<{ length: number; hex: string }> }> }>;
}

/** Steps whose replies the emulator cannot reproduce, and why (docs/emulator.md). */
const NOT_COMPARED: Readonly<Record<string, string>> = {
  get_geojson: 'the server adds S2 cell ids to stored GeoJSON',
  batch_apply: 'UDFs are not emulated',
  batch_apply_record_type: 'UDFs are not emulated',
  batch_read_after_remove: 'reads records a UDF step wrote',
  batch_read_filter_exp: 'filter expressions come with the expression engine'
};

/** Zeroes the void time of every message, since it depends on when the record was written. */
function withoutVoidTimes(reply: Buffer): Buffer {
  const out = Buffer.from(reply);
  let f = 0;
  while (f + 8 <= out.length) {
    const end = f + 8 + out.readUIntBE(f + 2, 6);
    let m = f + 8;
    while (m + 22 <= end) {
      out.fill(0, m + 10, m + 14);
      let p = m + 22;
      const items = out.readUInt16BE(m + 18) + out.readUInt16BE(m + 20);
      for (let i = 0; i < items; i++) p += 4 + out.readUInt32BE(p);
      m = p;
    }
    f = end;
  }
  return out;
}

/** Number of whole proto frames in `buf`. */
function frameCount(buf: Buffer): number {
  let n = 0;
  let f = 0;
  while (f + 8 <= buf.length && f + 8 + buf.readUIntBE(f + 2, 6) <= buf.length) {
    f += 8 + buf.readUIntBE(f + 2, 6);
    n++;
  }
  return n;
}

describe.each(['kv.json', 'batch.json'])('recorded traffic %s replayed against the emulator', (file) => {
  const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', file), 'utf8')) as Fixture;
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(async () => {
    await emu.stop();
  });

  // Steps listed in NOT_COMPARED change nothing the later steps read, so they are left out.
  const exchanges = fixture.steps.filter((s) => NOT_COMPARED[s.name] === undefined).flatMap((s) => s.exchanges.filter((x) => x.request.type === 3).map((x) => [s.name, x] as const));
  it.each(exchanges)('%s gets the reply the server gave', async (_name, x) => {
    const expected = Buffer.from(x.responses.map((r) => r.hex).join(''), 'hex');
    const { data } = await rawExchange(emu.nodes[0]?.port ?? 0, Buffer.from(x.request.hex, 'hex'), (got) => frameCount(got) >= x.responses.length);
    expect(withoutVoidTimes(data).toString('hex')).toBe(withoutVoidTimes(expected).toString('hex'));
  });
});
