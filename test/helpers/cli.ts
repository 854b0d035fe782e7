import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
