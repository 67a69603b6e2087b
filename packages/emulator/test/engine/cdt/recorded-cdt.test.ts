import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rawExchange, replyMessages as messagesOf, type RecordedFixture as Fixture } from '../../helpers';

// The emulator as shipped: the CDT engine and the expression engine behind feature-gates.
import { startEmulator, type Emulator } from '../../../src/index';

/** Steps that need the expression, bit or HLL engines (they touch other bins than the CDT steps). */
const OTHER_ENGINE = /^(hll_|bit_|exp_|filter_exp_)/;

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
