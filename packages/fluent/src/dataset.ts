import { InvalidArgumentError, Key as CoreKey, type UserKey } from '@aerospike-ts/core';

/** The bins type of an untyped dataset: any bin name, any value. */
export type AnyBins = { [bin: string]: unknown };

/**
 * A record address: namespace, set, user key (when known) and digest. `B` is the bins type
 * of the dataset that made the key (`DataSet.of<User>(…).id(1)` is a `Key<User>`); it exists
 * for the compiler only, so that commands on the key know their records' bins.
 */
export class Key<B = AnyBins> {
  /** The core key (internal). */
  readonly core: CoreKey;
  /** Phantom field carrying the bins type (never set). */
  declare readonly __bins?: B;
  constructor(core: CoreKey) {
    this.core = core;
  }
  get namespace(): string {
    return this.core.namespace;
  }
  get setName(): string | null {
    return this.core.set;
  }
  /** The user key, or null when only the digest is known. */
  get value(): string | number | bigint | Buffer | null {
    return this.core.userKey;
  }
  get digest(): Buffer {
    return this.core.digest;
  }
  toString(): string {
    return this.core.toString();
  }
}

/** A key whose records have bins `B`, or an untyped key (which takes any bins type). */
export type KeyOf<B> = Key<B> | Key;

/** Keys as the verbs take them: each argument a key or an array of keys. */
export type KeysOf<B> = Array<KeyOf<B> | readonly KeyOf<B>[]>;

/** A namespace and set; makes keys. `DataSet.of<User>(…)` types the records' bins. */
export class DataSet<B extends object = AnyBins> {
  readonly namespace: string;
  readonly setName: string;
  /** Phantom field carrying the bins type. */
  declare readonly __bins?: B;

  private constructor(namespace: string, setName: string) {
    this.namespace = namespace;
    this.setName = setName;
  }

  /** A dataset for `namespace` and `setName`. */
  static of<B extends object = AnyBins>(namespace: string, setName: string): DataSet<B> {
    // validates the names once, up front
    new CoreKey(namespace, setName, 0);
    return new DataSet<B>(namespace, setName);
  }

  /** The key of one record. */
  id(value: UserKey): Key<B> {
    return new Key<B>(new CoreKey(this.namespace, this.setName, value));
  }

  /** Keys for several user keys. */
  ids(...values: UserKey[]): Key<B>[] {
    if (values.length === 1 && Array.isArray(values[0])) return (values[0] as unknown as UserKey[]).map((v) => this.id(v));
    return values.map((v) => this.id(v));
  }

  /** The key of a record known by its digest. */
  idFromDigest(digest: Uint8Array): Key<B> {
    if (!(digest instanceof Uint8Array)) throw new InvalidArgumentError('idFromDigest needs the 20-byte digest');
    return new Key<B>(CoreKey.fromDigest(this.namespace, this.setName, digest));
  }
}
