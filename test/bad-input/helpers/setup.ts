import * as aerospike from '@aerospike-ts/classic';
import { AerospikeClient } from '@aerospike-ts/core';
import { Client } from '@aerospike-ts/fluent';
import { Wire } from './wire';

/** A wire (emulator behind a counting proxy) and a client connected through it. */
export interface Env<C> {
  readonly wire: Wire;
  readonly client: C;
}

/** Starts a wire and a client before the file's tests and stops both after them. */
export function useWire<C>(open: (wire: Wire) => Promise<C>, close: (client: C) => Promise<void>): Env<C> {
  const env: { wire?: Wire; client?: C } = {};
  beforeAll(async () => {
    env.wire = await Wire.start();
    env.client = await open(env.wire);
  });
  afterAll(async () => {
    if (env.client !== undefined) await close(env.client);
    await env.wire?.stop();
  });
  return {
    get wire(): Wire {
      if (env.wire === undefined) throw new Error('the wire is not started');
      return env.wire;
    },
    get client(): C {
      if (env.client === undefined) throw new Error('the client is not connected');
      return env.client;
    }
  };
}

/** A classic (aerospike_py-shaped) client. */
export function useClassic(): Env<aerospike.AsyncClient> {
  return useWire(
    (w) => aerospike.client({ hosts: [['127.0.0.1', w.port]] }).connect(),
    (c) => c.close()
  );
}

/** A fluent client. */
export function useFluent(): Env<Client> {
  return useWire(
    (w) => new Client(w.hosts).connect(),
    (c) => c.close()
  );
}

/** A core client. */
export function useCore(): Env<AerospikeClient> {
  return useWire(
    (w) => new AerospikeClient({ hosts: w.hosts }).connect(),
    (c) => c.close()
  );
}

/** Casts a deliberately wrong argument past the type checker. */
export function bad<T>(v: unknown): T {
  return v as T;
}

/** A list that contains itself. */
export function circularList(): unknown[] {
  const l: unknown[] = [1];
  l.push(l);
  return l;
}

/** A plain object that contains itself. */
export function circularMap(): { [k: string]: unknown } {
  const m: { [k: string]: unknown } = { a: 1 };
  m['self'] = m;
  return m;
}

/** A class instance that is not a value Aerospike stores. */
export class Point {
  constructor(
    readonly x: number,
    readonly y: number
  ) {}
}
