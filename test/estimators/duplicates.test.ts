import { describe, expect, it } from 'vitest';
import { denseMatrix, estimate, selectRows, uniqueRowIndices } from '../../src/estimators/index.js';
import { ball } from './manifolds.js';

describe('duplicate rows', () => {
  it('keeps the first of each distinct row; −0 equals 0', () => {
    const m = denseMatrix(Float64Array.from([1, 2, 3, 4, 1, 2, 0, 5, -0, 5, 3, 4]), 6, 2);
    expect(Array.from(uniqueRowIndices(m))).toEqual([0, 1, 3]);
  });

  it('are removed before TwoNN and MLE, counted, and leave the estimates of the distinct points', async () => {
    const base = ball(300, 3, 5, 42);
    const order = [...Array(300).keys(), 5, 17, 17, 299, 0];
    const withDups = selectRows(base, order);
    const got = await estimate(withDups, { estimators: ['twonn', 'mle'] });
    const want = await estimate(base, { estimators: ['twonn', 'mle'] });
    expect(got.duplicatesRemoved).toBe(5);
    expect(got.n).toBe(305);
    expect(got.twoNN).toEqual(want.twoNN);
    expect(got.mle).toEqual(want.mle);
    expect(Number.isFinite(got.twoNN!['0.1'])).toBe(true);
  });

  it('rejects a cloud with too few distinct points for k', async () => {
    const m = denseMatrix(new Float64Array(40).fill(1), 20, 2);
    await expect(estimate(m, { estimators: ['mle'] })).rejects.toMatchObject({ code: 'E_INPUT_FORMAT' });
  });
});
