// analyze --embeddings FILE.npy: the intrinsic-dimension section from precomputed embeddings (embed
// --pooling tokens run as shards, then merge) equals the one from running the encoder; an index that
// does not match the analyzed corpus is refused with one line.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.js';
import { oneErrorLine, tempDir, tiny } from '../encoder/fixtures.js';

const WORDS = ['red', 'car', 'dog', 'left', 'person', 'umbrella', 'window', 'blue', 'tiny', 'striped', 'cat', 'on', 'the', 'near', 'big'];
const PROMPTS = Array.from({ length: 60 }, (_, i) => Array.from({ length: 1 + ((i * 7) % 9) }, (_, j) => WORDS[(i * 4 + j * 7 + (i >> 3)) % WORDS.length]).join(' '));
PROMPTS.push(PROMPTS[3]!, PROMPTS[40]!);

describe('analyze --embeddings', () => {
  const dir = tempDir('analyze-embeddings');
  const corpus = join(dir, 'prompts.txt');
  let model: string;
  const report = (out: string) => JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  const analyzeArgs = (out: string, extra: string[], input = corpus) => ['analyze', input, '--analyzers', 'intrinsic-dim', '--bootstrap', '2', '--format', 'json', '--out', out, '--no-cache', ...extra];
  beforeAll(async () => {
    writeFileSync(corpus, `${PROMPTS.join('\n')}\n`);
    model = tiny(dir, 'm', { convention: 'dynamic' }).path;
    const parts = [1, 2].map((k) => join(dir, `part-${k}.npy`));
    for (const [k, part] of parts.entries()) {
      expect((await runMain(['embed', '--encoder', model, corpus, '--pooling', 'tokens', '--shard', `${k + 1}/2`, '--out', part, '--no-cache'])).status).toBe(0);
    }
    expect((await runMain(['merge', ...parts, '--out', join(dir, 'all.npy')])).status).toBe(0);
    expect((await runMain(['embed', '--encoder', model, corpus, '--pooling', 'mean', '--out', join(dir, 'mean.npy'), '--no-cache'])).status).toBe(0);
  });

  it('gives the intrinsic-dimension section of an encoder run (encoder named as the file)', async () => {
    expect((await runMain(analyzeArgs(join(dir, 'enc'), ['--encoder', model]))).status).toBe(0);
    const r = await runMain(analyzeArgs(join(dir, 'pre'), ['--embeddings', join(dir, 'all.npy')]));
    expect(r.status, r.stderr).toBe(0);
    const { encoder: a, ...fromEncoder } = report(join(dir, 'enc')).intrinsicDim;
    const { encoder: b, ...fromFile } = report(join(dir, 'pre')).intrinsicDim;
    expect(fromFile).toEqual(fromEncoder);
    expect([a.file, b.file]).toEqual([model, join(dir, 'all.npy')]);
    expect(report(join(dir, 'pre')).settings.embeddings).toBe(join(dir, 'all.npy'));
  });

  it('refuses embeddings whose index does not hold the analyzed prompts, and pooled ones', async () => {
    // The same file name (a prompt's id hashes it, with the line): the same ids, and one more prompt.
    mkdirSync(join(dir, 'other'));
    const other = join(dir, 'other', 'prompts.txt');
    writeFileSync(other, `${PROMPTS.join('\n')}\na prompt the embeddings lack\n`);
    const out = join(dir, 'refused');
    expect(oneErrorLine(await runMain(analyzeArgs(out, ['--embeddings', join(dir, 'all.npy')], other)), 'E_USAGE')).toMatch(/--embeddings .*all\.npy: prompt \S+ \("a prompt the embeddings lack"\) is not in .*all\.index\.jsonl/);
    expect(oneErrorLine(await runMain(analyzeArgs(out, ['--embeddings', join(dir, 'mean.npy')])), 'E_IO')).toMatch(/mean\.offsets\.npy: cannot read \(no such file or directory\).*--pooling tokens/);
    expect(existsSync(out)).toBe(false);
  });
});
