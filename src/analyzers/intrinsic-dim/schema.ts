import * as z from 'zod';
import { IdEstimatesSchema, IntervalSchema } from '../../estimators/schema.js';

/** The estimates of one point cloud, with bootstrap intervals for TwoNN and MLE. */
export const IdCloudSchema = IdEstimatesSchema.extend({
  /** Points available before sampling (distinct prompt texts, or their token rows). */
  population: z.number().int().nonnegative(),
  /** Width of the embeddings. */
  dimension: z.number().int().positive(),
  /** 95 % intervals over `bootstrap` resamples of the per-point statistics (null with --bootstrap 0). */
  intervals: z.object({
    /** How they were computed; absent in reports written before it was recorded (they resampled points). */
    method: z.string().optional(),
    /** TwoNN, discard fraction 0.1. */
    twoNN: IntervalSchema.nullable(),
    /** MLE, k = 20, MacKay–Ghahramani combination. */
    mle: IntervalSchema.nullable(),
  }),
});

/** The `intrinsic-dim` report section: one cloud per pooling. */
export const IntrinsicDimSectionSchema = z.object({
  /** Encoder file the embeddings came from, and the output tensor read. */
  encoder: z.object({ file: z.string(), output: z.string(), convention: z.string() }),
  /** At most this many points per cloud, stratified by dataset. */
  sample: z.number().int().positive(),
  seed: z.number().int(),
  bootstrap: z.number().int().nonnegative(),
  /** Masked mean of every valid token row, one point per distinct prompt text. */
  mean: IdCloudSchema,
  /** The end-of-text row, one point per distinct prompt text. */
  eot: IdCloudSchema,
  /** Every valid token row (start and end included) of every distinct prompt text. */
  tokens: IdCloudSchema,
});

export type IdCloud = z.infer<typeof IdCloudSchema>;
export type IntrinsicDimSection = z.infer<typeof IntrinsicDimSectionSchema>;

export const IntrinsicDimOptionsSchema = z.object({
  /** At most this many points per cloud, stratified by dataset. */
  idSample: z.number().int().positive().default(20_000),
  /** Seed of the sample and of the half-samples. */
  seed: z.number().int().nonnegative().default(0),
  /** Half-samples for the TwoNN and MLE 95 % intervals (src/estimators/intervals.ts); 0: none. */
  bootstrap: z.number().int().nonnegative().default(20),
});
export type IntrinsicDimOptions = z.output<typeof IntrinsicDimOptionsSchema>;
