import { AerospikeError, InvalidArgumentError, type AerospikeClient } from '@aerospike-ts/core';

/** Parses `k=v;k=v` (or `:`-separated) info text into a map. */
function fields(text: string, sep: RegExp): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(sep)) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i), part.slice(i + 1));
  }
  return out;
}

/** `session.info()`: typed answers to common info commands (one node answers). */
export class InfoCommands {
  readonly #client: AerospikeClient;

  /** Internal: `session.info()` creates it. */
  constructor(client: AerospikeClient) {
    this.#client = client;
  }

  async #one(cmd: string): Promise<string> {
    const reply = await this.#client.info(cmd, { throwOnError: true });
    return reply.get(cmd) ?? [...reply.values()][0] ?? '';
  }

  /** The namespaces of the cluster. */
  async namespaces(): Promise<string[]> {
    return (await this.#one('namespaces')).split(';').filter((n) => n !== '');
  }

  /** A namespace's configuration and statistics (`namespace/<ns>`). */
  async namespaceDetails(namespace: string): Promise<Map<string, string>> {
    if (typeof namespace !== 'string' || namespace === '') throw new InvalidArgumentError('namespaceDetails() needs a namespace name');
    const text = await this.#one(`namespace/${namespace}`);
    const details = fields(text, /;/);
    // servers answer an unknown namespace with nothing or, since 8.x, with `type=unknown`
    if (text === '' || (details.size === 1 && details.get('type') === 'unknown')) throw new AerospikeError(`namespace '${namespace}' is not known to the cluster`);
    return details;
  }

  /** True when the namespace runs in strong-consistency mode. */
  async isNamespaceSc(namespace: string): Promise<boolean> {
    return (await this.namespaceDetails(namespace)).get('strong-consistency') === 'true';
  }

  /** The sets of a namespace with their statistics (`sets/<ns>`), by set name. */
  async sets(namespace: string): Promise<Map<string, Map<string, string>>> {
    const out = new Map<string, Map<string, string>>();
    for (const entry of (await this.#one(`sets/${namespace}`)).split(';')) {
      if (entry === '') continue;
      const f = fields(entry, /:/);
      const name = f.get('set');
      if (name !== undefined) out.set(name, f);
    }
    return out;
  }

  /** The secondary indexes of a namespace (`sindex-list`), one map of fields per index. */
  async secondaryIndexes(namespace: string): Promise<Array<Map<string, string>>> {
    return (await this.#one(`sindex-list:ns=${namespace}`))
      .split(';')
      .filter((e) => e !== '')
      .map((e) => fields(e, /:/));
  }

  /** The registered UDF modules (`udf-list`), by file name. */
  async udfs(): Promise<string[]> {
    return (await this.#one('udf-list'))
      .split(';')
      .map((e) => fields(e, /,/).get('filename'))
      .filter((n): n is string => n !== undefined);
  }

  /** The server build (`build`). */
  async build(): Promise<string> {
    return this.#one('build');
  }

  /** Sends an info command to every node of the cluster; returns each node's reply by node name. */
  async infoOnAllNodes(command: string): Promise<Map<string, string>> {
    if (typeof command !== 'string' || command === '') throw new InvalidArgumentError('infoOnAllNodes() needs an info command');
    const names = this.#client.nodes().map((n) => n.name);
    const replies = await Promise.all(names.map(async (node) => (await this.#client.info(command, { node, throwOnError: true })).get(command) ?? ''));
    return new Map(names.map((n, i) => [n, replies[i] ?? '']));
  }
}

const modes = new WeakMap<AerospikeClient, Map<string, Promise<'ap' | 'sc'>>>();
/** The modes already answered, per client: read synchronously on the command path. */
const known = new WeakMap<AerospikeClient, Map<string, 'ap' | 'sc'>>();

/**
 * The consistency mode of a namespace ('sc' for strong consistency), asked once per client
 * and namespace; behaviors pick their AP or SC settings with it.
 */
export function namespaceMode(client: AerospikeClient, namespace: string): Promise<'ap' | 'sc'> {
  let byNs = modes.get(client);
  if (byNs === undefined) {
    byNs = new Map();
    modes.set(client, byNs);
  }
  let mode = byNs.get(namespace);
  if (mode === undefined) {
    const cache = byNs;
    mode = new InfoCommands(client).isNamespaceSc(namespace).then(
      (sc) => {
        const m = sc ? 'sc' : 'ap';
        let answered = known.get(client);
        if (answered === undefined) {
          answered = new Map();
          known.set(client, answered);
        }
        answered.set(namespace, m);
        return m;
      },
      (err: unknown) => {
        // not cached: the next command asks again
        cache.delete(namespace);
        throw err;
      }
    );
    byNs.set(namespace, mode);
  }
  return mode;
}

/**
 * The mode whose behavior settings a command uses: {@link namespaceMode}, or 'ap' when the
 * cluster cannot tell (an unknown namespace: the command itself then reports the server's error).
 */
export async function commandMode(client: AerospikeClient, namespace: string): Promise<'ap' | 'sc'> {
  try {
    return await namespaceMode(client, namespace);
  } catch {
    return 'ap';
  }
}

/**
 * The mode whose behavior settings a command on `namespace` uses: synchronously once the
 * client has learned it (no await on the command path), else {@link commandMode}'s promise
 * (an unknown namespace gives 'ap' and is asked again next time).
 */
export function modeOf(client: AerospikeClient, namespace: string): 'ap' | 'sc' | Promise<'ap' | 'sc'> {
  return known.get(client)?.get(namespace) ?? commandMode(client, namespace);
}
