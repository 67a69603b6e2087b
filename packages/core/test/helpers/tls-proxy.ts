import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type TLSSocket } from 'node:tls';

/** A CA and a server certificate for one name, made with the openssl CLI. */
export interface TestCerts {
  readonly ca: string;
  readonly key: string;
  readonly cert: string;
  /** A second, unrelated CA (for "unknown CA" tests). */
  readonly otherCa: string;
}

/** Whether the openssl CLI is available. */
export function opensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Generates a CA and a server certificate whose SAN is `name`. */
export function makeCerts(name: string): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), 'as-tls-'));
  const run = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  };
  try {
    for (const ca of ['ca', 'other']) {
      run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${ca}.key`, '-out', `${ca}.crt`, '-days', '2', '-subj', `/CN=aerospike-ts test ${ca}`);
    }
    run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${name}`);
    writeFileSync(join(dir, 'ext.cnf'), `subjectAltName=DNS:${name}\n`);
    run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'ext.cnf');
    const read = (f: string): string => readFileSync(join(dir, f), 'utf8');
    return { ca: read('ca.crt'), key: read('server.key'), cert: read('server.crt'), otherCa: read('other.crt') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A TLS-terminating proxy on 127.0.0.1 in front of a plain TCP upstream. */
export class TlsProxy {
  readonly #server: Server;
  readonly #sockets = new Set<TLSSocket>();

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(certs: TestCerts, upstreamHost: string, upstreamPort: number): Promise<TlsProxy> {
    const holder: { proxy?: TlsProxy } = {};
    const server = createServer({ key: certs.key, cert: certs.cert }, (client) => {
      (holder.proxy as TlsProxy).#sockets.add(client);
      const up = connect({ host: upstreamHost, port: upstreamPort });
      client.pipe(up).pipe(client);
      const end = (): void => {
        client.destroy();
        up.destroy();
      };
      client.on('error', end).on('close', end);
      up.on('error', end).on('close', end);
    });
    server.on('tlsClientError', () => undefined);
    const proxy = new TlsProxy(server);
    holder.proxy = proxy;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    const a = this.#server.address();
    if (a === null || typeof a === 'string') throw new Error('not listening');
    return a.port;
  }

  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
