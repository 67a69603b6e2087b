/**
 * The built form of an expression: a tree checked the way the server checks it while it
 * builds, ready to evaluate against records.
 */
import type { ExpValue } from './exp-values.js';
import type { GeoShape } from './ops/geo-shape.js';

/** A piece of a collection call's operation: bytes as sent, or an argument to evaluate. */
export type CallPart = { readonly raw: Buffer } | { readonly arg: ExpTree };

/** One node. */
export type ExpTree =
  /** `unknown()`, and builtin variables (only bound inside collection selects). */
  | { readonly k: 'unknown' }
  | { readonly k: 'value'; readonly v: ExpValue; readonly geo?: GeoShape }
  | { readonly k: 'compare'; readonly code: number; readonly a: ExpTree; readonly b: ExpTree }
  | { readonly k: 'regex'; readonly re: RegExp; readonly a: ExpTree }
  | { readonly k: 'geo'; readonly a: ExpTree; readonly b: ExpTree }
  | { readonly k: 'in-list'; readonly a: ExpTree; readonly b: ExpTree }
  | { readonly k: 'and' | 'or' | 'exclusive'; readonly args: readonly ExpTree[] }
  | { readonly k: 'not'; readonly a: ExpTree }
  /** Arithmetic and integer operations; `float` tells the variadic ones which arithmetic applies. */
  | { readonly k: 'math'; readonly code: number; readonly args: readonly ExpTree[]; readonly float: boolean }
  | { readonly k: 'meta'; readonly code: number; readonly mod: number }
  | { readonly k: 'key'; readonly type: 'int' | 'str' | 'blob' }
  | { readonly k: 'bin'; readonly name: string; readonly ptype: number }
  | { readonly k: 'bin-type'; readonly name: string }
  | { readonly k: 'remove' }
  | { readonly k: 'map-kv'; readonly values: boolean; readonly a: ExpTree }
  | { readonly k: 'cond'; readonly cases: readonly (readonly [ExpTree, ExpTree])[]; readonly otherwise: ExpTree }
  | { readonly k: 'var'; readonly idx: number }
  | { readonly k: 'let'; readonly defs: readonly { readonly idx: number; readonly value: ExpTree }[]; readonly scope: ExpTree }
  | {
      readonly k: 'call';
      /** The declared result type (a wire value type). */
      readonly type: number;
      /** The call system: 0 CDT, 1 bits, 2 HLL, with 0x40 for a local modify. */
      readonly system: number;
      /** The operation (its context wrapper included) as bytes, with its arguments to evaluate in place. */
      readonly parts: readonly CallPart[];
      /** The collection (or blob / HLL) the operation applies to. */
      readonly target: ExpTree;
    };

/** A built expression and its static result type. */
export interface BuiltExp {
  readonly tree: ExpTree;
  /** The static type of the result (a {@link VType}). */
  readonly type: number;
  /** Number of variable slots the expression uses. */
  readonly vars: number;
}
