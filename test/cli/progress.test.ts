// The terminal progress bar (src/cli/io.ts): the rate is measured from elapsed time, never `-/s`.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { rateText, ttyProgress } from '../../src/cli/io.js';

/** A terminal of 120 columns that keeps what is written to it. */
function fakeTty() {
  let text = '';
  const stream = Object.assign(new Writable({ write(chunk: Buffer | string, _enc, done) { text += chunk.toString(); done(); } }), { isTTY: true, columns: 120 });
  return { stream, text: () => text };
}

describe('progress rate', () => {
  it('rateText: items over elapsed seconds; nothing before any time has passed', () => {
    expect(rateText(50, 2000)).toBe(' | 25.0/s');
    expect(rateText(1, 3000)).toBe(' | 0.333/s');
    expect(rateText(123456, 1000)).toBe(' | 123,456/s');
    expect(rateText(10, 0)).toBe('');
  });

  it('the bar shows the rate since its first update (a cache filled at once is not counted)', () => {
    const tty = fakeTty();
    let clock = 1000;
    const progress = ttyProgress(tty.stream, () => clock);
    progress.start(400, 'embedding');
    expect(tty.text()).toContain('embedding [');
    expect(tty.text()).not.toContain('/s');
    progress.update(100); // 100 from the cache, at once
    clock += 4000;
    progress.update(300); // 200 computed in 4 s
    progress.stop(); // renders the last state
    expect(tty.text()).toContain('300/400 | 50.0/s | ETA');
    expect(tty.text()).not.toContain('-/s');
  });
});
