import { readFileSync, openSync, readSync, closeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import onnxProto from 'onnx-proto';
import { cannotRead, LiteTextError } from '../../errors.js';

/** protobufjs-generated ONNX classes (onnx-proto, ONNX v1.10 schema, IR 8). */
export const onnx = onnxProto.onnx;
export type ModelProto = onnxProto.onnx.ModelProto;
export type TensorProto = onnxProto.onnx.ITensorProto;
export type NodeProto = onnxProto.onnx.INodeProto;
export type ValueInfoProto = onnxProto.onnx.IValueInfoProto;
export type AttributeProto = onnxProto.onnx.IAttributeProto;

/** ONNX TensorProto.DataType codes and element sizes (onnx.proto). */
export const DTYPE = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7, BOOL: 9, FLOAT16: 10, DOUBLE: 11, BFLOAT16: 16 } as const;
const ELEMENT_BYTES: Record<number, number> = { 1: 4, 2: 1, 3: 1, 4: 2, 5: 2, 6: 4, 7: 8, 9: 1, 10: 2, 11: 8, 12: 4, 13: 8, 16: 2 };

export function elementBytes(dataType: number): number {
  return ELEMENT_BYTES[dataType] ?? 4;
}

/** int64 fields decode as `Long` objects when the `long` package is present; numbers otherwise. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  if (value && typeof (value as { toNumber?: unknown }).toNumber === 'function') return (value as { toNumber(): number }).toNumber();
  return Number(value);
}

export function readModel(path: string): ModelProto {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw cannotRead(path, error, 'check the model path', { what: 'the ONNX model' });
  }
  const notOnnx = (why: string) => new LiteTextError('E_ENCODER', `${path}: not an ONNX model (${why})`, 'pass a .onnx file exported from PyTorch or transformers.js');
  if (bytes.length === 0) throw notOnnx('empty file');
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw notOnnx((error as Error).message);
  }
  // Protobuf decodes many byte strings without complaint: a model must at least hold a graph of nodes.
  if (!model.graph || (model.graph.node ?? []).length === 0) throw notOnnx('no graph nodes');
  return model;
}

export function tensorDims(tensor: TensorProto): number[] {
  return (tensor.dims ?? []).map(toNumber);
}

export function tensorSize(tensor: TensorProto): number {
  return tensorDims(tensor).reduce((a, b) => a * b, 1);
}

/** The external-data entries of a tensor (`location`, `offset`, `length`), as ONNX's external_data_helper defines them. */
export function externalInfo(tensor: TensorProto): { location: string; offset: number; length: number | undefined } | undefined {
  if (tensor.dataLocation !== 1) return undefined;
  const entries = new Map((tensor.externalData ?? []).map((e) => [e.key ?? '', e.value ?? '']));
  const location = entries.get('location');
  if (!location) return undefined;
  const length = entries.get('length');
  return { location, offset: Number(entries.get('offset') ?? 0), length: length === undefined ? undefined : Number(length) };
}

/** The external data files a model references, resolved beside the model file. */
export function externalFiles(model: ModelProto, modelPath: string): string[] {
  const files = new Set<string>();
  for (const t of model.graph?.initializer ?? []) {
    const info = externalInfo(t);
    if (info) files.add(resolve(dirname(modelPath), info.location));
  }
  return [...files].sort();
}

/** The raw little-endian bytes of a tensor (raw_data, typed fields, or external data beside the model). */
export function tensorBytes(tensor: TensorProto, modelPath: string): Uint8Array {
  const info = externalInfo(tensor);
  if (info) {
    const file = resolve(dirname(modelPath), info.location);
    const length = info.length ?? tensorSize(tensor) * elementBytes(tensor.dataType ?? 1);
    const out = Buffer.alloc(length);
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      throw new LiteTextError('E_IO', `${modelPath}: tensor ${tensor.name ?? '?'} has its data in ${file}, which cannot be read`, 'keep the .onnx.data file beside the model');
    }
    try {
      readSync(fd, out, 0, length, info.offset);
    } finally {
      closeSync(fd);
    }
    return out;
  }
  if (tensor.rawData && tensor.rawData.length > 0) return tensor.rawData;
  if (tensor.floatData && tensor.floatData.length > 0) return new Uint8Array(Float32Array.from(tensor.floatData).buffer);
  if (tensor.int32Data && tensor.int32Data.length > 0) return new Uint8Array(Int32Array.from(tensor.int32Data).buffer);
  return new Uint8Array(0);
}

/** IEEE 754 half -> float. */
function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/** A float tensor's values as float32 (FLOAT, FLOAT16, DOUBLE, BFLOAT16); undefined for other types. */
export function tensorFloats(tensor: TensorProto, modelPath: string): Float32Array | undefined {
  const bytes = tensorBytes(tensor, modelPath);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = tensorSize(tensor);
  const out = new Float32Array(n);
  switch (tensor.dataType) {
    case DTYPE.FLOAT: for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true); return out;
    case DTYPE.DOUBLE: for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, true); return out;
    case DTYPE.FLOAT16: for (let i = 0; i < n; i++) out[i] = halfToFloat(view.getUint16(i * 2, true)); return out;
    case DTYPE.BFLOAT16: for (let i = 0; i < n; i++) out[i] = new Float32Array(new Uint32Array([view.getUint16(i * 2, true) << 16]).buffer)[0] ?? 0; return out;
    default: return undefined;
  }
}
