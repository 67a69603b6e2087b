import { AerospikeClient } from '../../src/client';
import { Key } from '../../src/keys/key';
import { hashPassword } from '../../src/net/auth';
import { AuthenticationError, SecurityNotSupportedError } from '../../src/errors/server-errors';
import { writeProtoHeader } from '../../src/wire/proto-header';
import { asMsgReply, FakeNode } from '../helpers/fake-node';

function adminReply(resultCode: number, fields: Array<[number, Buffer]> = []): Buffer {
  let size = 16;
  for (const [, d] of fields) size += 5 + d.length;
  const b = Buffer.alloc(8 + size);
  writeProtoHeader(b, 0, 2, size);
  b[9] = resultCode;
  b[11] = fields.length;
  let off = 24;
  for (const [id, d] of fields) {
    b.writeUInt32BE(d.length + 1, off);
    b[off + 4] = id;
    d.copy(b, off + 5);
    off += 5 + d.length;
  }
  return b;
}

function adminFields(frame: Buffer): Map<number, string> {
  const m = new Map<number, string>();
  let off = 24;
  for (let i = 0; i < (frame[11] as number); i++) {
    const len = frame.readUInt32BE(off);
    m.set(frame[off + 4] as number, frame.toString('utf8', off + 5, off + 4 + len));
    off += 4 + len;
  }
  return m;
}

describe('authentication', () => {
  let node: FakeNode;
  beforeEach(async () => {
    node = await FakeNode.start();
  });
  afterEach(async () => {
    await node.stop();
  });

  it('hashes passwords with the server salt (bcrypt)', () => {
    expect(hashPassword('admin')).toBe('$2a$10$7EqJtq98hPqEX7fNZaFWoO1mVO/4MLpGzsqojz6E9Gef6iXDjXdDa');
  });

  it('logs in once, then authenticates new connections with the session token', async () => {
    const seen: string[] = [];
    node.handler = (frame) => {
      if (frame[1] !== 2) return asMsgReply({});
      const f = adminFields(frame);
      if (frame[10] === 20) {
        seen.push(`login ${f.get(0)} ${f.get(3)}`);
        return adminReply(0, [[5, Buffer.from('TOKEN')], [6, Buffer.from('00015180', 'hex')]]);
      }
      seen.push(`auth ${f.get(0)} ${f.get(5)}`);
      return adminReply(f.get(5) === 'TOKEN' ? 0 : 65);
    };
    const c = new AerospikeClient({ hosts: node.hosts, user: 'alice', password: 'pw' });
    await c.connect();
    await Promise.all([c.put(new Key('test', 's', 1), { a: 1 }), c.put(new Key('test', 's', 2), { a: 1 })]);
    await c.close();
    expect(seen[0]).toBe(`login alice ${hashPassword('pw')}`);
    // the tend connection and the two pooled connections authenticate with the token
    expect(seen.slice(1)).toEqual(['auth alice TOKEN', 'auth alice TOKEN', 'auth alice TOKEN']);
  });

  it('surfaces a refused login and a server without security as typed errors', async () => {
    node.handler = () => adminReply(62);
    await expect(new AerospikeClient({ hosts: node.hosts, user: 'u', password: 'bad' }).connect()).rejects.toBeInstanceOf(AuthenticationError);
    node.handler = () => adminReply(51);
    const err = await new AerospikeClient({ hosts: node.hosts, user: 'u', password: 'p' }).connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecurityNotSupportedError);
    expect(String(err)).toMatch(/connect without user and password/);
  });

  it('goes on without login when the server says security is disabled', async () => {
    node.handler = (frame) => (frame[1] === 2 ? adminReply(52) : asMsgReply({}));
    const c = new AerospikeClient({ hosts: node.hosts, user: 'u', password: 'p' });
    await c.connect();
    await c.put(new Key('test', 's', 1), { a: 1 });
    await c.close();
  });

  it('requires user and password together', () => {
    expect(() => new AerospikeClient({ hosts: node.hosts, user: 'u' })).toThrow(/together/);
  });
});
