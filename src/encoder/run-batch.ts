import ort from 'onnxruntime-node';
import { LiteTextError } from '../errors.js';
import type { IoPlan } from './conventions.js';

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

/** Runs one batch of token sequences (each <= seq long), padded with padId to `seq`; mask 1 = valid token. */
export async function runBatch(target: BatchTarget, ids: readonly (readonly number[])[], seq: number): Promise<BatchOutput> {
  const { plan } = target;
  const rows = ids.length;
  const tokens = new BigInt64Array(rows * seq).fill(BigInt(target.padId));
  const mask = new BigInt64Array(rows * seq);
  ids.forEach((row, r) => {
    row.forEach((id, j) => {
      tokens[r * seq + j] = BigInt(id);
      mask[r * seq + j] = 1n;
    });
  });
  const feeds: Record<string, ort.Tensor> = { [plan.idsInput]: new ort.Tensor('int64', tokens, [rows, seq]) };
  if (plan.maskInput) feeds[plan.maskInput] = new ort.Tensor('int64', mask, [rows, seq]);
  let result: ort.InferenceSession.ReturnType;
  try {
    result = await target.session.run(feeds, [plan.output]);
  } catch (error) {
    const message = ((error as Error).message ?? String(error)).split('\n')[0];
    throw new LiteTextError('E_ENCODER', `${target.path ?? 'encoder'}: onnxruntime failed on a batch of ${rows} x ${seq} token ids (${message})`,
      'check the I/O convention (--encoder-io), that the tokenizer matches the model\'s vocabulary, and --context-length');
  }
  const out = result[plan.output]!;
  const raw = out.data as Float32Array;
  const dims = out.dims;
  if (plan.pooled) return { data: raw, rows, seq: 1, dim: dims[1] ?? 0 };
  if (plan.layout === 'batch-first') return { data: raw, rows, seq: dims[1] ?? seq, dim: dims[2] ?? 0 };
  // Sequence-first [seq, batch, d] (samexporter's text_memory) -> batch-first.
  const [s = seq, b = rows, d = 0] = dims;
  const data = new Float32Array(raw.length);
  for (let t = 0; t < s; t++) for (let r = 0; r < b; r++) data.set(raw.subarray((t * b + r) * d, (t * b + r + 1) * d), (r * s + t) * d);
  return { data, rows: b, seq: s, dim: d };
}
