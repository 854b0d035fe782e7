import { Command } from 'commander';
import { LiteTextError } from '../../errors.js';
import { estimate, ESTIMATOR_NAMES, readMatrixFile, type EstimatorName, type IdEstimates } from '../../estimators/index.js';
import { THREADS_FLAGS, ThreadsOptionSchema } from '../../options.js';
import { addOptionFlags } from '../option-flags.js';
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
      .option('--json', 'print the estimates as JSON', false);
    addOptionFlags(cmd, ThreadsOptionSchema, THREADS_FLAGS);
    cmd.action(async (file: string, opts: { estimators: string; json: boolean; threads?: number }) => {
      const estimators = parseEstimators(opts.estimators);
      const points = readMatrixFile(file);
      io.logger.debug(`id: ${points.rows} x ${points.cols} points from ${file}`);
      const result = await estimate(points, { estimators }, { progress: io.progress(), ...(opts.threads === undefined ? {} : { threads: opts.threads }) });
      io.stdout.write(opts.json ? `${JSON.stringify(result)}\n` : formatTable(file, points.cols, result));
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
  for (const [f, v] of Object.entries(r.twoNN ?? {})) rows.push([`TwoNN, discard ${f}`, f3(v)]);
  for (const [k, v] of Object.entries(r.mle ?? {})) rows.push([`MLE ${k.replace('k', 'k=')}: mle / mean / median`, `${f3(v.mle)} / ${f3(v.mean)} / ${f3(v.median)}`]);
  const width = Math.max(...rows.map(([a]) => a.length));
  const lines = [`${file}: ${r.n} points x ${dims} dimensions`];
  if (r.twoNN || r.mle) lines.push(`exact duplicate rows removed before TwoNN/MLE: ${r.duplicatesRemoved}`);
  lines.push('', ...rows.map(([a, b]) => `${a.padEnd(width)}  ${b}`));
  if (r.pca) lines.push('', `explained variance ratio (first ${Math.min(10, r.pca.explained.length)}): ${r.pca.explained.slice(0, 10).map(f3).join(' ')}`);
  return `${lines.join('\n')}\n`;
}
