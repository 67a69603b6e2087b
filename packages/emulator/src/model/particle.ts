/**
 * The emulator's storage model. A bin value is kept exactly as the wire carries it: a
 * particle type and the particle bytes (the same bytes a write operation sends and a read
 * reply returns). Every engine module (record commands, CDT operations, expressions)
 * reads and produces values in this form.
 */

/** A stored bin value: particle type (protocol particle type codes) and its wire bytes. */
export interface Particle {
  /** Particle type code: 1 integer, 2 double, 3 string, 4 blob, 17 bool, 18 HLL, 19 map, 20 list, 23 GeoJSON. */
  readonly type: number;
  /** The value's bytes exactly as in a wire operation (integers are 8-byte big-endian, CDTs are msgpack). */
  readonly data: Buffer;
}

/** One record as the emulator stores it. */
export interface StoredRecord {
  /** Bins by name. */
  readonly bins: Map<string, Particle>;
  /** Generation, starting at 1 on create, wrapping at 0xFFFF. */
  generation: number;
  /** Expiry in seconds since the Citrus epoch (2010-01-01T00:00:00Z); 0 means never expires. */
  voidTime: number;
  /** Last update time, nanoseconds since the Unix epoch. */
  lastUpdateNs: bigint;
  /** The user key, when the client sent it with the record (POLICY_KEY_SEND). */
  userKey: Particle | undefined;
  /** Set name ('' when the record has no set). */
  setName: string;
  /** The 20-byte RIPEMD-160 digest that identifies the record. */
  readonly digest: Buffer;
}
