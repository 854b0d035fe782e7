import { estimate, sampleRows, type DenseMatrix, type EstimateContext } from '../../estimators/index.js';
import type { IdCloud } from './schema.js';

export interface IdSettings {
  sample: number;
  seed: number;
  bootstrap: number;
}

/** The half-samples of the intervals: their own seed, next to the sample's (as `lite-text id` draws them). */
export const intervalOptions = (s: IdSettings) => ({ resamples: s.bootstrap, seed: s.seed + 1 });

/** The interval shown in the report: TwoNN at this discard fraction, MLE at this k. */
export const REPORTED = { discard: '0.1', k: 'k20' } as const;

/**
 * Estimates of one cloud on a seeded sample stratified by dataset, with 95 % intervals of TwoNN
 * (discard 0.1) and MLE (k = 20) from `bootstrap` resamples of their per-point statistics
 * (src/estimators/intervals.ts; the kNN runs once).
 */
export async function cloudEstimates(all: DenseMatrix, groups: ReadonlyMap<string, readonly number[]>, settings: IdSettings, context: EstimateContext = {}): Promise<IdCloud> {
  const m = sampleRows(all, settings.sample, settings.seed, groups);
  const { intervals, ...estimates } = await estimate(m, { intervals: intervalOptions(settings) }, context);
  return {
    ...estimates,
    population: all.rows,
    dimension: all.cols,
    intervals: {
      ...(intervals ? { method: intervals.method } : {}),
      twoNN: intervals?.twoNN?.[REPORTED.discard] ?? null,
      mle: intervals?.mle?.[REPORTED.k] ?? null,
    },
  };
}
