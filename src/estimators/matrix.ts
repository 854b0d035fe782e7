import { LiteTextError } from '../errors.js';

/**
 * A dense row-major matrix: `rows` points of `cols` coordinates. Embeddings arrive as float32;
 * readers keep float64 sources (CSV, `<f8` .npy) as float64 so that the float64 refinement of
 * nearest-neighbour distances is exact to the user's numbers (skdim computes in float64).
 */
export interface DenseMatrix {
  data: Float32Array | Float64Array;
  rows: number;
  cols: number;
}

export function denseMatrix(data: Float32Array | Float64Array, rows: number, cols: number): DenseMatrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0 || data.length !== rows * cols) {
    throw new RangeError(`matrix data of length ${data.length} does not hold ${rows} x ${cols} values`);
  }
  return { data, rows, cols };
}

/** The rows listed in `indices`, in that order (a copy, same element type). */
export function selectRows(m: DenseMatrix, indices: ArrayLike<number>): DenseMatrix {
  const out = m.data instanceof Float64Array ? new Float64Array(indices.length * m.cols) : new Float32Array(indices.length * m.cols);
  for (let r = 0; r < indices.length; r++) {
    const src = (indices[r] as number) * m.cols;
    out.set(m.data.subarray(src, src + m.cols), r * m.cols);
  }
  return { data: out, rows: indices.length, cols: m.cols };
}

/** Rejects NaN and infinities: they have no distance and no variance. */
export function assertFinite(m: DenseMatrix, source: string): void {
  const { data, cols } = m;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const row = Math.floor(i / cols);
      throw new LiteTextError('E_INPUT_FORMAT', `${source}: row ${row + 1}, column ${(i % cols) + 1} is ${data[i]}`, 'intrinsic-dimension estimators need finite numbers; drop or fix that row');
    }
  }
}

/** Column means in float64. */
export function columnMeans(m: DenseMatrix): Float64Array {
  const mean = new Float64Array(m.cols);
  const { data, rows, cols } = m;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let c = 0; c < cols; c++) mean[c]! += data[o + c]!;
  }
  for (let c = 0; c < cols; c++) mean[c]! /= Math.max(rows, 1);
  return mean;
}

/** Rows [start, end) minus `mean`, computed in float64 and stored in `out` (float32 or float64). */
export function centredRows<T extends Float32Array | Float64Array>(m: DenseMatrix, mean: Float64Array, start: number, end: number, out: T): T {
  const { data, cols } = m;
  for (let r = start, w = 0; r < end; r++) {
    const o = r * cols;
    for (let c = 0; c < cols; c++, w++) out[w] = data[o + c]! - mean[c]!;
  }
  return out;
}
