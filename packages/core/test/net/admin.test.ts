import { AerospikeClient } from '../../src/client';
import { hashPassword } from '../../src/net/auth';
import { SecurityNotSupportedError } from '../../src/errors/server-errors';
import { writeProtoHeader } from '../../src/wire/proto-header';
import { FakeNode } from '../helpers/fake-node';

function adminFrame(blocks: Array<{ code: number; fields: Array<[number, Buffer]> }>): Buffer {
  const fixed = blocks.map((b) => {
    const head = Buffer.alloc(16);
    head[1] = b.code;
    head[3] = b.fields.length;
    const fields = b.fields.map(([id, d]) => {
      const f = Buffer.alloc(5 + d.length);
      f.writeUInt32BE(d.length + 1, 0);
      f[4] = id;
      d.copy(f, 5);
      return f;
    });
    return Buffer.concat([head, ...fields]);
  });
  const body = Buffer.concat(fixed);
  const out = Buffer.alloc(8 + body.length);
  writeProtoHeader(out, 0, 2, body.length);
  body.copy(out, 8);
  return out;
}

const roles = (names: string[]): Buffer => Buffer.concat([Buffer.from([names.length]), ...names.map((n) => Buffer.concat([Buffer.from([n.length]), Buffer.from(n)]))]);

describe('admin commands', () => {
  let node: FakeNode;
  beforeEach(async () => {
    node = await FakeNode.start();
  });
  afterEach(async () => {
    await node.stop();
  });

  it('encodes user and role commands and parses user and role queries', async () => {
    const seen: Buffer[] = [];
    node.handler = (frame) => {
      seen.push(frame);
      const cmd = frame[10];
      if (cmd === 9) {
        return [
          adminFrame([{ code: 0, fields: [[0, Buffer.from('alice')], [10, roles(['read', 'sys-admin'])], [18, Buffer.from('00000003', 'hex')]] }]),
          adminFrame([{ code: 50, fields: [] }])
        ];
      }
      if (cmd === 16) {
        const privs = Buffer.concat([Buffer.from([2, 1]), Buffer.from([11, 4]), Buffer.from('test'), Buffer.from([1]), Buffer.from('s')]);
        return [adminFrame([{ code: 0, fields: [[11, Buffer.from('r1')], [12, privs], [13, Buffer.from('10.0.0.1,10.0.0.2')], [14, Buffer.from('00000064', 'hex')]] }, { code: 50, fields: [] }])];
      }
      return adminFrame([{ code: 0, fields: [] }]);
    };
    const c = new AerospikeClient({ hosts: node.hosts });
    await c.connect();
    try {
      await c.createUser('bob', 'secret', ['read', 'write']);
      const create = seen[0] as Buffer;
      expect(create[10]).toBe(1);
      expect(create.includes(Buffer.from(hashPassword('secret')))).toBe(true);
      expect(create.includes(roles(['read', 'write']))).toBe(true);
      expect(await c.queryUsers()).toEqual([{ user: 'alice', roles: ['read', 'sys-admin'], readInfo: [], writeInfo: [], connsInUse: 3 }]);
      expect(await c.queryRoles('r1')).toEqual([
        { name: 'r1', privileges: [{ code: 1 }, { code: 11, namespace: 'test', set: 's' }], whitelist: ['10.0.0.1', '10.0.0.2'], readQuota: 100, writeQuota: 0 }
      ]);
      await expect(c.createRole('r2', [{ code: 1, namespace: 'test' }])).rejects.toThrow(/global and cannot be scoped/);
      await expect(c.createUser('', 'x', [])).rejects.toThrow(/user name must not be empty/);
    } finally {
      await c.close();
    }
  });

  it('surfaces SECURITY_NOT_SUPPORTED as a typed error', async () => {
    node.handler = () => adminFrame([{ code: 51, fields: [] }]);
    const c = new AerospikeClient({ hosts: node.hosts });
    await c.connect();
    try {
      await expect(c.dropUser('x')).rejects.toBeInstanceOf(SecurityNotSupportedError);
      await expect(c.queryUsers()).rejects.toBeInstanceOf(SecurityNotSupportedError);
    } finally {
      await c.close();
    }
  });
});
