/**
 * TwoNN (Facco, d'Errico, Rodriguez & Laio 2017, Sci. Rep. 7:12140), with scikit-dimension's
 * conventions (`skdim.id.TwoNN`, Bac et al. 2021): μ_i = r2/r1 (self excluded), μ sorted
 * ascending, the largest discarded so that m = int(N·(1 − discard)) remain, empirical
 * F_i = i/N for i = 1..m with N counting all points (skdim at HEAD; older releases used
 * arange(m)/N, i = 0..m−1, which the reference values in shared/reference/intrinsic-dim rule out), and a least-squares line through the origin of
 * y = −log(1 − F) against x = log μ: d = Σxy / Σx².
 *
 * `r1`, `r2`: each point's first and second nearest-neighbour distances.
 */
export function twoNN(r1: ArrayLike<number>, r2: ArrayLike<number>, discardFraction = 0.1): number {
  const n = r1.length;
  const mu = Float64Array.from({ length: n }, (_, i) => (r2[i] as number) / (r1[i] as number)).sort();
  const m = Math.trunc(n * (1 - discardFraction)); // Python int() of the same float64 product
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < m; i++) {
    const x = Math.log(mu[i]!);
    const y = -Math.log(1 - (i + 1) / n);
    sxy += x * y;
    sxx += x * x;
  }
  return sxy / sxx;
}
