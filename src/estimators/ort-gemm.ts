import { availableParallelism } from 'node:os';
import onnxProto from 'onnx-proto';
import ort from 'onnxruntime-node';

/**
 * The one ONNX graph the estimators need, built in memory: C = op(A) · op(B) (ONNX Gemm, opset 17)
 * with dynamic shapes. ORT's CPU Gemm (MLAS) gives multithreaded float32 and float64 products.
 */
const { onnx } = onnxProto;
type ElemType = 'float32' | 'float64';
export type GemmKind = 'abT' | 'aTa';

function gemmModel(elem: ElemType, kind: GemmKind): Uint8Array {
  const elemType = elem === 'float32' ? onnx.TensorProto.DataType.FLOAT : onnx.TensorProto.DataType.DOUBLE;
  const tensor = (name: string, dims: string[]) => ({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((dimParam) => ({ dimParam })) } } },
  });
  const intAttr = (name: string) => ({ name, i: 1, type: onnx.AttributeProto.AttributeType.INT });
  // abT: A (m×k) · B(n×k)ᵀ -> m×n.  aTa: Aᵀ·A for A (m×k) -> k×k (the Gram matrix of a block).
  const node = kind === 'abT'
    ? { opType: 'Gemm', input: ['A', 'B'], output: ['C'], attribute: [intAttr('transB')] }
    : { opType: 'Gemm', input: ['A', 'A'], output: ['C'], attribute: [intAttr('transA')] };
  const inputs = kind === 'abT' ? [tensor('A', ['m', 'k']), tensor('B', ['n', 'k'])] : [tensor('A', ['m', 'k'])];
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'lite-text',
    opsetImport: [{ domain: '', version: 17 }],
    graph: { name: `gemm_${kind}_${elem}`, node: [node], input: inputs, output: [tensor('C', kind === 'abT' ? ['m', 'n'] : ['k', 'k'])] },
  });
  return onnx.ModelProto.encode(model).finish();
}

// One session per (dtype, kind): shapes vary per call through the dynamic dimensions.
const sessions = new Map<string, Promise<ort.InferenceSession>>();

function session(elem: ElemType, kind: GemmKind): Promise<ort.InferenceSession> {
  const key = `${elem}:${kind}`;
  let s = sessions.get(key);
  if (!s) {
    s = ort.InferenceSession.create(gemmModel(elem, kind), {
      intraOpNumThreads: Math.max(1, availableParallelism()),
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      executionProviders: ['cpu'],
    });
    sessions.set(key, s);
  }
  return s;
}

/** A (m×k) · B (n×k)ᵀ in float32; returns the m×n product, row-major. */
export async function gemmABt(a: Float32Array, m: number, b: Float32Array, n: number, k: number): Promise<Float32Array> {
  const s = await session('float32', 'abT');
  const out = await s.run({ A: new ort.Tensor('float32', a, [m, k]), B: new ort.Tensor('float32', b, [n, k]) });
  return out['C']!.data as Float32Array;
}

/** Aᵀ·A for A (m×k) in float64 (the block's contribution to a Gram matrix); returns k×k. */
export async function gramF64(a: Float64Array, m: number, k: number): Promise<Float64Array> {
  const s = await session('float64', 'aTa');
  const out = await s.run({ A: new ort.Tensor('float64', a, [m, k]) });
  return out['C']!.data as Float64Array;
}
