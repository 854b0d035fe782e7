// Intrinsic-dimension benchmark: lite-text `id` (TwoNN + MLE + PCA) against a blocked numpy/OpenBLAS
// implementation of the same three (bench/id_numpy.py), both timed as whole processes on the same
// .npy file; scaling of lite-text with n; and the straightforward plain-JS path on a small size.
//
//   npm run build && node bench/id.mjs [--sizes 5000,10000,20000,50000] [--runs 5]
//     [--baseline-sizes 20000] [--baseline-runs 5] [--python python3] [--naive 3000] [--dim 256] [--latent 16]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const list = (s, d) => (s ?? d).split(',').filter(Boolean).map(Number);
const sizes = list(args.sizes, '5000,10000,20000,50000');
const baselineSizes = list(args['baseline-sizes'], '20000');
const runs = Number(args.runs ?? 5);
const baselineRuns = Number(args['baseline-runs'] ?? 5);
const python = args.python ?? 'python3';
const naiveN = Number(args.naive ?? 3000);
const DIM = Number(args.dim ?? 256);
const LATENT = Number(args.latent ?? 16);

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A curved LATENT-manifold spanning all DIM coordinates: x_c = sin(w_c · z + b_c), z uniform in [0,1]^LATENT, w_c ~ N(0, 1). */
function curvedManifold(n, seed = 1) {
  const rng = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const w = Float64Array.from({ length: DIM * LATENT }, () => gauss());
  const b = Float64Array.from({ length: DIM }, () => 2 * Math.PI * rng());
  const x = new Float32Array(n * DIM);
  const z = new Float64Array(LATENT);
  for (let i = 0; i < n; i++) {
    for (let l = 0; l < LATENT; l++) z[l] = rng();
    for (let c = 0; c < DIM; c++) {
      let s = b[c];
      for (let l = 0; l < LATENT; l++) s += w[c * LATENT + l] * z[l];
      x[i * DIM + c] = Math.sin(s);
    }
  }
  return x;
}

function npy(data, rows, cols) {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const out = Buffer.alloc(10 + header.length + data.byteLength);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(out);
  out.writeUInt16LE(header.length, 8);
  out.write(header, 10, 'latin1');
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(out, 10 + header.length);
  return out;
}

function timeProcess(cmd, argv, env = process.env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 28, env });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { wall, out: JSON.parse(r.stdout) };
}

const median = (v) => { const s = [...v].sort((a, b) => a - b); const h = s.length >> 1; return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2; };
const rel = (a, b) => Math.abs(a - b) / Math.abs(b);
const fmt = (v) => v.toFixed(2);

const require = createRequire(import.meta.url);
const baselineEnv = { ...process.env };
delete baselineEnv.OPENBLAS_CORETYPE; // see /work/.library/env notes: both slow a current OpenBLAS
delete baselineEnv.OPENBLAS_L2_SIZE;
const pyInfo = spawnSync(python, ['-c', 'import sys, numpy; c = numpy.show_config(mode="dicts") if hasattr(numpy.show_config, "__call__") else {}; b = c.get("Build Dependencies", {}).get("blas", {}); print(sys.version.split()[0], numpy.__version__, b.get("name", "?"), b.get("version", "?"))'], { encoding: 'utf8', env: baselineEnv }).stdout.trim();
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, onnxruntime-node ${require('onnxruntime-node/package.json').version}; baseline: ${python} (Python, numpy, BLAS: ${pyInfo})`);
console.log(`load average at start: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
const dir = mkdtempSync(join(tmpdir(), 'lite-text-bench-id-'));
const cli = join(ROOT, 'bin/lite-text.js');
try {
  const rows = [];
  for (const n of sizes) {
    const file = join(dir, `manifold${LATENT}_${n}x${DIM}.npy`);
    writeFileSync(file, npy(curvedManifold(n), n, DIM));
    const ours = [];
    let result;
    for (let r = 0; r < runs; r++) ({ wall: ours[r], out: result } = timeProcess(process.execPath, [cli, 'id', file, '--json'], { ...process.env, LITE_TEXT_QUIET: '1' }));
    const row = { n, ours, oursMedian: median(ours), twoNN: result.twoNN['0.1'], mle20: result.mle.k20.mle, components95: result.pca.components95 };
    if (baselineSizes.includes(n)) {
      const base = [];
      let b;
      for (let r = 0; r < baselineRuns; r++) ({ wall: base[r], out: b } = timeProcess(python, [join(ROOT, 'bench/id_numpy.py'), file], baselineEnv));
      row.base = base;
      row.baseMedian = median(base);
      row.agreement = { twoNN: rel(result.twoNN['0.1'], b.twoNN['0.1']), mle20: rel(result.mle.k20.mle, b.mle.k20.mle), pr: rel(result.participationRatio, b.participationRatio), components: [result.pca.components90, result.pca.components95, result.pca.components99].join('/') === [b.pca.components90, b.pca.components95, b.pca.components99].join('/') };
    }
    rows.push(row);
    console.log(JSON.stringify(row));
  }
  console.log('\n| n × D | lite-text id (s, median) | runs | numpy baseline (s, median) | runs | speed-up | TwoNN | MLE k=20 | PCA 95% |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.n} × ${DIM} | ${fmt(r.oursMedian)} | ${r.ours.map(fmt).join(', ')} | ${r.baseMedian ? fmt(r.baseMedian) : '–'} | ${r.base ? r.base.map(fmt).join(', ') : '–'} | ${r.baseMedian ? `${(r.baseMedian / r.oursMedian).toFixed(1)}×` : '–'} | ${r.twoNN.toFixed(3)} | ${r.mle20.toFixed(3)} | ${r.components95} |`);
  }
  if (naiveN > 0) await naive(naiveN);
  console.log(`load average at end: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** The straightforward JS path (float64 loops over all pairs, a sort per row) against estimate(), in-process. */
async function naive(n) {
  // Inside node_modules/.cache so that the bundle's bare imports (onnxruntime-node, ml-matrix...) resolve.
  const outfile = join(ROOT, 'node_modules/.cache/lite-text-bench-id/estimators.mjs');
  await build({ entryPoints: [join(ROOT, 'src/estimators/index.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning', absWorkingDir: ROOT });
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
