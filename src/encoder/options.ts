import * as z from 'zod';
import type { Logger } from '../logger.js';
import { THREADS_FLAGS, ThreadsOptionSchema, type FlagsOf } from '../options.js';
import { DEFAULT_CACHE_DIR, EmbeddingCache } from './cache.js';
import { CONVENTION_NAMES } from './conventions.js';
import { DEVICES, type EncoderOptions } from './session-options.js';


/** How to run an encoder (`embed`, `analyze --encoder`): the one shape of these options, flags and defaults included. */
export const EncoderRunOptionsSchema = z.object({
  encoderIo: z.string().optional(),
  output: z.string().optional(),
  ...ThreadsOptionSchema.shape,
  batchSize: z.number().int().positive().default(64),
  device: z.enum(DEVICES).default('cpu'),
  /** Embedding cache folder, or false for none. */
  cache: z.union([z.string(), z.literal(false)]).default(DEFAULT_CACHE_DIR),
});
export type EncoderRunOptions = z.output<typeof EncoderRunOptionsSchema>;

export const ENCODER_RUN_FLAGS: FlagsOf<typeof EncoderRunOptionsSchema> = {
  encoderIo: { arg: 'name', description: `force an I/O convention instead of detecting it (${CONVENTION_NAMES.join(', ')})` },
  output: { arg: 'name', description: 'the output tensor to read (default: the convention\'s 256-d per-token features)' },
  ...THREADS_FLAGS,
  batchSize: { arg: 'n', description: 'prompts per onnxruntime run where the batch axis is dynamic' },
  device: { arg: 'device', description: 'execution provider' },
  cache: { arg: 'dir', description: 'embedding cache folder', negate: 'do not read or write the embedding cache' },
};

/** The session options openEncoder takes, from the run options and what the caller knows (tokenizer, logger). */
export function sessionOptions(o: EncoderRunOptions, extra: { logger: Logger; contextLength?: number | undefined; padId?: number | undefined }): EncoderOptions {
  return {
    convention: o.encoderIo,
    output: o.output,
    threads: o.threads,
    device: o.device,
    logger: extra.logger,
    contextLength: extra.contextLength,
    ...(extra.padId === undefined ? {} : { padId: extra.padId }),
    memoDir: o.cache === false ? undefined : o.cache,
  };
}

export function embeddingCache(o: EncoderRunOptions, logger: Logger): EmbeddingCache | undefined {
  return o.cache === false ? undefined : new EmbeddingCache(o.cache, logger);
}
