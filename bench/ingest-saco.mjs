// Benchmark: `lite-text ingest` on a generated SA-Co/Silver-format file with 2,000,000 image–phrase
// pairs (SA-Co/Silver's iNaturalist file holds 1.4M): wall time and peak RSS of the whole CLI process.
// Phrases are resampled (seeded) from the distinct prompts of ../shared/corpora; ~65% of pairs are
// positive with 1–3 annotations each (bbox + an RLE string, as in the sam3 release).
// Usage: node bench/ingest-saco.mjs [--pairs N] [--order images-first|annotations-first] [--runs R] [--smoke]
//   --smoke: 2,000 pairs, 1 run (CI keeps the script from rotting; no figure).
//   (npm run build first). images-first (the sam3 files' order) makes the adapter read the file twice.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { machine, median, rng, ROOT, SHARED, timeProcess } from './lib.mjs';

const argv = process.argv;
const opt = (name, def) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : def);
const SMOKE = argv.includes('--smoke');
const PAIRS = Number(opt('--pairs', SMOKE ? 2000 : 2_000_000));
const ORDER = opt('--order', 'images-first');
const RUNS = Number(opt('--runs', 1));

const phrases = readFileSync(join(SHARED, 'reference/sam3-tokenizer/golden-dev.jsonl'), 'utf8')
  .split('\n').filter(Boolean).map((l) => JSON.parse(l))
  .filter((r) => r.source !== 'edge' && r.text.trim() !== '' && !/[\u0000-\u001f\u2028\u2029]/.test(r.text)).map((r) => r.text);

const dir = mkdtempSync(join(tmpdir(), 'lite-text-bench-saco-'));
const input = join(dir, 'silver_inaturalist_merged_test.json');
const fd = openSync(input, 'w');
let pending = [];
let size = 0;
const out = (s) => {
  pending.push(s);
  size += s.length;
  if (size > 1 << 20) flush();
};
const flush = () => {
  writeSync(fd, pending.join(''));
  pending = [];
  size = 0;
};

const next = rng(2025);
const RLE = '0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmno';
const rle = () => {
  let s = '';
  for (let n = 60 + Math.floor(next() * 200); n > 0; n--) s += RLE[Math.floor(next() * RLE.length)];
  return s;
};
// Decide positives up front (deterministic), so both key orders describe the same pairs.
const masks = new Uint8Array(PAIRS);
let negatives = 0;
for (let i = 0; i < PAIRS; i++) {
  masks[i] = next() < 0.65 ? 1 + Math.floor(next() * 3) : 0;
  if (masks[i] === 0) negatives++;
}
const writeImages = () => {
  out('"images": [');
  for (let i = 0; i < PAIRS; i++) {
    const text = phrases[Math.floor(next() * phrases.length)];
    out(`${i ? ', ' : ''}{"id": ${i}, "file_name": "inat/${Math.floor(i / 4)}.jpg", "text_input": ${JSON.stringify(text)}, "width": 640, "height": 480, "queried_category": "${Math.floor(next() * 5000)}", "is_instance_exhaustive": 1, "is_pixel_exhaustive": 1}`);
  }
  out(']');
};
const writeAnnotations = () => {
  out('"annotations": [');
  let id = 0;
  for (let i = 0; i < PAIRS; i++) {
    for (let k = 0; k < masks[i]; k++) {
      const b = [next(), next(), next() / 2, next() / 2].map((x) => x.toFixed(6));
      out(`${id ? ', ' : ''}{"area": ${(b[2] * b[3]).toFixed(8)}, "id": ${id++}, "image_id": ${i}, "source": "created by SAM3", "bbox": [${b.join(', ')}], "segmentation": {"counts": ${JSON.stringify(rle())}, "size": [480, 640]}, "iscrowd": 0}`);
    }
  }
  out(']');
};
out('{"info": {"description": "lite-text bench: SA-Co/Silver format"}, ');
if (ORDER === 'images-first') { writeImages(); out(', '); writeAnnotations(); } else { writeAnnotations(); out(', '); writeImages(); }
out(', "categories": [{"id": 1, "name": "object"}]}');
flush();
closeSync(fd);
const bytes = statSync(input).size;

const walls = [];
const rss = [];
let summary;
for (let r = 0; r < RUNS; r++) {
  const corpus = join(dir, 'out.jsonl');
  const res = timeProcess(process.execPath, [join(ROOT, 'bin/lite-text.js'), 'ingest', input, '-o', corpus, '--json'], { env: { ...process.env, LITE_TEXT_BENCH_RSS: '1' } });
  walls.push(res.wall);
  rss.push(res.rssMiB);
  summary = JSON.parse(res.stdout);
  rmSync(corpus, { force: true });
}
rmSync(dir, { recursive: true, force: true });
if (summary.prompts !== PAIRS || summary.negatives !== negatives) {
  throw new Error(`wrong counts: ${summary.prompts} prompts / ${summary.negatives} negatives, expected ${PAIRS} / ${negatives}`);
}
console.log(JSON.stringify({
  bench: 'ingest-saco', pairs: PAIRS, order: ORDER, inputMiB: +(bytes / 2 ** 20).toFixed(1), negatives, runs: RUNS,
  wallMedianS: +median(walls).toFixed(2), rssMedianMiB: Math.round(median(rss)), rssMaxMiB: Math.round(Math.max(...rss)), walls, rss,
  load: loadavg().map((x) => x.toFixed(2)).join(' '), machine: machine(),
}));
