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
  /** What the points are (`id`: the file), named in the errors about them. */
  source?: string;
}

/** An error message about the points, naming them when the caller said what they are. */
const about = (source: string | undefined, what: string) => (source === undefined ? what : `${source}: ${what}`);

/**
 * All requested estimators on one point cloud. PCA and the participation ratio use every row;
 * TwoNN and MLE run on the distinct rows (duplicates give zero distances) and share one exact kNN;
 * with `intervals`, their 95 % intervals from half-samples of those distinct rows (intervals.ts).
 */
export async function estimate(m: DenseMatrix, options: EstimateOptions = {}, context: EstimateContext = {}): Promise<IdEstimates> {
  const opts = EstimateOptionsSchema.parse(options);
  const wanted = new Set(opts.estimators);
  assertFinite(m, context.source ?? 'points');
  // The kNN starts first (its tiles run in worker threads for large inputs); PCA runs in this
  // thread meanwhile. Its failure is awaited below, after PCA: not an unhandled rejection meanwhile.
  const knnPart = wanted.has('twonn') || wanted.has('mle') ? knnEstimates(m, wanted, opts, context) : undefined;
  knnPart?.catch(() => {});
  const pcaPart = await pcaEstimates(m, wanted, pcaThreads(m, knnPart !== undefined, context), context.source);
  const { duplicatesRemoved = 0, ...knn } = knnPart ? await knnPart : {};
  return assemble(m.rows, duplicatesRemoved, pcaPart, knn);
}

/** The estimates in the one key order `id --json` prints (a sharded run's merge builds them here too). */
export function assemble(n: number, duplicatesRemoved: number, pcaPart: PcaPart, knn: Pick<IdEstimates, 'twoNN' | 'mle' | 'intervals'>): IdEstimates {
  return { n, duplicatesRemoved, ...pcaPart, ...knn };
}

/** While kNN worker threads take every core, PCA's product runs on one thread (no oversubscription). */
export function pcaThreads(m: DenseMatrix, withKnn: boolean, context: EstimateContext): number | undefined {
  return withKnn && defaultWorkers(m.rows, context.threads) > 0 ? 1 : context.threads;
}

export type PcaPart = Pick<IdEstimates, 'pca' | 'participationRatio'>;

export async function pcaEstimates(m: DenseMatrix, wanted: Set<string>, threads: number | undefined, source?: string): Promise<PcaPart> {
  const out: PcaPart = {};
  if (!wanted.has('pca') && !wanted.has('pr')) return out;
  if (m.rows < 2) throw new LiteTextError('E_INPUT_FORMAT', about(source, `PCA needs at least 2 points, got ${m.rows}`), 'give the estimators more rows');
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

/** The points the kNN estimators run on: the distinct rows (first occurrences, in order), and the k they need. */
export function knnInput(m: DenseMatrix, wanted: Set<string>, opts: { mleK: number[] }, source?: string): { unique: Int32Array; points: DenseMatrix; kMax: number } {
  const unique = uniqueRowIndices(m);
  const points = unique.length === m.rows ? m : selectRows(m, unique);
  const kMax = Math.max(2, ...(wanted.has('mle') ? opts.mleK : []));
  if (points.rows <= kMax) {
    throw new LiteTextError('E_INPUT_FORMAT', about(source, `nearest-neighbour estimators with k = ${kMax} need at least ${kMax + 1} distinct points, got ${points.rows}`), 'give more points, or leave twonn/mle out of --estimators');
  }
  return { unique, points, kMax };
}

type KnnOptions = Pick<ParsedEstimateOptions, 'mleK' | 'discard' | 'intervals'>;

async function knnEstimates(m: DenseMatrix, wanted: Set<string>, opts: KnnOptions, context: EstimateContext): Promise<Pick<IdEstimates, 'duplicatesRemoved' | 'twoNN' | 'mle' | 'intervals'>> {
  const { unique, points, kMax } = knnInput(m, wanted, opts, context.source);
  const values = async (p: DenseMatrix, c: EstimateContext) => knnFromDistances((await exactKnn(p, kMax, knnContext(c))).distances, p.rows, kMax, wanted, opts);
  const full = await values(points, context);
  const out: Pick<IdEstimates, 'duplicatesRemoved' | 'twoNN' | 'mle' | 'intervals'> = { duplicatesRemoved: m.rows - unique.length, ...full };
  const iv = opts.intervals;
  // Half-samples need more than kMax points each.
  if (iv === undefined || iv.resamples === 0 || Math.floor(points.rows / 2) <= kMax) return out;
  const progress = context.progress ?? noProgress;
  progress.start(iv.resamples, 'intervals (half-samples)');
  const rng = intervalRng(iv.seed);
  const threads = context.threads === undefined ? {} : { threads: context.threads };
  const halves: Array<Pick<IdEstimates, 'twoNN' | 'mle'>> = [];
  for (let j = 0; j < iv.resamples; j++) {
    halves.push(await values(selectRows(points, halfSample(points.rows, rng)), threads));
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

export function knnContext(context: EstimateContext): { progress?: Progress; threads?: number } {
  return { ...(context.progress ? { progress: context.progress } : {}), ...(context.threads === undefined ? {} : { threads: context.threads }) };
}

/** TwoNN and MLE from every point's kMax nearest distances (n×kMax, ascending per row). */
export function knnFromDistances(distances: Float64Array, n: number, kMax: number, wanted: Set<string>, opts: { mleK: number[]; discard: number[] }): Pick<IdEstimates, 'twoNN' | 'mle'> {
  const out: Pick<IdEstimates, 'twoNN' | 'mle'> = {};
  if (wanted.has('twonn')) {
    const r1 = Float64Array.from({ length: n }, (_, i) => distances[i * kMax]!);
    const r2 = Float64Array.from({ length: n }, (_, i) => distances[i * kMax + 1]!);
    out.twoNN = Object.fromEntries(opts.discard.map((f) => [String(f), twoNN(r1, r2, f)]));
  }
  if (wanted.has('mle')) {
    out.mle = Object.fromEntries(opts.mleK.map((k) => [`k${k}`, combineMle(mlePointwise(distances, kMax, k))]));
  }
  return out;
}
