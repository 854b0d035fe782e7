import { z } from 'zod';
import { ContextSectionSchema } from './sections/context.js';
import { VocabularySectionSchema } from './sections/vocabulary.js';
import { EncoderAnatomySchema } from './sections/encoder-anatomy.js';
import { IntrinsicDimSectionSchema } from './sections/intrinsic-dim.js';

/** Bumped on any incompatible change of the report's shape; `diff` refuses versions it does not know. */
export const SCHEMA_VERSION = 1;

export const CorpusGroupSchema = z.object({
  prompts: z.number().int(),
  uniquePrompts: z.number().int(),
  negatives: z.number().int(),
});

export const ReportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('lite-text'), version: z.string() }),
  name: z.string(),
  createdAt: z.string(),
  inputs: z.object({
    /** Input paths as given (the bundled demo corpus is shown relative to the package). */
    paths: z.array(z.string()),
    /** Adapter per file read. */
    files: z.array(z.object({ path: z.string(), adapter: z.string(), prompts: z.number().int() })),
    /** sha256 (hex) over the analyzed prompts' texts in order, each as UTF-8 followed by a 0x00 byte. */
    fingerprint: z.string(),
  }),
  tokenizer: z.object({
    name: z.string(),
    vocabSize: z.number().int(),
    contextLength: z.number().int(),
    special: z.object({ start: z.number().int(), end: z.number().int(), pad: z.number().int() }),
    /** sha256 of the merges/vocabulary the tokenizer was built from. */
    hash: z.string(),
  }),
  settings: z.object({
    analyzers: z.array(z.string()),
    contextLengths: z.array(z.number().int().positive()),
    dedupe: z.enum(['none', 'exact', 'normalized']),
    width: z.number().int().positive(),
    byFile: z.boolean(),
    encoder: z.string().optional(),
    arch: z.string().optional(),
    idSample: z.number().int().optional(),
    seed: z.number().int().optional(),
    bootstrap: z.number().int().optional(),
  }).catchall(z.unknown()),
  corpus: CorpusGroupSchema.extend({
    /** Prompts removed by --dedupe before analysis. */
    removedByDedupe: z.number().int(),
    byDataset: z.record(z.string(), CorpusGroupSchema),
  }),
  context: ContextSectionSchema.optional(),
  vocabulary: VocabularySectionSchema.optional(),
  encoderAnatomy: EncoderAnatomySchema.optional(),
  intrinsicDim: IntrinsicDimSectionSchema.optional(),
  /** The exact definition of every field, as the report states them. */
  definitions: z.record(z.string(), z.string()),
});

export type Report = z.infer<typeof ReportSchema>;
