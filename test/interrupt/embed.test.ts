import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddingCache } from '../../src/encoder/cache.js';
import { silentLogger } from '../../src/logger.js';
import { SHARED } from '../helpers/cli.js';
import { tiny } from '../encoder/fixtures.js';
import { files, isTemp, npyComplete, rng, runCli, SEED } from './helpers.js';

/**
 * `embed` on a tiny generated encoder, killed at seeded points of its progress: the .npy/.index.jsonl are
 * either absent or complete, every cache entry left behind passes its checksum, and the next run
 * resumes from the cache (and gives the same embeddings as an uncached run). A flipped byte in an
 * entry is reported and recomputed. SIGINT: exit 130, no output, a valid cache.
 */
const dir = mkdtempSync(join(tmpdir(), 'lt-interrupt-embed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const corpus = join(dir, 'prompts.txt');
let model: string;
let reference: Buffer;
const embedArgs = (out: string, cache: string | false) => ['embed', corpus, '--encoder', model, '--pooling', 'mean', '--batch-size', '8', '--threads', '1', '--out', out, ...(cache === false ? ['--no-cache'] : ['--cache', cache])];

beforeAll(async () => {
  model = tiny(dir, 'model', { convention: 'dynamic' }).path;
  // 1,500 distinct shared-corpus prompts: a couple of seconds of the tiny encoder in batches of 8.
  const texts = [...new Set(readFileSync(join(SHARED, 'reference/sam3-tokenizer/golden-dev.jsonl'), 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l) as { text: string; source: string })
    .filter((r) => r.source !== 'edge' && !/[\n\r\u2028\u2029\u0085]/.test(r.text) && r.text.trim() !== '').map((r) => r.text))].slice(0, 1500);
  writeFileSync(corpus, `${texts.join('\n')}\n`);
  const fresh = await runCli(embedArgs(join(dir, 'fresh.npy'), false));
  expect(fresh.code, fresh.stderr).toBe(0);
  reference = readFileSync(join(dir, 'fresh.npy'));
}, 180_000);

/** Every entry file of the cache passes the cache's own checks (magic, size, sha256). */
function expectCacheValid(cacheDir: string, label: string): number {
  const cache = new EmbeddingCache(cacheDir, silentLogger);
  const entries = files(cacheDir).filter((f) => f.endsWith('.f32') && !isTemp(f));
  for (const f of entries) expect(cache.get(basename(f, '.f32')), `${label}: ${f}`).toBeDefined();
  expect(cache.corrupt, label).toEqual([]);
  return entries.length;
}

function expectOutputsComplete(out: string, label: string): void {
  if (existsSync(out)) expect(npyComplete(out).complete, `${label}: ${out} is partial`).toBe(true);
  const index = out.replace(/\.npy$/, '.index.jsonl');
  if (existsSync(index)) {
    const text = readFileSync(index, 'utf8');
    expect(text.endsWith('\n'), `${label}: index is cut`).toBe(true);
    for (const line of text.trim().split('\n')) JSON.parse(line);
  }
}

describe('embed under interruption', () => {
  it('SIGKILL at seeded points: no partial output, a valid cache, and the next run resumes from it', async () => {
    const cacheDir = join(dir, 'cache');
    const out = join(dir, 'killed', 'e.npy');
    const next = rng(SEED ^ 0xe3bed);
    const log: string[] = [];
    let cached = 0;
    let killed = 0;
    for (let i = 0; i < 4; i++) {
      // At a seeded point of the prompts still to compute (a resumed run starts at its cached count).
      const fraction = next();
      const r = await runCli(embedArgs(out, cacheDir), { signal: 'SIGKILL', signalAt: (label, done, total) => label === 'embedding' && done >= fraction * total && done < total });
      const at = r.signalledAt ?? 'never';
      expectOutputsComplete(out, `killed at ${at}`);
      cached = expectCacheValid(cacheDir, `killed at ${at}`);
      log.push(`${at}: ${r.signal ?? `exit ${r.code}`}, ${cached} entries`);
      if (r.signal === 'SIGKILL') killed++;
    }
    expect(killed, `no run was killed: ${log.join('; ')}`).toBeGreaterThan(0);
    const done = await runCli(embedArgs(out, cacheDir));
    expect(done.code, done.stderr).toBe(0);
    const fromCache = Number(/(\d+) from cache/.exec(done.stderr)?.[1]);
    expect(fromCache, done.stderr).toBe(cached);
    expect(readFileSync(out).equals(reference), 'resumed embeddings differ from an uncached run').toBe(true);
    console.log(`embed SIGKILL (seed ${SEED}): ${log.join('; ')}; resumed with ${fromCache} from cache`);
  }, 300_000);

  it('a flipped byte in a cache entry is detected, reported and recomputed', async () => {
    const cacheDir = join(dir, 'flip');
    const out = join(dir, 'flip.npy');
    expect((await runCli(embedArgs(out, cacheDir))).code).toBe(0);
    const victim = join(cacheDir, files(cacheDir).filter((f) => f.endsWith('.f32'))[7]!);
    const bytes = readFileSync(victim);
    bytes[bytes.length - 3]! ^= 0x10;
    writeFileSync(victim, bytes);
    const r = await runCli(embedArgs(out, cacheDir));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(victim);
    expect(r.stderr).toMatch(/corrupt/);
    expect(readFileSync(out).equals(reference)).toBe(true);
    expectCacheValid(cacheDir, 'after the recompute');
  }, 180_000);

  it('SIGINT during the run: exit 130, and a valid cache', async () => {
    const cacheDir = join(dir, 'sigint');
    const out = join(dir, 'sigint.npy');
    // A seeded point within the first 80% of the prompts: batches of 8 remain to compute.
    const fraction = rng(SEED ^ 0x1417)() * 0.8;
    const r = await runCli(embedArgs(out, cacheDir), { signal: 'SIGINT', signalAt: (label, done, total) => label === 'embedding' && done >= fraction * total && done < total });
    console.log(`embed SIGINT at ${r.signalledAt}: exit ${r.code}: ${r.stderr.trim()}`);
    expect(r.signalledAt, `no progress point at ${fraction.toFixed(2)}: ${r.code} ${r.stderr}`).toBeDefined();
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/^lite-text: interrupted[^\n]*\n$/m);
    expect(existsSync(out)).toBe(false);
    expect(files(cacheDir).filter(isTemp)).toEqual([]);
    const entries = expectCacheValid(cacheDir, `SIGINT at ${r.signalledAt}`);
    // It says what was kept: exactly the entries now in the (fresh) cache folder.
    if (entries > 0) expect(r.stderr).toContain(`kept: ${entries} new embedding cache entries in ${cacheDir}`);
  }, 180_000);
});
