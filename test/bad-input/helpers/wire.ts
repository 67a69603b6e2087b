import { AerospikeClient, Key, RecordNotFoundError } from '@aerospike-ts/core';
import { startEmulator, type Emulator } from '@aerospike-ts/emulator';
import { CountingProxy } from './counting-proxy';

/** An error class as `toThrow` takes it. */
type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * An in-process emulator behind a counting proxy. Clients under test connect to
 * `hosts`/`port`; `expectRejected` proves a call failed with the right error before
 * anything reached the wire.
 */
export class Wire {
  readonly emulator: Emulator;
  readonly proxy: CountingProxy;
  readonly #probe: AerospikeClient;
  readonly #probeKey = new Key('test', 'bad_input_probe', 'probe');

  private constructor(emulator: Emulator, proxy: CountingProxy, probe: AerospikeClient) {
    this.emulator = emulator;
    this.proxy = proxy;
    this.#probe = probe;
  }

  /** Starts an emulator, a proxy in front of it and a probe client. */
  static async start(): Promise<Wire> {
    const emulator = await startEmulator();
    const node = emulator.nodes[0];
    if (node === undefined) throw new Error('the emulator has no node');
    const proxy = await CountingProxy.start(node.port);
    const probe = await new AerospikeClient({ hosts: `127.0.0.1:${proxy.port}`, tendInterval: 1000 }).connect();
    return new Wire(emulator, proxy, probe);
  }

  /** Seed list of the proxy: `127.0.0.1:PORT`. */
  get hosts(): string {
    return `127.0.0.1:${this.proxy.port}`;
  }

  get port(): number {
    return this.proxy.port;
  }

  async stop(): Promise<void> {
    await this.#probe.close();
    await this.proxy.stop();
    await this.emulator.stop();
  }

  /**
   * Sends one known data command through the proxy and waits for its answer: every frame a
   * call sent before it has then been counted. Returns the count of data frames after it.
   */
  async #settle(): Promise<number> {
    const before = this.proxy.dataFrames;
    await expect(this.#probe.get(this.#probeKey)).rejects.toThrow(RecordNotFoundError);
    expect(this.proxy.dataFrames).toBe(before + 1);
    return this.proxy.dataFrames;
  }

  /**
   * Runs `call` (it may throw or return a rejected promise), checks the error's exact
   * class and its message (a string: equal; a RegExp: matching), and that no data frame
   * was sent.
   */
  async expectRejected(call: () => unknown, cls: ErrorClass, message: string | RegExp): Promise<Error> {
    const before = await this.#settle();
    let error: unknown = undefined;
    let threw = false;
    try {
      await call();
    } catch (e) {
      threw = true;
      error = e;
    }
    expect(threw).toBe(true);
    expect(error).toBeInstanceOf(cls);
    expect((error as Error).constructor).toBe(cls);
    if (typeof message === 'string') expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
    // only the second probe's own frame may have been counted since the first probe
    expect(await this.#settle()).toBe(before + 1);
    return error as Error;
  }
}
