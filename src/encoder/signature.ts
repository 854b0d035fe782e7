import type { InferenceSession } from 'onnxruntime-node';

/** One model input or output as ORT reports it: name, element type, shape (numbers or symbolic names). */
export interface TensorInfo {
  name: string;
  type: string;
  shape: Array<number | string>;
}

export interface Signature {
  inputs: TensorInfo[];
  outputs: TensorInfo[];
}

function info(meta: InferenceSession.ValueMetadata): TensorInfo {
  return meta.isTensor ? { name: meta.name, type: meta.type, shape: [...meta.shape] } : { name: meta.name, type: 'non-tensor', shape: [] };
}

export function readSignature(session: InferenceSession): Signature {
  return { inputs: session.inputMetadata.map(info), outputs: session.outputMetadata.map(info) };
}

export function formatTensor(t: TensorInfo): string {
  return `${t.name} ${t.type} [${t.shape.map((d) => (typeof d === 'number' && d >= 0 ? String(d) : String(d) || '?')).join(',')}]`;
}

export function formatSignature(s: Signature): string {
  return `inputs: ${s.inputs.map(formatTensor).join('; ') || 'none'} | outputs: ${s.outputs.map(formatTensor).join('; ') || 'none'}`;
}

/** A dimension is dynamic when ORT reports a symbolic name or a negative / missing size. */
export function isDynamic(d: number | string | undefined): boolean {
  return typeof d !== 'number' || d < 0;
}

export function find(list: TensorInfo[], name: string): TensorInfo | undefined {
  return list.find((t) => t.name === name);
}
