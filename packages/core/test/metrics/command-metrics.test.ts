import { BATCH_OPERATION, CommandMetrics, LATENCY_BUCKETS_SECONDS, QUERY_OPERATION, SCAN_OPERATION } from '../../src/metrics/command-metrics';
import { CommandKind } from '../../src/command/single-command';

function line(text: string, prefix: string): string | undefined {
  return text.split('\n').find((l) => l.startsWith(prefix));
}

describe('CommandMetrics', () => {
  it('keeps cumulative buckets, sum and count per namespace, operation and outcome', () => {
    const m = new CommandMetrics();
    m.record('test', CommandKind.READ, 0.0002, false); // <= 0.00025
    m.record('test', CommandKind.READ, 0.003, false); // <= 0.005
    m.record('test', CommandKind.READ, 30, false); // beyond the last bound
    m.record('test', CommandKind.WRITE, 0.001, true);
    m.record('bar', BATCH_OPERATION, 0.02, false);
    m.record('bar', QUERY_OPERATION, 0.5, true);
    m.record('bar', SCAN_OPERATION, 1.5, false);
    const text = m.toPrometheus();
    const get = 'db_system_name="aerospike",db_namespace="test",db_operation_name="get",error_type=""';
    expect(line(text, `db_client_operation_duration_seconds_bucket{${get},le="0.0001"}`)).toMatch(/ 0$/);
    expect(line(text, `db_client_operation_duration_seconds_bucket{${get},le="0.00025"}`)).toMatch(/ 1$/);
    expect(line(text, `db_client_operation_duration_seconds_bucket{${get},le="0.005"}`)).toMatch(/ 2$/);
    expect(line(text, `db_client_operation_duration_seconds_bucket{${get},le="10"}`)).toMatch(/ 2$/);
    expect(line(text, `db_client_operation_duration_seconds_bucket{${get},le="+Inf"}`)).toMatch(/ 3$/);
    expect(line(text, `db_client_operation_duration_seconds_count{${get}}`)).toMatch(/ 3$/);
    expect(Number(line(text, `db_client_operation_duration_seconds_sum{${get}}`)?.split(' ')[1])).toBeCloseTo(30.0032, 6);
    expect(line(text, 'db_client_operation_duration_seconds_count{db_system_name="aerospike",db_namespace="test",db_operation_name="put",error_type="error"}')).toMatch(/ 1$/);
    expect(line(text, 'db_client_operation_duration_seconds_count{db_system_name="aerospike",db_namespace="bar",db_operation_name="batch",error_type=""}')).toMatch(/ 1$/);
    expect(line(text, 'db_client_operation_duration_seconds_count{db_system_name="aerospike",db_namespace="bar",db_operation_name="query",error_type="error"}')).toMatch(/ 1$/);
    expect(line(text, 'db_client_operation_duration_seconds_count{db_system_name="aerospike",db_namespace="bar",db_operation_name="scan",error_type=""}')).toMatch(/ 1$/);
    expect(text.split('\n').filter((l) => l.includes('_bucket{') && l.includes('"get"')).length).toBe(LATENCY_BUCKETS_SECONDS.length + 1);
    expect(text).toMatch(/^# HELP db_client_operation_duration_seconds .*\n# TYPE db_client_operation_duration_seconds histogram\n/);
  });

  it('escapes label values and forgets everything on reset', () => {
    const m = new CommandMetrics();
    m.record('we"ird\\ns', CommandKind.DELETE, 0.01, false);
    expect(m.toPrometheus()).toContain('db_namespace="we\\"ird\\\\ns",db_operation_name="delete"');
    m.reset();
    expect(m.toPrometheus()).not.toContain('_count{');
  });
});
