import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
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
export function runCli(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, LITE_TEXT_QUIET: '0', ...options.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
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
  const before = new Set(process.listeners('SIGINT'));
  try {
    return { status: await main(['node', 'lite-text', ...args], io), ...out };
  } finally {
    // main() installs its Ctrl-C handler for the life of a CLI process: not one per call here.
    for (const l of process.listeners('SIGINT')) if (!before.has(l)) process.off('SIGINT', l);
  }
}
