// The benchmark suite: runs every bench script (each as its own process, one after the other, so
// they never compete for the 2 cores), collects their JSON results and rewrites docs/benchmarks.md
// from them (bench/docs.mjs holds the prose as templates).
//
//   npm run bench                  full suite (long: the 2M-pair ingest alone is ~5 min a run here), rewrites docs/benchmarks.md
//   npm run bench:smoke            every bench on a tiny input, 1 run; writes tmp/bench/benchmarks.smoke.md only
//   node bench/run.mjs [--smoke] [--only tokenizer,analyze,...] [--docs FILE] [--no-docs]
//
// Full runs keep their results (with the exact commands) in docs/benchmarks.json, the data
// docs/benchmarks.md is rendered from; `--only` reruns some benches and keeps the others' entries.
// Smoke runs write tmp/bench/results.smoke.json and tmp/bench/benchmarks.smoke.md only. Check `uptime`
// first: on a loaded machine the absolute figures are pessimistic (the load average is recorded with each).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { renderBenchmarks } from './docs.mjs';
import { ROOT } from './lib.mjs';

const argv = process.argv.slice(2);
const SMOKE = argv.includes('--smoke');
const opt = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const only = opt('--only')?.split(',').filter(Boolean);
const docsFile = argv.includes('--no-docs') ? undefined : opt('--docs') ?? (SMOKE ? join(ROOT, 'tmp/bench/benchmarks.smoke.md') : join(ROOT, 'docs/benchmarks.md'));

const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;

/** Every bench: its script and arguments, full and smoke. Each prints its result as JSON on stdout. */
const BENCHES = [
  { id: 'tokenizer', script: 'bench/tokenizer.mjs', full: ['--runs', '5'] },
  { id: 'analyze', script: 'bench/analyze.mjs', full: ['--prompts', '400000', '--runs', '5'] },
  { id: 'whole-process', script: 'bench/whole-process.mjs', full: ['--prompts', '400000', '--big', '1200000', '--runs', '3'] },
  { id: 'ingest-saco', script: 'bench/ingest-saco.mjs', full: ['--pairs', '2000000', '--order', 'images-first', '--runs', '5'] },
  { id: 'ingest-saco-annotations-first', script: 'bench/ingest-saco.mjs', full: ['--pairs', '2000000', '--order', 'annotations-first', '--runs', '5'], smoke: ['--smoke', '--order', 'annotations-first'] },
  { id: 'encoder', script: 'bench/encoder.mjs', full: ['--prompts', '300', '--runs', '5', '--threads', '2'] },
  {
    id: 'id',
    script: 'bench/id.mjs',
    // The numpy baseline needs numpy (python3-numpy); without it bench/id.mjs skips it, saying so.
    full: ['--sizes', '5000,10000,20000,50000', '--runs', '5', '--baseline-sizes', '20000', '--baseline-runs', '5', '--baseline-f32', '3', '--naive', '3000'],
    smoke: ['--smoke'],
    parse: parseId,
  },
  { id: 'compare', script: 'bench/compare.mjs', full: ['--runs', '5'], smoke: ['--n', '2000', '--runs', '1'] },
  { id: 'shard', script: 'bench/shard.mjs', full: ['--sizes', '20000,50000,100000,200000', '--shard-size', '100000', '--shards', '2,4', '--merge-rows', '400000', '--merge-shards', '8'] },
];

/** bench/id.mjs prints one JSON line per size, then a table and the straightforward-JS line. */
function parseId(stdout) {
  const rows = stdout.split('\n').filter((l) => l.startsWith('{"n":')).map((l) => JSON.parse(l));
  const baseline = /baseline: ([^\n]*)/.exec(stdout)?.[1];
  const naive = /straightforward JS kNN[^\n]* at (\d+) × (\d+): ([\d.]+) s for TwoNN \+ MLE alone; estimate\(\)[^:]*: ([\d.]+) s; ([\d.]+)×/.exec(stdout);
  return {
    rows,
    baseline: baseline?.includes('not installed') ? undefined : baseline,
    naive: naive ? { n: Number(naive[1]), dim: Number(naive[2]), naiveSeconds: Number(naive[3]), estimateSeconds: Number(naive[4]), ratio: Number(naive[5]) } : undefined,
  };
}

/** The JSON object a bench printed last (one line, or pretty-printed over several). */
function lastJson(stdout) {
  const lines = stdout.trimEnd().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!lines[i].startsWith('{')) continue;
    try {
      return JSON.parse(lines.slice(i).join('\n'));
    } catch {
      // a '{' line inside a larger object: keep looking upwards
    }
  }
  throw new Error('no JSON result on stdout');
}

const ort = JSON.parse(readFileSync(join(ROOT, 'node_modules/onnxruntime-node/package.json'), 'utf8')).version;
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() !== '';
const machine = {
  cores: cpus().length, cpu: cpus()[0]?.model.trim(), memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
  node: process.version, onnxruntime: ort, commit: `${commit}${dirty ? ' (+ uncommitted changes)' : ''}`,
  numpy: hasNumpy ? spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' }).stdout.trim() : undefined,
};
const load = () => loadavg().map((x) => +x.toFixed(2));
const suite = { smoke: SMOKE, started: new Date().toISOString(), machine, loadStart: load(), results: [] };
console.error(`bench: ${SMOKE ? 'smoke run' : 'full suite'} on ${machine.cores} cores, Node ${machine.node}, onnxruntime-node ${ort}; load average ${suite.loadStart.join(' ')}`);
if (!SMOKE && suite.loadStart[0] > machine.cores) console.error(`bench: warning: load average ${suite.loadStart[0]} > ${machine.cores} cores: other jobs are running, figures will be pessimistic`);
if (!hasNumpy) console.error('bench: python3-numpy is not installed: the numpy baseline of the id bench is skipped');

// Every bench gets a temp folder of its own (TMPDIR), removed after it: onnxruntime-node leaves empty
// mat-debug-PID.log files in the temp folder of each process that loads it (as test/global-setup.ts says).
let failed = 0;
for (const bench of BENCHES) {
  if (only && !only.includes(bench.id)) continue;
  const args = SMOKE ? (bench.smoke ?? ['--smoke']) : bench.full;
  const command = `node ${bench.script} ${args.map((a) => (a === '' ? "''" : a)).join(' ')}`;
  const loadBefore = load();
  const t0 = process.hrtime.bigint();
  const tmp = mkdtempSync(join(tmpdir(), `lite-text-bench-${bench.id}-`));
  const r = spawnSync(process.execPath, [join(ROOT, bench.script), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, TMPDIR: tmp } });
  rmSync(tmp, { recursive: true, force: true });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const entry = { id: bench.id, command, started: new Date(Date.now() - seconds * 1000).toISOString(), seconds: +seconds.toFixed(1), loadBefore, loadAfter: load() };
  try {
    if (r.status !== 0) throw new Error(`exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(-5).join(' | ')}`);
    entry.result = (bench.parse ?? lastJson)(r.stdout);
    console.error(`bench: ${bench.id} ok (${seconds.toFixed(1)} s): ${command}`);
  } catch (error) {
    failed++;
    entry.error = error.message;
    console.error(`bench: ${bench.id} FAILED (${seconds.toFixed(1)} s): ${command}: ${error.message}`);
  }
  suite.results.push(entry);
}
suite.loadEnd = load();
suite.finished = new Date().toISOString();
if (!hasNumpy) suite.notes = ['python3-numpy is not installed: the numpy baseline of the id bench was skipped.'];

const resultsFile = join(ROOT, SMOKE ? 'tmp/bench/results.smoke.json' : 'docs/benchmarks.json');
if (only && existsSync(resultsFile)) {
  // A partial run: the benches it did not rerun keep their previous entries.
  const previous = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const rerun = new Set(suite.results.map((r) => r.id));
  suite.results = BENCHES.map((b) => (rerun.has(b.id) ? suite.results.find((r) => r.id === b.id) : previous.results?.find((r) => r.id === b.id))).filter(Boolean);
  // The header describes this run: say where the kept sections were measured.
  suite.notes = [...(suite.notes ?? []), `partial run (\`--only ${only.join(',')}\`): the machine, code and load above are this run's; the other sections keep their figures from the run of ${previous.started?.slice(0, 16).replace('T', ' ')} UTC on ${previous.machine?.cores} cores (${previous.machine?.cpu}), code at \`${previous.machine?.commit}\`.`];
}
mkdirSync(join(resultsFile, '..'), { recursive: true });
writeFileSync(resultsFile, `${JSON.stringify(suite, null, 2)}\n`);
if (docsFile) {
  mkdirSync(join(docsFile, '..'), { recursive: true });
  writeFileSync(docsFile, renderBenchmarks(suite));
  console.error(`bench: wrote ${docsFile} (data: ${resultsFile})`);
}
process.exitCode = failed > 0 ? 1 : 0;
