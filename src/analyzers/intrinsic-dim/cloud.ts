import { estimate, selectRows, stratifiedSample, type DenseMatrix } from '../../estimators/index.js';
import type { Progress } from '../../logger.js';
import type { IdCloud } from './schema.js';

export interface IdSettings {
  sample: number;
  seed: number;
  bootstrap: number;
}

/** The interval shown in the report: TwoNN at this discard fraction, MLE at this k. */
export const REPORTED = { discard: '0.1', k: 'k20' } as const;

/**
 * Estimates of one cloud on a seeded sample stratified by dataset, with 95 % intervals of TwoNN
 * (discard 0.1) and MLE (k = 20) from `bootstrap` resamples of their per-point statistics
 * (src/estimators/intervals.ts; the kNN runs once).
 */
export async function cloudEstimates(all: DenseMatrix, groups: ReadonlyMap<string, readonly number[]>, settings: IdSettings, progress?: Progress): Promise<IdCloud> {
  const picked = stratifiedSample(groups, settings.sample, settings.seed);
  const m = picked.length === all.rows ? all : selectRows(all, picked);
  const { intervals, ...estimates } = await estimate(m, settings.bootstrap > 0 ? { intervals: { resamples: settings.bootstrap, seed: settings.seed + 1 } } : {}, progress ? { progress } : {});
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
