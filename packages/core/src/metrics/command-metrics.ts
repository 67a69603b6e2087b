/** Upper bounds (seconds) of the latency histogram buckets; a last bucket holds the rest. */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = Object.freeze([0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);

/** Operation names by `CommandKind` (the order of its values), then whole batch calls. */
const OPERATION_NAMES: readonly string[] = ['get', 'exists', 'put', 'delete', 'touch', 'operate', 'apply', 'batch', 'query', 'scan'];

/** The operation index under which a whole batch call is recorded (`db_operation_name="batch"`). */
export const BATCH_OPERATION = 7;
/** A secondary-index query, from its start until the servers have sent every record. */
export const QUERY_OPERATION = 8;
/** A scan (a query without index filter), timed the same way. */
export const SCAN_OPERATION = 9;

/** One histogram: bucket counts (non-cumulative), sum and count. */
class Series {
  readonly counts = new Float64Array(LATENCY_BUCKETS_SECONDS.length + 1);
  sum = 0;
  count = 0;
}

function escapeLabel(v: string): string {
  return v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

/**
 * Latency histograms of single-record commands, whole batch calls and scans/queries, per
 * namespace, operation and outcome.
 * Recording allocates nothing once a (namespace, operation, outcome) series exists.
 */
export class CommandMetrics {
  /** namespace → series by `kind * 2 + (failed ? 1 : 0)`. */
  readonly #byNamespace = new Map<string, Array<Series | undefined>>();

  /** Records one finished command. */
  record(namespace: string, kind: number, seconds: number, failed: boolean): void {
    let row = this.#byNamespace.get(namespace);
    if (row === undefined) {
      row = new Array<Series | undefined>(OPERATION_NAMES.length * 2).fill(undefined);
      this.#byNamespace.set(namespace, row);
    }
    const i = kind * 2 + (failed ? 1 : 0);
    let s = row[i];
    if (s === undefined) {
      s = new Series();
      row[i] = s;
    }
    let b = 0;
    while (b < LATENCY_BUCKETS_SECONDS.length && seconds > (LATENCY_BUCKETS_SECONDS[b] as number)) b++;
    s.counts[b] = (s.counts[b] as number) + 1;
    s.sum += seconds;
    s.count++;
  }

  /** Forgets everything recorded. */
  reset(): void {
    this.#byNamespace.clear();
  }

  /**
   * The histograms in Prometheus text exposition format, as
   * `db_client_operation_duration_seconds` with labels `db_system_name`, `db_namespace`,
   * `db_operation_name` and `error_type` (empty, or `error` for failed commands).
   */
  toPrometheus(): string {
    const name = 'db_client_operation_duration_seconds';
    const lines = [`# HELP ${name} Duration of single-record database operations, retries included.`, `# TYPE ${name} histogram`];
    for (const [ns, row] of this.#byNamespace) {
      row.forEach((s, i) => {
        if (s === undefined) return;
        const labels = `db_system_name="aerospike",db_namespace="${escapeLabel(ns)}",db_operation_name="${OPERATION_NAMES[i >> 1] ?? 'unknown'}",error_type="${(i & 1) === 1 ? 'error' : ''}"`;
        let cumulative = 0;
        LATENCY_BUCKETS_SECONDS.forEach((le, b) => {
          cumulative += s.counts[b] as number;
          lines.push(`${name}_bucket{${labels},le="${le}"} ${cumulative}`);
        });
        lines.push(`${name}_bucket{${labels},le="+Inf"} ${s.count}`);
        lines.push(`${name}_sum{${labels}} ${s.sum}`);
        lines.push(`${name}_count{${labels}} ${s.count}`);
      });
    }
    return `${lines.join('\n')}\n`;
  }
}
