import { CommitLevel, InvalidArgumentError, ReadModeSC, Replica, type BatchPolicy, type QueryPolicy, type ReadPolicy, type Txn, type WritePolicy } from '@aerospike-ts/core';

/** Policy values a behavior sets. Times are in milliseconds. */
export interface Settings {
  readonly totalTimeout?: number;
  readonly socketTimeout?: number;
  readonly maxRetries?: number;
  /** Pause between retries (the SDK's `retry_delay`). */
  readonly sleepBetweenRetries?: number;
  readonly sendKey?: boolean;
  readonly replica?: ReadPolicy['replica'];
  readonly readModeAP?: ReadPolicy['readModeAP'];
  readonly readModeSC?: ReadPolicy['readModeSC'];
  readonly durableDelete?: boolean;
  readonly commitLevel?: WritePolicy['commitLevel'];
  readonly useCompression?: boolean;
  readonly maxConcurrentNodes?: number;
  readonly recordQueueSize?: number;
  readonly allowInline?: boolean;
  readonly allowInlineSsd?: boolean;
  readonly readTouchTtlPercent?: number;
}

/** The scopes a behavior patches, from general to specific. */
export const SCOPES = [
  'all',
  'reads',
  'readsAp',
  'readsSc',
  'readsPoint',
  'readsBatch',
  'readsQuery',
  'writes',
  'writesAp',
  'writesSc',
  'writesRetryable',
  'writesNonRetryable',
  'writesPoint',
  'writesBatch',
  'writesQuery'
] as const;
/** A scope of {@link BehaviorSettings}. */
export type Scope = (typeof SCOPES)[number];

/**
 * What `deriveWithChanges` accepts: settings at the top level (they apply to every
 * command, like `all`) and per scope. Scopes apply from general to specific:
 * reads: all → reads → readsAp|readsSc → readsPoint|readsBatch|readsQuery;
 * writes: all → writes → writesAp|writesSc → writesRetryable|writesNonRetryable → writesPoint|writesBatch|writesQuery.
 */
export type BehaviorSettings = Settings & { readonly [S in Scope]?: Settings };

/** What kind of command a policy is for. */
export type OpKind = 'read' | 'writeRetryable' | 'writeNonRetryable';
/** How many records a command addresses. */
export type OpShape = 'point' | 'batch' | 'query';
/** The namespace's consistency mode. */
export type Mode = 'ap' | 'sc';

const SETTING_KEYS: readonly (keyof Settings)[] = [
  'totalTimeout', 'socketTimeout', 'maxRetries', 'sleepBetweenRetries', 'sendKey', 'replica', 'readModeAP', 'readModeSC', 'durableDelete',
  'commitLevel', 'useCompression', 'maxConcurrentNodes', 'recordQueueSize', 'allowInline', 'allowInlineSsd', 'readTouchTtlPercent'
];

const SHAPE_SUFFIX = { point: 'Point', batch: 'Batch', query: 'Query' } as const;

/** The scopes that apply to one kind/shape/mode, least specific first. */
export function scopeChain(kind: OpKind, shape: OpShape, mode: Mode): Scope[] {
  const m = mode === 'sc' ? 'Sc' : 'Ap';
  if (kind === 'read') return ['all', 'reads', `reads${m}`, `reads${SHAPE_SUFFIX[shape]}`];
  return ['all', 'writes', `writes${m}`, kind === 'writeRetryable' ? 'writesRetryable' : 'writesNonRetryable', `writes${SHAPE_SUFFIX[shape]}`];
}

function checkSettings(behavior: string, where: string, s: unknown): void {
  if (typeof s !== 'object' || s === null) throw new InvalidArgumentError(`behavior '${behavior}': ${where} must be an object of settings`);
  for (const [k, v] of Object.entries(s)) {
    if ((SCOPES as readonly string[]).includes(k) && where === 'settings') {
      checkSettings(behavior, k, v);
      continue;
    }
    if (!(SETTING_KEYS as readonly string[]).includes(k)) throw new InvalidArgumentError(`behavior '${behavior}': unknown setting '${k}' in ${where}; known: ${SETTING_KEYS.join(', ')}`);
    if (v === undefined) continue;
    const num = typeof v === 'number' && Number.isFinite(v) && v >= 0;
    const ok = ['sendKey', 'durableDelete', 'useCompression', 'allowInline', 'allowInlineSsd'].includes(k) ? typeof v === 'boolean' : num;
    if (!ok) throw new InvalidArgumentError(`behavior '${behavior}': ${where}.${k} must be ${typeof v === 'boolean' || ['sendKey', 'durableDelete'].includes(k) ? 'a boolean' : 'a non-negative number'}, got ${String(v)}`);
  }
}

/** Splits top-level settings (= `all`) from scoped ones. */
function normalize(s: BehaviorSettings): Map<Scope, Settings> {
  const out = new Map<Scope, Settings>();
  const top: { [k: string]: unknown } = {};
  for (const [k, v] of Object.entries(s)) {
    if (v === undefined) continue;
    if ((SCOPES as readonly string[]).includes(k)) out.set(k as Scope, { ...out.get(k as Scope), ...(v as Settings) });
    else top[k] = v;
  }
  if (Object.keys(top).length > 0) out.set('all', { ...out.get('all'), ...(top as Settings) });
  return out;
}

const registry = new Map<string, Behavior>();

/**
 * A named bundle of policy settings a session applies to every command. Settings are
 * patches per scope; a command's settings merge the scopes that apply to it from general
 * to specific (see {@link BehaviorSettings}), first those of the parent behavior, then this one's.
 */
export class Behavior {
  readonly name: string;
  readonly parent: Behavior | null;
  readonly #patches: Map<Scope, Settings>;
  readonly #cache = new Map<string, Settings>();
  /** Frozen read and write policies by {@link policySlot}. */
  readonly #readPolicies: Array<ReadPolicy | undefined> = [];
  readonly #writePolicies: Array<WritePolicy | undefined> = [];
  /** The transaction every command joins (transactional sessions), or null. */
  readonly txn: Txn | null;

  private constructor(name: string, settings: BehaviorSettings, parent: Behavior | null, txn: Txn | null = null) {
    if (typeof name !== 'string' || name === '') throw new InvalidArgumentError('a behavior needs a non-empty name');
    checkSettings(name, 'settings', settings);
    this.name = name;
    this.parent = parent;
    this.#patches = normalize(settings);
    this.txn = txn;
    if (txn === null) registry.set(name, this);
  }

  /**
   * This behavior with the policies of point and batch commands carrying `txn` (used by
   * transactional sessions; not registered). Scans and queries never join a transaction.
   */
  inTransaction(txn: Txn): Behavior {
    return new Behavior(`${this.name}[txn]`, {}, this, txn);
  }

  #withTxn<P extends object>(p: P, shape: OpShape): P {
    return this.txn === null || shape === 'query' ? p : { ...p, txn: this.txn };
  }

  /**
   * The SDK's defaults: 30 s total and 5 s socket timeout, 2 retries, keys sent, sequence
   * replica; batch reads/writes allow inline; queries retry 5 times with a 5000-record
   * queue; non-retryable writes are not retried; AP writes commit to all replicas; SC writes delete durably.
   */
  static readonly DEFAULT = new Behavior(
    'DEFAULT',
    {
      all: { totalTimeout: 30_000, socketTimeout: 5_000, maxRetries: 2, sleepBetweenRetries: 0, sendKey: true, replica: Replica.SEQUENCE, durableDelete: false, maxConcurrentNodes: 1, readTouchTtlPercent: 0 },
      readsBatch: { allowInline: true, allowInlineSsd: false },
      readsQuery: { maxRetries: 5, recordQueueSize: 5000 },
      writesNonRetryable: { maxRetries: 0 },
      writesAp: { commitLevel: CommitLevel.COMMIT_ALL },
      writesSc: { durableDelete: true },
      writesBatch: { allowInline: true, allowInlineSsd: false }
    },
    null
  );
  /** DEFAULT with fast reads: 50 ms socket, 200 ms total timeout, 3 retries. */
  static readonly READ_FAST = new Behavior('READ_FAST', { reads: { socketTimeout: 50, totalTimeout: 200, maxRetries: 3 } }, Behavior.DEFAULT);
  /** DEFAULT with linearized reads in strong-consistency namespaces. */
  static readonly STRICTLY_CONSISTENT = new Behavior('STRICTLY_CONSISTENT', { readsSc: { readModeSC: ReadModeSC.LINEARIZE } }, Behavior.DEFAULT);
  /** READ_FAST with reads preferring the client's rack, and session reads in SC namespaces. */
  static readonly FAST_RACK_AWARE = new Behavior('FAST_RACK_AWARE', { reads: { replica: Replica.PREFER_RACK }, readsSc: { readModeSC: ReadModeSC.SESSION } }, Behavior.READ_FAST);

  /** A registered behavior by name (every behavior registers itself), or undefined. */
  static find(name: string): Behavior | undefined {
    return registry.get(name);
  }

  /** A child behavior: this one with `changes` applied on top (top-level settings apply to every command). */
  deriveWithChanges(name: string, changes: BehaviorSettings): Behavior {
    return new Behavior(name, changes, this);
  }

  /** The patches this behavior itself sets (its parent's are not included). */
  get patches(): ReadonlyMap<Scope, Settings> {
    return this.#patches;
  }

  /** This behavior and its ancestors, root first. */
  #chain(): Behavior[] {
    const chain: Behavior[] = [this];
    for (let b = this.parent; b !== null; b = b.parent) chain.unshift(b);
    return chain;
  }

  /** The resolved settings for one kind of command. */
  getSettings(kind: OpKind, shape: OpShape, mode: Mode = 'ap'): Settings {
    const id = `${kind}/${shape}/${mode}`;
    const hit = this.#cache.get(id);
    if (hit !== undefined) return hit;
    const chain = this.#chain();
    let out: Settings = {};
    const scopes = scopeChain(kind, shape, mode);
    for (const b of chain) for (const s of scopes) out = { ...out, ...b.#patches.get(s) };
    this.#cache.set(id, out);
    return out;
  }

  /**
   * The resolved read policy (point reads unless `shape` says otherwise); with the session's
   * transaction, if any. Made once per shape and mode and frozen: the core client then
   * validates and merges it once, not on every command.
   */
  readPolicy(shape: OpShape = 'point', mode: Mode = 'ap'): ReadPolicy {
    const i = policySlot(shape, mode, false);
    let p = this.#readPolicies[i];
    if (p === undefined) {
      const s = this.getSettings('read', shape, mode);
      p = Object.freeze(this.#withTxn(pick(s, [...COMMON, 'readModeAP', 'readModeSC', 'readTouchTtlPercent']) as ReadPolicy, shape));
      this.#readPolicies[i] = p;
    }
    return p;
  }

  /**
   * The resolved write policy (point, non-retryable writes unless told otherwise); with the
   * session's transaction, if any. Made once per shape, mode and retryability, and frozen.
   */
  writePolicy(shape: OpShape = 'point', mode: Mode = 'ap', retryable = false): WritePolicy {
    const i = policySlot(shape, mode, retryable);
    let p = this.#writePolicies[i];
    if (p === undefined) {
      const s = this.getSettings(retryable ? 'writeRetryable' : 'writeNonRetryable', shape, mode);
      p = Object.freeze(this.#withTxn(pick(s, [...COMMON, 'durableDelete', 'commitLevel']) as WritePolicy, shape));
      this.#writePolicies[i] = p;
    }
    return p;
  }

  /**
   * The resolved policy of a whole batch: the batch-read settings for a batch that only
   * reads, else the batch-write settings (retryable when every entry is); with the
   * session's transaction, if any.
   */
  batchPolicy(mode: Mode = 'ap', reads = true, retryable = false): BatchPolicy {
    const s = this.getSettings(reads ? 'read' : retryable ? 'writeRetryable' : 'writeNonRetryable', 'batch', mode);
    return this.#withTxn(pick(s, [...COMMON, 'readModeAP', 'readModeSC', 'allowInline', 'allowInlineSsd']) as BatchPolicy, 'batch');
  }

  /** The resolved policy of a scan/query (never with a transaction). */
  queryPolicy(mode: Mode = 'ap'): QueryPolicy {
    const s = this.getSettings('read', 'query', mode);
    return pick(s, [...COMMON, 'readModeAP', 'readModeSC', 'maxConcurrentNodes', 'recordQueueSize']) as QueryPolicy;
  }

  /** A readable account: the chain of behaviors, their patches, and the settings each kind of command resolves to. */
  explain(): string {
    const lines: string[] = [];
    const chain = this.#chain();
    lines.push(`Behavior ${this.name} (${chain.map((b) => b.name).join(' → ')})`);
    for (const b of chain) {
      for (const s of SCOPES) {
        const p = b.#patches.get(s);
        if (p !== undefined) lines.push(`  ${b.name}.${s}: ${JSON.stringify(p)}`);
      }
    }
    lines.push('Resolution: all → reads|writes → AP|SC → retryable|non-retryable (writes) → point|batch|query');
    for (const mode of ['ap', 'sc'] as const) {
      for (const kind of ['read', 'writeRetryable', 'writeNonRetryable'] as const) {
        for (const shape of ['point', 'batch', 'query'] as const) {
          lines.push(`  ${kind} ${shape} ${mode.toUpperCase()}: ${JSON.stringify(this.getSettings(kind, shape, mode))}`);
        }
      }
    }
    return lines.join('\n');
  }
}

/** Index of a cached policy: shape (3) × mode (2) × retryable (2). */
function policySlot(shape: OpShape, mode: Mode, retryable: boolean): number {
  return (shape === 'point' ? 0 : shape === 'batch' ? 1 : 2) * 4 + (mode === 'sc' ? 2 : 0) + (retryable ? 1 : 0);
}

/** Settings every kind of policy takes. */
const COMMON = ['totalTimeout', 'socketTimeout', 'maxRetries', 'sleepBetweenRetries', 'sendKey', 'replica', 'useCompression'] as const;

/** Core policy option names where they differ from the setting's name. */
const POLICY_NAMES: { readonly [K in keyof Settings]?: string } = { useCompression: 'compress', allowInlineSsd: 'allowInlineSSD' };

/** The named settings that are set, under their core policy names. */
function pick(o: Settings, keys: readonly (keyof Settings)[]): { [k: string]: unknown } {
  const out: { [k: string]: unknown } = {};
  for (const k of keys) if (o[k] !== undefined) out[POLICY_NAMES[k] ?? k] = o[k];
  return out;
}
