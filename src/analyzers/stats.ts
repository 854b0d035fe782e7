/** Ordinary least-squares slope of y on x. */
export function slope(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    sxy += dx * (y[i]! - my);
    sxx += dx * dx;
  }
  return sxy / sxx;
}

/**
 * Whether A and B count as equal at a relative tolerance: |B − A| ≤ tolerance · max(|A|, |B|, scale)
 * (Python's math.isclose with rel_tol and abs_tol 0, symmetric in A and B, unless a larger scale of the
 * quantity is given). 0: exact (`diff --tolerance`).
 */
export function withinTolerance(a: number, b: number, tolerance = 0, scale = 0): boolean {
  return a === b || Math.abs(b - a) <= tolerance * Math.max(Math.abs(a), Math.abs(b), scale);
}

/** (B − A) / |A| in percent; from 0 to anything else it is ±Infinity. */
export function relativePercent(a: number, b: number): number {
  if (a === b) return 0;
  if (a === 0) return b > 0 ? Infinity : -Infinity;
  return ((b - a) / Math.abs(a)) * 100;
}
