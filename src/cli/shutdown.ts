import type { LiteTextError } from '../errors.js';
import { stopKnnWorkers } from '../knn/threads.js';
import { tidyAfterInterrupt } from '../util/interrupt.js';
import { ioError } from '../util/output-path.js';
import type { CliIO } from './io.js';

/** The signals that stop a run (Ctrl-C, timeout/docker stop/CI cancel, a closed terminal), their exit codes (128 + number) and lines. */
const SIGNALS = {
  SIGINT: [130, 'interrupted'],
  SIGTERM: [143, 'terminated (SIGTERM)'],
  SIGHUP: [129, 'hung up (SIGHUP)'],
} as const;
/** A closed stdout (`| head`) ends the run quietly with 128 + SIGPIPE, as a tool killed by SIGPIPE does. */
export const EPIPE_EXIT = 141;

/** How a LiteTextError reads on stderr: one line. */
export function formatError(error: LiteTextError): string {
  return `lite-text: ${error.message}${error.hint ? ` (hint: ${error.hint})` : ''} [${error.code}]\n`;
}

export interface Shutdown {
  /** Set once the process is stopping from outside the command: a signal, a closed or failing stdout/stderr. */
  readonly code: number | undefined;
}

/**
 * Stops the run from outside the command's flow: remove unfinished (temp) files, say in one line what
 * happened and what was kept (finished outputs and cache entries stay), end worker threads, exit.
 */
export function installShutdown(io: CliIO): Shutdown {
  const state: { code: number | undefined } = { code: undefined };
  const stop = (code: number, line?: (kept: string[]) => string) => {
    if (state.code !== undefined) return;
    state.code = code;
    const kept = tidyAfterInterrupt();
    if (line) {
      try {
        io.stderr.write(line(kept));
      } catch {
        // stderr is gone too: nothing more to say
      }
    }
    // Worker threads end first (a tile's MatMul at most; a process must not exit while one is inside ORT).
    const exit = () => process.exit(code);
    setTimeout(exit, 2000).unref();
    stopKnnWorkers().then(exit, exit);
  };
  for (const [signal, [code, what]] of Object.entries(SIGNALS)) {
    process.once(signal, () => stop(code, (kept) => `lite-text: ${what}; unfinished files removed${kept.length > 0 ? `; kept: ${kept.join('; ')}` : ''}\n`));
  }
  io.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') stop(EPIPE_EXIT);
    else stop(2, () => formatError(ioError('stdout', error)));
  });
  // A failing stderr cannot tell anything.
  io.stderr.on('error', (error: NodeJS.ErrnoException) => stop(error.code === 'EPIPE' ? EPIPE_EXIT : 2));
  return state;
}
