import type { Analyzer, AnalyzeContext } from '../types.js';
import { inspectArch, inspectOnnx, type CorpusUsage } from './inspect.js';
import { EncoderAnatomySchema, type EncoderAnatomy } from './schema.js';

export { type EncoderAnatomy } from './schema.js';
export { inspectArch, inspectOnnx, type CorpusUsage } from './inspect.js';
export { ARCH_NAMES } from './arch.js';
export { positionalHeatmapSvg } from './chart.js';
export { formatAnatomy } from './format.js';

/** Inputs of the anatomy: an encoder file (or a built-in architecture) and, optionally, the corpus token ids. */
export interface AnatomyInput {
  encoder?: { path: string } | undefined;
  arch?: string | undefined;
  /** Flat token ids of the corpus (start and end tokens included) and the number of prompts. */
  tokens?: { ids: ArrayLike<number>; prompts: number } | undefined;
}

export function encoderAnatomy(input: AnatomyInput): EncoderAnatomy {
  let usage: CorpusUsage | undefined;
  if (input.tokens) {
    const usedIds = new Set<number>();
    for (let i = 0; i < input.tokens.ids.length; i++) usedIds.add(input.tokens.ids[i]!);
    usage = { prompts: input.tokens.prompts, usedIds };
  }
  const section = input.encoder ? inspectOnnx(input.encoder.path, usage) : inspectArch(input.arch ?? 'sam3', usage);
  return EncoderAnatomySchema.parse(section);
}

/**
 * The `encoder-anatomy` analyzer. The runner provides `resources.encoder` (anything with the model `path`,
 * e.g. the Encoder from openEncoder) or `settings.arch` (a built-in architecture name); the corpus's token
 * ids (ctx.tokens) give the unused embedding rows.
 */
export const encoderAnatomyAnalyzer: Analyzer<EncoderAnatomy> = {
  name: 'encoder-anatomy',
  section: 'encoderAnatomy',
  description: 'parameters and bytes by component and layer, positional-embedding redundancy, embedding rows the corpus never uses',
  needs: ['encoder'],
  schema: EncoderAnatomySchema,
  run(ctx: AnalyzeContext) {
    const encoder = ctx.resources.encoder as { path: string } | undefined;
    const arch = typeof ctx.settings['arch'] === 'string' ? ctx.settings['arch'] : undefined;
    return encoderAnatomy({ encoder, arch, tokens: { ids: ctx.tokens.ids, prompts: ctx.prompts.length } });
  },
};
