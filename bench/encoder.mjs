// Encoder throughput: optimized path (dedupe, length-sorted batches cut to their longest prompt) vs the naive
// path (each prompt alone, padded to 32), the optimized path's FLOP rate as a share of ORT's MatMul rate, and
// the cache re-run speed-up. Usage: node bench/encoder.mjs [--prompts 400] [--runs 5] [--threads 2] [--smoke]
// --smoke: a width-32, 2-layer encoder, 16 prompts, 1 run (CI keeps the script from rotting; no figure).
import { build } from 'esbuild';
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({ options: { prompts: { type: 'string' }, runs: { type: 'string' }, threads: { type: 'string', default: '2' }, smoke: { type: 'boolean', default: false } } });
const SMOKE = args.smoke;
const N = Number(args.prompts ?? (SMOKE ? 16 : 400));
const RUNS = Number(args.runs ?? (SMOKE ? 1 : 5));
const THREADS = Number(args.threads);

const libFile = join(root, 'node_modules', '.cache', 'lite-text-bench', 'encoder-lib.mjs');
await build({ absWorkingDir: root, entryPoints: ['bench/encoder-lib.ts'], outfile: libFile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
const lib = await import(pathToFileURL(libFile).href);
const ortVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'onnxruntime-node', 'package.json'), 'utf8')).version;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const now = () => performance.now() / 1000;
async function timed(fn) { const t = now(); const r = await fn(); return [now() - t, r]; }

// A CLIP-style encoder of realistic depth: width 512, 12 layers, 8 heads, MLP 2048, full vocabulary, causal.
const SPEC = SMOKE
  ? { vocab: 49408, context: 32, width: 32, layers: 2, heads: 2, mlpRatio: 4, outDim: 256, projectionDim: 0, seed: 7 }
  : { vocab: 49408, context: 32, width: 512, layers: 12, heads: 8, mlpRatio: 4, outDim: 256, projectionDim: 0, seed: 7 };
const modelDir = join(tmpdir(), `lite-text-bench-encoder-w${SPEC.width}-l${SPEC.layers}`);
const modelPath = join(modelDir, 'dynamic.onnx');
if (!existsSync(modelPath)) lib.writeTinyEncoder(modelDir, { convention: 'dynamic' }, SPEC, lib.tinyWeights(SPEC));

// SA-Co length distribution: the category names (noun phrases) of the shared SA-Co/VEval sample, unique,
// seeded shuffle, first N, tokenized with SAM3's tokenizer.
const saco = JSON.parse(readFileSync(join(root, '..', 'shared', 'corpora', 'saco', 'saco_veval_sample_gt.json'), 'utf8'));
const names = [...new Set(saco.categories.map((c) => c.name))];
let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
for (let i = names.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [names[i], names[j]] = [names[j], names[i]]; }
const tokenizer = await lib.loadTokenizer('sam3');
const ids = tokenizer.encodeBatch(names.slice(0, N));
const lengths = ids.map((x) => x.length).sort((a, b) => a - b);
const meanLen = lengths.reduce((a, b) => a + b, 0) / lengths.length;

const W = SPEC.width, M = SPEC.width * SPEC.mlpRatio;
// Multiply-adds x 2 of every MatMul in one run of [B, S]: per layer QKV+O (4 W^2) and MLP (2 W M) per token,
// attention scores and weighted values (2 S W per token); plus the resizer (W x 256).
const flopsOf = ([B, S]) => 2 * B * S * (SPEC.layers * (4 * W * W + 2 * W * M + 2 * S * W) + W * SPEC.outDim);

const opt = await lib.openEncoder(modelPath, { threads: THREADS });
const naive = await lib.openEncoder(modelPath, { threads: THREADS, allowCut: false });
const { probe } = await opt.ready();
await naive.ready();
await lib.embed(opt, ids.slice(0, 64), { pooling: 'mean' }); // warm-up
await lib.embed(naive, ids.slice(0, 8), { pooling: 'mean', batchSize: 1 });

// ORT's MatMul rate on this machine: one MatMul [2048, 512] x [512, 2048] (the MLP's first layer's shape), fp32.
const ort = (await import('onnxruntime-node')).default;
const mmDir = mkdtempSync(join(tmpdir(), 'lite-text-mm-'));
{
  const g = new lib.GraphBuilder();
  const x = g.input('x', lib.DTYPE.FLOAT, ['rows', 512]);
  const w = g.floatInit('w', [512, 2048], Float32Array.from({ length: 512 * 2048 }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5));
  g.output('y', g.op('MatMul', [x, w]), lib.DTYPE.FLOAT, ['rows', 2048]);
  lib.writeModel(g.model('mm'), join(mmDir, 'mm.onnx'));
}
const mm = await ort.InferenceSession.create(join(mmDir, 'mm.onnx'), { intraOpNumThreads: THREADS, logSeverityLevel: 3 });
const MM_ROWS = 2048;
const mmFeed = { x: new ort.Tensor('float32', new Float32Array(MM_ROWS * 512).fill(0.25), [MM_ROWS, 512]) };
await mm.run(mmFeed);
async function matmulRate() {
  const times = [];
  for (let r = 0; r < (SMOKE ? 2 : 15); r++) times.push((await timed(() => mm.run(mmFeed)))[0]);
  return (2 * MM_ROWS * 512 * 2048) / median(times);
}

// Interleaved (optimized, MatMul, naive) rounds, so a changing machine load hits all three alike.
const optTimes = [];
const naiveTimes = [];
const mmRates = [];
let optStats;
for (let r = 0; r < RUNS; r++) {
  const [t, e] = await timed(() => lib.embed(opt, ids, { pooling: 'mean', batchSize: 64 }));
  optTimes.push(t);
  optStats = e.stats;
  mmRates.push(await matmulRate());
  naiveTimes.push((await timed(() => lib.embed(naive, ids, { pooling: 'mean', batchSize: 1 })))[0]);
}
await mm.release();
rmSync(mmDir, { recursive: true, force: true });
const optFlops = optStats.batchShapes.reduce((a, s) => a + flopsOf(s), 0);
const mmRate = median(mmRates);

// Cache: first run (open: hash + load + probe; compute; write the cache) vs a re-run on the finished cache (open from the memo; read).
const cacheTimes = { first: [], rerun: [] };
for (let r = 0; r < Math.min(RUNS, 3); r++) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'lite-text-cache-'));
  const [first] = await timed(async () => { const e = await lib.openEncoder(modelPath, { threads: THREADS, memoDir: cacheDir }); await lib.embed(e, ids, { pooling: 'mean', cache: new lib.EmbeddingCache(cacheDir, console) }); await e.close(); });
  cacheTimes.first.push(first);
  for (let k = 0; k < RUNS; k++) {
    const [t, stats] = await timed(async () => { const e = await lib.openEncoder(modelPath, { threads: THREADS, memoDir: cacheDir }); const out = await lib.embed(e, ids, { pooling: 'mean', cache: new lib.EmbeddingCache(cacheDir, console) }); await e.close(); return out.stats; });
    if (stats.computed !== 0) throw new Error('re-run computed something');
    cacheTimes.rerun.push(t);
  }
  rmSync(cacheDir, { recursive: true, force: true });
}

const optMedian = median(optTimes), naiveMedian = median(naiveTimes);
const result = {
  machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version, onnxruntime: ortVersion, threads: THREADS, load: execSync('uptime').toString().trim() },
  input: { prompts: ids.length, unique: optStats.unique, source: 'shared/corpora/saco/saco_veval_sample_gt.json categories[].name', meanTokens: meanLen, p50: lengths[Math.floor(lengths.length / 2)], max: lengths[lengths.length - 1], model: SPEC },
  probe: probe.reason,
  optimized: { medianSeconds: optMedian, promptsPerSecond: ids.length / optMedian, runs: optTimes, batches: optStats.batches, fedTokens: optStats.fedTokens },
  naive: { medianSeconds: naiveMedian, promptsPerSecond: ids.length / naiveMedian, runs: naiveTimes, fedTokens: ids.length * 32 },
  throughputRatio: naiveMedian / optMedian,
  flops: { optimizedGFlop: optFlops / 1e9, optimizedGFlopPerSecond: optFlops / optMedian / 1e9, ortMatMulGFlopPerSecond: mmRate / 1e9, ortMatMulRuns: mmRates.map((x) => x / 1e9), share: optFlops / optMedian / mmRate },
  cache: { firstRunMedianSeconds: median(cacheTimes.first), rerunMedianSeconds: median(cacheTimes.rerun), speedup: median(cacheTimes.first) / median(cacheTimes.rerun), firstRuns: cacheTimes.first, reruns: cacheTimes.rerun },
};
console.log(JSON.stringify(result, null, 2));
