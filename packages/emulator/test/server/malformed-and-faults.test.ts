import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeInfoRequest, parseInfoReply } from '@aerospike-ts/core';
import { startEmulator, type Emulator } from '../../src/index';
import { rawExchange, wholeFrame } from '../helpers';

// A recorded single-bin write (bin 'e' set to NULL) of the official client, as the base of bad variants.
const kv = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'kv.json'), 'utf8')) as { steps: Array<{ name: string; exchanges: Array<{ request: { hex: string } }> }> };
const base = Buffer.from(kv.steps.find((s) => s.name === 'put_null_bin_removal')?.exchanges[0]?.request.hex ?? '', 'hex');
const resultCode = (reply: Buffer): number => reply[13] ?? -1;

/** A one-node emulator for the enclosing describe block. */
function oneNode(): { emu: () => Emulator; port: () => number } {
  let emu: Emulator | undefined;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(async () => {
    await emu?.stop();
  });
  const get = (): Emulator => {
    if (emu === undefined) throw new Error('the emulator has not started');
    return emu;
  };
  return { emu: get, port: () => get().nodes[0]?.port ?? 0 };
}

function variant(edit: (b: Buffer) => void): Buffer {
  const b = Buffer.from(base);
  edit(b);
  return b;
}

describe('bad input gets the result code the reference server gives', () => {
  const { port } = oneNode();

  // Each expected code was observed on Aerospike CE 8.1.2 with the same bytes.
  it.each([
    ['an unknown op type', 4, (b: Buffer): void => void (b[b.length - 5] = 99)],
    ['op type 6 (unused)', 4, (b: Buffer): void => void (b[b.length - 5] = 6)],
    ['an unknown particle type in a write', 4, (b: Buffer): void => void (b[b.length - 4] = 99)],
    ['an op length past the end of the message', 4, (b: Buffer): void => void (b[b.length - 6] = 99)],
    ['a field count larger than the fields sent', 4, (b: Buffer): void => void b.writeUInt16BE(9, 8 + 18)],
    ['an unknown namespace', 20, (b: Buffer): void => void b.write('nope', base.indexOf(Buffer.from('test')))]
  ] as const)('%s → %i', async (_name, code, edit) => {
    const { data } = await rawExchange(port(), variant(edit), wholeFrame);
    expect(resultCode(data)).toBe(code);
  });

  it('closes the connection on an oversized frame length instead of buffering it', async () => {
    const huge = Buffer.from(base);
    huge.writeUIntBE(2 ** 40, 2, 6);
    expect((await rawExchange(port(), huge, () => false)).closed).toBe(true);
  });
});

describe('fault injection', () => {
  const { emu, port } = oneNode();
  afterEach(() => emu().faults.clear());

  it('drops one reply: the next request on the connection gets the only answer', async () => {
    emu().faults.add({ match: { kind: 'info', info: 'build' }, action: { type: 'drop' }, times: 1 });
    const both = Buffer.concat([encodeInfoRequest(['build']), encodeInfoRequest(['node'])]);
    const { data } = await rawExchange(port(), both, wholeFrame);
    expect([...parseInfoReply(data).keys()]).toEqual(['node']);
  });

  it('closes the connection for a matching command', async () => {
    emu().faults.add({ match: { kind: 'write', namespace: 'test' }, action: { type: 'close' } });
    expect((await rawExchange(port(), base, () => false)).closed).toBe(true);
  });

  it('answers a chosen result code for matching commands only', async () => {
    emu().faults.add({ match: { kind: 'write', set: 'wire_kv' }, action: { type: 'result', resultCode: 14 } });
    expect(resultCode((await rawExchange(port(), base, wholeFrame)).data)).toBe(14);
    emu().faults.clear();
    expect(resultCode((await rawExchange(port(), base, wholeFrame)).data)).not.toBe(14);
  });

  it('delays a reply but still delivers it, in order', async () => {
    emu().faults.add({ match: { kind: 'info', info: 'build' }, action: { type: 'delay', ms: 20 }, times: 1 });
    const both = Buffer.concat([encodeInfoRequest(['build']), encodeInfoRequest(['node'])]);
    const { data } = await rawExchange(port(), both, (got) => wholeFrame(got) && wholeFrame(got.subarray(8 + got.readUIntBE(2, 6))));
    const first = parseInfoReply(data.subarray(0, 8 + data.readUIntBE(2, 6)));
    expect([...first.keys()]).toEqual(['build']);
  });

  it('cuts a reply after the chosen number of bytes, then closes the connection', async () => {
    emu().faults.add({ match: { kind: 'info', info: 'build' }, action: { type: 'truncate', bytes: 5 }, times: 1 });
    const cut = await rawExchange(port(), encodeInfoRequest(['build']), () => false);
    expect(cut).toEqual({ data: expect.any(Buffer), closed: true });
    expect(cut.data.length).toBe(5);
    const whole = await rawExchange(port(), encodeInfoRequest(['build']), wholeFrame);
    expect(parseInfoReply(whole.data).get('build')).toBe('8.1.2.0');
  });

  it('restarts a node on the same port under the same id', async () => {
    const cluster = await startEmulator({ nodes: 2 });
    try {
      const [, b] = cluster.nodes;
      const id = b?.id ?? '';
      const nodePort = b?.port ?? 0;
      await cluster.restartNode(id);
      expect(cluster.nodes.map((n) => [n.id, n.port])).toContainEqual([id, nodePort]);
      const reply = parseInfoReply((await rawExchange(nodePort, encodeInfoRequest(['node']), wholeFrame)).data);
      expect(reply.get('node')).toBe(id);
      await expect(cluster.restartNode('NO_SUCH_NODE')).rejects.toThrow(RangeError);
    } finally {
      await cluster.stop();
    }
  });

  it('kills a node: its port stops answering, the cluster keeps the others', async () => {
    const cluster = await startEmulator({ nodes: 2 });
    try {
      const [a, b] = cluster.nodes;
      await cluster.killNode(b?.id ?? '');
      expect(cluster.nodes.map((n) => n.id)).toEqual([a?.id]);
      await expect(rawExchange(b?.port ?? 0, encodeInfoRequest(['node']), wholeFrame)).rejects.toThrow(/ECONNREFUSED/);
      const peers = parseInfoReply((await rawExchange(a?.port ?? 0, encodeInfoRequest(['peers-clear-std']), wholeFrame)).data);
      expect(peers.get('peers-clear-std')).toMatch(/,\[\]$/);
    } finally {
      await cluster.stop();
    }
  });
});
