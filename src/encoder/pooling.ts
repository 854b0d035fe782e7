/**
 * Pooling of one prompt's valid token rows [len, d] (start and end tokens included):
 * tokens = all rows (what SAM3 consumes); mean = their masked mean; eot = the end-of-text row (the last valid row).
 */
export const POOLINGS = ['tokens', 'mean', 'eot'] as const;
export type Pooling = (typeof POOLINGS)[number];

export function meanRow(rows: Float32Array, len: number, dim: number, out: Float32Array, at: number): void {
  const acc = new Float64Array(dim);
  for (let t = 0; t < len; t++) for (let k = 0; k < dim; k++) acc[k]! += rows[t * dim + k]!;
  for (let k = 0; k < dim; k++) out[at + k] = acc[k]! / len;
}

export function eotRow(rows: Float32Array, len: number, dim: number, out: Float32Array, at: number): void {
  out.set(rows.subarray((len - 1) * dim, len * dim), at);
}

/** Derives `mean` or `eot` rows from a `tokens` result (rows offsets[i]..offsets[i+1] per prompt), so one run serves every pooling. */
export function poolTokens(tokens: { data: Float32Array; cols: number; offsets: readonly number[] }, pooling: 'mean' | 'eot'): { data: Float32Array; rows: number; cols: number } {
  const n = tokens.offsets.length - 1;
  const dim = tokens.cols;
  const out = new Float32Array(n * dim);
  const reduce = pooling === 'mean' ? meanRow : eotRow;
  for (let i = 0; i < n; i++) {
    const a = tokens.offsets[i]!;
    reduce(tokens.data.subarray(a * dim, tokens.offsets[i + 1]! * dim), tokens.offsets[i + 1]! - a, dim, out, i * dim);
  }
  return { data: out, rows: n, cols: dim };
}
