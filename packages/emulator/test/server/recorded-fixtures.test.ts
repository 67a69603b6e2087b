import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../src/index';
import { encodeInfoRequest, parseInfoReply } from '@aerospike-ts/core';
import { rawExchange, replyMessages, wholeFrame, type RecordedFixture as Fixture } from '../helpers';

/** Steps whose replies the emulator cannot reproduce, and why (docs/emulator.md). */
const NOT_COMPARED: Readonly<Record<string, string>> = {
  get_geojson: 'the server adds S2 cell ids to stored GeoJSON',
  batch_apply: 'UDFs are not emulated',
  batch_apply_record_type: 'UDFs are not emulated',
  batch_read_after_remove: 'reads records a UDF step wrote',
  batch_read_filter_exp: 'reads records the emulator does not hold at that point of the recording',
  query_string_equal: 'the server sends a hash of the string as the bval',
  put_1mib_blob: 'the recorded request is truncated',
  put_1mib_minus_1k_blob: 'the recorded request is truncated',
  get_1mib_minus_1k_blob: 'reads the record of a truncated request',
  put_bar_namespace: 'namespace bar held the record before the recording'
};

/** Step name prefixes of bit and HLL operations, which the emulator does not implement (it answers 16). */
const ENGINE_STEP = /^(hll_|bit_)/;

/** Index steps the recording made on a connection it did not capture: replayed as info commands. */
const INFO_STEPS: Readonly<Record<string, string>> = {
  create_index_numeric: 'sindex-create:ns=test;set=wire_q;indexname=wire_idx_n;indexdata=n,NUMERIC',
  create_index_string: 'sindex-create:ns=test;set=wire_q;indexname=wire_idx_s;indexdata=s,STRING',
  drop_index_numeric: 'sindex-delete:ns=test;indexname=wire_idx_n',
  drop_index_string: 'sindex-delete:ns=test;indexname=wire_idx_s',
  truncate_set: 'truncate:namespace=test;set=wire_misc'
};

/**
 * The messages of a reply, each with its void time zeroed (it depends on when the record
 * was written), sorted: a scan may stream records in another order than the server did.
 */
function messagesOf(reply: Buffer): string[] {
  return replyMessages(reply).sort();
}

describe.each(['kv.json', 'batch.json', 'query-scan-sindex.json', 'operate-cdt.json', 'misc.json'])('recorded traffic %s replayed against the emulator', (file) => {
  const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', file), 'utf8')) as Fixture;
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(async () => {
    await emu.stop();
  });

  // Steps listed in NOT_COMPARED change nothing the later steps read, so they are left out.
  const exchanges = fixture.steps.filter((s) => NOT_COMPARED[s.name] === undefined && !ENGINE_STEP.test(s.name)).flatMap((s) => [
    ...(INFO_STEPS[s.name] !== undefined ? [[s.name, undefined] as const] : []),
    ...s.exchanges.filter((x) => x.request.type === 3).map((x) => [s.name, x] as const)
  ]);
  it.each(exchanges)('%s gets the reply the server gave', async (name, x) => {
    const port = emu.nodes[0]?.port ?? 0;
    if (x === undefined) {
      const { data } = await rawExchange(port, encodeInfoRequest([INFO_STEPS[name] ?? '']), wholeFrame);
      expect(parseInfoReply(data).get(INFO_STEPS[name] ?? '')).toBe('ok');
      return;
    }
    const expected = Buffer.from(x.responses.map((r) => r.hex).join(''), 'hex');
    const { data } = await rawExchange(port, Buffer.from(x.request.hex, 'hex'), (got) => messagesOf(got).length >= messagesOf(expected).length);
    expect(messagesOf(data)).toEqual(messagesOf(expected));
  });
});
