// Synthetic manifolds of known dimension against shared/reference/intrinsic-dim/tolerance-bands.md
// (skdim's estimators, mean ± sd over seeds). The table is parsed here, not copied. Our samples
// are other draws from the same distributions, so a value must fall within mean ± 3·sd; sd is
// floored at 0.01 (the table rounds to 2 decimals, so "±0.00" means < 0.005) plus 0.005 rounding.
// Each value is the median over three seeded samples: MLE's harmonic combination is heavy-tailed
// (one chance near-duplicate pair drags it down), and the median of three is robust to one such draw.
// Columns of estimators lite-text does not implement (TwoNN_ml_nodiscard, LB_k10_20_mean,
// lPCA_Fan) are not checked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimate, median, type DenseMatrix, type IdEstimates } from '../../src/estimators/index.js';
import { SHARED } from '../helpers/cli.js';
import { ball, cube, gauss, sphere, swissRoll } from './manifolds.js';

const table = readFileSync(join(SHARED, 'reference/intrinsic-dim/tolerance-bands.md'), 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('|') && !l.startsWith('|---'))
  .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
const header = table[0]!;
const rows = table.slice(1);

const N = 2000;
const generators: Record<string, (seed: number) => DenseMatrix> = {
  'cube2in4 (2)': (s) => cube(N, 2, 4, s),
  'cube5in10 (5)': (s) => cube(N, 5, 10, s),
  'cube10in20 (10)': (s) => cube(N, 10, 20, s),
  'ball5in10 (5)': (s) => ball(N, 5, 10, s),
  'ball10in20 (10)': (s) => ball(N, 10, 20, s),
  'gauss5in10 (5)': (s) => gauss(N, 5, 10, s),
  'sphere2 (2)': (s) => sphere(N, 2, s),
  'sphere5 (5)': (s) => sphere(N, 5, s),
  'sphere10 (10)': (s) => sphere(N, 10, s),
  'swissroll (2)': (s) => swissRoll(N, s),
};

function band(cell: string): [number, number] {
  const [mean, sd] = cell.split('±').map(Number) as [number, number];
  const half = 3 * Math.max(sd, 0.01) + 0.005;
  return [mean - half, mean + half];
}

describe('tolerance bands on synthetic manifolds (n = 2000)', () => {
  it('covers the table rows it claims to', () => {
    for (const name of Object.keys(generators)) expect(rows.some((r) => r[0] === name && r[1] === String(N)), name).toBe(true);
  });

  it.each(Object.keys(generators))('%s', async (name) => {
    const row = rows.find((r) => r[0] === name && r[1] === String(N))!;
    const cell = (col: string) => row[header.indexOf(col)]!;
    const runs: IdEstimates[] = [];
    for (const seed of [1, 2, 3]) runs.push(await estimate(generators[name]!(seed), { mleK: [20], discard: [0.1] }));
    const med = (f: (r: IdEstimates) => number) => median(runs.map(f));
    const checks: [string, number][] = [
      ['TwoNN', med((r) => r.twoNN!['0.1']!)],
      ['MLE_k20_mle', med((r) => r.mle!['k20']!.mle)],
      ['MLE_k20_mean', med((r) => r.mle!['k20']!.mean)],
      ['PR', med((r) => r.participationRatio!)],
    ];
    for (const [col, value] of checks) {
      const [lo, hi] = band(cell(col));
      expect(value, `${name} ${col} = ${value} outside [${lo}, ${hi}]`).toBeGreaterThanOrEqual(lo);
      expect(value, `${name} ${col}`).toBeLessThanOrEqual(hi);
    }
    // Integer rules: the table lists the accepted values ("1/2" = either).
    for (const r of runs) {
      expect(cell('lPCA_FO').split('/').map(Number), `${name} FO`).toContain(r.pca!.fo);
      expect(cell('lPCA_ratio0.95').split('/').map(Number), `${name} ratio 0.95`).toContain(r.pca!.components95);
    }
  });
});
