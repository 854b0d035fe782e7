import * as z from 'zod';

/** Token-length distribution: a prompt's length counts its start and end tokens, untruncated. */
export const LengthsSchema = z.object({
  mean: z.number(),
  min: z.number().int(),
  max: z.number().int(),
  /** Percentiles with linear interpolation between closest ranks (numpy's default "linear"). */
  p50: z.number(),
  p90: z.number(),
  p95: z.number(),
  p99: z.number(),
});

export const WindowSchema = z.object({
  length: z.number().int().positive(),
  /** mean(min(len, L)) / L */
  density: z.number(),
  /** 1 − density */
  paddingWaste: z.number(),
  /** fraction of prompts with len > L */
  truncationRate: z.number(),
});

/** The smallest L whose truncation rate is ≤ 1 %, ≤ 0.1 %, and 0. */
export const MinLengthSchema = z.object({
  '0.01': z.number().int(),
  '0.001': z.number().int(),
  '0': z.number().int(),
});

export const ContextGroupSchema = z.object({
  prompts: z.number().int(),
  lengths: LengthsSchema,
  windows: z.array(WindowSchema),
  minLength: MinLengthSchema,
  /** token length → number of prompts (keys are decimal integers). */
  histogram: z.record(z.string(), z.number().int()),
});

export const ContextSectionSchema = ContextGroupSchema.extend({
  byDataset: z.record(z.string(), ContextGroupSchema),
  byFile: z.record(z.string(), ContextGroupSchema).optional(),
});

export type ContextGroup = z.infer<typeof ContextGroupSchema>;
export type ContextSection = z.infer<typeof ContextSectionSchema>;
