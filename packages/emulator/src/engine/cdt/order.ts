/**
 * Ordering helpers with the server's exact selection behaviour: rank ranges of unordered
 * collections are picked with a binary heap whose layout decides which of several equal
 * elements is chosen and in which order the picks come out; the helpers here reproduce it.
 */

/** Compares two element positions: negative, zero or positive. */
export type IndexCompare = (i: number, j: number) => number;

/** Outcome of {@link heapSelect}: `heap[filled, filled + count)` holds the picked positions. */
export interface HeapSelection {
  readonly heap: number[];
  readonly filled: number;
  /** True when a min-heap was used: the picks then come out from highest to lowest rank. */
  readonly minHeap: boolean;
}

/**
 * Picks the elements of ranks `[start, start + count)` among `n` elements the way the
 * server's order heap does: a min-heap when the range is nearer the low end (then the
 * picks sit in descending rank order), else a max-heap (picks in ascending rank order).
 * Requires `start + count <= n`.
 */
export function heapSelect(n: number, start: number, count: number, cmp: IndexCompare): HeapSelection {
  const tail = n - start - count;
  const minHeap = start <= tail;
  const discard = minHeap ? start : tail;
  const want = minHeap ? -1 : 1;
  const heap: number[] = [];
  for (let i = 0; i < n; i++) heap.push(i);
  let filled = n;
  const sign = (c: number): number => (c < 0 ? -1 : c > 0 ? 1 : 0);
  const heapify = (index: number): void => {
    let i = index;
    for (;;) {
      const c1 = 2 * i + 1;
      const c2 = c1 + 1;
      if (c1 >= filled) break;
      let child: number;
      if (c2 >= filled) child = c1;
      else {
        const c = sign(cmp(heap[c1] as number, heap[c2] as number));
        child = c === want || c === 0 ? c1 : c2;
      }
      if (sign(cmp(heap[child] as number, heap[i] as number)) !== want) break;
      const t = heap[i] as number;
      heap[i] = heap[child] as number;
      heap[child] = t;
      i = child;
    }
  };
  for (let i = Math.floor(filled / 2) - 1; i >= 0; i--) heapify(i);
  let endIndex = filled - 1;
  for (let k = 0; k < count + discard; k++) {
    const top = heap[0] as number;
    filled--;
    heap[0] = heap[filled] as number;
    heapify(0);
    heap[endIndex--] = top;
  }
  return { heap, filled, minHeap };
}

/** The picked positions of a heap selection in the order the server lists them (lists: as laid out). */
export function heapPicks(sel: HeapSelection, count: number): number[] {
  return sel.heap.slice(sel.filled, sel.filled + count);
}

/** The picked positions in ascending rank order (the server reverses a min-heap's picks for maps). */
export function heapPicksAscending(sel: HeapSelection, count: number): number[] {
  const picks = heapPicks(sel, count);
  return sel.minHeap ? picks.reverse() : picks;
}

/** First position in the sorted range `[lo, hi)` whose element is not below the probe (`probe(i)` compares probe to element i). */
export function lowerBound(lo: number, hi: number, probe: (i: number) => number): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (probe(m) > 0) a = m + 1;
    else b = m;
  }
  return a;
}

/** First position in the sorted range `[lo, hi)` whose element is above the probe. */
export function upperBound(lo: number, hi: number, probe: (i: number) => number): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (probe(m) >= 0) a = m + 1;
    else b = m;
  }
  return a;
}

/** Positions `0..n-1` sorted stably by `cmp`. */
export function sortedPositions(n: number, cmp: IndexCompare): number[] {
  const idx: number[] = [];
  for (let i = 0; i < n; i++) idx.push(i);
  return idx.sort(cmp);
}
