import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidArgumentError, TimeoutError } from '../errors/client-errors.js';
import { serverError } from '../errors/server-errors.js';
import { parseInfoError } from '../info/info-protocol.js';
import { checkName, checkNamespace, checkSetName, describeType } from '../util/validate.js';
import type { Cluster } from './cluster.js';
import type { Node } from './node.js';

/** A registered UDF module as `udf-list` reports it. */
export interface UdfModule {
  readonly name: string;
  readonly hash: string;
  readonly type: string;
}

/** Index value types. */
export const IndexType = Object.freeze({ NUMERIC: 'NUMERIC', STRING: 'STRING', BLOB: 'BLOB', GEO2DSPHERE: 'GEO2DSPHERE' } as const);
/** An index value type. */
export type IndexType = (typeof IndexType)[keyof typeof IndexType];

/** What an index covers inside a collection bin. */
export const IndexCollectionType = Object.freeze({ DEFAULT: 'DEFAULT', LIST: 'LIST', MAPKEYS: 'MAPKEYS', MAPVALUES: 'MAPVALUES' } as const);
/** An index collection type. */
export type IndexCollectionType = (typeof IndexCollectionType)[keyof typeof IndexCollectionType];

/** A secondary index to create. */
export interface IndexSpec {
  readonly namespace: string;
  readonly set?: string | null;
  readonly name: string;
  readonly bin: string;
  readonly type: IndexType;
  readonly collection?: IndexCollectionType;
  /** Packed CDT context (msgpack array of [id, value, …]) for an index on a nested element. */
  readonly context?: Uint8Array;
}

const POLL_MS = 50;

function checkInfoValue(node: Node, cmd: string, value: string | undefined): string {
  const v = value ?? '';
  const e = parseInfoError(v);
  if (e !== undefined) throw serverError(e.code, { node: node.address, detail: `${cmd.split(':')[0] ?? cmd}: ${e.message}` });
  return v;
}

async function waitFor(what: string, timeoutMs: number, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done()) return;
    if (Date.now() >= deadline) throw new TimeoutError(`${what} did not complete within ${timeoutMs} ms`, 'total');
    await sleep(POLL_MS, undefined, { ref: false });
  }
}

/** Every module registered on one node. */
export async function listUdfs(node: Node, timeout: number): Promise<UdfModule[]> {
  const v = checkInfoValue(node, 'udf-list', (await node.info(['udf-list'], timeout)).get('udf-list'));
  const out: UdfModule[] = [];
  for (const entry of v.split(';')) {
    if (entry === '') continue;
    const fields = new Map(entry.split(',').map((kv) => kv.split('=') as [string, string]));
    const name = fields.get('filename');
    if (name !== undefined) out.push({ name, hash: fields.get('hash') ?? '', type: fields.get('type') ?? 'LUA' });
  }
  return out;
}

/**
 * Registers a Lua module and waits until every node lists it.
 * @throws InvalidArgumentError for a bad name; UdfError/ServerError when the server refuses (e.g. a Lua syntax error).
 */
export async function registerUdf(cluster: Cluster, name: string, content: Uint8Array | string, timeoutMs: number): Promise<void> {
  checkName('UDF module name', name, 127, false);
  if (/[;:\s]/.test(name)) throw new InvalidArgumentError(`UDF module name ${JSON.stringify(name)} must not contain ';', ':' or spaces`);
  const text = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const b64 = text.toString('base64');
  const cmd = `udf-put:filename=${name};content=${b64};content-len=${b64.length};udf-type=LUA;`;
  const node = cluster.anyNode();
  const reply = (await node.info([cmd], timeoutMs)).get(cmd) ?? '';
  if (reply.startsWith('error=') || parseInfoError(reply) !== undefined) {
    const fields = new Map(reply.split(';').map((kv) => kv.split('=') as [string, string]));
    const msg = fields.get('message');
    const detail = msg !== undefined ? Buffer.from(msg, 'base64').toString('utf8') : reply;
    throw serverError(100, { node: node.address, detail: `udf-put ${name}: ${fields.get('error') ?? ''} ${detail}`.trim() });
  }
  await waitFor(`registering UDF ${name}`, timeoutMs, async () => {
    for (const n of cluster.nodes) if (!(await listUdfs(n, timeoutMs)).some((m) => m.name === name)) return false;
    return true;
  });
}

/** Removes a module and waits until no node lists it. */
export async function removeUdf(cluster: Cluster, name: string, timeoutMs: number): Promise<void> {
  checkName('UDF module name', name, 127, false);
  const cmd = `udf-remove:filename=${name};`;
  const node = cluster.anyNode();
  const reply = (await node.info([cmd], timeoutMs)).get(cmd) ?? '';
  if (reply.startsWith('error=') || parseInfoError(reply) !== undefined) {
    throw serverError(100, { node: node.address, detail: `udf-remove ${name}: ${reply}` });
  }
  await waitFor(`removing UDF ${name}`, timeoutMs, async () => {
    for (const n of cluster.nodes) if ((await listUdfs(n, timeoutMs)).some((m) => m.name === name)) return false;
    return true;
  });
}

/**
 * Creates a secondary index and waits until every node has built it (load_pct=100).
 * @throws IndexAlreadyExistsError (200) and other index errors from the server.
 */
export async function createIndex(cluster: Cluster, spec: IndexSpec, timeoutMs: number): Promise<void> {
  checkNamespace(spec.namespace);
  if (spec.set != null) checkSetName(spec.set);
  checkName('index name', spec.name, 255, false);
  checkName('bin name', spec.bin, 15, false);
  if (!Object.values(IndexType).includes(spec.type)) throw new InvalidArgumentError(`index type must be one of ${Object.values(IndexType).join(', ')}, got ${describeType(spec.type)} ${String(spec.type)}`);
  if (spec.collection !== undefined && !Object.values(IndexCollectionType).includes(spec.collection)) {
    throw new InvalidArgumentError(`index collection type must be one of ${Object.values(IndexCollectionType).join(', ')}, got ${String(spec.collection)}`);
  }
  for (const part of [spec.name, spec.bin, spec.set ?? '']) {
    if (/[;:=]/.test(part)) throw new InvalidArgumentError(`index name, bin and set must not contain ';', ':' or '=': ${JSON.stringify(part)}`);
  }
  let cmd = `sindex-create:namespace=${spec.namespace}`;
  if (spec.set != null && spec.set !== '') cmd += `;set=${spec.set}`;
  cmd += `;indexname=${spec.name}`;
  if (spec.collection !== undefined && spec.collection !== 'DEFAULT') cmd += `;indextype=${spec.collection}`;
  if (spec.context !== undefined) cmd += `;context=${Buffer.from(spec.context).toString('base64')}`;
  cmd += `;bin=${spec.bin};type=${spec.type}`;
  const node = cluster.anyNode();
  checkInfoValue(node, cmd, (await node.info([cmd], timeoutMs)).get(cmd));
  await waitFor(`building index ${spec.name}`, timeoutMs, async () => {
    for (const n of cluster.nodes) {
      const q = `sindex/${spec.namespace}/${spec.name}`;
      const v = (await n.info([q], timeoutMs)).get(q) ?? '';
      if (!/(^|;)load_pct=100(;|$)/.test(v)) return false;
    }
    return true;
  });
}

/**
 * Drops a secondary index and waits until no node has it.
 * @throws IndexNotFoundError (201) when it does not exist.
 */
export async function dropIndex(cluster: Cluster, namespace: string, name: string, timeoutMs: number): Promise<void> {
  checkNamespace(namespace);
  checkName('index name', name, 255, false);
  const cmd = `sindex-delete:namespace=${namespace};indexname=${name}`;
  const node = cluster.anyNode();
  checkInfoValue(node, cmd, (await node.info([cmd], timeoutMs)).get(cmd));
  await waitFor(`dropping index ${name}`, timeoutMs, async () => {
    for (const n of cluster.nodes) {
      const q = `sindex/${namespace}/${name}`;
      const v = (await n.info([q], timeoutMs)).get(q) ?? '';
      if (parseInfoError(v) === undefined) return false;
    }
    return true;
  });
}

/** The indexes of a namespace (or all), as `sindex-list` reports them: one map of fields per index. */
export async function listIndexes(node: Node, namespace: string | undefined, timeout: number): Promise<Array<Record<string, string>>> {
  const cmd = namespace === undefined ? 'sindex-list' : `sindex-list:namespace=${namespace}`;
  const v = checkInfoValue(node, cmd, (await node.info([cmd], timeout)).get(cmd));
  return v
    .split(';')
    .filter((e) => e !== '')
    .map((e) => Object.fromEntries(e.split(':').map((kv) => kv.split('=') as [string, string])));
}
