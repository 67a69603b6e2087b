import { parentPort, workerData } from 'node:worker_threads';
import { AerospikeClient, Key, ServerError } from '@aerospike-ts/core';

/** What the test hands each worker. */
export interface WorkerInput {
  readonly hosts: string;
  readonly id: number;
  readonly count: number;
}

/** What a worker reports back. */
export type WorkerReport = { readonly ok: true; readonly id: number; readonly written: number; readonly read: number; readonly batch: number; readonly notFoundTyped: boolean } | { readonly ok: false; readonly error: string };

/**
 * Runs in a worker thread (bundled by the test with esbuild): connects its own client to
 * the emulator running in the main thread, writes and reads its own keys, closes, and
 * reports. The worker then exits by itself, which it only can when the client left no
 * socket or timer behind.
 */
async function main(): Promise<WorkerReport> {
  const { hosts, id, count } = workerData as WorkerInput;
  // Generous timeouts: the emulator serving every worker runs on the test's main thread.
  const slow = { totalTimeout: 10_000 };
  const client = new AerospikeClient({ hosts, policies: { read: slow, write: slow, batch: slow } });
  await client.connect();
  try {
    const keys = Array.from({ length: count }, (_, i) => new Key('test', 'workers', `${id}:${i}`));
    await Promise.all(keys.map((k, i) => client.put(k, { w: id, i })));
    let read = 0;
    for (const [i, k] of keys.entries()) {
      const rec = await client.get(k);
      if (rec.bins['w'] === id && rec.bins['i'] === i) read++;
    }
    const batch = (await client.batchGet(keys)).filter((r) => r.record?.bins['w'] === id).length;
    let notFoundTyped = false;
    try {
      await client.get(new Key('test', 'workers', `${id}:missing`));
    } catch (err) {
      notFoundTyped = err instanceof ServerError && err.resultCode === 2;
    }
    return { ok: true, id, written: keys.length, read, batch, notFoundTyped };
  } finally {
    await client.close();
  }
}

main().then(
  (report) => parentPort?.postMessage(report),
  (err: unknown) => parentPort?.postMessage({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies WorkerReport)
);
