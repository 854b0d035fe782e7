import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { listFiles } from '../helpers/special-files.js';

/** Seeded like the fuzz suite (LITE_TEXT_FUZZ_SEED): the kill moments are reproducible. */
export const SEED = Number(process.env['LITE_TEXT_FUZZ_SEED'] ?? 20261130);

/** The project's seeded generator (src/estimators/random.ts). */
export { seededRng as rng } from '../../src/estimators/random.js';

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stderr without the progress lines. */
  stderr: string;
  stdout: string;
  /** The progress point the signal was sent at (`signalAt`), e.g. "embedding 640/1500"; undefined when never sent. */
  signalledAt?: string;
  wallMs: number;
}

const PROGRESS = /^progress: (.+) (\d+)\/(\d+)$/;

/**
 * Runs the CLI with LITE_TEXT_PROGRESS=lines; sends `signal` after `afterMs`, or at the first
 * progress line `signalAt(label, done, total)` accepts (then the run is certain to be under way,
 * its SIGINT handler installed, and not finished).
 */
export function runCli(args: string[], options: { cwd?: string; signal?: NodeJS.Signals; afterMs?: number; signalAt?: (label: string, done: number, total: number) => boolean } = {}): Promise<Run> {
  const started = Date.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin/lite-text.js'), ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, LITE_TEXT_QUIET: '1', LITE_TEXT_PROGRESS: 'lines' } });
  let stderr = '';
  let stdout = '';
  let pending = '';
  let signalledAt: string | undefined;
  child.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    const lines = (pending + d.toString()).split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const m = PROGRESS.exec(line);
      if (!m) stderr += `${line}\n`;
      else if (options.signal && options.signalAt && signalledAt === undefined && options.signalAt(m[1]!, Number(m[2]), Number(m[3]))) {
        signalledAt = `${m[1]} ${m[2]}/${m[3]}`;
        child.kill(options.signal);
      }
    }
  });
  const timer = options.signal === undefined || options.signalAt ? undefined : setTimeout(() => {
    signalledAt = `${options.afterMs ?? 0} ms`;
    child.kill(options.signal);
  }, options.afterMs ?? 0);
  const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      const run: Run = { code, signal, stderr: stderr + pending, stdout, wallMs: Date.now() - started };
      if (signalledAt !== undefined) run.signalledAt = signalledAt;
      resolve(run);
    });
  });
}

/** Every file under `dir`, as relative paths (folders left out). */
export function files(dir: string): string[] {
  return listFiles(dir).filter((f) => !f.endsWith('/'));
}

/** A temp file of src/util/atomic.ts: `.NAME.PID.RANDOM.tmp` — the only thing a SIGKILL may leave. */
export const isTemp = (name: string): boolean => /(^|\/)\.[^/]+\.\d+\.[0-9a-f]{8}\.tmp$/.test(name);

/** The .npy header's shape, and whether the file holds exactly the data it announces. */
export function npyComplete(file: string): { shape: number[]; complete: boolean } {
  const b = readFileSync(file);
  if (b.length < 10 || b.toString('latin1', 1, 6) !== 'NUMPY') return { shape: [], complete: false };
  const headerLen = b[6] === 1 ? b.readUInt16LE(8) : b.readUInt32LE(8);
  const start = (b[6] === 1 ? 10 : 12) + headerLen;
  const header = b.toString('latin1', b[6] === 1 ? 10 : 12, start);
  const shape = (/'shape': \(([^)]*)\)/.exec(header)?.[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const item = /'descr': '[<|]([fi])(\d)'/.exec(header);
  const bytes = shape.reduce((a, x) => a * x, 1) * Number(item?.[2] ?? 4);
  return { shape, complete: b.length === start + bytes };
}
