import { resolve } from 'node:path';
import { cloudEstimates } from '../analyzers/intrinsic-dim/index.js';
import { dedupe } from '../dedupe.js';
import { embed, openEncoder } from '../encoder/index.js';
import { denseMatrix } from '../estimators/index.js';
import type { Logger } from '../logger.js';
import type { Tokenizer } from '../tokenizer/types.js';
import type { TablesConfig } from './config.js';
import type { TablesInput } from './types.js';

/** The texts analyze() analyzes under a dedupe mode: first occurrences, in corpus order. */
export function analyzedTexts(texts: readonly string[], mode: TablesConfig['dedupe']): string[] {
  return dedupe(texts, (t) => t, mode);
}

/**
 * Table 5's inputs: every ONNX encoder embeds the corpus's analyzed prompts (one pooled point each,
 * SAM3's truncation rule for long prompts), then the intrinsic-dim analyzer's cloud estimates run on them.
 */
export async function intrinsicDimensions(config: TablesConfig, base: string, texts: readonly string[], tokenizer: Tokenizer, logger: Logger): Promise<TablesInput['intrinsicDim']> {
  const ids = texts.map((t) => tokenizer.encode(t));
  const out: TablesInput['intrinsicDim'] = [];
  for (const e of config.encoders) {
    if (e.onnx === undefined) continue;
    const encoder = await openEncoder(resolve(base, e.onnx), { logger });
    try {
      const pooling = e.pooling ?? 'mean';
      const emb = await embed(encoder, ids, { pooling, logger });
      // The intrinsic-dim analyzer's estimates of one cloud, over every point (no sample, no bootstrap).
      const all = Array.from({ length: emb.rows }, (_, i) => i);
      const { intervals: _none, ...estimates } = await cloudEstimates(denseMatrix(emb.data, emb.rows, emb.cols), new Map([['all', all]]), { sample: emb.rows, seed: 0, bootstrap: 0 });
      out.push({ name: e.name, source: e.onnx, pooling, prompts: emb.rows, width: emb.cols, estimates });
      logger.info(`${e.name}: intrinsic dimension of ${emb.rows} embeddings (${emb.cols} wide) estimated`);
    } finally {
      await encoder.close();
    }
  }
  return out;
}
