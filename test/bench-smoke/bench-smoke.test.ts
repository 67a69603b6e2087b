/**
 * The benchmark's smoke mode against the in-process emulator: every implementation runs
 * every workload it supports for a fraction of a second, and the report has a positive
 * throughput for each. No speed is asserted. Needs the build (`npm run build`) and the
 * bench's own dependencies (`npm --prefix bench ci`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '@aerospike-ts/emulator';

const root = join(__dirname, '..', '..');
const bench = join(root, 'bench');

interface SummaryRow {
  impl: string;
  workload: string;
  inFlight: number;
  rounds: number;
  opsPerSec: number | null;
  ratio: number | null;
}

interface BenchReport {
  meta: { skipped: { [impl: string]: string }; nodes: number; clientCpus: string | null; serverCpus: string | null };
  summary: SummaryRow[];
  runs: Array<{ ok: boolean; impl: string; workload: string; error?: string }>;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('bench/run.mjs --smoke', () => {
  let dir = '';
  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  test('reports every implementation and workload with a positive throughput', async () => {
    if (!existsSync(join(bench, 'node_modules', 'hdr-histogram-js'))) {
      throw new Error('bench/node_modules is missing: run `npm --prefix bench ci` at the repository root first');
    }
    const emulator = await startEmulator();
    dir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
    let result: { code: number | null; output: string };
    try {
      result = await run([join(bench, 'run.mjs'), '--smoke', '--out', dir, '--server-label', 'emulator', '--server-cpus', '1'], { ...process.env, AEROSPIKE_HOSTS: emulator.hosts });
    } finally {
      await emulator.stop();
    }
    if (result.code !== 0) throw new Error(`bench/run.mjs --smoke exited with ${String(result.code)}:\n${result.output}`);

    const files = readdirSync(dir);
    const jsonFile = files.find((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f));
    expect(jsonFile).toBeDefined();
    expect(files).toContain(jsonFile?.replace(/\.json$/, '.md'));
    expect(files).toContain('performance-chart.svg');

    const report = JSON.parse(readFileSync(join(dir, jsonFile ?? ''), 'utf8')) as BenchReport;
    expect(report.runs.filter((r) => !r.ok)).toEqual([]);
    const expected: Array<[string, string[]]> = [
      ['raw', ['get', 'put', 'mix', 'batch', 'scan']],
      ['classic', ['get', 'put', 'mix', 'batch', 'scan']],
      ['fluent', ['get', 'put', 'mix', 'batch', 'scan']],
      ['fluent-builder', ['get', 'put', 'mix']],
      ['official', ['get', 'put', 'mix', 'batch', 'scan']]
    ];
    for (const [impl, workloads] of expected) {
      if (report.meta.skipped[impl] !== undefined) continue; // the official client cannot load here
      for (const workload of workloads) {
        const rows = report.summary.filter((r) => r.impl === impl && r.workload === workload);
        expect({ impl, workload, rows: rows.length > 0 }).toEqual({ impl, workload, rows: true });
        for (const r of rows) {
          expect({ impl, workload, inFlight: r.inFlight, positive: (r.opsPerSec ?? 0) > 0 }).toEqual({ impl, workload, inFlight: r.inFlight, positive: true });
          if (impl !== 'raw') expect(r.ratio).toBeGreaterThan(0);
        }
      }
    }
    const md = readFileSync(join(dir, jsonFile?.replace(/\.json$/, '.md') ?? ''), 'utf8');
    expect(md).toContain('## Throughput relative to the raw ceiling');
    // where client and server ran: the server's CPUs as stated, the client's as Linux allows them
    expect(report.meta.serverCpus).toBe('1');
    expect(md).toContain('the server to CPU 1');
    if (report.meta.clientCpus === null) expect(md).toContain('the client on every CPU');
    else expect(md).toContain(`the client pinned to CPU ${report.meta.clientCpus}`);
    expect(readFileSync(join(dir, 'performance-chart.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
  }, 240_000);
});
