import { withinTolerance } from '../analyzers/stats.js';
import type { Leaf } from './flatten.js';

/** Whether the numbers at a path count as equal (diff --tolerance). */
export type SameNumber = (path: string, a: number, b: number) => boolean;

/** `x.explained[31]` → `x.explained`: the list a number belongs to; undefined for a number outside a list. */
const listOf = (path: string) => (/\[[^\]]*\]$/.test(path) ? path.slice(0, path.lastIndexOf('[')) : undefined);

/**
 * Equality at a relative tolerance. A single number is judged against its own magnitude
 * (max(|A|, |B|), Python's math.isclose); an element of a list of numbers against the largest
 * magnitude in that list in either report, so that a spectrum's tail of rounding noise (PCA ratios
 * of 1e-18 that are 0 in exact arithmetic) is judged against its leading ratio, as a matrix rank
 * tolerance is against the largest singular value (numpy.linalg.matrix_rank).
 */
export function sameNumber(la: ReadonlyMap<string, Leaf>, lb: ReadonlyMap<string, Leaf>, tolerance: number): SameNumber {
  if (tolerance === 0) return (_path, a, b) => a === b;
  const scale = new Map<string, number>();
  for (const leaves of [la, lb]) {
    for (const [path, leaf] of leaves) {
      const list = listOf(path);
      if (list !== undefined && typeof leaf.value === 'number') scale.set(list, Math.max(scale.get(list) ?? 0, Math.abs(leaf.value)));
    }
  }
  return (path, a, b) => withinTolerance(a, b, tolerance, scale.get(listOf(path) ?? '') ?? 0);
}
