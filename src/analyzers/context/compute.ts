import type { Group } from '../types.js';
import type { ContextGroup } from './schema.js';

/** Histogram-based: every statistic below is exact integer arithmetic until the final division. */
export function contextOf(lengths: Int32Array, group: Group, windows: number[]): ContextGroup {
  // Lengths are small integers: an array histogram, then a Map of the lengths present.
  let hist = new Int32Array(128);
  let sum = 0;
  for (let k = 0; k < group.indices.length; k++) {
    const len = lengths[group.indices[k]!]!;
    if (len >= hist.length) {
      const grown = new Int32Array(Math.max(2 * hist.length, len + 1));
      grown.set(hist);
      hist = grown;
    }
    hist[len]!++;
    sum += len;
  }
  const counts = new Map<number, number>();
  for (let len = 0; len < hist.length; len++) if (hist[len]! > 0) counts.set(len, hist[len]!);
  const n = group.indices.length;
  const values = [...counts.keys()].sort((a, b) => a - b);
  const at = kthSorted(values, counts);
  const pct = (q: number) => {
    // numpy "linear": h = (n−1)·q/100, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
    const h = ((n - 1) * q) / 100;
    const lo = Math.floor(h);
    const a = at(lo);
    return lo + 1 >= n ? a : a + (h - lo) * (at(lo + 1) - a);
  };
  const truncated = (L: number) => values.reduce((acc, v) => (v > L ? acc + counts.get(v)! : acc), 0);
  const windowsOut = windows.map((L) => {
    const clipped = values.reduce((acc, v) => acc + Math.min(v, L) * counts.get(v)!, 0);
    const density = clipped / n / L;
    return { length: L, density, paddingWaste: 1 - density, truncationRate: truncated(L) / n };
  });
  const smallest = (ok: (rate: number) => boolean) => {
    for (let L = 1; ; L++) if (ok(truncated(L) / n)) return L;
  };
  const histogram: Record<string, number> = {};
  for (const v of values) histogram[String(v)] = counts.get(v)!;
  return {
    prompts: n,
    lengths: { mean: sum / n, min: values[0]!, max: values[values.length - 1]!, p50: pct(50), p90: pct(90), p95: pct(95), p99: pct(99) },
    windows: windowsOut,
    minLength: { '0.01': smallest((r) => r <= 0.01), '0.001': smallest((r) => r <= 0.001), '0': smallest((r) => r === 0) },
    histogram,
  };
}

/** x[k] of the sorted lengths, read from the histogram. */
function kthSorted(values: number[], counts: Map<number, number>): (k: number) => number {
  const ends: number[] = [];
  let acc = 0;
  for (const v of values) ends.push((acc += counts.get(v)!));
  return (k) => {
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! > k) hi = mid;
      else lo = mid + 1;
    }
    return values[lo]!;
  };
}
