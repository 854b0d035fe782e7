import * as z from 'zod';

/** Per-prompt cosine statistics; null where the two embeddings have different widths. */
export const CosineStatsSchema = z.object({
  mean: z.number(),
  median: z.number(),
  p5: z.number(),
  min: z.number(),
});

/** The measures of one set of prompts (all, a dataset, a token-length bucket). */
export const AgreementGroupSchema = z.object({
  prompts: z.number().int(),
  cosine: CosineStatsSchema.nullable(),
  /** Linear CKA; null when a side has no variance in the group (one prompt, identical rows). */
  cka: z.object({ linear: z.number().nullable() }),
  knnOverlap: z.object({ k: z.number().int(), mean: z.number() }),
});

export const WorstPromptSchema = z.object({
  text: z.string(),
  dataset: z.string(),
  tokens: z.number().int(),
  cosine: z.number(),
});

/** One side of the comparison: what was compared and where it came from. */
export const AgreementSideSchema = z.object({
  /** The path as given (an .onnx encoder or an embed .npy). */
  path: z.string(),
  kind: z.enum(['encoder', 'embeddings']),
  width: z.number().int(),
  rows: z.number().int(),
});

export const AgreementSchema = z.object({
  a: AgreementSideSchema,
  b: AgreementSideSchema,
  /** The pooling of the encoder sides; null when both sides are .npy files (pooled as embed wrote them, not recorded there). */
  pooling: z.enum(['mean', 'eot']).nullable(),
  /** Prompt ids present on one side only, dropped under --intersect. */
  dropped: z.object({ onlyA: z.number().int(), onlyB: z.number().int() }),
  all: AgreementGroupSchema,
  byDataset: z.record(z.string(), AgreementGroupSchema),
  /** Keyed by bucket label ("1-4", "5-8", ...), in bucket order. */
  byLength: z.record(z.string(), AgreementGroupSchema),
  worst: z.array(WorstPromptSchema),
});

export type CosineStats = z.infer<typeof CosineStatsSchema>;
export type AgreementGroup = z.infer<typeof AgreementGroupSchema>;
export type AgreementSection = z.infer<typeof AgreementSchema>;
export type WorstPrompt = z.infer<typeof WorstPromptSchema>;

/** The file `compare --out` writes: the section plus the tool, name, time and definitions. */
export const AgreementReportSchema = z.object({
  tool: z.object({ name: z.literal('lite-text'), version: z.string() }),
  kind: z.literal('agreement'),
  createdAt: z.string(),
  agreement: AgreementSchema,
  definitions: z.record(z.string(), z.string()),
});
export type AgreementReport = z.infer<typeof AgreementReportSchema>;
