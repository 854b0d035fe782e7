// Empirical coverage of the TwoNN and MLE 95 % intervals (src/estimators/intervals.ts: half-sampling,
// the delete-d jackknife with d = n/2) on synthetic manifolds of known dimension: for each manifold,
// `--seeds` independent clouds of `--n` points, and how often the interval holds the true dimension d,
// how often it holds the estimator's own mean over the seeds (its expectation at this n: what an
// interval of sampling variability can cover), and how often it holds its own estimate (always).
// Prints a Markdown table (docs/intrinsic-dimension.md holds its last run) and one JSON line.
//
//   node bench/id-intervals.mjs [--n 1000] [--seeds 100] [--resamples 20] [--smoke]
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { machine, ROOT } from './lib.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const SMOKE = 'smoke' in args;
const N = Number(args.n ?? (SMOKE ? 200 : 1000));
const SEEDS = Number(args.seeds ?? (SMOKE ? 2 : 100));
const RESAMPLES = Number(args.resamples ?? (SMOKE ? 4 : 20));
// Manifolds of scikit-dimension's samplers (test/estimators/manifolds.ts), each in twice its dimension.
const CASES = [['ball', 2], ['ball', 5], ['ball', 10], ['cube', 2], ['cube', 5], ['cube', 10], ['sphere', 5]];

// Inside node_modules/.cache so that the bundle's bare imports (onnxruntime-node...) resolve.
const outfile = join(ROOT, 'node_modules/.cache/lite-text-bench-id-intervals/lib.mjs');
await build({ entryPoints: [join(ROOT, 'bench/id-intervals-lib.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning', absWorkingDir: ROOT });
const lib = await import(pathToFileURL(outfile).href);

const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
const sd = (a) => Math.sqrt(mean(a.map((x) => (x - mean(a)) ** 2)));
const share = (hits) => `${((100 * hits) / SEEDS).toFixed(0)} %`;

const rows = [];
for (const [kind, d] of CASES) {
  const runs = { twoNN: [], mle: [] };
  for (let seed = 0; seed < SEEDS; seed++) {
    const cloud = kind === 'sphere' ? lib.sphere(N, d, seed) : lib[kind](N, d, 2 * d, seed);
    const r = await lib.estimate(cloud, { estimators: ['twonn', 'mle'], mleK: [20], discard: [0.1], intervals: { resamples: RESAMPLES, seed } });
    runs.twoNN.push({ value: r.twoNN['0.1'], ...r.intervals.twoNN['0.1'] });
    runs.mle.push({ value: r.mle.k20.mle, ...r.intervals.mle.k20 });
  }
  for (const [estimator, list] of Object.entries(runs)) {
    const values = list.map((x) => x.value);
    const m = mean(values);
    const holds = (t) => list.filter((x) => x.low <= t && t <= x.high).length;
    rows.push({
      manifold: `${kind} d=${d} in ${kind === 'sphere' ? d + 1 : 2 * d}`, d, estimator: estimator === 'twoNN' ? 'TwoNN (discard 0.1)' : 'MLE (k = 20)',
      mean: m, sd: sd(values), width: mean(list.map((x) => x.high - x.low)), coverTrue: holds(d), coverMean: holds(m), containsOwn: list.filter((x) => x.low <= x.value && x.value <= x.high).length,
    });
  }
}

console.log(`| manifold | estimator | mean estimate | sd over seeds | mean width | holds d | holds the mean | holds its estimate |`);
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.manifold} | ${r.estimator} | ${r.mean.toFixed(2)} | ${r.sd.toFixed(3)} | ${r.width.toFixed(3)} | ${share(r.coverTrue)} | ${share(r.coverMean)} | ${share(r.containsOwn)} |`);
console.log(`\n${N} points per cloud, ${SEEDS} seeds, ${RESAMPLES} half-samples; ${machine()}`);
console.log(JSON.stringify({ n: N, seeds: SEEDS, resamples: RESAMPLES, rows }));
process.exit(0);
