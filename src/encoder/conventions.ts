import { LiteTextError } from '../errors.js';
import { planFeeds, type Feed } from './feeds.js';
import { assertOutputAxes } from './output-axes.js';
import { find, formatSignature, formatTensor, isDynamic, type Signature, type TensorInfo } from './signature.js';

/**
 * How to feed a model and read its per-token features. Built by a convention from a model's signature.
 * `layout`: where the batch and sequence axes of the output are (samexporter is sequence-first).
 */
export interface IoPlan {
  convention: string;
  idsInput: string;
  /** Every input the model declares, with what is fed to it. */
  feeds: Feed[];
  output: string;
  layout: 'batch-first' | 'sequence-first';
  /** true when the output has no sequence axis (e.g. HF pooler_output): one row per prompt. */
  pooled: boolean;
  /** Fixed batch size (samexporter: 1) or undefined when the batch axis is dynamic. */
  fixedBatch: number | undefined;
  /** Fixed sequence length, or undefined when the sequence axis is dynamic. */
  fixedSeq: number | undefined;
  width: number | undefined;
}

/** A registered I/O convention: a signature test, and how to plan feeds and outputs (STYLE.md: registry, not switch). */
export interface Convention {
  name: string;
  summary: string;
  /** The token-id input's name. */
  idsInput: string;
  defaultOutput: string;
  layout: IoPlan['layout'];
  matches(s: Signature): boolean;
}

const int64 = (t: TensorInfo | undefined) => t !== undefined && t.type === 'int64';

export const CONVENTIONS: readonly Convention[] = [
  {
    name: 'samexporter',
    idsInput: 'tokens',
    summary: 'samexporter: tokens int64 [1,32] -> text_memory float32 [32,1,256] (+ text_attention_mask, text_embeds)',
    defaultOutput: 'text_memory',
    layout: 'sequence-first',
    matches: (s) => int64(find(s.inputs, 'tokens')) && find(s.outputs, 'text_memory') !== undefined,
  },
  {
    name: 'usls',
    idsInput: 'input_ids',
    summary: 'usls / SAM3-LiteText: input_ids + attention_mask int64 [batch,32] -> text_features float32 [batch,32,256] + text_mask bool',
    defaultOutput: 'text_features',
    layout: 'batch-first',
    matches: (s) => int64(find(s.inputs, 'input_ids')) && int64(find(s.inputs, 'attention_mask')) && find(s.outputs, 'text_features') !== undefined && find(s.outputs, 'text_mask') !== undefined,
  },
  {
    name: 'dynamic',
    idsInput: 'input_ids',
    summary: 'dynamic: input_ids int64 [batch,seq] (+ attention_mask, position_ids) -> text_features float32 [batch,seq,256]',
    defaultOutput: 'text_features',
    layout: 'batch-first',
    matches: (s) => int64(find(s.inputs, 'input_ids')) && find(s.outputs, 'text_features') !== undefined,
  },
  {
    name: 'hf',
    idsInput: 'input_ids',
    summary: 'hf (CLIPTextModel, onnx/text_model.onnx): input_ids (+ attention_mask, position_ids) -> last_hidden_state float32 [batch,seq,H] (+ pooler_output)',
    defaultOutput: 'last_hidden_state',
    layout: 'batch-first',
    matches: (s) => int64(find(s.inputs, 'input_ids')) && find(s.outputs, 'last_hidden_state') !== undefined,
  },
];

export const CONVENTION_NAMES = CONVENTIONS.map((c) => c.name);

function supported(): string {
  return CONVENTIONS.map((c) => c.summary).join('; ');
}

/** Picks the convention (detected, or forced with --encoder-io), its feeds and the output tensor (default, or --output), checked against the signature. */
export function planIo(file: string, s: Signature, forced?: string, outputName?: string): IoPlan {
  let convention: Convention | undefined;
  if (forced !== undefined) {
    convention = CONVENTIONS.find((c) => c.name === forced);
    if (!convention) throw new LiteTextError('E_USAGE', `--encoder-io ${forced}: unknown I/O convention`, `use one of ${CONVENTION_NAMES.join(', ')}`);
  } else {
    convention = CONVENTIONS.find((c) => c.matches(s));
    if (!convention) {
      throw new LiteTextError('E_ENCODER_IO', `${file}: inputs/outputs match no supported text-encoder I/O convention (${formatSignature(s)}); supported: ${supported()}`,
        'force a convention with --encoder-io NAME and pick the tensor with --output NAME');
    }
  }
  const feeds = planFeeds(file, s, convention.idsInput, forced !== undefined, convention.name);
  const ids = find(s.inputs, feeds.find((f) => f.role === 'ids')!.name)!;
  const name = outputName ?? convention.defaultOutput;
  const out = find(s.outputs, name) ?? (outputName === undefined && forced !== undefined ? s.outputs.find((t) => t.type === 'float32') : undefined);
  if (!out) {
    throw new LiteTextError('E_ENCODER_IO', `${file}: no output tensor named ${JSON.stringify(name)} (${formatSignature(s)})`, `pick one with --output NAME: ${s.outputs.map((t) => t.name).join(', ')}`);
  }
  if (out.type !== 'float32' || (out.shape.length !== 3 && out.shape.length !== 2)) {
    throw new LiteTextError('E_ENCODER_IO', `${file}: output ${formatTensor(out)} is not a float32 [batch, seq, d] or [batch, d] tensor`, `pick a float32 feature tensor with --output NAME: ${s.outputs.filter((t) => t.type === 'float32').map((t) => t.name).join(', ') || 'none found'}`);
  }
  const layout = convention.layout === 'sequence-first' && out.shape.length === 3 ? 'sequence-first' : 'batch-first';
  assertOutputAxes(file, out, ids, layout, convention.name);
  const [batchDim, seqDim] = ids.shape;
  return {
    convention: convention.name,
    idsInput: ids.name,
    feeds,
    output: out.name,
    layout,
    pooled: out.shape.length === 2,
    fixedBatch: isDynamic(batchDim) ? undefined : (batchDim as number),
    fixedSeq: isDynamic(seqDim) ? undefined : (seqDim as number),
    width: isDynamic(out.shape[out.shape.length - 1]) ? undefined : (out.shape[out.shape.length - 1] as number),
  };
}

/** What is read and how the model is fed (a cache key's and a shard's part): another convention gives other numbers. */
export function readingOf(plan: IoPlan): string {
  return `${plan.output} ${plan.layout} ${plan.feeds.map((f) => `${f.name}=${f.role}`).join(',')}`;
}
