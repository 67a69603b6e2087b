/** One finished scan or query job, as `query-show` lists it. */
export interface JobEntry {
  readonly trid: bigint;
  readonly namespace: string;
  readonly set: string;
  /** Records-per-second limit the client asked for (0 = none). */
  readonly rps: number;
  /** 'basic' (foreground scan/query) or 'background-ops'. */
  readonly type: string;
  readonly records: number;
}

/** Recent scan/query jobs (the newest 100). Jobs run to completion before their reply, so every job is done. */
export class JobLog {
  #entries: JobEntry[] = [];

  /** Records a finished job. */
  add(entry: JobEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > 100) this.#entries.shift();
  }

  /** `query-show` (all jobs) or `query-show:trid=<id>` (one job, or the server's not-found error). */
  show(trid: string | undefined): string {
    const line = (e: JobEntry): string =>
      `trid=${e.trid}:ns=${e.namespace}:set=${e.set === '' ? 'null' : e.set}:rps=${e.rps}:active-threads=0:status=done(ok):job-progress=100.00:job-type=${e.type}:recs-succeeded=${e.records}`;
    if (trid === undefined) return this.#entries.map(line).join(';');
    const found = this.#entries.find((e) => String(e.trid) === trid);
    return found === undefined ? 'ERROR:2:job not found' : line(found);
  }
}
