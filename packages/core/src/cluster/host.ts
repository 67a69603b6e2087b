import { InvalidArgumentError } from '../errors/client-errors.js';
import { describeType } from '../util/validate.js';

/** A seed or node address. */
export interface Host {
  readonly host: string;
  readonly port: number;
  /** Name the TLS certificate must carry. */
  readonly tlsName?: string | undefined;
}

/** Hosts as accepted by the client: `"h1:3000,h2:3000"`, or a list of strings or hosts. */
export type HostsInput = string | ReadonlyArray<string | Host>;

const DEFAULT_PORT = 3000;

/**
 * Parses one `host[:tlsName]:port` (IPv6 in brackets: `[::1]:3000`).
 * @throws InvalidArgumentError on a malformed entry.
 */
export function parseHost(text: string, defaultPort = DEFAULT_PORT): Host {
  const s = text.trim();
  if (s === '') throw new InvalidArgumentError('empty host');
  let host: string;
  let rest: string[];
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end < 0) throw new InvalidArgumentError(`host ${JSON.stringify(text)}: unclosed '['`);
    host = s.slice(1, end);
    const tail = s.slice(end + 1);
    if (tail !== '' && !tail.startsWith(':')) throw new InvalidArgumentError(`host ${JSON.stringify(text)}: expected ':' after ']'`);
    rest = tail === '' ? [] : tail.slice(1).split(':');
  } else {
    const parts = s.split(':');
    host = parts[0] as string;
    rest = parts.slice(1);
  }
  let tlsName: string | undefined;
  let portText: string | undefined;
  if (rest.length === 1) portText = rest[0];
  else if (rest.length === 2) {
    tlsName = rest[0];
    portText = rest[1];
  } else if (rest.length > 2) throw new InvalidArgumentError(`host ${JSON.stringify(text)}: too many ':' parts`);
  const port = portText === undefined ? defaultPort : Number(portText);
  return checkHost({ host, port, tlsName });
}

function checkHost(h: Host): Host {
  if (typeof h.host !== 'string' || h.host === '') throw new InvalidArgumentError(`host name must be a non-empty string, got ${describeType(h.host)}`);
  if (!Number.isInteger(h.port) || h.port < 1 || h.port > 65535) {
    throw new InvalidArgumentError(`port of host '${h.host}' must be an integer from 1 to 65535, got ${String(h.port)}`);
  }
  return h.tlsName === undefined || h.tlsName === '' ? { host: h.host, port: h.port } : { host: h.host, port: h.port, tlsName: h.tlsName };
}

/**
 * Parses a hosts setting into a list.
 * @throws InvalidArgumentError when it is empty or malformed.
 */
export function parseHosts(input: HostsInput, defaultPort = DEFAULT_PORT): Host[] {
  let list: Host[];
  if (typeof input === 'string') list = input.split(',').filter((p) => p.trim() !== '').map((p) => parseHost(p, defaultPort));
  else if (Array.isArray(input)) {
    list = input.map((h: string | Host) => (typeof h === 'string' ? parseHost(h, defaultPort) : checkHost({ host: h?.host, port: h?.port ?? defaultPort, tlsName: h?.tlsName })));
  } else throw new InvalidArgumentError(`hosts must be a string like "h1:3000,h2:3000" or a list, got ${describeType(input)}`);
  if (list.length === 0) throw new InvalidArgumentError('hosts: at least one seed host is required');
  return list;
}
