// Benchmark: `lite-text analyze` on 400,000 prompts resampled from ../shared/corpora (the size of the
// SAM3-LiteText study's corpus), from ingest to written report: wall time and peak RSS, whole process.
// Usage: node bench/analyze.mjs [--prompts N] [--runs R] [--smoke]   (npm run build first)
// --smoke: 2,000 prompts, 1 run (CI keeps the script from rotting; no figure).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { machine, median, rng, ROOT, SHARED, spread, timeProcess } from './lib.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? def : Number(process.argv[i + 1]);
};
const SMOKE = process.argv.includes('--smoke');
const N = arg('--prompts', SMOKE ? 2000 : 400_000);
const RUNS = arg('--runs', SMOKE ? 1 : 5);

// The distinct prompts of every shared corpus (as tokenized in the golden file), resampled with a seed.
const corpus = readFileSync(join(SHARED, 'reference/sam3-tokenizer/golden-dev.jsonl'), 'utf8')
  .split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((r) => r.source !== 'edge' && !/[\n\r\u2028\u2029\u0085]/.test(r.text) && r.text.trim() !== '')
  .map((r) => r.text);
const next = rng(42);
const lines = Array.from({ length: N }, () => corpus[Math.floor(next() * corpus.length)]);
const dir = mkdtempSync(join(tmpdir(), 'lite-text-bench-'));
const input = join(dir, 'prompts.txt');
writeFileSync(input, `${lines.join('\n')}\n`);

const loadBefore = loadavg()[0];
const walls = [];
const rss = [];
for (let r = 0; r < RUNS; r++) {
  const out = join(dir, `out${r}`);
  const res = timeProcess(process.execPath, [join(ROOT, 'bin/lite-text.js'), 'analyze', input, '--out', out], { env: { ...process.env, LITE_TEXT_BENCH_RSS: '1' } });
  walls.push(res.wall);
  rss.push(res.rssMiB);
}
rmSync(dir, { recursive: true, force: true });
const result = { bench: 'analyze', prompts: N, runs: RUNS, wallMedianS: median(walls), wallSpread: spread(walls), rssMedianMiB: median(rss), rssSpread: spread(rss), walls, rss, load: [loadBefore, loadavg()[0]], machine: machine() };
console.log(JSON.stringify(result));
