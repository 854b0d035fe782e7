import fc from 'fast-check';
import { ERROR_CODES, LiteTextError } from '../../src/errors.js';

/**
 * Shared settings of the fuzz suite. Seeded (LITE_TEXT_FUZZ_SEED, default fixed) so CI is
 * reproducible; LITE_TEXT_FUZZ_SCALE multiplies every target's case count (CI default 1: about
 * 10,000 cases in all, ~1 minute on the 2-core machine).
 */
export const SEED = Number(process.env['LITE_TEXT_FUZZ_SEED'] ?? 20261130);
const SCALE = Number(process.env['LITE_TEXT_FUZZ_SCALE'] ?? 1);
/** Bounded time per case: generous for a loaded 2-core CI machine, far below any hang. */
export const CASE_TIMEOUT_MS = Number(process.env['LITE_TEXT_FUZZ_CASE_MS'] ?? 10_000);
/** A case that pushes the worker's RSS past this is a memory blow-up. */
export const RSS_LIMIT_BYTES = 1536 * 2 ** 20;

export const cases = (n: number): number => Math.max(1, Math.round(n * SCALE));

/** fast-check parameters; a failure names the seed and how to replay it. */
export function params<T>(numRuns: number): fc.Parameters<T> {
  return { seed: SEED, numRuns: cases(numRuns), endOnFailure: true };
}

export async function assertProperty<T>(name: string, property: fc.IAsyncPropertyWithHooks<T> | fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  try {
    await fc.assert(property, params<T>(numRuns));
  } catch (error) {
    const message = (error as Error).message;
    const cause = (error as Error).cause as Error | undefined;
    throw new Error(`fuzz ${name} failed (seed ${SEED}; replay with LITE_TEXT_FUZZ_SEED=${SEED}):\n${message}${cause ? `\ncause: ${cause.stack ?? cause.message}` : ''}`);
  }
}

export type Outcome = { kind: 'result'; value: unknown } | { kind: 'error'; error: LiteTextError };

/**
 * Runs one case: it must settle within CASE_TIMEOUT_MS (and not block the event loop longer) with a
 * result or a LiteTextError whose code is known and whose message is one line (naming `names`, when
 * given). Anything else throws an assertion error describing the case. A synchronous endless loop
 * cannot be interrupted in process (it blocks until vitest's own test timeout), but every case's
 * duration is measured, so slow synchronous work fails here too.
 */
export async function outcome(run: () => Promise<unknown> | unknown, what: string, names?: string): Promise<Outcome> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: no result after ${CASE_TIMEOUT_MS} ms`)), CASE_TIMEOUT_MS);
  });
  let result: Outcome;
  try {
    const value = await Promise.race([Promise.resolve().then(run), timeout]);
    result = { kind: 'result', value };
  } catch (error) {
    if (!(error instanceof LiteTextError)) {
      throw new Error(`${what}: not a LiteTextError: ${(error as Error)?.stack ?? String(error)}`);
    }
    if (!(ERROR_CODES as readonly string[]).includes(error.code)) throw new Error(`${what}: unknown code ${error.code}`);
    if (/[\n\r]/.test(error.message) || error.message.length === 0) throw new Error(`${what}: message is not one line: ${JSON.stringify(error.message)}`);
    if (names !== undefined && !error.message.includes(names)) throw new Error(`${what}: message does not name ${names}: ${error.message}`);
    result = { kind: 'error', error };
  } finally {
    clearTimeout(timer);
  }
  const ms = performance.now() - started;
  if (ms > CASE_TIMEOUT_MS) throw new Error(`${what}: took ${ms.toFixed(0)} ms (bound ${CASE_TIMEOUT_MS} ms)`);
  const rss = process.memoryUsage.rss();
  if (rss > RSS_LIMIT_BYTES) throw new Error(`${what}: RSS ${(rss / 2 ** 20).toFixed(0)} MiB after the case`);
  return result;
}

/** Tally of outcomes per error code, so a run shows what it exercised. */
export class Tally {
  readonly counts = new Map<string, number>();
  add(o: Outcome): void {
    const key = o.kind === 'result' ? 'ok' : o.error.code;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  get total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
  toString(): string {
    return [...this.counts].sort().map(([k, v]) => `${k} ${v}`).join(', ');
  }
}
