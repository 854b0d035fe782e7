import * as z from 'zod';

export const ESTIMATOR_NAMES = ['pca', 'pr', 'twonn', 'mle'] as const;
export const EstimatorNameSchema = z.enum(ESTIMATOR_NAMES);
export type EstimatorName = z.infer<typeof EstimatorNameSchema>;

export const EstimateOptionsSchema = z.object({
  estimators: z.array(EstimatorNameSchema).min(1).default([...ESTIMATOR_NAMES]),
  /** MLE neighbourhood sizes (skdim's n_neighbors; the k = 5, 10, 20). */
  mleK: z.array(z.number().int().min(2)).min(1).default([5, 10, 20]),
  /** TwoNN discard fractions (skdim's discard_fraction); 0 is excluded: F_N = 1 makes −log(1 − F) infinite. */
  discard: z.array(z.number().gt(0).lt(1)).min(1).default([0.05, 0.1, 0.2]),
  /** 95 % intervals of every TwoNN and MLE estimate from `resamples` half-samples (intervals.ts); none when absent or 0. */
  intervals: z.object({ resamples: z.number().int().nonnegative(), seed: z.number().int().nonnegative().default(0) }).optional(),
});
export type EstimateOptions = z.input<typeof EstimateOptionsSchema>;
export type ParsedEstimateOptions = z.output<typeof EstimateOptionsSchema>;

const count = z.number().int().nonnegative();

export const IntervalSchema = z.object({ low: z.number(), high: z.number() });

export const MleEstimateSchema = z.object({ mle: z.number(), mean: z.number(), median: z.number() });

/** The result of `estimate()`: what `lite-text id --json` prints and the intrinsic-dim analyzer reports. */
export const IdEstimatesSchema = z.object({
  pca: z
    .object({
      /** Explained-variance ratios of the principal components, descending (min(n, D) of them). */
      explained: z.array(z.number()),
      components90: count,
      components95: count,
      components99: count,
      /** skdim lPCA ver='FO', alphaFO = 0.05. */
      fo: count,
    })
    .optional(),
  participationRatio: z.number().optional(),
  /** TwoNN estimate per discard fraction, keyed by String(fraction): "0.05", "0.1", "0.2". */
  twoNN: z.record(z.string(), z.number()).optional(),
  /** MLE per neighbourhood size, keyed "k5", "k10", "k20". */
  mle: z.record(z.string(), MleEstimateSchema).optional(),
  /** Confidence intervals of the TwoNN and MLE estimates, keyed as they are (only when requested). */
  intervals: z
    .object({
      /** How they are computed (INTERVAL_METHOD): 95 % intervals. */
      method: z.string(),
      resamples: count,
      seed: count,
      twoNN: z.record(z.string(), IntervalSchema).optional(),
      /** The interval of each k's `mle` (MacKay–Ghahramani) combination. */
      mle: z.record(z.string(), IntervalSchema).optional(),
    })
    .optional(),
  /** Points in the input, when the estimates ran on a sample of them (`id --sample`). */
  population: count.optional(),
  /** Points given (before duplicate removal). */
  n: count,
  /** Exact duplicate rows removed before the kNN estimators (TwoNN, MLE). */
  duplicatesRemoved: count,
});
export type IdEstimates = z.infer<typeof IdEstimatesSchema>;
