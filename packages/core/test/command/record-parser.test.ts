import { parseSingleReply, voidTimeToTtl } from '../../src/command/record-parser';
import { ParseError } from '../../src/errors/client-errors';
import { Double } from '../../src/values/double';
import { GeoJSON } from '../../src/values/geojson';
import { ParticleType, CITRUS_EPOCH_SECONDS } from '../../src/wire/constants';
import { compressRequest } from '../../src/wire/compression';
import { asMsgReply } from '../helpers/fake-node';

const reply = asMsgReply({
  generation: 3,
  voidTime: 100,
  ops: [
    { name: 'i', particle: ParticleType.INTEGER, value: Buffer.from('8000000000000000', 'hex') },
    { name: 'd', particle: ParticleType.DOUBLE, value: Buffer.from('4000000000000000', 'hex') },
    { name: 'g', particle: ParticleType.GEOJSON, value: Buffer.concat([Buffer.from('000001', 'hex'), Buffer.alloc(8), Buffer.from('{"a":1}')]) },
    { name: 'l', particle: ParticleType.LIST, value: Buffer.from('92a2036101', 'hex') },
    { name: 'b', particle: ParticleType.BOOL, value: Buffer.from([0]) },
    { name: 'x', particle: ParticleType.BLOB, value: Buffer.from([1, 2]) }
  ]
});

describe('single-record reply parser', () => {
  it('decodes header and bins', () => {
    const r = parseSingleReply(reply);
    expect(r.resultCode).toBe(0);
    expect(r.generation).toBe(3);
    expect(r.voidTime).toBe(100);
    expect(r.bins).toEqual({ i: -(2n ** 63n), d: new Double(2), g: new GeoJSON('{"a":1}'), l: ['a', 1], b: false, x: Buffer.from([1, 2]) });
  });

  it('decodes integers at the safe-integer boundary exactly (-2^53 is a bigint)', () => {
    const v = (hex: string): unknown => parseSingleReply(asMsgReply({ ops: [{ name: 'i', particle: ParticleType.INTEGER, value: Buffer.from(hex, 'hex') }] })).bins?.['i'];
    expect(v('ffe0000000000001')).toBe(-(2 ** 53) + 1);
    expect(v('ffe0000000000000')).toBe(-(2n ** 53n));
    expect(v('001fffffffffffff')).toBe(2 ** 53 - 1);
    expect(v('0020000000000000')).toBe(2n ** 53n);
  });

  it('gathers repeated bins and keeps the ordered list when asked', () => {
    const f = asMsgReply({
      ops: [
        { name: 'n', particle: ParticleType.INTEGER, value: Buffer.from('0000000000000001', 'hex') },
        { name: 'n', particle: ParticleType.INTEGER, value: Buffer.from('0000000000000002', 'hex') },
        { name: 'n', particle: ParticleType.INTEGER, value: Buffer.from('0000000000000003', 'hex') }
      ]
    });
    expect(parseSingleReply(f).bins).toEqual({ n: 3 });
    const g = parseSingleReply(f, { gather: true, ordered: true });
    expect(g.bins).toEqual({ n: [1, 2, 3] });
    expect(g.ordered).toEqual([['n', 1], ['n', 2], ['n', 3]]);
  });

  it('does not let a bin named __proto__ change the prototype', () => {
    const f = asMsgReply({ ops: [{ name: '__proto__', particle: ParticleType.INTEGER, value: Buffer.alloc(8) }] });
    const bins = parseSingleReply(f).bins as Record<string, unknown>;
    expect(Object.getPrototypeOf(bins)).toBe(Object.prototype);
    expect(Object.keys(bins)).toEqual(['__proto__']);
  });

  it('parses a compressed (type 4) reply', () => {
    const big = asMsgReply({ ops: [{ name: 's', particle: ParticleType.STRING, value: Buffer.alloc(400, 0x61) }] });
    const z = compressRequest(big);
    expect(z[1]).toBe(4);
    expect(parseSingleReply(z).bins?.['s']).toBe('a'.repeat(400));
  });

  it('throws ParseError, never anything else, for every truncation and corruption', () => {
    for (let len = 8; len < reply.length; len++) {
      const t = Buffer.from(reply.subarray(0, len));
      t.writeUIntBE(len - 8, 2, 6);
      expect(() => parseSingleReply(t)).toThrow(ParseError);
    }
    let x = 12345;
    for (let n = 0; n < 3000; n++) {
      const c = Buffer.from(reply);
      for (let k = 0; k < 3; k++) {
        x = (x * 1103515245 + 12345) & 0x7fffffff;
        const pos = 8 + (x % (c.length - 8));
        c[pos] = (x >> 8) & 0xff;
      }
      try {
        parseSingleReply(c);
      } catch (e) {
        expect(e).toBeInstanceOf(ParseError);
      }
    }
  });

  it('converts void time to TTL', () => {
    const now = Date.UTC(2026, 0, 1);
    const citrusNow = now / 1000 - CITRUS_EPOCH_SECONDS;
    expect(voidTimeToTtl(0, now)).toBe(-1);
    expect(voidTimeToTtl(citrusNow + 3600, now)).toBe(3600);
    expect(voidTimeToTtl(citrusNow - 5, now)).toBe(1);
  });
});
