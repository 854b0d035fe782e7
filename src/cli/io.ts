import cliProgress from 'cli-progress';
import type { Logger, Progress } from '../logger.js';
import { noProgress } from '../logger.js';
import { withWriteFaults } from '../util/test-faults.js';

/** What a command may touch: streams and a logger. Tests can pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  logger: Logger;
  /** A progress bar on stderr on a TTY (cli-progress); elsewhere one line per percent with LITE_TEXT_PROGRESS=lines, else nothing. */
  progress(): Progress;
  /** --debug: print stacks of unexpected errors. */
  debug: boolean;
}

export function defaultIO(): CliIO {
  const stderr = process.stderr;
  const quiet = process.env['LITE_TEXT_QUIET'] === '1';
  return {
    // LITE_TEXT_TEST_ENOSPC (tests only): a full stdout where a test cannot make a full device.
    stdout: withWriteFaults(process.stdout),
    stderr,
    debug: process.argv.includes('--debug'),
    logger: {
      info: (m) => { if (!quiet) stderr.write(`${m}\n`); },
      warn: (m) => stderr.write(`warning: ${m}\n`),
      debug: (m) => { if (process.argv.includes('--debug')) stderr.write(`debug: ${m}\n`); },
    },
    progress: () => (stderr.isTTY ? ttyProgress(stderr) : process.env['LITE_TEXT_PROGRESS'] === 'lines' ? lineProgress(stderr) : noProgress),
  };
}

/**
 * A cli-progress bar with the rate measured here: items since the first update over the time since
 * then (an embedding cache fills its part at once before the first update; that is not the rate).
 * `now` (milliseconds) is for tests.
 */
export function ttyProgress(stream: NodeJS.WritableStream, now: () => number = () => performance.now()): Progress {
  let bar: cliProgress.SingleBar | undefined;
  let since: { done: number; at: number } | undefined;
  return {
    start(total, label) {
      bar = new cliProgress.SingleBar(
        { stream, format: `${label} [{bar}] {percentage}% | {value}/{total}{rate} | ETA {eta_formatted}`, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      );
      since = undefined;
      bar.start(total, 0, { rate: '' });
    },
    update(done) {
      since ??= { done, at: now() };
      bar?.update(done, { rate: rateText(done - since.done, now() - since.at) });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

/** ` | 12.3/s` (three significant figures up to 100, then whole items), or '' before any time has passed. */
export function rateText(items: number, elapsedMs: number): string {
  if (!(elapsedMs > 0)) return '';
  const rate = (items * 1000) / elapsedMs;
  return ` | ${rate >= 100 ? Math.round(rate).toLocaleString('en-US') : rate.toPrecision(3)}/s`;
}

/** `progress: LABEL DONE/TOTAL` lines (logs, and tests that act at a given point of a run): at the start, then once per percent. */
function lineProgress(stream: NodeJS.WritableStream): Progress {
  let label = '';
  let total = 0;
  let shown = -1;
  return {
    start(t, l) {
      label = l;
      total = t;
      shown = -1;
      this.update(0);
    },
    update(done) {
      const percent = total > 0 ? Math.floor((100 * done) / total) : 100;
      if (percent <= shown) return;
      shown = percent;
      stream.write(`progress: ${label} ${done}/${total}\n`);
    },
    stop() {},
  };
}
