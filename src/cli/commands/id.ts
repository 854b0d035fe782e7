import { Command } from 'commander';
import { LiteTextError } from '../../errors.js';
import { intervalOptions, IntrinsicDimOptionsSchema } from '../../analyzers/intrinsic-dim/index.js';
import { estimate, ESTIMATOR_NAMES, readMatrixFile, sampleRows, type EstimatorName, type IdEstimates } from '../../estimators/index.js';
import { THREADS_FLAGS, ThreadsOptionSchema } from '../../options.js';
import { addOptionFlags } from '../option-flags.js';
import { nonNegativeInt, positiveInt } from '../parse.js';

/** The same defaults as analyze's --id-sample, --seed and --bootstrap (the intrinsic-dim analyzer's options). */
const DEFAULTS = IntrinsicDimOptionsSchema.parse({});
import type { CliCommand } from '../command.js';

export const idCommand: CliCommand = {
  name: 'id',
  examples: [
    'lite-text id demo.npy',
    'lite-text id points.csv --estimators twonn,mle --json --threads 4',
  ],
  register(program, io) {
    const cmd = new Command('id')
      .description('intrinsic dimension of a point cloud: PCA spectrum, participation ratio, TwoNN, MLE (skdim conventions)')
      .argument('<file>', 'points, one row each: .npy (2-D float32/float64, C order) or .csv (numbers, optional header line)')
      .option('--estimators <list>', `comma-separated subset of ${ESTIMATOR_NAMES.join(',')}`, ESTIMATOR_NAMES.join(','))
      .option('--json', 'print the estimates as JSON', false)
      .option('--sample <n>', 'estimate on at most N points, drawn without replacement (seeded)', positiveInt, DEFAULTS.idSample)
      .option('--seed <n>', 'seed of the sample and of the interval half-samples', nonNegativeInt, DEFAULTS.seed)
      .option('--bootstrap <n>', 'half-samples (without replacement) for the TwoNN and MLE 95 % intervals; 0: none', nonNegativeInt, DEFAULTS.bootstrap);
    addOptionFlags(cmd, ThreadsOptionSchema, THREADS_FLAGS);
    cmd.action(async (file: string, opts: { estimators: string; json: boolean; threads?: number; sample: number; seed: number; bootstrap: number }) => {
      const estimators = parseEstimators(opts.estimators);
      const all = readMatrixFile(file);
      const points = sampleRows(all, opts.sample, opts.seed);
      io.logger.debug(`id: ${all.rows} x ${all.cols} points from ${file}${points === all ? '' : `, a sample of ${points.rows}`}`);
      const settings = { sample: opts.sample, seed: opts.seed, bootstrap: opts.bootstrap };
      const result = await estimate(points, { estimators, intervals: intervalOptions(settings) }, { progress: io.progress(), ...(opts.threads === undefined ? {} : { threads: opts.threads }) });
      const out = points === all ? result : { ...result, population: all.rows };
      io.stdout.write(opts.json ? `${JSON.stringify(out)}\n` : formatTable(file, all.cols, out));
    });
    program.addCommand(cmd);
  },
};

function parseEstimators(list: string): EstimatorName[] {
  const names = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const known = new Set<string>(ESTIMATOR_NAMES);
  const unknown = names.filter((s) => !known.has(s));
  if (unknown.length > 0 || names.length === 0) {
    throw new LiteTextError('E_USAGE', `--estimators: unknown estimator ${JSON.stringify(unknown[0] ?? list)}`, `choose from ${ESTIMATOR_NAMES.join(', ')}`);
  }
  return [...new Set(names)] as EstimatorName[];
}

const f3 = (v: number) => v.toFixed(3);

function formatTable(file: string, dims: number, r: IdEstimates): string {
  const rows: [string, string][] = [];
  if (r.pca) {
    rows.push(['PCA components for 90% / 95% / 99% variance', `${r.pca.components90} / ${r.pca.components95} / ${r.pca.components99}`]);
    rows.push(['PCA Fukunaga-Olsen (eigenvalues > 0.05 x largest)', String(r.pca.fo)]);
  }
  if (r.participationRatio !== undefined) rows.push(['participation ratio', f3(r.participationRatio)]);
  const iv = (i: { low: number; high: number } | undefined) => (i === undefined ? '' : `  95 % [${f3(i.low)}, ${f3(i.high)}]`);
  for (const [f, v] of Object.entries(r.twoNN ?? {})) rows.push([`TwoNN, discard ${f}`, `${f3(v)}${iv(r.intervals?.twoNN?.[f])}`]);
  for (const [k, v] of Object.entries(r.mle ?? {})) rows.push([`MLE ${k.replace('k', 'k=')}: mle / mean / median`, `${f3(v.mle)} / ${f3(v.mean)} / ${f3(v.median)}${iv(r.intervals?.mle?.[k])}`]);
  const width = Math.max(...rows.map(([a]) => a.length));
  const lines = [`${file}: ${r.population === undefined ? `${r.n} points` : `a sample of ${r.n} of ${r.population} points`} x ${dims} dimensions`];
  if (r.twoNN || r.mle) lines.push(`exact duplicate rows removed before TwoNN/MLE: ${r.duplicatesRemoved}`);
  lines.push('', ...rows.map(([a, b]) => `${a.padEnd(width)}  ${b}`));
  if (r.intervals) lines.push('', `95 % intervals (TwoNN, MLE's mle): ${r.intervals.resamples} half-samples, ${r.intervals.method}`);
  if (r.pca) lines.push('', `explained variance ratio (first ${Math.min(10, r.pca.explained.length)}): ${r.pca.explained.slice(0, 10).map(f3).join(' ')}`);
  return `${lines.join('\n')}\n`;
}
