// Linear CKA per group (src/analyzers/agreement/cka.ts) against the float64 reference (reference.ts),
// on an input large enough for every path: cells of rows over several row blocks, a width over
// several column panels (the last one partial), groups that overlap, and groups with no CKA.
import { describe, expect, it } from 'vitest';
import { linearCka } from '../../src/analyzers/agreement/cka.js';
import { denseMatrix, normal, seededRng } from '../../src/estimators/index.js';
import { linearCka as referenceCka } from './reference.js';

// float32 inputs widened exactly, every sum in float64: only the order of the additions differs.
const TOL = 1e-9;
const N = 4300;
const DX = 140;
const DY = 20;

function cloud(d: number, seed: number, of?: Float32Array): Float32Array {
  const rng = seededRng(seed);
  const out = new Float32Array(N * d);
  // Off-centre (the group means are far from 0) and anisotropic; Y a noisy view of X's first columns.
  for (let i = 0; i < N * d; i++) out[i] = (of ? of[Math.floor(i / d) * DX + (i % d)]! : 8 + (i % d) / 10) + normal(rng) * (1 + (i % 7));
  return out;
}

const rowsOf = (data: Float32Array, d: number, rows: Int32Array) => Array.from(rows, (r) => Array.from(data.subarray(r * d, (r + 1) * d)));
const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);

describe('linearCka', () => {
  it('equals the reference per group: overlapping groups across row blocks and column panels; null without variance', async () => {
    const x = cloud(DX, 1);
    const y = cloud(DY, 2, x);
    // Rows 100 and 101 identical in X: the pair has no variance on that side.
    x.copyWithin(101 * DX, 100 * DX, 101 * DX);
    // Cells: rows 0-2499 (in all and the second group only: two row blocks), 2500-2999, 3000 on, split by the fourth group.
    const groups = [range(0, N), range(0, 3000), range(2500, N), Int32Array.from({ length: 600 }, (_, i) => 2500 + 3 * i), Int32Array.of(7), Int32Array.of(100, 101)];
    const got = await linearCka(denseMatrix(x, N, DX), denseMatrix(y, N, DY), groups);
    expect(got.slice(4)).toEqual([null, null]);
    groups.slice(0, 4).forEach((rows, g) => {
      const want = referenceCka(rowsOf(x, DX, rows), rowsOf(y, DY, rows));
      expect(want).toBeGreaterThan(0.1);
      expect(Math.abs(got[g]! - want), `group ${g}`).toBeLessThanOrEqual(TOL);
    });
  });
});
