import { gramF64 } from '../../knn/index.js';
import { columnMeans, type DenseMatrix } from '../../estimators/matrix.js';

const BLOCK_ROWS = 4096;

/**
 * Linear CKA (Kornblith et al. 2019, eq. 5) of X and Y restricted to each group of rows, each
 * column-centred within the group: ‖YᵀX‖²_F / (‖XᵀX‖_F ‖YᵀY‖_F), in float64. Never an n×n matrix:
 * rows are split into cells (the rows that belong to the same groups), each cell's Gram matrix
 * ZᵀZ of Z = [X | Y] (globally centred) is one float64 Gemm per block of rows (onnxruntime), and a
 * group's centred Gram is Σ cells − s sᵀ / n_g with s the group's column sums. XᵀX, YᵀY and YᵀX are
 * blocks of it. null where a side has no variance in the group (fewer than 2 rows, identical rows).
 */
export async function linearCka(x: DenseMatrix, y: DenseMatrix, groups: readonly Int32Array[], threads?: number): Promise<Array<number | null>> {
  const n = x.rows;
  const dx = x.cols;
  const w = dx + y.cols;
  const mx = columnMeans(x);
  const my = columnMeans(y);
  const grams = groups.map(() => new Float64Array(w * w));
  const sums = groups.map(() => new Float64Array(w));
  const block = new Float64Array(Math.min(BLOCK_ROWS, n) * w);
  for (const { rows, members } of cellsOf(n, groups)) {
    for (let start = 0; start < rows.length; start += BLOCK_ROWS) {
      const part = rows.subarray(start, start + BLOCK_ROWS);
      const z = block.subarray(0, part.length * w);
      part.forEach((r, i) => {
        for (let c = 0; c < dx; c++) z[i * w + c] = x.data[r * dx + c]! - mx[c]!;
        for (let c = 0; c < y.cols; c++) z[i * w + dx + c] = y.data[r * y.cols + c]! - my[c]!;
      });
      const g = await gramF64(z, part.length, w, threads);
      const s = new Float64Array(w);
      for (let i = 0; i < z.length; i++) s[i % w]! += z[i]!;
      for (const m of members) {
        const acc = grams[m]!;
        const sum = sums[m]!;
        for (let i = 0; i < g.length; i++) acc[i]! += g[i]!;
        for (let c = 0; c < w; c++) sum[c]! += s[c]!;
      }
    }
  }
  return groups.map((rows, m) => ckaFromGram(grams[m]!, sums[m]!, rows.length, dx, w));
}

function ckaFromGram(gram: Float64Array, sum: Float64Array, n: number, dx: number, w: number): number | null {
  if (n < 2) return null;
  let xx = 0;
  let yy = 0;
  let yx = 0;
  let scale = 0;
  for (let i = 0; i < w; i++) {
    for (let j = 0; j < w; j++) {
      const v = gram[i * w + j]! - (sum[i]! * sum[j]!) / n;
      const v2 = v * v;
      if (i < dx && j < dx) xx += v2;
      else if (i >= dx && j >= dx) yy += v2;
      else if (i >= dx) yx += v2;
      if (i === j) scale = Math.max(scale, Math.abs(gram[i * w + j]!));
    }
  }
  // Variance lost in round-off (identical rows) is no variance: 0/0 has no CKA.
  const tiny = (scale * 1e-12) ** 2;
  return xx <= tiny || yy <= tiny ? null : yx / Math.sqrt(xx * yy);
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
