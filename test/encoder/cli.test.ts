import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { embed, openEncoder } from '../../src/encoder/index.js';
import { DTYPE } from '../../src/encoder/onnx/proto.js';
import { GraphBuilder } from '../../src/encoder/testing/graph.js';
import { writeModel } from '../../src/encoder/testing/generate.js';
import { loadTokenizer } from '../../src/tokenizer/index.js';
import { runCli, runMain } from '../helpers/cli.js';
import { maxAbsDiff, SPEC, tempDir, tiny } from './fixtures.js';

/** Parses a .npy v1.0 file as numpy/lib/format.py defines it. */
function readNpy(path: string): { descr: string; shape: number[]; data: Float32Array | BigInt64Array } {
  const bytes = readFileSync(path);
  expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const headerLength = bytes.readUInt16LE(8);
  expect((10 + headerLength) % 64).toBe(0);
  const header = bytes.subarray(10, 10 + headerLength).toString('latin1');
  const descr = /'descr': '([^']+)'/.exec(header)![1]!;
  expect(header).toContain("'fortran_order': False");
  const shape = /'shape': \(([^)]*)\)/.exec(header)![1]!.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const body = bytes.subarray(10 + headerLength);
  const copy = new Uint8Array(body.length);
  copy.set(body);
  return { descr, shape, data: descr === '<f4' ? new Float32Array(copy.buffer) : new BigInt64Array(copy.buffer) };
}

const PROMPTS = ['a red car', 'the dog on the left', 'a red car', 'person holding an umbrella near the window', '!'];

describe('lite-text embed', () => {
  const dir = tempDir('cli');
  const corpus = join(dir, 'prompts.txt');
  let model: string;
  beforeAll(() => {
    writeFileSync(corpus, `${PROMPTS.join('\n')}\n`);
    model = tiny(dir, 'm', { convention: 'dynamic' }).path;
  });

  it('writes tokens embeddings, offsets and the index; values equal the programmatic API with the SAM3 tokenizer', async () => {
    const out = join(dir, 'tok', 'e.npy');
    const r = runCli(['embed', '--encoder', model, corpus, '--pooling', 'tokens', '--out', out, '--cache', join(dir, 'cache')]);
    expect(r.stderr).toContain('embedded 5 prompts (4 unique; 0 from cache, 4 computed)');
    expect(r.status).toBe(0);
    const tokenizer = await loadTokenizer('sam3');
    const ids = tokenizer.encodeBatch(PROMPTS);
    const api = await embed(await openEncoder(model), ids, { pooling: 'tokens' });
    const npy = readNpy(out);
    expect([npy.descr, npy.shape]).toEqual(['<f4', [ids.flat().length, 256]]);
    expect(maxAbsDiff(npy.data as Float32Array, api.data)).toBeLessThan(1e-6);
    const offsets = readNpy(join(dir, 'tok', 'e.offsets.npy'));
    expect([offsets.descr, offsets.shape]).toEqual(['<i8', [6]]);
    expect(Array.from(offsets.data as BigInt64Array, Number)).toEqual(api.offsets);
    const index = readFileSync(join(dir, 'tok', 'e.index.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(index.map((p) => [p.text, p.dataset, typeof p.id])).toEqual(PROMPTS.map((t) => [t, 'prompts', 'string']));
  });

  it('a re-run is served from the cache; --no-cache computes again', () => {
    const out = join(dir, 'mean', 'e.npy');
    const args = ['embed', '--encoder', model, corpus, '--pooling', 'mean', '--out', out];
    expect(runCli([...args, '--cache', join(dir, 'cache')]).stderr).toContain('(4 unique; 4 from cache, 0 computed) -> [5, 256] float32');
    expect(runCli([...args, '--no-cache']).stderr).toContain('(4 unique; 0 from cache, 4 computed)');
    expect(readNpy(out).shape).toEqual([5, 256]);
    expect(existsSync(join(dir, 'mean', 'e.offsets.npy'))).toBe(false);
  });

  it('an encoder with an unknown signature: exit 2, one line listing inputs and outputs, nothing written', () => {
    const g = new GraphBuilder();
    const ids = g.input('ids', DTYPE.INT64, [1, 32]);
    g.output('feats', g.op('Gather', [g.floatInit('t', [49408, 4], new Float32Array(49408 * 4)), ids], { axis: 0 }), DTYPE.FLOAT, [1, 32, 4]);
    const odd = join(dir, 'odd.onnx');
    writeModel(g.model('odd'), odd);
    const out = join(dir, 'odd', 'e.npy');
    const r = runCli(['embed', '--encoder', odd, corpus, '--out', out, '--no-cache']);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('lite-text:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('inputs: ids int64 [1,32] | outputs: feats float32 [1,32,4]');
    expect(lines[0]).toMatch(/\[E_ENCODER_IO\]$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    // Forcing a convention whose layout fits makes the same model usable.
    expect(runCli(['embed', '--encoder', odd, corpus, '--out', out, '--no-cache', '--encoder-io', 'dynamic']).status).toBe(0);
    expect(readNpy(out).shape).toEqual([5, 4]);
  });

  it('--device cuda without CUDA support is E_DEVICE (exit 2)', () => {
    const r = runCli(['embed', '--encoder', model, corpus, '--out', join(dir, 'cuda.npy'), '--device', 'cuda']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cuda execution provider is not available.*\[E_DEVICE\]/);
  });
});

describe('lite-text inspect-encoder', () => {
  const dir = tempDir('cli-inspect');

  it('--json prints the section with the generator\'s totals; --svg writes the heatmap', () => {
    const { path, counts } = tiny(dir, 'm', { convention: 'samexporter' });
    const svg = join(dir, 'pos.svg');
    const r = runCli(['inspect-encoder', path, '--json', '--svg', svg]);
    expect(r.status).toBe(0);
    const section = JSON.parse(r.stdout);
    expect(section.parameters.total).toBe(counts.total);
    expect(section.parameters.byComponent.tokenEmbedding).toBe(counts.tokenEmbedding);
    expect(readFileSync(svg, 'utf8').startsWith('<svg')).toBe(true);
  });

  it('samexporter and usls exports (anonymous folded positional constant): context 32, the positional line, and no change in a diff against the dynamic export', () => {
    const corpus = join(dir, 'diff.txt');
    writeFileSync(corpus, 'a red car\n');
    const conventions = ['dynamic', 'samexporter', 'usls'] as const;
    for (const convention of conventions) {
      const { path } = tiny(dir, `diff-${convention}`, { convention });
      const r = runCli(['inspect-encoder', path]);
      expect(r.stdout).toContain('architecture: vocabulary 49408, width 32, 2 layers, context 32');
      expect(r.stdout).toMatch(/^positional: 32 rows; mean cosine to neighbours/m);
      expect(r.stdout).not.toContain('unattributed');
      expect(runCli(['analyze', corpus, '--encoder', path, '--analyzers', 'encoder-anatomy', '--format', 'json', '--out', join(dir, `report-${convention}`), '--no-cache']).status).toBe(0);
    }
    for (const convention of conventions.slice(1)) {
      const r = runCli(['diff', join(dir, 'report-dynamic'), join(dir, `report-${convention}`), '--json']);
      expect(r.status).toBe(0);
      const rows: Array<{ component: string; parametersA: number; parametersB: number }> = JSON.parse(r.stdout).encoder.rows;
      expect(rows.find((row) => row.component === 'positionalEmbedding')).toMatchObject({ parametersA: SPEC.context * SPEC.width, parametersB: SPEC.context * SPEC.width });
      expect(rows.filter((row) => row.parametersA !== row.parametersB)).toEqual([]);
    }
  });

  it('--arch sam3 prints the 353,724,672 breakdown; --corpus counts unused rows', () => {
    const corpus = join(dir, 'c.txt');
    writeFileSync(corpus, 'a red car\na blue car\n');
    const r = runCli(['inspect-encoder', '--arch', 'sam3', '--corpus', corpus]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('parameters: 353,724,672');
    // [49406, a, red, car, 49407] and blue: 6 distinct ids.
    expect(r.stdout).toContain('2 prompts use 6 embedding rows; 49,402 unused rows');
  });

  it('--corpus takes the ingest flags (--keep-empty, --adapter and its flags)', async () => {
    const corpus = join(dir, 'e.txt');
    writeFileSync(corpus, 'a red car\n\na blue car\n');
    expect((await runMain(['inspect-encoder', '--arch', 'sam3', '--corpus', corpus])).stdout).toContain('2 prompts use 6 embedding rows');
    expect((await runMain(['inspect-encoder', '--arch', 'sam3', '--corpus', corpus, '--keep-empty'])).stdout).toContain('3 prompts use 6 embedding rows');
    const jsonl = join(dir, 'e.jsonl');
    writeFileSync(jsonl, '{"caption": "a red car"}\n');
    const r = await runMain(['inspect-encoder', '--arch', 'sam3', '--corpus', jsonl, '--adapter', 'jsonl', '--field', 'caption']);
    expect(r.stdout).toContain('1 prompt uses 5 embedding rows');
  });

  it('MODEL and --arch together, or neither, is a usage error', () => {
    expect(runCli(['inspect-encoder']).status).toBe(2);
    const r = runCli(['inspect-encoder', 'x.onnx', '--arch', 'sam3']);
    expect([r.status, r.stderr.trim()]).toEqual([2, 'lite-text: inspect-encoder: give a MODEL or --arch NAME, not both (hint: built-in architectures: sam3, litetext-s0, litetext-s1, litetext-l) [E_USAGE]']);
  });
});
