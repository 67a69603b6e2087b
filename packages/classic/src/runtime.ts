import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AerospikeClient } from '@aerospike-ts/core';
import { checkInt, invalidArg } from './args.js';

// aerospike_py's module-level functions: logging level, metrics over every client of the
// process, and the Prometheus scrape endpoint.

/** What the module needs from a client. */
export interface MetricsSource {
  get_metrics(): string;
  set_metrics_enabled(enabled: boolean): void;
}

const clients = new Set<MetricsSource>();
let metricsDefault = true;
let level = -1;
let metricsServer: Server | null = null;

/** Called by a client on connect / close. */
export function trackClient(c: MetricsSource, connected: boolean): void {
  if (connected) clients.add(c);
  else clients.delete(c);
}

/** Whether new clients record metrics (set by the module-level `set_metrics_enabled`). */
export function metricsEnabledByDefault(): boolean {
  return metricsDefault;
}

/**
 * Sets the logging level (LOG_LEVEL_OFF, _ERROR, _WARN, _INFO, _DEBUG, _TRACE). Log lines
 * go to stderr: cluster changes at INFO, tend and command failures at WARN, connections
 * and partition maps at DEBUG, every tend pass at TRACE.
 */
export function set_log_level(log_level: number): void {
  checkInt(log_level, 'set_log_level: level');
  level = Math.max(-1, Math.min(4, Number(log_level)));
}

/** Log lines dropped: always 0 (lines are written synchronously, never queued). */
export function dropped_log_count(): number {
  return 0;
}

const NAMES = ['ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE'] as const;

function log(at: number, message: string): void {
  if (at > level) return;
  process.stderr.write(`${new Date().toISOString()} ${NAMES[at] ?? 'INFO'} aerospike: ${message}\n`);
}

/** Sends a core client's events to the log (each handler checks the level when it runs). */
export function attachLogging(core: AerospikeClient): void {
  core.on('nodeAdded', (e) => log(2, `node ${e.name} (${e.address}) joined`));
  core.on('nodeRemoved', (e) => log(2, `node ${e.name} (${e.address}) removed: ${e.reason}`));
  core.on('tendError', (e) => log(1, `tend of node ${e.node} failed: ${e.error.message}`));
  core.on('commandFailed', (e) => log(1, `${e.isWrite ? 'write' : 'read'} on ${e.namespace} failed after ${e.attempts} attempt(s)${e.node === undefined ? '' : ` (node ${e.node})`}: ${e.error.message}`));
  core.on('connectionOpened', (e) => log(3, `connection to ${e.address} opened`));
  core.on('connectionClosed', (e) => log(3, `connection to ${e.address} closed`));
  core.on('partitionMapUpdated', (e) => log(3, `partition map of ${e.namespaces.join(', ')} updated from node ${e.node}`));
  core.on('tendComplete', (e) => log(4, `tend pass ${e.count} done, ${e.nodes} node(s)`));
}

/** Turns metrics recording on or off for every client, now and later (on by default). */
export function set_metrics_enabled(enabled: boolean): void {
  if (typeof enabled !== 'boolean') throw invalidArg(`set_metrics_enabled takes a boolean, got ${typeof enabled}`);
  metricsDefault = enabled;
  for (const c of clients) c.set_metrics_enabled(enabled);
}

/** Whether clients record metrics by default. */
export function is_metrics_enabled(): boolean {
  return metricsDefault;
}

/**
 * The metrics of every connected client in Prometheus text format. With more than one
 * client, each series gets a `client="N"` label and each metric family is written once.
 */
export function get_metrics(): string {
  const texts = [...clients].map((c) => c.get_metrics()).filter((t) => t !== '');
  if (texts.length <= 1) return texts[0] ?? '';
  return mergePrometheus(texts);
}

/** Merges several Prometheus texts into one, labelling each source's series. */
export function mergePrometheus(texts: readonly string[]): string {
  const families = new Map<string, { from: number; head: string[]; samples: string[] }>();
  texts.forEach((text, i) => {
    let current: { from: number; head: string[]; samples: string[] } | undefined;
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const m = /^# (?:HELP|TYPE) (\S+)/.exec(line);
      if (m !== null) {
        const name = m[1] as string;
        current = families.get(name);
        if (current === undefined) {
          current = { from: i, head: [], samples: [] };
          families.set(name, current);
        }
        if (current.from === i) current.head.push(line);
        continue;
      }
      if (line.startsWith('#') || current === undefined) continue;
      current.samples.push(line.includes('{') ? line.replace('{', `{client="${i}",`) : line.replace(/^(\S+) /, `$1{client="${i}"} `));
    }
  });
  const out: string[] = [];
  for (const f of families.values()) out.push(...f.head, ...f.samples);
  return `${out.join('\n')}\n`;
}

/**
 * Serves `get_metrics()` at `http://host:port/metrics` for Prometheus to scrape; resolves
 * with the port (pass 0 for any free one). The server does not keep the process alive.
 */
export async function start_metrics_server(port = 9464, host = '0.0.0.0'): Promise<number> {
  checkInt(port, 'start_metrics_server: port');
  if (metricsServer !== null) await stop_metrics_server();
  const server = createServer((req, res) => {
    if (req.url !== '/metrics' && req.url !== '/') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(get_metrics());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(port), host, () => resolve());
  });
  server.unref();
  metricsServer = server;
  return (server.address() as AddressInfo).port;
}

/** Stops the metrics endpoint. */
export async function stop_metrics_server(): Promise<void> {
  const server = metricsServer;
  metricsServer = null;
  if (server === null) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
