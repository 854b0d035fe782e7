import { LiteTextError } from '../errors.js';
import { noProgress, silentLogger, type Logger, type Progress } from '../logger.js';
import type { EmbeddingCache } from './cache.js';
import { readingOf } from './conventions.js';
import { eotRow, meanRow, type Pooling } from './pooling.js';
import { assertKept, type Describe } from './pruned.js';
import { runBatch } from './run-batch.js';
import type { Encoder } from './session.js';

export interface EmbedOptions {
  pooling?: Pooling | undefined;
  /** Prompts per ORT run where the batch axis is dynamic (default 64). */
  batchSize?: number | undefined;
  cache?: EmbeddingCache | undefined;
  progress?: Progress | undefined;
  logger?: Logger | undefined;
  /** Names of the prompts and words, for the line that refuses an id a pruned encoder dropped. */
  describe?: Describe | undefined;
}

export interface EmbedStats {
  prompts: number;
  unique: number;
  cached: number;
  computed: number;
  batches: number;
  cut: boolean;
  /** Token positions fed to the model (padding included) and the valid ones among them. */
  fedTokens: number;
  validTokens: number;
  /** [rows, seq] of every ORT run (for FLOP counts). */
  batchShapes: Array<[number, number]>;
}

/** Row-major float32 [rows, cols]; for `tokens` pooling, prompt i owns rows offsets[i] .. offsets[i+1]. */
export interface Embeddings {
  data: Float32Array;
  rows: number;
  cols: number;
  offsets: number[] | undefined;
  stats: EmbedStats;
}

/** SAM3's rule for over-long prompts: keep the first context-1 ids and end with the end token (the last id). */
export function fitContext(ids: readonly number[], context: number, index: number): number[] {
  if (ids.length === 0) throw new LiteTextError('E_USAGE', `token sequence ${index} is empty`, 'every prompt needs at least its start and end tokens');
  return ids.length <= context ? ids.slice() : [...ids.slice(0, context - 1), ids[ids.length - 1]!];
}

/** Encodes token sequences: dedupe, cache lookup, length-sorted batches (cut when the probe allows), pooling. */
export async function embed(encoder: Encoder, tokenIds: readonly (readonly number[])[], options: EmbedOptions = {}): Promise<Embeddings> {
  const pooling = options.pooling ?? 'mean';
  const progress = options.progress ?? noProgress;
  const logger = options.logger ?? silentLogger;
  const { plan } = encoder;
  const fitted = tokenIds.map((ids, i) => fitContext(ids, encoder.contextLength, i));
  if (encoder.kept) assertKept(encoder.kept, encoder.path, fitted, options.describe);

  // De-duplicate identical sequences; every prompt maps to its unique sequence.
  const uniqueIndex = new Map<string, number>();
  const uniques: number[][] = [];
  const promptToUnique = fitted.map((ids) => {
    const k = ids.join(',');
    let u = uniqueIndex.get(k);
    if (u === undefined) {
      u = uniques.length;
      uniqueIndex.set(k, u);
      uniques.push(ids);
    }
    return u;
  });

  const results: Array<Float32Array | undefined> = new Array(uniques.length);
  const padding = `context ${encoder.contextLength}, pad ${encoder.padId}`;
  const reading = readingOf(plan);
  const keys = options.cache ? uniques.map((ids) => options.cache!.key(encoder.modelHash, reading, ids, padding)) : [];
  let dim = 0;
  const missing: number[] = [];
  uniques.forEach((_, u) => {
    const hit = options.cache?.get(keys[u]!);
    if (hit) {
      results[u] = hit.data;
      dim = hit.cols;
    } else missing.push(u);
  });
  // Load the session and probe only when something must be computed (a fully cached re-run never does).
  const probe = missing.length > 0 ? (await encoder.ready()).probe : encoder.probe;
  const canCut = probe?.canCut ?? false;
  const stats: EmbedStats = { prompts: tokenIds.length, unique: uniques.length, cached: uniques.length - missing.length, computed: 0, batches: 0, cut: canCut, fedTokens: 0, validTokens: 0, batchShapes: [] };

  // Batch by length: sorted ascending, so a cut batch wastes little padding.
  missing.sort((a, b) => uniques[a]!.length - uniques[b]!.length || a - b);
  const batchSize = plan.fixedBatch ?? Math.max(1, options.batchSize ?? 64);
  progress.start(uniques.length, 'embedding');
  progress.update(stats.cached);
  for (let i = 0; i < missing.length; i += batchSize) {
    const members = missing.slice(i, i + batchSize);
    const batch = members.map((u) => uniques[u]!);
    // A fixed batch axis larger than the work left: fill with copies of the first row (their outputs are dropped).
    while (plan.fixedBatch !== undefined && batch.length < plan.fixedBatch) batch.push(batch[0]!);
    const seq = canCut ? Math.max(...batch.map((ids) => ids.length)) : encoder.contextLength;
    const out = await runBatch({ session: encoder.session!, plan, padId: encoder.padId, path: encoder.path }, batch, seq);
    stats.batchShapes.push([batch.length, seq]);
    dim = out.dim;
    stats.batches++;
    stats.fedTokens += batch.length * seq;
    members.forEach((u, r) => {
      const len = plan.pooled ? 1 : uniques[u]!.length;
      const rows = out.data.slice(r * out.seq * dim, (r * out.seq + len) * dim);
      results[u] = rows;
      stats.validTokens += uniques[u]!.length;
      options.cache?.set(keys[u]!, { rows: len, cols: dim, data: rows });
    });
    stats.computed += members.length;
    progress.update(stats.cached + stats.computed);
  }
  progress.stop();
  logger.debug(`embedded ${stats.prompts} prompts: ${stats.unique} unique, ${stats.cached} from cache, ${stats.computed} computed in ${stats.batches} batches`);
  return { ...pool(results, promptToUnique, plan.pooled ? () => 1 : (u) => uniques[u]!.length, dim, pooling), stats };
}

function pool(results: Array<Float32Array | undefined>, promptToUnique: number[], lengthOf: (u: number) => number, dim: number, pooling: Pooling): Omit<Embeddings, 'stats'> {
  const n = promptToUnique.length;
  if (pooling === 'tokens') {
    const offsets = [0];
    for (const u of promptToUnique) offsets.push(offsets[offsets.length - 1]! + lengthOf(u));
    const data = new Float32Array(offsets[n]! * dim);
    promptToUnique.forEach((u, i) => data.set(results[u]!, offsets[i]! * dim));
    return { data, rows: offsets[n]!, cols: dim, offsets };
  }
  const data = new Float32Array(n * dim);
  const reduce = pooling === 'mean' ? meanRow : eotRow;
  promptToUnique.forEach((u, i) => reduce(results[u]!, lengthOf(u), dim, data, i * dim));
  return { data, rows: n, cols: dim, offsets: undefined };
}
