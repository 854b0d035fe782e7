import onnxProto from 'onnx-proto';

/**
 * The small ONNX graphs the estimators run, built in memory (opset 17, dynamic shapes):
 *  - `gram64`: Aᵀ·A in float64 (a block's contribution to the covariance);
 *  - `dots32`: A·Bᵀ in float32 (the kNN threshold pass);
 *  - `topk32`: each row's smallest float32 keys in a diagonal kNN block (TopK);
 *  - `filter32`: the float32 keys of an off-diagonal kNN block below the rows' and the columns'
 *    current thresholds, so only those (values and int32 flat indices) leave ORT.
 */
const { onnx } = onnxProto;
const { FLOAT, DOUBLE, INT32, INT64 } = onnx.TensorProto.DataType;
export type GraphName = 'gram64' | 'dots32' | 'topk32' | 'filter32';

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
    case 'dots32':
      return { node: [node('Gemm', ['A', 'B'], ['C'], [int('transB', 1)])], input: [value('A', FLOAT, ['m', 'k']), value('B', FLOAT, ['n', 'k'])], output: [value('C', FLOAT, ['m', 'n'])] };
    case 'topk32':
      return topkGraph();
    case 'filter32':
      return filterGraph();
  }
}

/** Each A row's KR smallest keys −2·A·Bᵀ + NB over B; `sorted: 1` takes ORT's heap path, much faster for small KR. */
function topkGraph() {
  return {
    node: [
      node('Gemm', ['A', 'B'], ['D'], [int('transB', 1), float('alpha', -2)]),
      node('Add', ['D', 'NB'], ['RK']),
      node('TopK', ['RK', 'KR'], ['RV', 'RI64'], [int('axis', 1), int('largest', 0), int('sorted', 1)]),
      node('Cast', ['RI64'], ['RI'], [int('to', INT32)]),
    ],
    input: [value('A', FLOAT, ['m', 'd']), value('B', FLOAT, ['n', 'd']), value('NB', FLOAT, ['n']), value('KR', INT64, ['one'])],
    output: [value('RV', FLOAT, ['m', 'kr']), value('RI', INT32, ['m', 'kr'])],
  };
}

/**
 * Row keys −2·A·Bᵀ + NB below each row's threshold TR, and column keys −2·A·Bᵀ + NA below each
 * column's threshold TC: the keys and their flat indices into the m×n block.
 */
function filterGraph() {
  const side = (keys: string, thr: string, out: string) => [
    node('Less', [keys, thr], [`${out}M`]),
    node('Reshape', [`${out}M`, 'FLAT'], [`${out}F`]),
    node('Compress', [keys, `${out}F`], [`${out}V`]),
    // Compressing a supplied 0..m·n−1 range is several times faster than NonZero (+ Cast) in ORT.
    node('Compress', ['IOTA', `${out}F`], [`${out}I`]),
  ];
  return {
    node: [
      node('Gemm', ['A', 'B'], ['D'], [int('transB', 1), float('alpha', -2)]),
      node('Add', ['D', 'NB'], ['RK']),
      ...side('RK', 'TR', 'R'),
      node('Add', ['D', 'NA'], ['CK']),
      ...side('CK', 'TC', 'C'),
    ],
    initializer: [{ name: 'FLAT', dataType: INT64, dims: [1], int64Data: [-1] }],
    input: [
      value('A', FLOAT, ['m', 'd']),
      value('B', FLOAT, ['n', 'd']),
      value('NB', FLOAT, ['n']),
      value('NA', FLOAT, ['m', 'one']),
      value('TR', FLOAT, ['m', 'one']),
      value('TC', FLOAT, ['n']),
      value('IOTA', INT32, ['mn']),
    ],
    output: [value('RV', FLOAT, ['rc']), value('RI', INT32, ['rc']), value('CV', FLOAT, ['cc']), value('CI', INT32, ['cc'])],
  };
}

export function modelBytes(name: GraphName): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'lite-text',
    opsetImport: [{ domain: '', version: 17 }],
    graph: { name, ...graphOf(name) },
  });
  return onnx.ModelProto.encode(model).finish();
}
