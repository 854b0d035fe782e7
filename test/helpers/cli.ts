import { spawn, spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { noProgress } from '../../src/logger.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SHARED = fileURLToPath(new URL('../../../shared', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/lite-text.js', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (dist/, rebuilt by test/global-setup.ts) as a user would. */
export function runCli(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string>; timeoutMs?: number } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, LITE_TEXT_QUIET: '0', ...options.env },
    maxBuffer: 256 * 1024 * 1024,
    // A run that could hang (a FIFO read twice) is killed: status null, never a stuck suite.
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface SpawnedCli extends CliResult {
  signal: NodeJS.Signals | null;
}

/**
 * Runs the built CLI asynchronously with a chosen stdout: 'pipe' (collected), 'closed' (the reading
 * end closed before the CLI writes: `| head -0`) or an open file descriptor (a device made in a temp
 * folder). `onStderr`/`onStdout` see the output as it comes (to send a signal on an event).
 */
export function spawnCli(args: string[], options: { cwd?: string; env?: Record<string, string>; stdout?: 'pipe' | 'closed' | number; onStdout?: (all: string, child: import('node:child_process').ChildProcess) => void; onStderr?: (all: string, child: import('node:child_process').ChildProcess) => void; onSpawn?: (child: import('node:child_process').ChildProcess) => void } = {}): Promise<SpawnedCli> {
  const out = options.stdout ?? 'pipe';
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, LITE_TEXT_QUIET: '1', ...options.env },
    stdio: ['ignore', typeof out === 'number' ? out : 'pipe', 'pipe'],
  });
  options.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  if (out === 'closed') child.stdout!.destroy();
  else if (out === 'pipe') child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    options.onStdout?.(stdout, child);
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    options.onStderr?.(stderr, child);
  });
  const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
  return new Promise((resolve) => {
    child.on('close', (status, signal) => {
      clearTimeout(guard);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

/**
 * Runs the CLI's main() in this process (src/, no child process) with captured streams: the same
 * result as runCli() for tests of a command's flags, output and exit code.
 */
export async function runMain(args: string[]): Promise<CliResult> {
  const out = { stdout: '', stderr: '' };
  const sink = (key: keyof typeof out) => new Writable({ write(chunk: Buffer | string, _enc, done) { out[key] += chunk.toString(); done(); } });
  const stderr = sink('stderr');
  const io: CliIO = {
    stdout: sink('stdout'),
    stderr,
    debug: args.includes('--debug'),
    logger: {
      info: (m) => void stderr.write(`${m}\n`),
      warn: (m) => void stderr.write(`warning: ${m}\n`),
      debug: (m) => void (args.includes('--debug') && stderr.write(`debug: ${m}\n`)),
    },
    progress: () => noProgress,
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const before = new Set(signals.flatMap((s) => process.listeners(s)));
  try {
    return { status: await main(['node', 'lite-text', ...args], io), ...out };
  } finally {
    // main() installs its signal handlers for the life of a CLI process: not one per call here.
    for (const s of signals) for (const l of process.listeners(s)) if (!before.has(l)) process.off(s, l);
  }
}

/** A CLI run that failed as users should see it: exit 2, stderr exactly one lite-text line ending in [code]. */
export function oneErrorLine(r: { status: number | null; stderr: string }, code: string): string {
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(new RegExp(`^lite-text: [^\\n]*\\[${code}\\]\\n$`));
  return r.stderr.trim();
}

/** runMain() of a run that must fail before writing anything: its one error line (see oneErrorLine). */
export async function mainError(args: string[], code: string): Promise<string> {
  const r = await runMain(args);
  expect(r.stdout).toBe('');
  return oneErrorLine(r, code);
}
