import { bootstrapInterval, denseMatrix, estimate, quantile, selectRows, stratifiedSample, type DenseMatrix } from '../../estimators/index.js';
import { IntrinsicDimSectionSchema, type IdCloud, type IntrinsicDimSection } from '../../report/sections/intrinsic-dim.js';
import type { Analyzer, AnalyzeContext } from '../types.js';

/** What the runner provides as `resources.embeddings`: per-token embeddings of every distinct text. */
export interface CorpusEmbeddings {
  /** Token rows of distinct text t are rows offsets[t] .. offsets[t+1] of `data` (row-major, `cols` wide). */
  tokens: { data: Float32Array; cols: number; offsets: readonly number[] };
  mean: { data: Float32Array; rows: number; cols: number };
  eot: { data: Float32Array; rows: number; cols: number };
  encoder: { file: string; output: string; convention: string };
}

export interface IdSettings {
  sample: number;
  seed: number;
  bootstrap: number;
}

/**
 * Estimates of one cloud on a seeded sample stratified by dataset, plus percentile-bootstrap 95 %
 * intervals of TwoNN (discard 0.1) and MLE (k = 20) over `bootstrap` resamples of that sample.
 */
export async function cloudEstimates(all: DenseMatrix, groups: ReadonlyMap<string, readonly number[]>, settings: IdSettings): Promise<IdCloud> {
  const picked = stratifiedSample(groups, settings.sample, settings.seed);
  const m = selectRows(all, picked);
  const estimates = await estimate(m);
  const base = { ...estimates, population: all.rows, dimension: all.cols };
  if (settings.bootstrap === 0) return { ...base, intervals: { twoNN: null, mle: null } };
  const mleValues: number[] = [];
  const twoNN = await bootstrapInterval(
    m.rows,
    async (indices) => {
      const e = await estimate(selectRows(m, indices), { estimators: ['twonn', 'mle'], mleK: [20], discard: [0.1] });
      mleValues.push(e.mle!['k20']!.mle);
      return e.twoNN!['0.1']!;
    },
    { resamples: settings.bootstrap, seed: settings.seed + 1 },
  );
  const sortedMle = [...mleValues].sort((a, b) => a - b);
  const mle = { low: quantile(sortedMle, 0.025), high: quantile(sortedMle, 0.975) };
  return { ...base, intervals: { twoNN: { low: twoNN.low, high: twoNN.high }, mle } };
}

/** Row indices of a cloud grouped by the dataset of the text they belong to. */
function groupRows(ctx: AnalyzeContext, rowsOfText: (t: number) => [number, number]): Map<string, number[]> {
  const datasetOfText: string[] = new Array(ctx.tokens.distinct);
  ctx.prompts.forEach((p, i) => {
    datasetOfText[ctx.tokens.textOf[i]!] ??= p.dataset;
  });
  const groups = new Map<string, number[]>();
  for (let t = 0; t < ctx.tokens.distinct; t++) {
    const name = datasetOfText[t]!;
    let list = groups.get(name);
    if (!list) groups.set(name, (list = []));
    const [from, to] = rowsOfText(t);
    for (let r = from; r < to; r++) list.push(r);
  }
  return groups;
}

export const intrinsicDimAnalyzer: Analyzer<IntrinsicDimSection> = {
  name: 'intrinsic-dim',
  section: 'intrinsicDim',
  description: 'intrinsic dimension of the text embeddings (mean, eot, per-token): PCA spectrum, participation ratio, TwoNN, MLE',
  needs: ['embeddings'],
  schema: IntrinsicDimSectionSchema,
  async run(ctx) {
    const provide = ctx.resources.embeddings as () => Promise<CorpusEmbeddings>;
    const e = await provide();
    const settings = ctx.settings['id'] as IdSettings;
    const perText = groupRows(ctx, (t) => [t, t + 1]);
    const perToken = groupRows(ctx, (t) => [e.tokens.offsets[t]!, e.tokens.offsets[t + 1]!]);
    const rows = e.tokens.offsets[e.tokens.offsets.length - 1]!;
    ctx.logger.info(`intrinsic dimension: ${e.mean.rows} distinct prompts, ${rows} token rows, sample ≤ ${settings.sample}, ${settings.bootstrap} bootstrap resamples`);
    return {
      encoder: e.encoder,
      sample: settings.sample,
      seed: settings.seed,
      bootstrap: settings.bootstrap,
      mean: await cloudEstimates(denseMatrix(e.mean.data, e.mean.rows, e.mean.cols), perText, settings),
      eot: await cloudEstimates(denseMatrix(e.eot.data, e.eot.rows, e.eot.cols), perText, settings),
      tokens: await cloudEstimates(denseMatrix(e.tokens.data, rows, e.tokens.cols), perToken, settings),
    };
  },
};
