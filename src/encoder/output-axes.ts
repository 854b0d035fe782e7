import { LiteTextError } from '../errors.js';
import { formatTensor, type TensorInfo } from './signature.js';

export type Layout = 'batch-first' | 'sequence-first';

type Dim = number | string | undefined;

/**
 * Whether an output axis can be the ids axis `want` rather than the other one: declared sizes must agree,
 * and a symbolic name must not be the other axis's (ORT keeps the exporter's names, e.g. batch / sequence).
 */
function fits(dim: Dim, want: Dim, other: Dim): boolean {
  if (typeof dim === 'number' && dim >= 0 && typeof want === 'number' && want >= 0) return dim === want;
  return !(typeof dim === 'string' && dim !== '' && dim === other && other !== want);
}

function axesOf(layout: Layout, pooled: boolean): string {
  return pooled ? '[batch, d]' : layout === 'sequence-first' ? '[seq, batch, d]' : '[batch, seq, d]';
}

/** The output's declared axes must be the ones the convention reads (samexporter: sequence-first). */
export function assertOutputAxes(file: string, out: TensorInfo, ids: TensorInfo, layout: Layout, convention: string): void {
  const [batch, seq] = ids.shape;
  const pooled = out.shape.length === 2;
  const ok = pooled
    ? fits(out.shape[0], batch, seq)
    : layout === 'sequence-first'
      ? fits(out.shape[0], seq, batch) && fits(out.shape[1], batch, seq)
      : fits(out.shape[0], batch, seq) && fits(out.shape[1], seq, batch);
  if (!ok) {
    throw new LiteTextError('E_ENCODER_IO', `${file}: output ${formatTensor(out)} is not ${axesOf(layout, pooled)} over the token ids ${formatTensor(ids)}, as the ${convention} convention reads it`,
      'drop --encoder-io to detect the convention, or force one whose layout fits the model (samexporter is sequence-first, the others batch-first)');
  }
}

/** Expected dims of one run's output: [rows, seq, d], [seq, rows, d] or [rows, d]. */
export function assertRunDims(file: string, output: string, dims: readonly number[], length: number, expect: { rows: number; seq: number; layout: Layout; pooled: boolean }): number {
  const { rows, seq, layout, pooled } = expect;
  const d = dims[dims.length - 1] ?? 0;
  const want = pooled ? [rows, d] : layout === 'sequence-first' ? [seq, rows, d] : [rows, seq, d];
  if (dims.length !== want.length || dims.some((x, i) => x !== want[i]) || length !== want.reduce((a, b) => a * b, 1) || d <= 0) {
    throw new LiteTextError('E_ENCODER_IO', `${file}: output ${output} came back as [${dims.join(',')}] for a batch of ${rows} x ${seq} token ids; expected ${axesOf(layout, pooled)} = [${want.join(',')}]`,
      'the model does not lay its output out as the convention reads it: check --encoder-io and --output');
  }
  return d;
}

/**
 * Every feature the caller keeps must be finite: rows r < rows, tokens t < valid[r] of batch-first
 * [rows, seqOut, d] data. A NaN or infinity is a wrong result, never an embedding.
 */
export function assertFinite(file: string, output: string, data: Float32Array, shape: { rows: number; seq: number; dim: number }, valid: readonly number[]): void {
  const { seq, dim } = shape;
  for (let r = 0; r < shape.rows; r++) {
    const end = (r * seq + Math.min(valid[r] ?? 0, seq)) * dim;
    for (let i = r * seq * dim; i < end; i++) {
      if (!Number.isFinite(data[i]!)) {
        throw new LiteTextError('E_ENCODER_IO', `${file}: output ${output} holds ${data[i]} at batch row ${r}, token ${Math.floor(i / dim) - r * seq} (${shape.rows} x ${seq} token ids): non-finite features are never used as embeddings`,
          'check the I/O convention (--encoder-io) and --output, and that the tokenizer matches the model\'s vocabulary');
      }
    }
  }
}
