import { describe, expect, it } from 'vitest';
import { classify } from '../../src/analyzers/encoder-anatomy/attribute.js';
import { encoderAnatomy, encoderAnatomyAnalyzer, inspectArch, positionalHeatmapSvg } from '../../src/analyzers/encoder-anatomy/index.js';
import { inspectOnnx } from '../../src/analyzers/encoder-anatomy/inspect.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DTYPE, onnx, tensorSize } from '../../src/encoder/onnx/proto.js';
import { generateModel, type GenerateOptions } from '../../src/encoder/testing/generate.js';
import type { KnownCounts } from '../../src/encoder/testing/weights.js';
import { SPEC, WEIGHTS, tempDir, tiny } from './fixtures.js';

function expectCounts(section: ReturnType<typeof inspectOnnx>, known: KnownCounts): void {
  const sum = (k: 'attention' | 'mlp' | 'norms') => known.layers.reduce((a, l) => a + l[k], 0);
  expect(section.parameters.byComponent).toEqual({
    tokenEmbedding: known.tokenEmbedding,
    positionalEmbedding: known.positionalEmbedding,
    attention: sum('attention'),
    mlp: sum('mlp'),
    norms: sum('norms'),
    tokenMixer: 0,
    finalNorm: known.finalNorm,
    projection: known.projection,
    resizer: known.resizer,
    unattributed: 0,
  });
  expect(section.parameters.total).toBe(known.total);
  expect(section.parameters.byLayer).toEqual(known.layers.map((l, layer) => ({ layer, ...l, tokenMixer: 0, total: l.attention + l.mlp + l.norms })));
  expect(section.bytes.total).toEqual({ stored: 4 * known.total, fp32: 4 * known.total, fp16: 2 * known.total, int8: known.total });
  expect(section.unattributed).toEqual([]);
}

describe('encoder anatomy from ONNX initializers', () => {
  const dir = tempDir('anatomy');

  // Each convention uses another naming style: open_clip names, torch.onnx anonymous MatMul weights
  // (attributed through node names), Hugging Face CLIP names, and external data.
  it.each<[string, { convention: 'samexporter' | 'usls' | 'hf' | 'dynamic'; external?: boolean }]>([
    ['samexporter (anonymous MatMul weights)', { convention: 'samexporter' }],
    ['usls (open_clip names)', { convention: 'usls' }],
    ['hf (CLIPTextModel names, no resizer)', { convention: 'hf' }],
    ['dynamic with external data', { convention: 'dynamic', external: true }],
  ])('counts equal the generator\'s known counts: %s', (_, options) => {
    const { path, counts } = tiny(dir, options.convention + (options.external ? '-ext' : ''), options);
    const section = inspectOnnx(path);
    expectCounts(section, counts);
    expect(section.architecture).toEqual({ vocabSize: 49408, width: 32, layers: 2, contextLength: 32 });
    expect(section.constants.tensors).toBeGreaterThan(0);
    if (options.external) expect(section.source.files?.map((f) => f.split('/').pop())).toEqual(['model.onnx', 'model.onnx.data']);
  });

  // Public exports add the positional rows to the token-embedding Gather's output in three ways; torch.onnx names
  // a constant-folded pos[:32] `onnx::Add_N`. Names are anonymous here (node names too): only the graph tells.
  it.each<[string, GenerateOptions]>([
    ['samexporter: folded [1,32,W] constant', { convention: 'samexporter', positional: 'folded-3d' }],
    ['usls: folded [32,W] constant', { convention: 'usls', positional: 'folded' }],
    ['dynamic: Slice of the parameter', { convention: 'dynamic', positional: 'slice', anonymousPositional: true }],
    ['hf: Gather by the position_ids buffer', { convention: 'hf', positional: 'gather', anonymousPositional: true }],
    ['hf: Gather by a position_ids input', { convention: 'hf', positionIds: true, anonymousPositional: true }],
  ])('the positional embedding is found by the graph, not by its name: %s', (label, options) => {
    const { path, counts } = tiny(dir, `anon-${label.split(':')[0]}-${options.positional ?? 'input'}`, options);
    const section = inspectOnnx(path);
    expect(section.parameters.byComponent.positionalEmbedding).toBe(counts.positionalEmbedding);
    expect(section.unattributed).toEqual([]);
    expect(section.architecture.contextLength).toBe(SPEC.context);
    expect(section.positional!.similarity).toEqual(inspectOnnx(tiny(dir, `named-${label.split(':')[0]}`, { convention: 'dynamic' }).path).positional!.similarity);
  });

  it('positional similarity: the matrix and neighbour means from the generator\'s positional rows', () => {
    const section = inspectOnnx(tiny(dir, 'pos', { convention: 'dynamic' }).path);
    const pos = WEIGHTS.get('pos')!.data;
    const W = SPEC.width;
    const cos = (i: number, j: number) => {
      let d = 0, a = 0, b = 0;
      for (let k = 0; k < W; k++) { d += pos[i * W + k]! * pos[j * W + k]!; a += pos[i * W + k]! ** 2; b += pos[j * W + k]! ** 2; }
      return d / Math.sqrt(a * b);
    };
    const p = section.positional!;
    expect([p.rows, p.width]).toEqual([32, 32]);
    expect(p.similarity[3]![17]).toBeCloseTo(cos(3, 17), 12);
    expect(p.similarity[5]![5]).toBeCloseTo(1, 12);
    expect(p.meanNeighbourSimilarity[0]).toBeCloseTo(cos(0, 1), 12);
    expect(p.meanNeighbourSimilarity[10]).toBeCloseTo((cos(10, 9) + cos(10, 11)) / 2, 12);
    expect(p.meanNeighbourSimilarity[31]).toBeCloseTo(cos(31, 30), 12);
  });

  it('an fp16-stored model: bytes as stored are 2 per parameter; positional similarity read from the halves', () => {
    const { model, counts } = generateModel(WEIGHTS, SPEC, { convention: 'usls' });
    // float32 -> IEEE half, round-to-nearest on the mantissa (values here are normal and |x| < 2).
    const toHalf = (x: number) => {
      const f = new Float32Array([x]);
      const bits = new Uint32Array(f.buffer)[0]!;
      const sign = (bits >>> 16) & 0x8000;
      const exp = ((bits >>> 23) & 0xff) - 127 + 15;
      if (exp <= 0) return sign;
      return sign | ((exp << 10) + Math.round((bits & 0x7fffff) / 8192));
    };
    for (const t of model.graph!.initializer!) {
      if (t.dataType !== DTYPE.FLOAT || tensorSize(t) <= 1) continue;
      const raw = t.rawData!;
      const f = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
      t.rawData = new Uint8Array(Uint16Array.from(f, toHalf).buffer);
      t.dataType = DTYPE.FLOAT16;
    }
    const path = join(dir, 'fp16.onnx');
    writeFileSync(path, onnx.ModelProto.encode(model).finish());
    const section = inspectOnnx(path);
    expect(section.parameters.total).toBe(counts.total);
    expect(section.bytes.total).toEqual({ stored: 2 * counts.total, fp32: 4 * counts.total, fp16: 2 * counts.total, int8: counts.total });
    const fp32 = inspectOnnx(tiny(dir, 'fp32', { convention: 'usls' }).path).positional!;
    // fp16 keeps ~3 decimal digits: cosines agree to 1e-3.
    expect(Math.max(...section.positional!.similarity.flat().map((v, i) => Math.abs(v - fp32.similarity.flat()[i]!)))).toBeLessThan(1e-3);
  });

  it('corpus usage: unused embedding rows and their MiB', async () => {
    const path = tiny(dir, 'corpus', { convention: 'dynamic' }).path;
    const section = await encoderAnatomy({ encoder: { path }, tokens: { ids: [49406, 320, 49407, 49406, 320, 1125, 49407, 49406, 0, 49407], prompts: 3 } });
    expect(section.corpus).toEqual({ prompts: 3, usedRows: 5, unusedRows: 49403, unusedMiB: { stored: (49403 * 32 * 4) / 2 ** 20, fp32: (49403 * 32 * 4) / 2 ** 20, fp16: (49403 * 32 * 2) / 2 ** 20 } });
  });

  it('renders the positional heatmap as SVG', async () => {
    const section = inspectOnnx(tiny(dir, 'svg', { convention: 'dynamic' }).path);
    const svg = await positionalHeatmapSvg(section.positional!);
    expect(svg.startsWith('<svg')).toBe(true);
    expect((svg.match(/<path/g) ?? []).length).toBeGreaterThan(32);
  });
});

describe('attribution rules on real export names', () => {
  // Parameter names of SAM3 (open_clip style), Hugging Face CLIPTextModel and MobileCLIP text encoders, as their
  // PyTorch modules name them (sam3/model/text_encoder_ve.py, transformers CLIPTextModel, mobileclip/text_encoder.py).
  it.each([
    ['backbone.language_backbone.encoder.token_embedding.weight', 'tokenEmbedding', undefined],
    ['backbone.language_backbone.encoder.positional_embedding', 'positionalEmbedding', undefined],
    ['backbone.language_backbone.encoder.transformer.resblocks.7.attn.in_proj_weight', 'attention', 7],
    ['backbone.language_backbone.encoder.transformer.resblocks.7.ln_2.bias', 'norms', 7],
    ['backbone.language_backbone.encoder.transformer.resblocks.23.mlp.c_proj.weight', 'mlp', 23],
    ['backbone.language_backbone.encoder.ln_final.weight', 'finalNorm', undefined],
    ['backbone.language_backbone.encoder.text_projection', 'projection', undefined],
    ['backbone.language_backbone.resizer.weight', 'resizer', undefined],
    ['text_model.encoder.layers.11.self_attn.out_proj.bias', 'attention', 11],
    ['text_model.encoder.layers.11.layer_norm1.weight', 'norms', 11],
    ['text_model.encoder.layers.0.mlp.fc2.weight', 'mlp', 0],
    ['text_model.final_layer_norm.bias', 'finalNorm', undefined],
    ['text_encoder.embedding_layer.weight', 'tokenEmbedding', undefined],
    ['text_encoder.positional_embedding.pos_embed.pos_embed', 'positionalEmbedding', undefined],
    ['text_encoder.transformer.0.token_mixer.reparam_conv.weight', 'tokenMixer', 0],
    ['text_encoder.transformer.0.convffn.fc1.weight', 'mlp', 0],
    ['text_encoder.transformer.0.layer_scale', 'mlp', 0],
    ['text_encoder.transformer.2.pre_norm_mha.0.weight', 'norms', 2],
    ['text_encoder.transformer.2.pre_norm_mha.1.qkv_proj.weight', 'attention', 2],
    ['text_encoder.transformer.2.pre_norm_ffn.1.weight', 'mlp', 2],
    ['text_encoder.projection_layer', 'projection', undefined],
    ['/text_encoder/transformer.4/pre_norm_mha.1/MatMul', 'attention', 4],
  ])('%s -> %s', (name, component, layer) => {
    expect(classify([name])).toEqual(layer === undefined ? { component } : { component, layer });
  });

  it('an anonymous weight with no telling consumer stays unattributed', () => {
    expect(classify(['onnx::MatMul_1234', '/MatMul_7'])).toBeUndefined();
  });
});

describe('built-in architectures', () => {
  // Paper / issue figures: SAM3 353,724,672; LiteText S0 42.54M, S1 63.53M, L 123.80M.
  it.each([
    ['sam3', 353_724_672, 1],
    ['litetext-s0', 42.54e6, 0.005e6],
    ['litetext-s1', 63.53e6, 0.005e6],
    ['litetext-l', 123.8e6, 0.005e6],
  ])('%s reproduces the published parameter count', async (name, expected, tolerance) => {
    const section = await encoderAnatomy({ arch: name });
    expect(Math.abs(section.parameters.total - expected)).toBeLessThan(tolerance);
  });

  it('the analyzer object reads resources.encoder / settings.arch and the corpus token table', async () => {
    const ctx = { resources: {}, settings: { arch: 'litetext-s1' }, prompts: [{}, {}], tokens: { ids: Int32Array.from([49406, 5, 49407, 49406, 6, 49407]) } };
    const section = await encoderAnatomyAnalyzer.run(ctx as unknown as Parameters<typeof encoderAnatomyAnalyzer.run>[0]);
    expect(section.source.kind).toBe('arch');
    expect(section.parameters.total).toBe(63_528_192);
    expect(section.corpus).toMatchObject({ prompts: 2, usedRows: 4, unusedRows: 49404 });
  });

  it('sam3 breaks down as 24 blocks of width 1024 with the token table, resizer and projection', () => {
    const s = inspectArch('sam3');
    expect(s.parameters.byComponent.tokenEmbedding).toBe(49408 * 1024);
    expect(s.parameters.byLayer).toHaveLength(24);
    expect(s.parameters.byLayer[0]).toEqual({ layer: 0, attention: 4 * 1024 * 1024 + 4 * 1024, mlp: 2 * 1024 * 4096 + 4096 + 1024, norms: 4 * 1024, tokenMixer: 0, total: 12_596_224 });
    expect(s.parameters.byComponent.resizer).toBe(1024 * 256 + 256);
    expect(s.parameters.byComponent.projection).toBe(1024 * 512);
  });
});
