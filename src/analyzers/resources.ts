import type { Prompt } from '../corpus/prompt.js';
import type { EncoderRunOptions } from '../encoder/options.js';
import type { Describe } from '../encoder/pruned.js';
import type { Logger, Progress } from '../logger.js';
import type { Tokenizer } from '../tokenizer/types.js';
import type { TokenTable } from './tokens.js';
import type { CorpusEmbeddings, Need, Resources } from './types.js';

export interface ResourceInput {
  /** The ONNX encoder file (--encoder), if any. */
  encoder: string | undefined;
  /** Precomputed per-token embeddings (--embeddings FILE.npy, from `embed --pooling tokens` or `merge`), if any: used instead of running the encoder. */
  embeddings: string | undefined;
  prompts: readonly Prompt[];
  encoderOptions: EncoderRunOptions;
  tokenizer: Tokenizer;
  tokens: TokenTable;
  /** Names of the distinct texts (by index) and of token ids, for the line a pruned encoder refuses one with. */
  describe?: Describe | undefined;
  logger: Logger;
  progress: Progress;
}

/** The needs an encoder file (and precomputed embeddings) meet besides tokens. */
export function availableNeeds(encoder: string | undefined, embeddings?: string): Need[] {
  const needs: Need[] = encoder === undefined ? ['tokens'] : ['tokens', 'encoder', 'embeddings'];
  return embeddings === undefined || needs.includes('embeddings') ? needs : [...needs, 'embeddings'];
}

/** Provides what the selected analyzers need: the encoder runs only when one of them needs embeddings. */
export async function provideResources(needed: ReadonlySet<Need>, input: ResourceInput): Promise<Resources> {
  const resources: Resources = {};
  if (input.embeddings !== undefined && needed.has('embeddings')) {
    const file = input.embeddings;
    const { precomputedEmbeddings } = await import('./precomputed.js');
    resources.embeddings = once(async () => precomputedEmbeddings(file, input.prompts, input.tokens, input.tokenizer.contextLength));
  }
  const modelPath = input.encoder;
  if (modelPath === undefined) return resources;
  // Resolving the path only checks the file; the model is loaded only for embeddings.
  const { resolveModelPath } = await import('../encoder/index.js');
  resources.encoder = { path: resolveModelPath(modelPath) };
  if (needed.has('embeddings')) resources.embeddings ??= once(() => corpusEmbeddings(modelPath, input));
  return resources;
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
}

/** Per-token embeddings of every distinct text (one encoder run), pooled to mean and eot from them. */
async function corpusEmbeddings(modelPath: string, input: ResourceInput): Promise<CorpusEmbeddings> {
  const { embed, embeddingCache, openEncoder, poolTokens, sessionOptions } = await import('../encoder/index.js');
  const o = input.encoderOptions;
  const { logger, tokenizer } = input;
  const encoder = await openEncoder(modelPath, sessionOptions(o, { logger, contextLength: tokenizer.contextLength, padId: tokenizer.special.pad }));
  try {
    const t = input.tokens;
    const sequences = Array.from({ length: t.distinct }, (_, i) => Array.from(t.ids.subarray(t.offsets[i]!, t.offsets[i + 1]!)));
    const cache = embeddingCache(o, logger);
    const emb = await embed(encoder, sequences, { pooling: 'tokens', batchSize: o.batchSize, logger, progress: input.progress, describe: input.describe, ...(cache ? { cache } : {}) });
    const tokens = { data: emb.data, cols: emb.cols, offsets: emb.offsets! };
    return { tokens, mean: poolTokens(tokens, 'mean'), eot: poolTokens(tokens, 'eot'), encoder: { file: modelPath, output: encoder.plan.output, convention: encoder.plan.convention } };
  } finally {
    await encoder.close();
  }
}
