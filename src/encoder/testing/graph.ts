import { onnx, DTYPE, type TensorProto, type NodeProto, type ValueInfoProto, type AttributeProto, type ModelProto } from '../onnx/proto.js';

type Attr = number | number[] | string;
export type Dim = number | string;

/** A small builder for ONNX graphs from standard ops (opset 17), used by the test-encoder generator. */
export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  readonly inputs: ValueInfoProto[] = [];
  readonly outputs: ValueInfoProto[] = [];
  private counter = 0;

  fresh(hint: string): string {
    return `${hint}_${this.counter++}`;
  }

  floatInit(name: string, dims: number[], data: Float32Array): string {
    this.initializers.push({ name, dims, dataType: DTYPE.FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    return name;
  }

  int64Const(values: number[], scalar = false): string {
    const name = this.fresh('const_i64');
    const data = new BigInt64Array(values.map((v) => BigInt(v)));
    this.initializers.push({ name, dims: scalar ? [] : [values.length], dataType: DTYPE.INT64, rawData: new Uint8Array(data.buffer) });
    return name;
  }

  int64Init(name: string, dims: number[], values: number[]): string {
    const data = new BigInt64Array(values.map((v) => BigInt(v)));
    this.initializers.push({ name, dims, dataType: DTYPE.INT64, rawData: new Uint8Array(data.buffer) });
    return name;
  }

  floatConst(value: number): string {
    const name = this.fresh('const_f32');
    this.initializers.push({ name, dims: [], dataType: DTYPE.FLOAT, rawData: new Uint8Array(new Float32Array([value]).buffer) });
    return name;
  }

  /** Adds a node; returns its (first) output name. `name` is the node name (torch-exporter style scopes). */
  op(opType: string, inputs: string[], attrs: Record<string, Attr> = {}, name?: string): string {
    const output = this.fresh(opType.toLowerCase());
    this.nodes.push({
      opType,
      input: inputs,
      output: [output],
      name: name ?? this.fresh(`/${opType}`),
      attribute: Object.entries(attrs).map(([key, v]) => attribute(key, v)),
    });
    return output;
  }

  /** Renames a node output to a graph output name (via Identity). */
  output(name: string, from: string, elemType: number, shape: Dim[]): void {
    this.nodes.push({ opType: 'Identity', input: [from], output: [name], name: `/${name}/Identity` });
    this.outputs.push(valueInfo(name, elemType, shape));
  }

  input(name: string, elemType: number, shape: Dim[]): string {
    this.inputs.push(valueInfo(name, elemType, shape));
    return name;
  }

  model(graphName: string): ModelProto {
    return onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'lite-text test-encoder generator',
      opsetImport: [{ domain: '', version: 17 }],
      graph: { name: graphName, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    });
  }
}

function attribute(name: string, v: Attr): AttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof v === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: T.INTS, ints: v };
  if (Number.isInteger(v) && name !== 'epsilon' && name !== 'alpha') return { name, type: T.INT, i: v };
  return { name, type: T.FLOAT, f: v };
}

export function valueInfo(name: string, elemType: number, shape: Dim[]): ValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType, shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  };
}
