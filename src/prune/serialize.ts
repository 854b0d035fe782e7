import { externalInfo, onnx, tensorBytes, type ModelProto, type TensorProto } from '../encoder/onnx/proto.js';

// As ONNX's convert_model_to_external_data: tensors of at least 1 KiB go to the data file.
const EXTERNAL_THRESHOLD = 1024;

export interface Serialized {
  model: Uint8Array;
  /** The external data file's chunks, in order (empty for an inline model). */
  data: Uint8Array[];
}

/** Reads every external tensor of a model into its raw_data (once, before the model is rewritten). */
export function inlineExternalData(model: ModelProto, modelPath: string): void {
  const initializers = model.graph?.initializer ?? [];
  initializers.forEach((t, i) => {
    if (externalInfo(t) !== undefined) initializers[i] = { ...t, rawData: tensorBytes(t, modelPath), externalData: [], dataLocation: onnx.TensorProto.DataLocation.DEFAULT };
  });
}

/**
 * Encodes an inline model (see inlineExternalData). With `location` (the data file's name beside the
 * output), raw tensors of at least 1 KiB go to that file; without it every tensor stays inline (what
 * onnxruntime loads from memory).
 */
export function serializeModel(model: ModelProto, location?: string): Serialized {
  const data: Uint8Array[] = [];
  let offset = 0;
  const initializer = (model.graph?.initializer ?? []).map((t): TensorProto => {
    const bytes = t.rawData;
    if (location === undefined || !bytes || bytes.length < EXTERNAL_THRESHOLD) return t;
    const entry: TensorProto = {
      ...t,
      rawData: new Uint8Array(0),
      dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
      externalData: [{ key: 'location', value: location }, { key: 'offset', value: String(offset) }, { key: 'length', value: String(bytes.length) }],
    };
    data.push(bytes);
    offset += bytes.length;
    return entry;
  });
  const copy: ModelProto = onnx.ModelProto.create({ ...model, graph: { ...model.graph, initializer } });
  return { model: onnx.ModelProto.encode(copy).finish(), data };
}
