/**
 * Evaluates a built expression against one record, with the server's three-valued logic:
 * a missing bin, a bin of another type or a failed operation is "unknown", which makes
 * most operations unknown; `and` is false as soon as one argument is false and `or` true
 * as soon as one is true, whatever the others are.
 */
import type { StoredRecord } from '../../model/particle.js';
import { ExpUnsupportedError } from './exp-errors.js';
import type { ExpTree } from './exp-tree.js';
import { bool, fromParticle, UNKNOWN, type Evaluated, type ExpValue } from './exp-values.js';
import { evaluateMath } from './ops/arith.js';
import { evaluateCall } from './ops/call.js';
import { compareValues, inList } from './ops/compare.js';
import { geoMatches, parseGeoJson, type GeoShape } from './ops/geo-shape.js';
import { mapKeysOrValues } from './ops/map-kv.js';
import { evaluateKey, evaluateMeta } from './ops/metadata.js';
import { posixRegexMatches } from './ops/posix-regex.js';

/** What an evaluation reads: the record (undefined: none), the time, the stored record, the variable slots. */
export interface EvalEnv {
  readonly record: StoredRecord | undefined;
  readonly nowNs: bigint;
  /** The record as stored before the command (see {@link MetaContext}). */
  readonly stored: StoredRecord | null | undefined;
  readonly vars: Evaluated[];
}

/** The shape of a GeoJSON operand (a literal's was parsed at build). */
function geoShape(node: ExpTree, v: ExpValue): GeoShape | undefined {
  if (v.t !== 'geo') return undefined;
  if (node.k === 'value' && node.geo !== undefined) return node.geo;
  return parseGeoJson(v.json);
}

function isTrue(v: Evaluated): boolean | undefined {
  if (v === UNKNOWN) return undefined;
  if (v.t !== 'bool') throw new ExpUnsupportedError('non-boolean condition');
  return v.v;
}

/** Evaluates `node`. */
export function evaluateTree(node: ExpTree, env: EvalEnv): Evaluated {
  const ev = (t: ExpTree): Evaluated => evaluateTree(t, env);
  switch (node.k) {
    case 'unknown':
      return UNKNOWN;
    case 'value':
      return node.v;
    case 'compare': {
      const a = ev(node.a);
      if (a === UNKNOWN) return UNKNOWN;
      const b = ev(node.b);
      if (b === UNKNOWN) return UNKNOWN;
      return compareValues(node.code, a, b);
    }
    case 'regex': {
      const a = ev(node.a);
      if (a === UNKNOWN || a.t !== 'str') return UNKNOWN;
      return bool(posixRegexMatches(node.re, a.bytes));
    }
    case 'geo': {
      const a = ev(node.a);
      if (a === UNKNOWN) return UNKNOWN;
      const b = ev(node.b);
      if (b === UNKNOWN) return UNKNOWN;
      const ga = geoShape(node.a, a);
      const gb = geoShape(node.b, b);
      if (ga === undefined || gb === undefined) return UNKNOWN;
      return bool(geoMatches(ga, gb));
    }
    case 'in-list': {
      const a = ev(node.a);
      if (a === UNKNOWN) return UNKNOWN;
      const b = ev(node.b);
      if (b === UNKNOWN) return UNKNOWN;
      return inList(a, b);
    }
    case 'and': {
      let unknown = false;
      for (const arg of node.args) {
        const v = isTrue(ev(arg));
        if (v === false) return bool(false);
        if (v === undefined) unknown = true;
      }
      return unknown ? UNKNOWN : bool(true);
    }
    case 'or': {
      let unknown = false;
      for (const arg of node.args) {
        const v = isTrue(ev(arg));
        if (v === true) return bool(true);
        if (v === undefined) unknown = true;
      }
      return unknown ? UNKNOWN : bool(false);
    }
    case 'exclusive': {
      let seen = false;
      for (const arg of node.args) {
        const v = isTrue(ev(arg));
        if (v === undefined) return UNKNOWN;
        if (v) {
          if (seen) return bool(false);
          seen = true;
        }
      }
      return bool(seen);
    }
    case 'not': {
      const v = isTrue(ev(node.a));
      return v === undefined ? UNKNOWN : bool(!v);
    }
    case 'math':
      return evaluateMath(node.code, node.float, node.args, ev);
    case 'meta':
      return evaluateMeta(node.code, node.mod, env.record, env);
    case 'key':
      return evaluateKey(node.type, env.record);
    case 'bin': {
      const p = env.record?.bins.get(node.name);
      if (p === undefined || p.type !== node.ptype) return UNKNOWN;
      return fromParticle(p) ?? UNKNOWN;
    }
    case 'bin-type': {
      if (env.record === undefined) return UNKNOWN;
      return { t: 'int', v: BigInt(env.record.bins.get(node.name)?.type ?? 0) };
    }
    case 'remove':
      return { t: 'remove' };
    case 'map-kv': {
      const a = ev(node.a);
      return a === UNKNOWN ? UNKNOWN : mapKeysOrValues(a, node.values);
    }
    case 'cond': {
      for (const [test, value] of node.cases) {
        const v = isTrue(ev(test));
        if (v === undefined) return UNKNOWN;
        if (v) return ev(value);
      }
      return ev(node.otherwise);
    }
    case 'var':
      return env.vars[node.idx] ?? UNKNOWN;
    case 'let':
      for (const d of node.defs) env.vars[d.idx] = ev(d.value);
      return ev(node.scope);
    case 'call':
      return evaluateCall(node.type, node.system, node.parts, node.target, ev);
  }
}
