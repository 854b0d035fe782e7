import { randomInt, seededRng } from './random.js';

/** A confidence interval of one estimate. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * How the TwoNN and MLE intervals are made. Not a bootstrap over points: resampling points with
 * replacement repeats them, the kNN estimators drop the repeats and see fewer, sparser points, and
 * the intervals missed their own estimates. Instead, half-sampling without replacement: the
 * delete-d jackknife with d = n/2 (Shao & Wu 1989, Ann. Statist. 17:1176; Politis, Romano & Wolf
 * 1999, *Subsampling*, §2.2 with the √n rate of both estimators). Each half-sample of ⌊n/2⌋
 * distinct points gets its own exact kNN and estimate θ_j; for a √n-consistent statistic
 * Var(θ_j − θ̂) ≈ Var(θ̂)·(n − b)/b, which is Var(θ̂) at b = n/2, so
 * se² = mean_j (θ_j − θ̂)² and the interval is θ̂ ± 1.96·se. Deviations are taken from θ̂, not
 * from the mean of the θ_j, so a shift of the estimator with sampling density widens the interval
 * rather than moving it; the interval is symmetric about θ̂ and always contains it.
 */
export const INTERVAL_METHOD = 'half-sampling: delete-d jackknife with d = n/2 (Shao & Wu 1989), estimate ± 1.96 se';

/** Normal 97.5 % quantile: a 95 % two-sided interval. */
const Z95 = 1.959963984540054;

/** ⌊n/2⌋ distinct indices of n, seeded partial Fisher–Yates, ascending. */
export function halfSample(n: number, rng: () => number): Int32Array {
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  const b = Math.floor(n / 2);
  for (let i = 0; i < b; i++) {
    const j = i + randomInt(rng, n - i);
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, b).sort();
}

/**
 * The interval of each keyed estimate from its values on the half-samples (`halves[j][key]`).
 * `estimate[key]` is the full-sample value.
 */
export function jackknifeIntervals(estimate: Readonly<Record<string, number>>, halves: ReadonlyArray<Readonly<Record<string, number>>>): Record<string, Interval> {
  return Object.fromEntries(Object.entries(estimate).map(([key, theta]) => {
    const sq = halves.reduce((s, h) => s + (h[key]! - theta) ** 2, 0);
    const se = Math.sqrt(sq / halves.length);
    return [key, { low: theta - Z95 * se, high: theta + Z95 * se }];
  }));
}

/** The seeded random source of the half-samples. */
export const intervalRng = (seed: number) => seededRng(seed);
