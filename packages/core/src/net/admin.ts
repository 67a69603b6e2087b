import { InvalidArgumentError, ParseError } from '../errors/client-errors.js';
import { serverError } from '../errors/server-errors.js';
import { MessageType, PROTO_HEADER_SIZE } from '../wire/constants.js';
import { checkName } from '../util/validate.js';
import { hashPassword } from './auth.js';
import type { Connection } from './connection.js';
import { decodeRoleFields, decodeUserFields, encodeAdmin, parseAdminQueryFrame, type FieldData } from './admin-frame.js';

/** Admin (security) command ids. */
export const AdminCommandId = Object.freeze({
  CREATE_USER: 1,
  DROP_USER: 2,
  SET_PASSWORD: 3,
  CHANGE_PASSWORD: 4,
  GRANT_ROLES: 5,
  REVOKE_ROLES: 6,
  QUERY_USERS: 9,
  CREATE_ROLE: 10,
  DROP_ROLE: 11,
  GRANT_PRIVILEGES: 12,
  REVOKE_PRIVILEGES: 13,
  SET_WHITELIST: 14,
  SET_QUOTAS: 15,
  QUERY_ROLES: 16
} as const);

const Field = Object.freeze({ USER: 0, PASSWORD: 1, OLD_PASSWORD: 2, ROLES: 10, ROLE: 11, PRIVILEGES: 12, WHITELIST: 13, READ_QUOTA: 14, WRITE_QUOTA: 15, READ_INFO: 16, WRITE_INFO: 17, CONNECTIONS: 18 } as const);
const HEADER = 16;

/** Privilege codes. */
export const PrivilegeCode = Object.freeze({
  USER_ADMIN: 0,
  SYS_ADMIN: 1,
  DATA_ADMIN: 2,
  UDF_ADMIN: 3,
  SINDEX_ADMIN: 4,
  READ: 10,
  READ_WRITE: 11,
  READ_WRITE_UDF: 12,
  WRITE: 13,
  TRUNCATE: 14
} as const);

/** A privilege, optionally scoped to a namespace and set (codes ≥ 10). */
export interface Privilege {
  readonly code: number;
  readonly namespace?: string;
  readonly set?: string;
}

/** A user as the server reports it. */
export interface UserInfo {
  readonly user: string;
  readonly roles: string[];
  readonly readInfo: number[];
  readonly writeInfo: number[];
  readonly connsInUse: number;
}

/** A role as the server reports it. */
export interface RoleInfo {
  readonly name: string;
  readonly privileges: Privilege[];
  readonly whitelist: string[];
  readonly readQuota: number;
  readonly writeQuota: number;
}

function str(s: string, what: string): Buffer {
  checkName(what, s, 255, false);
  return Buffer.from(s, 'utf8');
}

function roles(list: readonly string[]): Buffer {
  if (!Array.isArray(list)) throw new InvalidArgumentError('roles must be a list of role names');
  const parts = list.map((r) => str(r, 'role name'));
  const out = Buffer.alloc(1 + parts.reduce((n, p) => n + 1 + p.length, 0));
  out[0] = parts.length;
  let off = 1;
  for (const p of parts) {
    out[off++] = p.length;
    off += p.copy(out, off);
  }
  return out;
}

function privileges(list: readonly Privilege[]): Buffer {
  const chunks: Buffer[] = [Buffer.from([list.length])];
  for (const p of list) {
    if (!Number.isInteger(p.code) || p.code < 0 || p.code > 255) throw new InvalidArgumentError(`privilege code must be 0..255, got ${String(p.code)}`);
    chunks.push(Buffer.from([p.code]));
    if (p.code >= 10) {
      const ns = Buffer.from(p.namespace ?? '', 'utf8');
      const set = Buffer.from(p.set ?? '', 'utf8');
      chunks.push(Buffer.from([ns.length]), ns, Buffer.from([set.length]), set);
    } else if (p.namespace !== undefined || p.set !== undefined) {
      throw new InvalidArgumentError(`privilege ${p.code} is global and cannot be scoped to a namespace or set`);
    }
  }
  return Buffer.concat(chunks);
}

function u32(n: number, what: string): Buffer {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new InvalidArgumentError(`${what} must be 0..4294967295, got ${n}`);
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** Requests for every admin command that returns no data. */
export const AdminRequests = Object.freeze({
  createUser: (user: string, password: string, roleList: readonly string[]): Buffer =>
    encodeAdmin(AdminCommandId.CREATE_USER, [[Field.USER, str(user, 'user name')], [Field.PASSWORD, Buffer.from(hashPassword(password))], [Field.ROLES, roles(roleList)]]),
  dropUser: (user: string): Buffer => encodeAdmin(AdminCommandId.DROP_USER, [[Field.USER, str(user, 'user name')]]),
  setPassword: (user: string, password: string): Buffer =>
    encodeAdmin(AdminCommandId.SET_PASSWORD, [[Field.USER, str(user, 'user name')], [Field.PASSWORD, Buffer.from(hashPassword(password))]]),
  changePassword: (user: string, oldPassword: string, password: string): Buffer =>
    encodeAdmin(AdminCommandId.CHANGE_PASSWORD, [[Field.USER, str(user, 'user name')], [Field.OLD_PASSWORD, Buffer.from(hashPassword(oldPassword))], [Field.PASSWORD, Buffer.from(hashPassword(password))]]),
  grantRoles: (user: string, roleList: readonly string[]): Buffer => encodeAdmin(AdminCommandId.GRANT_ROLES, [[Field.USER, str(user, 'user name')], [Field.ROLES, roles(roleList)]]),
  revokeRoles: (user: string, roleList: readonly string[]): Buffer => encodeAdmin(AdminCommandId.REVOKE_ROLES, [[Field.USER, str(user, 'user name')], [Field.ROLES, roles(roleList)]]),
  createRole: (role: string, privs: readonly Privilege[], whitelist: readonly string[] = [], readQuota = 0, writeQuota = 0): Buffer => {
    const f: FieldData[] = [[Field.ROLE, str(role, 'role name')]];
    if (privs.length > 0) f.push([Field.PRIVILEGES, privileges(privs)]);
    if (whitelist.length > 0) f.push([Field.WHITELIST, Buffer.from(whitelist.join(','), 'utf8')]);
    if (readQuota > 0) f.push([Field.READ_QUOTA, u32(readQuota, 'read quota')]);
    if (writeQuota > 0) f.push([Field.WRITE_QUOTA, u32(writeQuota, 'write quota')]);
    return encodeAdmin(AdminCommandId.CREATE_ROLE, f);
  },
  dropRole: (role: string): Buffer => encodeAdmin(AdminCommandId.DROP_ROLE, [[Field.ROLE, str(role, 'role name')]]),
  grantPrivileges: (role: string, privs: readonly Privilege[]): Buffer => encodeAdmin(AdminCommandId.GRANT_PRIVILEGES, [[Field.ROLE, str(role, 'role name')], [Field.PRIVILEGES, privileges(privs)]]),
  revokePrivileges: (role: string, privs: readonly Privilege[]): Buffer => encodeAdmin(AdminCommandId.REVOKE_PRIVILEGES, [[Field.ROLE, str(role, 'role name')], [Field.PRIVILEGES, privileges(privs)]]),
  setWhitelist: (role: string, whitelist: readonly string[]): Buffer =>
    encodeAdmin(AdminCommandId.SET_WHITELIST, whitelist.length === 0 ? [[Field.ROLE, str(role, 'role name')]] : [[Field.ROLE, str(role, 'role name')], [Field.WHITELIST, Buffer.from(whitelist.join(','), 'utf8')]]),
  setQuotas: (role: string, readQuota: number, writeQuota: number): Buffer =>
    encodeAdmin(AdminCommandId.SET_QUOTAS, [[Field.ROLE, str(role, 'role name')], [Field.READ_QUOTA, u32(readQuota, 'read quota')], [Field.WRITE_QUOTA, u32(writeQuota, 'write quota')]]),
  queryUsers: (user?: string): Buffer => encodeAdmin(AdminCommandId.QUERY_USERS, user === undefined ? [] : [[Field.USER, str(user, 'user name')]]),
  queryRoles: (role?: string): Buffer => encodeAdmin(AdminCommandId.QUERY_ROLES, role === undefined ? [] : [[Field.ROLE, str(role, 'role name')]])
});

/** Sends an admin command with no reply data. @throws ServerError on a non-zero result. */
export async function runAdmin(conn: Connection, request: Buffer, timeout: number): Promise<void> {
  const reply = await conn.request(request, timeout, timeout > 0 ? Date.now() + timeout : 0);
  if (reply[1] !== MessageType.ADMIN || reply.length < PROTO_HEADER_SIZE + HEADER) throw new ParseError('malformed admin reply', { node: conn.address });
  const code = reply[PROTO_HEADER_SIZE + 1] as number;
  if (code !== 0) throw serverError(code, { node: conn.address, detail: `admin command ${request[PROTO_HEADER_SIZE + 2]}` });
}

interface Block {
  fields: Map<number, Buffer>;
}

/** Sends a user/role query and returns the raw field blocks until QUERY_END. */
export async function queryAdmin(conn: Connection, request: Buffer, timeout: number): Promise<Block[]> {
  const blocks: Block[] = [];
  let error = 0;
  await conn.stream(
    request,
    {
      onFrame: (frame: Buffer): boolean => {
        const done = parseAdminQueryFrame(frame, (fields) => blocks.push({ fields }));
        if (done === undefined) return false;
        error = done;
        return true;
      }
    },
    timeout,
    timeout > 0 ? Date.now() + timeout : 0
  );
  if (error !== 0) throw serverError(error, { node: conn.address, detail: 'admin query' });
  return blocks;
}

/** Decodes QUERY_USERS blocks. @throws ParseError on a malformed record */
export function parseUsers(blocks: Block[]): UserInfo[] {
  return blocks.map((b) => decodeUserFields(b.fields));
}

/** Decodes QUERY_ROLES blocks. @throws ParseError on a malformed record */
export function parseRoles(blocks: Block[]): RoleInfo[] {
  return blocks.map((b) => decodeRoleFields(b.fields));
}
