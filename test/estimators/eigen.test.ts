// The eigenvalue-only symmetric solver against ml-matrix's EigenvalueDecomposition (an independent
// implementation, JAMA's tred2/tql2) on random, rank-deficient and degenerate matrices.
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { normal, seededRng } from '../../src/estimators/index.js';
import { symmetricEigenvalues } from '../../src/estimators/eigen.js';

function reference(a: Float64Array, n: number): number[] {
  const rows = Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));
  return new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues.sort((x, y) => y - x);
}

/** Gram matrix BᵀB of an r×n Gaussian B: symmetric positive semi-definite of rank min(r, n). */
function gram(n: number, r: number, seed: number): Float64Array {
  const rng = seededRng(seed);
  const b = Float64Array.from({ length: r * n }, () => normal(rng));
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < r; k++) a[i * n + j]! += b[k * n + i]! * b[k * n + j]!;
  return a;
}

describe('symmetricEigenvalues', () => {
  it.each([
    ['full rank 60×60', 60, 200],
    ['rank 7 in 40×40', 40, 7],
    ['full rank 3×3', 3, 10],
  ])('matches ml-matrix on %s', (_name, n, r) => {
    const a = gram(n, r, n + r);
    const got = symmetricEigenvalues(a, n);
    const want = reference(a, n);
    const scale = Math.abs(want[0]!);
    want.forEach((v, i) => expect(Math.abs(got[i]! - v)).toBeLessThanOrEqual(1e-12 * scale));
  });

  it('handles diagonal, repeated, indefinite and 1×1 matrices', () => {
    expect(Array.from(symmetricEigenvalues(Float64Array.from([2, 0, 0, 0, 5, 0, 0, 0, 2]), 3))).toEqual([5, 2, 2]);
    const indefinite = Float64Array.from([0, 1, 1, 0]);
    const got = symmetricEigenvalues(indefinite, 2);
    expect(got[0]).toBeCloseTo(1, 14);
    expect(got[1]).toBeCloseTo(-1, 14);
    expect(Array.from(symmetricEigenvalues(Float64Array.from([4]), 1))).toEqual([4]);
  });
});
