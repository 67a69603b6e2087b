import { ParseError } from '../errors/client-errors.js';
import { PARTITIONS } from '../wire/constants.js';

/** Ownership bitmaps of one namespace from a `replicas` reply. */
export interface NamespaceReplicas {
  /** Strong-consistency regime (0 in AP namespaces). */
  readonly regime: number;
  /** One 512-byte bitmap per replica index (0 = master); bit i (MSB first) = partition i. */
  readonly bitmaps: readonly Buffer[];
}

const BITMAP_BYTES = PARTITIONS / 8;

/**
 * Parses `ns:regime,count,b64,…;ns2:…` (`replicas`), `ns:count,b64,…` (`replicas-all`)
 * or `ns:b64` (`replicas-master`).
 * @throws ParseError on malformed text or a bitmap that is not 512 bytes.
 */
export function parseReplicas(text: string, form: 'replicas' | 'replicas-all' | 'replicas-master' = 'replicas'): Map<string, NamespaceReplicas> {
  const out = new Map<string, NamespaceReplicas>();
  for (const part of text.trim().split(';')) {
    if (part === '') continue;
    const colon = part.indexOf(':');
    if (colon < 1) throw new ParseError(`replicas reply: no namespace in ${JSON.stringify(part.slice(0, 60))}`);
    const ns = part.slice(0, colon);
    if (ns.length > 31) throw new ParseError(`replicas reply: namespace name too long: ${JSON.stringify(ns)}`);
    const items = part.slice(colon + 1).split(',');
    let regime = 0;
    let count = 1;
    let i = 0;
    if (form === 'replicas') {
      regime = toInt(items[i++], 'regime');
      count = toInt(items[i++], 'replica count');
    } else if (form === 'replicas-all') {
      count = toInt(items[i++], 'replica count');
    }
    if (count < 0 || count > 16 || items.length - i !== count) {
      throw new ParseError(`replicas reply for '${ns}': ${count} replicas announced, ${items.length - i} bitmaps given`);
    }
    const bitmaps: Buffer[] = [];
    for (let r = 0; r < count; r++) {
      const bm = Buffer.from(items[i + r] as string, 'base64');
      if (bm.length !== BITMAP_BYTES) throw new ParseError(`replicas reply for '${ns}': bitmap ${r} is ${bm.length} bytes, expected ${BITMAP_BYTES}`);
      bitmaps.push(bm);
    }
    out.set(ns, { regime, bitmaps });
  }
  return out;
}

/** Whether partition `pid` is set in a bitmap (MSB first). */
export function ownsPartition(bitmap: Buffer, pid: number): boolean {
  return ((bitmap[pid >> 3] as number) & (0x80 >> (pid & 7))) !== 0;
}

function toInt(s: string | undefined, what: string): number {
  const n = Number(s);
  if (s === undefined || s === '' || !Number.isInteger(n)) throw new ParseError(`replicas reply: ${what} is ${JSON.stringify(s)}`);
  return n;
}
