import { createHook } from 'node:async_hooks';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { AerospikeClient, AerospikeError, type ClientConfig, type CommandMessage, type NodeStats } from '@aerospike-ts/core';

/** A connected core client; tending every 50 ms unless `extra` says otherwise. */
export async function connectClient(hosts: string, extra: Partial<ClientConfig> = {}): Promise<AerospikeClient> {
  const client = new AerospikeClient({ hosts, tendInterval: 50, ...extra });
  await client.connect();
  return client;
}

/** Outcome of one command, for the invariant checks. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AerospikeError };

/** Runs `fn`, turning a rejection into an outcome; anything thrown that is not an AerospikeError fails the test. */
export async function outcome<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    if (!(err instanceof AerospikeError)) throw new Error(`an untyped error escaped the client: ${String(err)}`, { cause: err });
    return { ok: false, error: err };
  }
}

/** Counts errors by class name (`TimeoutError`, `ConnectionError`, `ServerError:KEY_BUSY_ERROR`, …). */
export class ErrorTally {
  readonly byClass = new Map<string, number>();
  total = 0;
  inDoubt = 0;

  add(err: AerospikeError): void {
    const name = err.constructor.name === 'ServerError' || err.resultCode > 0 ? `${err.constructor.name}:${err.resultCodeName}` : err.constructor.name;
    this.byClass.set(name, (this.byClass.get(name) ?? 0) + 1);
    this.total++;
    if (err.inDoubt) this.inDoubt++;
  }

  toString(): string {
    return this.total === 0 ? 'none' : [...this.byClass].map(([k, v]) => `${k}=${v}`).join(', ') + ` (inDoubt ${this.inDoubt})`;
  }
}

/** Collects the `aerospike-ts:command` diagnostics messages while active. */
export class CommandLog {
  readonly messages: CommandMessage[] = [];
  readonly #onMessage = (m: unknown): void => {
    this.messages.push(m as CommandMessage);
  };

  constructor() {
    subscribe('aerospike-ts:command', this.#onMessage);
  }

  stop(): void {
    unsubscribe('aerospike-ts:command', this.#onMessage);
  }
}

/** Sum of the pool counters over every node. */
export function poolTotals(stats: readonly NodeStats[]): { inUse: number; idle: number; opening: number; waiting: number; opened: number; closed: number } {
  const t = { inUse: 0, idle: 0, opening: 0, waiting: 0, opened: 0, closed: 0 };
  for (const n of stats) {
    t.inUse += n.pool.inUse;
    t.idle += n.pool.idle;
    t.opening += n.pool.opening;
    t.waiting += n.pool.waiting;
    t.opened += n.pool.opened;
    t.closed += n.pool.closed;
  }
  return t;
}

/**
 * Tracks the TCP client sockets this thread opens (connections accepted by a server that
 * started listening after the tracker was created are left out: their trigger is the
 * listening socket). `closed()` resolves once
 * every tracked socket handle has been destroyed — event driven, no polling.
 */
export class SocketTracker {
  readonly #open = new Set<number>();
  readonly #servers = new Set<number>();
  #waiters: Array<() => void> = [];
  readonly #hook = createHook({
    init: (id, type, trigger) => {
      if (type === 'TCPSERVERWRAP') this.#servers.add(id);
      else if (type === 'TCPWRAP' && !this.#servers.has(trigger)) this.#open.add(id);
    },
    destroy: (id) => {
      this.#servers.delete(id);
      if (this.#open.delete(id) && this.#open.size === 0) {
        const ws = this.#waiters;
        this.#waiters = [];
        for (const w of ws) w();
      }
    }
  });

  constructor() {
    this.#hook.enable();
  }

  /** Client sockets created since tracking began and not yet destroyed. */
  get open(): number {
    return this.#open.size;
  }

  /** Resolves when no tracked socket is left. */
  closed(): Promise<void> {
    if (this.#open.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  stop(): void {
    this.#hook.disable();
  }
}

/**
 * Bundles a TypeScript entry file (with core and the emulator taken from their sources)
 * into one CommonJS file that plain Node — a worker thread, a child process — can run.
 * @returns the bundle's path and a function that deletes it
 */
export function bundle(entry: string): { file: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'aerospike-ts-reliability-'));
  const file = join(dir, 'bundle.cjs');
  const packages = join(__dirname, '..', '..', 'packages');
  buildSync({
    entryPoints: [entry],
    alias: {
      '@aerospike-ts/core': join(packages, 'core', 'src', 'index.ts'),
      '@aerospike-ts/emulator': join(packages, 'emulator', 'src', 'index.ts')
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: file,
    logLevel: 'error'
  });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
