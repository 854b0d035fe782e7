import * as z from 'zod';

export const TopTokenSchema = z.object({
  id: z.number().int(),
  /** The token's text, `</w>` shown as a trailing space. */
  token: z.string(),
  count: z.number().int(),
});

export const EmbeddingRowsSchema = z.object({
  /** Width W of the token embedding table (SAM3: 1024). */
  width: z.number().int().positive(),
  /** Rows in the table (the vocabulary size). */
  rows: z.number().int(),
  /** Rows needed: used content ids + the start and end tokens. */
  rowsNeeded: z.number().int(),
  rowsUnused: z.number().int(),
  /** MiB held by the unused rows (= saved by pruning them): rowsUnused × W × bytes / 2^20. */
  savedMiB: z.object({ fp32: z.number(), fp16: z.number() }),
});

export const VocabularyGroupSchema = z.object({
  /** Distinct content ids. */
  usedTokens: z.number().int(),
  /** usedTokens / vocabulary size. */
  usedFraction: z.number(),
  /** Total content ids. */
  occurrences: z.number().int(),
  /** Smallest k such that the k most frequent ids cover at least that share of occurrences. */
  coverage: z.object({ '0.5': z.number().int(), '0.9': z.number().int(), '0.99': z.number().int() }),
  /** Ids seen exactly once. */
  hapax: z.number().int(),
  /** −slope of least squares log(frequency) ~ log(rank) over the top min(1000, usedTokens) ranks; null under 2 ids. */
  zipfExponent: z.number().nullable(),
  topTokens: z.array(TopTokenSchema),
  embeddingRows: EmbeddingRowsSchema,
  /** Start/end ids met inside prompts (from literal `<start_of_text>` text), excluded from every count. */
  specialInContent: z.number().int(),
});

export const VocabularySectionSchema = VocabularyGroupSchema.extend({
  /** Coverage curve for the chart: share of occurrences covered by the top k ids, at sampled k. */
  coverageCurve: z.array(z.object({ k: z.number().int(), share: z.number() })),
  byDataset: z.record(z.string(), VocabularyGroupSchema),
  byFile: z.record(z.string(), VocabularyGroupSchema).optional(),
});

export type VocabularyGroup = z.infer<typeof VocabularyGroupSchema>;
export type VocabularySection = z.infer<typeof VocabularySectionSchema>;
