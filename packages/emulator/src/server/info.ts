import type { NamespaceStore, SecondaryIndex } from '../model/store.js';
import type { JobLog } from './job-log.js';

/** What an info command can see of the cluster and the node that answers. */
export interface InfoContext {
  /** Name of the answering node. */
  readonly nodeName: string;
  /** Port of the answering node. */
  readonly port: number;
  readonly clusterName: string;
  readonly partitionGeneration: number;
  readonly peersGeneration: number;
  readonly rebalanceGeneration: number;
  /** The other live nodes: name and port. */
  readonly peers: ReadonlyArray<{ name: string; port: number }>;
  readonly namespaces: ReadonlyMap<string, NamespaceStore>;
  /** Replica count per namespace and, per replica index, the partitions this node holds. */
  replicas(): { count: number; owned: boolean[][] };
  /** Objects per namespace on the cluster. */
  readonly clusterSize: number;
  /** Current time in ns since the Unix epoch (truncate's default lut). */
  nowNs(): bigint;
  /** Recent scan/query jobs. */
  readonly jobs: JobLog;
}

/** Server build the emulator reports (the reference server's). */
export const BUILD = '8.1.2.0';
const EDITION = 'Aerospike Community Edition';
const FEATURES = 'batch-any;batch-index;blob-bits;cdt-index;cdt-list;cdt-map;cluster-stable;float;geo;sindex-exists;peers;pipelining;pquery;pscans;query-show;relaxed-sc;replicas;replicas-all;replicas-master;replicas-max;truncate-namespace;udf';

/** `key=value;key=value` (or `:`-separated) parameters of an info command. */
function params(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(/[;:]/)) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

/** A 4096-bit MSB-first bitmap as base64. */
function bitmap(owned: readonly boolean[]): string {
  const bytes = Buffer.alloc(512);
  owned.forEach((o, pid) => {
    if (o) bytes[pid >> 3] = (bytes[pid >> 3] as number) | (0x80 >> (pid & 7));
  });
  return bytes.toString('base64');
}

function peersText(ctx: InfoContext): string {
  return `${ctx.peersGeneration},${ctx.port},[${ctx.peers.map((p) => `[${p.name},,[127.0.0.1:${p.port}]]`).join(',')}]`;
}

function indexLine(ix: SecondaryIndex, b64: boolean): string {
  const ctx = ix.context === undefined ? 'null' : b64 ? ix.context : ix.context;
  void b64;
  return `ns=${ix.namespace}:indexname=${ix.name}:set=${ix.set === '' ? 'NULL' : ix.set}:bin=${ix.bin}:type=${ix.type}:indextype=${ix.collection}:context=${ctx}:exp=null:state=RW`;
}

const INDEX_TYPES: Readonly<Record<string, string>> = { NUMERIC: 'numeric', STRING: 'string', BLOB: 'blob', GEO2DSPHERE: 'geo2dsphere' };
const COLLECTIONS: Readonly<Record<string, string>> = { DEFAULT: 'default', LIST: 'list', MAPKEYS: 'mapkeys', MAPVALUES: 'mapvalues' };

/** The namespace named by `ns=` or `namespace=`. */
function nsParam(ctx: InfoContext, p: Map<string, string>): NamespaceStore | undefined {
  return ctx.namespaces.get(p.get('ns') ?? p.get('namespace') ?? '');
}

function sindexCreate(ctx: InfoContext, p: Map<string, string>): string {
  const ns = nsParam(ctx, p);
  if (ns === undefined) return 'ERROR:20:namespace not found';
  const name = p.get('indexname');
  const data = p.has('indexdata') ? (p.get('indexdata') ?? '').split(',') : [p.get('bin') ?? '', p.get('type') ?? ''];
  const type = INDEX_TYPES[(data[1] ?? '').toUpperCase()];
  const collection = COLLECTIONS[(p.get('indextype') ?? 'DEFAULT').toUpperCase()];
  if (name === undefined || name === '' || data[0] === undefined || data[0] === '' || type === undefined || collection === undefined) return 'ERROR:4:bad parameters';
  if (p.has('exp')) return 'ERROR:16:expression indexes are not emulated';
  const existing = ns.indexes.get(name);
  const set = p.get('set') ?? '';
  if (existing !== undefined) {
    return existing.bin === data[0] && existing.type === type && existing.set === set ? 'ok' : 'ERROR:200:index with the same name already exists';
  }
  ns.indexes.set(name, { namespace: ns.name, name, set, bin: data[0], type, collection, context: p.get('context') });
  return 'ok';
}

/** Answers one info command (name with optional `:params`), as the reference server words it. */
export function answerInfo(command: string, ctx: InfoContext): string {
  const colon = command.indexOf(':');
  let name = colon < 0 ? command : command.slice(0, colon);
  let rest = colon < 0 ? '' : command.slice(colon + 1);
  const slash = name.indexOf('/');
  if (slash > 0) {
    rest = name.slice(slash + 1);
    name = name.slice(0, slash);
  }
  switch (name) {
    case 'node':
      return ctx.nodeName;
    case 'build':
      return BUILD;
    case 'edition':
      return EDITION;
    case 'version':
      return `${EDITION} build ${BUILD}`;
    case 'features':
      return FEATURES;
    case 'cluster-name':
      return ctx.clusterName;
    case 'partition-generation':
      return String(ctx.partitionGeneration);
    case 'peers-generation':
      return String(ctx.peersGeneration);
    case 'rebalance-generation':
      return String(ctx.rebalanceGeneration);
    case 'cluster-stable':
      return ctx.partitionGeneration.toString(16).toUpperCase();
    case 'peers-clear-std':
    case 'peers-clear-alt':
    case 'peers-clear-all':
      return peersText(ctx);
    case 'peers-tls-std':
    case 'peers-tls-alt':
      return `${ctx.peersGeneration},,[]`;
    case 'service':
    case 'service-clear-std':
    case 'service-clear-alt':
    case 'services-alumni':
      return name.startsWith('service') ? `127.0.0.1:${ctx.port}` : '';
    case 'service-tls-std':
    case 'service-tls-alt':
      return '';
    case 'services':
    case 'services-alternate':
      return ctx.peers.map((p) => `127.0.0.1:${p.port}`).join(';');
    case 'namespaces':
      return [...ctx.namespaces.keys()].join(';');
    case 'namespace':
      return namespaceInfo(ctx, rest);
    case 'replicas':
    case 'replicas-all':
    case 'replicas-master': {
      const { count, owned } = ctx.replicas();
      const parts: string[] = [];
      for (const ns of ctx.namespaces.keys()) {
        const maps = name === 'replicas-master' ? [bitmap(owned[0] ?? [])] : owned.map(bitmap);
        parts.push(name === 'replicas' ? `${ns}:0,${count},${maps.join(',')}` : name === 'replicas-all' ? `${ns}:${count},${maps.join(',')}` : `${ns}:${maps.join(',')}`);
      }
      return parts.join(';');
    }
    case 'rack-ids':
      return [...ctx.namespaces.keys()].map((ns) => `${ns}:0`).join(';');
    case 'sindex-list': {
      const p = params(rest);
      const lines: string[] = [];
      for (const ns of ctx.namespaces.values()) {
        const only = p.get('ns') ?? p.get('namespace');
        if (only !== undefined && only !== ns.name) continue;
        for (const ix of ns.indexes.values()) lines.push(indexLine(ix, p.get('b64') === 'true'));
      }
      return lines.join(';');
    }
    case 'sindex-create':
      return sindexCreate(ctx, params(rest));
    case 'sindex-delete': {
      const p = params(rest);
      const ns = nsParam(ctx, p);
      if (ns === undefined) return 'ERROR:20:namespace not found';
      ns.indexes.delete(p.get('indexname') ?? '');
      return 'ok';
    }
    case 'sindex-exists': {
      const p = params(rest);
      return String(nsParam(ctx, p)?.indexes.has(p.get('indexname') ?? '') ?? false);
    }
    case 'sindex': {
      const [nsName, ixName] = rest.split('/');
      if (ixName === undefined) return '';
      const ix = ctx.namespaces.get(nsName ?? '')?.indexes.get(ixName);
      return ix === undefined ? 'ERROR:201:no index' : 'load_pct=100;entries=0';
    }
    case 'udf-list':
      return '';
    case 'udf-put':
      return 'error=unsupported;message=VURGcyBhcmUgbm90IGVtdWxhdGVk';
    case 'udf-remove':
      return 'error=file_not_found';
    case 'truncate':
    case 'truncate-namespace': {
      const p = params(rest);
      const ns = ctx.namespaces.get(p.get('namespace') ?? '');
      if (ns === undefined) return 'ERROR:20:namespace not found';
      const lut = p.get('lut');
      ns.truncate(name === 'truncate' ? p.get('set') : undefined, lut !== undefined && /^\d+$/.test(lut) ? BigInt(lut) : ctx.nowNs());
      return 'ok';
    }
    case 'statistics':
      return `cluster_size=${ctx.clusterSize};objects=${[...ctx.namespaces.values()].reduce((n, ns) => n + ns.records.size, 0)}`;
    case 'status':
      return 'ok';
    case 'query-show':
    case 'scan-show':
      return ctx.jobs.show(rest === '' ? undefined : params(rest).get('trid'));
    case 'partitions':
      return '4096';
    case 'sets':
      return setsInfo(ctx, rest);
    default:
      return 'ERROR:4:unrecognized command';
  }
}

/** `sets` / `sets/<ns>`: one entry per set holding records. */
function setsInfo(ctx: InfoContext, only: string): string {
  const out: string[] = [];
  for (const ns of ctx.namespaces.values()) {
    if (only !== '' && only !== ns.name) continue;
    const counts = new Map<string, number>();
    for (const rec of ns.records.values()) if (rec.setName !== '') counts.set(rec.setName, (counts.get(rec.setName) ?? 0) + 1);
    for (const [set, n] of counts) out.push(`ns=${ns.name}:set=${set}:objects=${n}:tombstones=0:truncate_lut=0:sindexes=${[...ns.indexes.values()].filter((i) => i.set === set).length}`);
  }
  return out.join(';');
}

function namespaceInfo(ctx: InfoContext, rest: string): string {
  const ns = ctx.namespaces.get(rest);
  if (ns === undefined) return 'type=unknown';
  const rf = Math.min(2, ctx.clusterSize);
  return [
    `ns_cluster_size=${ctx.clusterSize}`,
    `effective_replication_factor=${rf}`,
    `objects=${ns.records.size}`,
    `replication-factor=${rf}`,
    'strong-consistency=false',
    `default-ttl=${ns.defaultTtl}`,
    'nsup-period=60',
    'allow-ttl-without-nsup=false',
    'default-read-touch-ttl-pct=0',
    'storage-engine=memory'
  ].join(';');
}

/** Answers an info request body (`cmd\ncmd\n…`); an empty body lists a few basics. */
export function answerInfoRequest(body: string, ctx: InfoContext): string {
  const commands = body.split('\n').filter((c) => c !== '');
  if (commands.length === 0) return `node\t${ctx.nodeName}\nbuild\t${BUILD}\nedition\t${EDITION}\n`;
  let out = '';
  for (const c of commands) out += `${c}\t${answerInfo(c, ctx)}\n`;
  return out;
}
