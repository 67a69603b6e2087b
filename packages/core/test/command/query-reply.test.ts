import { parseQueryFrame, type QueryRecord } from '../../src/command/query-command';
import { ParseError } from '../../src/errors/client-errors';
import { writeProtoHeader } from '../../src/wire/proto-header';

function field(type: number, data: Buffer): Buffer {
  const b = Buffer.alloc(5 + data.length);
  b.writeUInt32BE(data.length + 1, 0);
  b[4] = type;
  data.copy(b, 5);
  return b;
}

/** A scan/query reply frame holding one record message with the given fields and no ops. */
function recordFrame(fields: Buffer[]): Buffer {
  const h = Buffer.alloc(22);
  h[0] = 22;
  h.writeUInt16BE(fields.length, 18);
  const body = Buffer.concat([h, ...fields]);
  const f = Buffer.alloc(8 + body.length);
  writeProtoHeader(f, 0, 3, body.length);
  body.copy(f, 8);
  return f;
}

function parse(frame: Buffer): QueryRecord[] {
  const out: QueryRecord[] = [];
  parseQueryFrame(frame, 'test', undefined, { record: (_p, _d, _b, rec) => out.push(rec), partitionDone: () => undefined });
  return out;
}

const digest = Buffer.alloc(20, 7);

describe('scan/query reply parsing of record keys (fuzz regressions)', () => {
  it('reads namespace, set, digest and user key', () => {
    const [rec] = parse(recordFrame([field(0, Buffer.from('bar')), field(1, Buffer.from('s')), field(4, digest), field(2, Buffer.from([3, 0x61]))]));
    expect(rec?.key.namespace).toBe('bar');
    expect(rec?.key.set).toBe('s');
    expect(rec?.key.userKey).toBe('a');
    expect(rec?.key.digest.equals(digest)).toBe(true);
  });

  it('a namespace over 31 bytes is a ParseError (was an InvalidArgumentError)', () => {
    expect(() => parse(recordFrame([field(0, Buffer.alloc(32, 0x6e)), field(4, digest)]))).toThrow(ParseError);
    expect(() => parse(recordFrame([field(0, Buffer.alloc(32, 0x6e)), field(4, digest)]))).toThrow(/invalid key: namespace/);
  });

  it('a set name over 63 bytes is a ParseError', () => {
    expect(() => parse(recordFrame([field(1, Buffer.alloc(64, 0x73)), field(4, digest)]))).toThrow(ParseError);
  });

  it('a fractional double user key is a ParseError', () => {
    const k = Buffer.alloc(9);
    k[0] = 2;
    k.writeDoubleBE(0.5, 1);
    expect(() => parse(recordFrame([field(4, digest), field(2, k)]))).toThrow(ParseError);
  });
});
