import { Option, type Command } from 'commander';
import { CONVENTION_NAMES, DEFAULT_CACHE_DIR, DEVICES, EmbeddingCache, type EncoderOptions } from '../encoder/index.js';
import type { Logger } from '../logger.js';
import { positiveInt } from './parse.js';

/** The encoder flags (shared by `embed` and `analyze --encoder`). */
export function addEncoderFlags(cmd: Command): Command {
  return cmd
    .option('--encoder-io <name>', `force an I/O convention instead of detecting it (${CONVENTION_NAMES.join(', ')})`)
    .option('--output <name>', 'the output tensor to read (default: the convention\'s 256-d per-token features)')
    .option('--threads <n>', 'onnxruntime intra-op threads (default: onnxruntime\'s choice)', positiveInt)
    .option('--batch-size <n>', 'prompts per onnxruntime run where the batch axis is dynamic', positiveInt, 64)
    .addOption(new Option('--device <device>', 'execution provider').choices([...DEVICES]).default('cpu'))
    .option('--cache <dir>', 'embedding cache folder', DEFAULT_CACHE_DIR)
    .option('--no-cache', 'do not read or write the embedding cache');
}

export interface EncoderFlags {
  encoderIo?: string;
  output?: string;
  threads?: number;
  batchSize: number;
  device: 'cpu' | 'cuda';
  cache: string | false;
}

export function encoderOptionsFromFlags(flags: EncoderFlags, logger: Logger, contextLength?: number): EncoderOptions {
  return { convention: flags.encoderIo, output: flags.output, threads: flags.threads, device: flags.device, logger, contextLength, memoDir: flags.cache === false ? undefined : flags.cache };
}

export function cacheFromFlags(flags: EncoderFlags, logger: Logger): EmbeddingCache | undefined {
  return flags.cache === false ? undefined : new EmbeddingCache(flags.cache, logger);
}

