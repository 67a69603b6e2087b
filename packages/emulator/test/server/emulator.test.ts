import { AerospikeClient, BinTypeError, GenerationError, GenerationPolicy, Key, Op, RecordExistsAction, RecordExistsError, RecordNotFoundError, encodeInfoRequest, parseInfoReply } from '@aerospike-ts/core';
import { startEmulator, VirtualClock, type Emulator } from '../../src/index';
import { frame } from '../../src/protocol/frame-reader';
import { rawExchange, wholeFrame } from '../helpers';

describe('emulator, one node', () => {
  let emu: Emulator;
  let client: AerospikeClient;
  const clock = new VirtualClock();
  const key = (k: string): Key => new Key('test', 'emu', k);

  beforeAll(async () => {
    emu = await startEmulator({ clock });
    client = new AerospikeClient({ hosts: emu.hosts });
    await client.connect();
  });
  afterAll(async () => {
    await client.close();
    await emu.stop();
  });

  it('answers the info commands a client tends with', async () => {
    const port = emu.nodes[0]?.port ?? 0;
    const { data } = await rawExchange(port, encodeInfoRequest(['node', 'build', 'namespaces', 'peers-clear-std', 'bogus']), wholeFrame);
    const info = parseInfoReply(data);
    expect(info.get('node')).toBe(emu.nodes[0]?.id);
    expect(info.get('build')).toBe('8.1.2.0');
    expect(info.get('namespaces')).toBe('test;bar');
    expect(info.get('peers-clear-std')).toMatch(/^\d+,\d+,\[\]$/);
    expect(info.get('bogus')).toBe('ERROR:4:unrecognized command');
  });

  it('puts, gets, selects, checks existence, touches and deletes', async () => {
    const k = key('a');
    const meta = await client.put(k, { s: 'x', i: 5 });
    expect(meta.generation).toBe(1);
    expect((await client.get(k)).bins).toEqual({ s: 'x', i: 5 });
    expect((await client.get(k, ['i'])).bins).toEqual({ i: 5 });
    expect(await client.exists(k)).not.toBeNull();
    expect((await client.touch(k)).generation).toBe(2);
    expect(await client.remove(k)).toBe(true);
    expect(await client.exists(k)).toBeNull();
    await expect(client.get(k)).rejects.toBeInstanceOf(RecordNotFoundError);
  });

  it('applies exists and generation policies', async () => {
    const k = key('b');
    await client.put(k, { a: 1 }, { exists: RecordExistsAction.CREATE_ONLY });
    await expect(client.put(k, { a: 2 }, { exists: RecordExistsAction.CREATE_ONLY })).rejects.toBeInstanceOf(RecordExistsError);
    await expect(client.put(key('none'), { a: 2 }, { exists: RecordExistsAction.UPDATE_ONLY })).rejects.toBeInstanceOf(RecordNotFoundError);
    await client.put(k, { b: 2 }, { exists: RecordExistsAction.REPLACE });
    expect((await client.get(k)).bins).toEqual({ b: 2 });
    await expect(client.put(k, { b: 3 }, { generationPolicy: GenerationPolicy.EXPECT_GEN_EQUAL, generation: 9 })).rejects.toBeInstanceOf(GenerationError);
    await client.put(k, { b: 3 }, { generationPolicy: GenerationPolicy.EXPECT_GEN_EQUAL, generation: 2 });
    expect((await client.get(k)).generation).toBe(3);
  });

  it('operates with scalar ops and reports bin type errors', async () => {
    const k = key('c');
    await client.put(k, { n: 1, s: 'b' });
    const rec = await client.operate(k, [Op.add('n', 4), Op.append('s', 'c'), Op.prepend('s', 'a'), Op.read('n'), Op.read('s')]);
    expect(rec.bins).toEqual({ n: 5, s: 'abc' });
    await expect(client.operate(k, [Op.add('s', 1)])).rejects.toBeInstanceOf(BinTypeError);
  });

  it('expires records on the virtual clock', async () => {
    const k = key('ttl');
    await client.put(k, { a: 1 }, { ttl: 10 });
    // The client turns the void time into seconds left with its own (real) clock, while
    // this virtual clock stands still: the value read back can only shrink.
    const ttl = (await client.get(k)).ttl;
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10);
    clock.advance(11_000);
    await expect(client.get(k)).rejects.toBeInstanceOf(RecordNotFoundError);
  });

  it('keeps the expiry with TTL -2, resets it on touch, and never expires with -1', async () => {
    const k = key('ttl2');
    await client.put(k, { a: 1 }, { ttl: 100 });
    clock.advance(40_000);
    await client.put(k, { a: 2 }, { ttl: -2 });
    clock.advance(59_000);
    expect((await client.get(k)).bins).toEqual({ a: 2 });
    clock.advance(2_000);
    expect(await client.exists(k)).toBeNull(); // still the first write's expiry
    await client.put(k, { a: 2 }, { ttl: 100 });
    await client.touch(k, { ttl: 500 });
    clock.advance(499_000);
    expect(await client.exists(k)).not.toBeNull();
    await client.put(k, { a: 3 }, { ttl: -1 });
    clock.advance(10_000_000_000);
    expect((await client.get(k)).bins).toEqual({ a: 3 });
    await client.put(k, { a: 4 }, { ttl: 5 });
    clock.advance(6_000);
    expect(await client.exists(k)).toBeNull();
  });

  it('injects a chosen result code, then stops after the given count', async () => {
    const k = key('fault');
    await client.put(k, { a: 1 });
    emu.faults.add({ match: { kind: 'read', set: 'emu' }, action: { type: 'result', resultCode: 2 }, times: 1 });
    await expect(client.get(k)).rejects.toBeInstanceOf(RecordNotFoundError);
    expect((await client.get(k)).bins).toEqual({ a: 1 });
  });

  it('closes a connection that sends a bad version or an unknown message type, and keeps serving', async () => {
    const port = emu.nodes[0]?.port ?? 0;
    const bad = frame(1, Buffer.from('node\n'));
    bad[0] = 7;
    expect((await rawExchange(port, bad, () => false)).closed).toBe(true);
    expect((await rawExchange(port, frame(9, Buffer.alloc(4)), () => false)).closed).toBe(true);
    // a message shorter than its header is answered PARAMETER_ERROR (4), as the server does
    const truncated = frame(3, Buffer.alloc(10));
    expect((await rawExchange(port, truncated, wholeFrame)).data[13]).toBe(4);
    expect((await client.get(key('fault'))).bins).toEqual({ a: 1 });
  });
});

describe('emulator, three nodes', () => {
  it('splits partitions with two replicas and rebalances when nodes come and go', async () => {
    const emu = await startEmulator({ nodes: 3 });
    try {
      const client = new AerospikeClient({ hosts: emu.hosts.split(',')[0] ?? '' });
      await client.connect();
      expect(client.nodes()).toHaveLength(3);
      const k = new Key('test', 'emu3', 'x');
      await client.put(k, { a: 1 });
      const port = emu.nodes[1]?.port ?? 0;
      const { data } = await rawExchange(port, encodeInfoRequest(['replicas', 'partition-generation']), wholeFrame);
      expect(parseInfoReply(data).get('replicas')).toMatch(/^test:0,2,/);
      const gen = Number(parseInfoReply(data).get('partition-generation'));
      await emu.removeNode(emu.nodes[2]?.id ?? '');
      const after = parseInfoReply((await rawExchange(port, encodeInfoRequest(['partition-generation', 'peers-clear-std']), wholeFrame)).data);
      expect(Number(after.get('partition-generation'))).toBeGreaterThan(gen);
      expect((await client.get(k)).bins).toEqual({ a: 1 });
      await client.close();
    } finally {
      await emu.stop();
    }
  });
});

describe('info commands', () => {
  it('manage secondary indexes, list sets and truncate', async () => {
    const emu = await startEmulator();
    try {
      const port = emu.nodes[0]?.port ?? 0;
      const ask = async (cmd: string): Promise<string | undefined> => parseInfoReply((await rawExchange(port, encodeInfoRequest([cmd]), wholeFrame)).data).get(cmd);
      expect(await ask('sindex-create:namespace=test;set=s1;indexname=ix;bin=a;type=numeric')).toBe('ok');
      expect(await ask('sindex-create:ns=test;set=s1;indexname=ix;indexdata=b,STRING')).toMatch(/^ERROR:200:/);
      expect(await ask('sindex-list:ns=test')).toBe('ns=test:indexname=ix:set=s1:bin=a:type=numeric:indextype=default:context=null:exp=null:state=RW');
      expect(await ask('sindex/test/ix')).toMatch(/load_pct=100/);
      expect(await ask('sindex-exists:ns=test;indexname=ix')).toBe('true');
      expect(await ask('sindex-delete:ns=test;indexname=ix')).toBe('ok');
      expect(await ask('sindex-list:ns=test')).toBe('');
      const client = new AerospikeClient({ hosts: emu.hosts });
      await client.connect();
      await client.put(new Key('test', 's1', 1), { a: 1 });
      expect(await ask('sets/test')).toMatch(/^ns=test:set=s1:objects=1:/);
      expect(await ask('truncate:namespace=test;set=s1')).toBe('ok');
      expect(await client.exists(new Key('test', 's1', 1))).toBeNull();
      expect(await ask('namespace/nope')).toBe('type=unknown');
      await client.close();
    } finally {
      await emu.stop();
    }
  });
});

describe('three-node scans and batches', () => {
  it('return every record exactly once with partitions split across the nodes', async () => {
    const emu = await startEmulator({ nodes: 3 });
    const client = new AerospikeClient({ hosts: emu.hosts });
    try {
      await client.connect();
      const keys = Array.from({ length: 60 }, (_, i) => new Key('test', 'emu3scan', i));
      for (const k of keys) await client.put(k, { i: k.userKey as number }, { sendKey: true });
      const seen = (await client.scan('test', 'emu3scan').toArray()).map((r) => r.bins['i']).sort((a, b) => Number(a) - Number(b));
      expect(seen).toEqual(keys.map((_, i) => i));
      const batch = await client.batchGet(keys.slice(0, 10));
      expect(batch.map((r) => r.record?.bins['i'])).toEqual(keys.slice(0, 10).map((_, i) => i));
    } finally {
      await client.close();
      await emu.stop();
    }
  });
});

describe('cluster changes at run time', () => {
  it('a tending client discovers an added node and drops a removed one', async () => {
    const emu = await startEmulator({ nodes: 2 });
    const client = new AerospikeClient({ hosts: emu.hosts, tendInterval: 20 });
    try {
      await client.connect();
      expect(client.nodes()).toHaveLength(2);
      const added = new Promise<{ name: string }>((resolve) => client.once('nodeAdded', resolve));
      const id = await emu.addNode();
      expect((await added).name).toBe(id);
      const removed = new Promise<{ name: string }>((resolve) => client.once('nodeRemoved', resolve));
      await emu.removeNode(id);
      expect((await removed).name).toBe(id);
      const k = new Key('test', 'emu_rt', 1);
      await client.put(k, { a: 1 });
      expect((await client.get(k)).bins).toEqual({ a: 1 });
    } finally {
      await client.close();
      await emu.stop();
    }
  });
});
