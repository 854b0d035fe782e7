// Whole-process benchmark: `lite-text tokenize` and `lite-text analyze --format json` as a user runs
// them (node bin/lite-text.js, start-up included, output to a file), side by side with anchors that do
// the same work with the native Rust CLIP tokenizer (clip-tokenizer-rs): read the file, parse each
// JSON line, tokenize, and print the same JSON lines / count lengths and ids. Best of R runs,
// interleaved (the order alternates run by run); wall and CPU time (user + system, GNU time) and peak
// RSS. Also: peak RSS on a big input, start-up against `node -e 0`, and adversarial long words.
//
//   node bench/whole-process.mjs [--prompts 400000] [--big 1200000] [--runs 3] [--sets corpora,sentences,saco] [--smoke]
//
// The inputs are built in a temp folder (removed at the end) from the distinct prompts of
// ../shared/corpora (the corpus lines of golden-dev.jsonl), cycled with a counter suffix (` 1`, ` 2`, ...)
// once they run out, so every prompt of a set is distinct. `npm run build` first.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { machine, ROOT, SHARED } from './lib.mjs';

const argv = process.argv.slice(2);
const SMOKE = argv.includes('--smoke');
const opt = (name, dflt) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : dflt);
const N = Number(opt('prompts', SMOKE ? 2000 : 400_000));
const BIG = Number(opt('big', SMOKE ? 4000 : 1_200_000));
const RUNS = Number(opt('runs', SMOKE ? 1 : 3));
const SETS = opt('sets', SMOKE ? 'corpora' : 'corpora,sentences,saco').split(',');
const LONG_WORDS = SMOKE ? [10_000] : [100_000, 1_000_000];

const GNU_TIME = '/usr/bin/time';
if (!existsSync(GNU_TIME)) throw new Error('bench/whole-process.mjs needs GNU time (/usr/bin/time) for CPU time and peak RSS');
const BIN = join(ROOT, 'bin/lite-text.js');
const require = createRequire(import.meta.url);
const RUST = join(dirname(require.resolve('clip-tokenizer-rs/package.json')), 'clip_tokenizer.linux-x64-gnu.node');
const dir = mkdtempSync(join(tmpdir(), 'lite-text-bench-stream-'));
const load = () => +loadavg()[0].toFixed(2);

// The prompt sets: every corpus, then two others for "do the figures hold on other real prompts".
const golden = readFileSync(join(SHARED, 'reference/sam3-tokenizer/golden-dev.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const SOURCES = { corpora: null, sentences: ['parti', 'geneval'], saco: ['saco_sample'] };
const DESCRIBE = {
  corpora: 'every distinct prompt of ../shared/corpora (LVIS, Objects365, COCO panoptic, darknet, ODinW, Parti, GenEval, SA-Co/VEval)',
  sentences: 'the PartiPrompts and GenEval sentences only (longer prompts, 10–20 tokens)',
  saco: 'the SA-Co/VEval noun phrases only',
};
function promptsOf(set) {
  const keep = SOURCES[set];
  return golden.filter((r) => r.source !== 'edge' && (keep === null || keep.includes(r.source))).map((r) => r.text).filter((t) => t.trim() !== '' && !/[\n\r\u2028\u2029\u0085]/.test(t));
}
function writeSet(set, n) {
  const base = promptsOf(set);
  const file = join(dir, `${set}-${n}.jsonl`);
  const fd = openSync(file, 'w');
  let chunk = '';
  for (let i = 0; i < n; i++) {
    const k = Math.floor(i / base.length);
    chunk += `${JSON.stringify({ text: k === 0 ? base[i % base.length] : `${base[i % base.length]} ${k}` })}\n`;
    if (chunk.length > 1 << 20) {
      writeFileSync(fd, chunk);
      chunk = '';
    }
  }
  writeFileSync(fd, chunk);
  closeSync(fd);
  return { file, distinct: base.length };
}

// The anchors: the same work around the native tokenizer (start/end added, input_ids as SAM3's 32).
const ANCHOR_COMMON = `import { readFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
const rust = createRequire(import.meta.url)(${JSON.stringify(RUST)});
const text = readFileSync(process.argv[2], 'utf8');
function each(f) {
  for (let start = 0; start < text.length; ) {
    let nl = text.indexOf('\\n', start);
    if (nl === -1) nl = text.length;
    if (nl > start) f(JSON.parse(text.slice(start, nl)).text);
    start = nl + 1;
  }
}
`;
const ANCHOR_TOKENIZE = `${ANCHOR_COMMON}
let out = '';
each((t) => {
  const ids = [49406, ...rust.encode(t), 49407];
  let input;
  if (ids.length > 32) { input = ids.slice(0, 32); input[31] = 49407; } else { input = ids.slice(); while (input.length < 32) input.push(0); }
  out += JSON.stringify({ text: t, ids, input_ids: input }) + '\\n';
  if (out.length > 1 << 20) { writeSync(1, out); out = ''; }
});
writeSync(1, out);
`;
const ANCHOR_ANALYZE = `${ANCHOR_COMMON}
const lengths = new Map();
const idCounts = new Int32Array(49408);
let prompts = 0;
each((t) => {
  const ids = rust.encode(t);
  lengths.set(ids.length + 2, (lengths.get(ids.length + 2) ?? 0) + 1);
  for (const id of ids) idCounts[id]++;
  prompts++;
});
let used = 0;
for (const c of idCounts) if (c > 0) used++;
writeSync(1, JSON.stringify({ prompts, usedIds: used, lengths: Object.fromEntries([...lengths].sort((a, b) => a[0] - b[0])) }) + '\\n');
`;
const anchorTokenize = join(dir, 'anchor-tokenize.mjs');
const anchorAnalyze = join(dir, 'anchor-analyze.mjs');
writeFileSync(anchorTokenize, ANCHOR_TOKENIZE);
writeFileSync(anchorAnalyze, ANCHOR_ANALYZE);

/** One whole process under GNU time, stdout to a file: wall (s), CPU (user + system, s), peak RSS (MiB). */
function measure(args, out, command = process.execPath) {
  const fd = openSync(out, 'w');
  try {
    const r = spawnSync(GNU_TIME, ['-f', 'bench-time=%e %U %S %M', command, ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env: { ...process.env, LITE_TEXT_QUIET: '1' } });
    const m = /bench-time=([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
    if (r.status !== 0 || !m) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMiB: Number(m[4]) / 1024 };
  } finally {
    closeSync(fd);
  }
}

const COMMANDS = {
  tokenize: { ours: (file) => [BIN, 'tokenize', '--input', file], anchor: (file) => [anchorTokenize, file] },
  analyze: { ours: (file) => [BIN, 'analyze', file, '--format', 'json', '--out', join(dir, 'report')], anchor: (file) => [anchorAnalyze, file] },
  // The same, all in the main thread (no tokenize thread): what one core gets.
  analyzeOneThread: { ours: (file) => [BIN, 'analyze', file, '--format', 'json', '--out', join(dir, 'report'), '--threads', '1'], anchor: (file) => [anchorAnalyze, file] },
};
const best = (xs, key) => Math.min(...xs.map((x) => x[key]));

/** Best of RUNS for ours and the anchor, interleaved (ours first on even runs, anchor first on odd). */
function sideBySide(command, file) {
  const ours = [];
  const anchor = [];
  const loadBefore = load();
  for (let r = 0; r < RUNS; r++) {
    const pair = [() => ours.push(measure(COMMANDS[command].ours(file), join(dir, 'ours.out'))), () => anchor.push(measure(COMMANDS[command].anchor(file), join(dir, 'anchor.out')))];
    if (r % 2 === 1) pair.reverse();
    for (const run of pair) run();
  }
  const row = { command, ours, anchor, load: [loadBefore, load()] };
  row.ratioWall = +(best(anchor, 'wall') / best(ours, 'wall')).toFixed(2);
  row.ratioCpu = +(best(anchor, 'cpu') / best(ours, 'cpu')).toFixed(2);
  if (command === 'tokenize') row.identicalLines = identicalLines(join(dir, 'ours.out'), join(dir, 'anchor.out'));
  return row;
}

/** Lines of our output equal to the anchor's (the Rust tokenizer has no ftfy: curly quotes and mojibake differ). */
function identicalLines(a, b) {
  const x = readFileSync(a, 'utf8').split('\n');
  const y = readFileSync(b, 'utf8').split('\n');
  let same = 0;
  for (let i = 0; i < x.length - 1; i++) if (x[i] === y[i]) same++;
  return { same, of: x.length - 1 };
}

const results = { bench: 'whole-process', prompts: N, big: BIG, runs: RUNS, machine: machine(), loadStart: load(), sets: [] };
try {
  for (const set of SETS) {
    const { file, distinct } = writeSet(set, N);
    results.sets.push({ set, describe: DESCRIBE[set], distinct, rows: Object.keys(COMMANDS).map((command) => sideBySide(command, file)) });
    rmSync(file);
  }
  // Peak RSS on the big input of every set (one run each: RSS does not vary with the load), ours and the anchors.
  results.bigRss = {};
  for (const set of SETS) {
    const big = writeSet(set, BIG).file;
    results.bigRss[set] = Object.fromEntries(Object.entries(COMMANDS).map(([name, c]) => [name, { ours: measure(c.ours(big), join(dir, 'ours.out')), anchor: measure(c.anchor(big), join(dir, 'anchor.out')) }]));
    rmSync(big);
  }
  // Start-up: best of 5, interleaved.
  const startup = { node: [], version: [], npxVersion: [], tokenizeOne: [] };
  for (let r = 0; r < (SMOKE ? 1 : 5); r++) {
    startup.node.push(measure(['-e', '0'], join(dir, 's.out')));
    startup.version.push(measure([BIN, '--version'], join(dir, 's.out')));
    startup.npxVersion.push(measure(['lite-text', '--version'], join(dir, 's.out'), 'npx'));
    startup.tokenizeOne.push(measure([BIN, 'tokenize', 'a cat'], join(dir, 's.out')));
  }
  results.startup = Object.fromEntries(Object.entries(startup).map(([k, v]) => [k, { wall: best(v, 'wall'), cpu: best(v, 'cpu'), runs: v.length }]));
  // Adversarial words: one line of random letters (a fixed LCG), as a file (an argument is capped at 128 KiB).
  results.longWords = LONG_WORDS.map((n) => {
    let x = 12345;
    const word = Array.from({ length: n }, () => String.fromCharCode(97 + ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 16) % 26)).join('');
    const file = join(dir, `word-${n}.txt`);
    writeFileSync(file, `${word}\n`);
    const m = measure([BIN, 'tokenize', '--input', file], join(dir, 'w.out'));
    const ids = JSON.parse(readFileSync(join(dir, 'w.out'), 'utf8')).ids.length;
    return { chars: n, ids, ...m };
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
results.loadEnd = load();
console.log(JSON.stringify(results));
