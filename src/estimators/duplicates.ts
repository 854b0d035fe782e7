import type { DenseMatrix } from './matrix.js';

/**
 * Indices of the first occurrence of each distinct row (rows equal value by value; −0 equals 0).
 * Zero distances break TwoNN (r1 = 0) and MLE (log(T_k/0)), so the kNN estimators run on these.
 */
export function uniqueRowIndices(m: DenseMatrix): Int32Array {
  const { data, rows, cols } = m;
  const buckets = new Map<number, number[]>();
  const keep: number[] = [];
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  // float32 input: hash its own bit patterns (one word a value), no float64 round trip.
  const words32 = data instanceof Float32Array ? new Uint32Array(data.buffer, data.byteOffset, data.length) : undefined;
  for (let r = 0; r < rows; r++) {
    let hash = 0x811c9dc5; // FNV-1a over each value's bit pattern
    if (words32) {
      for (let c = r * cols; c < (r + 1) * cols; c++) {
        const w = words32[c]!;
        hash = Math.imul(hash ^ (w === 0x80000000 ? 0 : w), 0x01000193); // −0 hashes as 0
      }
    } else {
      for (let c = 0; c < cols; c++) {
        bits[0] = data[r * cols + c]! + 0; // + 0 turns −0 into 0
        hash = Math.imul(hash ^ words[0]!, 0x01000193);
        hash = Math.imul(hash ^ words[1]!, 0x01000193);
      }
    }
    const bucket = buckets.get(hash);
    if (bucket?.some((q) => rowsEqual(data, cols, q, r))) continue;
    if (bucket) bucket.push(r);
    else buckets.set(hash, [r]);
    keep.push(r);
  }
  return Int32Array.from(keep);
}

function rowsEqual(data: Float32Array | Float64Array, cols: number, p: number, q: number): boolean {
  for (let c = 0; c < cols; c++) if (data[p * cols + c] !== data[q * cols + c]) return false;
  return true;
}
