// tables --embeddings NAME=FILE.npy: table 5 from precomputed embeddings (embed --pooling tokens as
// two shards, then merge) is byte for byte the table of an encoder run; refusals are one line.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeTinyEncoder } from '../../src/encoder/testing/generate.js';
import { generateTables } from '../../src/tables.js';
import { oneErrorLine } from '../encoder/fixtures.js';
import { runMain } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const WORDS = ['red', 'car', 'dog', 'left', 'person', 'umbrella', 'window', 'blue', 'tiny', 'striped', 'cat', 'on', 'the', 'near', 'big'];
const prompts = (seed: number) => Array.from({ length: 40 }, (_, i) => Array.from({ length: 1 + ((i * 5 + seed) % 8) }, (_, j) => WORDS[(i * 3 + j * 7 + seed) % WORDS.length]).join(' '));

describe('tables --embeddings', () => {
  const dir = tempDir('lt-tables-embeddings');
  const config = join(dir, 'config', 'id.yaml');
  const all = join(dir, 'emb', 'all.npy');
  beforeAll(async () => {
    mkdirSync(join(dir, 'config', 'data'), { recursive: true });
    writeTinyEncoder(join(dir, 'config', 'models'), { convention: 'dynamic', file: 'tiny.onnx' });
    const a = join(dir, 'config', 'data', 'a.txt');
    const b = join(dir, 'config', 'data', 'b.txt');
    writeFileSync(a, `${prompts(1).join('\n')}\n`);
    writeFileSync(b, `${prompts(4).map((t) => `${t} photo`).join('\n')}\n`);
    writeFileSync(config, 'name: id\ndedupe: exact\ndatasets:\n  - { name: a, inputs: [data/a.txt] }\n  - { name: b, inputs: [data/b.txt] }\nencoders:\n  - { name: tiny, onnx: models/tiny.onnx, pooling: eot }\ntables: [intrinsic-dim]\n');
    const parts = [1, 2].map((k) => join(dir, 'emb', `part-${k}.npy`));
    for (const [k, part] of parts.entries()) {
      expect((await runMain(['embed', a, b, '--encoder', join(dir, 'config', 'models', 'tiny.onnx'), '--pooling', 'tokens', '--shard', `${k + 1}/2`, '--out', part, '--no-cache'])).status).toBe(0);
    }
    expect((await runMain(['merge', ...parts, '--out', all])).status).toBe(0);
  });

  it('gives the same table 5 as running the encoder', async () => {
    const run = await generateTables(config);
    const fromFile = await generateTables(config, undefined, { tiny: all });
    expect(run.get('intrinsic-dim.md')).toMatch(/^\| tiny \| `models\/tiny.onnx` \| eot \| 80 \|/m);
    expect(fromFile.get('intrinsic-dim.md')).toBe(run.get('intrinsic-dim.md'));
    expect(fromFile.get('tables.json')).toBe(run.get('tables.json'));
    const r = await runMain(['tables', '--config', config, '--out', join(dir, 'out'), '--embeddings', `tiny=${all}`]);
    expect(r.status, r.stderr).toBe(0);
  });

  it('refuses an encoder the config does not list, a malformed flag, and embeddings without the corpus\'s prompts', async () => {
    const out = join(dir, 'refused');
    expect(oneErrorLine(await runMain(['tables', '--config', config, '--out', out, '--embeddings', `other=${all}`]), 'E_USAGE')).toMatch(/lists no ONNX encoder named "other"/);
    expect((await runMain(['tables', '--config', config, '--out', out, '--embeddings', all])).stderr).toMatch(/expected NAME=FILE\.npy/);
    const few = join(dir, 'emb', 'few.npy');
    expect((await runMain(['embed', join(dir, 'config', 'data', 'a.txt'), '--encoder', join(dir, 'config', 'models', 'tiny.onnx'), '--pooling', 'tokens', '--out', few, '--no-cache'])).status).toBe(0);
    // After the datasets' progress lines (info on stderr), one error line.
    const r = await runMain(['tables', '--config', config, '--out', out, '--embeddings', `tiny=${few}`]);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('lite-text:'))).toEqual([expect.stringMatching(/--embeddings .*few\.npy: the prompt ".*" is not in .*few\.index\.jsonl.*\[E_USAGE\]$/)]);
    expect(existsSync(out)).toBe(false);
  });
});
