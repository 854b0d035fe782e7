// What prune-encoder refuses with one line (exit 2) rather than write a broken or wrong model: nothing
// is written then.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DTYPE } from '../../src/encoder/onnx/proto.js';
import { writeModel } from '../../src/encoder/testing/generate.js';
import { GraphBuilder } from '../../src/encoder/testing/graph.js';
import { runCli } from '../helpers/cli.js';
import { oneErrorLine, SPEC, tempDir, tiny, WEIGHTS } from '../encoder/fixtures.js';

/**
 * A samexporter-style lookup whose graph hard-codes its context: token rows + folded positions [1, 32, W]
 * + another [32, W] constant (as a folded causal mask or bias would be). `tied` also reads the token
 * table in an output head (tied weights).
 */
function handMade(path: string, options: { tied?: boolean } = {}): string {
  const g = new GraphBuilder();
  const W = SPEC.width;
  const ids = g.input('tokens', DTYPE.INT64, [1, SPEC.context]);
  const tok = g.floatInit('tok', [SPEC.vocab, W], WEIGHTS.get('tok')!.data);
  const sum = g.op('Add', [g.op('Gather', [tok, ids], { axis: 0 }), g.floatInit('pos', [1, SPEC.context, W], WEIGHTS.get('pos')!.data)]);
  const fixed = g.op('Add', [sum, g.floatInit('bias', [SPEC.context, W], WEIGHTS.get('pos')!.data)]);
  g.output('text_memory', g.op('Transpose', [fixed], { perm: [1, 0, 2] }), DTYPE.FLOAT, [SPEC.context, 1, W]);
  if (options.tied) g.output('logits', g.op('MatMul', [fixed, g.op('Transpose', [tok], { perm: [1, 0] })]), DTYPE.FLOAT, [1, SPEC.context, SPEC.vocab]);
  writeModel(g.model('hand-made'), path);
  return path;
}

describe('prune-encoder refusals', () => {
  const dir = tempDir('prune-refusals');
  const corpus = join(dir, 'prompts.txt');
  const out = join(dir, 'out');
  const models: Record<string, string> = {};
  beforeAll(() => {
    writeFileSync(corpus, 'a red car\nthe dog on the left\nperson holding an umbrella near the window\n');
    models['samexporter'] = tiny(dir, 'samexporter', { convention: 'samexporter' }).path;
    models['dynamic'] = tiny(dir, 'dynamic', { convention: 'dynamic' }).path;
    // Bidirectional attention and no mask: padding reaches every valid token.
    models['bidirectional'] = tiny(dir, 'bidirectional', { convention: 'dynamic', causal: false }).path;
    models['hard-coded'] = handMade(join(dir, 'hard-coded.onnx'));
    models['tied'] = handMade(join(dir, 'tied.onnx'), { tied: true });
  });

  const prune = (model: string, file: string, extra: string[] = []) => runCli(['prune-encoder', models[model] ?? model, corpus, '--out', join(out, file), ...extra], { env: { LITE_TEXT_QUIET: '1' } });
  const refused = (code: string, model: string, extra: string[] = [], file = 'x.onnx') => {
    const line = oneErrorLine(prune(model, file, extra), code);
    expect(existsSync(join(out, file))).toBe(false);
    return line;
  };

  it('--context-length longer than a fixed sequence axis, longer than the positional table, or under 2', () => {
    expect(refused('E_USAGE', 'samexporter', ['--context-length', '40'])).toContain(`--context-length 40: ${models['samexporter']} takes exactly 32 tokens`);
    expect(refused('E_USAGE', 'dynamic', ['--context-length', '33'])).toContain(`--context-length 33: ${models['dynamic']} has 32 positional rows`);
    expect(refused('E_USAGE', 'dynamic', ['--context-length', '1'])).toContain('at least its start and end tokens');
  });

  it('a model whose graph hard-codes its context: --context-length is refused, the vocabulary prune alone works', () => {
    expect(refused('E_ENCODER', 'hard-coded', ['--context-length', '16'])).toContain('drop --context-length');
    expect(prune('hard-coded', 'ok.onnx').status).toBe(0);
  });

  it('a model that lets padding reach valid tokens: --context-length would change the embeddings', () => {
    expect(refused('E_ENCODER', 'bidirectional', ['--context-length', '16'])).toContain('the pruned model\'s features differ from the original\'s');
    expect(prune('bidirectional', 'ok2.onnx').status).toBe(0);
  });

  it('a token table read by anything but the lookup (tied weights)', () => {
    expect(refused('E_ENCODER', 'tied')).toContain('token-embedding table tok is read by Gather');
  });

  it('an already pruned model, an output that is not .onnx, no inputs', () => {
    expect(prune('dynamic', 'once.onnx').status).toBe(0);
    expect(oneErrorLine(prune(join(out, 'once.onnx'), 'twice.onnx'), 'E_USAGE')).toContain('already pruned by lite-text');
    expect(oneErrorLine(prune('dynamic', 'x.npy'), 'E_USAGE')).toContain('expected a .onnx file name');
    expect(oneErrorLine(runCli(['prune-encoder', models['dynamic']!, '--out', join(out, 'x.onnx')]), 'E_USAGE')).toContain('no inputs');
    // Only what succeeded: no refused model, no temp file.
    expect(readdirSync(out).sort()).toEqual(['ok.onnx', 'ok2.onnx', 'once.onnx']);
  });
});
