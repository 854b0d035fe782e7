import type { Command } from 'commander';
import { coreFlags, CoreOptionsSchema, type AnalyzeOptions } from '../analyze-options.js';
import { analyzers, type Registry } from '../analyzers/index.js';
import { ENCODER_RUN_FLAGS, EncoderRunOptionsSchema } from '../encoder/options.js';
import { addIngestFlags, ingestOptionsFromFlags } from './ingest-flags.js';
import { addOptionFlags, optionsFromFlags } from './option-flags.js';

/** analyze's flags, all built from option schemas: the runner's (tokenizer included), each analyzer's, encoder, ingest. */
export function addAnalyzeFlags(cmd: Command, registry: Registry = analyzers): Command {
  addOptionFlags(cmd, CoreOptionsSchema, coreFlags(registry));
  for (const a of registry) addOptionFlags(cmd, a.options, a.flags);
  addOptionFlags(cmd, EncoderRunOptionsSchema, ENCODER_RUN_FLAGS);
  return addIngestFlags(cmd);
}

/** Commander's parsed flags → analyze() options; what no option set claims is an ingest (adapter) option. */
export function analyzeOptionsFromFlags(inputs: string[], flags: Record<string, unknown>, registry: Registry = analyzers): AnalyzeOptions {
  const claimed = new Set(['out', 'format', 'json', ...Object.keys(CoreOptionsSchema.shape), ...Object.keys(EncoderRunOptionsSchema.shape), ...registry.flatMap((a) => Object.keys(a.options.shape))]);
  const ingest = Object.fromEntries(Object.entries(flags).filter(([key]) => !claimed.has(key)));
  return {
    inputs,
    ingest: ingestOptionsFromFlags(ingest),
    ...optionsFromFlags(coreFlags(registry), flags),
    ...Object.assign({}, ...registry.map((a) => optionsFromFlags(a.flags, flags))),
    encoderOptions: optionsFromFlags(ENCODER_RUN_FLAGS, flags),
  };
}
