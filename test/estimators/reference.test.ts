// Every value of shared/reference/intrinsic-dim/expected.json (computed with scikit-dimension and
// scikit-learn in float64) on its fixture CSVs, to 1e-6 relative. Exact zeros (the eigenvalues of
// the fixtures' all-zero columns) are compared with an absolute 1e-12.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimate, mlePointwise, combineMle, pcaSpectrum, readMatrixFile } from '../../src/estimators/index.js';
import { exactKnn } from '../../src/knn/index.js';
import { SHARED } from '../helpers/cli.js';

const DIR = join(SHARED, 'reference/intrinsic-dim');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, Record<string, unknown>>;

function close(actual: number, want: number): void {
  if (want === 0) expect(Math.abs(actual)).toBeLessThanOrEqual(1e-12);
  else expect(Math.abs(actual - want) / Math.abs(want), `${actual} vs ${want}`).toBeLessThanOrEqual(1e-6);
}

describe.each(Object.keys(expected))('skdim parity on %s', (name) => {
  const ref = expected[name]!;
  const load = () => readMatrixFile(join(DIR, `${name}.csv`));

  it('has the shape the reference states', () => {
    const m = load();
    expect([m.rows, m.cols]).toEqual(ref['shape']);
  });

  it('reproduces every reference value', async () => {
    const m = load();
    const result = await estimate(m);
    const spectrum = await pcaSpectrum(m);
    const knn = await exactKnn(m, 20);
    let checked = 0;
    for (const [key, want] of Object.entries(ref)) {
      let match: RegExpExecArray | null;
      if (key === 'true_d' || key === 'shape') continue;
      if ((match = /^TwoNN\(discard_fraction=([\d.]+)\)$/.exec(key))) close(result.twoNN![String(Number(match[1]))]!, want as number);
      else if ((match = /^MLE\(k=(\d+),comb=(\w+)\)$/.exec(key))) close(result.mle![`k${match[1]}`]![match[2] as 'mle' | 'mean' | 'median'], want as number);
      else if ((match = /^MLE\(k=(\d+),unbiased=True,comb=mle\)$/.exec(key))) close(combineMle(mlePointwise(knn.distances, 20, Number(match[1]), true)).mle, want as number);
      else if (key === 'MLE(k=20) dimension_pw_ first 10') {
        const pw = mlePointwise(knn.distances, 20, 20);
        (want as number[]).forEach((v, i) => close(pw[i]!, v));
      } else if (key === 'lPCA(ver=FO)') expect(result.pca!.fo).toBe(want);
      else if (key === 'lPCA(ver=ratio,alphaRatio=0.9)') expect(result.pca!.components90).toBe(want);
      else if (key === 'lPCA(ver=ratio,alphaRatio=0.95)') expect(result.pca!.components95).toBe(want);
      else if (key === 'lPCA(ver=participation_ratio)') close(result.participationRatio!, want as number);
      else if (key === 'PCA explained_variance_ (sklearn, ddof=1) first 6') {
        (want as number[]).forEach((v, i) => close(spectrum.eigenvalues[i]!, v));
        // The fixtures' last five columns are zero, so these six values hold the whole spectrum:
        // the explained ratios follow from them.
        const total = (want as number[]).reduce((s, v) => s + v, 0);
        (want as number[]).forEach((v, i) => close(result.pca!.explained[i]!, v / total));
      } else throw new Error(`reference key not checked: ${key}`);
      checked++;
    }
    expect(checked).toBe(Object.keys(ref).length - 2);
    expect(result.duplicatesRemoved).toBe(0);
    expect(result.n).toBe(m.rows);
  });
});
