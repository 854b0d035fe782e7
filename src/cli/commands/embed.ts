import { Command, Option } from 'commander';
import { loadCorpus } from '../../corpus/ingest.js';
import { CONVENTION_NAMES, DEFAULT_CACHE_DIR, DEVICES, embed, EmbeddingCache, openEncoder, POOLINGS, writeEmbeddings, type EncoderOptions, type Pooling } from '../../encoder/index.js';
import { LiteTextError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { loadTokenizer } from '../../tokenizer/index.js';
import { addIngestFlags, ingestOptionsFromFlags } from '../ingest-flags.js';
import { positiveInt } from '../parse.js';
import type { CliCommand } from './index.js';

/** The encoder flags (embed; reusable by `analyze --encoder`). */
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

interface EmbedFlags extends EncoderFlags {
  encoder: string;
  pooling: Pooling;
  out: string;
  tokenizer?: string;
  contextLength?: number;
  [ingest: string]: unknown;
}

export const embedCommand: CliCommand = {
  name: 'embed',
  register(program, io) {
    const cmd = new Command('embed')
      .description('run the SAM3 text encoder (or a LiteText student) over a corpus: float32 .npy embeddings + .index.jsonl (+ .offsets.npy)')
      .argument('<inputs...>', 'files, folders, globs or a corpus .jsonl written by `ingest`')
      .requiredOption('--encoder <model>', 'the ONNX text encoder (.onnx, with its .onnx.data beside it; or a transformers.js folder)')
      .requiredOption('--out <file.npy>', 'output .npy; FILE.index.jsonl (and FILE.offsets.npy for --pooling tokens) beside it')
      .addOption(new Option('--pooling <mode>', 'tokens: every valid token row; mean: their mean; eot: the end-of-text row').choices([...POOLINGS]).default('mean'))
      .option('--tokenizer <spec>', 'sam3 (default), a bpe_simple_vocab_16e6.txt[.gz] merges file, or a tokenizer.json')
      .option('--context-length <n>', 'context the prompts are cut to when the encoder\'s sequence axis is dynamic (SAM3: 32)', positiveInt);
    addEncoderFlags(cmd);
    addIngestFlags(cmd);
    cmd.action(async (inputs: string[], flags: EmbedFlags) => {
      const { encoder: model, pooling, out, tokenizer: spec, contextLength, encoderIo, output, threads, batchSize, device, cache, ...ingest } = flags;
      if (!out.endsWith('.npy')) throw new LiteTextError('E_USAGE', `--out ${out}: expected a .npy file name`, 'e.g. --out embeddings.npy');
      const encoderFlags: EncoderFlags = { encoderIo, output, threads, batchSize, device, cache } as EncoderFlags;
      const tokenizer = await loadTokenizer(spec, contextLength === undefined ? {} : { contextLength });
      const { prompts } = await loadCorpus(inputs, ingestOptionsFromFlags(ingest), io.logger);
      if (prompts.length === 0) throw new LiteTextError('E_EMPTY_CORPUS', `${inputs.join(', ')}: no prompts to embed`, 'check the inputs and ingest flags');
      const encoder = await openEncoder(model, encoderOptionsFromFlags(encoderFlags, io.logger, contextLength ?? tokenizer.contextLength));
      try {
        const ids = tokenizer.encodeBatch(prompts.map((p) => p.text));
        const result = await embed(encoder, ids, { pooling, batchSize, cache: cacheFromFlags(encoderFlags, io.logger), progress: io.progress(), logger: io.logger });
        const written = writeEmbeddings(out, result, prompts);
        const s = result.stats;
        io.stderr.write(`embedded ${s.prompts} prompts (${s.unique} unique; ${s.cached} from cache, ${s.computed} computed) -> [${result.rows}, ${result.cols}] float32\n`);
        io.stderr.write(`wrote ${written.join(', ')}\n`);
      } finally {
        await encoder.close();
      }
    });
    program.addCommand(cmd);
  },
};
