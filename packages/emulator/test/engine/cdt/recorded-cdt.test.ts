import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rawExchange } from '../../helpers';

// The emulator as shipped: the CDT engine and the expression engine behind feature-gates.
import { startEmulator, type Emulator } from '../../../src/index';

/** Recorded official-client traffic with a real 8.1 CE server. */
interface Fixture {
  steps: Array<{ name: string; exchanges: Array<{ request: { type: number; hex: string }; responses: Array<{ length: number; hex: string }> }> }>;
}

/** Steps that need the expression, bit or HLL engines (they touch other bins than the CDT steps). */
const OTHER_ENGINE = /^(hll_|bit_|exp_|filter_exp_)/;

/** The messages of a reply with void times zeroed. */
function messagesOf(reply: Buffer): string[] {
  const out: string[] = [];
  let f = 0;
  while (f + 8 <= reply.length) {
    const end = f + 8 + reply.readUIntBE(f + 2, 6);
    if (end > reply.length) break;
    let m = f + 8;
    while (m + 22 <= end) {
      let p = m + 22;
      const items = reply.readUInt16BE(m + 18) + reply.readUInt16BE(m + 20);
      for (let i = 0; i < items; i++) p += 4 + reply.readUInt32BE(p);
      const msg = Buffer.from(reply.subarray(m, p));
      msg.fill(0, 10, 14);
      out.push(msg.toString('hex'));
      m = p;
    }
    f = end;
  }
  return out;
}

describe('recorded list/map/context traffic replayed against the emulator with the CDT engine', () => {
  const fixture = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'operate-cdt.json'), 'utf8')) as Fixture;
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(async () => {
    await emu.stop();
  });

  const exchanges = fixture.steps.filter((s) => !OTHER_ENGINE.test(s.name)).flatMap((s) => s.exchanges.filter((x) => x.request.type === 3).map((x) => [s.name, x] as const));
  it.each(exchanges)('%s gets the reply the server gave', async (_name, x) => {
    const port = emu.nodes[0]?.port ?? 0;
    const expected = Buffer.from(x.responses.map((r) => r.hex).join(''), 'hex');
    const { data } = await rawExchange(port, Buffer.from(x.request.hex, 'hex'), (got) => messagesOf(got).length >= messagesOf(expected).length);
    expect(messagesOf(data)).toEqual(messagesOf(expected));
  });
});
