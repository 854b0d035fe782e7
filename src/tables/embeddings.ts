import { resolve } from 'node:path';
import { cloudEstimates } from '../analyzers/intrinsic-dim/cloud.js';
import { dedupe } from '../dedupe.js';
import { checkedRows, mismatch, readTokenEmbeddings } from '../analyzers/precomputed.js';
import { embed, openEncoder } from '../encoder/index.js';
import { eotRow, meanRow } from '../encoder/pooling.js';
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
export async function intrinsicDimensions(config: TablesConfig, base: string, texts: readonly string[], tokenizer: Tokenizer, logger: Logger, precomputed: Readonly<Record<string, string>> = {}): Promise<TablesInput['intrinsicDim']> {
  const ids = texts.map((t) => tokenizer.encode(t));
  const out: TablesInput['intrinsicDim'] = [];
  for (const e of config.encoders) {
    if (e.onnx === undefined) continue;
    const pooling = e.pooling ?? 'mean';
    const file = precomputed[e.name];
    const encoder = file === undefined ? await openEncoder(resolve(base, e.onnx), { logger }) : undefined;
    try {
      const emb = encoder ? await embed(encoder, ids, { pooling, logger }) : pooledFromFile(file!, texts, ids, tokenizer.contextLength, pooling);
      // The intrinsic-dim analyzer's estimates of one cloud, over every point (no sample, no bootstrap).
      const all = Array.from({ length: emb.rows }, (_, i) => i);
      const { intervals: _none, ...estimates } = await cloudEstimates(denseMatrix(emb.data, emb.rows, emb.cols), new Map([['all', all]]), { sample: emb.rows, seed: 0, bootstrap: 0 });
      out.push({ name: e.name, source: e.onnx, pooling, prompts: emb.rows, width: emb.cols, estimates });
      logger.info(`${e.name}: intrinsic dimension of ${emb.rows} embeddings (${emb.cols} wide) estimated`);
    } finally {
      await encoder?.close();
    }
  }
  return out;
}

/** Table 5's points from `embed --pooling tokens` files: each text's token rows (found by text), pooled as embed() pools them. */
function pooledFromFile(file: string, texts: readonly string[], ids: readonly number[][], context: number, pooling: 'mean' | 'eot'): { data: Float32Array; rows: number; cols: number } {
  const e = readTokenEmbeddings(file);
  const { cols } = e;
  const data = new Float32Array(texts.length * cols);
  const reduce = pooling === 'mean' ? meanRow : eotRow;
  texts.forEach((text, i) => {
    const row = e.rowOfText.get(text);
    if (row === undefined) throw mismatch(file, `the prompt ${JSON.stringify(text.slice(0, 40))} is not in ${e.index}`);
    const [from, to] = checkedRows(e, row, Math.min(ids[i]!.length, context), `the prompt ${JSON.stringify(text.slice(0, 40))}`);
    reduce(e.data.subarray(from * cols, to * cols), to - from, cols, data, i * cols);
  });
  return { data, rows: texts.length, cols };
}
