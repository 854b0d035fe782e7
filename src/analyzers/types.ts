import type { z } from 'zod';
import type { Prompt } from '../corpus/prompt.js';
import type { Logger, Progress } from '../logger.js';
import type { Tokenizer } from '../tokenizer/types.js';
import type { TokenTable } from './tokens.js';

/** What an analyzer needs; the runner loads only what the selected analyzers declare. */
export type Need = 'tokens' | 'embeddings' | 'encoder';

/** A named set of prompts (one dataset, one source file, or all). */
export interface Group {
  name: string;
  /** Indices into the prompt list, ascending. */
  indices: Int32Array;
}

export interface AnalyzeSettings {
  contextLengths: number[];
  /** Token-embedding width for the embeddingRows estimate (SAM3: 1024). */
  width: number;
  byFile: boolean;
  /** Settings of analyzers added later (encoder, intrinsic dimension) ride along. */
  [key: string]: unknown;
}

export interface AnalyzeContext {
  prompts: readonly Prompt[];
  tokenizer: Tokenizer;
  /** Present when an analyzer needs `tokens`. */
  tokens: TokenTable;
  all: Group;
  byDataset: Group[];
  byFile: Group[];
  settings: AnalyzeSettings;
  logger: Logger;
  progress: Progress;
  /** Resources other needs bring (encoder session, embeddings), keyed by need. */
  resources: Partial<Record<Need, unknown>>;
}

/** An analyzer: a plain object that declares its needs and returns one report section. */
export interface Analyzer<Section = unknown> {
  name: string;
  /** The report key the result is stored under. */
  section: string;
  description: string;
  needs: Need[];
  schema: z.ZodType<Section>;
  run(ctx: AnalyzeContext): Promise<Section> | Section;
}
