import type { PairTable } from './pair-table.js';

/**
 * The merge loop of CLIP's `bpe()` (openai/CLIP simple_tokenizer.py): while some adjacent pair
 * merges, take the pair of lowest rank and merge every occurrence of it in one left-to-right pass
 * (leftmost first, never overlapping). Two implementations of that one definition, over the symbol
 * ids in `word[0 .. len)`, in place; each returns the new length.
 */

/** The straightforward loop, as CLIP writes it: O(n²) per word, fastest on real words (a few bytes). */
export function mergeSimple(word: number[], len: number, pairs: PairTable): number {
  while (len > 1) {
    let best = -1;
    let bestRank = Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < len - 1; i++) {
      const rank = pairs.rank(word[i]!, word[i + 1]!);
      if (rank >= 0 && rank < bestRank) {
        bestRank = rank;
        best = i;
      }
    }
    if (best < 0) break;
    const a = word[best]!;
    const b = word[best + 1]!;
    const merged = pairs.mergedId(a, b);
    let w = 0;
    for (let i = 0; i < len; ) {
      if (i < len - 1 && word[i] === a && word[i + 1] === b) {
        word[w++] = merged;
        i += 2;
      } else {
        word[w++] = word[i++]!;
      }
    }
    len = w;
  }
  return len;
}

/** Positions fit in 27 bits (a word of up to 128 M bytes; lines stop at 16 MiB); ranks < 2^16. */
const POS = 2 ** 27;

/**
 * The same merges in O(n log n) for adversarial words (a 100,000-character "word"): the symbols
 * form a linked list, and a binary heap holds (rank, position) for every adjacent pair that merges.
 * All entries of the lowest rank are taken at once and applied in position order, skipping those
 * whose pair no longer stands there: exactly CLIP's left-to-right pass over the state before it.
 * New neighbour pairs enter the heap only after the pass, as CLIP looks for the next pair only
 * then. test/tokenizer/bpe-merge.test.ts checks it against `mergeSimple`.
 */
export function mergeLong(word: number[], len: number, pairs: PairTable): number {
  if (len >= POS) throw new Error(`BPE word of ${len} bytes is over the ${POS}-byte limit`);
  const next = new Int32Array(len);
  const prev = new Int32Array(len);
  const sym = Int32Array.from(word.slice(0, len));
  for (let i = 0; i < len; i++) {
    next[i] = i + 1 < len ? i + 1 : -1;
    prev[i] = i - 1;
  }
  const heap = new MinHeap(len);
  const push = (p: number) => {
    const q = next[p]!;
    if (p < 0 || q < 0) return;
    const rank = pairs.rank(sym[p]!, sym[q]!);
    if (rank >= 0) heap.push(rank * POS + p);
  };
  for (let i = 0; i + 1 < len; i++) push(i);
  const batch: number[] = [];
  const changed: number[] = [];
  while (heap.size > 0) {
    const rank = Math.floor(heap.peek() / POS);
    batch.length = 0;
    while (heap.size > 0 && Math.floor(heap.peek() / POS) === rank) batch.push(heap.pop() % POS);
    changed.length = 0;
    for (const p of batch) {
      const q = next[p]!;
      // A stale entry: p was merged away, or its pair changed since it was pushed.
      if (q < 0 || prev[p] === -2 || pairs.rank(sym[p]!, sym[q]!) !== rank) continue;
      sym[p] = pairs.mergedId(sym[p]!, sym[q]!);
      const r = next[q]!;
      next[p] = r;
      if (r >= 0) prev[r] = p;
      prev[q] = -2; // removed
      changed.push(p);
    }
    for (const p of changed) {
      push(prev[p]!);
      push(p);
    }
  }
  let w = 0;
  for (let p = 0; p >= 0; p = next[p]!) word[w++] = sym[p]!;
  return w;
}

/** A binary min-heap of non-negative numbers (rank · 2^27 + position: exact in a double). */
class MinHeap {
  private items: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.items = new Float64Array(Math.max(16, capacity));
  }

  peek(): number {
    return this.items[0]!;
  }

  push(x: number): void {
    if (this.size === this.items.length) {
      const grown = new Float64Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    const h = this.items;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]! <= x) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = x;
  }

  pop(): number {
    const h = this.items;
    const top = h[0]!;
    const last = h[--this.size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && h[child + 1]! < h[child]!) child++;
      if (h[child]! >= last) break;
      h[i] = h[child]!;
      i = child;
    }
    h[i] = last;
    return top;
  }
}
