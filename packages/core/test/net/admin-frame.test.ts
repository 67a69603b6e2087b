import { ParseError } from '../../src/errors/client-errors';
import { ADMIN_QUERY_END, decodeRoleFields, decodeUserFields, encodeAdmin, parseAdminQueryFrame, parseAdminReply, readAdminMessage } from '../../src/net/admin-frame';
import { writeProtoHeader } from '../../src/wire/proto-header';

function block(code: number, fields: Array<[number, Buffer]>): Buffer {
  const head = Buffer.alloc(16);
  head[1] = code;
  head[3] = fields.length;
  const encoded = fields.map(([id, d]) => {
    const f = Buffer.alloc(5 + d.length);
    f.writeUInt32BE(d.length + 1, 0);
    f[4] = id;
    d.copy(f, 5);
    return f;
  });
  return Buffer.concat([head, ...encoded]);
}

function frame(...blocks: Buffer[]): Buffer {
  const body = Buffer.concat(blocks);
  const f = Buffer.alloc(8 + body.length);
  writeProtoHeader(f, 0, 2, body.length);
  body.copy(f, 8);
  return f;
}

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const roles = (names: string[]): Buffer => Buffer.concat([Buffer.from([names.length]), ...names.map((n) => Buffer.concat([Buffer.from([n.length]), Buffer.from(n)]))]);

describe('admin reply decoding', () => {
  it('reads the fields of a reply to an encoded request shape', () => {
    const req = encodeAdmin(20, [[0, Buffer.from('bob')], [3, Buffer.from('cred')]]);
    const m = readAdminMessage(req, 8);
    expect(m.fields.get(0)?.toString()).toBe('bob');
    expect(m.fields.get(3)?.toString()).toBe('cred');
    expect(m.end).toBe(req.length);
  });

  it('parses a login reply', () => {
    const r = parseAdminReply(frame(block(0, [[5, Buffer.from('token')], [6, u32(600)]])));
    expect(r.resultCode).toBe(0);
    expect(r.fields.get(5)?.toString()).toBe('token');
    expect(r.fields.get(6)?.readUInt32BE(0)).toBe(600);
  });

  it('decodes user and role records and reports the end of a query stream', () => {
    const users: unknown[] = [];
    const done = parseAdminQueryFrame(
      frame(
        block(0, [[0, Buffer.from('alice')], [10, roles(['read', 'sys-admin'])], [16, Buffer.concat([Buffer.from([2]), u32(5), u32(6)])], [18, u32(3)]]),
        block(ADMIN_QUERY_END, [])
      ),
      (f) => users.push(decodeUserFields(f))
    );
    expect(done).toBe(0);
    expect(users).toEqual([{ user: 'alice', roles: ['read', 'sys-admin'], readInfo: [5, 6], writeInfo: [], connsInUse: 3 }]);
    const privs = Buffer.concat([Buffer.from([2, 1]), Buffer.from([11, 4]), Buffer.from('test'), Buffer.from([1]), Buffer.from('s')]);
    const role = decodeRoleFields(new Map([[11, Buffer.from('r1')], [12, privs], [13, Buffer.from('10.0.0.1,10.0.0.2')], [14, u32(100)]]));
    expect(role).toEqual({ name: 'r1', privileges: [{ code: 1 }, { code: 11, namespace: 'test', set: 's' }], whitelist: ['10.0.0.1', '10.0.0.2'], readQuota: 100, writeQuota: 0 });
    expect(parseAdminQueryFrame(frame(block(0, [[0, Buffer.from('a')]])), () => undefined)).toBeUndefined();
    expect(parseAdminQueryFrame(frame(block(60, [])), () => undefined)).toBe(60);
  });

  describe('malformed replies are ParseErrors (fuzz regressions: the decoders in admin.ts threw RangeError or read garbage)', () => {
    it.each([
      ['a frame shorter than the admin header', frame(Buffer.alloc(10))],
      ['a field count beyond the fields present', frame(block(0, [[0, Buffer.from('a')]]).fill(9, 3, 4))],
      ['a field claiming 2^32-1 bytes', (() => {
        const f = frame(block(0, [[0, Buffer.from('abc')]]));
        f.writeUInt32BE(0xffffffff, 24);
        return f;
      })()],
      ['a zero-length field', (() => {
        const f = frame(block(0, [[0, Buffer.from('abc')]]));
        f.writeUInt32BE(0, 24);
        return f;
      })()]
    ])('%s', (_, f) => {
      expect(() => parseAdminReply(f)).toThrow(ParseError);
      expect(() => parseAdminQueryFrame(f, () => undefined)).toThrow(ParseError);
    });

    it('rejects a non-admin frame', () => {
      const f = frame(block(0, []));
      f[1] = 3;
      expect(() => parseAdminReply(f)).toThrow(/expected an admin reply/);
    });

    it.each([
      ['connections field of 2 bytes', new Map([[18, Buffer.from([0, 1])]])],
      ['read statistics announcing 9 values in 4 bytes', new Map([[16, Buffer.from([9, 0, 0, 0, 1])]])],
      ['role list announcing 3 roles, holding 1', new Map([[10, roles(['a']).fill(3, 0, 1)]])],
      ['role name running past its field', new Map([[10, Buffer.from([1, 200, 0x61])]])]
    ])('user record: %s', (_, fields) => {
      expect(() => decodeUserFields(fields)).toThrow(ParseError);
    });

    it.each([
      ['read quota of 3 bytes', new Map([[14, Buffer.from([0, 0, 1])]])],
      ['privilege list announcing 2, holding 1', new Map([[12, Buffer.from([2, 1])]])],
      ['scoped privilege without its namespace', new Map([[12, Buffer.from([1, 11])]])],
      ['scope running past its field', new Map([[12, Buffer.from([1, 11, 9, 0x61])]])]
    ])('role record: %s', (_, fields) => {
      expect(() => decodeRoleFields(fields)).toThrow(ParseError);
    });
  });
});
