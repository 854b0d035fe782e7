import type { Progress } from '../logger.js';
import { noProgress } from '../logger.js';
import { candidateHeaps, pushCandidate, type CandidateHeaps } from './knn-heap.js';
import { refine, type KnnResult } from './knn-refine.js';
import { centredRows, columnMeans, type DenseMatrix } from './matrix.js';
import { filterBlock, rowTopK, type BlockKeys } from './ort-gemm.js';

export type { KnnResult } from './knn-refine.js';

export interface KnnOptions {
  blockRows?: number;
  /** Extra float32 candidates kept per row beyond k. */
  margin?: number;
  progress?: Progress;
}

/**
 * Exact k nearest neighbours. Keys |x_j|² − 2 x_r·x_j (ordering row r's neighbours like d²(r, j)) of
 * the centred data are computed and selected in float32 inside ORT, block by block: the diagonal
 * blocks first (TopK: each row's k + margin smallest keys), then the upper-triangle off-diagonal
 * blocks, where only keys strictly below the row's (and, for the column side, the column's) current
 * heap threshold leave ORT. Per-row heaps merge them. Candidates are then recomputed in float64 from
 * the input, and a rigorous float32 error bound (Higham, "Accuracy and Stability", §3.1:
 * |fl(a·b) − a·b| ≤ γ_D Σ|a_i b_i|) proves that no point outside the candidates can be closer; rows
 * where it cannot get a second, threshold pass (knn-refine.ts).
 *
 * Why the selection is complete: a key TopK drops is >= `size` keys offered from its block, and a
 * key the filter drops is >= a threshold the heap had then; either way it is >= the heap's final
 * threshold, which never grows.
 */
export async function exactKnn(m: DenseMatrix, k: number, options: KnnOptions = {}): Promise<KnnResult> {
  const { rows: n, cols: d } = m;
  if (!(k >= 1 && k <= n - 1)) throw new RangeError(`k = ${k} needs 1 <= k <= n - 1 (n = ${n})`);
  // Flat indices into a block travel as int32: blocks stay under 2³¹ entries.
  const blockRows = Math.min(options.blockRows ?? 2048, n, 32768);
  const size = Math.min(n - 1, k + (options.margin ?? Math.max(8, k >> 1)));
  const progress = options.progress ?? noProgress;

  const mean = columnMeans(m);
  const x32 = centredRows(m, mean, 0, n, new Float32Array(n * d));
  const norms = new Float64Array(n);
  const row64 = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    centredRows(m, mean, r, r + 1, row64);
    let s = 0;
    for (let c = 0; c < d; c++) s += row64[c]! * row64[c]!;
    norms[r] = s;
  }
  const norms32 = Float32Array.from(norms);

  const heaps = candidateHeaps(n, size);
  const blocks = Math.ceil(n / blockRows);
  progress.start((blocks * (blocks + 1)) / 2, 'nearest neighbours');
  let done = 0;
  // Diagonal blocks first: TopK seeds every row's heap, so its threshold is finite before the
  // off-diagonal blocks, where only keys below the current thresholds leave ORT.
  for (let i0 = 0; i0 < n; i0 += blockRows) {
    const bi = Math.min(blockRows, n - i0);
    const a = x32.subarray(i0 * d, (i0 + bi) * d);
    // The row itself is among its block's keys: one more so that `size` others are offered.
    const kr = Math.min(size + 1, bi);
    mergeTopK(heaps, await rowTopK(a, bi, a, bi, d, norms32.subarray(i0, i0 + bi), kr), i0, kr);
    progress.update(++done);
  }
  const thr32 = new Float32Array(n);
  for (let i0 = 0; i0 < n; i0 += blockRows) {
    const bi = Math.min(blockRows, n - i0);
    const a = x32.subarray(i0 * d, (i0 + bi) * d);
    for (let j0 = i0 + blockRows; j0 < n; j0 += blockRows) {
      const bj = Math.min(blockRows, n - j0);
      // Heap keys are float32 values (or +∞), so this copy is exact.
      thr32.set(heaps.thr.subarray(i0, i0 + bi), i0);
      thr32.set(heaps.thr.subarray(j0, j0 + bj), j0);
      const { rows, cols } = await filterBlock(
        a, bi, x32.subarray(j0 * d, (j0 + bj) * d), bj, d,
        norms32.subarray(i0, i0 + bi), norms32.subarray(j0, j0 + bj), thr32.subarray(i0, i0 + bi), thr32.subarray(j0, j0 + bj),
      );
      mergeFiltered(heaps, rows, i0, j0, bj, false);
      mergeFiltered(heaps, cols, i0, j0, bj, true);
      progress.update(++done);
    }
  }
  progress.stop();
  return refine({ m, x32, norms, blockRows }, heaps, k, size < n - 1);
}

/** A diagonal block's TopK: row i0 + a's kr keys against columns i0 + index. */
function mergeTopK(h: CandidateHeaps, top: BlockKeys, i0: number, kr: number): void {
  const { thr } = h;
  const { keys, index } = top;
  for (let s = 0; s < keys.length; s++) {
    const r = i0 + Math.floor(s / kr);
    const j = i0 + index[s]!;
    if (keys[s]! < thr[r]! && j !== r) pushCandidate(h, r, j, keys[s]!);
  }
}

/** Filtered keys at flat block positions a·bj + b: row i0 + a's candidate j0 + b, or (columns) the reverse. */
function mergeFiltered(h: CandidateHeaps, sel: BlockKeys, i0: number, j0: number, bj: number, columns: boolean): void {
  const { thr } = h;
  const { keys, index } = sel;
  for (let s = 0; s < keys.length; s++) {
    const flat = index[s]!;
    const a = Math.floor(flat / bj);
    const r = columns ? j0 + flat - a * bj : i0 + a;
    const j = columns ? i0 + a : j0 + flat - a * bj;
    if (keys[s]! < thr[r]!) pushCandidate(h, r, j, keys[s]!);
  }
}
