import { describe, expect, it } from 'vitest';
import { quantile, stratifiedSample } from '../../src/estimators/index.js';

describe('quantile', () => {
  it('quantile interpolates linearly like numpy (np.quantile([1, 2, 3, 4], 0.025) == 1.075)', () => {
    expect(quantile([1, 2, 3, 4], 0.025)).toBeCloseTo(1.075, 12);
    expect(quantile([1, 2, 3, 4], 0.975)).toBeCloseTo(3.925, 12);
    expect(quantile([5], 0.5)).toBe(5);
  });
});

describe('stratifiedSample', () => {
  const groups = new Map<string, number[]>([
    ['refcoco', Array.from({ length: 600 }, (_, i) => i)],
    ['lvis', Array.from({ length: 300 }, (_, i) => 600 + i)],
    ['odinw', Array.from({ length: 100 }, (_, i) => 900 + i)],
  ]);

  it('allocates in proportion to group sizes, without replacement, seeded, ascending', () => {
    const s = stratifiedSample(groups, 100, 3);
    expect(s).toHaveLength(100);
    expect(new Set(s).size).toBe(100);
    expect(s).toEqual([...s].sort((a, b) => a - b));
    expect(s.filter((i) => i < 600)).toHaveLength(60);
    expect(s.filter((i) => i >= 600 && i < 900)).toHaveLength(30);
    expect(s.filter((i) => i >= 900)).toHaveLength(10);
    expect(stratifiedSample(groups, 100, 3)).toEqual(s);
    expect(stratifiedSample(groups, 100, 4)).not.toEqual(s);
  });

  it('gives the largest remainders the leftover places and returns everything when n covers all', () => {
    const small = new Map([['a', [0, 1, 2]], ['b', [3, 4, 5]], ['c', [6, 7, 8]]]);
    const s = stratifiedSample(small, 4, 1);
    expect(s).toHaveLength(4);
    // quotas 4/3 each: one place each, the extra one to the first key by the tie rule.
    expect(s.filter((i) => i <= 2)).toHaveLength(2);
    expect(stratifiedSample(small, 50, 1)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
