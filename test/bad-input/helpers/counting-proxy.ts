import { createServer, connect, type Server, type Socket } from 'node:net';

/** Proto message types (byte 1 of the 8-byte proto header). */
const INFO = 1;

/**
 * A TCP proxy in front of one server node that counts the request frames clients send
 * through it, except info requests (tending). Data commands are proto type 3 (message),
 * 4 (compressed message) and 2 (admin).
 */
export class CountingProxy {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #dataFrames = 0;
  #infoFrames = 0;

  private constructor(server: Server) {
    this.#server = server;
  }

  /** Starts a proxy on an ephemeral loopback port forwarding to `127.0.0.1:targetPort`. */
  static async start(targetPort: number): Promise<CountingProxy> {
    const holder: { proxy?: CountingProxy } = {};
    const server = createServer((client) => {
      if (holder.proxy === undefined) client.destroy();
      else holder.proxy.#pipe(client, targetPort);
    });
    const proxy = new CountingProxy(server);
    holder.proxy = proxy;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** The proxy's port. */
  get port(): number {
    const a = this.#server.address();
    if (a === null || typeof a === 'string') throw new Error('proxy is not listening');
    return a.port;
  }

  /** Request frames that were not info requests. */
  get dataFrames(): number {
    return this.#dataFrames;
  }

  /** Info request frames (tending and info calls). */
  get infoFrames(): number {
    return this.#infoFrames;
  }

  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #pipe(client: Socket, targetPort: number): void {
    const upstream = connect(targetPort, '127.0.0.1');
    this.#sockets.add(client);
    this.#sockets.add(upstream);
    let pending: Buffer = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      // count every complete frame: 8-byte header (version, type, 48-bit length) + body
      while (pending.length >= 8) {
        const type = pending[1] as number;
        const len = pending.readUIntBE(2, 6);
        if (pending.length < 8 + len) break;
        if (type === INFO) this.#infoFrames++;
        else this.#dataFrames++;
        pending = pending.subarray(8 + len);
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const close = (): void => {
      client.destroy();
      upstream.destroy();
      this.#sockets.delete(client);
      this.#sockets.delete(upstream);
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  }
}
