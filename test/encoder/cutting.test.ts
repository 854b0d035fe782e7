import { beforeAll, describe, expect, it } from 'vitest';
import { embed, openEncoder, type Encoder } from '../../src/encoder/index.js';
import { runBatch } from '../../src/encoder/run-batch.js';
import { referenceForward } from './reference-forward.js';
import { SPEC, WEIGHTS, maxAbsDiff, samplePrompts, tempDir, tiny } from './fixtures.js';

const SAME_TOL = 1e-5;


/** The naive path: each prompt alone, padded to the full context. */
async function naive(encoder: Encoder, prompts: number[][]): Promise<Float32Array> {
  const rows: number[] = [];
  for (const ids of prompts) {
    const { session } = await encoder.ready();
    const out = await runBatch({ session, plan: encoder.plan, padId: 0 }, [ids], 32);
    rows.push(...out.data.subarray(0, ids.length * out.dim));
  }
  return Float32Array.from(rows);
}

describe('cutting batches to their longest prompt', () => {
  const dir = tempDir('cut');
  const prompts = samplePrompts().filter((p) => p.length <= 32);
  let causal: Encoder;
  let leaky: Encoder;
  let masked: Encoder;
  beforeAll(async () => {
    causal = await openEncoder(tiny(dir, 'causal', { convention: 'dynamic' }).path);
    // Non-causal, no attention mask: padding tokens are attended to, so cutting changes valid tokens.
    leaky = await openEncoder(tiny(dir, 'leaky', { convention: 'dynamic', causal: false }).path);
    // Non-causal with a respected attention mask (the LiteText students' setup): cutting is exact again.
    masked = await openEncoder(tiny(dir, 'masked', { convention: 'dynamic', causal: false, attentionMask: true }).path);
  });

  it('the probe allows cutting for the causal model and the result equals the naive path', async () => {
    expect((await causal.ready()).probe.canCut).toBe(true);
    const got = await embed(causal, prompts, { pooling: 'tokens', batchSize: 4 });
    expect(got.stats.cut).toBe(true);
    expect(got.stats.fedTokens).toBeLessThan(got.stats.batches * 4 * 32);
    expect(maxAbsDiff(got.data, await naive(causal, prompts))).toBeLessThan(SAME_TOL);
  });

  it('the probe refuses cutting for a non-causal model that attends to padding, and falls back to full padding', async () => {
    expect((await leaky.ready()).probe.canCut).toBe(false);
    expect((await leaky.ready()).probe.maxDiff).toBeGreaterThan(1e-3);
    const got = await embed(leaky, prompts, { pooling: 'tokens', batchSize: 4 });
    expect(got.stats.fedTokens).toBe(got.stats.unique * 32);
    expect(maxAbsDiff(got.data, await naive(leaky, prompts))).toBeLessThan(SAME_TOL);
    // And the fallback reproduces the model's own padded semantics (float64 reference, keys = all 32 positions).
    const ids = prompts[0]!;
    const padded = [...ids, ...new Array<number>(32 - ids.length).fill(0)];
    const ref = referenceForward(WEIGHTS, SPEC, padded, { causal: false, valid: 32 }).features.slice(0, ids.length).flat();
    expect(maxAbsDiff(got.data.subarray(0, ids.length * 256), ref)).toBeLessThan(1e-4);
  });

  it('the probe allows cutting for a non-causal model that respects its attention mask', async () => {
    expect((await masked.ready()).probe.canCut).toBe(true);
    const got = await embed(masked, prompts, { pooling: 'tokens', batchSize: 4 });
    const ids = prompts[3]!;
    const ref = referenceForward(WEIGHTS, SPEC, ids, { causal: false, valid: ids.length }).features.flat();
    expect(maxAbsDiff(got.data.subarray(got.offsets![3]! * 256, got.offsets![4]! * 256), ref)).toBeLessThan(1e-4);
  });

  it('allowCut: false skips the probe and pads every batch', async () => {
    const full = await openEncoder(causal.path, { allowCut: false });
    const got = await embed(full, prompts, { pooling: 'eot', batchSize: 4 });
    expect(got.stats.cut).toBe(false);
    expect(got.stats.fedTokens).toBe(got.stats.unique * 32);
  });
});
