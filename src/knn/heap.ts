import { typedArray } from './shared-memory.js';

/**
 * Per-row bounded max-heaps of candidate neighbours, stored flat: row r owns slots
 * [r·size, (r+1)·size). `thr[r]` mirrors the root (the largest kept key) so scans compare against
 * a contiguous array. Slots start at +∞ with index −1.
 */
export interface CandidateHeaps {
  size: number;
  keys: Float64Array;
  index: Int32Array;
  thr: Float64Array;
}

/** `shared`: in SharedArrayBuffers, so that worker threads can read the heaps in place. */
export function candidateHeaps(rows: number, size: number, shared = false): CandidateHeaps {
  return {
    size,
    keys: typedArray(Float64Array, rows * size, shared).fill(Number.POSITIVE_INFINITY),
    index: typedArray(Int32Array, rows * size, shared).fill(-1),
    thr: typedArray(Float64Array, rows, shared).fill(Number.POSITIVE_INFINITY),
  };
}

/** Replaces row r's largest key with (key, j) and restores the heap; caller checked key < thr[r]. */
export function pushCandidate(h: CandidateHeaps, r: number, j: number, key: number): void {
  const { size, keys, index } = h;
  const base = r * size;
  let pos = 0;
  for (;;) {
    const left = 2 * pos + 1;
    if (left >= size) break;
    const right = left + 1;
    let child = left;
    if (right < size && keys[base + right]! > keys[base + left]!) child = right;
    if (keys[base + child]! <= key) break;
    keys[base + pos] = keys[base + child]!;
    index[base + pos] = index[base + child]!;
    pos = child;
  }
  keys[base + pos] = key;
  index[base + pos] = j;
  h.thr[r] = keys[base]!;
}
