import { beforeAll, describe, expect, it } from 'vitest';
import { embed, openEncoder, type Encoder } from '../../src/encoder/index.js';
import { referenceForward } from './reference-forward.js';
import { SPEC, WEIGHTS, maxAbsDiff, samplePrompts, tempDir, tiny } from './fixtures.js';

// Tolerance: float32 ORT vs a float64 reference through 2 layers of width 32: observed ~1e-6; 1e-4 leaves margin.
const REF_TOL = 1e-4;
// Issue 5: every convention gives the same embeddings within 1e-5.
const SAME_TOL = 1e-5;


describe('I/O conventions from one set of weights', () => {
  const dir = tempDir('conv');
  const prompts = samplePrompts();
  const encoders: Record<string, Encoder> = {};
  beforeAll(async () => {
    const models = {
      samexporter: tiny(dir, 'samexporter', { convention: 'samexporter' }).path,
      usls: tiny(dir, 'usls', { convention: 'usls' }).path,
      dynamic: tiny(dir, 'dynamic', { convention: 'dynamic' }).path,
      hf: tiny(dir, 'hf', { convention: 'hf' }).path,
      external: tiny(dir, 'external', { convention: 'dynamic', external: true }).path,
    };
    for (const [name, path] of Object.entries(models)) encoders[name] = await openEncoder(path);
  });

  it('detects each convention from its signature', () => {
    expect(Object.fromEntries(Object.entries(encoders).map(([k, e]) => [k, [e.plan.convention, e.plan.output]]))).toEqual({
      samexporter: ['samexporter', 'text_memory'],
      usls: ['usls', 'text_features'],
      dynamic: ['dynamic', 'text_features'],
      hf: ['hf', 'last_hidden_state'],
      external: ['dynamic', 'text_features'],
    });
    expect(encoders['external']!.files.map((f) => f.split('/').pop())).toEqual(['model.onnx', 'model.onnx.data']);
  });

  it('matches an independent float64 forward pass (causal)', async () => {
    const got = await embed(encoders['dynamic']!, prompts, { pooling: 'tokens' });
    prompts.forEach((ids, i) => {
      const fitted = ids.length > 32 ? [...ids.slice(0, 31), ids[ids.length - 1]!] : ids;
      const ref = referenceForward(WEIGHTS, SPEC, fitted, { causal: true, valid: fitted.length }).features.flat();
      const rows = got.data.subarray(got.offsets![i]! * 256, got.offsets![i + 1]! * 256);
      expect(maxAbsDiff(rows, ref)).toBeLessThan(REF_TOL);
    });
  });

  it('gives the same per-token features in every convention (hf: last_hidden_state x resizer)', async () => {
    const base = await embed(encoders['dynamic']!, prompts, { pooling: 'tokens' });
    for (const name of ['samexporter', 'usls', 'external']) {
      const other = await embed(encoders[name]!, prompts, { pooling: 'tokens' });
      expect(other.offsets).toEqual(base.offsets);
      expect(maxAbsDiff(other.data, base.data)).toBeLessThan(SAME_TOL);
    }
    const hf = await embed(encoders['hf']!, prompts, { pooling: 'tokens' });
    expect(hf.cols).toBe(SPEC.width);
    const rw = WEIGHTS.get('resizer.w')!.data;
    const rb = WEIGHTS.get('resizer.b')!.data;
    const projected = new Float32Array(hf.rows * 256);
    for (let r = 0; r < hf.rows; r++) for (let j = 0; j < 256; j++) {
      let acc = rb[j]!;
      for (let i = 0; i < SPEC.width; i++) acc += hf.data[r * SPEC.width + i]! * rw[i * 256 + j]!;
      projected[r * 256 + j] = acc;
    }
    expect(maxAbsDiff(projected, base.data)).toBeLessThan(SAME_TOL);
  });
});
