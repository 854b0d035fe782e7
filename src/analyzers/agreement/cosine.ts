import type { DenseMatrix } from '../../estimators/index.js';
import { quantile } from '../../estimators/index.js';
import type { CosineStats } from './schema.js';

/** Euclidean norm of each row, in float64. */
export function rowNorms(m: DenseMatrix): Float64Array {
  const { data, rows, cols } = m;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let c = r * cols; c < (r + 1) * cols; c++) s += data[c]! * data[c]!;
    out[r] = Math.sqrt(s);
  }
  return out;
}

/** cos(a_i, b_i) = a_i·b_i / (|a_i| |b_i|) per row, in float64 (the inputs widened exactly). */
export function rowCosines(a: DenseMatrix, b: DenseMatrix, normsA: Float64Array, normsB: Float64Array): Float64Array {
  const { rows, cols } = a;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let c = r * cols; c < (r + 1) * cols; c++) s += a.data[c]! * b.data[c]!;
    out[r] = s / (normsA[r]! * normsB[r]!);
  }
  return out;
}

/** mean, median, p5 (numpy's linear percentile) and min of the cosines of the listed rows. */
export function cosineStats(cosines: Float64Array, indices: Int32Array): CosineStats {
  const values = Array.from(indices, (i) => cosines[i]!).sort((x, y) => x - y);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { mean, median: quantile(values, 0.5), p5: quantile(values, 0.05), min: values[0]! };
}
