import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { LiteTextError } from '../../errors.js';
import { intervalOptions } from '../../analyzers/intrinsic-dim/cloud.js';
import { IntrinsicDimOptionsSchema } from '../../analyzers/intrinsic-dim/index.js';
import { estimate, estimateShard, ESTIMATOR_NAMES, mergeKnnParts, readKnnPart, readMatrixFile, sampleRows, writeKnnPart, type EstimatorName, type IdEstimates } from '../../estimators/index.js';
import { THREADS_FLAGS, ThreadsOptionSchema } from '../../options.js';
import { parseShard, type Shard } from '../../util/shard.js';
import { addOptionFlags } from '../option-flags.js';
import { nonNegativeInt, positiveInt } from '../parse.js';
import type { CliCommand } from '../command.js';

/** analyze's seed (the intrinsic-dim analyzer's option); id's sample and intervals are opt-in (exact on every point by default). */
const DEFAULTS = IntrinsicDimOptionsSchema.parse({});

interface IdFlags {
  estimators: string;
  json: boolean;
  threads?: number;
  sample?: number;
  seed: number;
  bootstrap: number;
  shard?: Shard;
  out?: string;
  merge: boolean;
}

export const idCommand: CliCommand = {
  name: 'id',
  examples: [
    'lite-text id demo.npy',
    'lite-text id points.csv --estimators twonn,mle --json --threads 4',
    'lite-text id embeddings.npy --sample 20000 --bootstrap 20',
  ],
  register(program, io) {
    const cmd = new Command('id')
      .description('intrinsic dimension of a point cloud: PCA spectrum, participation ratio, TwoNN, MLE (skdim conventions)')
      .argument('<file...>', 'points, one row each: .npy (2-D float32/float64, C order) or .csv (numbers separated by , ; or tab, optional header line); with --merge, the parts')
      .option('--estimators <list>', `comma-separated subset of ${ESTIMATOR_NAMES.join(',')}`, ESTIMATOR_NAMES.join(','))
      .option('--json', 'print the estimates as JSON', false)
      .option('--sample <n>', `estimate on at most N points, drawn without replacement (seeded; default: every point; analyze's --id-sample is ${DEFAULTS.idSample})`, positiveInt)
      .option('--seed <n>', 'seed of the sample; the interval half-samples use seed + 1 (the JSON records that one)', nonNegativeInt, DEFAULTS.seed)
      .option('--bootstrap <n>', `half-samples (without replacement) for the TwoNN and MLE 95 % intervals; 0: none (analyze's default is ${DEFAULTS.bootstrap})`, nonNegativeInt, 0)
      .option('--shard <K/N>', 'the exact nearest neighbours of shard K of N of the points only, written to --out PART (no estimates): `id --merge` joins the parts', (v: string) => parseShard(v))
      .option('--out <part>', 'with --shard: the part file to write')
      .option('--merge', 'FILE... are the parts of `id --shard K/N`: the estimates of the whole file, as `id FILE` gives them', false);
    addOptionFlags(cmd, ThreadsOptionSchema, THREADS_FLAGS);
    cmd.action(async (files: string[], opts: IdFlags) => {
      const usage = (what: string, hint: string) => new LiteTextError('E_USAGE', what, hint);
      if (opts.shard || opts.merge) {
        // A sharded run is exact on every point: a sample or half-samples would need the whole cloud in one place.
        if (opts.sample !== undefined || opts.bootstrap > 0) throw usage(`${opts.merge ? '--merge' : '--shard'} takes no --sample or --bootstrap: a sharded run is exact on every point`, 'run `lite-text id FILE --sample N --bootstrap N` on one machine for a sample with intervals');
      }
      if (opts.merge) {
        if (opts.shard || opts.out !== undefined) throw usage('--merge takes no --shard or --out', 'merge the parts: lite-text id --merge PART...');
        if (cmd.getOptionValueSource('estimators') === 'cli') throw usage('--merge takes no --estimators: the parts carry their settings', 'give --estimators to the `id --shard` runs');
        const { file, cols, estimates } = mergeKnnParts(files.map(readKnnPart), files);
        io.stdout.write(opts.json ? `${JSON.stringify(estimates)}\n` : formatTable(file, cols, estimates));
        return;
      }
      if (files.length !== 1) throw usage(`id takes one file of points, got ${files.length}`, 'give one .npy or .csv file (or --merge PART...)');
      if ((opts.shard === undefined) !== (opts.out === undefined)) throw usage('--shard and --out go together', 'lite-text id FILE --shard K/N --out PART');
      const file = files[0]!;
      const estimators = parseEstimators(opts.estimators);
      const all = readMatrixFile(file);
      const context = { progress: io.progress(), source: file, ...(opts.threads === undefined ? {} : { threads: opts.threads }) };
      if (opts.shard && opts.out !== undefined) {
        io.logger.debug(`id: ${all.rows} x ${all.cols} points from ${file}`);
        const part = await estimateShard(all, { name: file, bytes: readFileSync(file) }, { estimators }, opts.shard, context);
        const h = part.header;
        await writeKnnPart(opts.out, part);
        io.stderr.write(`id: shard ${h.shard.k}/${h.shard.n}: ${h.kMax} nearest neighbours of distinct rows ${h.first + 1}..${h.end} of ${h.points} -> ${opts.out}\n`);
        return;
      }
      const points = opts.sample === undefined ? all : sampleRows(all, opts.sample, opts.seed);
      io.logger.debug(`id: ${all.rows} x ${all.cols} points from ${file}${points === all ? '' : `, a sample of ${points.rows}`}`);
      const settings = { sample: opts.sample ?? all.rows, seed: opts.seed, bootstrap: opts.bootstrap };
      const result = await estimate(points, { estimators, intervals: intervalOptions(settings) }, context);
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
