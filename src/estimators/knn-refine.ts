import type { CandidateHeaps } from './knn-heap.js';
import { SquaredDistances } from './knn-distance.js';
import type { DenseMatrix } from './matrix.js';
import { gemmABt } from './ort-gemm.js';

export interface KnnResult {
  k: number;
  /** n×k Euclidean distances to the k nearest other points, ascending (self excluded by index, like sklearn's `kneighbors()`). */
  distances: Float64Array;
  indices: Int32Array;
  /** Rows whose kept candidates could not be proven complete and got the threshold pass. */
  rescannedRows: number;
}

/** The kNN pass's data: the input, its centred float32 copy, centred squared norms (float64). */
export interface KnnPoints {
  m: DenseMatrix;
  x32: Float32Array;
  norms: Float64Array;
  blockRows: number;
}

const U32 = 2 ** -24; // float32 unit round-off

/**
 * Recomputes each row's candidates in float64 from the input and keeps the k nearest. Bounds:
 * a threshold-pass key (|x_j|² in float64 − 2 x_r·x_j through float32) is within E_r of the exact
 * one, with E_r = 2(γ_D + 3u)|x_r| max|x_j| (input rounding 2u per product, Gemm rounding
 * γ_D = Du/(1 − Du)). A selection key (computed wholly in float32: the norm rounded to float32 and
 * added to −2·dot, in whatever order ORT sums the D + 1 terms) is within
 * S_r = 2(γ_{D+2} + 3u)|x_r| max|x_j| + (γ_{D+2} + 2u) max|x_j|².
 * A point left out has selection key >= thr[r], so exact d² >= thr[r] − S_r + |x_r|²; when that
 * exceeds the k-th exact candidate distance the row is proven. Otherwise every j with threshold-pass
 * key <= s_k − |x_r|² + E_r (a superset of the true k nearest) is collected in a second pass.
 */
export async function refine(p: KnnPoints, h: CandidateHeaps, k: number, hasOutside: boolean, rows?: RowsRunner): Promise<KnnResult> {
  const { m, norms } = p;
  const n = m.rows;
  // Worker threads write their rows' results in place when the heaps live in shared memory.
  const buffer = (bytes: number) => (h.keys.buffer instanceof SharedArrayBuffer ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const state: RefineState = {
    data: m.data, cols: m.cols, norms, maxNorm2: norms.reduce((a, b) => Math.max(a, b), 0), heaps: h, k, hasOutside,
    distances: new Float64Array(buffer(n * k * 8)), indices: new Int32Array(buffer(n * k * 4)),
  };
  const { unproven, limits } = rows ? await rows(state) : refineRows(state, 0, n);
  if (unproven.length > 0) await thresholdPass(p, unproven, limits, k, state.distances, state.indices);
  return { k, distances: state.distances, indices: state.indices, rescannedRows: unproven.length };
}

/** What the float64 recompute of rows needs: every array may live in shared memory, so workers can take row ranges. */
export interface RefineState {
  /** The input, n×cols, as given (float32 or float64). */
  data: Float32Array | Float64Array;
  cols: number;
  /** Centred squared norms (float64) and their maximum. */
  norms: Float64Array;
  maxNorm2: number;
  heaps: CandidateHeaps;
  k: number;
  /** Whether some point was left out of a row's candidates (false when every other point is one). */
  hasOutside: boolean;
  /** Output, n×k: written for proven rows. */
  distances: Float64Array;
  indices: Int32Array;
}

/** Runs the recompute over all rows (split among workers, say); returns the unproven rows and their limits in row order. */
export type RowsRunner = (state: RefineState) => Promise<Unproven>;

export interface Unproven {
  unproven: number[];
  limits: number[];
}

/** The recompute for rows [r0, r1): proven rows are written to `distances`/`indices`; the others are returned. */
export function refineRows(s: RefineState, r0: number, r1: number): Unproven {
  const { data, cols: d, norms, maxNorm2, heaps: h, k, hasOutside, distances, indices } = s;
  const gamma = (d * U32) / (1 - d * U32);
  const bound = (r: number) => 2 * (gamma + 3 * U32) * Math.sqrt(norms[r]! * maxNorm2) + 1e-12 * (norms[r]! + maxNorm2);
  const gamma2 = ((d + 2) * U32) / (1 - (d + 2) * U32);
  const selectBound = (r: number) => 2 * (gamma2 + 3 * U32) * Math.sqrt(norms[r]! * maxNorm2) + (gamma2 + 2 * U32) * maxNorm2 + 1e-12 * (norms[r]! + maxNorm2);
  const candD2 = new Float64Array(h.size);
  const candJ = new Int32Array(h.size);
  const unproven: number[] = [];
  const limits: number[] = [];
  const sortedKeys = new Float64Array(h.size);
  const { sq } = new SquaredDistances(data, d);
  for (let r = r0; r < r1; r++) {
    // A candidate whose key exceeds the k-th smallest key by more than 2·S_r is strictly farther
    // than k others (exact d² is within S_r of key + |x_r|²), so it needs no float64 recompute.
    for (let t = 0; t < h.size; t++) sortedKeys[t] = h.keys[r * h.size + t]!;
    const keep = sortedKeys.sort()[k - 1]! + 2 * selectBound(r);
    let count = 0;
    for (let s = r * h.size; s < (r + 1) * h.size; s++) {
      const j = h.index[s]!;
      if (j >= 0 && h.keys[s]! <= keep) insertSorted(candD2, candJ, count++, sq(r, j), j);
    }
    if (hasOutside && !(h.thr[r]! - selectBound(r) + norms[r]! > candD2[k - 1]!)) {
      unproven.push(r);
      limits.push(candD2[k - 1]! - norms[r]! + bound(r));
      continue;
    }
    for (let t = 0; t < k; t++) {
      distances[r * k + t] = Math.sqrt(candD2[t]!);
      indices[r * k + t] = candJ[t]!;
    }
  }
  return { unproven, limits };
}

/** For each listed row, every j ≠ r whose approximate key is <= its limit, recomputed exactly; the k nearest kept. */
async function thresholdPass(p: KnnPoints, rows: number[], limits: number[], k: number, distances: Float64Array, indices: Int32Array): Promise<void> {
  const { m, x32, norms, blockRows } = p;
  const { rows: n, cols: d } = m;
  const { sq } = new SquaredDistances(m.data, d);
  for (let f0 = 0; f0 < rows.length; f0 += blockRows) {
    const group = rows.slice(f0, f0 + blockRows);
    const a = new Float32Array(group.length * d);
    group.forEach((r, g) => a.set(x32.subarray(r * d, (r + 1) * d), g * d));
    const found: { j: number; d2: number }[][] = group.map(() => []);
    for (let j0 = 0; j0 < n; j0 += blockRows) {
      const bj = Math.min(blockRows, n - j0);
      // slice(): a plain copy when x32 lives in shared memory, which ORT does not take.
      const dots = await gemmABt(a, group.length, x32.slice(j0 * d, (j0 + bj) * d), bj, d);
      group.forEach((r, g) => {
        const limit = limits[f0 + g]!;
        for (let b = 0; b < bj; b++) {
          const j = j0 + b;
          if (norms[j]! - 2 * dots[g * bj + b]! <= limit && j !== r) found[g]!.push({ j, d2: sq(r, j) });
        }
      });
    }
    group.forEach((r, g) => {
      const all = found[g]!.sort((x, y) => x.d2 - y.d2);
      for (let t = 0; t < k; t++) {
        distances[r * k + t] = Math.sqrt(all[t]!.d2);
        indices[r * k + t] = all[t]!.j;
      }
    });
  }
}

/** Insertion into the ascending prefix [0, count) of (d2, j) pairs. */
function insertSorted(d2s: Float64Array, js: Int32Array, count: number, d2: number, j: number): void {
  let q = count;
  while (q > 0 && d2s[q - 1]! > d2) {
    d2s[q] = d2s[q - 1]!;
    js[q] = js[q - 1]!;
    q--;
  }
  d2s[q] = d2;
  js[q] = j;
}
