import type { KnownIndex } from './index-selection.js';

/** What the catalog needs from a client: one info command answered by a node. */
export interface InfoSource {
  info(command: string): Promise<Map<string, string>>;
}

/** Catalog options. */
export interface SindexCatalogOptions {
  /** How long a namespace's index list is trusted before it is read again (ms). Default 60 000. */
  readonly refreshIntervalMs?: number;
  /** Clock (ms), for tests. Default `Date.now`. */
  readonly now?: () => number;
}

const TYPES: { readonly [t: string]: KnownIndex['type'] } = { numeric: 'numeric', string: 'string', geo2dsphere: 'geo', blob: 'blob' };
const COLLECTIONS: { readonly [t: string]: KnownIndex['collection'] } = { default: 'default', list: 'list', mapkeys: 'mapkeys', mapvalues: 'mapvalues' };

/**
 * Parses a `sindex-list:ns=<ns>;b64=true` reply (`ns=test:indexname=i:set=s:bin=b:type=numeric:indextype=default:context=null:…;…`).
 * Indexes on expressions and indexes not yet readable are left out. A nested-element index
 * carries its packed context (base64 in the reply); a server that only describes the
 * context (`[map_key(<string#1>)]`) leaves it in `contextText`, and such an index is not used.
 */
export function parseSindexList(reply: string): KnownIndex[] {
  const out: KnownIndex[] = [];
  for (const entry of reply.split(';')) {
    if (entry.trim() === '') continue;
    const f = new Map<string, string>();
    for (const kv of entry.split(':')) {
      const eq = kv.indexOf('=');
      if (eq > 0) f.set(kv.slice(0, eq), kv.slice(eq + 1));
    }
    const type = TYPES[(f.get('type') ?? '').toLowerCase()];
    const collection = COLLECTIONS[(f.get('indextype') ?? 'default').toLowerCase()];
    const ns = f.get('ns') ?? f.get('namespace');
    const name = f.get('indexname');
    const bin = f.get('bin');
    const exp = f.get('exp');
    if (type === undefined || collection === undefined || ns === undefined || name === undefined || bin === undefined || bin === 'null') continue;
    if (exp !== undefined && exp !== 'null') continue;
    if (f.has('state') && f.get('state') !== 'RW') continue;
    const set = f.get('set');
    const context = f.get('context') ?? 'null';
    const ctx = context === 'null' ? {} : /^[A-Za-z0-9+/]+=*$/.test(context) ? { packedContext: new Uint8Array(Buffer.from(context, 'base64')) } : { contextText: context };
    out.push({ namespace: ns, set: set === undefined || set === 'null' || set === 'NULL' ? null : set, bin, name, type, collection, context: null, ...ctx });
  }
  return out;
}

/**
 * The secondary indexes of each namespace, read with `sindex-list:ns=<ns>;b64=true` and kept for
 * `refreshIntervalMs`. Refreshes happen lazily when the list is asked for (no timers), and
 * concurrent askers share one request.
 */
export class SindexCatalog {
  readonly #source: InfoSource;
  readonly #interval: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, { at: number; indexes: readonly KnownIndex[] }>();
  readonly #pending = new Map<string, Promise<readonly KnownIndex[]>>();

  constructor(source: InfoSource, options: SindexCatalogOptions = {}) {
    this.#source = source;
    this.#interval = options.refreshIntervalMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** The indexes of `namespace`, read from the server when the cached list is older than the interval. */
  async indexes(namespace: string): Promise<readonly KnownIndex[]> {
    const hit = this.#cache.get(namespace);
    if (hit !== undefined && this.#now() - hit.at < this.#interval) return hit.indexes;
    const running = this.#pending.get(namespace);
    if (running !== undefined) return running;
    const cmd = `sindex-list:ns=${namespace};b64=true`;
    const p = this.#source
      .info(cmd)
      .then((reply) => {
        const indexes = parseSindexList(reply.get(cmd) ?? [...reply.values()][0] ?? '');
        this.#cache.set(namespace, { at: this.#now(), indexes });
        return indexes;
      })
      .finally(() => this.#pending.delete(namespace));
    this.#pending.set(namespace, p);
    return p;
  }

  /** Forgets the cached list of one namespace (or all), so the next use reads it again. */
  invalidate(namespace?: string): void {
    if (namespace === undefined) this.#cache.clear();
    else this.#cache.delete(namespace);
  }
}
