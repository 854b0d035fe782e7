import { pushCandidate, type CandidateHeaps } from './heap.js';
import { kernelInstance } from './wasm.js';

/**
 * The working memory of one tile engine, inside a WebAssembly memory so that the SIMD kernel
 * (kernels.wat) reads the tile where ORT wrote it: the tile C (blockRows² float32), the rows' and
 * columns' float32 norms and thresholds, then the flagged groups (int32).
 */
export class TileScanner {
  readonly c: Float32Array;
  readonly aNorm: Float32Array;
  readonly bNorm: Float32Array;
  readonly aThr: Float32Array;
  readonly bThr: Float32Array;
  private readonly groups: Int32Array;
  private readonly mins: Float32Array;
  private readonly kernel: (c: number, bi: number, bj: number, an: number, bn: number, at: number, bt: number, out: number) => number;
  private readonly groupMins: (c: number, bi: number, bj: number, bn: number, out: number) => void;

  constructor(blockRows: number) {
    const tile = blockRows * blockRows;
    const groupsMax = 2 * blockRows * Math.ceil(blockRows / 4); // (flat index, lane mask) pairs
    const minsMax = blockRows * (blockRows >> 4);
    const bytes = 4 * (tile + 4 * blockRows + groupsMax + minsMax);
    const { memory, exports } = kernelInstance(bytes);
    this.kernel = exports['scan'] as TileScanner['kernel'];
    this.groupMins = exports['groupMins'] as TileScanner['groupMins'];
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
    offset += 4 * groupsMax;
    this.mins = new Float32Array(memory.buffer, offset, minsMax);
  }

  /**
   * Thresholds for a diagonal tile (bi×bi in `c`, bNorm set), so that its scan keeps each row's
   * `size` smallest keys to other columns without a selection over the whole row: with m_g the
   * minimum key of column group g (16 columns), the (size + 1)-th smallest m_g bounds the row's
   * size-th smallest key to another column from above (size + 1 groups hold a key <= it, at most
   * one of them only the row's own). aThr gets the next float32 above it (the scan's test is
   * strict), bThr −∞ (a diagonal tile is read on the row side only). False when the tile has too
   * few groups for the bound: the caller selects directly.
   */
  seedDiagonal(bi: number, size: number): boolean {
    const perRow = bi >> 4;
    if (perRow < size + 1) return false;
    const { c, bNorm, mins, aThr, bThr } = this;
    this.groupMins(c.byteOffset, bi, bi, bNorm.byteOffset, mins.byteOffset);
    const smallest = new Float64Array(size + 1);
    for (let a = 0; a < bi; a++) {
      let count = 0;
      for (let g = a * perRow; g < (a + 1) * perRow; g++) {
        const v = mins[g]!;
        if (count <= size) count++;
        else if (!(v < smallest[size]!)) continue;
        let q = count - 1;
        while (q > 0 && smallest[q - 1]! > v) {
          smallest[q] = smallest[q - 1]!;
          q--;
        }
        smallest[q] = v;
      }
      aThr[a] = nextUp32(smallest[size]!);
    }
    bThr.fill(Number.NEGATIVE_INFINITY, 0, bi);
    return true;
  }

  /**
   * The bi×bj tile in `c` (row-major) against aNorm/aThr (first bi) and bNorm/bThr (first bj):
   * for each group of four columns where some lane has a row key fl(c + |b|²) below its row's
   * threshold or a column key fl(c + |a|²) below its column's, the pair (flat position a·bj + b,
   * lane mask: bit l the row check of lane l, bit 4 + l its column check; 0xff for a row's partial
   * last group).
   */
  flag(bi: number, bj: number): Int32Array {
    const { c, aNorm, bNorm, aThr, bThr, groups } = this;
    return groups.subarray(0, 2 * this.kernel(c.byteOffset, bi, bj, aNorm.byteOffset, bNorm.byteOffset, aThr.byteOffset, bThr.byteOffset, groups.byteOffset));
  }

  /**
   * Row side of the flagged groups: row i0 + a takes column j0 + b, for the lanes whose row check
   * passed, when its key is below the heap's threshold now (at most the one the kernel saw). Keys
   * are recomputed with the kernel's float32 arithmetic: Math.fround of the exact float64 sum is
   * the float32 sum.
   */
  mergeRows(groups: Int32Array, _bi: number, bj: number, heaps: CandidateHeaps, i0: number, j0: number): void {
    // A diagonal tile (i0 = j0) offers each row itself: skipped.
    const diagonal = i0 === j0;
    const { c, bNorm } = this;
    const { thr } = heaps;
    for (let g = 0; g < groups.length; g += 2) {
      const flat = groups[g]!;
      const mask = groups[g + 1]! & 15;
      if (mask === 0) continue;
      const a = Math.floor(flat / bj);
      const b0 = flat - a * bj;
      const r = i0 + a;
      for (let l = 0; l < 4 && b0 + l < bj; l++) {
        if ((mask & (1 << l)) === 0) continue;
        const b = b0 + l;
        const key = Math.fround(c[flat + l]! + bNorm[b]!);
        if (key < thr[r]! && !(diagonal && b === a)) pushCandidate(heaps, r, j0 + b, key);
      }
    }
  }

  /** Column side of the flagged groups: row j0 + b takes i0 + a (see mergeRows). */
  mergeColumns(groups: Int32Array, _bi: number, bj: number, heaps: CandidateHeaps, i0: number, j0: number): void {
    const { c, aNorm } = this;
    const { thr } = heaps;
    for (let g = 0; g < groups.length; g += 2) {
      const flat = groups[g]!;
      const mask = groups[g + 1]! >> 4;
      if (mask === 0) continue;
      const a = Math.floor(flat / bj);
      const b0 = flat - a * bj;
      const na = aNorm[a]!;
      for (let l = 0; l < 4 && b0 + l < bj; l++) {
        if ((mask & (1 << l)) === 0) continue;
        const key = Math.fround(c[flat + l]! + na);
        if (key < thr[j0 + b0 + l]!) pushCandidate(heaps, j0 + b0 + l, i0 + a, key);
      }
    }
  }
}

const bits = new Float32Array(1);
const word = new Uint32Array(bits.buffer);

/** The smallest float32 above x (a float32 value; ±∞ stay). */
export function nextUp32(x: number): number {
  if (x === 0) return 2 ** -149;
  if (!Number.isFinite(x)) return x;
  bits[0] = x;
  word[0]! += x > 0 ? 1 : -1;
  return bits[0]!;
}
