import * as z from 'zod';
import { encoderAnatomyDefinitions } from './definitions.js';
import { defineAnalyzer } from '../types.js';
import { ARCH_NAMES } from './arch.js';
import { positionalHeatmapSpec } from './chart.js';
import { encoderAnatomyDiff } from './diff.js';
import { inspectArch, type CorpusUsage } from './inspect-arch.js';
import { encoderMarkdown } from './markdown.js';
import { EncoderAnatomySchema, type EncoderAnatomy } from './schema.js';

export * from './schema.js';
export { inspectArch, type CorpusUsage } from './inspect-arch.js';
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

/** The anatomy section; an ONNX file's reader (onnx-proto) loads only here, when an encoder is given. */
export async function encoderAnatomy(input: AnatomyInput): Promise<EncoderAnatomy> {
  let usage: CorpusUsage | undefined;
  if (input.tokens) {
    const usedIds = new Set<number>();
    for (let i = 0; i < input.tokens.ids.length; i++) usedIds.add(input.tokens.ids[i]!);
    usage = { prompts: input.tokens.prompts, usedIds };
  }
  const section = input.encoder ? (await import('./inspect.js')).inspectOnnx(input.encoder.path, usage) : inspectArch(input.arch ?? 'sam3', usage);
  return EncoderAnatomySchema.parse(section);
}

export const EncoderAnatomyOptionsSchema = z.object({
  /** A built-in architecture (sam3, litetext-s0, -s1, -l) for the anatomy without weights. */
  arch: z.string().optional(),
});

/**
 * The `encoder-anatomy` analyzer. The runner provides `resources.encoder` (anything with the model `path`,
 * e.g. the Encoder from openEncoder) or `settings.arch` (a built-in architecture name); the corpus's token
 * ids (ctx.tokens) give the unused embedding rows.
 */
export const encoderAnatomyAnalyzer = defineAnalyzer({
  name: 'encoder-anatomy',
  section: 'encoderAnatomy',
  description: 'parameters and bytes by component and layer, positional-embedding redundancy, embedding rows the corpus never uses',
  needs: (settings) => (settings.arch === undefined ? ['encoder'] : ['tokens']),
  options: EncoderAnatomyOptionsSchema,
  flags: { arch: { arg: 'name', description: 'a built-in architecture for encoder-anatomy without weights', choices: ARCH_NAMES } },
  result: EncoderAnatomySchema,
  run(ctx) {
    return encoderAnatomy({ encoder: ctx.resources.encoder, arch: ctx.settings.arch, tokens: { ids: ctx.tokens.ids, prompts: ctx.prompts.length } });
  },
  markdown: encoderMarkdown,
  charts: (result) => (result.positional ? [{ file: 'positional-similarity.svg', title: 'Positional-embedding cosine similarity', spec: positionalHeatmapSpec(result.positional) }] : []),
  definitions: encoderAnatomyDefinitions,
  diff: encoderAnatomyDiff,
  summary: (s) => [
    `encoder: ${s.source.name}, ${s.parameters.total.toLocaleString('en-US')} parameters (${(s.bytes.total.stored / 2 ** 20).toFixed(1)} MiB as stored)${s.corpus ? `; the corpus uses ${s.corpus.usedRows.toLocaleString('en-US')} embedding rows, ${s.corpus.unusedRows.toLocaleString('en-US')} unused (${s.corpus.unusedMiB.fp32.toFixed(1)} MiB at fp32)` : ''}`,
  ],
});
