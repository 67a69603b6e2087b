import { setTimeout as sleep } from 'node:timers/promises';
import { TimeoutError } from '../errors/client-errors.js';
import type { Cluster } from './cluster.js';

/** Status of a background scan/query. */
export type QueryTaskStatus = 'running' | 'done';

/** A background scan/query running on the servers. */
export class QueryTask {
  readonly #cluster: Cluster;
  /** The task id the servers know it by. */
  readonly taskId: bigint;

  constructor(cluster: Cluster, taskId: bigint) {
    this.#cluster = cluster;
    this.taskId = taskId;
  }

  /** 'done' once every node reports the task finished (or no longer knows it). */
  async status(timeoutMs = 1000): Promise<QueryTaskStatus> {
    const cmd = `query-show:trid=${this.taskId}`;
    for (const n of this.#cluster.nodes) {
      const v = (await n.info([cmd], timeoutMs)).get(cmd) ?? '';
      // Finished tasks report status=done (or done(...)); an unknown id is an error reply.
      if (/^ERROR/i.test(v) || v === '') continue;
      const m = /(?:^|[:;])status=([^:;]+)/.exec(v);
      if (m === null || !/^done/i.test(m[1] ?? '')) return 'running';
    }
    return 'done';
  }

  /** Polls until the task is done. */
  async waitTillComplete(pollMs = 100, timeoutMs = 0): Promise<void> {
    const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : 0;
    for (;;) {
      if ((await this.status()) === 'done') return;
      if (deadline > 0 && Date.now() >= deadline) throw new TimeoutError(`background task ${this.taskId} still running after ${timeoutMs} ms`, 'total');
      await sleep(pollMs, undefined, { ref: false });
    }
  }
}
