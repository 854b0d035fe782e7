import type { Progress } from '../logger.js';
import { noProgress } from '../logger.js';
import { candidateHeaps, pushCandidate, type CandidateHeaps } from './knn-heap.js';
import { refine, type KnnResult } from './knn-refine.js';
import { centredRows, columnMeans, type DenseMatrix } from './matrix.js';
import { gemmABt } from './ort-gemm.js';

export type { KnnResult } from './knn-refine.js';

export interface KnnOptions {
  blockRows?: number;
  /** Extra float32 candidates kept per row beyond k. */
  margin?: number;
  progress?: Progress;
}

/**
 * Exact k nearest neighbours. Squared distances |a|² + |b|² − 2a·b of the centred data go through
 * ORT's float32 Gemm in blocks (upper-triangle block pairs only: each product serves both rows'
 * and columns' points); each row keeps its k + margin smallest keys; candidates are then recomputed
 * in float64 from the input, and a rigorous float32 error bound (Higham, "Accuracy and Stability",
 * §3.1: |fl(a·b) − a·b| ≤ γ_D Σ|a_i b_i|) proves that no point outside the candidates can be closer;
 * rows where it cannot get a second, threshold pass (knn-refine.ts).
 */
export async function exactKnn(m: DenseMatrix, k: number, options: KnnOptions = {}): Promise<KnnResult> {
  const { rows: n, cols: d } = m;
  if (!(k >= 1 && k <= n - 1)) throw new RangeError(`k = ${k} needs 1 <= k <= n - 1 (n = ${n})`);
  const blockRows = Math.min(options.blockRows ?? 2048, n);
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

  const heaps = candidateHeaps(n, size);
  const blocks = Math.ceil(n / blockRows);
  progress.start((blocks * (blocks + 1)) / 2, 'nearest neighbours');
  let done = 0;
  for (let i0 = 0; i0 < n; i0 += blockRows) {
    const bi = Math.min(blockRows, n - i0);
    const a = x32.subarray(i0 * d, (i0 + bi) * d);
    for (let j0 = i0; j0 < n; j0 += blockRows) {
      const bj = Math.min(blockRows, n - j0);
      const dots = await gemmABt(a, bi, x32.subarray(j0 * d, (j0 + bj) * d), bj, d);
      scanBlock(heaps, dots, norms, i0, bi, j0, bj);
      progress.update(++done);
    }
  }
  progress.stop();
  return refine({ m, x32, norms, blockRows }, heaps, k, size < n - 1);
}

/**
 * One pass over a block of dot products. Row side: key_j = |x_j|² − 2 x_r·x_j orders row r's
 * neighbours like d²(r, j). Column side (off-diagonal blocks): the same product serves row j.
 */
function scanBlock(h: CandidateHeaps, dots: Float32Array, norms: Float64Array, i0: number, bi: number, j0: number, bj: number): void {
  const { thr } = h;
  const diagonal = i0 === j0;
  for (let a = 0; a < bi; a++) {
    const r = i0 + a;
    const nr = norms[r]!;
    const base = a * bj;
    let t = thr[r]!;
    for (let b = 0; b < bj; b++) {
      const dot2 = 2 * dots[base + b]!;
      const j = j0 + b;
      if (norms[j]! - dot2 < t && j !== r) {
        pushCandidate(h, r, j, norms[j]! - dot2);
        t = thr[r]!;
      }
      if (!diagonal && nr - dot2 < thr[j]!) pushCandidate(h, j, r, nr - dot2);
    }
  }
}
