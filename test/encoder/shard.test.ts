// embed --shard K/N run as N parallel processes, then `merge`: the same bytes as one process, and
// the refusals (missing, duplicated, foreign, changed shard: exit 2, one E_SHARD line, nothing written).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../helpers/cli.js';
import { oneErrorLine, tempDir, tiny } from './fixtures.js';

const N = 4;
// Varied lengths, one over the 32-token context, and duplicates that fall in different shards
// (so that shard processes write the same cache entries at once).
const WORDS = ['red', 'car', 'dog', 'left', 'person', 'umbrella', 'window', 'blue', 'tiny', 'striped', 'cat', 'on', 'the'];
const PROMPTS = Array.from({ length: 41 }, (_, i) => Array.from({ length: 1 + ((i * 7) % 11) + (i === 5 ? 40 : 0) }, (_, j) => WORDS[(i * 3 + j * 5) % WORDS.length]).join(' '));
PROMPTS.push(PROMPTS[2]!, PROMPTS[30]!, PROMPTS[11]!);

const outputs = (npy: string, pooling: string) => {
  const stem = npy.slice(0, -4);
  return [npy, `${stem}.index.jsonl`, ...(pooling === 'tokens' ? [`${stem}.offsets.npy`] : [])];
};

describe('embed --shard K/N + merge', () => {
  const dir = tempDir('shard');
  const corpus = join(dir, 'prompts.txt');
  let model: string;
  beforeAll(() => {
    writeFileSync(corpus, `${PROMPTS.join('\n')}\n`);
    model = tiny(dir, 'm', { convention: 'dynamic' }).path;
  });
  const embedArgs = (out: string, pooling: string, extra: string[]) => ['embed', '--encoder', model, corpus, '--pooling', pooling, '--batch-size', '3', '--out', out, ...extra];

  /** N shard processes at once, sharing one cache folder; resolves to the parts' .npy files. */
  async function shards(name: string, pooling: string, cache: string, n = N): Promise<string[]> {
    const parts = Array.from({ length: n }, (_, i) => join(dir, name, `part-${i + 1}.npy`));
    const runs = await Promise.all(parts.map((p, i) => spawnCli(embedArgs(p, pooling, ['--shard', `${i + 1}/${n}`, '--cache', cache]))));
    runs.forEach((r, i) => {
      expect(r.stderr).toContain(`(shard ${i + 1}/${n}: prompts `);
      expect(r.status).toBe(0);
    });
    return parts;
  }

  for (const pooling of ['mean', 'tokens'] as const) {
    it(`${pooling}: ${N} parallel shard processes merge to one process's bytes`, async () => {
      const single = join(dir, `single-${pooling}`, 'e.npy');
      expect(runCli(embedArgs(single, pooling, ['--no-cache'])).status).toBe(0);
      const parts = await shards(`parts-${pooling}`, pooling, join(dir, `cache-${pooling}`));
      const merged = join(dir, `merged-${pooling}`, 'all.npy');
      // Any order of the parts gives the same result.
      const r = runCli(['merge', ...parts.slice().reverse(), '--out', merged]);
      expect(r.stderr).toContain(`merged ${N} shards: ${PROMPTS.length} prompts`);
      expect(r.status).toBe(0);
      outputs(single, pooling).forEach((file, i) => expect(readFileSync(outputs(merged, pooling)[i]!).equals(readFileSync(file))).toBe(true));
      expect(existsSync(join(dir, `merged-${pooling}`, 'all.shard.json'))).toBe(false);
    });
  }

  it('the shared cache after N concurrent writers: every entry valid, no temp file left, a re-run fully cached and the same bytes', async () => {
    const cache = join(dir, 'cache-concurrent');
    await shards('parts-concurrent', 'tokens', cache, 6);
    const files = readdirSync(cache, { recursive: true, encoding: 'utf8' });
    const entries = files.filter((f) => f.endsWith('.f32'));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files.some((f) => f.endsWith('.json'))).toBe(true); // the model memo, written by every process
    const unique = new Set(PROMPTS).size;
    expect(entries).toHaveLength(unique);
    for (const f of entries) {
      // The entry format (src/encoder/cache.ts): "LTEC", version 1, rows, cols, sha256 of the payload, float32 rows.
      const b = readFileSync(join(cache, f));
      expect(b.subarray(0, 4).toString('latin1')).toBe('LTEC');
      expect(b.readUInt32LE(4)).toBe(1);
      expect(b.length).toBe(48 + b.readUInt32LE(8) * b.readUInt32LE(12) * 4);
      expect(createHash('sha256').update(b.subarray(48)).digest().equals(b.subarray(16, 48))).toBe(true);
    }
    const again = join(dir, 'again', 'e.npy');
    const r = runCli(embedArgs(again, 'tokens', ['--cache', cache]));
    expect(r.stderr).toContain(`(${unique} unique; ${unique} from cache, 0 computed)`);
    expect(r.stderr).not.toContain('corrupt');
    outputs(again, 'tokens').forEach((file, i) => expect(readFileSync(file).equals(readFileSync(outputs(join(dir, 'single-tokens', 'e.npy'), 'tokens')[i]!))).toBe(true));
  });

  describe('refusals: exit 2, one E_SHARD line, nothing written', () => {
    const refused = (args: string[], pattern: RegExp) => {
      const out = join(dir, 'refused', 'all.npy');
      const line = oneErrorLine(runCli(['merge', ...args, '--out', out]), 'E_SHARD');
      expect(line).toMatch(pattern);
      expect(existsSync(join(dir, 'refused'))).toBe(false);
    };
    const part = (pooling: string, k: number) => join(dir, `parts-${pooling}`, `part-${k}.npy`);
    const all = (pooling: string) => Array.from({ length: N }, (_, i) => part(pooling, i + 1));

    it('a missing shard', () => refused(all('mean').slice(1), /shard 1\/4 missing/));
    it('a shard given twice', () => refused([...all('mean'), part('mean', 2)], /shard 2\/4 given twice/));
    it('a shard of another pooling', () => refused([...all('mean').slice(1), part('tokens', 1)], /foreign shard \(pooling tokens/));
    it('a shard of another corpus', async () => {
      const other = join(dir, 'other.txt');
      writeFileSync(other, `${PROMPTS.slice(1).join('\n')}\nanother prompt\n`);
      const foreign = join(dir, 'parts-other', 'part-1.npy');
      expect(runCli(['embed', '--encoder', model, other, '--out', foreign, '--shard', `1/${N}`, '--no-cache']).status).toBe(0);
      refused([foreign, ...all('mean').slice(1)], /foreign shard \(corpus fingerprint/);
    });
    it('a shard of another N', async () => {
      const [two] = await shards('parts-n3', 'mean', join(dir, 'cache-n3'), 3);
      refused([two!, ...all('mean').slice(1)], /part-2\.npy: foreign shard \(N 4 differs from .*part-1\.npy's 3\)/);
    });
    it('a file that is not a shard', () => refused([join(dir, 'single-mean', 'e.npy'), ...all('mean')], /not a shard \(no .*e\.shard\.json/));
    it('a shard whose rows changed since it was written (found while copying: the temp files go)', () => {
      const copy = join(dir, 'parts-changed');
      const parts = all('mean').map((p, i) => {
        const to = join(copy, `part-${i + 1}.npy`);
        mkdirSync(copy, { recursive: true });
        for (const ext of ['npy', 'index.jsonl', 'shard.json']) writeFileSync(to.replace(/npy$/, ext), readFileSync(p.replace(/npy$/, ext)));
        return to;
      });
      const bytes = readFileSync(parts[2]!);
      bytes[bytes.length - 1]! ^= 1;
      writeFileSync(parts[2]!, bytes);
      refused(parts, /part-3\.npy: changed since shard 3\/4 was written \(sha256 differs\)/);
    });
  });

  it('--shard must be K/N with 1 <= K <= N; an empty shard is refused', () => {
    for (const bad of ['0/4', '5/4', '2', 'a/b']) oneErrorLine(runCli(embedArgs(join(dir, 'bad.npy'), 'mean', ['--shard', bad])), 'E_USAGE');
    oneErrorLine(runCli(embedArgs(join(dir, 'bad.npy'), 'mean', ['--shard', `1/${PROMPTS.length + 1}`, '--no-cache'])), 'E_USAGE');
    expect(existsSync(join(dir, 'bad.npy'))).toBe(false);
  });
});
