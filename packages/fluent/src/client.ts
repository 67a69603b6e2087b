import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AerospikeClient, InvalidArgumentError, type ClientConfig } from '@aerospike-ts/core';
import { Behavior } from './behavior.js';
import { Session } from './session.js';
import { describeArg } from './arg-checks.js';

/** A connection count setting, checked when set. */
function connectionCount(name: string, count: unknown, min: number): number {
  if (typeof count !== 'number' || !Number.isInteger(count) || count < min || count > 100_000) {
    throw new InvalidArgumentError(`${name} needs an integer from ${min} to 100000, got ${typeof count === 'number' ? String(count) : describeArg(count)}`);
  }
  return count;
}

/** Cluster connection settings built step by step. */
export class ClusterDefinition {
  readonly #config: { -readonly [K in keyof ClientConfig]: ClientConfig[K] };
  constructor(hosts: string) {
    this.#config = { hosts };
  }
  /** Seeds as `"h1:3000,h2:3000"`. */
  static of(hosts: string): ClusterDefinition {
    return new ClusterDefinition(hosts);
  }
  withCredentials(user: string, password: string): this {
    this.#config.user = user;
    this.#config.password = password;
    return this;
  }
  withClusterName(name: string): this {
    this.#config.clusterName = name;
    return this;
  }
  withTls(tls: NonNullable<ClientConfig['tls']>): this {
    this.#config.tls = tls;
    return this;
  }
  /**
   * Most connections the client opens to each node (default 100). A command that finds
   * every connection of its node busy waits for one, so set it to at least the number of
   * commands kept in flight at once.
   * @throws InvalidArgumentError unless an integer from 1 to 100,000.
   */
  maxConnectionsPerNode(count: number): this {
    this.#config.maxConnsPerNode = connectionCount('maxConnectionsPerNode()', count, 1);
    return this;
  }
  /**
   * Connections kept open to each node even when idle (default 0).
   * @throws InvalidArgumentError unless an integer from 0 to 100,000.
   */
  minConnectionsPerNode(count: number): this {
    this.#config.minConnsPerNode = connectionCount('minConnectionsPerNode()', count, 0);
    return this;
  }
  /** The core client config (internal). */
  toConfig(): ClientConfig {
    return { ...this.#config, maps: 'object' };
  }
  /** Connects. */
  async connect(): Promise<Client> {
    const c = new Client(this);
    await c.connect();
    return c;
  }
}

/** Settings of {@link Client} besides the seeds (the same as {@link ClusterDefinition}'s methods of these names). */
export interface ClientOptions {
  /** Most connections to each node (default 100): at least the number of commands kept in flight. */
  readonly maxConnectionsPerNode?: number;
  /** Connections kept open to each node even when idle (default 0). */
  readonly minConnectionsPerNode?: number;
}

/** The fluent client: connect, then create sessions bound to behaviors. */
export class Client {
  readonly #core: AerospikeClient;

  /**
   * @param options settings applied over those of `hosts` (see {@link ClientOptions})
   * @throws InvalidArgumentError when `hosts` is neither a seed list nor a {@link ClusterDefinition}, or a setting is invalid.
   */
  constructor(hosts: string | ClusterDefinition, options?: ClientOptions) {
    if (typeof hosts !== 'string' && !(hosts instanceof ClusterDefinition)) {
      throw new InvalidArgumentError(`Client needs a seed list "host:port,…" or a ClusterDefinition, got ${describeArg(hosts)}`);
    }
    const def = typeof hosts === 'string' ? ClusterDefinition.of(hosts) : hosts;
    const config = { ...def.toConfig() };
    if (options !== undefined) {
      if (typeof options !== 'object' || options === null) throw new InvalidArgumentError(`Client options must be an object, got ${describeArg(options)}`);
      if (options.maxConnectionsPerNode !== undefined) config.maxConnsPerNode = connectionCount('maxConnectionsPerNode', options.maxConnectionsPerNode, 1);
      if (options.minConnectionsPerNode !== undefined) config.minConnsPerNode = connectionCount('minConnectionsPerNode', options.minConnectionsPerNode, 0);
    }
    this.#core = new AerospikeClient(config);
  }

  async connect(): Promise<this> {
    await this.#core.connect();
    return this;
  }

  async close(): Promise<void> {
    await this.#core.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /**
   * A session applying `behavior` to every command.
   * @throws InvalidArgumentError when `behavior` is not a {@link Behavior}.
   */
  createSession(behavior: Behavior = Behavior.DEFAULT): Session {
    if (!(behavior instanceof Behavior)) throw new InvalidArgumentError(`createSession() needs a Behavior (Behavior.DEFAULT or one derived from it), got ${describeArg(behavior)}`);
    return new Session(this.#core, behavior);
  }

  /** Registers a Lua UDF module. */
  async registerUdf(name: string, content: string | Uint8Array): Promise<void> {
    await this.#core.registerUdf(name, content);
  }

  /** Registers a Lua UDF module read from a local file (as `serverName`, default the file's name); waits until every node has it. */
  async registerUdfFromFile(path: string, serverName?: string): Promise<void> {
    if (typeof path !== 'string' || path === '') throw new InvalidArgumentError('registerUdfFromFile() needs the path of a .lua file');
    await this.#core.registerUdf(serverName ?? basename(path), await readFile(path));
  }

  /** Removes a UDF module. */
  async removeUdf(name: string): Promise<void> {
    await this.#core.removeUdf(name);
  }
}
