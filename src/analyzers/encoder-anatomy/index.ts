import type { Logger } from '../../logger.js';
import { inspectArch, inspectOnnx, type CorpusUsage } from './inspect.js';
import { EncoderAnatomySchema, type EncoderAnatomy } from './schema.js';

export { EncoderAnatomySchema, type EncoderAnatomy } from './schema.js';
export { inspectArch, inspectOnnx, type CorpusUsage } from './inspect.js';
export { ARCHITECTURES, ARCH_NAMES } from './arch.js';
export { positionalHeatmapSpec, positionalHeatmapSvg } from './chart.js';
export { formatAnatomy } from './format.js';

/** What the analyze runner gives this analyzer: the encoder path (or a built-in arch) and the corpus token ids. */
export interface EncoderAnatomyContext {
  encoder?: { path: string } | undefined;
  arch?: string | undefined;
  /** Token ids of each analyzed prompt ([start, ...content, end]); used ids -> unused embedding rows. */
  tokens?: readonly (readonly number[])[] | undefined;
  logger?: Logger | undefined;
}

function usageOf(tokens: EncoderAnatomyContext['tokens']): CorpusUsage | undefined {
  if (!tokens) return undefined;
  const usedIds = new Set<number>();
  for (const ids of tokens) for (const id of ids) usedIds.add(id);
  return { prompts: tokens.length, usedIds };
}

/** The `encoder-anatomy` analyzer: a plain registered object (STYLE.md), output validated by its schema. */
export const encoderAnatomyAnalyzer = {
  name: 'encoder-anatomy',
  needs: ['encoder'] as const,
  schema: EncoderAnatomySchema,
  run(ctx: EncoderAnatomyContext): EncoderAnatomy {
    const usage = usageOf(ctx.tokens);
    const section = ctx.encoder ? inspectOnnx(ctx.encoder.path, usage) : inspectArch(ctx.arch ?? 'sam3', usage);
    return EncoderAnatomySchema.parse(section);
  },
};
