import { compare } from './msgpack-value.js';
import { lowerBound, sortedPositions, upperBound } from './order.js';

/**
 * Matching a collection's elements against a list of items (value lists, key lists), as
 * the server's offset_index_find_items does: the items are sorted, each element is looked
 * up among them, and optionally each item gets the rank (number of elements below it)
 * and count of equal elements.
 */

/** Outcome of {@link findItems}. */
export interface FoundItems {
  /** Per element: selected (matched, or unmatched when inverted). */
  readonly mask: boolean[];
  /** Number of selected elements. */
  readonly count: number;
  /** Item positions in sorted order. */
  readonly sortedItems: number[];
  /** Per item position: elements below it and elements equal to it (when ranks were asked for). */
  readonly rc: { rank: number; count: number }[];
}

/**
 * @param elements the values to test (list elements, map keys or map values)
 * @param items the lookup items (each a packed value)
 * @param inverted select the elements that match no item
 * @param withRanks compute ranks/counts per item
 */
export function findItems(elements: readonly Buffer[], items: readonly Buffer[], inverted: boolean, withRanks: boolean): FoundItems {
  const sortedItems = sortedPositions(items.length, (i, j) => compare(items[i] as Buffer, items[j] as Buffer));
  const mask = new Array<boolean>(elements.length).fill(false);
  const rc = items.map(() => ({ rank: 0, count: 0 }));
  let count = 0;
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i] as Buffer;
    const probe = (m: number): number => compare(e, items[sortedItems[m] as number] as Buffer);
    let found: boolean;
    if (withRanks) {
      const u = upperBound(0, items.length, probe);
      found = u > 0 && probe(u - 1) === 0;
      if (found) (rc[sortedItems[u - 1] as number] as { count: number }).count++;
      if (u !== items.length) (rc[sortedItems[u] as number] as { rank: number }).rank++;
    } else {
      const l = lowerBound(0, items.length, probe);
      found = l < items.length && probe(l) === 0;
    }
    if (found !== inverted) {
      mask[i] = true;
      count++;
    }
  }
  if (withRanks) {
    for (let k = 1; k < sortedItems.length; k++) {
      const prev = rc[sortedItems[k - 1] as number] as { rank: number };
      const cur = rc[sortedItems[k] as number] as { rank: number };
      cur.rank += prev.rank;
    }
  }
  return { mask, count, sortedItems, rc };
}
