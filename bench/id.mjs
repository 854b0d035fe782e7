// Intrinsic-dimension benchmark: lite-text `id` (TwoNN + MLE + PCA) against a blocked numpy/OpenBLAS
// implementation of the same three (bench/id_numpy.py), both timed as whole processes on the same
// .npy file; scaling of lite-text with n; and the straightforward plain-JS path on a small size.
//
//   npm run build && node bench/id.mjs [--smoke] [--sizes 5000,10000,20000,50000] [--runs 5]
//     [--baseline-sizes 20000] [--baseline-runs 5] [--baseline-f32 RUNS] [--python python3] [--naive 3000]
//     [--dim 256] [--latent 16]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { curvedManifold as manifold, machine, median, npy, ROOT, timeProcess } from './lib.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const list = (s, d) => (s ?? d).split(',').filter(Boolean).map(Number);
// --smoke: 300 points, 1 run, the plain-JS path at 200 (CI keeps the script from rotting; no figure).
const SMOKE = 'smoke' in args;
const python = args.python ?? 'python3';
// Without numpy (Debian's python3-numpy, or python3 itself) the baseline is skipped, saying so.
const hasNumpy = spawnSync(python, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
const sizes = list(args.sizes, SMOKE ? '300' : '5000,10000,20000,50000');
const baselineSizes = hasNumpy ? list(args['baseline-sizes'], SMOKE ? '300' : '20000') : [];
const runs = Number(args.runs ?? (SMOKE ? 1 : 5));
const baselineRuns = Number(args['baseline-runs'] ?? (SMOKE ? 1 : 5));
const naiveN = Number(args.naive ?? (SMOKE ? 200 : 3000));
const DIM = Number(args.dim ?? 256);
const LATENT = Number(args.latent ?? 16);
const curvedManifold = (n) => manifold(n, DIM, LATENT);


/** A whole process: wall time, and CPU time (user + system) from GNU time, which the machine's load inflates less. */
// GNU time (Debian's `time` package) gives the CPU time; without it (a bare CI image) only wall time is measured.
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
function run(cmd, argv, env) {
  if (!GNU_TIME) {
    const { wall, stdout } = timeProcess(cmd, argv, { env });
    return { wall, cpu: Number.NaN, out: JSON.parse(stdout) };
  }
  const { wall, stdout, stderr } = timeProcess(GNU_TIME, ['-f', 'cpu-seconds=%U+%S', cmd, ...argv], { env });
  const [user, sys] = /cpu-seconds=([\d.]+)\+([\d.]+)/.exec(stderr).slice(1).map(Number);
  return { wall, cpu: user + sys, out: JSON.parse(stdout) };
}

const rel = (a, b) => Math.abs(a - b) / Math.abs(b);
const fmt = (v) => v.toFixed(2);

const baselineEnv = { ...process.env };
delete baselineEnv.OPENBLAS_CORETYPE; // see /work/.library/env notes: both slow a current OpenBLAS
delete baselineEnv.OPENBLAS_L2_SIZE;
const pyInfo = !hasNumpy ? 'not installed: numpy baseline skipped' : spawnSync(python, ['-c', 'import sys, numpy; c = numpy.show_config(mode="dicts") if hasattr(numpy.show_config, "__call__") else {}; b = c.get("Build Dependencies", {}).get("blas", {}); print(sys.version.split()[0], numpy.__version__, b.get("name", "?"), b.get("version", "?"))'], { encoding: 'utf8', env: baselineEnv }).stdout.trim();
console.log(`machine: ${machine()}; baseline: ${python} (Python, numpy, BLAS: ${pyInfo})`);
console.log(`load average at start: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
const dir = mkdtempSync(join(tmpdir(), 'lite-text-bench-id-'));
const cli = join(ROOT, 'bin/lite-text.js');
try {
  const rows = [];
  for (const n of sizes) {
    const file = join(dir, `manifold${LATENT}_${n}x${DIM}.npy`);
    writeFileSync(file, npy(curvedManifold(n), n, DIM));
    // Interleaved (ours, numpy, ours, numpy, ...) so that a change of machine load hits both alike.
    const withBase = baselineSizes.includes(n);
    const ours = [];
    const oursCpu = [];
    const base = [];
    const baseCpu = [];
    let result;
    let b;
    for (let r = 0; r < Math.max(runs, withBase ? baselineRuns : 0); r++) {
      if (r < runs) ({ wall: ours[r], cpu: oursCpu[r], out: result } = run(process.execPath, [cli, 'id', file, '--json', '--sample', String(n), '--bootstrap', '0'], { ...process.env, LITE_TEXT_QUIET: '1' }));
      if (withBase && r < baselineRuns) ({ wall: base[r], cpu: baseCpu[r], out: b } = run(python, [join(ROOT, 'bench/id_numpy.py'), file], baselineEnv));
    }
    const row = { n, ours, oursMedian: median(ours), oursCpu, oursCpuMedian: median(oursCpu), twoNN: result.twoNN['0.1'], mle20: result.mle.k20.mle, components95: result.pca.components95, load: loadavg()[0] };
    if (withBase) {
      row.base = base;
      row.baseMedian = median(base);
      row.baseCpu = baseCpu;
      row.baseCpuMedian = median(baseCpu);
      if (args['baseline-f32'] !== undefined) {
        const f32 = [];
        for (let r = 0; r < Number(args['baseline-f32']); r++) f32[r] = run(python, [join(ROOT, 'bench/id_numpy.py'), file, 'float32'], baselineEnv).wall;
        row.baseF32 = f32;
        row.baseF32Median = median(f32);
      }
      row.agreement = { twoNN: rel(result.twoNN['0.1'], b.twoNN['0.1']), mle20: rel(result.mle.k20.mle, b.mle.k20.mle), pr: rel(result.participationRatio, b.participationRatio), components: [result.pca.components90, result.pca.components95, result.pca.components99].join('/') === [b.pca.components90, b.pca.components95, b.pca.components99].join('/') };
    }
    rows.push(row);
    console.log(JSON.stringify(row));
  }
  console.log('\n| n × D | lite-text id: wall s (median; runs) | CPU s (median) | numpy: wall s (median; runs) | CPU s (median) | speed-up wall / CPU | TwoNN | MLE k=20 | PCA 95% | load (1 min) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const up = r.baseMedian ? `${(r.baseMedian / r.oursMedian).toFixed(1)}× / ${(r.baseCpuMedian / r.oursCpuMedian).toFixed(1)}×` : '–';
    console.log(`| ${r.n} × ${DIM} | ${fmt(r.oursMedian)} (${r.ours.map(fmt).join(', ')}) | ${fmt(r.oursCpuMedian)} | ${r.baseMedian ? `${fmt(r.baseMedian)} (${r.base.map(fmt).join(', ')})` : '–'} | ${r.baseMedian ? fmt(r.baseCpuMedian) : '–'} | ${up} | ${r.twoNN.toFixed(3)} | ${r.mle20.toFixed(3)} | ${r.components95} | ${r.load.toFixed(1)} |`);
  }
  for (const r of rows.filter((x) => x.baseF32)) console.log(`numpy float32 variant (not exact) at ${r.n}: median ${fmt(r.baseF32Median)} s (${r.baseF32.map(fmt).join(', ')})`);
  if (naiveN > 0) await naive(naiveN);
  console.log(`load average at end: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** The straightforward JS path (float64 loops over all pairs, a sort per row) against estimate(), in-process. */
async function naive(n) {
  // Inside node_modules/.cache so that the bundle's bare imports (onnxruntime-node, ml-matrix...) resolve.
  const outfile = join(ROOT, 'node_modules/.cache/lite-text-bench-id/estimators.mjs');
  await build({ entryPoints: [join(ROOT, 'bench/id-lib.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning', absWorkingDir: ROOT });
  const est = await import(pathToFileURL(outfile).href);
  const x = curvedManifold(n);
  const m = est.denseMatrix(x, n, DIM);
  await est.estimate(m); // warm-up: ORT sessions
  let t0 = performance.now();
  const fast = await est.estimate(m);
  const tFast = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const k = 20;
  const dist = new Float64Array(n * k);
  const row = new Float64Array(n - 1);
  for (let i = 0; i < n; i++) {
    let w = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < DIM; c++) { const d = x[i * DIM + c] - x[j * DIM + c]; s += d * d; }
      row[w++] = Math.sqrt(s);
    }
    dist.set(row.slice().sort().subarray(0, k), i * k);
  }
  const two = est.twoNN(Float64Array.from({ length: n }, (_, i) => dist[i * k]), Float64Array.from({ length: n }, (_, i) => dist[i * k + 1]), 0.1);
  const mle = est.combineMle(est.mlePointwise(dist, k, k)).mle;
  const tNaive = (performance.now() - t0) / 1000;
  console.log(`\nstraightforward JS kNN (float64 loops, sort per row) at ${n} × ${DIM}: ${tNaive.toFixed(2)} s for TwoNN + MLE alone; estimate() (PCA + TwoNN + MLE k=5,10,20) in-process: ${tFast.toFixed(2)} s; ${(tNaive / tFast).toFixed(1)}× ; agreement TwoNN ${rel(two, fast.twoNN['0.1']).toExponential(1)}, MLE ${rel(mle, fast.mle.k20.mle).toExponential(1)}`);
}
