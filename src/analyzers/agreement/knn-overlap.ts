import type { DenseMatrix } from '../../estimators/index.js';
import { exactKnn, SquaredDistances, type KnnResult, type Points } from '../../knn/index.js';
import type { Progress } from '../../logger.js';

export interface NeighbourOptions {
  threads?: number | undefined;
  progress?: Progress | undefined;
  /** The kNN's worker threads: how many, and the first of the process's pool (engine defaults when absent). */
  workers?: { count: number; first: number } | undefined;
}

/** The rows scaled to unit length, in float64 (shared memory: the kNN's worker threads read it in place). */
export function unitRows(m: DenseMatrix, norms: Float64Array): Points {
  const { rows: n, cols } = m;
  const { data } = m;
  const unit = new Float64Array(new SharedArrayBuffer(n * cols * Float64Array.BYTES_PER_ELEMENT));
  for (let r = 0, o = 0; r < n; r++) {
    const norm = norms[r]!;
    for (const end = o + cols; o < end; o++) unit[o] = data[o]! / norm;
  }
  return { data: unit, rows: n, cols };
}

/** The k nearest other rows of each row by cosine similarity, ties broken by the lower row index (see unitNeighbours). */
export function cosineNeighbours(m: DenseMatrix, norms: Float64Array, k: number, options: NeighbourOptions = {}): Promise<Int32Array> {
  return unitNeighbours(unitRows(m, norms), k, options);
}

// Rows whose tie with the k-th neighbour is still open after a pass are solved by brute force when
// they are at most this share of all rows (a row costs n distances; a new pass about n/2 in Gemm, faster per pair).
const BRUTE_FORCE_SHARE = 1 / 64;

/**
 * The k nearest other rows of each unit row, n×k row indices, ties broken by the lower row index.
 * Cosine order is Euclidean order on unit rows (|u − v|² = 2 − 2 u·v), so this is the exact kNN
 * engine (float64 distances). The engine's order among equal distances is unspecified, so it is
 * asked for more neighbours than k: a row whose last distance is strictly above its k-th has all
 * rows tied with the k-th among them, and sorting them by (distance, index) picks the k. The few
 * rows where that does not hold get every distance, computed as the engine computes its own (the
 * same float64 kernel), so the tie rule sees the same values; when there are many, the engine is
 * asked again for twice as many neighbours.
 */
export async function unitNeighbours(points: Points, k: number, options: NeighbourOptions = {}): Promise<Int32Array> {
  const n = points.rows;
  const { threads, progress, workers } = options;
  const knnOptions = { ...(threads === undefined ? {} : { threads }), ...(progress ? { progress } : {}), ...(workers ? { workers: workers.count, firstWorker: workers.first } : {}) };
  let knn: KnnResult;
  let open: number[];
  for (let asked = Math.min(n - 1, k + 8); ; asked = Math.min(n - 1, asked * 2)) {
    knn = await exactKnn(points, asked, knnOptions);
    open = openTies(knn, n, k);
    if (open.length <= n * BRUTE_FORCE_SHARE) break;
  }
  const out = kNearest(knn, n, k);
  if (open.length > 0) bruteForce(points, open, k, out);
  return out;
}

/**
 * Each row's k nearest by (distance, index), from the engine's ascending neighbours: where a row's
 * first k + 1 distances (k when that is all it has) strictly increase there is no tie to break and
 * the engine's order is that order; else its rows tied with the k-th are sorted by index.
 */
function kNearest(knn: KnnResult, n: number, k: number): Int32Array {
  const out = new Int32Array(n * k);
  const { k: asked, distances: dist, indices: idx } = knn;
  const last = Math.min(asked - 1, k);
  for (let r = 0; r < n; r++) {
    const o = r * asked;
    let t = 1;
    while (t <= last && dist[o + t]! > dist[o + t - 1]!) t++;
    if (t > last) {
      out.set(idx.subarray(o, o + k), r * k);
      continue;
    }
    const kth = dist[o + k - 1]!;
    const cand: Array<[number, number]> = [];
    for (let t = 0; t < asked && dist[o + t]! <= kth; t++) cand.push([dist[o + t]!, idx[o + t]!]);
    cand.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    for (let t = 0; t < k; t++) out[r * k + t] = cand[t]![1];
  }
  return out;
}

/** Rows whose last neighbour found is not strictly farther than their k-th (none when every other row was asked for). */
function openTies(knn: KnnResult, n: number, k: number): number[] {
  const { k: asked, distances: dist } = knn;
  if (asked === n - 1) return [];
  const open: number[] = [];
  for (let r = 0; r < n; r++) if (!(dist[r * asked + asked - 1]! > dist[r * asked + k - 1]!)) open.push(r);
  return open;
}

/** The k nearest of each listed row among all rows, by (distance, index): the distances as the engine's float64 recompute gives them. */
function bruteForce(points: Points, rows: readonly number[], k: number, out: Int32Array): void {
  const { sq } = new SquaredDistances(points.data, points.cols);
  const topD = new Float64Array(k);
  const topJ = new Int32Array(k);
  for (const r of rows) {
    let count = 0;
    // j ascends: an equal distance never displaces an earlier row.
    for (let j = 0; j < points.rows; j++) {
      if (j === r) continue;
      const d = Math.sqrt(sq(r, j));
      if (count === k && !(d < topD[k - 1]!)) continue;
      let q = count < k ? count++ : k - 1;
      while (q > 0 && topD[q - 1]! > d) {
        topD[q] = topD[q - 1]!;
        topJ[q] = topJ[q - 1]!;
        q--;
      }
      topD[q] = d;
      topJ[q] = j;
    }
    out.set(topJ, r * k);
  }
}

/** |N_A(i) ∩ N_B(i)| / k per row. */
export function neighbourOverlap(a: Int32Array, b: Int32Array, n: number, k: number): Float64Array {
  const out = new Float64Array(n);
  const mark = new Int32Array(n).fill(-1);
  for (let r = 0; r < n; r++) {
    for (let t = 0; t < k; t++) mark[a[r * k + t]!] = r;
    let shared = 0;
    for (let t = 0; t < k; t++) if (mark[b[r * k + t]!] === r) shared++;
    out[r] = shared / k;
  }
  return out;
}
