import { kernelInstance, MAX_KERNEL_BYTES } from './wasm.js';

/**
 * Exact squared distances between rows of the user's points, in float64 (float32 input is
 * widened, exactly), for the recompute of kNN candidates. The points are copied once into a
 * WebAssembly memory and summed there with SIMD (dist32/dist64 in kernels.wat); inputs too
 * large for that memory take a JavaScript loop that sums in the same order, so both give the same
 * bits.
 */
export class SquaredDistances {
  readonly sq: (r: number, j: number) => number;

  constructor(data: Float32Array | Float64Array, d: number) {
    const width = data.BYTES_PER_ELEMENT;
    if (data.byteLength > MAX_KERNEL_BYTES) {
      this.sq = (r, j) => sqDistJs(data, d, r, j);
      return;
    }
    const { memory, exports } = kernelInstance(data.byteLength);
    if (data instanceof Float32Array) new Float32Array(memory.buffer, 0, data.length).set(data);
    else new Float64Array(memory.buffer, 0, data.length).set(data);
    const kernel = exports[width === 4 ? 'dist32' : 'dist64'] as (p: number, q: number, d: number) => number;
    const stride = d * width;
    this.sq = (r, j) => kernel(r * stride, j * stride, d);
  }
}

/** Σ (x_r − x_j)² in float64 in the kernels' order: columns 0..3 mod 4 in four sums, ((s0 + s2) + (s1 + s3)) + tail. */
export function sqDistJs(data: Float32Array | Float64Array, d: number, r: number, j: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let tail = 0;
  const p = r * d;
  const q = j * d;
  let c = 0;
  for (; c + 4 <= d; c += 4) {
    const e0 = data[p + c]! - data[q + c]!;
    const e1 = data[p + c + 1]! - data[q + c + 1]!;
    const e2 = data[p + c + 2]! - data[q + c + 2]!;
    const e3 = data[p + c + 3]! - data[q + c + 3]!;
    s0 += e0 * e0;
    s1 += e1 * e1;
    s2 += e2 * e2;
    s3 += e3 * e3;
  }
  for (; c < d; c++) {
    const e = data[p + c]! - data[q + c]!;
    tail += e * e;
  }
  return s0 + s2 + (s1 + s3) + tail;
}
