import { DTYPE } from '../onnx/proto.js';
import type { GraphBuilder } from './graph.js';
import type { TinySpec, Weights } from './weights.js';

/** How initializers and nodes are named: real exports differ, and the anatomy reader must cope with each. */
export type Naming = 'open-clip' | 'torch-anonymous' | 'hf';

/**
 * How the positional embedding reaches the Add after the token-embedding Gather, as public exports lay it out:
 * slice: `pos[:seq]` kept as a Slice of the parameter (dynamic sequence axis);
 * folded / folded-3d: torch.onnx constant-folded `pos[:32]` into a new [ctx, W] / [1, ctx, W] initializer
 * (fixed sequence axis: samexporter, usls);
 * gather: Hugging Face CLIP, a Gather of the table by the `position_ids` buffer sliced to seq;
 * input: the same Gather by a `position_ids` graph input.
 */
export type PositionalStyle = 'slice' | 'folded' | 'folded-3d' | 'gather' | 'input';

export interface CoreOptions {
  /** Causal attention mask (SAM3). */
  causal: boolean;
  /** An int64 [batch, seq] attention mask (1 = valid) used as key padding mask; undefined = none. */
  mask?: string | undefined;
  naming: Naming;
  positional: PositionalStyle;
  /** Anonymous positional initializer and node names (`onnx::Add_N`), as torch.onnx names a folded constant. */
  anonymousPositional: boolean;
  /** The `position_ids` graph input (style `input`). */
  positionIds?: string | undefined;
}

export interface CoreTensors {
  tokenEmbeds: string;
  hidden: string;
  features: string;
}

const HF: Record<string, string> = {
  tok: 'text_model.embeddings.token_embedding.weight', pos: 'text_model.embeddings.position_embedding.weight',
  ln1: 'layer_norm1', ln2: 'layer_norm2', q: 'self_attn.q_proj', k: 'self_attn.k_proj', v: 'self_attn.v_proj', o: 'self_attn.out_proj',
  fc1: 'mlp.fc1', fc2: 'mlp.fc2', lnf: 'text_model.final_layer_norm', layer: 'text_model.encoder.layers.',
};
const OC: Record<string, string> = {
  tok: 'encoder.token_embedding.weight', pos: 'encoder.positional_embedding',
  ln1: 'ln_1', ln2: 'ln_2', q: 'attn.q_proj', k: 'attn.k_proj', v: 'attn.v_proj', o: 'attn.out_proj',
  fc1: 'mlp.c_fc', fc2: 'mlp.c_proj', lnf: 'encoder.ln_final', layer: 'encoder.transformer.resblocks.',
};

/** Builds token embedding -> pre-LN blocks -> final LN -> resizer over int64 ids [batch, seq]. */
export function buildCore(g: GraphBuilder, w: Weights, spec: TinySpec, ids: string, o: CoreOptions): CoreTensors {
  const names = o.naming === 'hf' ? HF : OC;
  const anonymous = o.naming === 'torch-anonymous';
  const p = (key: string) => {
    const param = w.get(key);
    if (!param) throw new Error(`missing weight ${key}`);
    return param;
  };
  const init = (key: string, name: string) => g.floatInit(name, p(key).dims, p(key).data);
  let anon = 100;
  const linear = (x: string, key: string, scope: string, name: string): string => {
    const weightName = anonymous ? `onnx::MatMul_${anon++}` : `${name}.weight`;
    const mm = g.op('MatMul', [x, init(`${key}.w`, weightName)], {}, `${scope}/MatMul`);
    return g.op('Add', [mm, init(`${key}.b`, `${name}.bias`)], {}, `${scope}/Add`);
  };
  const layerNorm = (x: string, key: string, name: string, scope: string) =>
    g.op('LayerNormalization', [x, init(`${key}.w`, `${name}.weight`), init(`${key}.b`, `${name}.bias`)], { axis: -1, epsilon: 1e-5 }, `${scope}/LayerNormalization`);

  const tokenEmbeds = g.op('Gather', [init('tok', names['tok']!), ids], { axis: 0 }, '/encoder/token_embedding/Gather');
  const seq = g.op('Gather', [g.op('Shape', [ids]), g.int64Const([1], true)], { axis: 0 });
  const seq1 = g.op('Unsqueeze', [seq, g.int64Const([0])]);
  let x = g.op('Add', [tokenEmbeds, positional(g, p('pos'), spec, seq1, o, o.anonymousPositional ? `onnx::Add_${anon++}` : names['pos']!)], {}, '/encoder/Add');

  // Additive attention bias [.., seq, seq]: -1e9 where attention is forbidden (future keys; masked keys).
  let bias: string | undefined;
  if (o.causal) {
    const r = g.op('Range', [g.int64Const([0], true), seq, g.int64Const([1], true)]);
    const future = g.op('Greater', [g.op('Unsqueeze', [r, g.int64Const([0])]), g.op('Unsqueeze', [r, g.int64Const([1])])]);
    bias = g.op('Where', [future, g.floatConst(-1e9), g.floatConst(0)]);
  }
  if (o.mask) {
    const m = g.op('Cast', [o.mask], { to: DTYPE.FLOAT });
    const keyBias = g.op('Unsqueeze', [g.op('Mul', [g.op('Sub', [m, g.floatConst(1)]), g.floatConst(1e9)]), g.int64Const([1, 2])]);
    bias = bias ? g.op('Add', [bias, keyBias]) : keyBias;
  }

  const W = spec.width;
  const hd = W / spec.heads;
  const splitHeads = g.int64Const([0, 0, spec.heads, hd]);
  const mergeHeads = g.int64Const([0, 0, W]);
  for (let i = 0; i < spec.layers; i++) {
    const base = `${names['layer']}${i}`;
    const scope = `/${base.replace(/\./g, '/').replace(/\/(\d+)$/, '.$1')}`;
    const h = layerNorm(x, `l${i}.ln1`, `${base}.${names['ln1']}`, `${scope}/${names['ln1']}`);
    const heads = (key: string, perm: number[]) =>
      g.op('Transpose', [g.op('Reshape', [linear(h, `l${i}.${key}`, `${scope}/attn/${key}`, `${base}.${names[key]}`), splitHeads])], { perm });
    const q = heads('q', [0, 2, 1, 3]);
    const k = heads('k', [0, 2, 3, 1]);
    const v = heads('v', [0, 2, 1, 3]);
    let scores = g.op('Mul', [g.op('MatMul', [q, k], {}, `${scope}/attn/MatMul`), g.floatConst(1 / Math.sqrt(hd))]);
    if (bias) scores = g.op('Add', [scores, bias]);
    const probs = g.op('Softmax', [scores], { axis: -1 });
    const ctx = g.op('Reshape', [g.op('Transpose', [g.op('MatMul', [probs, v], {}, `${scope}/attn/MatMul_1`)], { perm: [0, 2, 1, 3] }), mergeHeads]);
    x = g.op('Add', [x, linear(ctx, `l${i}.o`, `${scope}/attn/out_proj`, `${base}.${names['o']}`)]);
    const h2 = layerNorm(x, `l${i}.ln2`, `${base}.${names['ln2']}`, `${scope}/${names['ln2']}`);
    const a = linear(h2, `l${i}.fc1`, `${scope}/mlp/fc1`, `${base}.${names['fc1']}`);
    // Exact GELU: 0.5 x (1 + erf(x / sqrt 2)) (torch.nn.GELU default, as in SAM3's text encoder).
    const gelu = g.op('Mul', [g.op('Mul', [a, g.floatConst(0.5)]), g.op('Add', [g.op('Erf', [g.op('Mul', [a, g.floatConst(Math.SQRT1_2)])]), g.floatConst(1)])]);
    x = g.op('Add', [x, linear(gelu, `l${i}.fc2`, `${scope}/mlp/fc2`, `${base}.${names['fc2']}`)]);
  }
  const hidden = layerNorm(x, 'lnf', names['lnf']!, '/encoder/ln_final');
  const resizerW = anonymous ? `onnx::MatMul_${anon++}` : 'resizer.weight';
  const features = g.op('Add', [g.op('MatMul', [hidden, init('resizer.w', resizerW)], {}, '/resizer/MatMul'), init('resizer.b', 'resizer.bias')], {}, '/resizer/Add');
  return { tokenEmbeds, hidden, features };
}

/** The positional rows [seq, W] (or [1, seq, W]) to add to the token embeddings, in one of the export styles. */
function positional(g: GraphBuilder, pos: { dims: number[]; data: Float32Array }, spec: TinySpec, seq1: string, o: CoreOptions, name: string): string {
  const node = (op: string) => (o.anonymousPositional ? undefined : `/encoder/positional_embedding/${op}`);
  switch (o.positional) {
    case 'folded': return g.floatInit(name, pos.dims, pos.data);
    case 'folded-3d': return g.floatInit(name, [1, ...pos.dims], pos.data);
    case 'slice': return g.op('Slice', [g.floatInit(name, pos.dims, pos.data), g.int64Const([0]), seq1, g.int64Const([0])], {}, node('Slice'));
    case 'gather': {
      const buffer = g.int64Init('text_model.embeddings.position_ids', [1, spec.context], Array.from({ length: spec.context }, (_, i) => i));
      const positions = g.op('Slice', [buffer, g.int64Const([0]), seq1, g.int64Const([1])]);
      return g.op('Gather', [g.floatInit(name, pos.dims, pos.data), positions], { axis: 0 }, node('Gather'));
    }
    case 'input': {
      if (!o.positionIds) throw new Error('positional style "input" needs a position_ids input');
      return g.op('Gather', [g.floatInit(name, pos.dims, pos.data), o.positionIds], { axis: 0 }, node('Gather'));
    }
  }
}
