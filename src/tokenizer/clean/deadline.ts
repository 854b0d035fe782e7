import { excerpt, LiteTextError } from '../../errors.js';

/**
 * ftfy repeats its fixes until the text stops changing, with no pass limit; so do we. Each pass
 * that changes the text unescapes or re-decodes something, so real text settles in a few passes;
 * only a pathological input (millions of nested `&amp;` layers) runs long. Past this time the
 * cleaning stops with E_LIMIT rather than return text that differs from SAM3's.
 */
export const FIX_DEADLINE_MS = 30_000;

/** Passes before the clock is first read (real text never gets there). */
const FREE_PASSES = 64;

export class FixDeadline {
  private passes = 0;
  private end = 0;

  constructor(private readonly text: string) {}

  check(): void {
    this.passes++;
    if (this.passes < FREE_PASSES) return;
    const now = performance.now();
    if (this.end === 0) this.end = now + FIX_DEADLINE_MS;
    else if (now > this.end) {
      throw new LiteTextError('E_LIMIT', `text cleaning (ftfy) of ${excerpt(this.text, 40)} had not settled after ${this.passes} passes and ${FIX_DEADLINE_MS / 1000} s`, 'ftfy repeats its fixes until the text stops changing; this prompt is pathological (e.g. deeply nested HTML escapes): shorten or fix it');
    }
  }
}
