// Shared helpers of the benchmark scripts: machine description, timing of whole processes, medians.
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SHARED = fileURLToPath(new URL('../../shared', import.meta.url));
const require = createRequire(import.meta.url);

export function machine() {
  const ort = require('onnxruntime-node/package.json').version;
  return `${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, onnxruntime-node ${ort}`;
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs a command as a whole process under bench/rss.mjs-style accounting: wall time from here,
 * peak RSS and CPU time (user + system, all threads) from the child's own getrusage
 * (LITE_TEXT_BENCH_RSS=1 makes the CLI print them).
 */
export function timeProcess(cmd, args, options = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const rss = /peak-rss-kib=(\d+)/.exec(r.stderr ?? '');
  const cpu = /user-us=(\d+) sys-us=(\d+)/.exec(r.stderr ?? '');
  return { wall, rssMiB: rss ? Number(rss[1]) / 1024 : undefined, cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) / 1e6 : undefined, stdout: r.stdout, stderr: r.stderr };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function spread(xs) {
  return { min: Math.min(...xs), max: Math.max(...xs) };
}

/** A curved LATENT-manifold spanning all DIM coordinates: x_c = sin(w_c · z + b_c), z uniform in [0,1]^LATENT, w_c ~ N(0, 1). */
export function curvedManifold(n, DIM, LATENT, seed = 1) {
  const r = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const w = Float64Array.from({ length: DIM * LATENT }, () => gauss());
  const b = Float64Array.from({ length: DIM }, () => 2 * Math.PI * r());
  const x = new Float32Array(n * DIM);
  const z = new Float64Array(LATENT);
  for (let i = 0; i < n; i++) {
    for (let l = 0; l < LATENT; l++) z[l] = r();
    for (let c = 0; c < DIM; c++) {
      let s = b[c];
      for (let l = 0; l < LATENT; l++) s += w[c * LATENT + l] * z[l];
      x[i * DIM + c] = Math.sin(s);
    }
  }
  return x;
}


/** A float32 [rows, cols] .npy file's bytes (numpy format 1.0). */
export function npy(data, rows, cols) {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const out = Buffer.alloc(10 + header.length + data.byteLength);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(out);
  out.writeUInt16LE(header.length, 8);
  out.write(header, 10, 'latin1');
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(out, 10 + header.length);
  return out;
}
