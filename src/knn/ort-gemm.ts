import { ortApi, session } from './ort-session.js';

/** A (m×k) · B (n×k)ᵀ in float32; returns the m×n product, row-major. */
export async function gemmABt(a: Float32Array, m: number, b: Float32Array, n: number, k: number, threads?: number): Promise<Float32Array> {
  const s = await session('dots32', threads);
  const { Tensor } = ortApi();
  const out = await s.run({ A: new Tensor('float32', a, [m, k]), B: new Tensor('float32', b, [n, k]) });
  return out['C']!.data as Float32Array;
}

/** Aᵀ·A for A (m×k) in float64 (the block's contribution to a Gram matrix); returns k×k. */
export async function gramF64(a: Float64Array, m: number, k: number, threads?: number): Promise<Float64Array> {
  const s = await session('gram64', threads);
  const out = await s.run({ A: new (ortApi().Tensor)('float64', a, [m, k]) });
  return out['C']!.data as Float64Array;
}

/** A (m×k) · B (n×k)ᵀ in float64, written into `out` (m·n values, not shared memory): ORT fills it in place. */
export async function dotsF64Into(a: Float64Array, m: number, b: Float64Array, n: number, k: number, out: Float64Array, threads?: number): Promise<void> {
  const s = await session('dots64', threads);
  const { Tensor } = ortApi();
  await s.run({ A: new Tensor('float64', a, [m, k]), B: new Tensor('float64', b, [n, k]) }, { C: new Tensor('float64', out, [m, n]) });
}
