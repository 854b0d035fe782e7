import { denseMatrix, type DenseMatrix } from '../../estimators/index.js';
import type { AnalyzeContext } from '../types.js';
import { cloudEstimates } from './cloud.js';
import type { IntrinsicDimOptions, IntrinsicDimSection } from './schema.js';

/** Row indices of a cloud grouped by the dataset of the text they belong to. */
function groupRows(ctx: AnalyzeContext<unknown>, rowsOfText: (t: number) => [number, number]): Map<string, number[]> {
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

/** The analyzer's run: the three clouds (mean, eot, per-token) of the corpus's embeddings. */
export async function intrinsicDimensions(ctx: AnalyzeContext<IntrinsicDimOptions>): Promise<IntrinsicDimSection> {
  const e = await ctx.resources.embeddings!();
  const settings = { sample: ctx.settings.idSample, seed: ctx.settings.seed, bootstrap: ctx.settings.bootstrap };
  const perText = groupRows(ctx, (t) => [t, t + 1]);
  const perToken = groupRows(ctx, (t) => [e.tokens.offsets[t]!, e.tokens.offsets[t + 1]!]);
  const rows = e.tokens.offsets[e.tokens.offsets.length - 1]!;
  ctx.logger.info(`intrinsic dimension: ${e.mean.rows} distinct prompts, ${rows} token rows, sample ≤ ${settings.sample}, ${settings.bootstrap} half-samples for the intervals`);
  const cloud = async (pooling: string, m: DenseMatrix, groups: Map<string, number[]>) => {
    ctx.logger.info(`intrinsic dimension: ${pooling} pooling (${Math.min(m.rows, settings.sample)} of ${m.rows} points)`);
    return cloudEstimates(m, groups, settings, { progress: ctx.progress, ...(ctx.threads === undefined ? {} : { threads: ctx.threads }) });
  };
  return {
    encoder: e.encoder,
    sample: settings.sample,
    seed: settings.seed,
    bootstrap: settings.bootstrap,
    mean: await cloud('mean', denseMatrix(e.mean.data, e.mean.rows, e.mean.cols), perText),
    eot: await cloud('eot', denseMatrix(e.eot.data, e.eot.rows, e.eot.cols), perText),
    tokens: await cloud('per-token', denseMatrix(e.tokens.data, rows, e.tokens.cols), perToken),
  };
}
