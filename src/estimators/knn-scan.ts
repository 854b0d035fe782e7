import { pushCandidate, type CandidateHeaps } from './knn-heap.js';
import { kernelInstance } from './knn-wasm.js';

/**
 * The working memory of one tile engine, inside a WebAssembly memory so that the SIMD kernel
 * (knn-kernels.wat) reads the tile where ORT wrote it: the tile C (blockRows² float32), the rows' and
 * columns' float32 norms and thresholds, then the flagged groups (int32).
 */
export class TileScanner {
  readonly c: Float32Array;
  readonly aNorm: Float32Array;
  readonly bNorm: Float32Array;
  readonly aThr: Float32Array;
  readonly bThr: Float32Array;
  private readonly groups: Int32Array;
  private readonly kernel: (c: number, bi: number, bj: number, an: number, bn: number, at: number, bt: number, out: number) => number;

  constructor(blockRows: number) {
    const tile = blockRows * blockRows;
    const groupsMax = blockRows * Math.ceil(blockRows / 4);
    const bytes = 4 * (tile + 4 * blockRows + groupsMax);
    const { memory, exports } = kernelInstance(bytes);
    this.kernel = exports['scan'] as TileScanner['kernel'];
    let offset = 0;
    const f32 = (length: number) => {
      const view = new Float32Array(memory.buffer, offset, length);
      offset += 4 * length;
      return view;
    };
    this.c = f32(tile);
    this.aNorm = f32(blockRows);
    this.bNorm = f32(blockRows);
    this.aThr = f32(blockRows);
    this.bThr = f32(blockRows);
    this.groups = new Int32Array(memory.buffer, offset, groupsMax);
  }

  /**
   * The bi×bj tile in `c` (row-major) against aNorm/aThr (first bi) and bNorm/bThr (first bj):
   * the flat positions a·bj + b of the groups of four columns where some lane has a row key
   * fl(c + |b|²) below its row's threshold or a column key fl(c + |a|²) below its column's.
   */
  flag(bi: number, bj: number): Int32Array {
    const { c, aNorm, bNorm, aThr, bThr, groups } = this;
    return groups.subarray(0, this.kernel(c.byteOffset, bi, bj, aNorm.byteOffset, bNorm.byteOffset, aThr.byteOffset, bThr.byteOffset, groups.byteOffset));
  }

  /**
   * Row side of the flagged groups: row i0 + a takes column j0 + b when its key is below the heap's
   * threshold now (at most the one the kernel saw). The lanes are re-checked with the kernel's
   * float32 arithmetic: Math.fround of the exact float64 sum is the float32 sum.
   */
  mergeRows(groups: Int32Array, bi: number, bj: number, heaps: CandidateHeaps, i0: number, j0: number): void {
    const { c, bNorm } = this;
    const { thr } = heaps;
    for (let g = 0; g < groups.length; g++) {
      const flat = groups[g]!;
      const a = Math.floor(flat / bj);
      const b0 = flat - a * bj;
      const r = i0 + a;
      for (let b = b0; b < Math.min(b0 + 4, bj); b++) {
        const key = Math.fround(c[flat + b - b0]! + bNorm[b]!);
        if (key < thr[r]!) pushCandidate(heaps, r, j0 + b, key);
      }
    }
  }

  /** Column side of the flagged groups: row j0 + b takes i0 + a (see mergeRows). */
  mergeColumns(groups: Int32Array, bi: number, bj: number, heaps: CandidateHeaps, i0: number, j0: number): void {
    const { c, aNorm } = this;
    const { thr } = heaps;
    for (let g = 0; g < groups.length; g++) {
      const flat = groups[g]!;
      const a = Math.floor(flat / bj);
      const b0 = flat - a * bj;
      const na = aNorm[a]!;
      for (let b = b0; b < Math.min(b0 + 4, bj); b++) {
        const key = Math.fround(c[flat + b - b0]! + na);
        if (key < thr[j0 + b]!) pushCandidate(heaps, j0 + b, i0 + a, key);
      }
    }
  }
}
