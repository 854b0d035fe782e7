import { bootstrapInterval, estimate, quantile, selectRows, stratifiedSample, type DenseMatrix } from '../../estimators/index.js';
import type { IdCloud } from './schema.js';

export interface IdSettings {
  sample: number;
  seed: number;
  bootstrap: number;
}

/**
 * Estimates of one cloud on a seeded sample stratified by dataset, plus percentile-bootstrap 95 %
 * intervals of TwoNN (discard 0.1) and MLE (k = 20) over `bootstrap` resamples of that sample.
 */
export async function cloudEstimates(all: DenseMatrix, groups: ReadonlyMap<string, readonly number[]>, settings: IdSettings, threads?: number): Promise<IdCloud> {
  const run = threads === undefined ? {} : { threads };
  const picked = stratifiedSample(groups, settings.sample, settings.seed);
  const m = selectRows(all, picked);
  const estimates = await estimate(m, {}, run);
  const base = { ...estimates, population: all.rows, dimension: all.cols };
  if (settings.bootstrap === 0) return { ...base, intervals: { twoNN: null, mle: null } };
  const mleValues: number[] = [];
  const twoNN = await bootstrapInterval(
    m.rows,
    async (indices) => {
      const e = await estimate(selectRows(m, indices), { estimators: ['twonn', 'mle'], mleK: [20], discard: [0.1] }, run);
      mleValues.push(e.mle!['k20']!.mle);
      return e.twoNN!['0.1']!;
    },
    { resamples: settings.bootstrap, seed: settings.seed + 1 },
  );
  const sortedMle = [...mleValues].sort((a, b) => a - b);
  const mle = { low: quantile(sortedMle, 0.025), high: quantile(sortedMle, 0.975) };
  return { ...base, intervals: { twoNN: { low: twoNN.low, high: twoNN.high }, mle } };
}
