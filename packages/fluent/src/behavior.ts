import { InvalidArgumentError, type ReadPolicy, type WritePolicy } from '@aerospike-ts/core';

/** Settings a behavior can set; `reads`/`writes` override the general ones for that kind of command. */
export interface BehaviorSettings {
  readonly totalTimeout?: number;
  readonly socketTimeout?: number;
  readonly maxRetries?: number;
  readonly sleepBetweenRetries?: number;
  readonly sendKey?: boolean;
  readonly replica?: ReadPolicy['replica'];
  readonly readModeAP?: ReadPolicy['readModeAP'];
  readonly readModeSC?: ReadPolicy['readModeSC'];
  readonly durableDelete?: boolean;
  readonly commitLevel?: WritePolicy['commitLevel'];
  readonly reads?: Omit<BehaviorSettings, 'reads' | 'writes'>;
  readonly writes?: Omit<BehaviorSettings, 'reads' | 'writes'>;
}

const GENERAL = ['totalTimeout', 'socketTimeout', 'maxRetries', 'sleepBetweenRetries', 'sendKey', 'replica', 'readModeAP', 'readModeSC', 'durableDelete', 'commitLevel'] as const;

/**
 * A named bundle of policy settings a session applies to every command. Settings resolve
 * from general to specific: the general ones, then `reads` or `writes`.
 */
export class Behavior {
  readonly name: string;
  readonly settings: BehaviorSettings;

  private constructor(name: string, settings: BehaviorSettings) {
    for (const k of Object.keys(settings)) {
      if (!(GENERAL as readonly string[]).includes(k) && k !== 'reads' && k !== 'writes') throw new InvalidArgumentError(`behavior '${name}': unknown setting '${k}'`);
    }
    this.name = name;
    this.settings = settings;
  }

  /** Defaults of the official clients: 1 s total timeout, reads retried twice, writes not retried. */
  static readonly DEFAULT = new Behavior('DEFAULT', { totalTimeout: 1000, socketTimeout: 30000, reads: { maxRetries: 2 }, writes: { maxRetries: 0 } });
  /** Short timeouts, reads from any replica. */
  static readonly READ_FAST = new Behavior('READ_FAST', { totalTimeout: 200, socketTimeout: 100, reads: { maxRetries: 3, replica: 1 }, writes: { maxRetries: 0 } });
  /** Linearized reads and commit to all replicas. */
  static readonly STRICTLY_CONSISTENT = new Behavior('STRICTLY_CONSISTENT', { totalTimeout: 2000, readModeSC: 1, commitLevel: 0, reads: { maxRetries: 2 }, writes: { maxRetries: 0 } });
  /** Reads prefer the client's rack. */
  static readonly FAST_RACK_AWARE = new Behavior('FAST_RACK_AWARE', { totalTimeout: 500, reads: { maxRetries: 2, replica: 3 }, writes: { maxRetries: 0 } });

  /** A new behavior: this one with `changes` applied (sections merged). */
  deriveWithChanges(name: string, changes: BehaviorSettings): Behavior {
    return new Behavior(name, {
      ...this.settings,
      ...changes,
      reads: { ...this.settings.reads, ...changes.reads },
      writes: { ...this.settings.writes, ...changes.writes }
    });
  }

  /** The resolved read policy. */
  readPolicy(): ReadPolicy {
    return pick({ ...this.settings, ...this.settings.reads }, ['totalTimeout', 'socketTimeout', 'maxRetries', 'sleepBetweenRetries', 'sendKey', 'replica', 'readModeAP', 'readModeSC']) as ReadPolicy;
  }

  /** The resolved write policy. */
  writePolicy(): WritePolicy {
    return pick({ ...this.settings, ...this.settings.writes }, ['totalTimeout', 'socketTimeout', 'maxRetries', 'sleepBetweenRetries', 'sendKey', 'durableDelete', 'commitLevel']) as WritePolicy;
  }

  /** A readable account of the resolved settings. */
  explain(): string {
    return `${this.name}: reads ${JSON.stringify(this.readPolicy())}; writes ${JSON.stringify(this.writePolicy())}`;
  }
}

function pick(o: { readonly [k: string]: unknown }, keys: readonly string[]): { [k: string]: unknown } {
  const out: { [k: string]: unknown } = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
