import type { Piece } from './breakdown.js';

/** A transformer text encoder described by its config (no weights): the breakdown of `--arch`. */
export interface ArchDescription {
  name: string;
  /** Where the figures come from. */
  source: string;
  vocabSize: number;
  contextLength: number;
  width: number;
  /** Pre-LN transformer blocks: MHA with biases (4W^2 + 4W), MLP W -> mlp -> W with biases, two LayerNorms. */
  transformerLayers: number;
  mlpDim: number;
  /** MobileCLIP "mct": reparameterized RepMixer blocks before and after the transformer blocks. */
  repMixerBlocks: { before: number; after: number; kernel: number; mlpRatio: number } | undefined;
  /** Unused text projection W x projectionDim (no bias); 0 = none. */
  projectionDim: number;
  /** SAM3's resizer Linear(W, resizerDim) with bias. */
  resizerDim: number;
}

/**
 * Built-in descriptions.
 * - sam3: facebookresearch/sam3 VETextEncoder (width 1024, 24 blocks of 16 heads, MLP 4096, context 32, resizer
 *   1024 -> 256, plus the unused 1024 x 512 text projection) = 353,724,672 parameters.
 * - litetext-s0 / -s1: SAM3-LiteText students on MobileCLIP text encoders, apple/ml-mobileclip
 *   mobileclip/configs/mobileclip_s0.json ("mct": dim 512, 4 transformer layers, 8 heads, ffn x4, plus one
 *   RepMixerBlock (kernel 11, mlp_ratio 4, mobileclip/modules/text/repmixer.py) before and after) and
 *   mobileclip_s1.json ("base": dim 512, 12 layers); text_encoder.py: projection_layer dim x 512, final LN.
 * - litetext-l: MobileCLIP-L/14's text tower, open_clip ViT-L-14 text_cfg (width 768, heads 12, layers 12, MLP 3072),
 *   projection 768 x 768.
 * The students keep a 16-token context and a resizer to 256: S0 42,535,168 (42.54M), S1 63,528,192 (63.53M),
 * L 123,800,320 (123.80M): all three match the paper's figures to the printed precision.
 */
export const ARCHITECTURES: Record<string, ArchDescription> = {
  sam3: {
    name: 'sam3', source: 'facebookresearch/sam3 VETextEncoder', vocabSize: 49408, contextLength: 32, width: 1024,
    transformerLayers: 24, mlpDim: 4096, repMixerBlocks: undefined, projectionDim: 512, resizerDim: 256,
  },
  'litetext-s0': {
    name: 'litetext-s0', source: 'apple/ml-mobileclip mobileclip_s0.json (mct), context 16, resizer 512->256', vocabSize: 49408, contextLength: 16, width: 512,
    transformerLayers: 4, mlpDim: 2048, repMixerBlocks: { before: 1, after: 1, kernel: 11, mlpRatio: 4 }, projectionDim: 512, resizerDim: 256,
  },
  'litetext-s1': {
    name: 'litetext-s1', source: 'apple/ml-mobileclip mobileclip_s1.json (base), context 16, resizer 512->256', vocabSize: 49408, contextLength: 16, width: 512,
    transformerLayers: 12, mlpDim: 2048, repMixerBlocks: undefined, projectionDim: 512, resizerDim: 256,
  },
  'litetext-l': {
    name: 'litetext-l', source: 'open_clip ViT-L-14 text tower (MobileCLIP-L/14), context 16, resizer 768->256', vocabSize: 49408, contextLength: 16, width: 768,
    transformerLayers: 12, mlpDim: 3072, repMixerBlocks: undefined, projectionDim: 768, resizerDim: 256,
  },
};

export const ARCH_NAMES = Object.keys(ARCHITECTURES);

/** The parameter pieces of an architecture, at fp32 (4 bytes each). */
export function archPieces(a: ArchDescription): Piece[] {
  const W = a.width;
  const pieces: Piece[] = [];
  const add = (component: Piece['component'], parameters: number, layer?: number) => pieces.push({ component, layer, parameters, storedBytes: 4 * parameters });
  add('tokenEmbedding', a.vocabSize * W);
  add('positionalEmbedding', a.contextLength * W);
  let layer = 0;
  const repMixer = () => {
    const r = a.repMixerBlocks!;
    const hidden = W * r.mlpRatio;
    // Reparameterized RepMixer: depthwise (1 x k) conv with bias.
    add('tokenMixer', W * r.kernel + W, layer);
    // ConvFFN: depthwise (1 x k) conv without bias + BatchNorm (weight, bias) + 1x1 convs W->hidden->W with biases; block layer_scale.
    add('mlp', W * r.kernel + 2 * W + (W * hidden + hidden) + (hidden * W + W) + W, layer);
    layer++;
  };
  for (let i = 0; i < (a.repMixerBlocks?.before ?? 0); i++) repMixer();
  for (let i = 0; i < a.transformerLayers; i++) {
    add('attention', 4 * W * W + 4 * W, layer);
    add('mlp', W * a.mlpDim + a.mlpDim + a.mlpDim * W + W, layer);
    add('norms', 4 * W, layer);
    layer++;
  }
  for (let i = 0; i < (a.repMixerBlocks?.after ?? 0); i++) repMixer();
  add('finalNorm', 2 * W);
  if (a.projectionDim > 0) add('projection', W * a.projectionDim);
  add('resizer', W * a.resizerDim + a.resizerDim);
  return pieces;
}
