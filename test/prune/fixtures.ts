import { statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../../src/corpus/ingest.js';
import { embed, openEncoder } from '../../src/encoder/index.js';
import { readModel, tensorDims } from '../../src/encoder/onnx/proto.js';
import { embeddingTables } from '../../src/analyzers/encoder-anatomy/embedding-graph.js';
import { loadTokenizer } from '../../src/tokenizer/index.js';
import { ROOT } from '../helpers/cli.js';

/** The corpus the encoders are pruned for: the bundled demo corpus (470 prompts, 1-41 tokens). */
export const DEMO = join(ROOT, 'corpora', 'demo');

export async function demoTexts(): Promise<string[]> {
  return (await loadCorpus([DEMO], {})).prompts.map((p) => p.text);
}

/** Per prompt, its valid token rows through `model` (the embed path: openEncoder + embed, pooling tokens). */
export async function tokenRows(model: string, ids: readonly (readonly number[])[], contextLength = 32): Promise<Float32Array[]> {
  const encoder = await openEncoder(model, { contextLength });
  try {
    const e = await embed(encoder, ids, { pooling: 'tokens' });
    return ids.map((_, i) => e.data.slice(e.offsets![i]! * e.cols, e.offsets![i + 1]! * e.cols));
  } finally {
    await encoder.close();
  }
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Every id of the corpus, start, end and pad (0): the rows a pruned table must keep, from the tokenizer alone. */
export async function corpusIds(texts: readonly string[]): Promise<Set<number>> {
  const tokenizer = await loadTokenizer('sam3');
  return new Set([0, tokenizer.special.start, tokenizer.special.end, ...tokenizer.encodeBatch(texts).flat()]);
}

/** SAM3's cut of a sequence to L tokens: the first L-1 ids, then the end token. */
export function cut(ids: readonly number[], L: number): number[] {
  return ids.length <= L ? ids.slice() : [...ids.slice(0, L - 1), ids[ids.length - 1]!];
}

export const bytesOf = (...files: string[]) => files.reduce((s, f) => s + statSync(f).size, 0);

/** The token and positional tables of a model file, found by the graph; its metadata; its declared inputs. */
export function anatomy(path: string) {
  const model = readModel(path);
  const tables = embeddingTables(model)!;
  const init = (name: string) => (model.graph!.initializer ?? []).find((t) => t.name === name)!;
  return {
    token: tensorDims(init(tables.token.name)),
    positional: tensorDims(init(tables.positional.name)),
    metadata: Object.fromEntries((model.metadataProps ?? []).map((p) => [p.key, p.value])),
    inputs: (model.graph!.input ?? []).map((i) => (i.type?.tensorType?.shape?.dim ?? []).map((d) => (d.dimParam ? d.dimParam : Number(d.dimValue)))),
  };
}
