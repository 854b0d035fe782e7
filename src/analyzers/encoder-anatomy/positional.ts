import type { EncoderAnatomy } from './schema.js';

/** Cosine similarity of every pair of rows of a [rows, width] matrix, and each row's mean similarity to rows p-1 and p+1. */
export function positionalSimilarity(values: Float32Array, rows: number, width: number): NonNullable<EncoderAnatomy['positional']> {
  const norms = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let k = 0; k < width; k++) s += values[i * width + k]! ** 2;
    norms[i] = Math.sqrt(s);
  }
  const similarity: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < rows; j++) {
      let dot = 0;
      for (let k = 0; k < width; k++) dot += values[i * width + k]! * values[j * width + k]!;
      const denom = norms[i]! * norms[j]!;
      row.push(denom > 0 ? dot / denom : 0);
    }
    similarity.push(row);
  }
  const meanNeighbourSimilarity = similarity.map((row, p) => {
    const neighbours = [p - 1, p + 1].filter((q) => q >= 0 && q < rows).map((q) => row[q]!);
    return neighbours.length === 0 ? 0 : neighbours.reduce((a, b) => a + b, 0) / neighbours.length;
  });
  return { rows, width, meanNeighbourSimilarity, similarity };
}
