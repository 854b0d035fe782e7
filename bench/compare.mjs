// compare benchmark: `lite-text compare A.npy B.npy` (embeddings given) against `lite-text id A.npy`
// and `lite-text id B.npy` on the same 20,000 × 256 points, timed as whole processes (`node bin/lite-text.js`),
// interleaved run by run; wall time and CPU time (user + system, all threads, the child's own
// getrusage) per run, the best and the median of each, and the load average before and after.
// `--baseline DIR` also runs another checkout's build (DIR/bin/lite-text.js) in the same rounds.
//
//   npm run build && node bench/compare.mjs [--n 20000] [--dim 256] [--runs 3] [--baseline DIR]
// `--write DIR` only writes the inputs (DIR/a.npy, DIR/b.npy and their indexes) for profiling.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, median, npy, ROOT, rng as rngFrom, timeProcess } from './lib.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const N = Number(args.n ?? 20000);
const DIM = Number(args.dim ?? 256);
const RUNS = Number(args.runs ?? 3);

// A: a 16-dimensional curved manifold in DIM coordinates (as bench/id.mjs); B: A plus noise (a student).
const rng = rngFrom(1);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
const w = Float64Array.from({ length: DIM * 16 }, gauss);
const a = new Float32Array(N * DIM);
const b = new Float32Array(N * DIM);
const z = new Float64Array(16);
for (let i = 0; i < N; i++) {
  for (let l = 0; l < 16; l++) z[l] = rng();
  for (let c = 0; c < DIM; c++) {
    let s = 0;
    for (let l = 0; l < 16; l++) s += w[c * 16 + l] * z[l];
    a[i * DIM + c] = Math.sin(s);
    b[i * DIM + c] = a[i * DIM + c] + 0.2 * gauss();
  }
}
function writeInputs(dir) {
  const index = Array.from({ length: N }, (_, i) => `${JSON.stringify({ id: `p${i}`, text: `prompt number ${i}`, dataset: i % 2 ? 'lvis' : 'refcoco' })}\n`).join('');
  for (const [name, data] of [['a', a], ['b', b]]) {
    writeFileSync(join(dir, `${name}.npy`), npy(data, N, DIM));
    writeFileSync(join(dir, `${name}.index.jsonl`), index);
  }
}
if (args.write) {
  writeInputs(args.write);
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), 'lite-text-bench-compare-'));
try {
  writeInputs(dir);
  const env = { ...process.env, LITE_TEXT_QUIET: '1', LITE_TEXT_BENCH_RSS: '1' };
  const builds = [['', ROOT], ...(args.baseline ? [['baseline ', args.baseline]] : [])];
  const commands = builds.flatMap(([tag, root]) => {
    const bin = join(root, 'bin', 'lite-text.js');
    return [
      [`${tag}compare`, [bin, 'compare', join(dir, 'a.npy'), join(dir, 'b.npy'), '--json']],
      [`${tag}id A`, [bin, 'id', join(dir, 'a.npy'), '--json']],
      [`${tag}id B`, [bin, 'id', join(dir, 'b.npy'), '--json']],
    ];
  });
  const times = Object.fromEntries(commands.map(([name]) => [name, { wall: [], cpu: [] }]));
  const load = [loadavg()[0]];
  for (let r = 0; r < RUNS; r++) {
    for (const [name, argv] of commands) {
      const t = timeProcess(process.execPath, argv, { env });
      times[name].wall.push(t.wall);
      times[name].cpu.push(t.cpu);
    }
  }
  load.push(loadavg()[0]);
  const fmt = (xs) => `best ${Math.min(...xs).toFixed(2)} s, median ${median(xs).toFixed(2)} s (${xs.map((x) => x.toFixed(2)).join(', ')})`;
  const best = (name, what) => Math.min(...times[name][what]);
  // compare / id(A), and compare / (id(A) + id(B)): compare runs a kNN pass on each side, id one.
  const ratios = (tag) => Object.fromEntries(['wall', 'cpu'].map((what) => {
    const [c, a, b] = ['compare', 'id A', 'id B'].map((name) => best(`${tag}${name}`, what));
    return [what, { 'compare/idA': Number((c / a).toFixed(3)), 'compare/(idA+idB)': Number((c / (a + b)).toFixed(3)) }];
  }));
  console.log(JSON.stringify({
    machine: machine(), n: N, dim: DIM, runs: RUNS, load: load.map((l) => Number(l.toFixed(2))),
    ...Object.fromEntries(Object.entries(times).map(([name, t]) => [name, { wall: fmt(t.wall), cpu: fmt(t.cpu) }])),
    ...Object.fromEntries(builds.map(([tag]) => [`${tag}ratio (best of each)`, ratios(tag)])),
  }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
