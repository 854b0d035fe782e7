import { createHash } from 'node:crypto';
import { LiteTextError } from '../errors.js';
import { exactKnn } from '../knn/index.js';
import { checkShardCover, shardRange, type Shard } from '../util/shard.js';
import { assemble, knnContext, knnFromDistances, knnInput, pcaEstimates, pcaThreads, type EstimateContext } from './estimate.js';
import type { KnnPart, KnnPartHeader } from './knn-part.js';
import { assertFinite, type DenseMatrix } from './matrix.js';
import { EstimateOptionsSchema, type EstimateOptions, type IdEstimates } from './schema.js';

/**
 * Shard K of N of `estimate()`'s kNN: the exact kMax nearest neighbours of a contiguous range of the
 * distinct rows (against all of them), and in shard 1 the PCA part: what mergeKnnParts needs to give
 * estimate()'s result bit for bit (each row's neighbours are exact and canonically ordered, knn/).
 */
export async function estimateShard(m: DenseMatrix, file: { name: string; bytes: Uint8Array }, options: EstimateOptions, shard: Shard, context: EstimateContext = {}): Promise<KnnPart> {
  const opts = EstimateOptionsSchema.parse(options);
  const wanted = new Set(opts.estimators);
  if (!wanted.has('twonn') && !wanted.has('mle')) {
    throw new LiteTextError('E_USAGE', '--shard splits the nearest-neighbour search of twonn/mle, and --estimators has neither', 'run pca/pr on one machine (no --shard), or add twonn or mle');
  }
  assertFinite(m, file.name);
  const { unique, points, kMax } = knnInput(m, wanted, opts, file.name);
  const { first, end } = shardRange(points.rows, shard);
  const knn = exactKnn(points, kMax, { ...knnContext(context), rows: { first, end } });
  knn.catch(() => {});
  const pca = shard.k === 1 ? await pcaEstimates(m, wanted, pcaThreads(m, true, context), file.name) : {};
  const { distances, indices } = await knn;
  // Neighbours as row numbers of the file (the kNN numbers the distinct rows).
  for (let i = 0; i < indices.length; i++) indices[i] = unique[indices[i]!]!;
  const header: KnnPartHeader = {
    format: 'lite-text-knn-part', version: 1, file: file.name, sha256: createHash('sha256').update(file.bytes).digest('hex'),
    rows: m.rows, cols: m.cols, settings: opts, shard, points: points.rows, duplicatesRemoved: m.rows - points.rows, kMax, first, end, ...pca,
  };
  return { header, distances, indices };
}

/** What every part of one sharded run shares (the shard and its rows aside). */
const RUN_KEYS = ['sha256', 'rows', 'cols', 'settings', 'points', 'duplicatesRemoved', 'kMax'] as const;

/** The parts of a sharded `id` run, checked to cover every distinct row once, to estimate()'s result (the file named as shard 1 names it). */
export function mergeKnnParts(parts: readonly KnnPart[], names: readonly string[]): { file: string; cols: number; estimates: IdEstimates } {
  const first = parts[0]!.header;
  parts.forEach(({ header: h }, i) => {
    const differs = RUN_KEYS.find((key) => JSON.stringify(h[key]) !== JSON.stringify(first[key])) ?? (h.shard.n === first.shard.n ? undefined : 'N');
    if (differs !== undefined) throw new LiteTextError('E_SHARD', `${names[i]}: foreign part (its ${differs} differs from ${names[0]}'s)`, 'merge the parts of one run: the same file, estimators and N');
  });
  checkShardCover(parts.map((p) => p.header.shard), names);
  const ordered = parts.slice().sort((a, b) => a.header.shard.k - b.header.shard.k);
  const { points, kMax, settings } = first;
  const distances = new Float64Array(points * kMax);
  for (const { header: h, distances: d } of ordered) {
    const range = shardRange(points, h.shard);
    if (h.first !== range.first || h.end !== range.end) throw new LiteTextError('E_SHARD', `${names[parts.findIndex((p) => p.header === h)]}: shard ${h.shard.k}/${h.shard.n} holds rows ${h.first}..${h.end}, expected ${range.first}..${range.end}`, 'rerun that shard with this lite-text version');
    distances.set(d, h.first * kMax);
  }
  const wanted = new Set<string>(settings.estimators);
  const { pca, participationRatio } = ordered[0]!.header;
  const pcaPart = { ...(pca === undefined ? {} : { pca }), ...(participationRatio === undefined ? {} : { participationRatio }) };
  return { file: ordered[0]!.header.file, cols: first.cols, estimates: assemble(first.rows, first.duplicatesRemoved, pcaPart, knnFromDistances(distances, points, kMax, wanted, settings)) };
}
