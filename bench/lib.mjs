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
