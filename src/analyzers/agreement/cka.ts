import { setImmediate } from 'node:timers/promises';
import { dotsF64Into } from '../../knn/index.js';
import { columnMeans, type DenseMatrix } from '../../estimators/matrix.js';

const BLOCK_ROWS = 2048;
// Columns of Z per Gemm: a panel's row of Gram entries starts at its diagonal (the upper triangle
// and a few entries more: 5/8 of the full Gram at width 512), and one call stays short, so the
// kNN worker threads' messages wait little for this thread.
const PANEL = 128;
// Rows transposed at a time: their cache lines stay in L1 while every column is written.
const TILE = 32;

/**
 * Linear CKA (Kornblith et al. 2019, eq. 5) of X and Y restricted to each group of rows, each
 * column-centred within the group: ‖YᵀX‖²_F / (‖XᵀX‖_F ‖YᵀY‖_F), in float64. Never an n×n matrix:
 * rows are split into cells (the rows that belong to the same groups), and each cell's Gram
 * matrix ZᵀZ of Z = [X | Y] (globally centred) is summed over blocks of rows, each block stored
 * transposed so that a panel of columns is a contiguous slice and its rows of the upper triangle
 * are one float64 Gemm (onnxruntime). A group's Gram is the sum of its cells', and its centred Gram
 * Σ cells − s sᵀ / n_g with s the group's column sums: the data were centred on the global means,
 * so s is the group's offset from them, not the raw sums (no cancellation of large terms).
 * XᵀX, YᵀY and YᵀX are blocks of it. null where a side has no variance in the group (fewer than
 * 2 rows, identical rows).
 */
export async function linearCka(x: DenseMatrix, y: DenseMatrix, groups: readonly Int32Array[], threads?: number): Promise<Array<number | null>> {
  const n = x.rows;
  const dx = x.cols;
  const w = dx + y.cols;
  const mx = columnMeans(x);
  const my = columnMeans(y);
  const cells = cellsOf(n, groups);
  // Yields between steps (and in each Gemm): the kNN worker threads' messages are answered meanwhile.
  await setImmediate();
  const panels = panelsOf(w);
  const size = panels.reduce((s, p) => s + (p.end - p.start) * (w - p.start), 0);
  const grams = groups.map(() => new Float64Array(size));
  const sums = groups.map(() => new Float64Array(w));
  const block = new Float64Array(Math.min(BLOCK_ROWS, Math.max(0, ...cells.map((c) => c.rows.length))) * w);
  const cellGram = new Float64Array(size);
  const scratch = new Float64Array(panels[0]!.length);
  const cellSum = new Float64Array(w);
  for (const { rows, members } of cells) {
    cellSum.fill(0);
    for (let start = 0; start < rows.length; start += BLOCK_ROWS) {
      const part = rows.subarray(start, start + BLOCK_ROWS);
      const m = part.length;
      const zt = block.subarray(0, m * w);
      putTransposed(x, mx, part, zt, 0, cellSum);
      await setImmediate();
      putTransposed(y, my, part, zt, dx, cellSum);
      for (const p of panels) {
        // A cell's first block writes its Gram in place; later blocks are added to it.
        const into = cellGram.subarray(p.offset, p.offset + p.length);
        const out = start === 0 ? into : scratch.subarray(0, p.length);
        await dotsF64Into(zt.subarray(p.start * m, p.end * m), p.end - p.start, zt.subarray(p.start * m), w - p.start, m, out, threads);
        if (out !== into) addInto(into, out);
      }
    }
    for (const g of members) {
      addInto(grams[g]!, cellGram);
      addInto(sums[g]!, cellSum);
    }
  }
  return groups.map((rows, g) => ckaFromGram(grams[g]!, sums[g]!, rows.length, dx, panels));
}

// Hot loops live in plain functions: in the async body they ran several times slower (V8 does not OSR-optimise a loop there).
function addInto(acc: Float64Array, v: Float64Array): void {
  for (let i = 0; i < v.length; i++) acc[i]! += v[i]!;
}

/** A Gemm's columns [start, end) of Z, and where its rows of the Gram, (end − start) × (w − start) from column start on, are stored. */
interface Panel {
  start: number;
  end: number;
  offset: number;
  length: number;
}

function panelsOf(w: number): Panel[] {
  const panels: Panel[] = [];
  for (let start = 0, offset = 0; start < w; start += PANEL) {
    const end = Math.min(w, start + PANEL);
    const length = (end - start) * (w - start);
    panels.push({ start, end, offset, length });
    offset += length;
  }
  return panels;
}

/** Rows `rows` of m minus `mean`, transposed: column c at zt[(offset + c)·rows.length …]; each column's sum added to sum[offset + c]. */
function putTransposed(m: DenseMatrix, mean: Float64Array, rows: Int32Array, zt: Float64Array, offset: number, sum: Float64Array): void {
  const { data, cols } = m;
  const len = rows.length;
  const at = new Int32Array(TILE);
  for (let i0 = 0; i0 < len; i0 += TILE) {
    const t1 = Math.min(TILE, len - i0);
    for (let t = 0; t < t1; t++) at[t] = rows[i0 + t]! * cols;
    for (let c = 0; c < cols; c++) {
      const mc = mean[c]!;
      const o = (offset + c) * len + i0;
      let s = 0;
      for (let t = 0; t < t1; t++) {
        const v = data[at[t]! + c]! - mc;
        zt[o + t] = v;
        s += v;
      }
      sum[offset + c]! += s;
    }
  }
}

/** CKA from a group's Gram of [X | Y] stored as panels (upper triangle and a little more) and its column sums (centring: G − s sᵀ / n). */
function ckaFromGram(gram: Float64Array, sum: Float64Array, n: number, dx: number, panels: readonly Panel[]): number | null {
  if (n < 2) return null;
  const w = sum.length;
  let xx = 0;
  let yy = 0;
  let yx = 0;
  let scale = 0;
  for (const { start, end, offset } of panels) {
    for (let i = start; i < end; i++) {
      const row = offset + (i - start) * (w - start) - start;
      const si = sum[i]! / n;
      const d = gram[row + i]! - si * sum[i]!;
      if (i < dx) xx += d * d;
      else yy += d * d;
      scale = Math.max(scale, Math.abs(gram[row + i]!));
      // Off the diagonal, XᵀX and YᵀY hold each entry twice; YᵀX once (i in X, j in Y).
      if (i < dx) {
        xx += 2 * centredSquares(gram, row, sum, si, i + 1, dx);
        yx += centredSquares(gram, row, sum, si, dx, w);
      } else {
        yy += 2 * centredSquares(gram, row, sum, si, i + 1, w);
      }
    }
  }
  // Variance lost in round-off (identical rows) is no variance: 0/0 has no CKA.
  const tiny = (scale * 1e-12) ** 2;
  return xx <= tiny || yy <= tiny ? null : yx / Math.sqrt(xx * yy);
}

/** Σ_j (G[row + j] − si·s_j)² over j in [from, to). */
function centredSquares(gram: Float64Array, row: number, sum: Float64Array, si: number, from: number, to: number): number {
  let acc = 0;
  for (let j = from; j < to; j++) {
    const v = gram[row + j]! - si * sum[j]!;
    acc += v * v;
  }
  return acc;
}

/** Rows grouped by the set of groups they belong to (each cell's Gram is computed once). */
function cellsOf(n: number, groups: readonly Int32Array[]): Array<{ rows: Int32Array; members: number[] }> {
  const memberOf: number[][] = Array.from({ length: n }, () => []);
  groups.forEach((rows, m) => rows.forEach((r) => void memberOf[r]!.push(m)));
  const cells = new Map<string, { rows: number[]; members: number[] }>();
  memberOf.forEach((members, r) => {
    if (members.length === 0) return;
    const key = members.join(',');
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { rows: [], members }));
    cell.rows.push(r);
  });
  return [...cells.values()].map((c) => ({ rows: Int32Array.from(c.rows), members: c.members }));
}
