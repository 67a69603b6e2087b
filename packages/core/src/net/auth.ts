import bcrypt from 'bcryptjs';
import { ParseError } from '../errors/client-errors.js';
import { serverError } from '../errors/server-errors.js';
import type { Connection } from './connection.js';
import { encodeAdmin, parseAdminReply } from './admin-frame.js';

/** Admin command ids used for authentication. */
const AdminCommand = Object.freeze({ AUTHENTICATE: 0, LOGIN: 20 } as const);
/** Admin field ids used for authentication. */
const AdminField = Object.freeze({ USER: 0, CREDENTIAL: 3, CLEAR_PASSWORD: 4, SESSION_TOKEN: 5, SESSION_TTL: 6 } as const);
const SALT = '$2a$10$7EqJtq98hPqEX7fNZaFWoO';

/** Result codes meaning "no security here, carry on". */
const SECURITY_NOT_ENABLED = 52;

/** bcrypt hash of a password with the fixed salt the server expects. */
export function hashPassword(password: string): string {
  return bcrypt.hashSync(password, SALT);
}

/** A session obtained by login. */
export interface Session {
  readonly token: Buffer;
  /** Seconds the token is valid for (0 = unknown). */
  readonly ttl: number;
}

/**
 * Logs in with a user and a bcrypt credential. Returns the session, or `null` when the
 * server has security disabled.
 * @throws ServerError (e.g. SecurityNotSupportedError on Community Edition, AuthenticationError).
 */
export async function login(conn: Connection, user: string, credential: string, timeout: number): Promise<Session | null> {
  const req = encodeAdmin(AdminCommand.LOGIN, [
    [AdminField.USER, Buffer.from(user, 'utf8')],
    [AdminField.CREDENTIAL, Buffer.from(credential, 'utf8')]
  ]);
  const reply = parseAdminReply(await conn.request(req, timeout, timeout > 0 ? Date.now() + timeout : 0));
  if (reply.resultCode === SECURITY_NOT_ENABLED) return null;
  if (reply.resultCode !== 0) throw serverError(reply.resultCode, { node: conn.address, detail: `login as '${user}' failed` });
  const token = reply.fields.get(AdminField.SESSION_TOKEN);
  if (token === undefined) throw new ParseError('login reply has no session token', { node: conn.address });
  const ttlField = reply.fields.get(AdminField.SESSION_TTL);
  const ttl = ttlField !== undefined && ttlField.length >= 4 ? ttlField.readUInt32BE(0) : 0;
  return { token: Buffer.from(token), ttl };
}

/**
 * Authenticates a new connection with a session token.
 * @throws ServerError when the token is rejected.
 */
export async function authenticate(conn: Connection, user: string, token: Buffer, timeout: number): Promise<void> {
  const req = encodeAdmin(AdminCommand.AUTHENTICATE, [
    [AdminField.USER, Buffer.from(user, 'utf8')],
    [AdminField.SESSION_TOKEN, token]
  ]);
  const reply = parseAdminReply(await conn.request(req, timeout, timeout > 0 ? Date.now() + timeout : 0));
  if (reply.resultCode !== 0 && reply.resultCode !== SECURITY_NOT_ENABLED) {
    throw serverError(reply.resultCode, { node: conn.address, detail: `authentication as '${user}' failed` });
  }
}
