// Tokenizer throughput: lite-text's SAM3 tokenizer vs the native Rust `clip-tokenizer-rs`, side by
// side in one process, on the distinct prompts of ../shared/corpora (the corpus lines of
// golden-dev.jsonl) repeated to >= 400,000 prompts. Run: node bench/tokenizer.mjs [--runs 5] [--min 400000] [--smoke]
// --smoke: 1 run on 2,000 prompts (CI keeps the script from rotting; no figure).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadavg } from 'node:os';
import { machine, ROOT, SHARED } from './lib.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? dflt : Number(process.argv[i + 1]);
};
const SMOKE = process.argv.includes('--smoke');
const RUNS = arg('runs', SMOKE ? 1 : 5);
const MIN = arg('min', SMOKE ? 2000 : 400_000);
const EDGE_MIN = SMOKE ? 2000 : 50_000;

// Our tokenizer, bundled from src/ (dependencies stay in node_modules).
const outfile = join(ROOT, 'tmp', 'bench-tokenizer.mjs');
await build({ entryPoints: [join(ROOT, 'src/tokenizer/index.ts')], bundle: true, platform: 'node', format: 'esm', outfile, packages: 'external', logLevel: 'error' });
const { Sam3Tokenizer } = await import(outfile);

// clip-tokenizer-rs's package entry is broken: load its .node binary directly.
const require = createRequire(import.meta.url);
const rsDir = dirname(require.resolve('clip-tokenizer-rs/package.json'));
const rust = require(join(rsDir, 'clip_tokenizer.linux-x64-gnu.node'));

const golden = readFileSync(join(SHARED, 'reference/sam3-tokenizer/golden-dev.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const distinct = golden.filter((r) => r.source !== 'edge').map((r) => r.text);
const prompts = [];
while (prompts.length < MIN) prompts.push(...distinct);

function timeLoop(encode) {
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < prompts.length; i++) sink += encode(prompts[i]).length;
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  return { s, sink };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ours = [];
const theirs = [];
let tokensOurs = 0;
let tokensRust = 0;
let buildMs = 0;
for (let run = 0; run < RUNS; run++) {
  // A fresh instance per run: its per-word BPE cache starts cold, as in a new process (the
  // immutable BPE model is shared, so only the first construction pays for building it).
  const t0 = process.hrtime.bigint();
  const tok = new Sam3Tokenizer();
  if (run === 0) buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const pair = run % 2 === 0
    ? [timeLoop((t) => tok.encode(t)), timeLoop((t) => rust.encode(t))]
    : [timeLoop((t) => rust.encode(t)), timeLoop((t) => tok.encode(t))].reverse();
  ours.push(pair[0].s);
  theirs.push(pair[1].s);
  tokensOurs = pair[0].sink;
  tokensRust = pair[1].sink;
}
const check = new Sam3Tokenizer();
const agree = distinct.filter((t) => {
  const a = check.encode(t);
  return JSON.stringify(a.slice(1, -1)) === JSON.stringify(rust.encode(t));
}).length;

// The slow path (cleaning + regex) on the 1,545 hard edge cases repeated to >= 50,000 prompts.
const edges = golden.filter((r) => r.source === 'edge').map((r) => r.text);
const edgePrompts = [];
while (edgePrompts.length < EDGE_MIN) edgePrompts.push(...edges);
const edgeOurs = [];
const edgeRust = [];
for (let run = 0; run < RUNS; run++) {
  const tok = new Sam3Tokenizer();
  const time = (encode) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < edgePrompts.length; i++) encode(edgePrompts[i]);
    return Number(process.hrtime.bigint() - t0) / 1e9;
  };
  edgeOurs.push(time((t) => tok.encode(t)));
  edgeRust.push(time((t) => rust.encode(t)));
}

const ps = (s) => Math.round(prompts.length / s);
console.log(JSON.stringify({
  machine: machine(),
  loadBefore: loadavg().map((x) => x.toFixed(2)).join(' '),
  prompts: prompts.length,
  distinctPrompts: distinct.length,
  runs: RUNS,
  loadAfter: loadavg().map((x) => x.toFixed(2)).join(' '),
  oursSeconds: ours.map((s) => +s.toFixed(3)),
  rustSeconds: theirs.map((s) => +s.toFixed(3)),
  oursMedianPromptsPerSec: ps(median(ours)),
  rustMedianPromptsPerSec: ps(median(theirs)),
  ratio: +(median(theirs) / median(ours)).toFixed(2),
  tokenizerBuildMs: +buildMs.toFixed(0),
  tokensOurs,
  tokensRust,
  rustAgreesOnDistinctPrompts: `${agree}/${distinct.length}`,
  edgePrompts: edgePrompts.length,
  edgeOursMedianPromptsPerSec: Math.round(edgePrompts.length / median(edgeOurs)),
  edgeRustMedianPromptsPerSec: Math.round(edgePrompts.length / median(edgeRust)),
  edgeRatio: +(median(edgeRust) / median(edgeOurs)).toFixed(2),
  edgeOursSeconds: edgeOurs.map((s) => +s.toFixed(3)),
  edgeRustSeconds: edgeRust.map((s) => +s.toFixed(3)),
}, null, 1));
