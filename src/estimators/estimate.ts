import { LiteTextError } from '../errors.js';
import { noProgress, type Progress } from '../logger.js';
import { uniqueRowIndices } from './duplicates.js';
import { defaultWorkers, exactKnn } from '../knn/index.js';
import { assertFinite, selectRows, type DenseMatrix } from './matrix.js';
import { halfSample, INTERVAL_METHOD, intervalRng, jackknifeIntervals } from './intervals.js';
import { combineMle, mlePointwise, type MleEstimate } from './mle.js';
import { foRule, participationRatio, pcaSpectrum, ratioRule } from './pca.js';
import { EstimateOptionsSchema, type EstimateOptions, type IdEstimates, type ParsedEstimateOptions } from './schema.js';
import { twoNN } from './twonn.js';

/** How estimate() runs (not what it estimates): a progress sink, and the threads to use (default: one per core). */
export interface EstimateContext {
  progress?: Progress;
  threads?: number;
}

/**
 * All requested estimators on one point cloud. PCA and the participation ratio use every row;
 * TwoNN and MLE run on the distinct rows (duplicates give zero distances) and share one exact kNN;
 * with `intervals`, their 95 % intervals from half-samples of those distinct rows (intervals.ts).
 */
export async function estimate(m: DenseMatrix, options: EstimateOptions = {}, context: EstimateContext = {}): Promise<IdEstimates> {
  const opts = EstimateOptionsSchema.parse(options);
  const wanted = new Set(opts.estimators);
  assertFinite(m, 'points');
  // The kNN starts first (its tiles run in worker threads for large inputs); PCA runs in this
  // thread meanwhile. Its failure is awaited below, after PCA: not an unhandled rejection meanwhile.
  const knnPart = wanted.has('twonn') || wanted.has('mle') ? knnEstimates(m, wanted, opts, context) : undefined;
  knnPart?.catch(() => {});
  // While kNN worker threads take every core, PCA's product runs on one thread (no oversubscription).
  const pcaThreads = knnPart && defaultWorkers(m.rows, context.threads) > 0 ? 1 : context.threads;
  const pcaPart = wanted.has('pca') || wanted.has('pr') ? await pcaEstimates(m, wanted, pcaThreads) : {};
  const { duplicatesRemoved = 0, ...knn } = knnPart ? await knnPart : {};
  return { n: m.rows, duplicatesRemoved, ...pcaPart, ...knn };
}

async function pcaEstimates(m: DenseMatrix, wanted: Set<string>, threads: number | undefined): Promise<Pick<IdEstimates, 'pca' | 'participationRatio'>> {
  const out: Pick<IdEstimates, 'pca' | 'participationRatio'> = {};
  const { eigenvalues, ratios } = await pcaSpectrum(m, threads);
  if (wanted.has('pca')) {
    out.pca = {
      explained: ratios,
      components90: ratioRule(eigenvalues, 0.9),
      components95: ratioRule(eigenvalues, 0.95),
      components99: ratioRule(eigenvalues, 0.99),
      fo: foRule(eigenvalues, 0.05),
    };
  }
  if (wanted.has('pr')) out.participationRatio = participationRatio(eigenvalues);
  return out;
}

type KnnOptions = Pick<ParsedEstimateOptions, 'mleK' | 'discard' | 'intervals'>;

async function knnEstimates(m: DenseMatrix, wanted: Set<string>, opts: KnnOptions, context: EstimateContext): Promise<Pick<IdEstimates, 'duplicatesRemoved' | 'twoNN' | 'mle' | 'intervals'>> {
  const unique = uniqueRowIndices(m);
  const points = unique.length === m.rows ? m : selectRows(m, unique);
  const kMax = Math.max(2, ...(wanted.has('mle') ? opts.mleK : []));
  if (points.rows <= kMax) {
    throw new LiteTextError('E_INPUT_FORMAT', `nearest-neighbour estimators with k = ${kMax} need at least ${kMax + 1} distinct points, got ${points.rows}`, 'give more points, or leave twonn/mle out of --estimators');
  }
  const threads = context.threads === undefined ? {} : { threads: context.threads };
  const full = await knnValues(points, kMax, wanted, opts, { ...(context.progress ? { progress: context.progress } : {}), ...threads });
  const out: Pick<IdEstimates, 'duplicatesRemoved' | 'twoNN' | 'mle' | 'intervals'> = { duplicatesRemoved: m.rows - unique.length, ...full };
  const iv = opts.intervals;
  // Half-samples need more than kMax points each.
  if (iv === undefined || iv.resamples === 0 || Math.floor(points.rows / 2) <= kMax) return out;
  const progress = context.progress ?? noProgress;
  progress.start(iv.resamples, 'intervals (half-samples)');
  const rng = intervalRng(iv.seed);
  const halves: Array<Awaited<ReturnType<typeof knnValues>>> = [];
  for (let j = 0; j < iv.resamples; j++) {
    halves.push(await knnValues(selectRows(points, halfSample(points.rows, rng)), kMax, wanted, opts, threads));
    progress.update(j + 1);
  }
  progress.stop();
  const mleOf = (e: { mle?: Record<string, MleEstimate> | undefined }) => Object.fromEntries(Object.entries(e.mle ?? {}).map(([k, v]) => [k, v.mle]));
  out.intervals = {
    method: INTERVAL_METHOD,
    resamples: iv.resamples,
    seed: iv.seed,
    ...(full.twoNN ? { twoNN: jackknifeIntervals(full.twoNN, halves.map((h) => h.twoNN!)) } : {}),
    ...(full.mle ? { mle: jackknifeIntervals(mleOf(full), halves.map(mleOf)) } : {}),
  };
  return out;
}

/** TwoNN per discard fraction and MLE per k of distinct points, from one exact kNN. */
async function knnValues(points: DenseMatrix, kMax: number, wanted: Set<string>, opts: KnnOptions, knnOptions: { progress?: Progress; threads?: number }): Promise<Pick<IdEstimates, 'twoNN' | 'mle'>> {
  const knn = await exactKnn(points, kMax, knnOptions);
  const out: Pick<IdEstimates, 'twoNN' | 'mle'> = {};
  if (wanted.has('twonn')) {
    const r1 = Float64Array.from({ length: points.rows }, (_, i) => knn.distances[i * kMax]!);
    const r2 = Float64Array.from({ length: points.rows }, (_, i) => knn.distances[i * kMax + 1]!);
    out.twoNN = Object.fromEntries(opts.discard.map((f) => [String(f), twoNN(r1, r2, f)]));
  }
  if (wanted.has('mle')) {
    out.mle = Object.fromEntries(opts.mleK.map((k) => [`k${k}`, combineMle(mlePointwise(knn.distances, kMax, k))]));
  }
  return out;
}
