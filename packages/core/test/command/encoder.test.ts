import { Key } from '../../src/keys/key';
import { DEFAULT_READ_POLICY, DEFAULT_WRITE_POLICY } from '../../src/policy/policies';
import { resolveReadPolicy, resolveWritePolicy } from '../../src/policy/resolve';
import {
  deleteRequest,
  headerRequest,
  operateRequest,
  readRequest,
  touchRequest,
  udfRequest,
  writeRequest
} from '../../src/command/single-requests';
import { Op } from '../../src/command/operation';
import { InvalidArgumentError } from '../../src/errors/client-errors';
import { Double } from '../../src/values/double';
import { GeoJSON } from '../../src/values/geojson';
import { HLL } from '../../src/values/hll';
import { Info1, Info2, Info3, OpType, ParticleType } from '../../src/wire/constants';
import { decompressFrame } from '../../src/wire/compression';
import { walkMessages, type WalkedMessage } from '../helpers/fixtures';

const key = new Key('test', 'demo', 'k');
const w = (p = {}) => resolveWritePolicy(DEFAULT_WRITE_POLICY, p);
const r = (p = {}) => resolveReadPolicy(DEFAULT_READ_POLICY, p);

/** Splits a request into header, fields and ops (independent of the encoder). */
function split(frame: Buffer) {
  expect(frame[0]).toBe(2);
  expect(frame.readUIntBE(2, 6)).toBe(frame.length - 8);
  const messages = walkMessages(frame.subarray(8));
  expect(messages.length).toBe(1);
  const { info1, info2, info3, info4, generation, ttl, timeout, fields, ops } = messages[0] as WalkedMessage;
  return { info1, info2, info3, info4, generation, ttl, timeout, fields, ops };
}

describe('single-record encoder', () => {
  it('encodes a put exactly', () => {
    const f = writeRequest(key, w(), { a: 1 });
    expect(f.toString('hex')).toBe(
      '0203' + (f.length - 8).toString(16).padStart(12, '0') +
        '16' + '00' + '01' + '00' + '00' + '00' + '00000000' + '00000000' + '000003e8' + '0003' + '0001' +
        '00000005' + '00' + Buffer.from('test').toString('hex') +
        '00000005' + '01' + Buffer.from('demo').toString('hex') +
        '00000015' + '04' + key.digest.toString('hex') +
        '0000000d' + '02' + '01' + '00' + '01' + '61' + '0000000000000001'
    );
  });

  it('writes every particle type with the right bytes', () => {
    const s = split(writeRequest(key, w(), {
      n: null, i: -2, big: 2n ** 62n, d: 1.5, dd: new Double(3), s: 'é', b: Buffer.from([1, 2]), t: true,
      g: new GeoJSON('{"type":"Point","coordinates":[1,2]}'), h: new HLL(Buffer.from([9])), l: [1], m: { x: 1 }
    }));
    const byName = Object.fromEntries(s.ops.map((o) => [o.name, o]));
    expect(byName['n']).toMatchObject({ particle: ParticleType.NULL, value: Buffer.alloc(0) });
    expect(byName['i']?.value.toString('hex')).toBe('fffffffffffffffe');
    expect(byName['big']?.value.toString('hex')).toBe('4000000000000000');
    expect(byName['d']).toMatchObject({ particle: ParticleType.DOUBLE });
    expect(byName['d']?.value.readDoubleBE(0)).toBe(1.5);
    expect(byName['dd']?.particle).toBe(ParticleType.DOUBLE);
    expect(byName['dd']?.value.readDoubleBE(0)).toBe(3);
    expect(byName['s']?.value).toEqual(Buffer.from('é'));
    expect(byName['b']).toMatchObject({ particle: ParticleType.BLOB, value: Buffer.from([1, 2]) });
    expect(byName['t']).toMatchObject({ particle: ParticleType.BOOL, value: Buffer.from([1]) });
    expect(byName['g']?.particle).toBe(ParticleType.GEOJSON);
    expect(byName['g']?.value.toString('hex')).toBe('000000' + Buffer.from('{"type":"Point","coordinates":[1,2]}').toString('hex'));
    expect(byName['h']).toMatchObject({ particle: ParticleType.HLL, value: Buffer.from([9]) });
    expect(byName['l']).toMatchObject({ particle: ParticleType.LIST, value: Buffer.from('9101', 'hex') });
    expect(byName['m']).toMatchObject({ particle: ParticleType.MAP, value: Buffer.from('82c70001c0a20378' + '01', 'hex') });
  });

  it('sends integral numbers inside int64 as INTEGER and beyond it (e.g. 1e300) as DOUBLE', () => {
    const s = split(writeRequest(key, w(), { a: 2 ** 60, b: -1e300, c: Number.MAX_SAFE_INTEGER, d: 2 ** 63 }));
    expect(s.ops.map((o) => o.particle)).toEqual([ParticleType.INTEGER, ParticleType.DOUBLE, ParticleType.INTEGER, ParticleType.DOUBLE]);
    expect(s.ops[0]?.value.readBigInt64BE(0)).toBe(2n ** 60n);
  });

  it('maps write policies to header bits', () => {
    expect(split(writeRequest(key, w({ exists: 4 }), { a: 1 })).info2).toBe(Info2.WRITE | Info2.CREATE_ONLY);
    expect(split(writeRequest(key, w({ exists: 1 }), { a: 1 })).info3).toBe(Info3.UPDATE_ONLY);
    expect(split(writeRequest(key, w({ exists: 2 }), { a: 1 })).info3).toBe(Info3.CREATE_OR_REPLACE);
    expect(split(writeRequest(key, w({ exists: 3 }), { a: 1 })).info3).toBe(Info3.REPLACE_ONLY);
    const gen = split(writeRequest(key, w({ generationPolicy: 1, generation: 7 }), { a: 1 }));
    expect(gen.info2).toBe(Info2.WRITE | Info2.GENERATION);
    expect(gen.generation).toBe(7);
    expect(split(writeRequest(key, w({ generationPolicy: 2, generation: 7 }), { a: 1 })).info2).toBe(Info2.WRITE | Info2.GENERATION_GT);
    expect(split(writeRequest(key, w({ ttl: -1 }), { a: 1 })).ttl).toBe(0xffffffff);
    expect(split(writeRequest(key, w({ ttl: -2 }), { a: 1 })).ttl).toBe(0xfffffffe);
    expect(split(writeRequest(key, w({ commitLevel: 1 }), { a: 1 })).info3).toBe(Info3.COMMIT_MASTER);
    expect(split(deleteRequest(key, w({ durableDelete: true }))).info2).toBe(Info2.WRITE | Info2.DELETE | Info2.DURABLE_DELETE);
    expect(split(writeRequest(key, w({ totalTimeout: 250 }), { a: 1 })).timeout).toBe(250);
    expect(split(writeRequest(key, w({ totalTimeout: 5000, socketTimeout: 100 }), { a: 1 })).timeout).toBe(100);
    expect(split(writeRequest(key, w({ totalTimeout: 0 }), { a: 1 })).timeout).toBe(0);
  });

  it('sends the user key in field 2 only with sendKey', () => {
    expect(split(writeRequest(key, w(), { a: 1 })).fields.map((f) => f.type)).toEqual([0, 1, 4]);
    const s = split(writeRequest(new Key('test', null, -5), w({ sendKey: true }), { a: 1 }));
    expect(s.fields.map((f) => f.type)).toEqual([0, 4, 2]);
    expect(s.fields[2]?.data.toString('hex')).toBe('01fffffffffffffffb');
    const filter = Buffer.from('9351a103ff', 'hex');
    expect(split(writeRequest(key, w({ sendKey: true, filterExpression: filter }), { a: 1 })).fields.map((f) => f.type)).toEqual([0, 1, 4, 2, 43]);
  });

  it('encodes reads, header reads, touch, delete', () => {
    expect(split(readRequest(key, r(), null))).toMatchObject({ info1: Info1.READ | Info1.GET_ALL, ops: [] });
    const sel = split(readRequest(key, r(), ['a', 'b']));
    expect(sel.info1).toBe(Info1.READ);
    expect(sel.ops.map((o) => [o.op, o.name])).toEqual([[1, 'a'], [1, 'b']]);
    expect(split(headerRequest(key, r({ readTouchTtlPercent: 50 })))).toMatchObject({ info1: Info1.READ | Info1.NOBINDATA, ttl: 50 });
    expect(split(readRequest(key, r({ readModeAP: 1, readModeSC: 3 }), null))).toMatchObject({ info1: 0x43, info3: 0xc0 });
    const t = split(touchRequest(key, w({ ttl: 7200 })));
    expect(t).toMatchObject({ info2: Info2.WRITE, ttl: 7200 });
    expect(t.ops.map((o) => o.op)).toEqual([OpType.TOUCH]);
  });

  it('derives operate bits from the ops', () => {
    const rw = operateRequest(key, w({ ttl: 60 }), [Op.add('n', 1), Op.read('n')]);
    expect(rw.isWrite).toBe(true);
    expect(split(rw.request)).toMatchObject({ info1: Info1.READ, info2: Info2.WRITE, ttl: 60 });
    const ro = operateRequest(key, w({ readTouchTtlPercent: 20 }), [Op.read('n')]);
    expect(ro.isWrite).toBe(false);
    expect(split(ro.request)).toMatchObject({ info1: Info1.READ, info2: 0, ttl: 20 });
    expect(split(operateRequest(key, w(), [Op.read()]).request).info1).toBe(Info1.READ | Info1.GET_ALL);
    expect(split(operateRequest(key, w(), [Op.readHeader()]).request).info1).toBe(Info1.READ | Info1.NOBINDATA);
    const respond = operateRequest(key, w(), [{ op: OpType.CDT_MODIFY, bin: 'm', packed: Buffer.from('9143', 'hex'), respondAll: true }]);
    expect(split(respond.request).info2).toBe(Info2.WRITE | Info2.RESPOND_ALL_OPS);
    expect(split(respond.request).ops[0]).toMatchObject({ particle: ParticleType.BLOB, value: Buffer.from('9143', 'hex') });
    const withAll = operateRequest(key, w({ respondAllOps: true }), [Op.read(), Op.write('a', 1)]);
    expect(split(withAll.request).info2).toBe(Info2.WRITE);
  });

  it('encodes a UDF call with its three fields', () => {
    const s = split(udfRequest(key, w(), 'mod', 'fn', ['a', 1]));
    expect(s.fields.map((f) => f.type)).toEqual([0, 1, 4, 30, 31, 32]);
    expect(s.fields[5]?.data.toString('hex')).toBe('92a2036101');
  });

  it('compresses large requests when asked', () => {
    const f = writeRequest(key, w({ compress: true }), { s: 'x'.repeat(1000) });
    expect(f[1]).toBe(4);
    const inner = decompressFrame(f);
    expect(split(inner).ops[0]?.value.toString()).toBe('x'.repeat(1000));
  });

  it.each([
    [() => writeRequest(key, w(), {}), /at least one bin/],
    [() => writeRequest(key, w(), [] as never), /bins must be an object/],
    [() => writeRequest(key, w(), { ['a'.repeat(16)]: 1 }), /16 bytes long; the limit is 15/],
    [() => writeRequest(key, w(), { '': 1 }), /bin name must not be empty/],
    [() => writeRequest(key, w(), { a: undefined as never }), /undefined; use null/],
    [() => writeRequest(key, w(), { a: 2n ** 63n }), /64-bit/],
    [() => writeRequest(key, w(), { a: 'x\ud800' }), /UTF-8/],
    [() => writeRequest(key, w(), { a: new Date() as never }), /unsupported value type Date/],
    [() => writeRequest(key, w(), { a: (() => 1) as never }), /unsupported value type function/],
    [() => operateRequest(key, w(), []), /non-empty list/],
    [() => operateRequest(key, w(), [{ op: 99, bin: 'a' } as never]), /unknown operation type 99/],
    [() => resolveWritePolicy(DEFAULT_WRITE_POLICY, { ttl: 1.5 }), /'ttl' must be an integer/],
    [() => resolveWritePolicy(DEFAULT_WRITE_POLICY, { bogus: 1 } as never), /unknown option 'bogus'/],
    [() => resolveWritePolicy(DEFAULT_WRITE_POLICY, { durableDelete: 'yes' } as never), /must be a boolean/],
    [() => resolveReadPolicy(DEFAULT_READ_POLICY, { filterExpression: 5 } as never), /filterExpression/]
  ] as const)('rejects bad input %#', (fn, msg) => {
    expect(fn).toThrow(InvalidArgumentError);
    expect(fn).toThrow(msg);
  });

  it('leaves no state behind after a rejected encode', () => {
    expect(() => writeRequest(key, w(), { a: 1, b: undefined as never })).toThrow();
    expect(split(writeRequest(key, w(), { c: 'ok' })).ops.map((o) => o.name)).toEqual(['c']);
  });
});
