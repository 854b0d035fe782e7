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
