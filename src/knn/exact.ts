import type { Progress } from '../logger.js';
import { noProgress } from '../logger.js';
import { SquaredDistances } from './distance.js';
import { candidateHeaps, type CandidateHeaps } from './heap.js';
import { defaultWorkers, isInProcess, tileRunners, type TileRunner } from './pool.js';
import { refineRows, type RefineState, type RowsRunner, type Unproven } from './refine.js';
import { gemmABt } from './ort-gemm.js';
import { typedArray } from './shared-memory.js';

/** The points: `rows` × `cols` coordinates, row-major (the estimators' DenseMatrix has this shape). */
export interface Points {
  data: Float32Array | Float64Array;
  rows: number;
  cols: number;
}

export interface KnnResult {
  k: number;
  /** The rows the result holds: [first, end) (every row unless KnnOptions.rows). */
  first: number;
  end: number;
  /** (end − first)×k Euclidean distances to the k nearest other points, ascending (self excluded by index, like sklearn's `kneighbors()`). */
  distances: Float64Array;
  indices: Int32Array;
  /** Rows whose kept candidates could not be proven complete and got the threshold pass. */
  rescannedRows: number;
}

/** The kNN pass's data: the input, its centred float32 copy, centred squared norms (float64). */
export interface KnnPoints {
  m: Points;
  x32: Float32Array;
  norms: Float64Array;
  blockRows: number;
  /** onnxruntime threads of the threshold pass (default: one per core). */
  threads?: number;
}

export interface KnnOptions {
  blockRows?: number;
  /** Extra float32 candidates kept per row beyond k. */
  margin?: number;
  /** Worker threads for the tiles and the recompute; 0 runs them in this thread. Default: one per core for large inputs, else 0. */
  workers?: number;
  /**
   * The first of the process's worker threads this pass takes (default 0): passes that run at once
   * must take disjoint ones (each thread holds one pass's data).
   */
  firstWorker?: number;
  /** Threads in all (the default worker count above, and ORT's threads when the pass runs in this thread); default: one per core. */
  threads?: number;
  progress?: Progress;
  /**
   * Only these query rows' neighbours (among all points): a shard of the pass. Their rows equal the
   * whole pass's rows bit for bit (neighbours are ordered by (distance, index): ties are canonical).
   */
  rows?: { first: number; end: number };
}

/**
 * Exact k nearest neighbours. The (symmetric) matrix of keys |x_j|² − 2 x_r·x_j, which order row
 * r's neighbours like d²(r, j), is cut into blockRows × blockRows tiles of the centred data; ORT's
 * float32 Gemm computes each tile of the upper triangle, and a selection loop keeps candidates:
 * the diagonal tiles first (each row's `size` smallest keys), then the off-diagonal tiles, where
 * only keys strictly below the row's (and, for the column side, the column's) current heap
 * threshold are kept. Per-row heaps merge them. Candidates are then recomputed in float64 from the
 * input, and a rigorous float32 error bound (Higham, "Accuracy and Stability", §3.1:
 * |fl(a·b) − a·b| ≤ γ_D Σ|a_i b_i|) proves that no point outside the candidates can be closer; rows
 * where it cannot get a second, threshold pass (refine.ts).
 *
 * Why the selection is complete: a diagonal tile's scan keeps every key <= t, where `size` keys to
 * other points are <= t (the seed, scan.ts), so a key it drops is >= `size` kept keys; a key an
 * off-diagonal scan or a merge drops is >= a threshold the heap had then. Either way it is >= the
 * heap's final threshold, which never grows.
 *
 * Tiles run on TileRunners (pool.ts): worker threads for large inputs, this thread otherwise.
 */
export async function exactKnn(m: Points, k: number, options: KnnOptions = {}): Promise<KnnResult> {
  const { rows: n, cols: d } = m;
  if (!(k >= 1 && k <= n - 1)) throw new RangeError(`k = ${k} needs 1 <= k <= n - 1 (n = ${n})`);
  // Tiles live in WebAssembly memory (scan.ts): at most 4096² float32.
  const blockRows = Math.min(options.blockRows ?? 1024, n, 4096);
  const size = Math.min(n - 1, k + (options.margin ?? Math.max(8, k >> 1)));
  const progress = options.progress ?? noProgress;
  const runners = tileRunners(options.workers ?? defaultWorkers(n, options.threads), options.threads, options.firstWorker);
  const shared = !isInProcess(runners);

  const { x32, norms, norms32 } = centred(m, shared);
  const heaps = candidateHeaps(n, size, shared);
  const starts = Array.from({ length: Math.ceil(n / blockRows) }, (_, b) => b * blockRows);
  const { first, end } = options.rows ?? { first: 0, end: n };
  if (!(first >= 0 && first <= end && end <= n)) throw new RangeError(`rows ${first}..${end} are not within 0..${n}`);
  // A shard's rows meet every point through the tiles that touch their blocks (as the row or the
  // column side); the other rows' heaps take nothing (engine.ts), so no other tile is needed.
  const touches = (b0: number) => b0 < end && b0 + blockRows > first;
  const diagonal = starts.filter(touches);
  const offDiagonal = starts.flatMap((_, gap) => starts.slice(0, starts.length - gap - 1).map((i0, b) => [i0, starts[b + gap + 1]!] as const)).filter(([i0, j0]) => touches(i0) || touches(j0));
  const locks = shared ? typedArray(Int32Array, starts.length, true) : undefined;
  const sharded = first > 0 || end < n;
  await Promise.all(runners.map((r) => r.init({ n, d, blockRows, x: x32, norms: norms32, heaps, ...(locks ? { locks } : {}), ...(sharded ? { rows: { first, end } } : {}) })));

  progress.start(diagonal.length + offDiagonal.length, 'nearest neighbours');
  let done = 0;
  const phase = async (pairs: (readonly [number, number])[], diagonal: boolean) => {
    const next = typedArray(Int32Array, 1, shared);
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
  await phase(diagonal.map((i0) => [i0, i0] as const), true);
  await phase(offDiagonal, false);
  progress.stop();

  let data = m.data;
  if (shared && !(data.buffer instanceof SharedArrayBuffer)) {
    // Workers read the input from shared memory.
    data = data instanceof Float32Array ? typedArray(Float32Array, data.length, true) : typedArray(Float64Array, data.length, true);
    data.set(m.data);
  }
  const p = { m: { ...m, data }, x32, norms, blockRows, ...(options.threads === undefined ? {} : { threads: options.threads }) };
  const r = await refine(p, heaps, k, size < n - 1, { first, end }, (state) => refineSplit(runners, state, first, end));
  if (first === 0 && end === n) return r;
  return { ...r, distances: r.distances.slice(first * k, end * k), indices: r.indices.slice(first * k, end * k) };
}

/** The float64 recompute in row ranges across the runners; unproven rows come back in row order. */
async function refineSplit(runners: TileRunner[], state: RefineState, first: number, end: number): Promise<Unproven> {
  // One range per runner: each copies the points once into its distance kernel's memory.
  const at = (c: number) => first + Math.round((c * (end - first)) / runners.length);
  const parts = await Promise.all(runners.map((r, c) => r.refine(state, at(c), at(c + 1))));
  return { unproven: parts.flatMap((p) => p.unproven), limits: parts.flatMap((p) => p.limits) };
}

/** The centred data in float32, its squared norms in float64 (from the float64 centred values) and rounded to float32. */
function centred(m: Points, shared: boolean): { x32: Float32Array; norms: Float64Array; norms32: Float32Array } {
  const { data, rows: n, cols: d } = m;
  const mean = new Float64Array(d);
  for (let r = 0, o = 0; r < n; r++) for (let c = 0; c < d; c++, o++) mean[c]! += data[o]!;
  for (let c = 0; c < d; c++) mean[c]! /= Math.max(n, 1);
  const x32 = typedArray(Float32Array, n * d, shared);
  const norms = typedArray(Float64Array, n, shared);
  const norms32 = typedArray(Float32Array, n, shared);
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

/** The recompute (refine.ts) over the rows [first, end), then the threshold pass for rows it could not prove; n×k arrays, those rows filled. */
async function refine(p: KnnPoints, h: CandidateHeaps, k: number, hasOutside: boolean, range: { first: number; end: number }, rows?: RowsRunner): Promise<KnnResult> {
  const { m, norms } = p;
  const n = m.rows;
  // Worker threads write their rows' results in place when the heaps live in shared memory.
  const shared = h.keys.buffer instanceof SharedArrayBuffer;
  const state: RefineState = {
    data: m.data, cols: m.cols, norms, maxNorm2: norms.reduce((a, b) => Math.max(a, b), 0), heaps: h, k, hasOutside,
    distances: typedArray(Float64Array, n * k, shared), indices: typedArray(Int32Array, n * k, shared),
  };
  const { unproven, limits } = rows ? await rows(state) : refineRows(state, range.first, range.end);
  if (unproven.length > 0) await thresholdPass(p, unproven, limits, k, state.distances, state.indices);
  return { k, ...range, distances: state.distances, indices: state.indices, rescannedRows: unproven.length };
}

/** For each listed row, every j ≠ r whose approximate key is <= its limit, recomputed exactly; the k nearest kept. */
async function thresholdPass(p: KnnPoints, rows: number[], limits: number[], k: number, distances: Float64Array, indices: Int32Array): Promise<void> {
  const { m, x32, norms, blockRows, threads } = p;
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
      const dots = await gemmABt(a, group.length, x32.slice(j0 * d, (j0 + bj) * d), bj, d, threads);
      group.forEach((r, g) => {
        const limit = limits[f0 + g]!;
        for (let b = 0; b < bj; b++) {
          const j = j0 + b;
          if (norms[j]! - 2 * dots[g * bj + b]! <= limit && j !== r) found[g]!.push({ j, d2: sq(r, j) });
        }
      });
    }
    group.forEach((r, g) => {
      // found[g] is in index order and the sort is stable: ties stay in index order (canonical).
      const all = found[g]!.sort((x, y) => x.d2 - y.d2);
      for (let t = 0; t < k; t++) {
        distances[r * k + t] = Math.sqrt(all[t]!.d2);
        indices[r * k + t] = all[t]!.j;
      }
    });
  }
}

