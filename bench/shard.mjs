// Past one machine: the exact kNN's time on one machine at growing n, the shard-and-merge overhead of
// `id --shard K/N` + `id --merge` (shards run one after the other here: each shard's wall time is what
// one machine of a cluster spends), and `merge` of embedding shards (peak RSS against the data size).
//
//   npm run build && node bench/shard.mjs [--smoke] [--sizes 20000,50000,100000,200000] [--shard-size 100000]
//     [--shards 2,4] [--merge-rows 400000] [--merge-shards 8] [--dim 256]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { curvedManifold, machine, npy, ROOT } from './lib.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const SMOKE = 'smoke' in args;
const list = (s, d) => (s ?? d).split(',').filter(Boolean).map(Number);
const sizes = list(args.sizes, SMOKE ? '400' : '20000,50000,100000,200000');
const shardSize = Number(args['shard-size'] ?? (SMOKE ? 400 : 100000));
const shardCounts = list(args.shards, SMOKE ? '2' : '2,4');
const mergeRows = Number(args['merge-rows'] ?? (SMOKE ? 1000 : 400000));
const mergeShards = Number(args['merge-shards'] ?? (SMOKE ? 2 : 8));
const DIM = Number(args.dim ?? 256);
const BIN = join(ROOT, 'bin/lite-text.js');
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const load = () => +loadavg()[0].toFixed(2);

/** One lite-text process: wall seconds, CPU seconds and peak RSS (GNU time, when installed), stdout. */
function run(argv) {
  const t0 = process.hrtime.bigint();
  const r = GNU_TIME
    ? spawnSync(GNU_TIME, ['-f', 'cpu-seconds=%U+%S peak-rss-kib=%M', process.execPath, BIN, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, [BIN, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`lite-text ${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  const cpu = /cpu-seconds=([\d.]+)\+([\d.]+)/.exec(r.stderr);
  const rss = /peak-rss-kib=(\d+)/.exec(r.stderr);
  return { wall: +wall.toFixed(2), cpu: cpu ? +(Number(cpu[1]) + Number(cpu[2])).toFixed(2) : undefined, rssMiB: rss ? Math.round(Number(rss[1]) / 1024) : undefined, stdout: r.stdout };
}

const dir = mkdtempSync(join(tmpdir(), 'lite-text-bench-shard-'));
try {
  const points = (n) => {
    const file = join(dir, `points-${n}.npy`);
    if (!existsSync(file)) writeFileSync(file, npy(curvedManifold(n, DIM, 16), n, DIM));
    return file;
  };
  const single = [];
  for (const n of sizes) {
    const loadBefore = load();
    const r = run(['id', points(n), '--json']);
    single.push({ n, wall: r.wall, cpu: r.cpu, rssMiB: r.rssMiB, load: [loadBefore, load()], out: r.stdout });
    console.error(`shard bench: id on ${n} × ${DIM}: ${r.wall} s wall, ${r.cpu} s CPU (load ${loadBefore})`);
  }
  const base = single.find((s) => s.n === shardSize) ?? (() => {
    const r = run(['id', points(shardSize), '--json']);
    return { n: shardSize, wall: r.wall, cpu: r.cpu, out: r.stdout };
  })();
  const sharded = [];
  for (const N of shardCounts) {
    const loadBefore = load();
    const parts = Array.from({ length: N }, (_, i) => join(dir, `part-${N}-${i + 1}.knn`));
    const shards = parts.map((p, i) => run(['id', points(shardSize), '--shard', `${i + 1}/${N}`, '--out', p]));
    const merge = run(['id', '--merge', ...parts, '--json']);
    const identical = merge.stdout === base.out;
    if (!identical) throw new Error(`id --merge of ${N} shards differs from id on one machine`);
    sharded.push({ N, shards: shards.map(({ wall, cpu, rssMiB }) => ({ wall, cpu, rssMiB })), merge: { wall: merge.wall, cpu: merge.cpu, rssMiB: merge.rssMiB }, identical, load: [loadBefore, load()] });
    console.error(`shard bench: ${N} shards of ${shardSize}: ${shards.map((s) => s.wall).join(', ')} s; merge ${merge.wall} s; identical: ${identical}`);
  }

  // Embedding merge: mergeShards parts of mergeRows × DIM float32 written as `embed --shard` would.
  const lib = join(ROOT, 'node_modules/.cache/lite-text-bench-shard/shard-lib.mjs');
  await build({ entryPoints: [join(ROOT, 'bench/shard-lib.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: lib, logLevel: 'warning', absWorkingDir: ROOT });
  const { writeEmbeddings } = await import(pathToFileURL(lib).href);
  const identity = { model: 'bench', reading: 'bench', context: 32, pad: 0, tokenizer: 'bench', pooling: 'mean' };
  const corpus = { prompts: mergeRows, fingerprint: 'bench' };
  const files = [];
  for (let k = 1; k <= mergeShards; k++) {
    const first = Math.floor(((k - 1) * mergeRows) / mergeShards);
    const end = Math.floor((k * mergeRows) / mergeShards);
    const data = curvedManifold(end - first, DIM, 16, k);
    const prompts = Array.from({ length: end - first }, (_, i) => ({ id: `p${first + i}`, text: `prompt ${first + i}`, dataset: 'bench' }));
    const file = join(dir, `emb-${k}.npy`);
    await writeEmbeddings(file, { data, rows: end - first, cols: DIM, offsets: undefined, stats: {} }, prompts, { shard: { k, n: mergeShards }, first, corpus, identity });
    files.push(file);
  }
  const loadBefore = load();
  const merged = join(dir, 'all.npy');
  const m = run(['merge', ...files, '--out', merged]);
  const bytes = statSync(merged).size;
  const concatenated = Buffer.concat(files.map((f) => readFileSync(f).subarray(128)));
  if (!readFileSync(merged).subarray(128).equals(concatenated)) throw new Error('merged rows differ from the parts');
  const embedMerge = { rows: mergeRows, cols: DIM, shards: mergeShards, bytes, wall: m.wall, cpu: m.cpu, rssMiB: m.rssMiB, load: [loadBefore, load()] };
  console.error(`shard bench: merge of ${mergeShards} embedding shards, ${mergeRows} × ${DIM}: ${m.wall} s, peak RSS ${m.rssMiB} MiB for ${(bytes / 2 ** 20).toFixed(0)} MiB`);
  const result = { machine: machine(), dim: DIM, single: single.map(({ out, ...s }) => s), shardSize, baseWall: base.wall, baseCpu: base.cpu, sharded, embedMerge };
  console.log(JSON.stringify(result));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
