import onnxProto from 'onnx-proto';

/**
 * The small ONNX graphs the estimators run (opset 17, dynamic shapes), built with onnx-proto by
 * scripts/gen-knn-assets.mjs into onnx-graphs-bytes.ts, which the code loads:
 *  - `gram64`: Aᵀ·A in float64 (a block's contribution to the covariance);
 *  - `dots64`: A·Bᵀ in float64 (panels of a Gram matrix from transposed blocks: linear CKA);
 *  - `dots32`: A·Bᵀ in float32 (the kNN threshold pass);
 *  - `tile32`: −2·A·Bᵀ in float32 (a kNN tile; the −2 is exact, applied by Gemm's alpha).
 */
const { onnx } = onnxProto;
const { FLOAT, DOUBLE } = onnx.TensorProto.DataType;
export const GRAPH_NAMES = ['gram64', 'dots64', 'dots32', 'tile32'] as const;
export type GraphName = (typeof GRAPH_NAMES)[number];

const value = (name: string, elemType: number, dims: string[]) => ({
  name,
  type: { tensorType: { elemType, shape: { dim: dims.map((dimParam) => ({ dimParam })) } } },
});
const int = (name: string, i: number) => ({ name, i, type: onnx.AttributeProto.AttributeType.INT });
const float = (name: string, f: number) => ({ name, f, type: onnx.AttributeProto.AttributeType.FLOAT });
const node = (opType: string, input: string[], output: string[], attribute: object[] = []) => ({ opType, input, output, attribute });

function graphOf(name: GraphName) {
  switch (name) {
    case 'gram64':
      return { node: [node('Gemm', ['A', 'A'], ['C'], [int('transA', 1)])], input: [value('A', DOUBLE, ['m', 'k'])], output: [value('C', DOUBLE, ['k', 'k'])] };
    case 'dots64':
      return { node: [node('Gemm', ['A', 'B'], ['C'], [int('transB', 1)])], input: [value('A', DOUBLE, ['m', 'k']), value('B', DOUBLE, ['n', 'k'])], output: [value('C', DOUBLE, ['m', 'n'])] };
    case 'dots32':
      return { node: [node('Gemm', ['A', 'B'], ['C'], [int('transB', 1)])], input: [value('A', FLOAT, ['m', 'k']), value('B', FLOAT, ['n', 'k'])], output: [value('C', FLOAT, ['m', 'n'])] };
    case 'tile32':
      return { node: [node('Gemm', ['A', 'B'], ['C'], [int('transB', 1), float('alpha', -2)])], input: [value('A', FLOAT, ['m', 'k']), value('B', FLOAT, ['n', 'k'])], output: [value('C', FLOAT, ['m', 'n'])] };
  }
}

export function buildModel(name: GraphName): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'lite-text',
    opsetImport: [{ domain: '', version: 17 }],
    graph: { name, ...graphOf(name) },
  });
  return onnx.ModelProto.encode(model).finish();
}
