import { selectRows, type DenseMatrix } from './matrix.js';
import { randomInt, seededRng } from './random.js';

/** numpy.quantile(method='linear') of an ascending array. */
export function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Seeded stratified sample without replacement: `n` indices split over the groups in proportion
 * to their sizes (largest remainder, ties by group key), uniformly within each group. All indices
 * when there are at most n. Returned ascending.
 */
export function stratifiedSample(groups: ReadonlyMap<string, readonly number[]>, n: number, seed: number): number[] {
  const keys = [...groups.keys()].sort();
  const total = keys.reduce((s, k) => s + groups.get(k)!.length, 0);
  if (total <= n) return keys.flatMap((k) => [...groups.get(k)!]).sort((a, b) => a - b);
  const quotas = keys.map((k) => (groups.get(k)!.length * n) / total);
  const take = quotas.map(Math.floor);
  let left = n - take.reduce((s, v) => s + v, 0);
  const byRemainder = keys.map((_, i) => i).sort((a, b) => quotas[b]! - take[b]! - (quotas[a]! - take[a]!) || a - b);
  for (const i of byRemainder) if (left > 0 && take[i]! < groups.get(keys[i]!)!.length) { take[i]!++; left--; }
  const rng = seededRng(seed);
  const out: number[] = [];
  keys.forEach((k, g) => {
    const pool = [...groups.get(k)!];
    for (let i = 0; i < take[g]!; i++) {
      const j = i + randomInt(rng, pool.length - i); // partial Fisher–Yates
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      out.push(pool[i]!);
    }
  });
  return out.sort((a, b) => a - b);
}

/** At most `n` rows of `m` by stratifiedSample (one group of every row unless `groups` are given); `m` itself when it has no more. */
export function sampleRows(m: DenseMatrix, n: number, seed: number, groups?: ReadonlyMap<string, readonly number[]>): DenseMatrix {
  if (groups === undefined && m.rows <= n) return m;
  const picked = stratifiedSample(groups ?? new Map([['all', Array.from({ length: m.rows }, (_, i) => i)]]), n, seed);
  return picked.length === m.rows ? m : selectRows(m, picked);
}
