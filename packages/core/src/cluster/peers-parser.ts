import { ParseError } from '../errors/client-errors.js';
import type { Host } from './host.js';

/** One peer from a `peers-*` info reply. */
export interface Peer {
  readonly nodeName: string;
  readonly tlsName: string | undefined;
  readonly hosts: readonly Host[];
}

/** A parsed `peers-clear-std` / `peers-tls-std` / `-alt` reply. */
export interface PeersReply {
  readonly generation: number;
  readonly peers: readonly Peer[];
}

/**
 * Parses `<gen>,<defaultPort>,[[<name>,<tlsName>,[<host>[:<port>],…]],…]`.
 * IPv6 hosts are bracketed (`[::1]:3000`); a host without a port uses the default port.
 * @throws ParseError on malformed text.
 */
export function parsePeers(text: string): PeersReply {
  const p = new Cursor(text.trim());
  const generation = p.int();
  p.expect(',');
  const defaultPort = p.peek() === ',' ? 3000 : p.int();
  p.expect(',');
  p.expect('[');
  const peers: Peer[] = [];
  while (p.peek() !== ']') {
    p.expect('[');
    const nodeName = p.until(',');
    p.expect(',');
    const tls = p.until(',');
    p.expect(',');
    p.expect('[');
    const hosts: Host[] = [];
    while (p.peek() !== ']') {
      hosts.push(p.host(defaultPort));
      if (p.peek() === ',') p.expect(',');
    }
    p.expect(']');
    p.expect(']');
    peers.push({ nodeName, tlsName: tls === '' ? undefined : tls, hosts });
    if (p.peek() === ',') p.expect(',');
  }
  p.expect(']');
  if (!p.done()) throw new ParseError(`peers reply has trailing text: ${JSON.stringify(text)}`);
  return { generation, peers };
}

class Cursor {
  readonly #s: string;
  #i = 0;
  constructor(s: string) {
    this.#s = s;
  }
  peek(): string {
    return this.#s[this.#i] ?? '';
  }
  done(): boolean {
    return this.#i >= this.#s.length;
  }
  expect(c: string): void {
    if (this.#s[this.#i] !== c) throw new ParseError(`peers reply: expected '${c}' at ${this.#i} in ${JSON.stringify(this.#s)}`);
    this.#i++;
  }
  until(stop: string): string {
    const start = this.#i;
    while (this.#i < this.#s.length && !stop.includes(this.#s[this.#i] as string) && this.#s[this.#i] !== ']' && this.#s[this.#i] !== '[') this.#i++;
    return this.#s.slice(start, this.#i);
  }
  int(): number {
    const t = this.until(',');
    const n = Number(t);
    if (t === '' || !Number.isInteger(n)) throw new ParseError(`peers reply: expected an integer, got ${JSON.stringify(t)}`);
    return n;
  }
  host(defaultPort: number): Host {
    let host: string;
    if (this.peek() === '[') {
      this.#i++;
      const end = this.#s.indexOf(']', this.#i);
      if (end < 0) throw new ParseError('peers reply: unclosed IPv6 address');
      host = this.#s.slice(this.#i, end);
      this.#i = end + 1;
    } else {
      const start = this.#i;
      while (this.#i < this.#s.length && !':,]'.includes(this.#s[this.#i] as string)) this.#i++;
      host = this.#s.slice(start, this.#i);
    }
    let port = defaultPort;
    if (this.peek() === ':') {
      this.#i++;
      const start = this.#i;
      while (this.#i < this.#s.length && /[0-9]/.test(this.#s[this.#i] as string)) this.#i++;
      port = Number(this.#s.slice(start, this.#i));
    }
    if (host === '' || !Number.isInteger(port) || port < 1 || port > 65535) throw new ParseError(`peers reply: bad host ${JSON.stringify(host)}:${port}`);
    return { host, port };
  }
}
