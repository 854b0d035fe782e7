import type { Progress } from '../logger.js';
import { noProgress } from '../logger.js';
import { candidateHeaps } from './knn-heap.js';
import { defaultWorkers, isInProcess, tileRunners, type TileRunner } from './knn-pool.js';
import { refine, type KnnResult, type RefineState, type Unproven } from './knn-refine.js';
import { columnMeans, type DenseMatrix } from './matrix.js';

export type { KnnResult } from './knn-refine.js';

export interface KnnOptions {
  blockRows?: number;
  /** Extra float32 candidates kept per row beyond k. */
  margin?: number;
  /** Worker threads for the tiles and the recompute; 0 runs them in this thread. Default: one per core for large inputs, else 0. */
  workers?: number;
  progress?: Progress;
}

/**
 * Exact k nearest neighbours. The (symmetric) matrix of keys |x_j|² − 2 x_r·x_j, which order row
 * r's neighbours like d²(r, j), is cut into blockRows × blockRows tiles of the centred data; ORT's
 * float32 MatMul computes each tile of the upper triangle, and a selection loop keeps candidates:
 * the diagonal tiles first (each row's `size` smallest keys), then the off-diagonal tiles, where
 * only keys strictly below the row's (and, for the column side, the column's) current heap
 * threshold are kept. Per-row heaps merge them. Candidates are then recomputed in float64 from the
 * input, and a rigorous float32 error bound (Higham, "Accuracy and Stability", §3.1:
 * |fl(a·b) − a·b| ≤ γ_D Σ|a_i b_i|) proves that no point outside the candidates can be closer; rows
 * where it cannot get a second, threshold pass (knn-refine.ts).
 *
 * Why the selection is complete: a key a diagonal tile drops is >= `size` keys kept from its tile,
 * and a key an off-diagonal scan drops is >= a threshold the heap had when the tile was sent;
 * either way it is >= the heap's final threshold, which never grows.
 *
 * Tiles run on TileRunners (knn-pool.ts): worker threads for large inputs, this thread otherwise.
 */
export async function exactKnn(m: DenseMatrix, k: number, options: KnnOptions = {}): Promise<KnnResult> {
  const { rows: n, cols: d } = m;
  if (!(k >= 1 && k <= n - 1)) throw new RangeError(`k = ${k} needs 1 <= k <= n - 1 (n = ${n})`);
  // Tiles live in WebAssembly memory (knn-scan.ts): at most 4096² float32.
  const blockRows = Math.min(options.blockRows ?? 1024, n, 4096);
  const size = Math.min(n - 1, k + (options.margin ?? Math.max(8, k >> 1)));
  const progress = options.progress ?? noProgress;
  const runners = tileRunners(options.workers ?? defaultWorkers(n));
  const shared = !isInProcess(runners);

  const { x32, norms, norms32 } = centred(m, shared);
  const heaps = candidateHeaps(n, size, shared);
  const starts = Array.from({ length: Math.ceil(n / blockRows) }, (_, b) => b * blockRows);
  const locks = shared ? new Int32Array(new SharedArrayBuffer(4 * starts.length)) : undefined;
  await Promise.all(runners.map((r) => r.init({ n, d, blockRows, x: x32, norms: norms32, heaps, ...(locks ? { locks } : {}) })));

  progress.start((starts.length * (starts.length + 1)) / 2, 'nearest neighbours');
  let done = 0;
  const phase = async (pairs: (readonly [number, number])[], diagonal: boolean) => {
    const next = new Int32Array(shared ? new SharedArrayBuffer(4) : new ArrayBuffer(4));
    const tiles = Int32Array.from(pairs.flat());
    const base = done;
    // Workers take tiles from the shared counter: follow it for the progress bar.
    const timer = shared ? setInterval(() => progress.update((done = base + Math.min(Atomics.load(next, 0), pairs.length))), 100) : undefined;
    try {
      await Promise.all(runners.map((r) => r.run({ diagonal, tiles, next }, () => progress.update(++done))));
    } finally {
      clearInterval(timer);
    }
    done = base + pairs.length;
    progress.update(done);
  };
  // Diagonal tiles first: they seed every row's heap, so its threshold is finite before the
  // off-diagonal tiles, where only keys below the current thresholds are kept. Then band by band
  // away from the diagonal: every block meets a new partner in each band, so all rows' thresholds
  // tighten together (row by row, the column side would see stale thresholds for long).
  await phase(starts.map((i0) => [i0, i0] as const), true);
  await phase(starts.flatMap((_, gap) => starts.slice(0, starts.length - gap - 1).map((i0, b) => [i0, starts[b + gap + 1]!] as const)), false);
  progress.stop();

  let data = m.data;
  if (shared) {
    // Workers read the input from shared memory.
    data = data instanceof Float32Array ? sharedFloat32(data.length, true) : sharedFloat64(data.length, true);
    data.set(m.data);
  }
  return refine({ m: { ...m, data }, x32, norms, blockRows }, heaps, k, size < n - 1, (state) => refineSplit(runners, state, n));
}

/** The float64 recompute in row ranges across the runners; unproven rows come back in row order. */
async function refineSplit(runners: TileRunner[], state: RefineState, n: number): Promise<Unproven> {
  // One range per runner: each copies the points once into its distance kernel's memory.
  const chunks = runners.length;
  const bounds = Array.from({ length: chunks + 1 }, (_, c) => Math.round((c * n) / chunks));
  const parts: Unproven[] = new Array(chunks);
  let next = 0;
  await Promise.all(runners.map(async (r) => {
    for (let c = next++; c < chunks; c = next++) parts[c] = await r.refine(state, bounds[c]!, bounds[c + 1]!);
  }));
  return { unproven: parts.flatMap((p) => p.unproven), limits: parts.flatMap((p) => p.limits) };
}

/** The centred data in float32, its squared norms in float64 (from the float64 centred values) and rounded to float32. */
function centred(m: DenseMatrix, shared: boolean): { x32: Float32Array; norms: Float64Array; norms32: Float32Array } {
  const { data, rows: n, cols: d } = m;
  const mean = columnMeans(m);
  const x32 = sharedFloat32(n * d, shared);
  const norms = sharedFloat64(n, shared);
  const norms32 = sharedFloat32(n, shared);
  for (let r = 0, o = 0; r < n; r++) {
    let s = 0;
    for (let c = 0; c < d; c++, o++) {
      const v = data[o]! - mean[c]!;
      x32[o] = v;
      s += v * v;
    }
    norms[r] = s;
    norms32[r] = s;
  }
  return { x32, norms, norms32 };
}

function sharedFloat64(length: number, shared: boolean): Float64Array {
  return shared ? new Float64Array(new SharedArrayBuffer(length * 8)) : new Float64Array(length);
}

function sharedFloat32(length: number, shared: boolean): Float32Array {
  return shared ? new Float32Array(new SharedArrayBuffer(length * 4)) : new Float32Array(length);
}
