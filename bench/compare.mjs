// compare benchmark: `lite-text compare A.npy B.npy` (embeddings given) against `lite-text id A.npy`
// on the same 20,000 × 256 points, both timed as whole processes, interleaved run by run.
//
//   npm run build && node bench/compare.mjs [--n 20000] [--dim 256] [--runs 5]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, median, ROOT, rng as rngFrom, spread, timeProcess } from './lib.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const N = Number(args.n ?? 20000);
const DIM = Number(args.dim ?? 256);
const RUNS = Number(args.runs ?? 5);

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
const dir = mkdtempSync(join(tmpdir(), 'lite-text-bench-compare-'));
try {
  const index = Array.from({ length: N }, (_, i) => `${JSON.stringify({ id: `p${i}`, text: `prompt number ${i}`, dataset: i % 2 ? 'lvis' : 'refcoco' })}\n`).join('');
  for (const [name, data] of [['a', a], ['b', b]]) {
    writeFileSync(join(dir, `${name}.npy`), npy(data, N, DIM));
    writeFileSync(join(dir, `${name}.index.jsonl`), index);
  }
  const bin = join(ROOT, 'bin', 'lite-text.js');
  const env = { ...process.env, LITE_TEXT_QUIET: '1' };
  const times = { compare: [], id: [] };
  const load = [loadavg()[0]];
  for (let r = 0; r < RUNS; r++) {
    times.compare.push(timeProcess(process.execPath, [bin, 'compare', join(dir, 'a.npy'), join(dir, 'b.npy'), '--json'], { env }).wall);
    times.id.push(timeProcess(process.execPath, [bin, 'id', join(dir, 'a.npy'), '--json', '--sample', String(N), '--bootstrap', '0'], { env }).wall);
  }
  load.push(loadavg()[0]);
  const fmt = (xs) => `${median(xs).toFixed(2)} s (${spread(xs).min.toFixed(2)}–${spread(xs).max.toFixed(2)}, ${xs.length} runs)`;
  console.log(JSON.stringify({ machine: machine(), n: N, dim: DIM, compare: fmt(times.compare), id: fmt(times.id), ratio: median(times.compare) / median(times.id), load }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
