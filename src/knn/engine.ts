import type ort from 'onnxruntime-node';
import { pushCandidate, type CandidateHeaps } from './heap.js';
import { TileScanner } from './scan.js';
import { session, tileInto } from './ort-session.js';

/**
 * One kNN pass as every engine sees it: `x` the centred data in float32 (n×d, row-major), `norms`
 * their squared norms rounded to float32, the candidate heaps, and (when engines run in parallel,
 * all of these in shared memory) one lock per row block guarding its rows' heaps.
 */
export interface TileData {
  n: number;
  d: number;
  blockRows: number;
  x: Float32Array;
  norms: Float32Array;
  heaps: CandidateHeaps;
  locks?: Int32Array;
  /** A shard's query rows: the other rows' heaps take nothing (their thresholds read as −∞). */
  rows?: { first: number; end: number };
}

/**
 * A phase of tiles: `tiles` holds (i0, j0) block starts in pairs (i0 = j0 for a diagonal tile);
 * engines take the next pair with Atomics.add on `next[0]`, so a phase needs no message per tile.
 */
export interface TilePhase {
  diagonal: boolean;
  tiles: Int32Array;
  next: Int32Array;
}

// The tile session per thread count, after its first (warm-up) run.
const warmed = new Map<number, Promise<ort.InferenceSession>>();

/**
 * Computes tiles −2·A·Bᵀ of the centred data with ORT's Gemm (alpha = −2: exact) straight into the
 * scanner's memory, reading the points from this thread's own copy (ORT does not take shared
 * memory), and merges the tiles' keys into the heaps.
 *
 * Keys are float32: fl(C + |b|²) for row a (ordering its neighbours like d²(a, b)), and, on the
 * column side of an off-diagonal tile, fl(C + |a|²) for column b. A diagonal tile offers every
 * pair of its block to both rows, so it is read on the row side only.
 */
export class TileEngine {
  private readonly scanner: TileScanner;
  private readonly x: Float32Array;

  private constructor(private readonly session: ort.InferenceSession, private readonly t: TileData) {
    this.scanner = new TileScanner(t.blockRows);
    this.x = t.x.buffer instanceof SharedArrayBuffer ? t.x.slice() : t.x; // slice(): a plain copy
  }

  /**
   * The tile session on `threads` intra-op threads (1 in a worker: the workers are the
   * parallelism), made once, and run once on a small product so that ORT's first-run set-up is done.
   */
  static warm(threads: number): Promise<ort.InferenceSession> {
    let s = warmed.get(threads);
    if (!s) {
      s = session('tile32', threads).then(async (tile) => {
        const d = 256;
        await tileInto(tile, new Float32Array(64 * d), 64, new Float32Array(64 * d), 64, d, new Float32Array(64 * 64));
        return tile;
      });
      warmed.set(threads, s);
    }
    return s;
  }

  static async open(t: TileData, threads: number): Promise<TileEngine> {
    return new TileEngine(await TileEngine.warm(threads), t);
  }

  /**
   * Takes tiles of the phase until none is left; `onTile` after each (progress in the main thread).
   * `stop` (shared; non-zero: the threads are being ended) is checked between tiles.
   */
  async run(phase: TilePhase, onTile?: () => void, stop?: Int32Array): Promise<void> {
    const count = phase.tiles.length / 2;
    for (let t = Atomics.add(phase.next, 0, 1); t < count; t = Atomics.add(phase.next, 0, 1)) {
      if (stop && Atomics.load(stop, 0) !== 0) throw new Error('stopped');
      const i0 = phase.tiles[2 * t]!;
      const j0 = phase.tiles[2 * t + 1]!;
      if (phase.diagonal) await this.diagonal(i0);
      else await this.offDiagonal(i0, j0);
      onTile?.();
    }
  }

  private width(start: number): number {
    return Math.min(this.t.blockRows, this.t.n - start);
  }

  private async diagonal(i0: number): Promise<void> {
    const { scanner } = this;
    const { heaps, norms } = this.t;
    const bi = this.width(i0);
    const c = await this.product(i0, bi, i0, bi);
    scanner.aNorm.set(norms.subarray(i0, i0 + bi));
    scanner.bNorm.set(norms.subarray(i0, i0 + bi));
    if (scanner.seedDiagonal(bi, heaps.size)) {
      const groups = scanner.flag(bi, bi);
      this.locked(i0, () => scanner.mergeRows(groups, bi, bi, heaps, i0, i0));
      return;
    }
    // Small blocks: each row's smallest keys by direct selection.
    const { thr } = heaps;
    this.locked(i0, () => {
      for (let a = 0; a < bi; a++) {
        const r = i0 + a;
        const base = a * bi;
        let t = thr[r]!;
        for (let b = 0; b < bi; b++) {
          // The float64 sum is below t whenever its float32 rounding is (t is a float32 value or +∞).
          const sum = c[base + b]! + norms[i0 + b]!;
          if (sum < t && b !== a) {
            const key = Math.fround(sum);
            if (key < t) {
              pushCandidate(heaps, r, i0 + b, key);
              t = thr[r]!;
            }
          }
        }
      }
    });
  }

  private async offDiagonal(i0: number, j0: number): Promise<void> {
    const { scanner } = this;
    const { heaps, norms } = this.t;
    const bi = this.width(i0);
    const bj = this.width(j0);
    await this.product(i0, bi, j0, bj);
    scanner.aNorm.set(norms.subarray(i0, i0 + bi));
    scanner.bNorm.set(norms.subarray(j0, j0 + bj));
    // Thresholds as they are now (heap keys are float32 values or +∞: the float32 copy is exact).
    this.locked(i0, () => scanner.aThr.set(heaps.thr.subarray(i0, i0 + bi)));
    this.locked(j0, () => scanner.bThr.set(heaps.thr.subarray(j0, j0 + bj)));
    if (this.t.rows) {
      onlyRows(scanner.aThr, i0, bi, this.t.rows);
      onlyRows(scanner.bThr, j0, bj, this.t.rows);
    }
    const groups = scanner.flag(bi, bj);
    this.locked(i0, () => scanner.mergeRows(groups, bi, bj, heaps, i0, j0));
    this.locked(j0, () => scanner.mergeColumns(groups, bi, bj, heaps, i0, j0));
  }

  private async product(i0: number, bi: number, j0: number, bj: number): Promise<Float32Array> {
    const { d } = this.t;
    const out = this.scanner.c.subarray(0, bi * bj);
    await tileInto(this.session, this.x.subarray(i0 * d, (i0 + bi) * d), bi, this.x.subarray(j0 * d, (j0 + bj) * d), bj, d, out);
    return out;
  }

  /** Runs `f` holding the lock of the block starting at row `start` (no lock when engines do not run in parallel). */
  private locked(start: number, f: () => void): void {
    const { locks, blockRows } = this.t;
    if (!locks) return f();
    const b = start / blockRows;
    while (Atomics.compareExchange(locks, b, 0, 1) !== 0) Atomics.wait(locks, b, 1);
    try {
      f();
    } finally {
      Atomics.store(locks, b, 0);
      Atomics.notify(locks, b, 1);
    }
  }
}

/** −∞ (nothing is kept) for the rows start.. start+width outside [first, end): a shard fills only its own rows' heaps. */
function onlyRows(thr: Float32Array, start: number, width: number, rows: { first: number; end: number }): void {
  for (let a = 0; a < width; a++) if (start + a < rows.first || start + a >= rows.end) thr[a] = Number.NEGATIVE_INFINITY;
}
