import { agreementAnalyzer, type AgreementReport } from '../analyzers/agreement/index.js';
import type { EncoderRunOptions } from '../encoder/options.js';
import type { IngestOptions, loadCorpus } from '../corpus/ingest.js';
import { LiteTextError } from '../errors.js';
import { noProgress, silentLogger, type Logger, type Progress } from '../logger.js';
import { loadTokenizer } from '../tokenizer/index.js';
import { VERSION } from '../util/package-info.js';
import { matchSides } from './match.js';
import { isEmbeddingsFile, readEmbeddingsSide, type Side } from './sides.js';

export interface CompareOptions {
  /** An ONNX encoder, or an embed `.npy` (with its `.index.jsonl`). */
  a: string;
  b: string;
  /** Ingest inputs: required when a side is an encoder. */
  inputs?: readonly string[];
  ingest?: IngestOptions;
  tokenizer?: string | undefined;
  contextLength?: number | undefined;
  /** How encoders run (cache, batching, threads); threads also sets the kNN threads. */
  run: EncoderRunOptions;
  pooling?: 'mean' | 'eot';
  k?: number;
  /** Compare the prompt ids both sides have instead of refusing different sets. */
  intersect?: boolean;
  logger?: Logger;
  progress?: Progress;
}

/** `lite-text compare`: the agreement of two encoders (or their embeddings) on the same prompts. */
export async function compare(options: CompareOptions): Promise<AgreementReport> {
  const logger = options.logger ?? silentLogger;
  const progress = options.progress ?? noProgress;
  const pooling = options.pooling ?? 'mean';
  const k = options.k ?? 10;
  const tokenizer = await loadTokenizer(options.tokenizer, options.contextLength === undefined ? {} : { contextLength: options.contextLength });
  const encoders = [options.a, options.b].filter((p) => !isEmbeddingsFile(p));
  const inputs = options.inputs ?? [];
  if (encoders.length > 0 && inputs.length === 0) throw new LiteTextError('E_USAGE', `${encoders[0]}: an encoder needs inputs to embed`, 'give the prompt files after A and B, e.g. lite-text compare teacher.onnx student.onnx prompts.txt');
  if (encoders.length === 0 && inputs.length > 0) throw new LiteTextError('E_USAGE', `inputs ${inputs.join(', ')} given but A and B are both .npy embeddings`, 'leave the inputs out, or give an encoder');
  let corpus: Awaited<ReturnType<typeof loadCorpus>> | undefined;
  let ids: number[][] | undefined;
  const side = async (path: string): Promise<Side> => {
    if (isEmbeddingsFile(path)) return readEmbeddingsSide(path);
    // The encoder path's modules (onnx-proto, the ingest adapters) load only when a side needs them.
    const [{ loadCorpus }, { promptNames }, { embedSide }] = await Promise.all([import('../corpus/ingest.js'), import('../corpus/label.js'), import('./embed-side.js')]);
    corpus ??= await loadCorpus(inputs, options.ingest ?? {}, logger);
    if (corpus.prompts.length === 0) throw new LiteTextError('E_EMPTY_CORPUS', `${inputs.join(', ')}: no prompts to embed`, 'check the inputs and ingest flags');
    ids ??= tokenizer.encodeBatch(corpus.prompts.map((p) => p.text));
    return embedSide(path, { prompts: corpus.prompts, ids, pooling, run: options.run, contextLength: options.contextLength ?? tokenizer.contextLength, describe: promptNames(corpus.prompts, tokenizer), logger, progress });
  };
  const a = await side(options.a);
  const b = await side(options.b);
  const matched = matchSides(a, b, options.intersect ?? false);
  const tokenCount = (text: string) => tokenizer.encode(text).length;
  const measures = await agreementAnalyzer.compute({ a: matched.a, b: matched.b, prompts: matched.prompts, tokenCount }, { k, threads: options.run.threads, progress });
  const sideInfo = (s: Side, m: typeof matched.a) => ({ path: s.path, kind: s.kind, width: m.cols, rows: s.matrix.rows });
  // A .npy does not record its pooling: never label two files with the flag's default.
  const recorded = encoders.length === 0 ? null : pooling;
  if (encoders.length === 1) logger.warn(`${encoders[0]} is pooled with --pooling ${pooling}: the .npy side must have been written with embed --pooling ${pooling} too`);
  const agreement = agreementAnalyzer.result.parse({ a: sideInfo(a, matched.a), b: sideInfo(b, matched.b), pooling: recorded, dropped: matched.dropped, ...measures });
  return { tool: { name: 'lite-text', version: VERSION }, kind: 'agreement', createdAt: new Date().toISOString(), agreement, definitions: { ...agreementAnalyzer.definitions } };
}
