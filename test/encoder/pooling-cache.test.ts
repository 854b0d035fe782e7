import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { embed, EmbeddingCache, openEncoder, poolTokens, type Encoder } from '../../src/encoder/index.js';
import type { Logger, Progress } from '../../src/logger.js';
import { maxAbsDiff, samplePrompts, tempDir, tiny } from './fixtures.js';

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info() {}, debug() {}, warn: (m) => warnings.push(m) };
}

function cacheFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.f32')).map((f) => join(dir, f));
}

describe('pooling', () => {
  const dir = tempDir('pool');
  const prompts = samplePrompts();
  let encoder: Encoder;
  beforeAll(async () => {
    encoder = await openEncoder(tiny(dir, 'm', { convention: 'usls' }).path);
  });

  it('tokens keeps every valid row (start and end included, over-long prompts cut to 32) with offsets', async () => {
    const t = await embed(encoder, prompts, { pooling: 'tokens' });
    const lengths = prompts.map((p) => Math.min(p.length, 32));
    expect(t.offsets).toEqual(lengths.reduce((acc, n) => [...acc, acc[acc.length - 1]! + n], [0]));
    expect(t.rows).toBe(lengths.reduce((a, b) => a + b, 0));
    expect(t.stats.unique).toBe(prompts.length - 2);
  });

  it('mean is the mean of the token rows, eot the last token row', async () => {
    const t = await embed(encoder, prompts, { pooling: 'tokens' });
    const mean = await embed(encoder, prompts, { pooling: 'mean' });
    const eot = await embed(encoder, prompts, { pooling: 'eot' });
    expect([mean.rows, mean.cols, eot.rows, eot.cols]).toEqual([prompts.length, 256, prompts.length, 256]);
    prompts.forEach((_, i) => {
      const a = t.offsets![i]!;
      const b = t.offsets![i + 1]!;
      for (let k = 0; k < 256; k++) {
        let s = 0;
        for (let r = a; r < b; r++) s += t.data[r * 256 + k]!;
        expect(mean.data[i * 256 + k]).toBeCloseTo(s / (b - a), 6);
        expect(eot.data[i * 256 + k]).toBe(t.data[(b - 1) * 256 + k]);
      }
    });
  });

  it('poolTokens derives the same mean and eot rows from one tokens run', async () => {
    const t = await embed(encoder, prompts, { pooling: 'tokens' });
    const eot = await embed(encoder, prompts, { pooling: 'eot' });
    const mean = await embed(encoder, prompts, { pooling: 'mean' });
    expect(poolTokens({ data: t.data, cols: t.cols, offsets: t.offsets! }, 'eot').data).toEqual(eot.data);
    expect(poolTokens({ data: t.data, cols: t.cols, offsets: t.offsets! }, 'mean').data).toEqual(mean.data);
  });

  it('reports progress over unique sequences (the CLI\'s bar measures the rate: test/cli/progress.test.ts)', async () => {
    const calls: Array<[string, ...unknown[]]> = [];
    const progress: Progress = { start: (...a) => calls.push(['start', ...a]), update: (...a) => calls.push(['update', ...a]), stop: () => calls.push(['stop']) };
    const out = await embed(encoder, prompts, { pooling: 'mean', batchSize: 4, progress });
    expect(calls[0]).toEqual(['start', out.stats.unique, 'embedding']);
    const updates = calls.filter((c) => c[0] === 'update');
    expect(updates.map((c) => c[1])).toEqual([0, 4, 8, 10]);
    expect(calls[calls.length - 1]).toEqual(['stop']);
  });

  it('maps duplicate prompts to identical rows', async () => {
    const mean = await embed(encoder, prompts, { pooling: 'mean' });
    const row = (i: number) => Array.from(mean.data.subarray(i * 256, (i + 1) * 256));
    expect(row(10)).toEqual(row(1));
    expect(row(11)).toEqual(row(3));
  });
});

describe('embedding cache', () => {
  const dir = tempDir('cache');
  const prompts = samplePrompts();
  let encoder: Encoder;
  beforeAll(async () => {
    encoder = await openEncoder(tiny(dir, 'm', { convention: 'dynamic' }).path);
  });

  it('a second run reads every unique sequence from the cache and returns the same data', async () => {
    const cacheDir = join(dir, 'hit');
    const first = await embed(encoder, prompts, { pooling: 'tokens', cache: new EmbeddingCache(cacheDir, recordingLogger()) });
    expect(first.stats.computed).toBe(first.stats.unique);
    expect(cacheFiles(cacheDir)).toHaveLength(first.stats.unique);
    const second = await embed(encoder, prompts, { pooling: 'tokens', cache: new EmbeddingCache(cacheDir, recordingLogger()) });
    expect([second.stats.cached, second.stats.computed, second.stats.batches]).toEqual([second.stats.unique, 0, 0]);
    expect(second.data).toEqual(first.data);
  });

  it('keys include the model hash, output tensor, token ids and padding', async () => {
    const cache = new EmbeddingCache(join(dir, 'key'), recordingLogger());
    const a = cache.key(encoder.modelHash, 'text_features', [49406, 49407]);
    expect(cache.key(encoder.modelHash, 'text_features', [49406, 49407])).toBe(a);
    expect(cache.key(encoder.modelHash, 'other', [49406, 49407])).not.toBe(a);
    expect(cache.key('0'.repeat(64), 'text_features', [49406, 49407])).not.toBe(a);
    expect(cache.key(encoder.modelHash, 'text_features', [49406, 1, 49407])).not.toBe(a);
    expect(cache.key(encoder.modelHash, 'text_features', [49406, 49407], 'context 16, pad 0')).not.toBe(a);
  });

  it('detects a corrupt entry, reports it, recomputes and rewrites it', async () => {
    const cacheDir = join(dir, 'corrupt');
    const first = await embed(encoder, prompts, { pooling: 'mean', cache: new EmbeddingCache(cacheDir, recordingLogger()) });
    const [victim, truncated] = cacheFiles(cacheDir);
    const bytes = readFileSync(victim!);
    bytes[bytes.length - 3]! ^= 0xff;
    writeFileSync(victim!, bytes);
    writeFileSync(truncated!, readFileSync(truncated!).subarray(0, 60));
    const logger = recordingLogger();
    const cache = new EmbeddingCache(cacheDir, logger);
    const second = await embed(encoder, prompts, { pooling: 'mean', cache });
    expect(second.stats.computed).toBe(2);
    expect(cache.corrupt.sort()).toEqual([victim, truncated].sort());
    expect(logger.warnings).toHaveLength(2);
    expect(logger.warnings[0]).toMatch(/corrupt.*recomputing/);
    // Recomputed in a different batch composition: equal within the 1e-5.
    expect(maxAbsDiff(second.data, first.data)).toBeLessThan(1e-5);
    const third = await embed(encoder, prompts, { pooling: 'mean', cache: new EmbeddingCache(cacheDir, recordingLogger()) });
    expect(third.stats.computed).toBe(0);
  });

  it('an interrupted run resumes without recomputing what it stored', async () => {
    const cacheDir = join(dir, 'resume');
    let updates = 0;
    const interrupting: Progress = { start() {}, stop() {}, update() { if (++updates === 3) throw new Error('interrupted'); } };
    // update #1 reports the cache hits, #2 the first batch, #3 the second batch: two batches of 3 are stored.
    await expect(embed(encoder, prompts, { pooling: 'eot', batchSize: 3, cache: new EmbeddingCache(cacheDir, recordingLogger()), progress: interrupting })).rejects.toThrow('interrupted');
    expect(cacheFiles(cacheDir)).toHaveLength(6);
    const resumed = await embed(encoder, prompts, { pooling: 'eot', batchSize: 3, cache: new EmbeddingCache(cacheDir, recordingLogger()) });
    expect([resumed.stats.cached, resumed.stats.computed]).toEqual([6, resumed.stats.unique - 6]);
    const fresh = await embed(encoder, prompts, { pooling: 'eot' });
    expect(maxAbsDiff(resumed.data, fresh.data)).toBeLessThan(1e-5);
  });

  it('a fully cached re-run never loads the model (hash and signature come from the model memo)', async () => {
    const cacheDir = join(dir, 'memo');
    const path = encoder.path;
    const first = await openEncoder(path, { memoDir: cacheDir });
    expect(first.session).toBeDefined();
    const a = await embed(first, prompts, { pooling: 'mean', cache: new EmbeddingCache(cacheDir, recordingLogger()) });
    const again = await openEncoder(path, { memoDir: cacheDir });
    expect([again.session, again.modelHash, again.plan]).toEqual([undefined, first.modelHash, first.plan]);
    const b = await embed(again, prompts, { pooling: 'mean', cache: new EmbeddingCache(cacheDir, recordingLogger()) });
    expect([again.session, b.stats.computed]).toEqual([undefined, 0]);
    expect(b.data).toEqual(a.data);
    // A changed file (new mtime) invalidates the memo: the model is read and hashed again.
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    const touched = await openEncoder(path, { memoDir: cacheDir });
    expect(touched.session).toBeDefined();
    expect(touched.modelHash).toBe(first.modelHash);
  });
});
