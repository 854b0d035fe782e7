/**
 * Levina & Bickel (2005, NIPS) maximum-likelihood intrinsic dimension, as scikit-dimension's
 * `skdim.id.MLE` (no noise model, unbiased=False): per point d_i = (k − 1) / Σ_{j=1..k} log(T_k / T_j)
 * over its k nearest other points. `mle` combines as MacKay & Ghahramani (2005) proposed,
 * 1 / mean(1/d_i); `mean` and `median` are the plain combinations.
 */
export interface MleEstimate {
  mle: number;
  mean: number;
  median: number;
}

/**
 * Pointwise estimates from an n×kAll distance table (ascending rows), using the first k columns.
 * `unbiased` uses k − 2 in the numerator (skdim's unbiased=True, Levina & Bickel §3).
 */
export function mlePointwise(distances: Float64Array, kAll: number, k: number, unbiased = false): Float64Array {
  const n = distances.length / kAll;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * kAll;
    const tk = distances[row + k - 1]!;
    let s = 0;
    for (let j = 0; j < k; j++) s += Math.log(tk / distances[row + j]!);
    out[i] = (unbiased ? k - 2 : k - 1) / s;
  }
  return out;
}

export function combineMle(pointwise: Float64Array): MleEstimate {
  const n = pointwise.length;
  let inv = 0;
  let sum = 0;
  for (const v of pointwise) {
    inv += 1 / v;
    sum += v;
  }
  return { mle: 1 / (inv / n), mean: sum / n, median: median(pointwise) };
}

/** numpy.median: the middle value, or the mean of the two middle values. */
export function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}
