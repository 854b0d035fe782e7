import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../helpers/cli.js';

/** Seeded like the fuzz suite (LITE_TEXT_FUZZ_SEED): the kill moments are reproducible. */
export const SEED = Number(process.env['LITE_TEXT_FUZZ_SEED'] ?? 20261130);

/** The project's seeded generator (src/estimators/random.ts). */
export { seededRng as rng } from '../../src/estimators/random.js';

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** ms from the signal to the exit (undefined when no signal was sent). */
  afterSignalMs?: number;
  wallMs: number;
}

/** Runs the CLI; sends `signal` after `afterMs` (if it is still running). */
export function runCli(args: string[], options: { cwd?: string; signal?: NodeJS.Signals; afterMs?: number } = {}): Promise<Run> {
  const started = Date.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin/lite-text.js'), ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, LITE_TEXT_QUIET: '1' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
  child.stdout.resume();
  let signalled: number | undefined;
  const timer = options.signal === undefined ? undefined : setTimeout(() => {
    signalled = Date.now();
    child.kill(options.signal);
  }, options.afterMs ?? 0);
  const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      const run: Run = { code, signal, stderr, wallMs: Date.now() - started };
      if (signalled !== undefined) run.afterSignalMs = Date.now() - signalled;
      resolve(run);
    });
  });
}

export function files(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p).map((f) => join(n, f)) : [relative(dir, p)];
  });
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
