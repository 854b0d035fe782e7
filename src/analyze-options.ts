import * as z from 'zod';
import { analyzers, type Registry } from './analyzers/index.js';
import { needsOf } from './analyzers/types.js';
import { DEDUPE_MODES } from './dedupe.js';
import { EncoderRunOptionsSchema } from './encoder/options.js';
import type { FlagsOf } from './options.js';
import { TOKENIZER_FLAGS, TokenizerOptionsSchema } from './tokenizer/options.js';

/** The runner's own options; every analyzer's options join them (analyzeOptionsSchemaOf). */
export const CoreOptionsSchema = z.object({
  /** Files, folders, globs or corpus .jsonl files; empty → the bundled demo corpus. */
  inputs: z.array(z.string()).default([]),
  ingest: z.record(z.string(), z.unknown()).default({}),
  ...TokenizerOptionsSchema.shape,
  dedupe: z.enum(DEDUPE_MODES).default('none'),
  byFile: z.boolean().default(false),
  /** Analyzer names; default: every registered analyzer whose needs can be met. */
  analyzers: z.array(z.string()).optional(),
  name: z.string().optional(),
  /** Fixed timestamp for reproducible output (tests, `tables`). */
  createdAt: z.string().optional(),
  /** An ONNX text encoder: meets the `encoder` and `embeddings` needs. */
  encoder: z.string().optional(),
  /** Precomputed per-token embeddings (`embed --pooling tokens`, or `merge` of its shards): meet the `embeddings` need without running an encoder. */
  embeddings: z.string().optional(),
  encoderOptions: EncoderRunOptionsSchema.prefault({}),
});

/** The runner's flags; inputs are arguments, ingest and encoder options come with their own flag sets. */
export function coreFlags(registry: Registry = analyzers): FlagsOf<typeof CoreOptionsSchema> {
  const withEncoder = registry.filter((a) => needsOf(a, {}).some((n) => n !== 'tokens')).map((a) => a.name);
  return {
    inputs: false,
    ingest: false,
    ...TOKENIZER_FLAGS,
    dedupe: { arg: 'mode', description: 'none | exact | normalized (NFKC, lower case, collapsed whitespace)' },
    byFile: { description: 'also break the per-dataset sections down per source file' },
    analyzers: { arg: 'list', description: `analyzers to run (${registry.map((a) => a.name).join(', ')}; default: all that apply)` },
    name: { arg: 'name', description: 'report name (default: the first input\'s stem, or "demo")' },
    createdAt: false,
    encoder: { arg: 'model', description: `an ONNX text encoder: adds the ${withEncoder.join(' and ')} analyzers` },
    embeddings: { arg: 'file.npy', description: 'precomputed embeddings of these prompts (embed --pooling tokens, or merge of its shards): used instead of running the encoder' },
    encoderOptions: false,
  };
}

type Shapes<R> = R extends readonly [infer H extends { options: z.ZodObject }, ...infer T] ? H['options']['shape'] & Shapes<T> : unknown;

/** The analyze options of a registry: the core's, then each analyzer's; two declaring one key is a bug caught here. */
export function analyzeOptionsSchemaOf<const R extends Registry>(registry: R) {
  const shape: Record<string, z.ZodType> = { ...CoreOptionsSchema.shape };
  for (const a of registry) {
    for (const [key, option] of Object.entries(a.options.shape as Record<string, z.ZodType>)) {
      if (key in shape) throw new Error(`analyzer ${a.name}: option "${key}" is already declared (by the runner or another analyzer)`);
      shape[key] = option;
    }
  }
  return z.object(shape) as unknown as z.ZodObject<typeof CoreOptionsSchema.shape & Shapes<R>>;
}

export const AnalyzeOptionsSchema = analyzeOptionsSchemaOf(analyzers);
export type AnalyzeOptions = z.input<typeof AnalyzeOptionsSchema>;
export type ParsedAnalyzeOptions = z.output<typeof AnalyzeOptionsSchema>;
