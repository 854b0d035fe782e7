import type ort from 'onnxruntime-node';
import { LiteTextError } from '../errors.js';
import type { IoPlan } from './conventions.js';
import { buildFeeds } from './build-feeds.js';
import { assertFinite, assertRunDims } from './output-axes.js';

export interface BatchTarget {
  session: ort.InferenceSession;
  plan: IoPlan;
  padId: number;
  /** For error messages. */
  path?: string | undefined;
}

/** Features of one batch, batch-first: [rows, seq, d] (or [rows, 1, d] for a pooled output). */
export interface BatchOutput {
  data: Float32Array;
  rows: number;
  seq: number;
  dim: number;
}

/**
 * Runs one batch of token sequences (each <= seq long), padded with padId to `seq`, feeding every input the
 * plan names. The output must come back with the axes the plan reads and finite values in every valid row.
 */
export async function runBatch(target: BatchTarget, ids: readonly (readonly number[])[], seq: number): Promise<BatchOutput> {
  const { plan } = target;
  const file = target.path ?? 'encoder';
  const rows = ids.length;
  let result: ort.InferenceSession.ReturnType;
  try {
    // logSeverityLevel 4: ORT reports a failed run through the exception only, not on the terminal.
    result = await target.session.run(buildFeeds(plan.feeds, ids, seq, target.padId), [plan.output], { logSeverityLevel: 4 });
  } catch (error) {
    const message = ((error as Error).message ?? String(error)).split('\n')[0];
    throw new LiteTextError('E_ENCODER', `${file}: onnxruntime failed on a batch of ${rows} x ${seq} token ids (${message})`,
      'check the I/O convention (--encoder-io), that the tokenizer matches the model\'s vocabulary, and --context-length');
  }
  const out = result[plan.output]!;
  if (out.type !== 'float32') throw new LiteTextError('E_ENCODER_IO', `${file}: output ${plan.output} came back as ${out.type}, not float32`, 'pick a float32 feature tensor with --output NAME');
  const raw = out.data as Float32Array;
  const dim = assertRunDims(file, plan.output, out.dims, raw.length, { rows, seq, layout: plan.layout, pooled: plan.pooled });
  const valid = plan.pooled ? ids.map(() => 1) : ids.map((row) => row.length);
  if (plan.layout === 'batch-first') {
    const shape = { rows, seq: plan.pooled ? 1 : seq, dim };
    assertFinite(file, plan.output, raw, shape, valid);
    return { data: raw, ...shape };
  }
  // Sequence-first [seq, batch, d] (samexporter's text_memory) -> batch-first.
  const data = new Float32Array(raw.length);
  for (let t = 0; t < seq; t++) for (let r = 0; r < rows; r++) data.set(raw.subarray((t * rows + r) * dim, (t * rows + r + 1) * dim), (r * seq + t) * dim);
  assertFinite(file, plan.output, data, { rows, seq, dim }, valid);
  return { data, rows, seq, dim };
}
