// analyze --encoder: the encoder-anatomy and intrinsic-dim sections, checked against the generator's
// known parameter counts and against the estimators run directly on independently embedded points.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, DEMO_CORPUS } from '../../src/analyze.js';
import { loadCorpus } from '../../src/corpus/ingest.js';
import type { Prompt } from '../../src/corpus/prompt.js';
import { embed, openEncoder } from '../../src/encoder/index.js';
import { writeTinyEncoder } from '../../src/encoder/testing/generate.js';
import { denseMatrix, estimate } from '../../src/estimators/index.js';
import { ReportSchema, type Report } from '../../src/report/schema.js';
import { loadTokenizer } from '../../src/tokenizer/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-12, Math.abs(b));

describe('analyze --encoder', () => {
  let dir: string;
  let model: { path: string; counts: { total: number; tokenEmbedding: number; positionalEmbedding: number } };
  let prompts: Prompt[];
  let report: Report;

  beforeAll(async () => {
    dir = tempDir('lt-enc');
    model = writeTinyEncoder(dir, { convention: 'dynamic' });
    prompts = (await loadCorpus([DEMO_CORPUS])).prompts;
    report = await analyze({ encoder: model.path, bootstrap: 2, encoderOptions: { cache: false } }, { prompts });
  });

  it('reports the anatomy with the generator\'s parameter counts', () => {
    expect(ReportSchema.safeParse(report).success).toBe(true);
    const a = report.encoderAnatomy!;
    expect(a.parameters.total).toBe(model.counts.total);
    expect(a.parameters.byComponent.tokenEmbedding).toBe(model.counts.tokenEmbedding);
    expect(a.parameters.byComponent.positionalEmbedding).toBe(model.counts.positionalEmbedding);
    expect(a.corpus!.usedRows).toBe(report.vocabulary!.usedTokens + 2);
  });

  it('estimates the intrinsic dimension exactly as the estimators do on the embedded distinct prompts', async () => {
    const tokenizer = await loadTokenizer('sam3');
    const distinct = [...new Set(prompts.map((p) => p.text))];
    const encoder = await openEncoder(model.path);
    try {
      for (const pooling of ['mean', 'eot'] as const) {
        const emb = await embed(encoder, distinct.map((t) => tokenizer.encode(t)), { pooling });
        const expected = await estimate(denseMatrix(emb.data, emb.rows, emb.cols));
        const got = report.intrinsicDim![pooling];
        expect(got.n).toBe(distinct.length);
        expect(got.population).toBe(distinct.length);
        expect(rel(got.twoNN!['0.1']!, expected.twoNN!['0.1']!)).toBeLessThan(1e-6);
        expect(rel(got.mle!['k20']!.mle, expected.mle!['k20']!.mle)).toBeLessThan(1e-6);
        expect(rel(got.participationRatio!, expected.participationRatio!)).toBeLessThan(1e-6);
        expect(got.pca!.components90).toBe(expected.pca!.components90);
        // The intervals contain their own estimates (half-sampling; the with-replacement bootstrap did not).
        expect(got.intervals.twoNN!.low).toBeLessThanOrEqual(got.twoNN!['0.1']!);
        expect(got.intervals.twoNN!.high).toBeGreaterThanOrEqual(got.twoNN!['0.1']!);
        expect(got.intervals.mle!.low).toBeLessThanOrEqual(got.mle!['k20']!.mle);
        expect(got.intervals.mle!.high).toBeGreaterThanOrEqual(got.mle!['k20']!.mle);
        expect(got.intervals.method).toContain('half-sampling');
      }
    } finally {
      await encoder.close();
    }
    const tokens = report.intrinsicDim!.tokens;
    const rows = prompts.length > 0 ? report.intrinsicDim!.tokens.population : 0;
    expect(rows).toBeGreaterThan(distinct.length);
    expect(tokens.n).toBe(rows);
  });

  it('samples at most --id-sample points per cloud, reproducibly for a seed', async () => {
    const a = await analyze({ encoder: model.path, idSample: 100, bootstrap: 0, seed: 3, analyzers: ['intrinsic-dim'], encoderOptions: { cache: false } }, { prompts });
    const b = await analyze({ encoder: model.path, idSample: 100, bootstrap: 0, seed: 3, analyzers: ['intrinsic-dim'], encoderOptions: { cache: false } }, { prompts });
    expect(a.intrinsicDim!.mean.n).toBe(100);
    expect(a.intrinsicDim!.tokens.n).toBe(100);
    expect(a.intrinsicDim).toEqual(b.intrinsicDim);
    expect(a.intrinsicDim!.mean.intervals).toEqual({ twoNN: null, mle: null });
  });

  it('gives the built-in architecture\'s anatomy with --arch, and refuses analyzers whose needs are unmet', async () => {
    const r = await analyze({ arch: 'sam3', analyzers: ['encoder-anatomy'] }, { prompts });
    expect(r.encoderAnatomy!.parameters.total).toBe(353_724_672);
    await expect(analyze({ analyzers: ['intrinsic-dim'] }, { prompts })).rejects.toMatchObject({ code: 'E_USAGE', message: expect.stringContaining('needs embeddings') });
  });

  it('writes the ID table and the PCA spectrum through the CLI, prints the encoder and ID lines, shows the ID progress', () => {
    const out = join(dir, 'report');
    const result = runCli(['analyze', '--encoder', model.path, '--out', out, '--bootstrap', '2', '--id-sample', '200', '--cache', join(dir, 'cache')], { env: { LITE_TEXT_PROGRESS: 'lines' } });
    expect(result.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    const id = report.intrinsicDim!;
    expect(result.stdout).toContain(`encoder: ${model.path}, ${model.counts.total.toLocaleString('en-US')} parameters`);
    for (const [pooling, label] of [['mean', 'mean pooling'], ['eot', 'eot pooling'], ['tokens', 'per-token']] as const) {
      const c = id[pooling];
      expect(result.stdout).toContain(`intrinsic dimension, ${label} (${c.n} points, D ${c.dimension}): PR ${c.participationRatio!.toFixed(2)}, TwoNN ${c.twoNN!['0.1']!.toFixed(2)} [${c.intervals.twoNN!.low.toFixed(2)}, ${c.intervals.twoNN!.high.toFixed(2)}], MLE k=20 ${c.mle!['k20']!.mle.toFixed(2)} [`);
    }
    // No silent phase: the kNN and the half-samples of every cloud report progress.
    expect(result.stderr.match(/^progress: intervals \(half-samples\) 2\/2$/gm)).toHaveLength(3);
    expect(result.stderr).toMatch(/^progress: nearest neighbours \d+\/\d+$/m);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('## Intrinsic dimension of the text embeddings');
    expect(existsSync(join(out, 'pca-spectrum.svg'))).toBe(true);
    expect(existsSync(join(out, 'positional-similarity.svg'))).toBe(true);
  });
});
