import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AerospikeClient, Key } from '@aerospike-ts/core';
import { startEmulator, type Emulator } from '@aerospike-ts/emulator';
import { bundle, poolTotals, SocketTracker } from './fault-harness';
import type { WorkerInput, WorkerReport } from './concurrency-worker-script';

// The client in worker threads, and many clients in one process, against one emulator.

const NS = 'test';
// Generous: the suite may share two CPUs with other test runs (nothing here measures time).
jest.setTimeout(30_000);

describe('clients in worker threads (emulator in the main thread)', () => {
  let emulator: Emulator;
  let script: { file: string; remove: () => void };
  beforeAll(async () => {
    // Workers run plain JavaScript: the worker script and core's sources are bundled into one file.
    script = bundle(join(__dirname, 'concurrency-worker-script.ts'));
    emulator = await startEmulator({ nodes: 3 });
  });
  afterAll(async () => {
    script?.remove();
    await emulator?.stop();
  });

  /** Runs one worker to its natural exit (no terminate()): resolves with its report and exit code. */
  function runWorker(input: WorkerInput): Promise<{ report: WorkerReport | undefined; code: number }> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(script.file, { workerData: input });
      let report: WorkerReport | undefined;
      worker.on('message', (m: WorkerReport) => (report = m));
      worker.on('error', reject);
      worker.on('exit', (code) => resolve({ report, code }));
    });
  }

  it('4 workers, each with its own client: put/get/batch work, errors are typed, and each worker exits by itself', async () => {
    const results = await Promise.all(Array.from({ length: 4 }, (_, id) => runWorker({ hosts: emulator.hosts, id, count: 200 })));
    for (const { report, code } of results) {
      if (report?.ok === false) throw new Error(`a worker failed: ${report.error}`);
      expect(code).toBe(0);
      expect(report).toMatchObject({ ok: true, written: 200, read: 200, batch: 200, notFoundTyped: true });
    }
    // The main thread sees what the workers wrote.
    const main = new AerospikeClient({ hosts: emulator.hosts });
    await main.connect();
    try {
      const recs = await main.batchGet(Array.from({ length: 4 }, (_, w) => new Key(NS, 'workers', `${w}:199`)));
      expect(recs.map((r) => r.record?.bins['w'])).toEqual([0, 1, 2, 3]);
    } finally {
      await main.close();
    }
  });
});

describe('many clients in one process', () => {
  it('20 clients in parallel against one emulator: all succeed, all close cleanly, no socket left', async () => {
    const sockets = new SocketTracker();
    const emulator = await startEmulator({ nodes: 3 });
    try {
      const clients = await Promise.all(
        Array.from({ length: 20 }, async () => {
          // Generous timeouts: 20 clients and the emulator share this thread (and the CPUs with other runs).
          const slow = { totalTimeout: 10_000 };
          const c = new AerospikeClient({ hosts: emulator.hosts, tendInterval: 50, policies: { read: slow, write: slow, batch: slow, query: slow } });
          return c.connect();
        })
      );
      await Promise.all(
        clients.map(async (c, id) => {
          const keys = Array.from({ length: 50 }, (_, i) => new Key(NS, 'many', `${id}:${i}`));
          // Ten commands in flight per client (200 in all; the emulator shares this thread).
          for (let i = 0; i < keys.length; i += 10) {
            const chunk = keys.slice(i, i + 10);
            await Promise.all(chunk.map((k, j) => c.put(k, { id, i: i + j })));
            const got = await Promise.all(chunk.map((k) => c.get(k)));
            expect(got.map((r) => r.bins['id'])).toEqual(chunk.map(() => id));
          }
          expect((await c.batchGet(keys)).every((r) => r.resultCode === 0)).toBe(true);
        })
      );
      // Every client sees every record written by all of them.
      expect((await (clients[0] as AerospikeClient).scan(NS, 'many').toArray()).length).toBe(20 * 50);
      for (const c of clients) expect(poolTotals(c.stats())).toMatchObject({ inUse: 0, waiting: 0 });
      await Promise.all(clients.map((c) => c.close()));
      await sockets.closed();
      expect(sockets.open).toBe(0);
    } finally {
      sockets.stop();
      await emulator.stop();
    }
  }, 30_000);
});
