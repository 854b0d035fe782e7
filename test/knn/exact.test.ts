// Exact kNN against an independent brute-force float64 computation (all pairwise distances, sorted).
import { describe, expect, it } from 'vitest';
import { denseMatrix, normal, seededRng, type DenseMatrix } from '../../src/estimators/index.js';
import { exactKnn } from '../../src/knn/index.js';
import { bruteForceKnn } from '../estimators/manifolds.js';

// The kNN sums squared differences in four interleaved partial sums, brute force in one: the same
// exact distances up to the last bits of a float64 sum.
function expectSameDistances(m: DenseMatrix, k: number, got: Float64Array): void {
  const want = bruteForceKnn(m, k);
  for (let i = 0; i < m.rows; i++) {
    const row = got.subarray(i * k, (i + 1) * k);
    want[i]!.forEach((w, t) => {
      if (Math.abs(row[t]! - w) > 1e-13 * Math.max(w, 1e-300)) expect(Array.from(row), `row ${i}`).toEqual(Array.from(want[i]!));
    });
  }
}

function randomCloud(n: number, d: number, seed: number, offset: number, Arr: typeof Float32Array | typeof Float64Array): DenseMatrix {
  const rng = seededRng(seed);
  // Anisotropic Gaussian far from the origin: the float32 Gram path must centre to stay exact.
  const data = new Arr(n * d);
  for (let i = 0; i < n * d; i++) data[i] = offset + normal(rng) * (1 + (i % d) / 4);
  return denseMatrix(data, n, d);
}

// In this thread (one ORT session) and in two worker threads (shared heaps): the same results.
describe.each([0, 2])('exactKnn (workers: %i)', (workers) => {
  it('matches brute force across several blocks (float64 input, off-centre)', async () => {
    const m = randomCloud(700, 48, 7, 100, Float64Array);
    const knn = await exactKnn(m, 20, { blockRows: 128, workers });
    expectSameDistances(m, 20, knn.distances);
    // Indices point at rows at exactly those distances, never at the row itself.
    for (let i = 0; i < m.rows; i++) {
      for (let t = 0; t < 20; t++) {
        const j = knn.indices[i * 20 + t]!;
        expect(j).not.toBe(i);
        let s = 0;
        for (let c = 0; c < m.cols; c++) s += (m.data[i * m.cols + c]! - m.data[j * m.cols + c]!) ** 2;
        expect(Math.abs(Math.sqrt(s) - knn.distances[i * 20 + t]!)).toBeLessThanOrEqual(1e-13 * Math.sqrt(s));
      }
    }
  });

  it('matches brute force on float32 input', async () => {
    const m = randomCloud(400, 256, 11, 0, Float32Array);
    expectSameDistances(m, 10, (await exactKnn(m, 10, { blockRows: 96, workers })).distances);
  });

  it('stays exact on a lattice full of ties, with a threshold pass for the rows it cannot prove', async () => {
    const pts: number[] = [];
    for (let x = 0; x < 10; x++) for (let y = 0; y < 10; y++) for (let z = 0; z < 10; z++) pts.push(x, y, z);
    const m = denseMatrix(Float64Array.from(pts), 1000, 3);
    const knn = await exactKnn(m, 6, { blockRows: 300, margin: 0, workers });
    expectSameDistances(m, 6, knn.distances);
    expect(knn.rescannedRows).toBeGreaterThan(0);
  });

  it('matches brute force when rows arrive sorted along a curve (the block filter sees poor early thresholds)', async () => {
    const rng = seededRng(5);
    const n = 600, d = 8;
    const data = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) data[i * d + c] = Math.sin((i / n) * (c + 1) * 3) + 0.01 * normal(rng);
    const m = denseMatrix(data, n, d);
    expectSameDistances(m, 12, (await exactKnn(m, 12, { blockRows: 64, workers })).distances);
    expectSameDistances(m, 3, (await exactKnn(m, 3, { blockRows: 50, margin: 0, workers })).distances);
  });

  it('matches brute force with full-size tiles (diagonal tiles seeded by their group minima)', async () => {
    const m = randomCloud(2300, 12, 17, 0, Float32Array);
    const knn = await exactKnn(m, 20, { workers });
    expectSameDistances(m, 20, knn.distances);
  });

  it('handles k = n − 1 (every other point is a neighbour)', async () => {
    const m = randomCloud(25, 4, 3, 0, Float64Array);
    expectSameDistances(m, 24, (await exactKnn(m, 24, { workers })).distances);
  });

  it('rejects k outside 1..n−1', async () => {
    await expect(exactKnn(randomCloud(5, 2, 1, 0, Float64Array), 5, { workers })).rejects.toThrow(RangeError);
  });
});
