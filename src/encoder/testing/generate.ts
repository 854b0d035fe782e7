import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DTYPE, onnx, type ModelProto } from '../onnx/proto.js';
import { GraphBuilder } from './graph.js';
import { buildCore, type Naming, type PositionalStyle } from './encoder-graph.js';
import { knownCounts, tinyWeights, TINY_SPEC, type KnownCounts, type TinySpec, type Weights } from './weights.js';

/** The four public I/O conventions of SAM3 text-encoder exports, generated from one set of weights. */
export type GeneratedConvention = 'samexporter' | 'usls' | 'dynamic' | 'hf';

export interface GenerateOptions {
  convention: GeneratedConvention;
  /** Causal attention (SAM3). Default true. */
  causal?: boolean;
  /** usls / hf / dynamic: whether an attention_mask input exists ('dynamic' default: none). */
  attentionMask?: boolean;
  /** Whether the attention mask is used as a key padding mask (default true when present). */
  respectMask?: boolean;
  /** Initializer naming style; default per convention. */
  naming?: Naming;
  /** Also store SAM3's unused text projection. Default true (except hf). */
  projection?: boolean;
  /** How the positional embedding is stored and added; default per convention (the public exports' way). */
  positional?: PositionalStyle;
  /** Anonymous positional names (default: true for the folded styles, as torch.onnx names folded constants). */
  anonymousPositional?: boolean;
  /** hf / dynamic: a `position_ids` int64 [batch, seq] input feeds the positional Gather (no attention_mask unless asked). */
  positionIds?: boolean;
}

export interface GeneratedModel {
  model: ModelProto;
  counts: KnownCounts;
}

const DEFAULT_NAMING: Record<GeneratedConvention, Naming> = { samexporter: 'torch-anonymous', usls: 'open-clip', dynamic: 'open-clip', hf: 'hf' };
// The fixed-sequence exports get torch.onnx's constant-folded pos[:32]; samexporter keeps a leading batch axis.
const DEFAULT_POSITIONAL: Record<GeneratedConvention, PositionalStyle> = { samexporter: 'folded-3d', usls: 'folded', dynamic: 'slice', hf: 'gather' };

export function generateModel(weights: Weights, spec: TinySpec, options: GenerateOptions): GeneratedModel {
  const g = new GraphBuilder();
  const c = options.convention;
  const causal = options.causal ?? true;
  const hasMask = options.attentionMask ?? (c === 'usls' || (c === 'hf' && !options.positionIds));
  const seq = c === 'samexporter' || c === 'usls' ? spec.context : 'sequence';
  const batch = c === 'samexporter' ? 1 : 'batch';
  const ids = g.input(c === 'samexporter' ? 'tokens' : 'input_ids', DTYPE.INT64, [batch, seq]);
  const mask = hasMask ? g.input('attention_mask', DTYPE.INT64, [batch, seq]) : undefined;
  const positionIds = options.positionIds ? g.input('position_ids', DTYPE.INT64, [batch, seq]) : undefined;
  const style = positionIds ? 'input' : options.positional ?? DEFAULT_POSITIONAL[c];
  if (style.startsWith('folded') && typeof seq !== 'number') throw new Error(`positional style ${style} needs a fixed sequence axis (${c} has none)`);
  const core = buildCore(g, weights, spec, ids, {
    causal, mask: options.respectMask === false ? undefined : mask, naming: options.naming ?? DEFAULT_NAMING[c],
    positional: style, anonymousPositional: options.anonymousPositional ?? style.startsWith('folded'), positionIds,
  });
  const projection = (options.projection ?? c !== 'hf') && weights.has('proj.w');
  if (projection) {
    const p = weights.get('proj.w')!;
    g.floatInit(c === 'hf' ? 'text_projection.weight' : 'encoder.text_projection', p.dims, p.data);
  }
  switch (c) {
    case 'samexporter':
      // Sequence-first outputs; text_attention_mask true = padding (SAM3 pads with id 0).
      g.output('text_attention_mask', g.op('Equal', [ids, g.int64Const([0], true)]), DTYPE.BOOL, [1, spec.context]);
      g.output('text_memory', g.op('Transpose', [core.features], { perm: [1, 0, 2] }), DTYPE.FLOAT, [spec.context, 1, spec.outDim]);
      g.output('text_embeds', g.op('Transpose', [core.tokenEmbeds], { perm: [1, 0, 2] }), DTYPE.FLOAT, [spec.context, 1, spec.width]);
      break;
    case 'usls':
      g.output('text_features', core.features, DTYPE.FLOAT, [batch, seq, spec.outDim]);
      g.output('text_mask', g.op('Cast', [mask ?? ids], { to: DTYPE.BOOL }), DTYPE.BOOL, [batch, seq]);
      break;
    case 'dynamic':
      g.output('text_features', core.features, DTYPE.FLOAT, [batch, seq, spec.outDim]);
      break;
    case 'hf': {
      g.output('last_hidden_state', core.hidden, DTYPE.FLOAT, [batch, seq, spec.width]);
      // pooler_output: the row of the highest id (the end token), as HF CLIPTextTransformer does.
      const eot = g.op('Unsqueeze', [g.op('ArgMax', [ids], { axis: 1, keepdims: 1 }), g.int64Const([2])]);
      const idx = g.op('Expand', [eot, g.op('Concat', [g.op('Shape', [eot], { end: 2 }), g.int64Const([spec.width])], { axis: 0 })]);
      g.output('pooler_output', g.op('Squeeze', [g.op('GatherElements', [core.hidden, idx], { axis: 1 }), g.int64Const([1])]), DTYPE.FLOAT, [batch, spec.width]);
      break;
    }
  }
  // The hf export ends at the final LayerNorm: no resizer in the file (the initializer is dropped below).
  const model = g.model(`tiny-${c}`);
  if (c === 'hf') pruneUnused(model);
  return { model, counts: knownCounts(spec, { resizer: c !== 'hf', projection }) };
}

/** Removes initializers and nodes no graph output depends on (the hf graph never reads the resizer). */
function pruneUnused(model: ModelProto): void {
  const graph = model.graph!;
  const needed = new Set((graph.output ?? []).map((o) => o.name ?? ''));
  const kept = [];
  for (const node of [...(graph.node ?? [])].reverse()) {
    if ((node.output ?? []).some((o) => needed.has(o))) {
      kept.push(node);
      for (const i of node.input ?? []) needed.add(i);
    }
  }
  graph.node = kept.reverse();
  graph.initializer = (graph.initializer ?? []).filter((t) => needed.has(t.name ?? '') || t.name === 'text_projection.weight');
}

/** Serializes a model; with `external`, initializers of >= 1 KiB go to `<file>.data` beside it (ONNX external data). */
export function writeModel(model: ModelProto, path: string, external = false): void {
  mkdirSync(dirname(path), { recursive: true });
  if (!external) {
    writeFileSync(path, onnx.ModelProto.encode(model).finish());
    return;
  }
  const location = `${basename(path)}.data`;
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const t of model.graph?.initializer ?? []) {
    const raw = t.rawData;
    if (!raw || raw.length < 1024) continue;
    t.externalData = [{ key: 'location', value: location }, { key: 'offset', value: String(offset) }, { key: 'length', value: String(raw.length) }];
    t.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
    t.rawData = new Uint8Array(0);
    chunks.push(raw);
    offset += raw.length;
  }
  writeFileSync(join(dirname(path), location), Buffer.concat(chunks));
  writeFileSync(path, onnx.ModelProto.encode(model).finish());
}

/** Writes one generated encoder under `dir` (hf: `dir/onnx/text_model.onnx`, as transformers.js lays it out); returns its path. */
export function writeTinyEncoder(dir: string, options: GenerateOptions & { external?: boolean; file?: string }, spec: TinySpec = TINY_SPEC, weights: Weights = tinyWeights(spec)): { path: string; counts: KnownCounts } {
  const { model, counts } = generateModel(weights, spec, options);
  const file = options.file ?? (options.convention === 'hf' ? join('onnx', 'text_model.onnx') : options.external ? 'model.onnx' : `${options.convention}.onnx`);
  const path = join(dir, file);
  writeModel(model, path, options.external ?? false);
  return { path, counts };
}
