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

beforeAll(async () => {
  const next = rng(SEED);
  // 20,000 points in 24 dimensions: above the worker threshold (4,096 points), 210 tiles, so the
  // progress (sampled every 100 ms) has points all along the kNN, also on a fast machine.
  const rows = Array.from({ length: 20_000 }, () => Array.from({ length: 24 }, () => normal(next).toFixed(6)).join(','));
  writeFileSync(points, `${rows.join('\n')}\n`);
  const full = await runCli(['id', points, '--json']);
  expect(full.code, full.stderr).toBe(0);
}, 120_000);

describe('id under interruption', () => {
  it('SIGINT at seeded points of the kNN: exit 130, one line, no estimates, never an abort', async () => {
    const next = rng(SEED ^ 0x1d);
    const at: string[] = [];
    for (let i = 0; i < 6; i++) {
      // The first at the kNN's start (its threads may still be loading ORT), then up to 40% of the
      // tiles: the kNN reports its progress about every 100 ms, so the signal meets unfinished work.
      const fraction = i === 0 ? 0 : next() * 0.4;
      const r = await runCli(['id', points, '--json'], { signal: 'SIGINT', signalAt: (label, done, total) => label === 'nearest neighbours' && done >= fraction * total && done < total });
      at.push(r.signalledAt ?? 'never');
      expect(r.signalledAt, `no progress point at ${fraction.toFixed(2)} of the tiles: ${r.code} ${r.stderr}`).toBeDefined();
      expect(r.code, `SIGINT at ${r.signalledAt}: ${r.code} ${r.signal} ${r.stderr}`).toBe(130);
      expect(r.stderr).toMatch(/^lite-text: interrupted[^\n]*\n$/);
      expect(r.stdout, 'estimates printed after the interrupt').toBe('');
    }
    console.log(`id SIGINT points (seed ${SEED}): ${at.join(', ')}`);
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
