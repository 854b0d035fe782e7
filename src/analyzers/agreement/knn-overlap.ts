import type { DenseMatrix } from '../../estimators/index.js';
import { exactKnn } from '../../knn/index.js';
import type { Progress } from '../../logger.js';

export interface NeighbourOptions {
  threads?: number | undefined;
  progress?: Progress | undefined;
}

/**
 * The k nearest other rows of each row by cosine similarity, ties broken by the lower row index:
 * n×k row indices. Cosine order is Euclidean order on L2-normalized rows (|u − v|² = 2 − 2 u·v), so
 * this is the exact kNN engine on the unit rows (float64). The engine's order among equal distances
 * is unspecified, so it is asked for more neighbours than k until every row's k-th distance is
 * strictly below its last one: then all rows tied with the k-th are among them, and sorting by
 * (distance, index) picks the k.
 */
export async function cosineNeighbours(m: DenseMatrix, norms: Float64Array, k: number, options: NeighbourOptions = {}): Promise<Int32Array> {
  const { rows: n, cols } = m;
  const unit = new Float64Array(n * cols);
  for (let r = 0; r < n; r++) for (let c = 0; c < cols; c++) unit[r * cols + c] = m.data[r * cols + c]! / norms[r]!;
  const points = { data: unit, rows: n, cols };
  const knnOptions = { ...(options.threads === undefined ? {} : { threads: options.threads }), ...(options.progress ? { progress: options.progress } : {}) };
  for (let asked = Math.min(n - 1, k + 8); ; asked = Math.min(n - 1, asked * 2)) {
    const knn = await exactKnn(points, asked, knnOptions);
    const { distances: dist, indices: idx } = knn;
    const complete = (r: number) => asked === n - 1 || dist[r * asked + asked - 1]! > dist[r * asked + k - 1]!;
    let all = true;
    for (let r = 0; r < n && all; r++) all = complete(r);
    if (!all) continue;
    const out = new Int32Array(n * k);
    for (let r = 0; r < n; r++) {
      const kth = dist[r * asked + k - 1]!;
      const cand: Array<[number, number]> = [];
      for (let t = 0; t < asked && dist[r * asked + t]! <= kth; t++) cand.push([dist[r * asked + t]!, idx[r * asked + t]!]);
      cand.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
      for (let t = 0; t < k; t++) out[r * k + t] = cand[t]![1];
    }
    return out;
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
