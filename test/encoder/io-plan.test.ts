// "No silent wrong result" for the encoder's I/O: a forced convention is checked against the model's shapes,
// every declared input is fed what its name says (or the model is refused), and non-finite outputs stop the run.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { embed, openEncoder } from '../../src/encoder/index.js';
import { DTYPE } from '../../src/encoder/onnx/proto.js';
import { generateModel, writeModel } from '../../src/encoder/testing/generate.js';
import { GraphBuilder } from '../../src/encoder/testing/graph.js';
import { LiteTextError } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { lookupModel, maxAbsDiff, oneErrorLine, samplePrompts, SPEC, tempDir, tiny, WEIGHTS } from './fixtures.js';

// Issue 5: one set of weights gives the same features in every export within 1e-5.
const SAME_TOL = 1e-5;

async function refusal(p: Promise<unknown>): Promise<LiteTextError> {
  const error = await p.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(LiteTextError);
  return error as LiteTextError;
}

describe('a forced --encoder-io is checked against the model', () => {
  const dir = tempDir('io-forced');
  const corpus = join(dir, 'prompts.txt');
  let dynamic: string;
  beforeAll(() => {
    writeFileSync(corpus, 'a red car\nthe dog on the left\nperson holding an umbrella\n');
    dynamic = tiny(dir, 'dynamic', { convention: 'dynamic', attentionMask: true }).path;
  });

  it('samexporter on a dynamic export (batch-first output): exit 2, one E_ENCODER_IO line naming the tensor, nothing written', () => {
    const out = join(dir, 'forced', 'e.npy');
    const line = oneErrorLine(runCli(['embed', '--encoder', dynamic, corpus, '--out', out, '--no-cache', '--encoder-io', 'samexporter']), 'E_ENCODER_IO');
    expect(line).toContain(`${dynamic}: output text_features float32 [batch,sequence,256] is not [seq, batch, d]`);
    expect(existsSync(out)).toBe(false);
    expect(runCli(['embed', '--encoder', dynamic, corpus, '--out', out, '--no-cache', '--encoder-io', 'usls']).status).toBe(0);
    // analyze read these misread features as an intrinsic dimension; now it stops the same way.
    const report = join(dir, 'report');
    expect(oneErrorLine(runCli(['analyze', corpus, '--encoder', dynamic, '--encoder-io', 'samexporter', '--out', report, '--no-cache']), 'E_ENCODER_IO')).toContain('output text_features');
    expect(existsSync(report)).toBe(false);
  });

  it('hf on a samexporter export (sequence-first [32,1,256]) is refused the same way', async () => {
    const sam = tiny(dir, 'sam', { convention: 'samexporter' }).path;
    const e = await refusal(openEncoder(sam, { convention: 'hf' }));
    expect([e.code, e.message]).toEqual(['E_ENCODER_IO', `${sam}: output text_memory float32 [32,1,256] is not [batch, seq, d] over the token ids tokens int64 [1,32], as the hf convention reads it`]);
  });

  it('output axes with names that tell nothing: the first run\'s dims refuse the misread', async () => {
    const { model } = generateModel(WEIGHTS, SPEC, { convention: 'dynamic' });
    for (const [i, dim] of model.graph!.output![0]!.type!.tensorType!.shape!.dim!.entries()) if (i < 2) dim.dimParam = `out_${i}`;
    const path = join(dir, 'anonymous-axes.onnx');
    writeModel(model, path);
    const enc = await openEncoder(path, { convention: 'samexporter' });
    const e = await refusal(embed(enc, samplePrompts()));
    expect(e.code).toBe('E_ENCODER_IO');
    expect(e.message).toMatch(/^.*anonymous-axes\.onnx: output text_features came back as \[2,32,256\] for a batch of 2 x 32 token ids; expected \[seq, batch, d\] = \[32,2,256\]$/);
  });
});

describe('non-finite outputs are refused, for detected conventions too', () => {
  const dir = tempDir('io-nan');

  it('a model whose features are NaN for the end token: exit 2, one E_ENCODER_IO line naming the tensor', () => {
    const table = new Float32Array(49408 * 4).map((_, i) => (i % 13) / 13);
    table.fill(NaN, 49407 * 4, 49408 * 4);
    const path = lookupModel(join(dir, 'nan.onnx'), { table });
    const corpus = join(dir, 'prompts.txt');
    writeFileSync(corpus, 'a red car\n');
    const out = join(dir, 'e.npy');
    const line = oneErrorLine(runCli(['embed', '--encoder', path, corpus, '--out', out, '--no-cache']), 'E_ENCODER_IO');
    expect(line).toMatch(/nan\.onnx: output text_features holds NaN at batch row 0, token \d+/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('inputs are fed by what their names say', () => {
  const dir = tempDir('io-feeds');
  const prompts = samplePrompts();

  it('input_ids + position_ids (no attention_mask): positions 0..S-1, features equal the plain export\'s', async () => {
    const plain = await openEncoder(tiny(dir, 'hf', { convention: 'hf' }).path);
    for (const [name, options] of [['hf', { convention: 'hf' as const, positionIds: true }], ['dynamic', { convention: 'dynamic' as const, positionIds: true, attentionMask: true }]] as const) {
      const enc = await openEncoder(tiny(dir, `${name}-pos`, options).path);
      expect(enc.plan.feeds.map((f) => [f.name, f.role])).toEqual([['input_ids', 'ids'], ...(name === 'dynamic' ? [['attention_mask', 'mask']] : []), ['position_ids', 'positions']]);
      const got = await embed(enc, prompts, { pooling: 'tokens' });
      const base = await embed(name === 'hf' ? plain : await openEncoder(tiny(dir, 'dynamic', { convention: 'dynamic' }).path), prompts, { pooling: 'tokens' });
      expect(maxAbsDiff(got.data, base.data)).toBeLessThan(SAME_TOL);
    }
  });

  it('int32 inputs are fed as int32; a float attention mask is refused', async () => {
    const table = new Float32Array(49408 * 4).map((_, i) => (i % 31) / 31);
    const int32 = await openEncoder(lookupModel(join(dir, 'int32.onnx'), { inputs: ['input_ids', 'attention_mask'], inputType: DTYPE.INT32, table }), { convention: 'dynamic' });
    expect(int32.plan.feeds.map((f) => [f.name, f.role, f.type])).toEqual([['input_ids', 'ids', 'int32'], ['attention_mask', 'mask', 'int32']]);
    const got = await embed(int32, [[49406, 320, 49407]], { pooling: 'tokens' });
    expect(Array.from(got.data)).toEqual([49406, 320, 49407].flatMap((id) => Array.from(table.subarray(id * 4, id * 4 + 4))));
    const g = new GraphBuilder();
    const ids = g.input('input_ids', DTYPE.INT64, ['batch', 'seq']);
    g.input('attention_mask', DTYPE.FLOAT, ['batch', 'seq']);
    g.output('text_features', g.op('Gather', [g.floatInit('t', [49408, 4], table), ids], { axis: 0 }), DTYPE.FLOAT, ['batch', 'seq', 4]);
    const path = join(dir, 'float-mask.onnx');
    writeModel(g.model('float-mask'), path);
    const e = await refusal(openEncoder(path));
    expect([e.code, e.message]).toEqual(['E_ENCODER_IO', `${path}: input attention_mask float32 [batch,seq] is not an int64 or int32 [batch, seq] tensor, as the attention mask must be`]);
  });

  it('an input no name identifies is never fed: the model is refused', async () => {
    const path = lookupModel(join(dir, 'token-type.onnx'), { inputs: ['input_ids', 'token_type_ids'] });
    const e = await refusal(openEncoder(path));
    expect(e.code).toBe('E_ENCODER_IO');
    expect(e.message).toContain('input token_type_ids int64 [batch,seq] is not one lite-text can feed');
    expect(e.hint).toBe('lite-text feeds token ids (input_ids), an attention mask (attention_mask) and position ids (position_ids) only');
  });

  it('a forced convention does not guess between two integer inputs with other names', async () => {
    const path = lookupModel(join(dir, 'two-ints.onnx'), { inputs: ['a', 'b'], output: 'feats' });
    const e = await refusal(openEncoder(path, { convention: 'dynamic' }));
    expect(e.code).toBe('E_ENCODER_IO');
    expect(e.message).toContain('no token-id input for the dynamic convention: no input named input_ids and 2 integer inputs with other names');
  });
});
