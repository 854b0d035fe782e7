import type { Progress } from '../logger.js';
import { noProgress } from '../logger.js';
import { candidateHeaps, pushCandidate, type CandidateHeaps } from './knn-heap.js';
import { centredRows, columnMeans, type DenseMatrix } from './matrix.js';
import { gemmABt } from './ort-gemm.js';

export interface KnnResult {
  k: number;
  /** n×k Euclidean distances to the k nearest other points, ascending (self excluded by index, like sklearn's `kneighbors()`). */
  distances: Float64Array;
  indices: Int32Array;
  /** Rows whose float32 candidate set could not be proven complete and were searched exhaustively in float64. */
  exhaustiveRows: number;
}

export interface KnnOptions {
  blockRows?: number;
  /** Extra float32 candidates kept per row beyond k. */
  margin?: number;
  progress?: Progress;
}

const U32 = 2 ** -24; // float32 unit round-off

/**
 * Exact k nearest neighbours. Squared distances |a|² + |b|² − 2a·b of the centred data go through
 * ORT's float32 Gemm in blocks (upper-triangle block pairs only: each product serves both rows'
 * and columns' points); each row keeps its k + margin smallest keys; candidates are then recomputed
 * in float64 from the input, and a rigorous float32 error bound (Higham, "Accuracy and Stability",
 * §3.1: |fl(a·b) − a·b| ≤ γ_D Σ|a_i b_i|) proves that no point outside the candidates can be closer;
 * a row where it cannot is searched exhaustively in float64.
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
  return refine(m, norms, heaps, k, size < n - 1);
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

function sqDist(data: Float32Array | Float64Array, d: number, r: number, j: number): number {
  let s = 0;
  for (let c = 0, p = r * d, q = j * d; c < d; c++) {
    const diff = data[p + c]! - data[q + c]!;
    s += diff * diff;
  }
  return s;
}

function refine(m: DenseMatrix, norms: Float64Array, h: CandidateHeaps, k: number, hasOutside: boolean): KnnResult {
  const { rows: n, cols: d, data } = m;
  const gamma = (d * U32) / (1 - d * U32);
  const maxNorm2 = norms.reduce((a, b) => Math.max(a, b), 0);
  const distances = new Float64Array(n * k);
  const indices = new Int32Array(n * k);
  const candD2 = new Float64Array(h.size);
  const candJ = new Int32Array(h.size);
  let exhaustiveRows = 0;
  for (let r = 0; r < n; r++) {
    let count = 0;
    for (let s = r * h.size; s < (r + 1) * h.size; s++) {
      const j = h.index[s]!;
      if (j >= 0) insertSorted(candD2, candJ, count++, sqDist(data, d, r, j), j);
    }
    // A point outside the candidates has approximate key >= thr[r], hence exact key >= thr[r] − E:
    // E bounds the float32 rounding of inputs (2u per product) and of the Gemm (γ_D).
    const bound = 2 * (gamma + 3 * U32) * Math.sqrt(norms[r]! * maxNorm2) + 1e-12 * (norms[r]! + maxNorm2);
    if (hasOutside && !(h.thr[r]! - bound + norms[r]! > candD2[k - 1]!)) {
      exhaustiveRows++;
      exhaustiveRow(m, r, k, distances, indices);
      continue;
    }
    for (let t = 0; t < k; t++) {
      distances[r * k + t] = Math.sqrt(candD2[t]!);
      indices[r * k + t] = candJ[t]!;
    }
  }
  return { k, distances, indices, exhaustiveRows };
}

/** Insertion into the ascending prefix [0, count) of (d2, j) pairs. */
function insertSorted(d2s: Float64Array, js: Int32Array, count: number, d2: number, j: number): void {
  let p = count;
  while (p > 0 && d2s[p - 1]! > d2) {
    d2s[p] = d2s[p - 1]!;
    js[p] = js[p - 1]!;
    p--;
  }
  d2s[p] = d2;
  js[p] = j;
}

/** Row r against every other point in float64: the fallback when the candidates cannot be proven complete. */
function exhaustiveRow(m: DenseMatrix, r: number, k: number, distances: Float64Array, indices: Int32Array): void {
  const all: { j: number; d2: number }[] = [];
  for (let j = 0; j < m.rows; j++) if (j !== r) all.push({ j, d2: sqDist(m.data, m.cols, r, j) });
  all.sort((p, q) => p.d2 - q.d2);
  for (let t = 0; t < k; t++) {
    distances[r * k + t] = Math.sqrt(all[t]!.d2);
    indices[r * k + t] = all[t]!.j;
  }
}
