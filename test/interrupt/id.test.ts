import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normal } from '../../src/estimators/index.js';
import { rng, runCli, SEED } from './helpers.js';

/**
 * `id` runs its nearest-neighbour tiles in worker threads that hold ORT: a process must not exit
 * while one is inside ORT (that can abort it). SIGINT at any moment ends with exit 130 and the one
 * interrupt line; an early user error (while the threads still load ORT) with exit 2 and its line.
 */
const dir = mkdtempSync(join(tmpdir(), 'lt-interrupt-id-'));
const points = join(dir, 'points.csv');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fullMs = 2000;

beforeAll(async () => {
  const next = rng(SEED);
  // 9,000 points in 24 dimensions: above the worker threshold (4,096 points), about a second.
  const rows = Array.from({ length: 9000 }, () => Array.from({ length: 24 }, () => normal(next).toFixed(6)).join(','));
  writeFileSync(points, `${rows.join('\n')}\n`);
  const full = await runCli(['id', points, '--json']);
  expect(full.code, full.stderr).toBe(0);
  fullMs = full.wallMs;
}, 120_000);

describe('id under interruption', () => {
  it('SIGINT at seeded moments: exit 130 within a second, one line, never an abort', async () => {
    const next = rng(SEED ^ 0x1d);
    const moments: number[] = [];
    for (let i = 0; i < 6; i++) {
      // Not before Node runs the first line of the CLI (~0.2 s on a busy machine), nor in the last
      // quarter: a signal before start-up or during the process's teardown meets the default handler.
      const at = Math.round(600 + next() * Math.max(100, fullMs * 0.75 - 600));
      moments.push(at);
      const r = await runCli(['id', points, '--json'], { signal: 'SIGINT', afterMs: at });
      if (r.code === 0) continue; // finished before the signal
      expect(r.code, `SIGINT at ${at} ms: ${r.code} ${r.signal} ${r.stderr}`).toBe(130);
      expect(r.afterSignalMs!, `SIGINT at ${at} ms took ${r.afterSignalMs} ms`).toBeLessThan(1000);
      expect(r.stderr).toMatch(/^lite-text: interrupted[^\n]*\n$/);
    }
    console.log(`id SIGINT moments (ms, seed ${SEED}): ${moments.join(', ')}; full run ${fullMs} ms`);
  }, 300_000);

  it('an error before the threads have loaded ORT exits 2 with its line, every time', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '1,2\n3,x\n');
    for (let i = 0; i < 12; i++) {
      const r = await runCli(['id', bad]);
      expect(r.code, `run ${i}: ${r.code} ${r.signal} ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/^lite-text: [^\n]*bad\.csv:2[^\n]*\n$/);
    }
  }, 120_000);
});
