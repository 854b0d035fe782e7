// The TwoNN and MLE 95 % intervals (half-sampling, src/estimators/intervals.ts): they contain their
// own estimates (the old with-replacement bootstrap over points did not), leave the estimates exactly
// as they are, are seeded, and follow the delete-d jackknife formula. Their coverage of the true
// dimension is measured by bench/id-intervals.mjs (docs/intrinsic-dimension.md), not asserted here.
import { describe, expect, it } from 'vitest';
import { denseMatrix, estimate, selectRows, type DenseMatrix } from '../../src/estimators/index.js';
import { halfSample, jackknifeIntervals } from '../../src/estimators/intervals.js';
import { seededRng } from '../../src/estimators/random.js';
import { ball, cube, sphere, swissRoll } from './manifolds.js';

/** A cloud where a third of the rows repeat earlier ones (what made the with-replacement intervals miss). */
function withDuplicates(m: DenseMatrix): DenseMatrix {
  return selectRows(m, Array.from({ length: m.rows }, (_, i) => (i % 3 === 2 ? i - 1 : i)));
}

const CLOUDS: Record<string, () => DenseMatrix> = {
  'ball d=5 in 10': () => ball(600, 5, 10, 1),
  'cube d=10 in 20': () => cube(600, 10, 20, 2),
  'sphere d=3': () => sphere(600, 3, 3),
  'swiss roll': () => swissRoll(600, 4),
  'ball d=8 in 16, a third duplicated': () => withDuplicates(ball(900, 8, 16, 5)),
};

describe('TwoNN and MLE intervals', () => {
  it.each(Object.keys(CLOUDS))('contain every estimate they belong to, which stay exactly as without intervals: %s', async (name) => {
    const m = CLOUDS[name]!();
    const plain = await estimate(m);
    const withIntervals = await estimate(m, { intervals: { resamples: 20, seed: 7 } });
    const { intervals, ...rest } = withIntervals;
    expect(rest).toEqual(plain);
    expect(Object.keys(intervals!.twoNN!)).toEqual(Object.keys(plain.twoNN!));
    expect(Object.keys(intervals!.mle!)).toEqual(Object.keys(plain.mle!));
    for (const [f, value] of Object.entries(plain.twoNN!)) {
      const iv = intervals!.twoNN![f]!;
      expect(iv.low).toBeLessThanOrEqual(value);
      expect(iv.high).toBeGreaterThanOrEqual(value);
      expect(iv.high).toBeGreaterThan(iv.low);
    }
    for (const [k, value] of Object.entries(plain.mle!)) {
      const iv = intervals!.mle![k]!;
      expect(iv.low).toBeLessThanOrEqual(value.mle);
      expect(iv.high).toBeGreaterThanOrEqual(value.mle);
      expect(iv.high).toBeGreaterThan(iv.low);
    }
  });

  it('are seeded, name their method, and are absent with 0 resamples or too few points per half-sample', async () => {
    const m = ball(300, 4, 8, 9);
    const a = await estimate(m, { estimators: ['twonn'], intervals: { resamples: 5, seed: 1 } });
    expect(await estimate(m, { estimators: ['twonn'], intervals: { resamples: 5, seed: 1 } })).toEqual(a);
    expect((await estimate(m, { estimators: ['twonn'], intervals: { resamples: 5, seed: 2 } })).intervals).not.toEqual(a.intervals);
    expect(a.intervals).toMatchObject({ method: expect.stringContaining('half-sampling'), resamples: 5, seed: 1 });
    expect(a.intervals!.mle).toBeUndefined();
    expect((await estimate(m, { intervals: { resamples: 0 } })).intervals).toBeUndefined();
    // 30 distinct points: half-samples of 15 cannot give MLE k = 20 (it needs 21).
    expect((await estimate(ball(30, 2, 2, 1), { estimators: ['twonn', 'mle'], mleK: [20], intervals: { resamples: 3 } })).intervals).toBeUndefined();
  });

  it('halfSample: ⌊n/2⌋ distinct indices, ascending, seeded', () => {
    const s = halfSample(101, seededRng(3));
    expect(s).toHaveLength(50);
    expect(new Set(s).size).toBe(50);
    expect([...s]).toEqual([...s].sort((x, y) => x - y));
    expect(s.every((i) => i >= 0 && i < 101)).toBe(true);
    expect(halfSample(101, seededRng(3))).toEqual(s);
  });

  it('jackknifeIntervals: estimate ± 1.96 · sqrt(mean of squared half-sample deviations)', () => {
    // Deviations +1 and −1 from 5: se = 1; deviations 3 and 4 from 0: se = sqrt(12.5).
    const iv = jackknifeIntervals({ a: 5, b: 0 }, [{ a: 6, b: 3 }, { a: 4, b: 4 }]);
    expect(iv['a']!.low).toBeCloseTo(5 - 1.959963984540054, 12);
    expect(iv['a']!.high).toBeCloseTo(5 + 1.959963984540054, 12);
    expect(iv['b']!.high).toBeCloseTo(1.959963984540054 * Math.sqrt(12.5), 12);
  });

  it('a dense matrix of one repeated point has no interval to give (no distinct neighbours)', async () => {
    const same = denseMatrix(new Float64Array(40).fill(1), 20, 2);
    await expect(estimate(same, { estimators: ['twonn'], intervals: { resamples: 2 } })).rejects.toMatchObject({ code: 'E_INPUT_FORMAT' });
  });
});
