/** Kinds of commands a fault rule can match. */
export type CommandKind = 'info' | 'read' | 'write' | 'delete' | 'batch' | 'scan' | 'query' | 'background' | 'udf';

/** Which commands a rule applies to; every given property must match. */
export interface FaultMatch {
  /** Node id (name) that received the command. */
  readonly node?: string;
  readonly kind?: CommandKind;
  readonly namespace?: string;
  readonly set?: string;
  /** For info commands: the command name must start with this text. */
  readonly info?: string;
}

/**
 * What happens to a matching command. Unless stated otherwise the command runs first (a
 * write is applied) and only its reply is affected.
 * - `drop`: no reply.
 * - `delay`: the reply is sent `ms` later.
 * - `close`: the connection is closed instead of replying; with `beforeApply` the command
 *   is not run at all (a write is not applied).
 * - `truncate`: only the first `bytes` bytes of the reply are sent, then the connection
 *   is closed (a reply cut off mid-frame).
 * - `result`: the reply is replaced by one carrying `resultCode`.
 */
export type FaultAction =
  | { readonly type: 'drop' }
  | { readonly type: 'delay'; readonly ms: number }
  | { readonly type: 'close'; readonly beforeApply?: boolean }
  | { readonly type: 'truncate'; readonly bytes: number }
  | { readonly type: 'result'; readonly resultCode: number };

/** A fault rule: a match, an action and how many times it fires (default: every time). */
export interface FaultRule {
  readonly match: FaultMatch;
  readonly action: FaultAction;
  readonly times?: number;
}

/** The facts about one command that rules are matched against. */
export interface CommandFacts {
  readonly node: string;
  readonly kind: CommandKind;
  readonly namespace: string;
  readonly set: string;
  readonly info: string;
}

interface ActiveRule {
  readonly rule: FaultRule;
  remaining: number;
}

/** Holds fault rules; the servers ask it about every command before answering. */
export class FaultInjector {
  #rules: ActiveRule[] = [];

  /**
   * Adds a rule.
   * @returns a function that removes it.
   */
  add(rule: FaultRule): () => void {
    const active: ActiveRule = { rule, remaining: rule.times ?? Number.POSITIVE_INFINITY };
    this.#rules.push(active);
    return () => {
      this.#rules = this.#rules.filter((r) => r !== active);
    };
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules = [];
  }

  /** The action of the first matching rule (consuming one of its uses), or undefined. */
  match(facts: CommandFacts): FaultAction | undefined {
    for (const active of this.#rules) {
      const m = active.rule.match;
      if (m.node !== undefined && m.node !== facts.node) continue;
      if (m.kind !== undefined && m.kind !== facts.kind) continue;
      if (m.namespace !== undefined && m.namespace !== facts.namespace) continue;
      if (m.set !== undefined && m.set !== facts.set) continue;
      if (m.info !== undefined && !facts.info.startsWith(m.info)) continue;
      active.remaining--;
      if (active.remaining <= 0) this.#rules = this.#rules.filter((r) => r !== active);
      return active.rule.action;
    }
    return undefined;
  }
}
