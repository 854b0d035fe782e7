import type { ModelProto, TensorProto } from '../../encoder/onnx/proto.js';
import { DTYPE, elementBytes, tensorDims, tensorSize } from '../../encoder/onnx/proto.js';
import type { Piece } from './breakdown.js';
import { embeddingRoles } from './embedding-graph.js';
import type { Component, LayerPart } from './schema.js';

/**
 * Name rules, first match wins, tried on the initializer's name and then on the names of the nodes that
 * consume it (torch.onnx names transposed MatMul weights `onnx::MatMul_123` but keeps the module path
 * in node names, e.g. `/transformer/resblocks.0/attn/MatMul`). Names follow open_clip / SAM3
 * (`resblocks.N`, `ln_final`), Hugging Face CLIP (`encoder.layers.N`, `final_layer_norm`) and
 * MobileCLIP (`transformer.N`, `pre_norm_mha`, `token_mixer`, `convffn`).
 */
const GLOBAL_RULES: Array<[Component, RegExp]> = [
  ['tokenEmbedding', /token_embedding|embed_tokens|embedding_layer|word_embeddings|\bwte\b/i],
  ['positionalEmbedding', /positional_embedding|position_embedding|pos_embed|\bwpe\b/i],
  ['resizer', /resizer/i],
  ['projection', /text_projection|projection_layer|text_proj/i],
  ['finalNorm', /ln_final|final_layer_norm|final_norm|norm_final|\bln_f\b/i],
];
const LAYER = /(?:resblocks|layers|layer|blocks|transformer|\bh)[./_](\d+)(?:[./_]|$)/i;
const LAYER_RULES: Array<[LayerPart, RegExp]> = [
  ['norms', /pre_norm_(?:mha|ffn)[./_]0[./_]/i],
  ['tokenMixer', /token_mixer|repmixer|reparam_conv/i],
  ['attention', /attn|attention|q_proj|k_proj|v_proj|out_proj|in_proj|qkv|\bmha\b|pre_norm_mha/i],
  ['mlp', /mlp|ffn|fc1|fc2|c_fc|c_proj|intermediate|convffn|layer_scale/i],
  ['norms', /ln_\d|ln\d|layer_?norm|norm/i],
];

const FLOAT_TYPES: number[] = [DTYPE.FLOAT, DTYPE.FLOAT16, DTYPE.BFLOAT16, DTYPE.DOUBLE];
const QUANT_TYPES: number[] = [DTYPE.INT8, DTYPE.UINT8];
// Ops that only pass a weight on: look through them to the node that uses it.
const PASS_THROUGH = new Set(['Cast', 'DequantizeLinear', 'Transpose', 'Identity', 'Reshape']);

export function classify(names: string[]): { component: Component; layer?: number } | undefined {
  for (const name of names) {
    for (const [component, re] of GLOBAL_RULES) if (re.test(name)) return { component };
    const layer = LAYER.exec(name);
    if (layer) {
      for (const [part, re] of LAYER_RULES) if (re.test(name)) return { component: part, layer: Number(layer[1]) };
    }
  }
  return undefined;
}

/** A tensor is a parameter when it is a float (or int8 quantized) tensor of more than one element. */
export function isParameter(t: TensorProto): boolean {
  const type = t.dataType ?? 0;
  return tensorSize(t) > 1 && (FLOAT_TYPES.includes(type) || QUANT_TYPES.includes(type));
}

export interface Attribution {
  pieces: Piece[];
  unattributed: Array<{ name: string; shape: number[]; parameters: number }>;
  constants: { tensors: number; elements: number };
  byName: Map<string, TensorProto>;
  componentOf: Map<string, Component>;
}

export function attribute(model: ModelProto): Attribution {
  const graph = model.graph ?? {};
  const consumers = new Map<string, Array<{ name: string; op: string; outputs: string[] }>>();
  for (const node of graph.node ?? []) {
    for (const input of node.input ?? []) {
      const list = consumers.get(input) ?? [];
      list.push({ name: node.name ?? '', op: node.opType ?? '', outputs: node.output ?? [] });
      consumers.set(input, list);
    }
  }
  const contextNames = (tensor: string, depth = 0): string[] => {
    const out: string[] = [];
    for (const c of consumers.get(tensor) ?? []) {
      out.push(c.name);
      if (depth < 2 && PASS_THROUGH.has(c.op)) for (const o of c.outputs) out.push(...contextNames(o, depth + 1));
    }
    return out;
  };
  // The graph names the embeddings whatever their initializers are called (folded constants are anonymous).
  const roles = embeddingRoles(model);
  const result: Attribution = { pieces: [], unattributed: [], constants: { tensors: 0, elements: 0 }, byName: new Map(), componentOf: new Map() };
  for (const t of graph.initializer ?? []) {
    const name = t.name ?? '';
    result.byName.set(name, t);
    const parameters = tensorSize(t);
    if (!isParameter(t)) {
      result.constants.tensors++;
      result.constants.elements += parameters;
      continue;
    }
    const storedBytes = parameters * elementBytes(t.dataType ?? DTYPE.FLOAT);
    const role = roles.get(name);
    const hit = role ? { component: role, layer: undefined } : classify([name, ...contextNames(name)]);
    if (!hit) result.unattributed.push({ name, shape: tensorDims(t), parameters });
    const component = hit?.component ?? 'unattributed';
    result.componentOf.set(name, component);
    result.pieces.push({ component, layer: hit?.layer, parameters, storedBytes });
  }
  return result;
}
