import type { CandidateHeaps } from './heap.js';
import { SquaredDistances } from './distance.js';

const U32 = 2 ** -24; // float32 unit round-off

/**
 * The float64 recompute of each row's candidates from the input (run by exact.ts, in worker threads
 * for large inputs), keeping the k nearest. Bounds:
 * a threshold-pass key (|x_j|² in float64 − 2 x_r·x_j through float32) is within E_r of the exact
 * one, with E_r = 2(γ_D + 3u)|x_r| max|x_j| (input rounding 2u per product, Gemm rounding
 * γ_D = Du/(1 − Du)). A selection key (computed wholly in float32: the norm rounded to float32 and
 * added to −2·dot, in whatever order ORT sums the D + 1 terms) is within
 * S_r = 2(γ_{D+2} + 3u)|x_r| max|x_j| + (γ_{D+2} + 2u) max|x_j|².
 * A point left out has selection key >= thr[r], so exact d² >= thr[r] − S_r + |x_r|²; when that
 * exceeds the k-th exact candidate distance the row is proven. Otherwise every j with threshold-pass
 * key <= s_k − |x_r|² + E_r (a superset of the true k nearest) is collected in a second pass.
 */
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
    for (let t = 0; t < h.size; t++) insertSortedKey(sortedKeys, t, h.keys[r * h.size + t]!);
    const keep = sortedKeys[k - 1]! + 2 * selectBound(r);
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

/** Insertion into the ascending prefix [0, count) of keys (a few dozen: cheaper than a sort call). */
function insertSortedKey(keys: Float64Array, count: number, key: number): void {
  let q = count;
  while (q > 0 && keys[q - 1]! > key) {
    keys[q] = keys[q - 1]!;
    q--;
  }
  keys[q] = key;
}

/**
 * Insertion into the ascending prefix [0, count) of (d2, j) pairs, ordered by d2 then j: equal
 * distances come in index order whatever order the heap held them in, so a row's neighbours are the
 * same in a whole pass and in a shard of it (the proof above puts every tie of the k-th among the candidates).
 */
function insertSorted(d2s: Float64Array, js: Int32Array, count: number, d2: number, j: number): void {
  let q = count;
  while (q > 0 && (d2s[q - 1]! > d2 || (d2s[q - 1] === d2 && js[q - 1]! > j))) {
    d2s[q] = d2s[q - 1]!;
    js[q] = js[q - 1]!;
    q--;
  }
  d2s[q] = d2;
  js[q] = j;
}
