import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiteTextError } from '../../src/errors.js';
import { embed, openEncoder } from '../../src/encoder/index.js';
import { DTYPE } from '../../src/encoder/onnx/proto.js';
import { GraphBuilder } from '../../src/encoder/testing/graph.js';
import { writeModel } from '../../src/encoder/testing/generate.js';
import { tempDir, tiny } from './fixtures.js';

async function failure(p: Promise<unknown>): Promise<LiteTextError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(LiteTextError);
    const e = error as LiteTextError;
    expect(e.message).not.toContain('\n');
    return e;
  }
  throw new Error('expected a LiteTextError');
}

/** A model with unconventional names: ids int64 [1,32] -> feats float32 [1,32,8] and flag bool [1,32]. */
function oddModel(path: string): string {
  const g = new GraphBuilder();
  const ids = g.input('ids', DTYPE.INT64, [1, 32]);
  const emb = g.op('Gather', [g.floatInit('table', [49408, 8], new Float32Array(49408 * 8).map((_, i) => (i % 97) / 97)), ids], { axis: 0 });
  g.output('feats', emb, DTYPE.FLOAT, [1, 32, 8]);
  g.output('flag', g.op('Equal', [ids, g.int64Const([0], true)]), DTYPE.BOOL, [1, 32]);
  writeModel(g.model('odd'), path);
  return path;
}

describe('encoder I/O errors', () => {
  const dir = tempDir('err');
  const odd = oddModel(join(dir, 'odd.onnx'));

  it('an unknown signature lists every input and output (name, type, shape) and the supported conventions', async () => {
    const e = await failure(openEncoder(odd));
    expect(e.code).toBe('E_ENCODER_IO');
    expect(e.message).toContain(`${odd}: inputs/outputs match no supported text-encoder I/O convention`);
    expect(e.message).toContain('inputs: ids int64 [1,32] | outputs: feats float32 [1,32,8]; flag bool [1,32]');
    for (const name of ['samexporter', 'usls', 'dynamic', 'hf']) expect(e.message).toContain(`${name}`);
    expect(e.hint).toMatch(/--encoder-io NAME.*--output NAME/);
  });

  it('--encoder-io forces a convention (ids by position, the first float32 output) only where the output\'s axes fit it', async () => {
    const enc = await openEncoder(odd, { convention: 'dynamic' });
    expect([enc.plan.idsInput, enc.plan.output, enc.plan.fixedBatch, enc.plan.fixedSeq]).toEqual(['ids', 'feats', 1, 32]);
    const out = await embed(enc, [[49406, 5, 49407]], { pooling: 'eot' });
    expect(Array.from(out.data)).toEqual(Array.from({ length: 8 }, (_, k) => Math.fround(((49407 * 8 + k) % 97) / 97)));
    // samexporter reads [seq, batch, d]: feats [1,32,8] is batch-first, so forcing it is refused, not misread.
    const e = await failure(openEncoder(odd, { convention: 'samexporter' }));
    expect(e.code).toBe('E_ENCODER_IO');
    expect(e.message).toBe(`${odd}: output feats float32 [1,32,8] is not [seq, batch, d] over the token ids ids int64 [1,32], as the samexporter convention reads it`);
  });

  it('--encoder-io with an unknown name', async () => {
    const e = await failure(openEncoder(odd, { convention: 'onnx-clip' }));
    expect([e.code, e.message]).toEqual(['E_USAGE', '--encoder-io onnx-clip: unknown I/O convention']);
    expect(e.hint).toBe('use one of samexporter, usls, dynamic, hf');
  });

  it('--output naming a missing tensor lists the outputs', async () => {
    const model = tiny(dir, 'usls', { convention: 'usls' }).path;
    const e = await failure(openEncoder(model, { output: 'pooled' }));
    expect(e.code).toBe('E_ENCODER_IO');
    expect(e.message).toContain('no output tensor named "pooled"');
    expect(e.hint).toBe('pick one with --output NAME: text_features, text_mask');
  });

  it('--output naming a non-float tensor', async () => {
    const model = tiny(dir, 'sam', { convention: 'samexporter' }).path;
    const e = await failure(openEncoder(model, { output: 'text_attention_mask' }));
    expect(e.code).toBe('E_ENCODER_IO');
    expect(e.message).toContain('output text_attention_mask bool [1,32] is not a float32 [batch, seq, d] or [batch, d] tensor');
    expect(e.hint).toContain('text_memory, text_embeds');
  });

  it('--output picks another tensor (samexporter text_embeds: raw token embeddings, sequence-first)', async () => {
    const model = tiny(dir, 'sam2', { convention: 'samexporter' }).path;
    const enc = await openEncoder(model, { output: 'text_embeds' });
    expect([enc.plan.output, enc.plan.layout]).toEqual(['text_embeds', 'sequence-first']);
    const out = await embed(enc, [[49406, 320, 49407]], { pooling: 'tokens' });
    expect(out.cols).toBe(32);
  });

  it('an extra input the tool cannot feed', async () => {
    const g = new GraphBuilder();
    const ids = g.input('input_ids', DTYPE.INT64, ['batch', 'seq']);
    g.input('pixel_values', DTYPE.FLOAT, ['batch', 3]);
    g.output('text_features', g.op('Gather', [g.floatInit('t', [49408, 4], new Float32Array(49408 * 4)), ids], { axis: 0 }), DTYPE.FLOAT, ['batch', 'seq', 4]);
    const path = join(dir, 'extra.onnx');
    writeModel(g.model('extra'), path);
    const e = await failure(openEncoder(path));
    expect(e.code).toBe('E_ENCODER_IO');
    expect(e.message).toContain('input pixel_values float32 [batch,3] is not one lite-text can feed');
  });

  it('missing file, a folder without a model, and a file that is not ONNX', async () => {
    expect((await failure(openEncoder(join(dir, 'nope.onnx')))).code).toBe('E_IO');
    expect((await failure(openEncoder(mkdirSync(join(dir, 'empty'), { recursive: true })!))).message).toContain('folder holds no onnx/text_model.onnx');
    const junk = join(dir, 'junk.onnx');
    writeFileSync(junk, 'not a model at all');
    expect((await failure(openEncoder(junk))).code).toMatch(/^E_ENCODER$/);
  });

  it('a missing external-data file is named', async () => {
    const { path } = tiny(dir, 'ext', { convention: 'dynamic', external: true });
    writeFileSync(`${path}.data`, '');
    const e = await failure(openEncoder(path));
    expect(e.code).toBe('E_ENCODER');
    expect(e.message).toContain(path);
  });

  it('--device cuda without the CUDA execution provider is E_DEVICE; unknown device is E_USAGE', async () => {
    const model = tiny(dir, 'dev', { convention: 'dynamic' }).path;
    const e = await failure(openEncoder(model, { device: 'cuda' }));
    expect(e.code).toBe('E_DEVICE');
    expect(e.message).toContain('the cuda execution provider is not available in the installed onnxruntime-node');
    expect(e.hint).toContain('--device cpu');
    expect((await failure(openEncoder(model, { device: 'tpu' as 'cpu' }))).code).toBe('E_USAGE');
  });

  it('a folder in transformers.js layout resolves to onnx/text_model.onnx', async () => {
    const { path } = tiny(dir, 'hfdir', { convention: 'hf' });
    const enc = await openEncoder(join(dir, 'hfdir'));
    expect(enc.path).toBe(path);
  });

  it('a model that fails at run time (token ids beyond its vocabulary) is E_ENCODER naming the batch shape', async () => {
    const g = new GraphBuilder();
    const ids = g.input('input_ids', DTYPE.INT64, ['batch', 'seq']);
    g.output('text_features', g.op('Gather', [g.floatInit('t', [100, 4], new Float32Array(400)), ids], { axis: 0 }), DTYPE.FLOAT, ['batch', 'seq', 4]);
    const path = join(dir, 'small-vocab.onnx');
    writeModel(g.model('small'), path);
    const enc = await openEncoder(path);
    const e = await failure(embed(enc, [[49406, 1, 49407]]));
    expect(e.code).toBe('E_ENCODER');
    expect(e.message).toMatch(new RegExp(`^${path}: onnxruntime failed on a batch of \\d+ x \\d+ token ids`));
  });
});
