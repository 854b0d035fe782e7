// compare with ONNX encoders as A and B (generated tiny encoders), through the CLI: the numbers equal
// the float64 reference on the models' own embeddings, and compare from the embed .npy files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embed, openEncoder } from '../../src/encoder/index.js';
import { writeTinyEncoder } from '../../src/encoder/testing/generate.js';
import { TINY_SPEC } from '../../src/encoder/testing/weights.js';
import { loadTokenizer } from '../../src/tokenizer/index.js';
import { runCli } from '../helpers/cli.js';
import { numericMismatches, referenceAgreement, type RefPrompt } from './reference.js';

const TOL = 1e-9; // float64 sums in a different order (see compare-npy.test.ts)
const WORDS = ['red', 'car', 'dog', 'left', 'person', 'umbrella', 'window', 'wooden', 'chair', 'zebra', 'striped', 'kite'];
// 60 distinct prompts of 1-40 words, the first 3 repeated at the end (same text, other ids).
const TEXTS = Array.from({ length: 60 }, (_, i) => Array.from({ length: 1 + ((i * 13) % 40) }, (_, w) => WORDS[(i * 5 + w * 7) % WORDS.length]!).join(' '));
const LINES = [...TEXTS, ...TEXTS.slice(0, 3)];

async function modelRows(model: string, texts: readonly string[]): Promise<number[][]> {
  const tokenizer = await loadTokenizer('sam3');
  const encoder = await openEncoder(model, { contextLength: tokenizer.contextLength });
  try {
    const e = await embed(encoder, tokenizer.encodeBatch(texts), { pooling: 'mean' });
    return Array.from({ length: e.rows }, (_, r) => Array.from(e.data.subarray(r * e.cols, (r + 1) * e.cols)));
  } finally {
    await encoder.close();
  }
}

describe('lite-text compare teacher.onnx student.onnx inputs', () => {
  let dir: string;
  let corpus: string;
  const models: Record<string, string> = {};
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lite-text-compare-models-'));
    corpus = join(dir, 'prompts.txt');
    writeFileSync(corpus, `${LINES.join('\n')}\n`);
    models['teacher'] = writeTinyEncoder(join(dir, 'teacher'), { convention: 'dynamic' }).path;
    models['student'] = writeTinyEncoder(join(dir, 'student'), { convention: 'dynamic' }, { ...TINY_SPEC, seed: 2, layers: 1 }).path;
    models['narrow'] = writeTinyEncoder(join(dir, 'narrow'), { convention: 'dynamic' }, { ...TINY_SPEC, seed: 3, outDim: 48 }).path;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (args: string[]) => {
    const r = runCli(['compare', ...args, '--cache', join(dir, 'cache'), '--json']);
    expect(r.stderr).not.toContain('internal error');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as { agreement: Record<string, unknown> };
  };
  const measures = (report: { agreement: Record<string, unknown> }) => {
    const { a: _a, b: _b, pooling: _p, dropped: _d, ...rest } = report.agreement;
    return rest;
  };

  it.each([['student', 'equal widths'], ['narrow', 'different widths']])('%s (%s): equals the float64 reference on the models\' embeddings, and compare of their embed .npy files', async (name) => {
    const report = cli([models['teacher']!, models[name]!, corpus, '--k', '6']);
    const tokenizer = await loadTokenizer('sam3');
    const prompts: RefPrompt[] = TEXTS.map((text) => ({ text, datasets: ['prompts'], tokens: tokenizer.encode(text).length }));
    const expected = referenceAgreement(await modelRows(models['teacher']!, TEXTS), await modelRows(models[name]!, TEXTS), prompts, 6);
    expect(numericMismatches(measures(report), expected, TOL)).toEqual([]);
    expect(report.agreement['b']).toMatchObject({ kind: 'encoder', width: name === 'narrow' ? 48 : 256, rows: LINES.length });
    expect(report.agreement['pooling']).toBe('mean');

    for (const side of ['teacher', name]) {
      const e = runCli(['embed', '--encoder', models[side]!, corpus, '--out', join(dir, `${side}.npy`), '--cache', join(dir, 'cache')]);
      expect(e.status).toBe(0);
    }
    const fromNpy = cli([join(dir, 'teacher.npy'), join(dir, `${name}.npy`), '--k', '6']);
    expect(numericMismatches(measures(fromNpy), expected, TOL)).toEqual([]);
  });

  it('an encoder side needs inputs (E_USAGE, one line)', () => {
    const r = runCli(['compare', models['teacher']!, models['student']!]);
    expect([r.status, r.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(r.stderr).toContain('[E_USAGE]');
  });
});
