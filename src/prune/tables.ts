import { DTYPE, elementBytes, tensorBytes, tensorDims, type TensorProto } from '../encoder/onnx/proto.js';
import { LiteTextError } from '../errors.js';

// A quiet NaN per float type: the row an id outside the kept set reads (its embedding is never a plausible one).
const NAN_BYTES: Partial<Record<number, number[]>> = {
  [DTYPE.FLOAT]: [0x00, 0x00, 0xc0, 0x7f],
  [DTYPE.FLOAT16]: [0x00, 0x7e],
  [DTYPE.BFLOAT16]: [0xc0, 0x7f],
  [DTYPE.DOUBLE]: [0, 0, 0, 0, 0, 0, 0xf8, 0x7f],
};

/** A copy of an initializer's header with new dims and inline bytes (no external-data entries). */
function withBytes(t: TensorProto, dims: number[], rawData: Uint8Array): TensorProto {
  return { name: t.name ?? '', dataType: t.dataType ?? DTYPE.FLOAT, dims, rawData };
}

/**
 * The token table [vocab, W] keeping rows `kept` (ascending) in that order, then one NaN row: row i of the
 * new table is row kept[i] of the old one; every other id is sent to the NaN row by the remap.
 */
export function keepRows(t: TensorProto, modelPath: string, kept: readonly number[]): TensorProto {
  const dims = tensorDims(t);
  const nan = NAN_BYTES[t.dataType ?? DTYPE.FLOAT];
  if (dims.length !== 2 || !nan) {
    throw new LiteTextError('E_ENCODER', `${modelPath}: token-embedding table ${t.name} is a [${dims.join(', ')}] tensor of type ${t.dataType}, not a float [vocab, width] table`,
      'prune-encoder prunes float32/float16/bfloat16/float64 tables (quantize after pruning)');
  }
  const rowBytes = dims[1]! * elementBytes(t.dataType!);
  const bytes = tensorBytes(t, modelPath);
  const out = new Uint8Array((kept.length + 1) * rowBytes);
  kept.forEach((id, i) => out.set(bytes.subarray(id * rowBytes, (id + 1) * rowBytes), i * rowBytes));
  for (let at = kept.length * rowBytes; at < out.length; at += nan.length) out.set(nan, at);
  return withBytes(t, [kept.length + 1, dims[1]!], out);
}

/** The positional table ([ctx, W] or [1, ctx, W]) keeping its first `rows` positions. */
export function firstRows(t: TensorProto, modelPath: string, rows: number): TensorProto {
  const dims = tensorDims(t);
  const axis = dims.length - 2;
  const rowBytes = dims[dims.length - 1]! * elementBytes(t.dataType ?? DTYPE.FLOAT);
  return withBytes(t, dims.map((d, i) => (i === axis ? rows : d)), tensorBytes(t, modelPath).slice(0, rows * rowBytes));
}

/**
 * The remap [vocab] → new row. int32 whatever the ids' type: Gather takes int32 or int64 indices, the
 * table's values become the next Gather's indices, and int32 halves its size.
 */
export function remapTable(name: string, vocab: number, kept: readonly number[]): TensorProto {
  const remap = new Int32Array(vocab).fill(kept.length);
  kept.forEach((id, i) => (remap[id] = i));
  return { name, dataType: DTYPE.INT32, dims: [vocab], rawData: new Uint8Array(remap.buffer) };
}
