import type { ResolvedBasePolicy, ResolvedWritePolicy } from '../policy/policies.js';
import { Info1, Info2, Info3 } from '../wire/constants.js';
import type { MsgHeaderFields } from '../wire/msg-header.js';

/** The header values of a request, filled in place by the helpers below. */
export type HeaderSpec = { -readonly [K in keyof MsgHeaderFields]: MsgHeaderFields[K] };

/** Server-side timeout per the official clients: the effective socket timeout when a total deadline exists. */
export function serverTimeout(p: ResolvedBasePolicy): number {
  if (p.totalTimeout > 0) {
    return p.socketTimeout > 0 && p.socketTimeout < p.totalTimeout ? p.socketTimeout : p.totalTimeout;
  }
  return 0;
}

/** Adds the read-mode bits (AP/SC) and the compression request to a header. */
export function applyReadBits(h: HeaderSpec, p: ResolvedBasePolicy): void {
  if (p.readModeAP === 1) h.info1 |= Info1.READ_MODE_AP_ALL;
  switch (p.readModeSC) {
    case 1:
      h.info3 |= Info3.SC_READ_TYPE;
      break;
    case 2:
      h.info3 |= Info3.SC_READ_RELAX;
      break;
    case 3:
      h.info3 |= Info3.SC_READ_TYPE | Info3.SC_READ_RELAX;
      break;
    default:
      break;
  }
  if (p.compress) h.info1 |= Info1.COMPRESS_RESPONSE;
}

/** Adds the write-policy bits (exists action, generation, commit level, durable delete, xdr). */
export function applyWriteBits(h: HeaderSpec, p: ResolvedWritePolicy): void {
  switch (p.exists) {
    case 1:
      h.info3 |= Info3.UPDATE_ONLY;
      break;
    case 2:
      h.info3 |= Info3.CREATE_OR_REPLACE;
      break;
    case 3:
      h.info3 |= Info3.REPLACE_ONLY;
      break;
    case 4:
      h.info2 |= Info2.CREATE_ONLY;
      break;
    default:
      break;
  }
  if (p.generationPolicy === 1) {
    h.info2 |= Info2.GENERATION;
    h.generation = p.generation;
  } else if (p.generationPolicy === 2) {
    h.info2 |= Info2.GENERATION_GT;
    h.generation = p.generation;
  }
  if (p.commitLevel === 1) h.info3 |= Info3.COMMIT_MASTER;
  if (p.durableDelete) h.info2 |= Info2.DURABLE_DELETE;
  if (p.xdr) h.info1 |= Info1.XDR;
}

/** A zeroed header with the server timeout from the policy. */
export function newHeader(p: ResolvedBasePolicy): HeaderSpec {
  return { info1: 0, info2: 0, info3: 0, info4: 0, generation: 0, ttl: 0, timeout: serverTimeout(p) };
}

/** Zeroes `h` and sets the server timeout from the policy (reuse instead of allocating). */
export function resetHeader(h: HeaderSpec, p: ResolvedBasePolicy): HeaderSpec {
  h.info1 = 0;
  h.info2 = 0;
  h.info3 = 0;
  h.info4 = 0;
  h.generation = 0;
  h.ttl = 0;
  h.timeout = serverTimeout(p);
  return h;
}
