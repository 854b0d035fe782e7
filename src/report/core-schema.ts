import * as z from 'zod';
import { DEDUPE_MODES } from '../dedupe.js';

/** Bumped on any incompatible change of the report's shape; `diff` refuses versions it does not know. */
export const SCHEMA_VERSION = 1;

export const CorpusGroupSchema = z.object({
  prompts: z.number().int(),
  uniquePrompts: z.number().int(),
  negatives: z.number().int(),
});

export const SkippedInputsSchema = z.object({
  /** Files read by no adapter (a README in a folder, a symlink loop, …), each with the reason. */
  files: z.array(z.object({ path: z.string(), why: z.string() })),
  /** Records skipped inside files read, counted by reason. */
  records: z.record(z.string(), z.number().int().nonnegative()),
  /** Records left out on request (an adapter option such as --dedupe-annotators), by reason. */
  dropped: z.record(z.string(), z.number().int().nonnegative()),
});
export type SkippedInputs = z.infer<typeof SkippedInputsSchema>;

/** The runner's own settings; every analyzer's options join them (src/report/schema.ts). */
export const CoreSettingsShape = {
  analyzers: z.array(z.string()),
  dedupe: z.enum(DEDUPE_MODES),
  byFile: z.boolean(),
  encoder: z.string().optional(),
};

/** Everything a report holds apart from the analyzers' sections and the definitions. */
export const ReportCoreSchema = z.object({
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
    /** What reading the inputs left out, as `ingest` reports it (absent in older reports, and for prompts given in-process). */
    skipped: SkippedInputsSchema.optional(),
  }),
  tokenizer: z.object({
    name: z.string(),
    vocabSize: z.number().int(),
    contextLength: z.number().int(),
    special: z.object({ start: z.number().int(), end: z.number().int(), pad: z.number().int() }),
    /** sha256 of the merges/vocabulary the tokenizer was built from. */
    hash: z.string(),
  }),
  settings: z.object(CoreSettingsShape).catchall(z.unknown()),
  corpus: CorpusGroupSchema.extend({
    /** Prompts removed by --dedupe before analysis. */
    removedByDedupe: z.number().int(),
    byDataset: z.record(z.string(), CorpusGroupSchema),
  }),
});

/** What a section's renderers may read of the whole report (never another section). */
export type ReportCore = z.infer<typeof ReportCoreSchema>;

/** Definitions of the measures the runner itself reports; the analyzers' own go between these two. */
export const CORE_DEFINITIONS = {
  head: {
    'prompts': 'Prompts analyzed, as given (duplicates kept) unless --dedupe removed some.',
    'token length': 'len([49406] + encode(text) + [49407]) with SAM3\'s tokenizer: start and end tokens counted, not truncated.',
  },
  tail: {
    'corpus.uniquePrompts': 'distinct prompt texts (exact code-point equality).',
    'inputs.fingerprint': 'sha256 over the analyzed prompts\' texts in order, each UTF-8 encoded and followed by a 0x00 byte.',
    'inputs.skipped': 'what reading the inputs left out, as `ingest` reports it: files no adapter read (with the reason), records skipped by reason (e.g. empty prompts), records dropped on request.',
  },
} as const;
