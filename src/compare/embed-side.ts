import type { Prompt } from '../corpus/prompt.js';
import { embed, embeddingCache, openEncoder, sessionOptions } from '../encoder/index.js';
import type { EncoderRunOptions } from '../encoder/options.js';
import type { Describe } from '../encoder/pruned.js';
import { denseMatrix } from '../estimators/index.js';
import type { Logger, Progress } from '../logger.js';
import type { Side } from './sides.js';
import { counted } from '../util/plural.js';

export interface EmbedSideInput {
  prompts: readonly Prompt[];
  /** Token ids of each prompt (the tokenizer's, uncut: embed cuts to the encoder's context). */
  ids: readonly (readonly number[])[];
  pooling: 'mean' | 'eot';
  run: EncoderRunOptions;
  contextLength: number;
  /** Names of the prompts and words (an encoder pruned without one of them refuses it). */
  describe?: Describe | undefined;
  logger: Logger;
  progress: Progress;
}

/** Runs an encoder over the prompts through the usual embed path (cache, batching, cut), one row per prompt. */
export async function embedSide(model: string, input: EmbedSideInput): Promise<Side> {
  const { run, logger } = input;
  const encoder = await openEncoder(model, sessionOptions(run, { logger, contextLength: input.contextLength }));
  try {
    const e = await embed(encoder, input.ids, { pooling: input.pooling, batchSize: run.batchSize, cache: embeddingCache(run, logger), progress: input.progress, logger, describe: input.describe });
    const s = e.stats;
    logger.info(`${model}: embedded ${counted(s.prompts, 'prompt')} (${s.unique} unique; ${s.cached} from cache, ${s.computed} computed) -> [${e.rows}, ${e.cols}]`);
    return { path: model, kind: 'encoder', matrix: denseMatrix(e.data, e.rows, e.cols), index: input.prompts.map((p) => ({ id: p.id, text: p.text, dataset: p.dataset })) };
  } finally {
    await encoder.close();
  }
}
